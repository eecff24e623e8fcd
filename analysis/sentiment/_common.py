"""What the sentiment modules share: options, the lexicon, the scorer, labels and grouping.

Hutto & Gilbert's conventional cut-off labels a sentence positive when ``compound >= 0.05``,
negative when ``compound <= -0.05`` and neutral otherwise (:data:`THRESHOLD`).
"""

from __future__ import annotations

import math
import os
from collections.abc import Mapping, Sequence
from concurrent.futures import ProcessPoolExecutor
from operator import itemgetter
from typing import Literal, get_args

import numpy as np
import pandas as pd

from analysis._checks import check_columns
from analysis.levels import level_columns
from analysis.paths import CACHE_DIR, LEXICONS_DIR
from analysis.sentiment.cache import SCORE_COLUMNS, ScoreCache
from analysis.sentiment.vader import (
    NltkVaderAnalyzer,
    VaderAnalyzer,
    Variant,
    analyser,
    apply_overrides,
    base_lexicon,
    read_overrides,
)

#: The project's override lexicon for security discourse (used only when passed explicitly).
DOMAIN_OVERRIDES = LEXICONS_DIR / "sentiment_overrides.tsv"
#: Hutto & Gilbert's conventional cut-off: positive >= +0.05, negative <= -0.05.
THRESHOLD = 0.05
#: Below this many texts to score, starting worker processes costs more than it saves (measured
#: on two cores: see benchmarks/sentiment.py).
PARALLEL_MIN = 3000

#: grouping levels of the sentiment functions; "sentence" lists every sentence instead
Level = Literal["sentence", "corpus", "document", "paragraph", "voice", "speaker"]
_ID_COLUMNS = ["doc_id", "paragraph_id", "sentence_id", "voice", "speaker"]
_LABELS = ["negative", "neutral", "positive"]
Overrides = str | os.PathLike | Mapping[str, float] | None
Cache = bool | str | os.PathLike


def _group_columns(by, *, allow_sentence: bool) -> list[str] | None:
    """Columns to group by for ``by`` (None for the per-sentence level)."""
    levels = [by] if isinstance(by, str) or by is None else list(by)
    if allow_sentence and levels == ["sentence"]:
        return None
    if allow_sentence and "sentence" in levels:
        raise ValueError("by='sentence' cannot be combined with other levels")
    return level_columns(levels, allowed=[level for level in get_args(Level)[1:]])


def _require(frame: pd.DataFrame, columns: Sequence[str], what: str) -> None:
    check_columns(frame, columns, source=what)


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


Analyser = VaderAnalyzer | NltkVaderAnalyzer
_ANALYSERS: dict[str, Analyser] = {}


def _analyser(lexicon: dict[str, float], key: str, variant: Variant) -> Analyser:
    """The analyser for a lexicon fingerprint ``key`` (which names the variant too), reused."""
    if key not in _ANALYSERS:
        if len(_ANALYSERS) > 8:
            _ANALYSERS.clear()
        _ANALYSERS[key] = analyser(lexicon, variant)
    return _ANALYSERS[key]


_WORKER: Analyser | None = None


def _init_worker(lexicon: dict[str, float], variant: Variant) -> None:
    global _WORKER
    _WORKER = analyser(lexicon, variant)


_PICK = itemgetter(*SCORE_COLUMNS)


def _scores(scorer: Analyser, texts: list[str]) -> list[tuple[float, ...]]:
    return [_PICK(scorer.polarity_scores(t)) for t in texts]


def _score_chunk(texts: list[str]) -> list[tuple[float, ...]]:
    return _scores(_WORKER, texts)


def _score(
    texts: list[str], lexicon: dict, key: str, processes: int | None, variant: Variant
) -> list[tuple]:
    """Score ``texts`` with VADER's ``variant``, in order, on one or several processes."""
    if processes is None:
        processes = (os.cpu_count() or 1) if len(texts) >= PARALLEL_MIN else 1
    if processes == 1 or len(texts) < 2:
        return _scores(_analyser(lexicon, key, variant), texts)
    size = math.ceil(len(texts) / (processes * 4))
    chunks = [texts[i : i + size] for i in range(0, len(texts), size)]
    initargs = (lexicon, variant)
    with ProcessPoolExecutor(processes, initializer=_init_worker, initargs=initargs) as pool:
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


def _restore_dtypes(result: pd.DataFrame, source: pd.DataFrame, columns: list[str]):
    for column in columns:
        result[column] = result[column].astype(source[column].dtype)
    return result.reset_index(drop=True)
