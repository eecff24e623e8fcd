"""Comparing speeches: documents side by side, in time order, and each against the rest.

Three helpers turn the corpus tables into comparisons between documents:

- :func:`document_profile`: one row per document with its size, who speaks in it (the share of
  its words in the author's voice, in direct quotation and in reported speech) and its sentence
  sentiment (VADER, :mod:`analysis.sentiment`), so documents can be read side by side;
- :func:`over_time`: adds each document's ``date`` and ``year`` to any per-document table (a
  profile, ``sentiment_summary(..., by=["document", "voice"])``, discourse features) and puts it in
  date order, ready to plot against time;
- :func:`keyness_by`: keyness (:func:`analysis.keyness`) of each document, speaker, year or genre
  against the rest of the corpus: the words that set it apart.

A corpus of one document has nothing to compare: the profile has one row and :func:`keyness_by`
returns an empty table (there is no "rest").

References
----------
Baker, P. (2006). *Using Corpora in Discourse Analysis*. Continuum. (Keyness of one text against
the others as a way into its discourse; comparing texts over time.)
Dunning, T. (1993); Hardie, A. (2014): the keyness statistics, see :mod:`analysis.keyterms.keyness`.
Hutto, C. J. & Gilbert, E. (2014): VADER, see :mod:`analysis.sentiment`.
"""

from __future__ import annotations

from typing import Literal

import numpy as np
import pandas as pd
from scipy import sparse

from analysis._checks import check_columns, check_corpus, check_number, check_option
from analysis.keyterms.keyness import COLUMNS as KEYNESS_COLUMNS
from analysis.keyterms.keyness import scored

__all__ = ["GROUPINGS", "document_profile", "keyness_by", "over_time"]

Grouping = Literal["document", "speaker", "year", "genre"]
GROUPINGS = ("document", "speaker", "year", "genre")
VOICES = ("author", "quote", "reported")
PROFILE_COLUMNS = [
    "doc_id",
    "title",
    "short_title",
    "date",
    "year",
    "genre",
    "speakers",
    "n_sentences",
    "n_words",
    "share_author",
    "share_quote",
    "share_reported",
]
SENTIMENT_COLUMNS = ["mean_compound", "share_positive", "share_negative"]
KEYNESS_BY_COLUMNS = [
    "by",
    "group",
    "rank",
    *KEYNESS_COLUMNS,
    "n_target_words",
    "n_reference_words",
]


def _dates(documents: pd.DataFrame) -> pd.DataFrame:
    date = documents["date"]
    dates = pd.DataFrame(
        {"doc_id": documents["doc_id"], "date": date, "year": date.dt.year.astype("Int64")}
    )
    if "short_title" in documents:  # what figures label a document with
        dates["short_title"] = documents["short_title"].to_numpy()
    return dates


def over_time(table: pd.DataFrame, corpus) -> pd.DataFrame:
    """A per-document table with each document's ``date`` and ``year``, in date order.

    Parameters
    ----------
    table : pandas.DataFrame
        Any table with a ``doc_id`` column (one or more rows per document).
    corpus : analysis.Corpus
        The corpus the table was computed from (its ``documents`` give the dates).

    Returns
    -------
    pandas.DataFrame
        ``doc_id, date, year`` then the other columns of ``table`` (``date``/``year`` already in
        it are replaced), sorted by ``date`` (undated documents last), then ``doc_id``, keeping
        the original order within a document. ``year`` is a nullable integer.

    Raises
    ------
    ValueError
        If ``table`` has no ``doc_id`` column or names a document the corpus does not hold.

    Examples
    --------
    >>> import analysis
    >>> from analysis.paths import PROJECT_ROOT
    >>> corpus = analysis.load_corpus(PROJECT_ROOT / "tests" / "fixtures" / "corpus_multi")
    >>> table = pd.DataFrame({"doc_id": ["2021-09-30-marren-forum-closing",
    ...                                  "2019-11-03-marren-assembly"], "n": [2, 1]})
    >>> over_time(table, corpus)[["doc_id", "year", "n"]]
                                doc_id  year  n
    0       2019-11-03-marren-assembly  2019  1
    1  2021-09-30-marren-forum-closing  2021  2
    """
    check_columns(table, ["doc_id"], source="a table with one row per document")
    check_corpus(corpus, {"documents": ["doc_id", "date"]})
    unknown = sorted(set(table["doc_id"]) - set(corpus.documents["doc_id"]))
    if unknown:
        raise ValueError(f"doc_id(s) not in the corpus: {', '.join(map(str, unknown))}")
    added = _dates(corpus.documents)
    rest = table.drop(columns=added.columns.drop("doc_id"), errors="ignore").reset_index(drop=True)
    dated = rest.merge(added, on="doc_id", how="left", validate="many_to_one")
    dated = dated.assign(_order=np.arange(len(dated)))
    dated = dated.sort_values(["date", "doc_id", "_order"], na_position="last", kind="stable")
    others = [c for c in rest.columns if c != "doc_id"]
    return dated[[*added.columns, *others]].reset_index(drop=True)


def document_profile(corpus, *, sentiment: bool = True) -> pd.DataFrame:
    """One row per document: size, voices and sentiment, side by side in date order.

    Parameters
    ----------
    corpus : analysis.Corpus
        A loaded corpus.
    sentiment : bool, default True
        Add the documents' sentence sentiment (VADER compound, scored per sentence, then
        averaged; cached, see :func:`analysis.sentence_sentiment`).

    Returns
    -------
    pandas.DataFrame
        ``doc_id, title, date, year, genre, speakers, n_sentences, n_words``;
        ``share_author, share_quote, share_reported``: the shares of the document's words in each
        voice (token ``voice``, so the frame "Xi said" around a quotation is the author's; they sum
        to 1); with ``sentiment``, ``mean_compound`` (mean of the sentences' compound scores),
        ``share_positive`` and ``share_negative`` (shares of sentences at or beyond +-0.05).
        Sorted by date (undated last), then ``doc_id``.

    References
    ----------
    Semino, E. & Short, M. (2004). *Corpus Stylistics*. Routledge (the voices);
    Hutto, C. J. & Gilbert, E. (2014). VADER. *Proceedings of ICWSM-14*, 216-225.

    Examples
    --------
    >>> import analysis
    >>> profile = document_profile(analysis.load_corpus(), sentiment=False)
    >>> profile[["doc_id", "year", "n_sentences"]]
                               doc_id  year  n_sentences
    0  2020-11-10-he-yin-sco-security  2020           35
    """
    check_corpus(
        corpus,
        {
            "documents": ["doc_id", "title", "date", "genre", "speakers"],
            "sentences": ["doc_id"],
            "tokens": ["doc_id", "is_word", "voice"],
        },
    )
    words = corpus.tokens[corpus.tokens["is_word"].to_numpy(dtype=bool)]
    voices = (
        pd.crosstab(words["doc_id"], words["voice"].astype(str))
        .reindex(columns=list(VOICES), fill_value=0)
        .reindex(corpus.documents["doc_id"], fill_value=0)
    )
    n_words = voices.sum(axis=1)
    shares = voices.div(n_words.where(n_words > 0), axis=0).add_prefix("share_")
    n_sentences = corpus.sentences.groupby("doc_id").size()
    documents = corpus.documents.set_index("doc_id")
    profile = pd.DataFrame(
        {
            "doc_id": documents.index,
            "title": documents["title"].to_numpy(),
            "short_title": documents.get("short_title", documents["title"]).to_numpy(),
            "genre": documents["genre"].to_numpy(),
            "speakers": documents["speakers"].to_numpy(),
            "n_sentences": n_sentences.reindex(documents.index, fill_value=0).to_numpy(),
            "n_words": n_words.reindex(documents.index).to_numpy(),
        }
    )
    profile = pd.concat([profile, shares.reset_index(drop=True)], axis=1)
    if sentiment:
        from analysis.sentiment.scores import sentence_sentiment
        from analysis.sentiment.summary import sentiment_summary

        summary = sentiment_summary(sentence_sentiment(corpus.sentences), by="document")
        profile = profile.merge(summary[["doc_id", *SENTIMENT_COLUMNS]], on="doc_id", how="left")
    columns = PROFILE_COLUMNS + (SENTIMENT_COLUMNS if sentiment else [])
    profile = over_time(profile, corpus)
    return profile[columns].astype({"n_sentences": "int64", "n_words": "int64"})


def _groups(documents: pd.DataFrame, by: str) -> dict[str, list[str]]:
    """Group label -> the documents in it."""
    if by == "document":
        labels = [[doc_id] for doc_id in documents["doc_id"]]
    elif by == "speaker":
        labels = [
            [name.strip() for name in str(value).split(";") if name.strip()] or ["(no speaker)"]
            for value in documents["speakers"]
        ]
    elif by == "year":
        labels = [["undated"] if pd.isna(d) else [str(d.year)] for d in documents["date"]]
    else:
        labels = [[str(value).strip() or "(no genre)"] for value in documents["genre"]]
    groups: dict[str, list[str]] = {}
    for doc_id, names in zip(documents["doc_id"], labels, strict=True):
        for name in names:
            groups.setdefault(name, []).append(doc_id)
    return dict(sorted(groups.items()))


def _document_term_counts(tokens: pd.DataFrame, *, stopwords: str):
    """Words per document and term: ``(sparse counts, doc_ids, terms)``.

    One row per document with words, one column per term that occurs, counted as
    :func:`analysis.keyness` counts a token table: the ``norm`` of word tokens, stopwords left
    out with ``stopwords="drop"``.
    """
    keep = tokens["is_word"].to_numpy(dtype=bool)
    if stopwords == "drop":
        keep = keep & ~tokens["is_stop"].to_numpy(dtype=bool)
    words = tokens.loc[keep, ["doc_id", "norm"]]
    doc_codes, doc_ids = pd.factorize(words["doc_id"].astype("str"), sort=True)
    term_codes, terms = pd.factorize(words["norm"].astype("str"), sort=True)
    counts = sparse.csr_matrix(
        (np.ones(len(words), dtype=np.int64), (doc_codes, term_codes)),
        shape=(len(doc_ids), len(terms)),
    )
    counts.sum_duplicates()
    return counts, list(doc_ids), pd.Series(terms, dtype="str")


def _empty_keyness() -> pd.DataFrame:
    """The table :func:`keyness_by` returns when there is nothing to compare, typed as usual."""
    counts = ("rank", "n_target", "n_reference", "n_target_words", "n_reference_words")
    dtypes = {
        column: "str" if column in ("by", "group", "term", "more_in") else "float64"
        for column in KEYNESS_BY_COLUMNS
    } | dict.fromkeys(counts, "int64")
    return pd.DataFrame({column: pd.Series(dtype=dtype) for column, dtype in dtypes.items()})


def keyness_by(
    corpus,
    *,
    by: Grouping = "document",
    target: str | None = None,
    measure: str = "log_likelihood",
    min_count: int = 3,
    stopwords: Literal["keep", "drop"] = "drop",
    top: int | None = None,
) -> pd.DataFrame:
    """Keyness of each document, speaker, year or genre against the rest of the corpus.

    Parameters
    ----------
    corpus : analysis.Corpus
        A loaded corpus.
    by : {'document', 'speaker', 'year', 'genre'}
        How documents are grouped, from their metadata: ``doc_id``; each name in ``speakers``
        (a document with two speakers counts for both; a commentary's ``speakers`` are the people
        it reports, so its author's words count for them too); the year of ``date``
        (``"undated"`` when empty); ``genre``.
    target : str, optional
        One group to compare with the rest; None compares every group in turn.
    measure, min_count
        Passed to :func:`analysis.keyness` (sort key, lowest combined count).
    stopwords : {"drop", "keep"}
        Leave stopwords out, on both sides (the default), or count them too.
    top : int, optional
        Keep the first ``top`` rows per group (the most over-used terms, as keyness sorts them).

    Returns
    -------
    pandas.DataFrame
        ``by, group, rank`` (1-based within the group), the columns of :func:`analysis.keyness`
        (``term, n_target, n_reference, ..., log_ratio, ..., more_in``), and
        ``n_target_words, n_reference_words`` (the word totals compared). Groups with no other
        documents to compare against (all of a one-document corpus) are left out, so the table
        may be empty.

    Raises
    ------
    ValueError
        Unknown ``by``, or a ``target`` that is not one of the groups (the message lists them).

    References
    ----------
    Dunning (1993); Hardie (2014): see :mod:`analysis.keyterms.keyness`. Baker (2006), ch. 6.

    Examples
    --------
    >>> import analysis
    >>> from analysis.paths import PROJECT_ROOT
    >>> corpus = analysis.load_corpus(PROJECT_ROOT / "tests" / "fixtures" / "corpus_multi")
    >>> table = keyness_by(corpus, by="year", target="2020", top=2)
    >>> table[["group", "rank", "term", "n_target", "n_reference", "log_ratio"]]
      group  rank   term  n_target  n_reference  log_ratio
    0  2020     1  share         3            0   4.584963
    1  2020     2   pact         2            1   3.000000
    """
    check_number("min_count", min_count, minimum=1, integer=True)
    if top is not None:
        check_number("top", top, minimum=1, integer=True)
    check_option("by", by, GROUPINGS)
    check_option("stopwords", stopwords, ("keep", "drop"))
    check_corpus(corpus, {"documents": ["doc_id", "speakers", "date", "genre"], "tokens": []})
    groups = _groups(corpus.documents, by)
    if target is not None and target not in groups:
        raise ValueError(f"target={target!r} is not one of the {by} groups: {', '.join(groups)}")
    counts, doc_ids, terms = _document_term_counts(corpus.tokens, stopwords=stopwords)
    row = {doc_id: i for i, doc_id in enumerate(doc_ids)}
    total = np.asarray(counts.sum(axis=0)).ravel()
    tables = []
    for name, members in groups.items():
        if target is not None and name != target:
            continue
        rows = [row[doc_id] for doc_id in members if doc_id in row]
        inside = np.asarray(counts[rows].sum(axis=0)).ravel()
        n_inside = int(inside.sum())
        if n_inside == 0 or n_inside == int(total.sum()):
            continue
        # The group's counts and the rest's (the corpus minus the group) as frequency tables:
        # the same counts keyness would make from the two token tables, from one counting pass
        # instead of one pass over every word per group (quadratic in documents).
        rest = total - inside
        kept = inside + rest >= min_count
        both = pd.DataFrame(
            {
                "term": terms[kept].reset_index(drop=True),
                "n_target": inside[kept],
                "n_reference": rest[kept],
            }
        )
        # what keyness makes of the two frequency tables, without aligning 2 x |terms| strings
        # again for every group: the terms are the same, in lexical order
        table = scored(
            both,
            float(n_inside),
            float(total.sum() - n_inside),
            measure=measure,
            terms_sorted=True,
        )
        if top is not None:
            table = table.head(top)
        tables.append(
            table.assign(
                by=by,
                group=name,
                rank=np.arange(1, len(table) + 1),
                n_target_words=n_inside,
                n_reference_words=int(total.sum()) - n_inside,
            )
        )
    if not tables:
        return _empty_keyness()
    result = pd.concat(tables, ignore_index=True)[KEYNESS_BY_COLUMNS]
    return result.astype({"by": "str", "group": "str"})
