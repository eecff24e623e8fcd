"""Hard clusters of texts: k-means or Ward clustering on a latent semantic (LSA) representation.

Where a topic model gives every text a *mixture* of topics, a clustering puts every text in
exactly one group. The texts are represented as in the scikit-learn document-clustering example:
TF-IDF weights of content words (see :mod:`analysis.topics._vectorize`), reduced by truncated SVD to
at most ``n_components`` latent dimensions (latent semantic analysis, Deerwester et al. 1990) and
normalised to unit length, so that Euclidean distance ranks pairs as cosine similarity does. Then
either

- ``"kmeans"``: k-means (Lloyd 1982) with k-means++ starts (Arthur & Vassilvitskii 2007), the
  best of 10 seeded runs; or
- ``"agglomerative"``: Ward's (1963) hierarchical clustering, which has no randomness of its own.

A clustering sees only which content words texts share. Clusters are numbered by size (cluster 1
is the largest); their characteristic terms and a representative text help to name them, and
:func:`analysis.model_selection` reports their silhouette and stability.
"""

from dataclasses import dataclass
from typing import Literal

import numpy as np
import pandas as pd
from sklearn.cluster import AgglomerativeClustering, KMeans
from sklearn.decomposition import PCA, TruncatedSVD
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import Normalizer

from analysis._checks import check_number, check_option
from analysis.topics._vectorize import (
    check_k,
    check_settings,
    require_terms,
    single_thread,
    text_table,
    top_terms_table,
    vectorize,
)

Method = Literal["kmeans", "agglomerative"]
#: the most LSA dimensions a clustering keeps (fewer when the texts or terms are fewer)
N_COMPONENTS = 100


@dataclass(frozen=True)
class ClusterResult:
    """A fitted clustering and its tables.

    Attributes
    ----------
    assignments : pandas.DataFrame
        One row per input text, in input order: the input's id columns (``text_id`` for a plain
        list), ``cluster`` (1-based, largest first; <NA> for a text with no counted word, which
        is left out of the clustering), ``similarity`` (cosine similarity to its cluster's
        centroid in LSA space) and ``x``, ``y`` (a 2-D principal-component projection of the
        LSA space, for plotting).
    top_terms : pandas.DataFrame
        ``cluster, rank, term, weight, mean_tfidf, mean_tfidf_rest, n_texts``: the terms that
        characterise each cluster, ranked by ``weight = mean_tfidf - mean_tfidf_rest`` (the
        term's mean TF-IDF in the cluster's texts minus in all other clustered texts);
        ``n_texts`` counts the cluster's texts that contain the term.
    representatives : pandas.DataFrame
        One row per cluster: ``cluster, n_texts`` (cluster size), the id columns of the text
        most similar to the cluster's centroid, its ``similarity`` and ``text``.
    pipeline : sklearn.pipeline.Pipeline
        The fitted vectoriser, LSA, normaliser and clustering model (model labels are in the
        model's own numbering, see ``cluster_order``).
    representation : numpy.ndarray
        The normalised LSA vectors of the clustered texts (rows with a cluster, input order).
    method, n_clusters, random_state
        The settings the clustering was fitted with.
    cluster_order : tuple of int
        ``cluster_order[i]`` is the model label shown as cluster ``i + 1``.
    """

    assignments: pd.DataFrame
    top_terms: pd.DataFrame
    representatives: pd.DataFrame
    pipeline: Pipeline
    representation: np.ndarray
    method: str
    n_clusters: int
    random_state: int
    cluster_order: tuple[int, ...]

    def labels(self, top: int = 3) -> pd.Series:
        """Short labels from the ``top`` terms, indexed by cluster: ``"1: security, region"``."""
        check_number("top", top, minimum=1, integer=True)
        heaviest = self.top_terms[self.top_terms["rank"] <= top]
        joined = heaviest.groupby("cluster")["term"].agg(", ".join)
        index = pd.RangeIndex(1, self.n_clusters + 1, name="cluster")
        return pd.Series([f"{c}: {joined.get(c, '')}" for c in index], index=index, name="label")


def cluster_texts(
    texts,
    *,
    n_clusters: int,
    method: Method = "kmeans",
    n_components: int = N_COMPONENTS,
    top: int = 10,
    min_df: int | float = 2,
    max_df: int | float = 0.95,
    random_state: int = 0,
) -> ClusterResult:
    """Group texts into ``n_clusters`` hard clusters.

    Parameters
    ----------
    texts : sequence of str or pandas.DataFrame
        The units to cluster, or a table with a ``text`` column (its ``*_id`` columns are kept),
        e.g. ``corpus.paragraphs`` or ``corpus.documents``.
    n_clusters : int
        Number of clusters, at least 2 and smaller than the number of texts with a counted word.
    method : {"kmeans", "agglomerative"}
        k-means (seeded, best of 10 starts) or Ward's agglomerative clustering.
    n_components : int
        Maximum number of LSA dimensions (at least 1); the SVD uses fewer when the texts or
        terms are fewer.
    top : int
        Number of characteristic terms per cluster in ``top_terms`` (at least 1).
    min_df, max_df : int or float
        Vectoriser settings, as in :func:`analysis.fit_topics`.
    random_state : int
        Seed of every stochastic step (the randomised SVD and the k-means starts).

    Returns
    -------
    ClusterResult
        ``assignments``, ``top_terms``, ``representatives`` and the fitted ``pipeline``.

    Raises
    ------
    ValueError
        For an unknown method, a number out of range (``n_clusters`` below 2, ``n_components``,
        ``top``, ``min_df``, ``max_df``, ``random_state``), fewer than two texts, ``n_clusters``
        not smaller than the number of texts, too few content words after filtering, or fewer
        distinct texts than clusters; the message says what to change.
    TypeError
        For texts that are neither a list of strings nor a table.

    References
    ----------
    Deerwester, S., Dumais, S. T., Furnas, G. W., Landauer, T. K., & Harshman, R. (1990).
    Indexing by latent semantic analysis. *JASIS*, 41(6), 391-407.
    Lloyd, S. (1982). Least squares quantization in PCM. *IEEE Trans. Inf. Theory*, 28(2).
    Arthur, D., & Vassilvitskii, S. (2007). k-means++: the advantages of careful seeding. *SODA*.
    Ward, J. H. (1963). Hierarchical grouping to optimize an objective function. *JASA*, 58.

    Examples
    --------
    >>> texts = ["border security troops border", "trade tariffs exports trade",
    ...          "security troops patrol border", "exports tariffs trade deal",
    ...          "troops border security"]
    >>> result = cluster_texts(texts, n_clusters=2, min_df=1)
    >>> result.assignments["cluster"].tolist()
    [1, 2, 1, 2, 1]
    >>> result.representatives[["cluster", "n_texts", "text_id"]].to_dict("list")
    {'cluster': [1, 2], 'n_texts': [3, 2], 'text_id': [5, 2]}
    """
    check_option("method", method, Method)
    check_number("n_components", n_components, minimum=1, integer=True)
    check_settings(top=top, min_df=min_df, max_df=max_df, random_state=random_state)
    ids, docs = text_table(texts)
    return cluster_table(
        ids,
        docs,
        n_clusters=n_clusters,
        method=method,
        n_components=n_components,
        top=top,
        min_df=min_df,
        max_df=max_df,
        random_state=random_state,
    )


@single_thread
def cluster_table(
    ids: pd.DataFrame,
    docs: list[str],
    *,
    n_clusters: int,
    method: str,
    n_components: int,
    top: int,
    min_df,
    max_df,
    random_state: int,
    memo: dict | None = None,
) -> ClusterResult:
    """:func:`cluster_texts` on checked input (``text_table``'s ids and texts).

    ``memo``, a dict the caller keeps for one list of texts, one vectoriser setting, one
    ``n_components`` and one ``random_state``, holds the TF-IDF matrix and its LSA after the
    first call: neither depends on the number of clusters, so model selection computes them
    once per sample instead of once per k (the pipelines share them); the tables are those of
    separate calls.
    """
    check_k(n_clusters, len(docs), name="n_clusters", unit="clusters", least=2)
    memo = {} if memo is None else memo
    if "vectorized" not in memo:
        memo["vectorized"] = vectorize(docs, weighting="tfidf", min_df=min_df, max_df=max_df)
    vectorizer, matrix = memo["vectorized"]
    require_terms(matrix, 3, min_df=min_df, max_df=max_df)
    kept = np.flatnonzero(np.asarray(matrix.sum(axis=1)).ravel() > 0)
    if n_clusters >= len(kept):
        raise ValueError(
            f"only {len(kept)} of {len(docs)} texts contain a counted word after filtering, too "
            f"few for n_clusters={n_clusters}; ask for fewer clusters, lower min_df, or pass "
            "texts with content words"
        )
    tfidf = matrix[kept]

    if "represented" not in memo:
        represented = represent(tfidf, n_components=n_components, random_state=random_state)
        memo["represented"] = (*represented, len(np.unique(represented[2].round(10), axis=0)))
    lsa, normalizer, representation, distinct = memo["represented"]
    if distinct < n_clusters:
        raise ValueError(
            f"the texts have only {distinct} distinct content-word profiles (duplicates, or texts "
            f"that share all their counted words), too few for n_clusters={n_clusters}; ask for "
            f"at most n_clusters={distinct} or remove duplicate texts"
        )
    model, raw = group(
        representation, n_clusters=n_clusters, method=method, random_state=random_state
    )
    pipeline = Pipeline(
        [("vectorizer", vectorizer), ("lsa", lsa), ("normalizer", normalizer), (method, model)]
    )

    # number clusters by size, largest first; ties by first appearance in the input
    sizes = np.bincount(raw, minlength=n_clusters)
    first = np.array([np.flatnonzero(raw == c)[0] for c in range(n_clusters)])
    order = np.lexsort((first, -sizes))
    labels = np.empty(n_clusters, dtype=int)
    labels[order] = np.arange(1, n_clusters + 1)
    cluster = labels[raw]

    centroids = np.vstack(
        [representation[cluster == c].mean(axis=0) for c in range(1, n_clusters + 1)]
    )
    centroids /= np.linalg.norm(centroids, axis=1, keepdims=True)
    similarity = np.einsum("ij,ij->i", representation, centroids[cluster - 1])
    xy = PCA(n_components=2, svd_solver="full").fit_transform(representation)

    assignments = ids.assign(
        cluster=pd.array([pd.NA] * len(docs), dtype="Int64"), similarity=np.nan, x=np.nan, y=np.nan
    )
    assignments.loc[kept, "cluster"] = cluster
    assignments.loc[kept, ["similarity", "x", "y"]] = np.column_stack([similarity, xy])

    top_terms = _characteristic_terms(
        tfidf, cluster, n_clusters, vectorizer.get_feature_names_out(), top
    )
    # rounding makes exact ties (duplicate texts) resolve to the first text, not to float noise
    rounded = np.round(similarity, 12)
    best = [
        kept[np.flatnonzero(cluster == c)[np.argmax(rounded[cluster == c])]]
        for c in range(1, n_clusters + 1)
    ]
    representatives = (
        ids.iloc[best]
        .reset_index(drop=True)
        .assign(
            similarity=[assignments.at[i, "similarity"] for i in best],
            text=pd.array([docs[i] for i in best], dtype="str"),
        )
    )
    representatives.insert(0, "n_texts", np.bincount(cluster, minlength=n_clusters + 1)[1:])
    representatives.insert(0, "cluster", np.arange(1, n_clusters + 1))
    return ClusterResult(
        assignments,
        top_terms,
        representatives,
        pipeline,
        representation,
        method,
        n_clusters,
        random_state,
        tuple(int(i) for i in order),
    )


def represent(tfidf, *, n_components: int, random_state: int):
    """LSA of a TF-IDF matrix, rows scaled to unit length: ``(svd, normalizer, vectors)``."""
    dims = min(n_components, tfidf.shape[0] - 1, tfidf.shape[1] - 1)
    lsa = TruncatedSVD(n_components=dims, algorithm="randomized", random_state=random_state)
    normalizer = Normalizer(copy=False)
    return lsa, normalizer, normalizer.fit_transform(lsa.fit_transform(tfidf))


def group(representation, *, n_clusters: int, method: str, random_state: int):
    """Cluster LSA vectors: ``(model, labels in the model's own numbering)``."""
    if method == "kmeans":
        model = KMeans(n_clusters=n_clusters, n_init=10, random_state=random_state)
    else:
        model = AgglomerativeClustering(n_clusters=n_clusters, linkage="ward")
    return model, model.fit_predict(representation)


def _characteristic_terms(tfidf, cluster, n_clusters, terms, top) -> pd.DataFrame:
    """Terms ranked by mean TF-IDF inside each cluster minus mean TF-IDF outside it."""
    inside, outside, present = [], [], []
    for c in range(1, n_clusters + 1):
        member = cluster == c
        inside.append(np.asarray(tfidf[member].mean(axis=0)).ravel())
        outside.append(np.asarray(tfidf[~member].mean(axis=0)).ravel())
        present.append(np.asarray((tfidf[member] > 0).sum(axis=0)).ravel())
    inside, outside = np.vstack(inside), np.vstack(outside)
    return top_terms_table(
        inside - outside,
        terms,
        top,
        group="cluster",
        extra={"mean_tfidf": inside, "mean_tfidf_rest": outside, "n_texts": np.vstack(present)},
    )
