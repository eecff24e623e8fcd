"""VADER as NLTK teaches it, corrected where NLTK 3.10 scores repeated words wrongly.

Why this analyser and not another
---------------------------------
NLTK's :class:`~nltk.sentiment.vader.SentimentIntensityAnalyzer` is the VADER that courses and
textbooks teach (Bird, Klein & Loper 2009 and the NLTK how-tos), so its tokenisation, constants
and rules are the ones our readers know. In NLTK 3.10.4 its ``polarity_scores`` looks a word's
position up by the word's *first* occurrence, so a sentiment word that repeats in a sentence is
scored with the context (negation, boosters, "but") of its first occurrence: "The food is not
good, but the service is good." scores the second "good" as "not good" and comes out negative.
The reference implementation (vaderSentiment 3.3.2) iterates positions, which is what Hutto &
Gilbert (2014) describe. We subclass NLTK's analyser and change that one point -- each token is
scored at its own position -- and keep everything else exactly as NLTK has it.

We did not switch to the upstream ``vaderSentiment`` analyser because it differs from NLTK in many
small places (punctuation stripping, "no" as a negator, emoji, "never so" weights) and its own
"but" rule looks sentiments up by value (``sentiments.index``), which mis-weights equal valences.
Teaching one analyser and running another would make the notebooks' hand calculations wrong.

The lexicon is ``vader_lexicon.txt`` from the installed, pinned ``vaderSentiment`` package, never a
download. NLTK 3.10 loads resources only from folders on ``nltk.data.path``, so the file is copied
into the project-managed folder :func:`analysis.resources.nltk_data_dir` and its SHA-256 checked
against the installed file; NLTK's path checks stay on.

References
----------
Hutto, C. J., & Gilbert, E. (2014). VADER: A parsimonious rule-based model for sentiment analysis
of social media text. *Proceedings of ICWSM-14*, 216-225.

Bird, S., Klein, E., & Loper, E. (2009). *Natural Language Processing with Python*. O'Reilly.
"""

from __future__ import annotations

import hashlib
import importlib.resources
import json
import math
import os
import string
import tempfile
from collections.abc import Mapping
from functools import cache
from pathlib import Path

import nltk
import nltk.data
from nltk.sentiment.vader import SentimentIntensityAnalyzer, SentiText, VaderConstants

from analysis.resources import nltk_data_dir, resource_version

#: Where the lexicon lives inside the NLTK data folder (and so the name NLTK loads it by).
LEXICON_RESOURCE = "sentiment/vader_lexicon.txt"
#: Changes whenever this module's scoring changes, so cached scores never outlive the code.
ALGORITHM = f"nltk-{nltk.__version__}-vader-position-fix-1"


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def installed_lexicon_path() -> Path:
    """The ``vader_lexicon.txt`` shipped inside the installed ``vaderSentiment`` package."""
    return Path(str(importlib.resources.files("vaderSentiment") / "vader_lexicon.txt"))


def ensure_lexicon(folder: Path | None = None) -> Path:
    """Copy the installed lexicon into the project's NLTK data folder; verify its checksum.

    Parameters
    ----------
    folder : pathlib.Path, optional
        The NLTK data folder; default :func:`analysis.resources.nltk_data_dir`.

    Returns
    -------
    pathlib.Path
        The verified copy, loadable by NLTK as :data:`LEXICON_RESOURCE`.

    Raises
    ------
    RuntimeError
        If the copy does not match the installed file byte for byte.
    """
    source = installed_lexicon_path()
    target = (nltk_data_dir() if folder is None else folder) / LEXICON_RESOURCE
    expected = _sha256(source)
    if target.exists() and _sha256(target) == expected:
        return target
    target.parent.mkdir(parents=True, exist_ok=True)
    # write then rename, so a parallel worker never reads a half-written lexicon
    with tempfile.NamedTemporaryFile(dir=target.parent, delete=False) as handle:
        handle.write(source.read_bytes())
    os.replace(handle.name, target)
    if _sha256(target) != expected:
        raise RuntimeError(
            f"{target}: the copied VADER lexicon does not match {source}; delete the copy and retry"
        )
    return target


def parse_lexicon(text: str) -> dict[str, float]:
    """``token<TAB>mean<TAB>...`` lines to ``{token: mean}``, as NLTK's ``make_lex_dict`` does."""
    lexicon = {}
    # split on "\n" only, as NLTK does: str.splitlines would also break at rarer separators
    for line in text.split("\n"):
        if line.strip():
            word, measure = line.strip().split("\t")[0:2]
            lexicon[word] = float(measure)
    return lexicon


@cache
def _base_lexicon_items() -> tuple[tuple[str, float], ...]:
    ensure_lexicon()
    text = nltk.data.load(LEXICON_RESOURCE, format="text", cache=False)
    return tuple(parse_lexicon(text).items())


def base_lexicon() -> dict[str, float]:
    """VADER's lexicon (a fresh dict each call, so callers may change it)."""
    return dict(_base_lexicon_items())


def read_overrides(path: str | os.PathLike) -> dict[str, float]:
    """Read a lexicon-override file: ``token<TAB>valence<TAB>reason`` lines, ``#`` comments.

    A valence of ``0`` neutralises the token: it is removed from the lexicon, so VADER treats it
    like any word it does not know (also as a possible negation or booster context). Any other
    valence replaces or adds the entry. Tokens are matched in lower case, as VADER does.

    Raises
    ------
    ValueError
        Naming the file and line when a line is malformed or a valence is outside [-4, 4].
    """
    path = Path(path)
    overrides: dict[str, float] = {}
    for number, line in enumerate(path.read_text("utf-8").splitlines(), start=1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        fields = line.split("\t")
        where = f"{path}, line {number}"
        if len(fields) < 2 or not fields[0].strip() or " " in fields[0].strip():
            raise ValueError(
                f"{where}: expected 'token<TAB>valence<TAB>reason' with a one-word token, "
                f"got {line!r}"
            )
        try:
            valence = float(fields[1])
        except ValueError:
            raise ValueError(f"{where}: valence {fields[1]!r} is not a number") from None
        if not -4.0 <= valence <= 4.0:
            raise ValueError(f"{where}: valence {valence} is outside VADER's scale [-4, 4]")
        overrides[fields[0].strip().lower()] = valence
    return overrides


def overrides_version(path: str | os.PathLike) -> str:
    """The ``# version:`` header of an override file."""
    return resource_version(Path(path))


def apply_overrides(lexicon: Mapping[str, float], overrides: Mapping[str, float]) -> dict:
    """A new lexicon with ``overrides`` applied (valence 0 removes the entry)."""
    result = dict(lexicon)
    for token, valence in overrides.items():
        if valence == 0:
            result.pop(token.lower(), None)
        else:
            result[token.lower()] = float(valence)
    return result


def fingerprint(lexicon: Mapping[str, float]) -> str:
    """SHA-256 of the lexicon's content and :data:`ALGORITHM`: the cache's version key."""
    payload = json.dumps([ALGORITHM, sorted(lexicon.items())], separators=(",", ":"))
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


class _SentiText(SentiText):
    """NLTK's ``SentiText`` with the same tokens, found without building NLTK's lookup table.

    NLTK maps every ``punctuation + word`` and ``word + punctuation`` pair (17 marks x 2 x the
    words of the text) to its word and looks each token up; that table is most of VADER's run
    time. A token matches a key exactly when its leading (or trailing) run of punctuation is one
    of the 17 marks and the rest is one of the text's punctuation-free words, so we test that
    directly. ``tests/test_vader.py`` checks the two give identical tokens.
    """

    _MARKS = frozenset(VaderConstants.PUNC_LIST)
    _PUNCTUATION = string.punctuation

    def _words_and_emoticons(self):
        words_only = {
            w for w in self.REGEX_REMOVE_PUNCTUATION.sub("", self.text).split() if len(w) > 1
        }
        tokens = []
        for token in self.text.split():
            if len(token) <= 1:
                continue
            rest = token.lstrip(self._PUNCTUATION)
            if rest != token and token[: len(token) - len(rest)] in self._MARKS:
                if rest in words_only:
                    token = rest
            else:
                rest = token.rstrip(self._PUNCTUATION)
                if rest != token and token[len(rest) :] in self._MARKS and rest in words_only:
                    token = rest
            tokens.append(token)
        return tokens


class VaderAnalyzer(SentimentIntensityAnalyzer):
    """NLTK's VADER with each token scored at its own position.

    Parameters
    ----------
    lexicon : mapping of str to float, optional
        The lexicon to use; default VADER's (:func:`base_lexicon`).

    Examples
    --------
    >>> VaderAnalyzer().polarity_scores("The food is not good, but the service is good.")
    {'neg': 0.126, 'neu': 0.59, 'pos': 0.284, 'compound': 0.4848}
    """

    def __init__(self, lexicon: Mapping[str, float] | None = None):
        # NLTK's __init__ only loads the lexicon file; we hand it the parsed dict instead, so
        # worker processes and override lexicons need no file access.
        self.lexicon_file = None
        self.lexicon = base_lexicon() if lexicon is None else dict(lexicon)
        self.constants = VaderConstants()

    def _sentitext(self, text: str) -> SentiText:
        return _SentiText(text, self.constants.PUNC_LIST, self.constants.REGEX_REMOVE_PUNCTUATION)

    def _valences_before_but(self, sentitext: SentiText) -> list[float]:
        words = sentitext.words_and_emoticons
        sentiments: list[float] = []
        # The correction: ``i`` is this occurrence's position (NLTK 3.10 used the first one's).
        for i, item in enumerate(words):
            lower = item.lower()
            if (
                i < len(words) - 1 and lower == "kind" and words[i + 1].lower() == "of"
            ) or lower in self.constants.BOOSTER_DICT:
                sentiments.append(0)
                continue
            sentiments = self.sentiment_valence(0, sentitext, item, i, sentiments)
        return sentiments

    def polarity_scores(self, text: str) -> dict[str, float]:
        """VADER's ``neg, neu, pos, compound`` for one text (rounded as VADER rounds them)."""
        sentitext = self._sentitext(text)
        sentiments = self._valences_before_but(sentitext)
        sentiments = self._but_check(sentitext.words_and_emoticons, sentiments)
        return self.score_valence(sentiments, text)

    def explain(self, text: str) -> list[dict]:
        """One record per VADER token, plus one for punctuation emphasis when there is any.

        Each record has ``position`` (0-based VADER token index, None for emphasis), ``token``,
        ``valence`` (lexicon value, 0 when absent), ``adjusted`` (after negation, boosters,
        ALL CAPS, "least" and idioms), ``but_weight`` (0.5 before the first "but", 1.5 after,
        else 1), ``contribution`` (what the token adds to VADER's sum) and ``modifiers`` (the
        negators, boosters and capitals in the token's three-word window that VADER reads).
        The contributions add up to the sum that ``compound`` normalises.
        """
        sentitext = self._sentitext(text)
        words = sentitext.words_and_emoticons
        adjusted = self._valences_before_but(sentitext)
        final = self._but_check(words, list(adjusted))
        lowered = [w.lower() for w in words]
        but_at = lowered.index("but") if "but" in lowered else None
        records = []
        for i, (word, before, after) in enumerate(zip(words, adjusted, final, strict=True)):
            weight = 1.0 if but_at is None or i == but_at else (0.5 if i < but_at else 1.5)
            records.append(
                {
                    "position": i,
                    "token": word,
                    "valence": self.lexicon.get(word.lower(), 0.0),
                    "adjusted": float(before),
                    "but_weight": weight,
                    "contribution": float(after),
                    "modifiers": self._modifiers(words, i, sentitext.is_cap_diff)
                    if word.lower() in self.lexicon
                    else "",
                }
            )
        total = float(sum(final))
        emphasis = self._punctuation_emphasis(total, text)
        if total != 0 and emphasis:
            records.append(
                {
                    "position": None,
                    "token": "!/? emphasis",
                    "valence": 0.0,
                    "adjusted": 0.0,
                    "but_weight": 1.0,
                    "contribution": math.copysign(emphasis, total),
                    "modifiers": "",
                }
            )
        return records

    def _modifiers(self, words: list[str], i: int, is_cap_diff: bool) -> str:
        found = []
        if words[i].isupper() and is_cap_diff:
            found.append("CAPS")
        for word in words[max(0, i - 3) : i]:
            lower = word.lower()
            is_booster = lower in self.constants.BOOSTER_DICT or lower == "least"
            if is_booster or self.constants.negated([word]):
                found.append(word)
        return " ".join(found)
