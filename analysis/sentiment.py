"""Sentence-level sentiment with VADER: scores, summaries, explanations, sensitivity, comparison.

VADER (Hutto & Gilbert 2014) adds up the valences of the words it knows (its lexicon rates about
7,500 words and emoticons from -4 to +4), after five rules: negation flips and dampens a valence
(x -0.74), boosters and dampeners ("very", "kind of") shift it by 0.293, a word in ALL CAPS among
lower-case words gains 0.733, "but" halves what comes before it and raises what follows by half,
and "!"/"?" add emphasis. The sum is mapped into [-1, 1] by ``compound = s / sqrt(s**2 + 15)``;
``pos``, ``neu`` and ``neg`` are the shares of the text's weight that are positive, neutral and
negative. By convention a sentence is positive when ``compound >= 0.05``, negative when
``compound <= -0.05`` and neutral otherwise.

The scorer is NLTK's analyser corrected at one point: NLTK 3.10.4 scores a repeated word with the
context of its first occurrence ("The food is not good, but the service is good." comes out
negative). :mod:`analysis._vader` explains why we chose "VADER, as NLTK teaches it, made correct"
over the upstream package; its lexicon is the one shipped in the installed ``vaderSentiment``.

VADER is a sentence-level method: a whole speech scored as one string lets a few hundred mild words
saturate ``compound`` at +-1. Score sentences, then aggregate (:func:`sentiment_summary`).

What it cannot see: irony, diplomatic understatement, who is praised or blamed, and topic words the
lexicon treats as evaluative ("security" +1.4, "terrorist" -3.7, "united" +1.8).
:func:`sentiment_sensitivity` shows how much conclusions depend on such words, using a small
override lexicon the project owns (``data/lexicons/sentiment_overrides.tsv``, used only when asked);
:func:`compare_sentiment_methods` compares VADER with TextBlob's pattern lexicon (De Smedt &
Daelemans 2012).

Scores are cached by text and lexicon fingerprint (never stale) in ``build/cache/sentiment/``, and
large inputs are scored on all cores, in input order.

References
----------
Hutto, C. J., & Gilbert, E. (2014). VADER: A parsimonious rule-based model for sentiment analysis
of social media text. *Proceedings of ICWSM-14*, 216-225.

De Smedt, T., & Daelemans, W. (2012). Pattern for Python. *Journal of Machine Learning Research*,
13, 2063-2067.

Spearman, C. (1904). The proof and measurement of association between two things. *American
Journal of Psychology*, 15(1), 72-101.

Cohen, J. (1960). A coefficient of agreement for nominal scales. *Educational and Psychological
Measurement*, 20(1), 37-46.
"""

from __future__ import annotations

import math
import os
from collections.abc import Mapping, Sequence
from concurrent.futures import ProcessPoolExecutor
from operator import itemgetter
from typing import Literal

import numpy as np
import pandas as pd

from analysis._sentiment_cache import SCORE_COLUMNS, ScoreCache, text_key
from analysis._vader import (
    VaderAnalyzer,
    apply_overrides,
    base_lexicon,
    fingerprint,
    read_overrides,
)
from analysis.paths import CACHE_DIR, LEXICONS_DIR

__all__ = [
    "DOMAIN_OVERRIDES",
    "THRESHOLD",
    "compare_sentiment_methods",
    "explain_sentiment",
    "polarity",
    "sentence_sentiment",
    "sentiment_sensitivity",
    "sentiment_summary",
]

#: The project's override lexicon for security discourse (used only when passed explicitly).
DOMAIN_OVERRIDES = LEXICONS_DIR / "sentiment_overrides.tsv"
#: Hutto & Gilbert's conventional cut-off: positive >= +0.05, negative <= -0.05.
THRESHOLD = 0.05
#: Below this many texts to score, starting worker processes costs more than it saves (measured
#: on two cores: see benchmarks/sentiment.py).
PARALLEL_MIN = 3000

Level = Literal["sentence", "corpus", "document", "paragraph", "voice", "speaker"]
_LEVELS = ("sentence", "corpus", "document", "paragraph", "voice", "speaker")
_GROUP_COLUMNS = {
    "corpus": [],
    "document": ["doc_id"],
    "paragraph": ["doc_id", "paragraph_id"],
    "voice": ["voice"],
    "speaker": ["speaker"],
}
_ID_COLUMNS = ["doc_id", "paragraph_id", "sentence_id", "voice", "speaker"]
_LABELS = ["negative", "neutral", "positive"]
Overrides = str | os.PathLike | Mapping[str, float] | None
Cache = bool | str | os.PathLike


# ---------------------------------------------------------------- validation and plumbing


def _check_option(name: str, value, allowed: Sequence) -> None:
    if value not in allowed:
        choices = ", ".join(repr(option) for option in allowed)
        raise ValueError(f"{name}={value!r} is not one of: {choices}")


def _group_columns(by, *, allow_sentence: bool) -> list[str] | None:
    """Columns to group by for ``by`` (None for the per-sentence level)."""
    levels = [by] if isinstance(by, str) or by is None else list(by)
    allowed = _LEVELS if allow_sentence else _LEVELS[1:]
    for level in levels:
        _check_option("by", level, allowed)
    if levels == ["sentence"]:
        return None
    if "sentence" in levels:
        raise ValueError("by='sentence' cannot be combined with other levels")
    columns: list[str] = []
    for level in levels:
        columns += [c for c in _GROUP_COLUMNS[level] if c not in columns]
    return columns


def _require(frame: pd.DataFrame, columns: Sequence[str], what: str) -> None:
    if not isinstance(frame, pd.DataFrame):
        raise TypeError(f"{what} needs a DataFrame (the corpus sentences table), got {frame!r:.60}")
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        raise ValueError(f"{what}: the table has no column(s) {missing}; expected {list(columns)}")


def _as_sentences(data) -> pd.DataFrame:
    """A sentences table from a table or a plain sequence of strings."""
    if isinstance(data, pd.DataFrame):
        _require(data, ["text"], "sentiment")
        return data
    texts = _check_texts(data)
    return pd.DataFrame(
        {"sentence_id": np.arange(1, len(texts) + 1), "text": pd.Series(texts, dtype="str")}
    )


def _check_texts(texts) -> list[str]:
    if isinstance(texts, str):
        raise TypeError("pass a list of strings (one per sentence), not a single string")
    texts = list(texts)
    for position, text in enumerate(texts):
        if not isinstance(text, str):
            raise TypeError(f"texts[{position}] is {text!r:.40}, not a string")
    return texts


def _lexicon(overrides: Overrides) -> dict[str, float]:
    if overrides is None:
        return base_lexicon()
    if isinstance(overrides, Mapping):
        return apply_overrides(base_lexicon(), overrides)
    return apply_overrides(base_lexicon(), read_overrides(overrides))


def _store(cache: Cache) -> ScoreCache | None:
    if cache is False:
        return None
    return ScoreCache(CACHE_DIR / "sentiment" if cache is True else cache)


_ANALYSERS: dict[str, VaderAnalyzer] = {}


def _analyser(lexicon: dict[str, float], key: str) -> VaderAnalyzer:
    if key not in _ANALYSERS:
        if len(_ANALYSERS) > 8:
            _ANALYSERS.clear()
        _ANALYSERS[key] = VaderAnalyzer(lexicon)
    return _ANALYSERS[key]


_WORKER: VaderAnalyzer | None = None


def _init_worker(lexicon: dict[str, float]) -> None:
    global _WORKER
    _WORKER = VaderAnalyzer(lexicon)


_PICK = itemgetter(*SCORE_COLUMNS)


def _scores(analyser: VaderAnalyzer, texts: list[str]) -> list[tuple[float, ...]]:
    return [_PICK(analyser.polarity_scores(t)) for t in texts]


def _score_chunk(texts: list[str]) -> list[tuple[float, ...]]:
    return _scores(_WORKER, texts)


def _score(texts: list[str], lexicon: dict, key: str, processes: int | None) -> list[tuple]:
    """Score ``texts`` with VADER, in order, on one or several processes."""
    if processes is None:
        processes = (os.cpu_count() or 1) if len(texts) >= PARALLEL_MIN else 1
    if processes == 1 or len(texts) < 2:
        return _scores(_analyser(lexicon, key), texts)
    size = math.ceil(len(texts) / (processes * 4))
    chunks = [texts[i : i + size] for i in range(0, len(texts), size)]
    with ProcessPoolExecutor(processes, initializer=_init_worker, initargs=(lexicon,)) as pool:
        # map keeps the chunks' order, so the output order never depends on scheduling
        return [scores for chunk in pool.map(_score_chunk, chunks) for scores in chunk]


def _labels(compound) -> pd.Categorical:
    values = np.asarray(compound, dtype=float)
    labels = np.where(
        values >= THRESHOLD, "positive", np.where(values <= -THRESHOLD, "negative", "neutral")
    )
    return pd.Categorical(labels, categories=_LABELS)


def _ids(frame: pd.DataFrame) -> pd.DataFrame:
    return frame[[c for c in _ID_COLUMNS if c in frame.columns]].reset_index(drop=True)


def _by_group(frame: pd.DataFrame, columns: list[str]):
    """``groupby`` that keeps <NA> speakers and also works for the whole corpus (no columns)."""
    if not columns:
        return frame.assign(_all=0).groupby("_all", sort=True), ["_all"]
    return frame.groupby(columns, sort=True, dropna=False, observed=True), columns


def _label_shares(compound: pd.Series, prefix: str = "", suffix: str = "") -> dict:
    n = len(compound)
    counts = {
        "positive": int((compound >= THRESHOLD).sum()),
        "neutral": int(((compound > -THRESHOLD) & (compound < THRESHOLD)).sum()),
        "negative": int((compound <= -THRESHOLD).sum()),
    }
    result = {f"n_{k}{suffix}": v for k, v in counts.items()}
    result |= {f"share_{k}{suffix}": (v / n if n else np.nan) for k, v in counts.items()}
    return result


# ---------------------------------------------------------------- public functions


def polarity(
    texts: Sequence[str],
    *,
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
    overrides : path or mapping of str to float, optional
        Lexicon overrides (see :func:`analysis._vader.read_overrides`); for the project's file
        pass :data:`DOMAIN_OVERRIDES`. Default: VADER's lexicon unchanged.
    cache : bool or path, default True
        True: reuse and store scores in ``build/cache/sentiment/``; a folder: use that one;
        False: no cache. Keys include the lexicon's fingerprint, so a cache is never stale.
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

    References
    ----------
    Hutto, C. J., & Gilbert, E. (2014). VADER. *Proceedings of ICWSM-14*, 216-225.

    Examples
    --------
    >>> polarity(["The food is not good, but the service is good."], cache=False)
         neg   neu    pos  compound
    0  0.126  0.59  0.284    0.4848
    """
    texts = _check_texts(texts)
    if processes is not None and (not isinstance(processes, int) or processes < 1):
        raise ValueError(f"processes={processes!r} must be a positive integer or None")
    lexicon = _lexicon(overrides)
    version = fingerprint(lexicon)
    keys = [text_key(version, text) for text in texts]
    store = _store(cache)
    known = store.get(keys) if store is not None else {}
    todo = list(dict.fromkeys(t for t, k in zip(texts, keys, strict=True) if k not in known))
    if todo:
        scored = _score(todo, lexicon, version, processes)
        new = {text_key(version, t): s for t, s in zip(todo, scored, strict=True)}
        if store is not None:
            store.put(new.items())
        known = {**known, **new}
    rows = [known[key] for key in keys]
    return pd.DataFrame(rows, columns=list(SCORE_COLUMNS), dtype=float).reset_index(drop=True)


def sentence_sentiment(
    sentences: pd.DataFrame,
    *,
    overrides: Overrides = None,
    cache: Cache = True,
    processes: int | None = None,
) -> pd.DataFrame:
    """The sentences table with VADER's scores and a label added (input not mutated).

    Parameters
    ----------
    sentences : pandas.DataFrame
        A table with a ``text`` column, usually ``corpus.sentences``.
    overrides, cache, processes
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
        sentences["text"].tolist(), overrides=overrides, cache=cache, processes=processes
    )
    added = {c: scores[c].to_numpy() for c in SCORE_COLUMNS}
    return sentences.assign(**added, label=_labels(scores["compound"]))


def sentiment_summary(
    scored: pd.DataFrame, *, by: Level | Sequence[Level] = "document"
) -> pd.DataFrame:
    """Aggregate sentence scores by corpus, document, paragraph, voice or speaker.

    Parameters
    ----------
    scored : pandas.DataFrame
        The output of :func:`sentence_sentiment`.
    by : {"document", "corpus", "paragraph", "voice", "speaker"} or a list of them
        The grouping; a list combines levels (``["document", "voice"]``). Speaker <NA> (the
        author's own sentences) is kept as a group.

    Returns
    -------
    pandas.DataFrame
        The grouping columns, then ``n_sentences, n_positive, n_neutral, n_negative,
        share_positive, share_neutral, share_negative, mean_compound, sd_compound`` (sample
        standard deviation, NaN for a single sentence). Sorted by the grouping columns.

    References
    ----------
    Hutto, C. J., & Gilbert, E. (2014). VADER. *Proceedings of ICWSM-14*, 216-225
    (the +-0.05 thresholds are the ones the authors recommend for classification).

    Examples
    --------
    >>> scored = pd.DataFrame({"doc_id": ["a", "a", "b"], "compound": [0.5, -0.2, 0.0]})
    >>> sentiment_summary(scored, by="document")[["doc_id", "n_sentences", "mean_compound"]]
      doc_id  n_sentences  mean_compound
    0      a            2           0.15
    1      b            1           0.00
    """
    columns = _group_columns(by, allow_sentence=False)
    _require(scored, ["compound", *columns], "sentiment_summary (pass sentence_sentiment's output)")
    groups, keys = _by_group(scored, columns)
    rows = []
    for key, group in groups:
        compound = group["compound"].astype(float)
        key = key if isinstance(key, tuple) else (key,)
        rows.append(
            dict(zip(keys, key, strict=True))
            | {"n_sentences": len(group)}
            | _label_shares(compound)
            | {"mean_compound": compound.mean(), "sd_compound": compound.std(ddof=1)}
        )
    order = ["n_positive", "n_neutral", "n_negative", "share_positive", "share_neutral"]
    names = [*keys, "n_sentences", *order, "share_negative", "mean_compound", "sd_compound"]
    result = pd.DataFrame(rows, columns=names).drop(columns=["_all"], errors="ignore")
    return _restore_dtypes(result, scored, columns)


def _restore_dtypes(result: pd.DataFrame, source: pd.DataFrame, columns: list[str]):
    for column in columns:
        result[column] = result[column].astype(source[column].dtype)
    return result.reset_index(drop=True)


def explain_sentiment(
    data: str | pd.DataFrame,
    *,
    by: Level | Sequence[Level] | None = None,
    overrides: Overrides = None,
) -> pd.DataFrame:
    """Each token's contribution to VADER's score, after negation, boosters and the "but" rule.

    Parameters
    ----------
    data : str or pandas.DataFrame
        One sentence, or a sentences table (each sentence explained on its own).
    by : {"corpus", "document", "paragraph", "voice", "speaker"} or a list, optional
        For a table: sum the contributions per group and term instead of listing tokens,
        to see which words drive a voice or a document.
    overrides : path or mapping, optional
        As in :func:`polarity`.

    Returns
    -------
    pandas.DataFrame
        Without ``by``: one row per VADER token (VADER splits on whitespace and strips one
        punctuation mark; words of one letter are dropped): the table's id columns when given
        a table, then ``position`` (0-based, <NA> for the "!/?" emphasis row), ``token``,
        ``valence`` (lexicon value, 0 if absent), ``adjusted`` (after negation, boosters,
        capitals, "least", idioms), ``but_weight``, ``contribution`` and ``modifiers``. Per
        sentence the contributions add up to the sum ``s`` with ``compound =
        s / sqrt(s**2 + 15)``. With ``by``: the grouping columns, ``term`` (lower case),
        ``n`` (occurrences that contribute), ``valence``, ``total`` and ``mean``
        contribution, sorted by group and by the size of ``total``; only contributing terms.

    References
    ----------
    Hutto, C. J., & Gilbert, E. (2014). VADER. *Proceedings of ICWSM-14*, 216-225.

    Examples
    --------
    >>> table = explain_sentiment("The food is not good, but the service is good.")
    >>> table.loc[table["contribution"] != 0, ["token", "valence", "but_weight", "contribution"]]
      token  valence  but_weight  contribution
    4  good      1.9         0.5        -0.703
    9  good      1.9         1.5         2.850
    """
    columns = None if by is None else _group_columns(by, allow_sentence=False)
    analyser = _analyser_for(overrides)
    if isinstance(data, str):
        if by is not None:
            raise ValueError("by= needs a sentences table, not a single string")
        return _explanation_frame(analyser.explain(data))
    sentences = _as_sentences(data)
    ids = _ids(sentences)
    records, owner = [], []
    for row, text in enumerate(sentences["text"].tolist()):
        explained = analyser.explain(text)
        records += explained
        owner += [row] * len(explained)
    tokens = _explanation_frame(records)
    tokens = pd.concat([ids.iloc[owner].reset_index(drop=True), tokens], axis=1)
    if columns is None:
        return tokens
    _require(tokens, columns, "explain_sentiment")
    return _drivers(tokens, columns)


def _analyser_for(overrides: Overrides) -> VaderAnalyzer:
    lexicon = _lexicon(overrides)
    return _analyser(lexicon, fingerprint(lexicon))


def _explanation_frame(records: list[dict]) -> pd.DataFrame:
    frame = pd.DataFrame(
        records,
        columns=[
            "position",
            "token",
            "valence",
            "adjusted",
            "but_weight",
            "contribution",
            "modifiers",
        ],
    )
    return frame.astype(
        {
            "position": "Int64",
            "token": "str",
            "valence": float,
            "adjusted": float,
            "but_weight": float,
            "contribution": float,
            "modifiers": "str",
        }
    )


def _drivers(tokens: pd.DataFrame, columns: list[str]) -> pd.DataFrame:
    words = tokens[(tokens["contribution"] != 0) & tokens["position"].notna()]
    words = words.assign(term=words["token"].str.lower())
    keys = [*columns, "term"]
    result = (
        words.groupby(keys, sort=True, dropna=False, observed=True)
        .agg(
            n=("contribution", "size"),
            valence=("valence", "first"),
            total=("contribution", "sum"),
            mean=("contribution", "mean"),
        )
        .reset_index()
    )
    result = result.assign(_size=result["total"].abs())
    result = result.sort_values(
        [*columns, "_size", "term"],
        ascending=[True] * len(columns)
        + [
            False,
            True,
        ],
        kind="stable",
    )
    return result.drop(columns="_size").reset_index(drop=True)


def sentiment_sensitivity(
    sentences: pd.DataFrame,
    *,
    overrides: Overrides = DOMAIN_OVERRIDES,
    by: Level | Sequence[Level] = "voice",
    cache: Cache = True,
) -> pd.DataFrame:
    """How scores and comparisons between groups change when lexicon entries are overridden.

    Every sentence is scored twice: with VADER's lexicon (``_base``) and with the overrides
    applied (``_override``), by default the project's domain file, which neutralises topic
    words of security discourse ("security", "terrorist", "united" ...).

    Parameters
    ----------
    sentences : pandas.DataFrame or sequence of str
        A sentences table (``text`` column) or plain sentences.
    overrides : path or mapping, default :data:`DOMAIN_OVERRIDES`
        The override lexicon to test.
    by : {"voice", "sentence", "corpus", "document", "paragraph", "speaker"} or a list
        ``"sentence"`` lists every sentence; otherwise one row per group.
    cache
        As in :func:`polarity`.

    Returns
    -------
    pandas.DataFrame
        Per sentence: id columns, ``text, compound_base, compound_override, delta,
        label_base, label_override, changed``. Per group: the grouping columns,
        ``n_sentences, n_changed, mean_compound_base, mean_compound_override, delta_mean,
        share_positive_base, share_positive_override, share_negative_base,
        share_negative_override, rank_base, rank_override`` (rank 1 = the most positive group
        by mean compound; a changed rank order means the comparison depends on topic words).

    References
    ----------
    Hutto, C. J., & Gilbert, E. (2014). VADER. *Proceedings of ICWSM-14*, 216-225.

    Examples
    --------
    >>> result = sentiment_sensitivity(["Security is united."], overrides={"security": 0,
    ...     "united": 0}, by="sentence", cache=False)
    >>> result[["compound_base", "compound_override", "changed"]]
       compound_base  compound_override  changed
    0         0.6369                0.0     True
    """
    columns = _group_columns(by, allow_sentence=True)
    table = _as_sentences(sentences)
    texts = table["text"].tolist()
    base = polarity(texts, cache=cache)["compound"].to_numpy()
    changed = polarity(texts, overrides=overrides, cache=cache)["compound"].to_numpy()
    per_sentence = _ids(table).assign(
        text=table["text"].to_numpy(),
        compound_base=base,
        compound_override=changed,
        delta=changed - base,
        label_base=_labels(base),
        label_override=_labels(changed),
        changed=base != changed,
    )
    if columns is None:
        return per_sentence
    _require(per_sentence, columns, "sentiment_sensitivity")
    groups, keys = _by_group(per_sentence, columns)
    rows = []
    for key, group in groups:
        key = key if isinstance(key, tuple) else (key,)
        b, o = group["compound_base"], group["compound_override"]
        shares_b, shares_o = _label_shares(b, suffix="_base"), _label_shares(o, suffix="_override")
        rows.append(
            dict(zip(keys, key, strict=True))
            | {
                "n_sentences": len(group),
                "n_changed": int(group["changed"].sum()),
                "mean_compound_base": b.mean(),
                "mean_compound_override": o.mean(),
                "delta_mean": o.mean() - b.mean(),
                "share_positive_base": shares_b["share_positive_base"],
                "share_positive_override": shares_o["share_positive_override"],
                "share_negative_base": shares_b["share_negative_base"],
                "share_negative_override": shares_o["share_negative_override"],
            }
        )
    names = [
        *keys,
        "n_sentences",
        "n_changed",
        "mean_compound_base",
        "mean_compound_override",
        "delta_mean",
        "share_positive_base",
        "share_positive_override",
        "share_negative_base",
        "share_negative_override",
    ]
    result = pd.DataFrame(rows, columns=names).drop(columns=["_all"], errors="ignore")
    for suffix in ("base", "override"):
        result[f"rank_{suffix}"] = (
            result[f"mean_compound_{suffix}"].rank(ascending=False, method="min").astype(int)
        )
    return _restore_dtypes(result, per_sentence, columns)


def compare_sentiment_methods(
    sentences: pd.DataFrame | Sequence[str],
    *,
    by: Level | Sequence[Level] = "sentence",
    overrides: Overrides = None,
    cache: Cache = True,
) -> pd.DataFrame:
    """VADER beside TextBlob's pattern lexicon, sentence by sentence, with their agreement.

    TextBlob (De Smedt & Daelemans 2012) averages adjective polarities from a hand-rated
    lexicon of about 2,900 words, with its own negation and intensifier rules; it ships inside
    the installed package and needs no NLTK data. Both scores lie in [-1, 1] and are labelled
    with the same +-0.05 thresholds.

    Parameters
    ----------
    sentences : pandas.DataFrame or sequence of str
        A sentences table (``text`` column) or plain sentences.
    by : {"sentence", "corpus", "document", "paragraph", "voice", "speaker"} or a list
        ``"sentence"`` lists both scores per sentence; otherwise the agreement per group.
    overrides, cache
        For VADER, as in :func:`polarity`.

    Returns
    -------
    pandas.DataFrame
        Per sentence: id columns, ``text, vader_compound, textblob_polarity,
        textblob_subjectivity, vader_label, textblob_label, labels_agree``. Per group: the
        grouping columns, ``n_sentences, spearman_rho, spearman_p`` (rank correlation of the
        two scores over the group's sentences; NaN below 3 sentences or for a constant score),
        ``label_agreement`` (share of equal labels), ``kappa`` (Cohen's kappa of the labels),
        ``mean_vader, mean_textblob``.

    References
    ----------
    Spearman (1904); Cohen (1960); De Smedt & Daelemans (2012); Hutto & Gilbert (2014).

    Examples
    --------
    >>> compare_sentiment_methods(["A good plan.", "A bad plan.", "A plan."], by="corpus",
    ...     cache=False)[["n_sentences", "spearman_rho", "label_agreement"]]
       n_sentences  spearman_rho  label_agreement
    0            3           1.0              1.0
    """
    from textblob.en import sentiment as pattern_sentiment  # ships its lexicon; no downloads

    columns = _group_columns(by, allow_sentence=True)
    table = _as_sentences(sentences)
    texts = table["text"].tolist()
    vader = polarity(texts, overrides=overrides, cache=cache)["compound"].to_numpy()
    blob = np.array([pattern_sentiment(text) for text in texts], dtype=float).reshape(-1, 2)
    per_sentence = _ids(table).assign(
        text=table["text"].to_numpy(),
        vader_compound=vader,
        textblob_polarity=blob[:, 0],
        textblob_subjectivity=blob[:, 1],
        vader_label=_labels(vader),
        textblob_label=_labels(blob[:, 0]),
    )
    per_sentence["labels_agree"] = per_sentence["vader_label"] == per_sentence["textblob_label"]
    if columns is None:
        return per_sentence
    _require(per_sentence, columns, "compare_sentiment_methods")
    groups, keys = _by_group(per_sentence, columns)
    rows = []
    for key, group in groups:
        key = key if isinstance(key, tuple) else (key,)
        rho, p = _spearman(group["vader_compound"], group["textblob_polarity"])
        rows.append(
            dict(zip(keys, key, strict=True))
            | {
                "n_sentences": len(group),
                "spearman_rho": rho,
                "spearman_p": p,
                "label_agreement": group["labels_agree"].mean(),
                "kappa": _kappa(group["vader_label"], group["textblob_label"]),
                "mean_vader": group["vader_compound"].mean(),
                "mean_textblob": group["textblob_polarity"].mean(),
            }
        )
    names = [
        *keys,
        "n_sentences",
        "spearman_rho",
        "spearman_p",
        "label_agreement",
        "kappa",
        "mean_vader",
        "mean_textblob",
    ]
    result = pd.DataFrame(rows, columns=names).drop(columns=["_all"], errors="ignore")
    return _restore_dtypes(result, per_sentence, columns)


def _spearman(x: pd.Series, y: pd.Series) -> tuple[float, float]:
    from scipy.stats import spearmanr

    if len(x) < 3 or x.nunique() < 2 or y.nunique() < 2:
        return np.nan, np.nan
    result = spearmanr(x, y)
    return float(result.statistic), float(result.pvalue)


def _kappa(a: pd.Series, b: pd.Series) -> float:
    observed = float((a == b).mean())
    expected = sum(float((a == label).mean()) * float((b == label).mean()) for label in _LABELS)
    return np.nan if expected == 1 else (observed - expected) / (1 - expected)
