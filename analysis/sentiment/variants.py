"""Where the reference VADER and NLTK's port disagree, text by text, and which rule is why.

:mod:`analysis.sentiment.vader` lists NLTK 3.10's departures from the reference implementation
(vaderSentiment 3.3.2) with an example each. :func:`compare_vader_variants` scores texts with
both and names, for each text whose scores differ, the departures whose trigger occurs in it.

References
----------
Hutto, C. J., & Gilbert, E. (2014). VADER: A parsimonious rule-based model for sentiment analysis
of social media text. *Proceedings of ICWSM-14*, 216-225.
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import pairwise

import numpy as np
import pandas as pd
import vaderSentiment.vaderSentiment as reference
from nltk.sentiment.vader import VaderConstants

from analysis.sentiment._common import (
    SCORE_COLUMNS,
    Cache,
    Overrides,
    _analyser,
    _check_texts,
    _lexicon,
)
from analysis.sentiment.scores import polarity
from analysis.sentiment.vader import VaderAnalyzer, _SentiText, fingerprint

#: The departures, in the order the reasons are listed.
REASONS = (
    "emoji",
    "punctuation",
    "no",
    "booster",
    "never so/this",
    "but",
    "idiom",
    "one-letter words",
)
_NLTK = VaderConstants()
_EXTRA_BOOSTERS = frozenset(reference.BOOSTER_DICT) - frozenset(_NLTK.BOOSTER_DICT)
_IDIOMS = frozenset(reference.SPECIAL_CASES) | frozenset(_NLTK.SPECIAL_CASE_IDIOMS)
_PHRASE_BOOSTERS = frozenset(w for w in reference.BOOSTER_DICT if " " in w)


def compare_vader_variants(
    texts: Sequence[str], *, overrides: Overrides = None, cache: Cache = True
) -> pd.DataFrame:
    """Both VADER variants' scores for each text, and the departures that explain a difference.

    Parameters
    ----------
    texts : sequence of str
        The texts (sentences) to score.
    overrides, cache
        As in :func:`analysis.sentiment.scores.polarity`.

    Returns
    -------
    pandas.DataFrame
        One row per text, in input order: ``text``, ``compound_reference`` and
        ``compound_nltk`` (as :func:`polarity` gives them with ``variant="reference"`` and
        ``"nltk"``), ``delta`` (reference minus NLTK), ``scores_differ`` (any of ``neg, neu,
        pos, compound`` differs) and ``reasons``: for a text whose scores differ, the departures
        (:data:`REASONS`) whose trigger occurs in it, separated by ``"; "`` -- ``emoji``,
        ``punctuation`` (a word the two tokenisers cut differently), ``no``, ``booster`` (one
        of the reference's extra boosters), ``never so/this`` ("never" before "so"/"this", or
        a capitalised "So"/"This" after the second word), ``but`` (the reference's by-value
        "but" rule weighted a valence other than by position), ``idiom``; ``one-letter
        words`` when none of those occurs and the text has a word of one character. A trigger
        that occurs is a candidate, not a proof; ``""`` when the scores are equal.

    Raises
    ------
    TypeError
        If ``texts`` is a single string or holds a non-string.

    References
    ----------
    Hutto, C. J., & Gilbert, E. (2014). VADER. *Proceedings of ICWSM-14*, 216-225.

    Examples
    --------
    >>> table = compare_vader_variants(["There are no good jokes.", "A calm day."], cache=False)
    >>> table[["compound_reference", "compound_nltk", "scores_differ", "reasons"]]
       compound_reference  compound_nltk  scores_differ           reasons
    0             -0.4847         0.4019           True                no
    1              0.3182         0.3182           True  one-letter words
    """
    texts = _check_texts(texts)
    scores = {
        variant: polarity(texts, variant=variant, overrides=overrides, cache=cache)
        for variant in ("reference", "nltk")
    }
    ref, nltk = scores["reference"], scores["nltk"]
    differ = (ref[list(SCORE_COLUMNS)] != nltk[list(SCORE_COLUMNS)]).any(axis=1).to_numpy()
    lexicon = _lexicon(overrides)
    explainer = _analyser(lexicon, fingerprint(lexicon, "reference"), "reference")
    reasons = [
        "; ".join(_reasons(text, explainer)) if different else ""
        for text, different in zip(texts, differ, strict=True)
    ]
    return pd.DataFrame(
        {
            "text": pd.Series(texts, dtype="str"),
            "compound_reference": ref["compound"].to_numpy(),
            "compound_nltk": nltk["compound"].to_numpy(),
            "delta": np.round(ref["compound"].to_numpy() - nltk["compound"].to_numpy(), 4),
            "scores_differ": differ,
            "reasons": pd.Series(reasons, dtype="str"),
        }
    )


def _reasons(text: str, explainer: VaderAnalyzer) -> list[str]:
    records = [r for r in explainer.explain(text) if r["position"] is not None]
    tokens = [r["token"] for r in records]
    lowered = [t.lower() for t in tokens]
    raw = [w for w in text.split() if len(w) > 1]
    nltk_tokens = _SentiText(text, _NLTK.PUNC_LIST, _NLTK.REGEX_REMOVE_PUNCTUATION)
    found = {
        "emoji": any(character in explainer.emojis for character in text),
        "punctuation": [reference.SentiText._strip_punc_if_word(w) for w in raw]
        != nltk_tokens.words_and_emoticons,
        "no": "no" in lowered,
        "booster": any(t in _EXTRA_BOOSTERS for t in lowered),
        "never so/this": any(a == "never" and b in ("so", "this") for a, b in pairwise(lowered))
        # NLTK compares "so"/"this" case-sensitively where they come two words back
        or any(t in ("So", "SO", "This", "THIS") for t in tokens[2:]),
        "but": "but" in lowered and _but_by_value(records, lowered.index("but")),
        "idiom": _has_idiom(tokens, lowered),
    }
    names = [name for name in REASONS if found.get(name)]
    if not names and any(len(w) == 1 for w in text.split()):
        names = ["one-letter words"]
    return names


def _but_by_value(records: list[dict], but_at: int) -> bool:
    """True when a valence got another weight than its position before or after "but" gives."""
    for record in records:
        if record["adjusted"] == 0 or record["position"] == but_at:
            continue
        nominal = 0.5 if record["position"] < but_at else 1.5
        if record["but_weight"] != nominal:
            return True
    return False


def _has_idiom(tokens: list[str], lowered: list[str]) -> bool:
    for n in (2, 3):
        for start in range(len(lowered) - n + 1):
            phrase = " ".join(lowered[start : start + n])
            written = " ".join(tokens[start : start + n])
            if phrase in _IDIOMS or phrase == "without doubt":
                return True
            if phrase in _PHRASE_BOOSTERS and written != phrase:
                return True
    return False
