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
