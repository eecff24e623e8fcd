"""Text input and content-word vectorisers shared by topics, clusters and model selection.

Private: the public entry points are :func:`analysis.fit_topics`, :func:`analysis.cluster_texts`
and :func:`analysis.model_selection`. Keeping the input handling and the vectoriser settings in
one place means a topic model and a clustering of the same texts always see the same terms.

Content words
-------------
The project's stopword list (:func:`analysis.stopwords`) deliberately keeps pronouns, modals,
negation and quantifiers, because discourse analysis studies them. Topic models and clusters are
about *themes*, and those words would dominate every topic, so here the function words are
removed more strictly: the stop list is scikit-learn's built-in English list
(``sklearn.feature_extraction.text.ENGLISH_STOP_WORDS``, 318 words) united with the project's.

Salutations and vocatives of speeches are not topic terms either: "Mr. President, Excellencies,
ladies and gentlemen, dear friends" and "Thank you. God bless America" say who is addressed, not
what the speech is about, and would otherwise make a "theme" of every speech that opens the same
way. ``data/resources/salutations.txt`` (versioned; its header gives the source and rationale)
lists single words, dropped everywhere ("excellencies", "colleagues", "ladies", "mr."), and
phrases, dropped only as a whole ("mr. president" goes, "the president said" keeps "president").

Tokenisation is the project's own (:func:`analysis.tokenize`), so a topic model counts the same
words as every other module: hyphenated words stay whole ("non-traditional", "covid-19"), curly
apostrophes are straight, contractions are split. Only tokens of kind ``word`` are counted, by
their ``norm``: numbers ("2020", "20th"), clitics ("'s", "n't") and punctuation are dropped, and
so are one-character words and the stop list above.
"""

import numbers
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache, lru_cache

import numpy as np
import pandas as pd
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS, CountVectorizer, TfidfVectorizer
from threadpoolctl import threadpool_limits

from analysis._checks import check_columns, check_number
from analysis.corpus.tokens import iter_tokens
from analysis.paths import RESOURCES_DIR
from analysis.resources import _entries, stopwords

#: Fits and transforms on one BLAS/OpenMP thread: on texts of this size threads cost more than
#: they save (tenfold on a busy machine), and a fixed thread count keeps floating-point sums,
#: hence tables, identical.
single_thread = threadpool_limits.wrap(limits=1)

SALUTATIONS_FILE = RESOURCES_DIR / "salutations.txt"


@cache
def salutations() -> tuple[frozenset[str], frozenset[tuple[str, ...]]]:
    """The salutation list: ``(single words, phrases as tuples of norms)``.

    >>> words, phrases = salutations()
    >>> "excellencies" in words, ("mr.", "president") in phrases, "president" in words
    (True, True, False)
    """
    entries = _entries(SALUTATIONS_FILE)
    words = frozenset(entry for entry in entries if " " not in entry)
    phrases = frozenset(tuple(entry.split()) for entry in entries if " " in entry)
    return words, phrases


@cache
def content_stop_words() -> frozenset[str]:
    """scikit-learn's English stop list, the project's stopword list and the salutation words.

    >>> words = content_stop_words()
    >>> "the" in words, "we" in words, "must" in words, "excellencies" in words
    (True, True, True, True)
    >>> "security" in words, "president" in words
    (False, False)
    """
    return frozenset(ENGLISH_STOP_WORDS) | stopwords() | salutations()[0]


@dataclass(frozen=True)
class ContentWords:
    """Picklable analyser: text -> the content-word tokens a vectoriser counts.

    ``phrases`` are runs of norms dropped as a whole (see :func:`salutations`).

    >>> analyse = ContentWords(frozenset({"the"}))
    >>> analyse("The non-traditional COVID\u201119 threat; Xi\u2019s 2020 plan")
    ('non-traditional', 'covid-19', 'threat', 'xi', 'plan')
    >>> analyse = ContentWords(frozenset({"the", "of"}), frozenset({("mr.", "president")}))
    >>> analyse("Mr. President, the president of the bank")
    ('president', 'bank')
    """

    stop_words: frozenset[str]
    phrases: frozenset[tuple[str, ...]] = frozenset()

    def __call__(self, text: str) -> tuple[str, ...]:
        return _content_words(text, self.stop_words, self.phrases)


def content_words() -> ContentWords:
    """The analyser every topic model, clustering and coherence count uses."""
    return ContentWords(content_stop_words(), salutations()[1])


# Model selection refits on the same texts dozens of times; tokenising is most of a fit's cost
@lru_cache(maxsize=100_000)
def _content_words(
    text: str, stop_words: frozenset[str], phrases: frozenset[tuple[str, ...]]
) -> tuple[str, ...]:
    tokens = list(iter_tokens(text))
    inside = _phrase_positions([t.norm for t in tokens], phrases) if phrases else set()
    return tuple(
        t.norm
        for i, t in enumerate(tokens)
        if t.kind == "word" and len(t.norm) > 1 and t.norm not in stop_words and i not in inside
    )


def _phrase_positions(norms: list[str], phrases: frozenset[tuple[str, ...]]) -> set[int]:
    """Positions of tokens inside a phrase, longest match first, scanning left to right.

    Punctuation is a token, so "Mr., President" is not "mr. president".

    >>> sorted(_phrase_positions(["mr.", "vice", "president", "said"],
    ...                          frozenset({("mr.", "vice", "president"), ("vice", "president")})))
    [0, 1, 2]
    """
    starts = {phrase[0] for phrase in phrases}
    lengths = sorted({len(phrase) for phrase in phrases}, reverse=True)
    inside, i = set(), 0
    while i < len(norms):
        size = 1
        if norms[i] in starts:
            size = next((n for n in lengths if tuple(norms[i : i + n]) in phrases), 0) or 1
            if size > 1 or (norms[i],) in phrases:
                inside.update(range(i, i + size))
        i += size
    return inside


def text_table(texts) -> tuple[pd.DataFrame, list[str]]:
    """Split the input into an id table (one row per text, input order) and the list of texts.

    A table keeps its ``*_id`` columns (``doc_id``, ``paragraph_id`` ...); a plain sequence of
    strings gets a 1-based ``text_id``. Missing texts count as empty.
    """
    if isinstance(texts, pd.DataFrame):
        check_columns(
            texts, ["text"], source="e.g. corpus.paragraphs, corpus.documents or a list of strings"
        )
        ids = texts[[c for c in texts.columns if c.endswith("_id")]].reset_index(drop=True)
        docs = ["" if pd.isna(t) else str(t) for t in texts["text"]]
    elif isinstance(texts, str) or not isinstance(texts, Sequence | pd.Series | np.ndarray):
        raise TypeError(
            "texts must be a list of strings or a table with a 'text' column, "
            f"not {type(texts).__name__}; to model one document, pass its paragraphs"
        )
    else:
        docs = list(texts)
        bad = [type(t).__name__ for t in docs if not isinstance(t, str)]
        if bad:
            raise TypeError(f"texts must all be strings; found {bad[0]}")
        ids = pd.DataFrame({"text_id": np.arange(1, len(docs) + 1)})
    return ids.copy(), docs


def check_k(k: int, n_texts: int, *, name: str, unit: str, least: int = 1) -> None:
    """Refuse a number of topics/clusters the texts cannot support, saying what to change.

    >>> check_k(0, 5, name="n_topics", unit="topic models")
    Traceback (most recent call last):
    ...
    ValueError: n_topics=0 must be an integer >= 1
    >>> check_k(3, 3, name="n_topics", unit="topic models")
    Traceback (most recent call last):
    ...
    ValueError: n_topics=3 needs more than 3 texts, got 3; ask for at most n_topics=2, or use \
smaller units (paragraphs or sentences)
    """
    check_number(name, k, minimum=least, integer=True)
    if n_texts < 2:
        raise ValueError(
            f"{unit} need at least 2 texts, got {n_texts}; to study one document, pass its "
            "paragraphs (corpus.paragraphs) or sentences instead of the whole text"
        )
    if k >= n_texts:
        raise ValueError(
            f"{name}={k} needs more than {k} texts, got {n_texts}; ask for at most "
            f"{name}={n_texts - 1}, or use smaller units (paragraphs or sentences)"
        )


def check_settings(*, top: int, min_df, max_df, random_state: int) -> None:
    """The options every model shares, checked with the package's one message shape.

    ``min_df`` and ``max_df`` follow scikit-learn: an integer counts texts (at least 1), a float
    is a share of the texts (0 to 1).

    >>> check_settings(top=10, min_df=0.5, max_df=2.5, random_state=0)
    Traceback (most recent call last):
    ...
    ValueError: max_df=2.5 must be a number between 0 and 1
    """
    check_number("top", top, minimum=1, integer=True)
    for name, value in (("min_df", min_df), ("max_df", max_df)):
        if isinstance(value, numbers.Integral) and not isinstance(value, bool):
            check_number(name, value, minimum=1, integer=True)
        else:
            check_number(name, value, minimum=0, maximum=1)
    check_number("random_state", random_state, minimum=0, integer=True)


# The weighting each model reads, chosen on labelled tasks (benchmarks/README.md, "Topics: which
# weighting"): NMF does best on sublinear TF-IDF, k-means on LSA on plain TF-IDF, LDA on counts.
# Keys are TfidfVectorizer options.
WEIGHTINGS = {
    "tfidf": {"sublinear_tf": False, "use_idf": True, "smooth_idf": True, "norm": "l2"},
    "tfidf_sublinear": {"sublinear_tf": True, "use_idf": True, "smooth_idf": True, "norm": "l2"},
    "count": {"sublinear_tf": False, "use_idf": False, "norm": None},
}


def vectorize(
    docs: list[str],
    *,
    weighting: str | dict,
    min_df,
    max_df,
    min_terms: int = 1,
):
    """Fit a content-word vectoriser: ``(vectorizer, matrix)``, or a ValueError saying what to do.

    ``weighting`` names one of :data:`WEIGHTINGS` (``"tfidf"``: TF-IDF with smoothed idf and
    l2-normalised rows, for clustering; ``"tfidf_sublinear"``: the same with ``1 + log(tf)`` in
    place of tf, for NMF; ``"count"``: raw counts for LDA), or is a dict of
    ``TfidfVectorizer`` options (``sublinear_tf``, ``use_idf``, ``smooth_idf``, ``norm``) that
    the benchmarks use to compare variants.
    """
    options = WEIGHTINGS[weighting] if isinstance(weighting, str) else dict(weighting)
    analyzer = content_words()
    if (
        not options.get("use_idf", True)
        and not options.get("sublinear_tf")
        and not options.get("norm")
    ):
        # integer counts, as LDA's generative model expects
        vectorizer = CountVectorizer(analyzer=analyzer, min_df=min_df, max_df=max_df)
    else:
        vectorizer = TfidfVectorizer(analyzer=analyzer, min_df=min_df, max_df=max_df, **options)
    settings = f"{len(docs)} texts, min_df={min_df!r}, max_df={max_df!r}"
    try:
        matrix = vectorizer.fit_transform(docs)
    except ValueError as error:
        if "max_df corresponds to" in str(error):
            raise ValueError(
                f"max_df={max_df!r} leaves fewer texts than min_df={min_df!r} on {len(docs)} "
                "texts; raise max_df (e.g. max_df=1.0) or lower min_df (e.g. min_df=1)"
            ) from None
        raise ValueError(
            f"no content words remain after filtering ({settings}): the texts hold only "
            "stopwords, or no word appears in min_df texts; lower min_df (e.g. min_df=1), "
            "raise max_df, or pass longer texts"
        ) from None
    require_terms(matrix, min_terms, min_df=min_df, max_df=max_df)
    return vectorizer, matrix


def require_terms(matrix, min_terms: int, *, min_df, max_df) -> None:
    """Refuse a vectorised matrix with fewer than ``min_terms`` terms, saying what to change.

    Separate from :func:`vectorize` so that one vectorisation can serve several numbers of
    topics (model selection), each checked as a fresh vectorisation would be.
    """
    if matrix.shape[1] < min_terms:
        settings = f"{matrix.shape[0]} texts, min_df={min_df!r}, max_df={max_df!r}"
        raise ValueError(
            f"only {matrix.shape[1]} content words remain after filtering ({settings}) but "
            f"{min_terms} are needed; lower min_df, ask for fewer topics or clusters, or pass "
            "more text"
        )


def document_frequency(matrix) -> np.ndarray:
    """Number of texts each term occurs in (column counts of non-zero cells)."""
    return np.asarray((matrix > 0).sum(axis=0)).ravel()


# Values that agree to this many decimals are tied: the differences a different BLAS kernel or
# thread count makes to an exact tie are of order 1e-15 times the number of iterations
TIE_DECIMALS = 9


def ranked_terms(row: np.ndarray, terms: np.ndarray, top: int | None = None) -> list[int]:
    """Indices of the positive entries of ``row``, heaviest first, ties by term; the first ``top``.

    >>> terms = np.array(["war", "sea", "army", "x"])
    >>> ranked_terms(np.array([0.2, 0.5, 0.2 + 1e-17, 0.0]), terms)
    [1, 2, 0]
    >>> ranked_terms(np.array([0.2, 0.5, 0.2 + 1e-17, 0.0]), terms, top=2)
    [1, 2]
    """
    rounded = np.round(row, TIE_DECIMALS)
    candidates = np.flatnonzero(rounded > 0)
    if top is not None and top < len(candidates):
        # Sorting strings is the slow part (a vocabulary of thousands, for every topic of every
        # fit): only the terms at least as heavy as the top-th can be among the first ``top``,
        # ties at that weight included, so the result equals the full ranking's head.
        weights = rounded[candidates]
        threshold = np.partition(weights, len(weights) - top)[len(weights) - top]
        candidates = candidates[weights >= threshold]
    order = np.lexsort((terms[candidates], -rounded[candidates]))
    return [int(j) for j in candidates[order][:top]]


def top_terms_table(
    weights: np.ndarray,
    terms: np.ndarray,
    top: int,
    *,
    group: str,
    extra: dict[str, np.ndarray] | None = None,
) -> pd.DataFrame:
    """Long table of the (up to) ``top`` heaviest positive terms per row of ``weights``.

    Rows of ``weights`` become groups numbered from 1; ``extra`` adds columns of the same shape.

    Weights equal to ``TIE_DECIMALS`` decimal places are tied and ranked alphabetically by term,
    so that float noise (another BLAS, another thread count) cannot reorder them.
    """
    rows = []
    for g, row in enumerate(weights, start=1):
        order = ranked_terms(row, terms, top)
        for rank, j in enumerate(order, start=1):
            rows.append(
                {
                    group: g,
                    "rank": rank,
                    "term": terms[j],
                    "weight": float(row[j]),
                    **{name: values[g - 1, j] for name, values in (extra or {}).items()},
                }
            )
    table = pd.DataFrame(rows)
    table["term"] = table["term"].astype("str")
    return table
