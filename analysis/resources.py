"""Linguistic resources the project owns (in ``data/``) and the NLTK data folder it manages.

Everything here is read from files in the repository or from installed packages, never downloaded,
so every machine gets the same results. Lists are read once and cached.
"""

from dataclasses import dataclass
from functools import cache
from pathlib import Path

import nltk

from analysis.paths import LEXICONS_DIR, NLTK_DATA_DIR, RESOURCES_DIR


def _entries(path: Path) -> list[str]:
    """Non-blank lines of a resource file, without ``#`` comments."""
    lines = (line.split("#", 1)[0].strip() for line in path.read_text("utf-8").splitlines())
    return [line for line in lines if line]


def resource_version(path: Path) -> str:
    """The ``# version:`` header of a resource file (``"unversioned"`` when it has none)."""
    for line in path.read_text("utf-8").splitlines():
        if line.startswith("# version:"):
            return line.removeprefix("# version:").strip()
    return "unversioned"


@cache
def stopwords() -> frozenset[str]:
    """The project's stopword list (``data/resources/stopwords.txt``).

    It removes only articles, prepositions, conjunctions and auxiliaries: pronouns, modals,
    negation and quantifiers are what discourse analysis studies, so they are kept.

    >>> "the" in stopwords(), "we" in stopwords(), "must" in stopwords(), "not" in stopwords()
    (True, False, False, False)
    """
    return frozenset(_entries(RESOURCES_DIR / "stopwords.txt"))


@dataclass(frozen=True)
class Abbreviations:
    """Abbreviations that keep their period: ``always`` anywhere, ``before_number`` only before one.

    Entries are lower case, with their periods (``"nov."``, ``"u.s."``).
    """

    always: frozenset[str]
    before_number: frozenset[str]

    @property
    def punkt_types(self) -> frozenset[str]:
        """The ``always`` entries in Punkt's form: lower case, without the final period."""
        return frozenset(entry[:-1] for entry in self.always)


@cache
def abbreviations() -> Abbreviations:
    """The project's abbreviation list (``data/resources/abbreviations.txt``).

    >>> "nov." in abbreviations().always, "no." in abbreviations().before_number
    (True, True)
    """
    always, before_number = set(), set()
    for entry in _entries(RESOURCES_DIR / "abbreviations.txt"):
        word, *flags = entry.split()
        (before_number if "+number" in flags else always).add(word.lower())
    return Abbreviations(frozenset(always), frozenset(before_number))


@cache
def titles() -> frozenset[str]:
    """Role words that precede a name ("President", "Minister"), lower case."""
    return frozenset(_entries(RESOURCES_DIR / "titles.txt"))


@cache
def reporting_verbs() -> dict[str, tuple[str, str]]:
    """Reporting-verb forms mapped to ``(lemma, category)``; multi-word forms use a space.

    >>> reporting_verbs()["called on"]
    ('call on', 'speech')
    """
    forms = {}
    for entry in _entries(LEXICONS_DIR / "reporting_verbs.txt"):
        category, lemma, inflections = entry.split("\t")
        for form in inflections.split():
            forms[form.replace("_", " ")] = (lemma.replace("_", " "), category)
    return forms


@cache
def source_nouns() -> dict[str, str]:
    """Head nouns of a plausible source of reported speech, mapped to their kind.

    Kinds are ``person``, ``organisation``, ``state``, ``document``, ``collective`` and ``saying``
    (``data/resources/source_nouns.tsv``).

    >>> source_nouns()["ministry"], source_nouns()["proverb"], "pandemic" in source_nouns()
    ('organisation', 'saying', False)
    """
    nouns = {}
    for entry in _entries(RESOURCES_DIR / "source_nouns.tsv"):
        kind, forms = entry.split("\t")
        for form in forms.split():
            nouns.setdefault(form, kind)
    return nouns


@cache
def discourse_markers() -> frozenset[str]:
    """Conjunctions and discourse markers that open a clause but never a source, lower case.

    >>> "yet" in discourse_markers(), "president" in discourse_markers()
    (True, False)
    """
    return frozenset(_entries(RESOURCES_DIR / "discourse_markers.txt"))


@cache
def state_names() -> dict[str, str]:
    """Names of states mapped to their ISO 3166-1 alpha-3 code.

    Every name form in the installed ``pycountry`` (name, common and official name, each also
    without its comma or bracket part), plus the names in ``data/resources/state_names.tsv``
    that ISO does not use ("America", "Soviet Union").

    >>> state_names()["China"], state_names()["America"], state_names()["Russian Federation"]
    ('CHN', 'USA', 'RUS')
    """
    import pycountry

    names = {}
    for country in pycountry.countries:
        forms = {country.name}
        forms |= {
            getattr(country, attr, None) or country.name
            for attr in ("common_name", "official_name")
        }
        forms |= {form.split(",")[0] for form in forms} | {form.split(" (")[0] for form in forms}
        for form in forms:
            names.setdefault(form.removeprefix("the ").strip(), country.alpha_3)
    for entry in _entries(RESOURCES_DIR / "state_names.tsv"):
        name, code = entry.split("\t")
        names[name] = code
    return names


def nltk_data_dir() -> Path:
    """The project-managed NLTK data folder, created if missing and put on ``nltk.data.path``.

    NLTK 3.10 reads resources only from folders on its data path. Modules that hand NLTK a
    resource taken from an installed package (the VADER lexicon, for example) copy it here
    rather than turning NLTK's path checks off.
    """
    NLTK_DATA_DIR.mkdir(parents=True, exist_ok=True)
    folder = str(NLTK_DATA_DIR)
    if folder not in nltk.data.path:
        nltk.data.path.append(folder)
    return NLTK_DATA_DIR
