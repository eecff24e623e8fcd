"""VADER as its authors publish it (vaderSentiment 3.3.2), with NLTK 3.10's variant as an option.

Which VADER
-----------
The default analyser, :class:`VaderAnalyzer`, *is* the reference implementation: it subclasses
``vaderSentiment.vaderSentiment.SentimentIntensityAnalyzer`` (Hutto & Gilbert 2014; the package is
a pinned dependency) and inherits its ``polarity_scores`` unchanged. The project adds only what
the reference lacks: the lexicon is handed in as a dict (so domain overrides and worker processes
need no file access), :meth:`VaderAnalyzer.explain` lists each token's contribution after the
rules, and :func:`fingerprint` names the lexicon and the algorithm for the score cache. Its scores
equal ``vaderSentiment``'s to the last digit (``tests/test_sentiment_reference.py`` checks every
sentence of the benchmark speeches and one sentence per rule).

``variant="nltk"`` selects :class:`NltkVaderAnalyzer`: NLTK 3.10.4's port, which courses and
textbooks teach (Bird, Klein & Loper 2009), corrected at the one point where it is plainly a bug
(it scored a repeated word with the context of its *first* occurrence, so "The food is not good,
but the service is good." came out negative). Everything else is NLTK's as it stands. The two
variants differ wherever NLTK departs from the reference; :func:`compare_vader_variants` lists
them for any texts, and notebook 03 shows the table. Each difference, with an example
(compound: reference / NLTK):

- **punctuation**: the reference strips all leading and trailing punctuation from a token when
  three or more characters remain; NLTK strips one mark, and only when the rest is a word of the
  text. "What a friend..." (0.4939 / 0): NLTK looks up "friend..." and finds nothing.
- **one-letter words**: the reference keeps "I", "a" ...; NLTK drops every one-character token.
  They count as neutral words (``neu``) and take a place in the three-word window before a
  sentiment word: "It is not fixed in a good way." (0.4404 / -0.3412): for the reference "not" is
  four words before "good", too far to negate it.
- **"no"**: the reference negates a lexicon word one or two words after "no" (three after
  "no ... or/nor") and then gives "no" itself no valence; NLTK scores "no" as a word (-1.2) and
  negates nothing. "There are no good jokes." (-0.4847 / 0.4019).
- **boosters**: 18 booster and dampener adjectives are only in the reference's list
  ("considerable", "enormous", "exceptional", "extreme", "incredible", "major", "total",
  "tremendous", "utter", "marginal", "occasional", "scarce", "slight" ...). "It was a total
  success." (0.6115 / 0.5719).
- **never so / this**: "never so good" multiplies by 1.25 in the reference and by 1.5 in NLTK,
  which also compares case-sensitively ("Never so" is not matched). "It is never so good."
  (0.6626 / 0.7279).
- **"but"**: NLTK weights by position; the reference by value (the quirk below). "A kind word but
  ok for now." (0.4215 / 0.6124).
- **idioms**: the reference's special cases ("bus stop", "beating heart", "to die for", "bad ass"
  ...) differ from NLTK's seven ("cut the mustard", "hand to mouth" ...); the reference lower-cases
  before matching and exempts "without doubt" from negation. "We felt his beating heart."
  (0.875 / 0.296).
- **emoji**: the reference replaces each emoji by its description from its emoji lexicon
  ("\N{GRINNING FACE WITH SMILING EYES}" becomes "beaming face with smiling eyes") before
  scoring; NLTK ignores them.

The reference's own quirks, kept because they *are* the reference:

- **"but" by value.** ``_but_check`` weights each valence at ``sentiments.index(value)``, the first
  position holding an equal value, not at the valence's own position. When a valence after "but"
  equals one before it after halving, the earlier one is halved twice and the later one keeps its
  weight 1: in "A kind word but ok for now." "kind" (2.4) becomes 1.2, equal to "ok" (1.2), so
  "kind" gets 0.6 and "ok" 1.2 instead of 1.2 and 1.8. :meth:`VaderAnalyzer.explain` reports the
  weight each token actually got.
- **"so" / "this" one word back.** In the third-word check an operator-precedence slip,
  ``never and (so or this) or (so or this)``, multiplies a valence by 1.25 whenever the word just
  before it is "so" or "this" and the three words before are outside the lexicon ("We met this
  fine day": "fine" 0.8 x 1.25). NLTK has the same slip.
- **Idioms set a later word.** The special cases are checked only for a lexicon word three or more
  tokens into the text, and a phrase up to three words *before* that word replaces its valence:
  in "the bus stop is pretty" "pretty" gets the 0 of "bus stop", and "stop" keeps -1.2.
- **Short tokens keep their punctuation.** A token stripped to two characters or fewer is kept as
  written (it might be an emoticon), so "no," and "ok." are not the words "no" and "ok".

The lexicon is ``vader_lexicon.txt`` from the installed, pinned ``vaderSentiment`` package, never
a download. NLTK 3.10 loads resources only from folders on ``nltk.data.path``, so the file is
copied into the project-managed folder :func:`analysis.resources.nltk_data_dir` and its SHA-256
checked against the installed file; NLTK's path checks stay on. Both variants read that copy. The
reference's emoji lexicon (``emoji_utf8_lexicon.txt``) is read from the installed package, as the
reference itself reads it.

References
----------
Hutto, C. J., & Gilbert, E. (2014). VADER: A parsimonious rule-based model for sentiment analysis
of social media text. *Proceedings of ICWSM-14*, 216-225.

Hutto, C. J. (2020). vaderSentiment 3.3.2 [software]. https://github.com/cjhutto/vaderSentiment

Bird, S., Klein, E., & Loper, E. (2009). *Natural Language Processing with Python*. O'Reilly.
"""

from __future__ import annotations

import functools
import hashlib
import importlib.metadata
import importlib.resources
import json
import math
import os
import string
import tempfile
from collections.abc import Mapping
from functools import cache
from pathlib import Path
from typing import Literal

import nltk
import nltk.data
import vaderSentiment.vaderSentiment as reference
from nltk.sentiment.vader import SentimentIntensityAnalyzer, SentiText, VaderConstants

from analysis._checks import check_option
from analysis.resources import nltk_data_dir, resource_version

#: The two VADERs: the authors' reference implementation (default) and NLTK 3.10's port.
Variant = Literal["reference", "nltk"]
#: Where the lexicon lives inside the NLTK data folder (and so the name NLTK loads it by).
LEXICON_RESOURCE = "sentiment/vader_lexicon.txt"
#: The installed reference's version, part of every cache key.
REFERENCE_VERSION = importlib.metadata.version("vaderSentiment")
#: One name per variant that changes whenever its scoring changes, so cached scores never
#: outlive the code (version 2: the reference became the default and the key names the variant).
ALGORITHMS = {
    "reference": f"vaderSentiment-{REFERENCE_VERSION}-reference-2",
    "nltk": f"nltk-{nltk.__version__}-vader-position-fix-2",
}
#: The default variant's algorithm name.
ALGORITHM = ALGORITHMS["reference"]


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def installed_lexicon_path() -> Path:
    """The ``vader_lexicon.txt`` shipped inside the installed ``vaderSentiment`` package."""
    return Path(str(importlib.resources.files("vaderSentiment") / "vader_lexicon.txt"))


def installed_emoji_lexicon_path() -> Path:
    """The ``emoji_utf8_lexicon.txt`` shipped inside the installed ``vaderSentiment`` package."""
    return Path(str(importlib.resources.files("vaderSentiment") / "emoji_utf8_lexicon.txt"))


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
    """``token<TAB>mean<TAB>...`` lines to ``{token: mean}``, as both VADERs read the file."""
    lexicon = {}
    # split on "\n" only, as both do: str.splitlines would also break at rarer separators
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


@cache
def _emoji_items() -> tuple[tuple[str, str], ...]:
    text = installed_emoji_lexicon_path().read_text("utf-8")
    # parsed as the reference's make_emoji_dict parses it (tests compare the two)
    return tuple(tuple(line.strip().split("\t")[0:2]) for line in text.rstrip("\n").split("\n"))


def emoji_lexicon() -> dict[str, str]:
    """The reference's emoji lexicon: ``{emoji: description}`` (a fresh dict each call)."""
    return dict(_emoji_items())


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


def fingerprint(lexicon: Mapping[str, float], variant: Variant = "reference") -> str:
    """SHA-256 of the variant, its algorithm name and the lexicon's content: the cache key.

    Raises
    ------
    ValueError
        If ``variant`` is not one of :data:`Variant`.
    """
    check_option("variant", variant, Variant)
    payload = json.dumps(
        [variant, ALGORITHMS[variant], sorted(lexicon.items())], separators=(",", ":")
    )
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def analyser(lexicon: Mapping[str, float] | None = None, variant: Variant = "reference"):
    """A VADER analyser of the given variant over ``lexicon`` (default: VADER's own).

    Raises
    ------
    ValueError
        If ``variant`` is not one of :data:`Variant`.
    """
    check_option("variant", variant, Variant)
    return (VaderAnalyzer if variant == "reference" else NltkVaderAnalyzer)(lexicon)


def _record(position, token, valence, adjusted, weight, contribution, modifiers) -> dict:
    return {
        "position": position,
        "token": token,
        "valence": float(valence),
        "adjusted": float(adjusted),
        "but_weight": float(weight),
        "contribution": float(contribution),
        "modifiers": modifiers,
    }


def _emphasis_record(total: float, emphasis: float) -> list[dict]:
    if total == 0 or not emphasis:
        return []
    return [_record(None, "!/? emphasis", 0.0, 0.0, 1.0, math.copysign(emphasis, total), "")]


class VaderAnalyzer(reference.SentimentIntensityAnalyzer):
    """The reference VADER (vaderSentiment), over a lexicon given as a dict, with explanations.

    ``polarity_scores`` is the reference's own, inherited unchanged.

    Parameters
    ----------
    lexicon : mapping of str to float, optional
        The lexicon to use; default VADER's (:func:`base_lexicon`).

    Examples
    --------
    >>> VaderAnalyzer().polarity_scores("The food is not good, but the service is good.")
    {'neg': 0.126, 'neu': 0.59, 'pos': 0.284, 'compound': 0.4848}
    >>> VaderAnalyzer().polarity_scores("There are no good jokes.")["compound"]
    -0.4847
    """

    variant = "reference"

    def __init__(self, lexicon: Mapping[str, float] | None = None):
        # The reference's __init__ only reads and parses its two files; we hand it the parsed
        # dicts instead, so overrides apply and worker processes read nothing.
        self.lexicon = base_lexicon() if lexicon is None else dict(lexicon)
        self.emojis = emoji_lexicon()

    def explain(self, text: str) -> list[dict]:
        """One record per token the reference scores, plus one for "!"/"?" emphasis if any.

        The reference itself scores the text; :class:`_Trace` only records the valences it
        computes on the way, so an explanation can never disagree with the score. Each record
        has ``position`` (0-based token index, None for emphasis), ``token`` (after the
        reference's emoji replacement and punctuation stripping), ``valence`` (lexicon value,
        0 when absent), ``adjusted`` (after "no" and other negation, boosters, ALL CAPS,
        "never so/this", idioms and "least"), ``but_weight`` (the factor the "but" rule
        applied: 0.5 before the first "but", 1.5 after, 1 else -- or another factor where the
        reference's by-value lookup weights a token twice or not at all), ``contribution``
        (what the token adds to the sum) and ``modifiers`` (the negators, boosters and capitals
        in the token's three-word window). The contributions add up to the sum ``s`` with
        ``compound = s / sqrt(s**2 + 15)``.
        """
        trace = _Trace(self)
        trace.polarity_scores(text)
        words, adjusted, final = trace.words, trace.adjusted, trace.final
        lowered = [w.lower() for w in words]
        but_at = lowered.index("but") if "but" in lowered else None
        is_cap_diff = reference.allcap_differential(words)
        records = []
        for i, (word, before, after) in enumerate(zip(words, adjusted, final, strict=True)):
            if before != 0:
                weight = round(after / before, 6)  # the factor applied, float noise aside
            else:
                weight = 1.0 if but_at is None or i == but_at else (0.5 if i < but_at else 1.5)
            # only a lexicon word has modifiers to show: the window is not read for the others
            modifiers = (
                _modifiers(words, i, is_cap_diff, reference.BOOSTER_DICT, _ref_negated)
                if lowered[i] in self.lexicon
                else ""
            )
            records.append(
                _record(
                    i, word, self.lexicon.get(lowered[i], 0.0), before, weight, after, modifiers
                )
            )
        total = float(sum(final))
        return records + _emphasis_record(total, self._punctuation_emphasis(trace.text))


class _Trace(VaderAnalyzer):
    """The reference analyser, recording its tokens and valences before and after "but"."""

    def __init__(self, source: VaderAnalyzer):
        self.lexicon, self.emojis = source.lexicon, source.emojis

    def _but_check(self, words_and_emoticons, sentiments):
        self.words, self.adjusted = list(words_and_emoticons), list(sentiments)
        self.final = super()._but_check(words_and_emoticons, sentiments)
        return self.final

    def score_valence(self, sentiments, text):
        self.text = text  # the text after emoji replacement, which emphasis is counted on
        return super().score_valence(sentiments, text)


@functools.lru_cache(maxsize=1 << 16)
def _ref_negated(word: str) -> bool:
    # cached: the reference's negated() rebuilds its word lists on every call
    return word.lower() == "no" or reference.negated([word])


def _modifiers(words: list[str], i: int, is_cap_diff: bool, boosters, negated) -> str:
    found = []
    if words[i].isupper() and is_cap_diff:
        found.append("CAPS")
    for word in words[max(0, i - 3) : i]:
        lower = word.lower()
        if lower in boosters or lower == "least" or negated(word):
            found.append(word)
    return " ".join(found)


class _SentiText(SentiText):
    """NLTK's ``SentiText`` with the same tokens, found without building NLTK's lookup table.

    NLTK maps every ``punctuation + word`` and ``word + punctuation`` pair (17 marks x 2 x the
    words of the text) to its word and looks each token up; that table is most of NLTK VADER's
    run time. A token matches a key exactly when its leading (or trailing) run of punctuation
    is one of the 17 marks and the rest is one of the text's punctuation-free words, so we test
    that directly. ``tests/test_vader.py`` checks the two give identical tokens.
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


class NltkVaderAnalyzer(SentimentIntensityAnalyzer):
    """NLTK 3.10's VADER with each token scored at its own position (``variant="nltk"``).

    Parameters
    ----------
    lexicon : mapping of str to float, optional
        The lexicon to use; default VADER's (:func:`base_lexicon`).

    Examples
    --------
    >>> NltkVaderAnalyzer().polarity_scores("The food is not good, but the service is good.")
    {'neg': 0.126, 'neu': 0.59, 'pos': 0.284, 'compound': 0.4848}
    >>> NltkVaderAnalyzer().polarity_scores("There are no good jokes.")["compound"]
    0.4019
    """

    variant = "nltk"

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
        """As :meth:`VaderAnalyzer.explain`, with NLTK's tokens and rules."""
        sentitext = self._sentitext(text)
        words = sentitext.words_and_emoticons
        adjusted = self._valences_before_but(sentitext)
        final = self._but_check(words, list(adjusted))
        lowered = [w.lower() for w in words]
        but_at = lowered.index("but") if "but" in lowered else None
        records = []
        for i, (word, before, after) in enumerate(zip(words, adjusted, final, strict=True)):
            weight = 1.0 if but_at is None or i == but_at else (0.5 if i < but_at else 1.5)
            modifiers = _modifiers(
                words,
                i,
                sentitext.is_cap_diff,
                self.constants.BOOSTER_DICT,
                lambda w: self.constants.negated([w]),
            )
            records.append(
                _record(
                    i,
                    word,
                    self.lexicon.get(word.lower(), 0.0),
                    before,
                    weight,
                    after,
                    modifiers if lowered[i] in self.lexicon else "",
                )
            )
        total = float(sum(final))
        return records + _emphasis_record(total, self._punctuation_emphasis(total, text))
