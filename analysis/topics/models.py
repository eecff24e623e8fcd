"""Topic models: NMF on sublinear TF-IDF and LDA on counts, as tidy, reproducible tables.

A topic model describes each text as a mixture of a few *topics*, each topic a weighting of the
vocabulary. Two classic models are offered, both from scikit-learn:

- ``"nmf"``: non-negative matrix factorisation (Lee & Seung 1999) of the TF-IDF matrix with
  sublinear term frequency, ``(1 + ln tf) * idf`` with scikit-learn's smoothed idf
  ``ln((1 + n) / (1 + df)) + 1`` and rows scaled to unit length (Salton & Buckley 1988; Manning,
  Raghavan & Schütze 2008, 6.4.1): on the labelled tasks of ``benchmarks/topics.py`` it
  agreed with the labels better than raw-tf TF-IDF (see ``benchmarks/README.md``). Fitted by
  coordinate descent on the Frobenius loss (cyclic, not shuffled: no randomness of its own) and
  initialised with NNDSVDa (Boutsidis & Gallopoulos 2008, zeros filled with the matrix mean).
  The start is *not* seed-free: scikit-learn computes NNDSVD's singular vectors with a
  randomized SVD (Halko, Martinsson & Tropp 2011: a Gaussian test matrix drawn from
  ``random_state``, 10 oversamples, 4 or 7 power iterations), so the start and the fitted weights
  depend on the seed. On the shipped commentary's 23 paragraphs, seeds 1-5 against seed 0 moved
  the topic shares by at most 1e-4 to 2e-4 at k = 2 and 1e-3 to 3e-3 at k = 4, with the same
  top terms; at k = 4 one seed in five moved a paragraph to another topic (measured with
  scikit-learn 1.9, ``benchmarks/README.md``, "NMF across seeds"). With a fixed seed the fit is
  repeatable; :func:`analysis.model_selection` reports how much the topics move across seeds.
  NMF usually gives crisper topics on short texts.
- ``"lda"``: latent Dirichlet allocation (Blei, Ng & Jordan 2003) on raw counts, fitted by batch
  variational Bayes (Hoffman, Blei & Bach 2010) with scikit-learn's default symmetric priors
  ``1 / n_topics``, from one seeded start run for ``LDA_MAX_ITER`` = 20 EM iterations, twice
  scikit-learn's default of 10. Chosen by measured convergence within a time budget of twice
  the default's fit (``benchmarks/README.md``, "LDA"): on the 65 State of the Union addresses
  the perplexity still falls by 0.30 % per iteration at 10 iterations and by 0.06 % at 20, and
  is then 0.7 % above its 60-iteration value (1.9 % at 10). The fit costs 1.3-1.7 times the
  default's CPU time; the former best of 4 screened starts cost 4-6 times, and best of 2 starts
  2-3.5 times. Variational Bayes finds a local optimum that depends on the start, and no
  setting removed that: on the speeches' labelled tasks the agreement with the labels has an
  NMI sd of 0.07-0.18 over 5 seeds for every setting tried, extra starts included, and on
  crafted clean themes one start in five lands in a poorer optimum. So an LDA result *does*
  depend on its seed: read :func:`analysis.model_selection`'s stability columns, or fit
  several seeds, before trusting an LDA topic.

Topics are numbered by content, never by the component index a numerical library chose (which
may differ between BLAS kernels when two topics tie): by their share of the corpus, then by their
top terms as text; see :func:`topic_order`. Values that agree to ``TIE_DECIMALS`` (9) decimals
count as tied.

Only content words are counted (see :mod:`analysis.topics._vectorize`: scikit-learn's English stop
list united with the project's). A topic model sees which words co-occur in the same text, nothing
else: not word order, negation, who is speaking, or irony. Its topics are numbered, not named;
reading the top terms and the texts is the analyst's job. On a few dozen paragraphs the topics are
fragile: check :func:`analysis.model_selection` for their stability before trusting them.
"""

from dataclasses import dataclass
from typing import Literal

import numpy as np
import pandas as pd
from sklearn.decomposition import NMF, LatentDirichletAllocation
from sklearn.pipeline import Pipeline

from analysis._checks import check_number, check_option
from analysis.topics._vectorize import (
    TIE_DECIMALS,
    check_k,
    check_settings,
    document_frequency,
    ranked_terms,
    require_terms,
    single_thread,
    text_table,
    top_terms_table,
    vectorize,
)

Method = Literal["nmf", "lda"]
LDA_STARTS = 1
LDA_SCREEN_ITER = 5
LDA_MAX_ITER = 20
VOICES = ["author", "quote", "reported"]


@dataclass(frozen=True)
class TopicModel:
    """A fitted topic model and its tables.

    Attributes
    ----------
    assignments : pandas.DataFrame
        One row per input text, in input order: the input's id columns (``text_id`` for a plain
        list), ``topic`` (the dominant topic, 1-based; <NA> for a text with no counted word),
        ``weight`` (its share of the text) and ``topic_1`` ... ``topic_k`` (every topic's share;
        each row sums to 1, or is all NaN for a text with no counted word).
    top_terms : pandas.DataFrame
        ``topic, rank, term, weight, n_texts``: the heaviest terms of each topic; ``weight`` is
        the term's share of the topic's term weights, ``n_texts`` the number of input texts that
        contain the term. Sorted by topic and rank.
    pipeline : sklearn.pipeline.Pipeline
        The fitted vectoriser and model; ``pipeline.transform(new_texts)`` gives raw topic
        weights for new texts (columns in the model's own order, see ``topic_order``).
    method, n_topics, random_state
        The settings the model was fitted with.
    topic_order : tuple of int
        ``topic_order[i]`` is the model component shown as topic ``i + 1``.
    """

    assignments: pd.DataFrame
    top_terms: pd.DataFrame
    pipeline: Pipeline
    method: str
    n_topics: int
    random_state: int
    topic_order: tuple[int, ...]

    def labels(self, top: int = 3) -> pd.Series:
        """Short labels from the ``top`` terms, indexed by topic: ``"1: security, region"``."""
        check_number("top", top, minimum=1, integer=True)
        heaviest = self.top_terms[self.top_terms["rank"] <= top]
        joined = heaviest.groupby("topic")["term"].agg(", ".join)
        return pd.Series(
            [f"{t}: {joined.get(t, '')}" for t in range(1, self.n_topics + 1)],
            index=pd.RangeIndex(1, self.n_topics + 1, name="topic"),
            name="label",
        )

    def typical_units(self, *, top: int = 1) -> pd.DataFrame:
        """The ``top`` units most typical of each topic: highest ``weight`` among its texts.

        Rows of ``assignments`` sorted by topic, then weight (largest first); equal weights
        (several texts wholly about one topic, say) keep input order, so the first such text
        wins on any machine. Texts without a topic are left out.
        """
        check_number("top", top, minimum=1, integer=True)
        table = self.assignments.dropna(subset=["topic"]).assign(
            _weight=lambda t: t["weight"].round(TIE_DECIMALS), _position=lambda t: range(len(t))
        )
        table = table.sort_values(["topic", "_weight", "_position"], ascending=[True, False, True])
        return table.groupby("topic").head(top).drop(columns=["_weight", "_position"])


def fit_topics(
    texts,
    *,
    n_topics: int,
    method: Method = "nmf",
    top: int = 10,
    min_df: int | float = 2,
    max_df: int | float = 0.95,
    random_state: int = 0,
) -> TopicModel:
    """Fit a topic model to texts (paragraphs, sentences or documents).

    Parameters
    ----------
    texts : sequence of str or pandas.DataFrame
        The units to model, or a table with a ``text`` column (its ``*_id`` columns are kept
        in ``assignments``), e.g. ``corpus.paragraphs`` or ``corpus.documents``.
    n_topics : int
        Number of topics; must be smaller than the number of texts. Choose it with
        :func:`analysis.model_selection`.
    method : {"nmf", "lda"}
        NMF on sublinear TF-IDF weights, or LDA on raw counts.
    top : int
        Number of top terms per topic in ``top_terms`` (at least 1).
    min_df, max_df : int or float
        Vectoriser settings: a term is counted only if it occurs in at least ``min_df`` texts
        and at most ``max_df`` texts (an integer of at least 1 counts texts, a float from 0 to 1
        is a share of them). The default
        ``min_df=2`` drops words that occur in one text only, since they cannot co-occur.
    random_state : int
        Seed (0 or more) of every stochastic step: LDA's starts, and the randomized SVD behind
        NMF's NNDSVDa
        start (shares move by 1e-4 to 3e-3 between seeds; see the module documentation).

    Returns
    -------
    TopicModel
        ``assignments``, ``top_terms`` and the fitted ``pipeline``; see :class:`TopicModel`.

    Raises
    ------
    ValueError
        For an unknown method, a number out of range (``n_topics``, ``top``, ``min_df``,
        ``max_df``, ``random_state``), fewer than two texts, ``n_topics`` not smaller than the
        number of texts, or too few content words left after filtering; the message says what
        to change.
    TypeError
        For texts that are neither a list of strings nor a table (a table without a ``text``
        column is a ValueError).

    References
    ----------
    Lee, D. D., & Seung, H. S. (1999). Learning the parts of objects by non-negative matrix
    factorization. *Nature*, 401, 788-791.
    Boutsidis, C., & Gallopoulos, E. (2008). SVD based initialization: a head start for
    nonnegative matrix factorization. *Pattern Recognition*, 41(4), 1350-1362.
    Blei, D. M., Ng, A. Y., & Jordan, M. I. (2003). Latent Dirichlet allocation. *JMLR*, 3,
    993-1022.
    Hoffman, M., Blei, D. M., & Bach, F. (2010). Online learning for latent Dirichlet
    allocation. *NIPS* 23.
    Salton, G., & Buckley, C. (1988). Term-weighting approaches in automatic text retrieval.
    *Information Processing & Management*, 24(5), 513-523.
    Manning, C. D., Raghavan, P., & Schütze, H. (2008). *Introduction to Information
    Retrieval*, section 6.4.1 (sublinear tf scaling). Cambridge University Press.
    Halko, N., Martinsson, P.-G., & Tropp, J. A. (2011). Finding structure with randomness:
    probabilistic algorithms for constructing approximate matrix decompositions. *SIAM Review*,
    53(2), 217-288.

    Examples
    --------
    Three texts about the border and two about trade: the border topic holds more of the corpus,
    so it is topic 1 on any machine (no tie for float noise to break).

    >>> texts = ["border security troops border", "trade tariffs exports trade",
    ...          "security troops patrol border", "exports tariffs trade deal",
    ...          "troops patrol border security"]
    >>> model = fit_topics(texts, n_topics=2, min_df=1)
    >>> model.assignments[["text_id", "topic"]].to_dict("list")
    {'text_id': [1, 2, 3, 4, 5], 'topic': [1, 2, 1, 2, 1]}
    >>> model.labels(1).tolist()
    ['1: border', '2: trade']
    """
    check_option("method", method, Method)
    check_settings(top=top, min_df=min_df, max_df=max_df, random_state=random_state)
    ids, docs = text_table(texts)
    return fit_table(
        ids,
        docs,
        n_topics=n_topics,
        method=method,
        top=top,
        min_df=min_df,
        max_df=max_df,
        random_state=random_state,
    )


@single_thread
def fit_table(
    ids: pd.DataFrame,
    docs: list[str],
    *,
    n_topics: int,
    method: str,
    top: int,
    min_df,
    max_df,
    random_state: int,
    memo: dict | None = None,
) -> TopicModel:
    """:func:`fit_topics` on checked input (``text_table``'s ids and texts).

    ``memo``, a dict the caller keeps for one list of texts and one vectoriser setting, holds
    the vectorised texts after the first call, so that fits of several numbers of topics to the
    same texts (:func:`analysis.model_selection`) vectorise them once (their pipelines share the
    fitted vectoriser); the tables are those of separate calls.
    """
    check_k(n_topics, len(docs), name="n_topics", unit="topic models")
    memo = {} if memo is None else memo
    if "vectorized" not in memo:
        memo["vectorized"] = vectorize(
            docs,
            weighting="tfidf_sublinear" if method == "nmf" else "count",
            min_df=min_df,
            max_df=max_df,
        )
    vectorizer, matrix = memo["vectorized"]
    require_terms(matrix, n_topics, min_df=min_df, max_df=max_df)
    model, doc_topic = factorise(
        matrix, method=method, n_topics=n_topics, random_state=random_state
    )
    pipeline = Pipeline([("vectorizer", vectorizer), (method, model)])

    empty = np.asarray(matrix.sum(axis=1)).ravel() == 0
    totals = doc_topic.sum(axis=1, keepdims=True)
    shares = np.divide(doc_topic, totals, out=np.full_like(doc_topic, np.nan), where=totals > 0)
    shares[empty] = np.nan
    terms = vectorizer.get_feature_names_out()
    components = model.components_
    topic_term = components / components.sum(axis=1, keepdims=True)
    order = topic_order(shares, topic_term, terms, top)
    shares, topic_term = shares[:, order], topic_term[order]

    # a text split exactly evenly goes to the lower-numbered topic, whatever the float noise
    rounded = np.round(np.nan_to_num(shares, nan=-1.0), TIE_DECIMALS)
    topic = pd.array(np.where(empty, 0, rounded.argmax(axis=1) + 1), dtype="Int64")
    topic[empty] = pd.NA
    weight = np.where(empty, np.nan, np.nanmax(np.nan_to_num(shares, nan=-1.0), axis=1))
    assignments = ids.assign(topic=topic, weight=weight).join(
        pd.DataFrame(shares, columns=[f"topic_{t}" for t in range(1, n_topics + 1)])
    )

    df = np.broadcast_to(document_frequency(matrix), topic_term.shape)
    top_terms = top_terms_table(
        topic_term,
        terms,
        top,
        group="topic",
        extra={"n_texts": df},
    )
    return TopicModel(
        assignments,
        top_terms,
        pipeline,
        method,
        n_topics,
        random_state,
        tuple(int(i) for i in order),
    )


def topic_order(
    shares: np.ndarray, topic_term: np.ndarray, terms: np.ndarray, top: int
) -> list[int]:
    """Model components in the order they are shown: by content, never by component index.

    The key is, in turn: the topic's share of the corpus (the sum of its shares over the texts,
    largest first); its ``top`` terms as text (alphabetical: ``("border", "security")``
    before ``("trade", ...)``); its whole term distribution. Shares and weights that agree to
    ``TIE_DECIMALS`` decimals are tied, so an exact tie (two symmetric themes) is broken by the
    terms, not by which component a BLAS kernel happened to fill first. Two components equal on
    all three keys are the same topic, and either order gives the same tables.

    >>> shares = np.array([[0.5, 0.5], [0.5, 0.5]])
    >>> topic_term = np.array([[0.0, 0.6, 0.4], [0.7, 0.0, 0.3]])
    >>> topic_order(shares, topic_term, np.array(["border", "trade", "tariffs"]), 2)
    [1, 0]
    """
    corpus_share = np.round(np.nansum(shares, axis=0) / max(len(shares), 1), TIE_DECIMALS)
    weights = np.round(topic_term, TIE_DECIMALS)

    def key(j: int):
        heaviest = tuple(str(terms[i]) for i in ranked_terms(topic_term[j], terms, top))
        return (-corpus_share[j], heaviest, tuple(-weights[j]))

    return sorted(range(topic_term.shape[0]), key=key)


def factorise(matrix, *, method: str, n_topics: int, random_state: int):
    """Fit the topic model to a vectorised matrix: ``(model, document-topic weights)``."""
    if method == "nmf":
        model = NMF(
            n_components=n_topics,
            init="nndsvda",
            solver="cd",
            max_iter=1000,
            random_state=random_state,
        )
        # an exact fit leaves a residual of -1e-16, whose square root (the reported loss only)
        # makes NumPy warn; the factors are unaffected
        with np.errstate(invalid="ignore"):
            return model, model.fit_transform(matrix)
    return _best_lda(matrix, n_topics, random_state)


def _lda(n_topics: int, seed, max_iter: int) -> LatentDirichletAllocation:
    return LatentDirichletAllocation(
        n_components=n_topics, learning_method="batch", max_iter=max_iter, random_state=int(seed)
    )


def _best_lda(
    matrix,
    n_topics: int,
    random_state: int,
    *,
    starts: int = LDA_STARTS,
    screen_iter: int = LDA_SCREEN_ITER,
    max_iter: int = LDA_MAX_ITER,
):
    """LDA from the most promising of ``starts`` seeded starts.

    Each start is screened with ``screen_iter`` EM iterations; the start with the highest
    variational bound is then run for ``max_iter`` iterations from the beginning (the same
    seed retraces the same first steps), which costs far less than running every start in full.
    With one start, nothing is screened.
    """
    seeds = np.random.RandomState(random_state).randint(np.iinfo(np.int32).max, size=starts)
    best = 0
    if starts > 1:
        bounds = np.array(
            [_lda(n_topics, seed, screen_iter).fit(matrix).score(matrix) for seed in seeds]
        )
        # bounds equal to 9 significant digits are tied: the first seed drawn wins, not noise
        best = int(np.round(bounds / np.abs(bounds).max(), TIE_DECIMALS).argmax())
    model = _lda(n_topics, seeds[best], max_iter)
    return model, model.fit_transform(matrix)
