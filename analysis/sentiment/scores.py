"""VADER's scores for texts and sentences, cached by text and lexicon, on every core when large.

The scores are the reference implementation's (vaderSentiment 3.3.2), digit for digit;
``variant="nltk"`` gives NLTK 3.10's port instead (corrected for repeated words), whose
departures from the reference :mod:`analysis.sentiment.vader` lists with examples.

VADER (Hutto & Gilbert 2014) adds up the valences of the words it knows (its lexicon rates about
7,500 words and emoticons from -4 to +4), after five rules: negation (also "no" before a word)
flips and dampens a valence (x -0.74), boosters and dampeners ("very", "kind of") shift it by
0.293, a word in ALL CAPS among lower-case words gains 0.733, "but" halves what comes before it
and raises what follows by half, and "!"/"?" add emphasis; a few idioms have fixed values. The
sum is mapped into [-1, 1] by ``compound = s / sqrt(s**2 + 15)``; ``pos``, ``neu`` and ``neg`` are
the shares of the text's weight that are positive, neutral and negative.

VADER is a sentence-level method: a whole speech scored as one string lets a few hundred mild words
saturate ``compound`` at +-1. Score sentences, then aggregate
(:func:`analysis.sentiment.summary.sentiment_summary`).

Scores are cached by text, variant and lexicon fingerprint (never stale) in
``build/cache/sentiment/``, and large inputs are scored on all cores, in input order.

References
----------
Hutto, C. J., & Gilbert, E. (2014). VADER: A parsimonious rule-based model for sentiment analysis
of social media text. *Proceedings of ICWSM-14*, 216-225.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import pandas as pd

from analysis._checks import check_option
from analysis.distributed.dispatch import distributable
from analysis.progress import progress, watched
from analysis.sentiment._common import (
    SCORE_COLUMNS,
    Cache,
    Overrides,
    _check_texts,
    _labels,
    _lexicon,
    _require,
    _score,
    _store,
)
from analysis.sentiment.cache import text_key
from analysis.sentiment.vader import Variant, fingerprint

# sentences per batch at least, when a progress bar is shown
_BATCH = 2_000


def polarity(
    texts: Sequence[str],
    *,
    variant: Variant = "reference",
    overrides: Overrides = None,
    cache: Cache = True,
    processes: int | None = None,
) -> pd.DataFrame:
    """VADER's scores for each text, each scored as a whole, in input order.

    Pass sentences: VADER is a sentence-level method (see the module notes).

    Parameters
    ----------
    texts : sequence of str
        The texts to score.
    variant : {"reference", "nltk"}, default "reference"
        ``"reference"``: the authors' implementation (vaderSentiment 3.3.2), exactly;
        ``"nltk"``: NLTK 3.10's port, corrected for repeated words (see
        :mod:`analysis.sentiment.vader` for where the two differ).
    overrides : path or mapping of str to float, optional
        Lexicon overrides (see :func:`analysis.sentiment.vader.read_overrides`); for the project's
        file pass :data:`DOMAIN_OVERRIDES`. Default: VADER's lexicon unchanged.
    cache : bool or path, default True
        True: reuse and store scores in ``build/cache/sentiment/``; a folder: use that one;
        False: no cache. Keys include the variant and the lexicon's fingerprint, so a cache is
        never stale.
    processes : int, optional
        Worker processes. Default: all cores when at least :data:`PARALLEL_MIN` texts need
        scoring, else one.

    Returns
    -------
    pandas.DataFrame
        One row per text: ``neg, neu, pos`` (shares of the text's weight, 3 decimals) and
        ``compound`` (normalised sum in [-1, 1], 4 decimals), as VADER rounds them.

    Raises
    ------
    TypeError
        If ``texts`` is a single string or holds a non-string.
    ValueError
        If ``variant`` or ``processes`` is not a valid choice.

    References
    ----------
    Hutto, C. J., & Gilbert, E. (2014). VADER. *Proceedings of ICWSM-14*, 216-225.

    Examples
    --------
    >>> polarity(["The food is not good, but the service is good."], cache=False)
         neg   neu    pos  compound
    0  0.126  0.59  0.284    0.4848
    >>> polarity(["There are no good jokes."] * 2, variant="nltk", cache=False)["compound"]
    0    0.4019
    1    0.4019
    Name: compound, dtype: float64
    """
    texts = _check_texts(texts)
    check_option("variant", variant, Variant)
    if processes is not None and (not isinstance(processes, int) or processes < 1):
        raise ValueError(f"processes={processes!r} must be a positive integer or None")
    lexicon = _lexicon(overrides)
    version = fingerprint(lexicon, variant)
    keys = [text_key(version, text) for text in texts]
    store = _store(cache)
    known = store.get(keys) if store is not None else {}
    todo = list(dict.fromkeys(t for t, k in zip(texts, keys, strict=True) if k not in known))
    if todo:
        scored = []
        # in batches only when a bar is shown: a batch costs a process pool of its own
        size = max(_BATCH, math.ceil(len(todo) / 20)) if watched() else len(todo)
        with progress(total=len(todo), desc="VADER", unit="sentence") as bar:
            for start in range(0, len(todo), size):
                batch = todo[start : start + size]
                scored.extend(_score(batch, lexicon, version, processes, variant))
                bar.update(len(batch))
        new = {text_key(version, t): s for t, s in zip(todo, scored, strict=True)}
        if store is not None:
            store.put(new.items())
        known = {**known, **new}
    rows = [known[key] for key in keys]
    return pd.DataFrame(rows, columns=list(SCORE_COLUMNS), dtype=float).reset_index(drop=True)


@distributable
def sentence_sentiment(
    sentences: pd.DataFrame,
    *,
    variant: Variant = "reference",
    overrides: Overrides = None,
    cache: Cache = True,
    processes: int | None = None,
) -> pd.DataFrame:
    """The sentences table with VADER's scores and a label added (input not mutated).

    Parameters
    ----------
    sentences : pandas.DataFrame
        A table with a ``text`` column, usually ``corpus.sentences``.
    variant, overrides, cache, processes
        As in :func:`polarity`.

    Returns
    -------
    pandas.DataFrame
        ``sentences`` plus ``neg, neu, pos, compound`` and ``label`` (categorical
        ``negative < neutral < positive`` by the +-0.05 thresholds).

    References
    ----------
    Hutto, C. J., & Gilbert, E. (2014). VADER. *Proceedings of ICWSM-14*, 216-225.

    Examples
    --------
    >>> table = pd.DataFrame({"sentence_id": [1, 2], "text": ["We agree.", "It is a bad deal."]})
    >>> sentence_sentiment(table, cache=False)[["sentence_id", "compound", "label"]]
       sentence_id  compound     label
    0            1    0.3612  positive
    1            2   -0.5423  negative
    """
    _require(sentences, ["text"], "sentence_sentiment")
    scores = polarity(
        sentences["text"].tolist(),
        variant=variant,
        overrides=overrides,
        cache=cache,
        processes=processes,
    )
    added = {c: scores[c].to_numpy() for c in SCORE_COLUMNS}
    return sentences.assign(**added, label=_labels(scores["compound"]))
