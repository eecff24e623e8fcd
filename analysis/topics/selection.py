"""How many topics or clusters? Coherence, stability and silhouette for a range of k, as one table.

No number of topics is "true"; what a reader can check is whether the groups a model finds are
*coherent* (their top terms really occur together), *stable* (a slightly different sample of the
texts, or another seed, gives the same groups) and, for clusters, *separated*. For each k in a
range, :func:`model_selection` fits the model once on all texts and ``n_seeds`` times on random
subsamples, and reports:

``coherence``, ``coherence_se``
    Mean NPMI (normalised pointwise mutual information, Bouma 2009) over all pairs of each
    topic's ``top`` terms, averaged over topics. Variant: probabilities are estimated from
    *boolean co-occurrence in the modelled units themselves* (paragraphs or documents: the
    corpus's own co-occurrences, no external reference corpus and no sliding window), without
    smoothing; a pair that never co-occurs scores -1, a pair occurring in every unit 0 (its PMI
    is 0). This is the NPMI confirmation measure of Röder et al. (2015) with boolean-document
    segmentation, which Lau et al. (2014) found to track human judgements of topic quality
    best. Range -1 to 1; higher is more coherent. Each subsample fit's topics are scored on all
    the texts; the column is the mean over the fits and ``_se`` its standard error.
``stability_terms``, ``stability_terms_se``
    Top-term agreement between the full-data model and each subsample model: topics are
    paired one-to-one by the Hungarian method to maximise the Jaccard similarity of their
    ``top`` term sets, and the pairs' Jaccard values are averaged (the top-term stability
    of Greene et al. 2014, with Jaccard on whole sets instead of their average Jaccard over
    ranks). 1 means every topic came back with the same top terms.
``stability_ari``, ``stability_ari_se``
    Adjusted Rand index (Hubert & Arabie 1985) between the dominant topic (or cluster) of
    each subsampled text under the full-data model and under the subsample model. 1 means the
    same grouping, 0 chance agreement.
``silhouette``
    Clusters only: mean silhouette width (Rousseeuw 1987) of the full-data clustering, cosine
    distance on the LSA vectors. Range -1 to 1.

Large inputs. Every candidate k costs ``1 + n_seeds`` fits, and a fit's cost grows with the
texts (on the benchmark speeches, an NMF selection took 11.6 CPU s on 124 documents and a
k-means one 3.7; see ``benchmarks/README.md``, "make report at scale"). With ``max_texts``, an
input of more texts is first reduced to a simple random sample of ``max_texts`` of them, drawn
without replacement with ``numpy.random.default_rng(random_state)`` and kept in input order;
the selection (every fit, coherence count and subsample) then runs on that sample, and
``n_texts`` says how many texts it was. An input of at most ``max_texts`` texts is used whole,
so its table does not change. The sample estimates how the candidates compare on texts like
these; it does not see a theme too rare to be drawn.

Each subsample holds ``round(sample_fraction * n)`` texts drawn without replacement with seed
``random_state + i``, and its model is fitted with seed ``random_state + i + 1``, so both the
data and the initialisation vary. Every ``_se`` column is a standard error over the ``n_seeds``
subsample fits: sample standard deviation / sqrt(n_seeds).

Choosing k. Each subsample fit gets a ``score``: for topic models its term agreement times
``(1 + coherence) / 2`` (both must be good: a coherent but unstable model depends on which texts
were sampled, a stable but incoherent one lumps themes together); for clusters its ARI times
``(1 + silhouette) / 2``. ``score`` is their mean and ``score_se`` its standard error. The rule:

1. a candidate whose ``coherence`` is the lowest of all candidates is refused
   (``worst_coherence``), however stable it is: a high score bought with incoherent topics is
   not a choice to defend (when every candidate has the same coherence, none is refused);
2. among the others, ``selected`` marks the smallest k whose score is within one standard error
   of their best score: the one-standard-error rule (Breiman et al. 1984; Hastie, Tibshirani &
   Friedman 2009, 7.10), which prefers the simpler model when the data cannot tell the
   candidates apart;
3. ``clearly_supported`` (the same on every row) says whether the data single that k out: it
   is True only when the selected k's ``score - score_se`` lies above ``score + score_se`` of
   every other candidate that was not refused (their one-standard-error intervals do not
   overlap). When it is False, neighbouring k describe the texts about equally well and the
   selected k is only the simplest defensible choice.
"""

from typing import Literal

import numpy as np
import pandas as pd
from scipy.optimize import linear_sum_assignment
from sklearn.feature_extraction.text import CountVectorizer
from sklearn.metrics import adjusted_rand_score, silhouette_score

from analysis._checks import check_number, check_option
from analysis.topics._vectorize import (
    TIE_DECIMALS,
    check_settings,
    content_words,
    text_table,
)
from analysis.topics.clusters import N_COMPONENTS, cluster_table
from analysis.topics.models import fit_table

Method = Literal["nmf", "lda", "kmeans", "agglomerative"]
COLUMNS = [
    "method",
    "k",
    "coherence",
    "coherence_se",
    "stability_terms",
    "stability_terms_se",
    "stability_ari",
    "stability_ari_se",
    "silhouette",
    "score",
    "score_se",
    "worst_coherence",
    "selected",
    "clearly_supported",
    "n_texts",
    "n_vocabulary",
    "n_seeds",
]


def model_selection(
    texts,
    *,
    method: Method = "nmf",
    ks=None,
    n_seeds: int = 5,
    sample_fraction: float = 0.8,
    top: int = 10,
    min_df: int | float = 2,
    max_df: int | float = 0.95,
    random_state: int = 0,
    max_texts: int | None = None,
) -> pd.DataFrame:
    """Coherence, stability and (for clusters) silhouette for each candidate k.

    Parameters
    ----------
    texts : sequence of str or pandas.DataFrame
        The units to model, as for :func:`analysis.fit_topics`.
    method : {"nmf", "lda", "kmeans", "agglomerative"}
        A topic model (:func:`analysis.fit_topics`) or a clustering
        (:func:`analysis.cluster_texts`).
    ks : iterable of int, optional
        Candidate numbers of topics or clusters. Default: 2 up to 8, or fewer when the
        subsamples are too small (k must be smaller than the subsample size).
    n_seeds : int
        Number of subsample fits per k for the stability columns (at least 2).
    sample_fraction : float
        Share of the texts in each subsample, greater than 0 and less than 1.
    top : int
        Top terms per topic or cluster used for coherence and term stability (at least 1).
    min_df, max_df : int or float
        Vectoriser settings, as in :func:`analysis.fit_topics`.
    random_state : int
        Base seed; see the module documentation for how seeds are derived.
    max_texts : int, optional
        Past this many texts, select on a random sample of ``max_texts`` of them (seed
        ``random_state``; see "Large inputs" in the module documentation), to bound the time on
        a large corpus. None (the default) uses every text.

    Returns
    -------
    pandas.DataFrame
        One row per k, in the order given: ``method, k``; ``coherence, coherence_se,
        stability_terms, stability_terms_se, stability_ari, stability_ari_se`` (mean and
        standard error over the subsample fits); ``silhouette`` (NaN for topic models);
        ``score, score_se``; ``worst_coherence`` (refused by the rule); ``selected`` (True on
        exactly one row: the chosen k); ``clearly_supported`` (the same on every row: whether
        the data single out the chosen k); ``n_texts, n_vocabulary`` (of the fit on all the
        texts selected on: every text, or the ``max_texts`` sampled) and ``n_seeds``. The
        rule is in the module documentation: refuse the least coherent candidate, then the
        smallest k within one standard error of the best score; the choice is clearly
        supported only when its score interval (± one standard error) clears every other
        candidate's.

    Raises
    ------
    ValueError
        For an unknown method, a number out of range (``n_seeds``, ``sample_fraction``,
        ``top``, ``min_df``, ``max_df``, ``random_state``, ``max_texts``), a k the texts
        cannot support, too few texts for any k, or too few content words; the message says
        what to change.

    References
    ----------
    Bouma, G. (2009). Normalized (pointwise) mutual information in collocation extraction.
    *Proceedings of GSCL*, 31-40.
    Lau, J. H., Newman, D., & Baldwin, T. (2014). Machine reading tea leaves: automatically
    evaluating topic coherence and topic model quality. *EACL*, 530-539.
    Röder, M., Both, A., & Hinneburg, A. (2015). Exploring the space of topic coherence
    measures. *WSDM*, 399-408.
    Greene, D., O'Callaghan, D., & Cunningham, P. (2014). How many topics? Stability analysis
    for topic models. *ECML PKDD*, 498-513.
    Hubert, L., & Arabie, P. (1985). Comparing partitions. *Journal of Classification*, 2.
    Rousseeuw, P. J. (1987). Silhouettes. *J. Comput. Appl. Math.*, 20, 53-65.
    Breiman, L., Friedman, J., Olshen, R., & Stone, C. (1984). *Classification and Regression
    Trees*. Wadsworth. (The one-standard-error rule.)
    Hastie, T., Tibshirani, R., & Friedman, J. (2009). *The Elements of Statistical Learning*,
    2nd ed., section 7.10. Springer.

    Examples
    --------
    Three themes of four words, each text three words of one theme: k = 2 must lump two themes
    together and is the least coherent, k = 4 splits a theme and is less stable, and k = 3 is
    singled out.

    >>> themes = [["troops", "border", "patrol", "army"], ["trade", "tariffs", "exports", "grain"],
    ...           ["vaccine", "clinic", "nurses", "doctors"]]
    >>> texts = [" ".join(themes[i % 3][i % 2 : 3 + i % 2]) for i in range(15)]
    >>> table = model_selection(texts, ks=[2, 3, 4], n_seeds=3, min_df=1)
    >>> table[["k", "worst_coherence", "selected", "clearly_supported"]]
       k  worst_coherence  selected  clearly_supported
    0  2             True     False               True
    1  3            False      True               True
    2  4            False     False               True
    """
    check_option("method", method, Method)
    check_number("n_seeds", n_seeds, minimum=2, integer=True)
    check_number("sample_fraction", sample_fraction, minimum=0, maximum=1, exclusive=True)
    if sample_fraction == 1:  # check_number's range is closed above; a full sample cannot vary
        raise ValueError(
            f"sample_fraction={sample_fraction!r} leaves no text out, so subsamples cannot differ; "
            "use e.g. 0.8"
        )
    check_settings(top=top, min_df=min_df, max_df=max_df, random_state=random_state)
    if max_texts is not None:
        check_number("max_texts", max_texts, minimum=3, integer=True)
    docs = _at_most(text_table(texts)[1], max_texts, random_state)
    n_sample = round(sample_fraction * len(docs))
    ks = _candidate_ks(ks, n_sample, len(docs), sample_fraction)
    is_topic = method in ("nmf", "lda")
    settings = {"method": method, "min_df": min_df, "max_df": max_df, "top": top}
    presence = _presence(docs)

    group = "topic" if is_topic else "cluster"
    # Subsample outside, k inside: what a fit computes before it knows k (the vectorised
    # texts, for clusters also their LSA) is computed once per subsample and reused for every
    # k, and only one subsample's is held at a time. Every fit keeps its own seed, so the
    # tables are those of fitting each (k, subsample) separately.
    reference_memo = {}
    references = {k: _fit(docs, k, random_state, memo=reference_memo, **settings) for k in ks}
    terms_agree, ari, coherent = ({k: [] for k in ks} for _ in range(3))
    for i in range(n_seeds):
        rng = np.random.default_rng(random_state + i)
        sample = np.sort(rng.choice(len(docs), size=n_sample, replace=False))
        subsample, memo = [docs[j] for j in sample], {}
        for k in ks:
            reference = references[k]
            fitted = _fit(subsample, k, random_state + i + 1, memo=memo, **settings)
            terms_agree[k].append(_term_agreement(reference.top_terms, fitted.top_terms, group, k))
            ari[k].append(
                _label_agreement(_labels(reference, group)[sample], _labels(fitted, group))
            )
            coherent[k].append(
                coherence(fitted.top_terms, presence, group=group)["coherence"].mean()
            )

    rows = []
    for k in ks:
        reference = references[k]
        silhouette = np.nan
        if not is_topic:
            silhouette = silhouette_score(
                reference.representation,
                _labels(reference, group).dropna().to_numpy(int),
                metric="cosine",
            )
        # the score of each subsample fit, so that the score has a standard error
        if is_topic:
            scores = np.array(terms_agree[k]) * (1 + np.array(coherent[k])) / 2
        else:
            scores = np.array(ari[k]) * (1 + silhouette) / 2
        rows.append(
            {
                "method": method,
                "k": k,
                **_mean_se("coherence", coherent[k]),
                **_mean_se("stability_terms", terms_agree[k]),
                **_mean_se("stability_ari", ari[k]),
                "silhouette": silhouette,
                **_mean_se("score", scores),
                "n_texts": len(docs),
                "n_vocabulary": len(reference.pipeline.named_steps["vectorizer"].vocabulary_),
                "n_seeds": n_seeds,
            }
        )
    table = pd.DataFrame(rows)
    table["method"] = table["method"].astype("str")
    return choose_k(table)[COLUMNS]


def _at_most(docs: list[str], max_texts: int | None, seed: int) -> list[str]:
    """``docs``, or a seeded simple random sample of ``max_texts`` of them in input order."""
    if max_texts is None or len(docs) <= max_texts:
        return docs
    chosen = np.random.default_rng(seed).choice(len(docs), size=max_texts, replace=False)
    return [docs[i] for i in np.sort(chosen)]


def _mean_se(name: str, values) -> dict[str, float]:
    values = np.asarray(values, dtype=float)
    return {name: values.mean(), f"{name}_se": values.std(ddof=1) / np.sqrt(len(values))}


def choose_k(table: pd.DataFrame) -> pd.DataFrame:
    """Add ``worst_coherence``, ``selected`` and ``clearly_supported`` by the rule of the module.

    Values equal to ``TIE_DECIMALS`` decimals are tied, so float noise cannot change the choice.

    >>> table = pd.DataFrame({"k": [2, 3, 4, 5], "coherence": [0.1, 0.3, 0.2, 0.2],
    ...                       "score": [0.80, 0.67, 0.70, 0.66],
    ...                       "score_se": [0.02, 0.03, 0.05, 0.04]})
    >>> choose_k(table)[["k", "worst_coherence", "selected", "clearly_supported"]]
       k  worst_coherence  selected  clearly_supported
    0  2             True     False              False
    1  3            False      True              False
    2  4            False     False              False
    3  5            False     False              False

    k = 2 scores best but has the least coherent topics, so it is refused; of the rest, 0.67 is
    within 0.05 of 0.70, so the smaller k = 3 is chosen, and it is not clearly supported.
    """
    coherent = table["coherence"].round(TIE_DECIMALS)
    worst = coherent == coherent.min()
    if worst.all():  # one candidate, or all equally coherent: nothing to refuse
        worst = pd.Series(False, index=table.index)
    eligible = table[~worst]
    score = eligible["score"].round(TIE_DECIMALS)
    best = eligible.loc[score.idxmax()]
    good_enough = score >= round(best["score"] - best["score_se"], TIE_DECIMALS)
    chosen = int(eligible.loc[good_enough, "k"].min())
    selected = table["k"] == chosen
    row = table[selected].iloc[0]
    others = eligible[eligible["k"] != chosen]
    clear = len(others) > 0 and bool(
        (
            round(row["score"] - row["score_se"], TIE_DECIMALS)
            > (others["score"] + others["score_se"]).round(TIE_DECIMALS)
        ).all()
    )
    return table.assign(worst_coherence=worst, selected=selected, clearly_supported=clear)


def coherence(top_terms: pd.DataFrame, presence: pd.DataFrame, *, group: str = "topic"):
    """NPMI coherence of each topic or cluster from boolean co-occurrence in ``presence``.

    ``presence`` is a texts x terms boolean table (see :func:`presence_table`). Returns
    ``group, coherence, n_pairs``; a group with fewer than two top terms gets NaN.

    >>> presence = presence_table(["war army", "war army", "peace trade", "peace"])
    >>> top = pd.DataFrame({"topic": [1, 1, 2, 2], "term": ["war", "army", "peace", "trade"]})
    >>> coherence(top, presence).round(3).to_dict("list")
    {'topic': [1, 2], 'coherence': [1.0, 0.5], 'n_pairs': [1, 1]}
    """
    n = len(presence)
    rows = []
    for g, terms in top_terms.groupby(group, sort=True)["term"]:
        matrix = presence[list(terms)].to_numpy(dtype=float)
        p = matrix.mean(axis=0)
        joint = (matrix.T @ matrix) / n
        values = []
        for i in range(len(p)):
            for j in range(i + 1, len(p)):
                values.append(_npmi(joint[i, j], p[i], p[j]))
        rows.append(
            {group: g, "coherence": np.mean(values) if values else np.nan, "n_pairs": len(values)}
        )
    return pd.DataFrame(rows, columns=[group, "coherence", "n_pairs"])


def presence_table(texts) -> pd.DataFrame:
    """Texts x content-word table of booleans: does the term occur in the text?"""
    return _presence(text_table(texts)[1])


def _npmi(p_xy: float, p_x: float, p_y: float) -> float:
    """Bouma's (2009) normalised PMI with its limits: -1 for no co-occurrence, 0 if p_xy = 1."""
    if p_xy == 0:
        return -1.0
    if p_xy == 1:
        return 0.0
    return float(np.log(p_xy / (p_x * p_y)) / -np.log(p_xy))


def _presence(docs: list[str]) -> pd.DataFrame:
    vectorizer = CountVectorizer(analyzer=content_words(), binary=True)
    try:
        matrix = vectorizer.fit_transform(docs)
    except ValueError:
        raise ValueError("no content words in any text: there is nothing to model") from None
    return pd.DataFrame(matrix.toarray().astype(bool), columns=vectorizer.get_feature_names_out())


def _candidate_ks(ks, n_sample: int, n_texts: int, fraction: float) -> list[int]:
    largest = n_sample - 1
    if largest < 2:
        raise ValueError(
            f"model selection needs subsamples of at least 3 texts; {n_texts} texts at "
            f"sample_fraction={fraction} give {n_sample}; pass more or smaller units "
            "(paragraphs or sentences) or raise sample_fraction"
        )
    if ks is None:
        return list(range(2, min(8, largest) + 1))
    ks = [int(k) for k in ks]
    bad = [k for k in ks if not 2 <= k <= largest]
    if not ks or bad:
        raise ValueError(
            f"ks must hold values from 2 to {largest} for {n_texts} texts at "
            f"sample_fraction={fraction} (each subsample has {n_sample}); got {bad or 'none'}"
        )
    return ks


def _fit(docs, k, seed, *, method, min_df, max_df, top, memo):
    ids = pd.DataFrame({"text_id": np.arange(1, len(docs) + 1)})
    if method in ("nmf", "lda"):
        return fit_table(
            ids,
            docs,
            n_topics=k,
            method=method,
            top=top,
            min_df=min_df,
            max_df=max_df,
            random_state=seed,
            memo=memo,
        )
    return cluster_table(
        ids,
        docs,
        n_clusters=k,
        method=method,
        n_components=N_COMPONENTS,
        top=top,
        min_df=min_df,
        max_df=max_df,
        random_state=seed,
        memo=memo,
    )


def _labels(result, group: str) -> pd.Series:
    return result.assignments[group]


def _term_agreement(a: pd.DataFrame, b: pd.DataFrame, group: str, k: int) -> float:
    """Mean Jaccard similarity of top-term sets after one-to-one Hungarian matching."""
    sets_a = [set(a.loc[a[group] == g, "term"]) for g in range(1, k + 1)]
    sets_b = [set(b.loc[b[group] == g, "term"]) for g in range(1, k + 1)]
    jaccard = np.array(
        [[len(x & y) / len(x | y) if x | y else 0.0 for y in sets_b] for x in sets_a]
    )
    rows, cols = linear_sum_assignment(jaccard, maximize=True)
    return float(jaccard[rows, cols].mean())


def _label_agreement(a: pd.Series, b: pd.Series) -> float:
    a, b = a.reset_index(drop=True), b.reset_index(drop=True)
    both = a.notna() & b.notna()
    return float(adjusted_rand_score(a[both].to_numpy(int), b[both].to_numpy(int)))
