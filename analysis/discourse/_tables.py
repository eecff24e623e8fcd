"""Tables of the discourse features (private): matches, sentences, denominators, provenance.

:func:`analysis.discourse_features` finds the matches; this module lays them out in the
tables of ``DiscourseFeatures``, with the contract's dtypes and a stable order.
"""

from __future__ import annotations

from array import array
from importlib.metadata import version

import numpy as np
import pandas as pd

from analysis.discourse import markers
from analysis.paths import LEXICONS_DIR
from analysis.resources import resource_version

FEATURES = (
    "modality",
    "person_deixis",
    "stance",
    "nominalisation",
    "reporting",
    "actors",
    "agents",
    "intertextuality",
)
MATCH_COLUMNS = [
    "doc_id", "paragraph_id", "sentence_id", "token_id", "n_tokens", "feature", "category",
    "text", "term", "detail", "voice", "speaker", "sentence_voice", "sentence_speaker",
]  # fmt: skip


def categories(chosen, lex) -> pd.DataFrame:
    rows = []
    for feature in chosen:
        if feature == "reporting":
            names = markers.REPORTING_CATEGORIES
        elif feature == "agents":
            names = (*lex["agents"].categories, "pronoun")
        else:
            names = lex[feature].categories
        rows.extend((feature, name) for name in names)
    return pd.DataFrame(rows, columns=["feature", "category"]).astype("str")


def _provenance(chosen, lex) -> pd.DataFrame:
    rows = []
    for feature in chosen:
        if feature == "reporting":
            path = LEXICONS_DIR / "reporting_verbs.txt"
            rows.append((feature, path.name, resource_version(path), "see the file's header"))
        else:
            sources = lex[feature].sources
            if feature in ("actors", "agents"):
                sources = f"{sources} pycountry {version('pycountry')}."
            rows.append((feature, lex[feature].path.name, lex[feature].version, sources))
    return pd.DataFrame(rows, columns=["feature", "file", "version", "sources"]).astype("str")


_INTEGER_COLUMNS = (
    "document", "row", "n_tokens", "feature", "column", "category", "text", "term", "detail",
)  # fmt: skip


class Found:
    """The matches found so far, document by document, as columns of machine integers.

    Each distinct string (category, text, term, detail) is kept once and a match holds its code:
    held as a row of Python objects a match cost about 200 bytes, and x10 has 943,190 of them.
    """

    def __init__(self, categories: pd.DataFrame):
        pairs = zip(categories["feature"], categories["category"], strict=True)
        self._columns = {pair: j for j, pair in enumerate(pairs)}
        self.strings: dict[str | None, int] = {}
        # the how-manieth document: documents come in the order of doc_id
        self.document = array("i")
        self.row = array("q")
        self.n_tokens = array("i")
        self.feature = array("b")
        # the match's column in the per-sentence table (-1: none)
        self.column = array("i")
        self.category, self.text, self.term, self.detail = (array("i") for _ in range(4))
        self._doc, self._n_docs = None, -1

    def add(self, doc, feature: str, matches) -> None:
        """Add the matches of ``feature`` in ``doc`` (a ``DocTokens``)."""
        if doc is not self._doc:
            self._doc, self._n_docs = doc, self._n_docs + 1
        code, strings = FEATURES.index(feature), self.strings
        for m in matches:
            self.document.append(self._n_docs)
            self.row.append(doc.rows[m.start])
            self.n_tokens.append(m.stop - m.start)
            self.feature.append(code)
            self.column.append(self._columns.get((feature, m.category), -1))
            self.category.append(strings.setdefault(m.category, len(strings)))
            self.text.append(strings.setdefault(doc.span_text(m.start, m.stop), len(strings)))
            self.term.append(strings.setdefault(m.term, len(strings)))
            self.detail.append(strings.setdefault(m.detail, len(strings)))

    def integers(self, name: str, order: np.ndarray) -> np.ndarray:
        """An integer column in ``order``."""
        return np.frombuffer(getattr(self, name), dtype=getattr(self, name).typecode)[order]

    def strings_of(self, name: str, order: np.ndarray) -> pd.api.extensions.ExtensionArray:
        """A string column in ``order``, as the contract's ``str`` (None is missing)."""
        values = np.empty(len(self.strings), dtype=object)
        values[:] = list(self.strings)
        return pd.array(values[self.integers(name, order)], dtype="str")

    def table(self, tokens: pd.DataFrame) -> tuple[pd.DataFrame, np.ndarray, np.ndarray]:
        """The match table without its sentences' labels, each match's token row and column.

        The table is in reading order. The columns found are let go once they are in it.
        """
        token_id = tokens["token_id"].to_numpy()[self.integers("row", slice(None))]
        # reading order: document, first token, feature, length; ties keep the order found
        keys = [self.integers(name, slice(None)) for name in ("n_tokens", "feature", "document")]
        order = np.lexsort((*keys[:2], token_id, keys[2]))
        row = self.integers("row", order)

        def at(column: str) -> pd.Series:
            return pd.Series(tokens[column].array.take(row))

        matches = pd.DataFrame(
            {
                "doc_id": at("doc_id").astype("str").array,
                "paragraph_id": at("paragraph_id").to_numpy(dtype=np.int64),
                "sentence_id": at("sentence_id").to_numpy(dtype=np.int64),
                "token_id": token_id[order].astype(np.int64),
                "n_tokens": self.integers("n_tokens", order).astype(np.int64),
                "feature": pd.Categorical.from_codes(
                    self.integers("feature", order), categories=list(FEATURES)
                ),
                # str even when there is no match: pyarrow's strings cannot be added to floats
                "category": self.strings_of("category", order),
                "text": self.strings_of("text", order),
                "term": self.strings_of("term", order),
                "detail": self.strings_of("detail", order),
                "voice": pd.Categorical(at("voice").array, categories=_voices(tokens)),
                "speaker": at("speaker").astype("str").array,
            }
        )
        column = self.integers("column", order)
        del keys  # views of the columns: they would keep them alive
        for name in _INTEGER_COLUMNS:
            setattr(self, name, array(getattr(self, name).typecode))
        return matches, row, column


def build(tokens, sentences, found: Found, categories, chosen, lex) -> dict[str, pd.DataFrame]:
    """The tables of a :class:`analysis.DiscourseFeatures`, from the matches found."""
    # before the matches are laid out, so that its transient arrays do not add to theirs
    words = _words(tokens)
    matches, row, column = found.table(tokens)
    at_sentence = _sentence_rows(tokens, row, sentences)
    sentence_voice = sentences["voice"].array.take(at_sentence, allow_fill=True)
    matches["sentence_voice"] = pd.Categorical(sentence_voice, categories=_voices(tokens))
    matches["sentence_speaker"] = sentences["speaker"].array.take(at_sentence, allow_fill=True)
    return {
        "matches": matches,
        "sentences": _per_sentence(tokens, sentences, at_sentence, column, categories),
        "categories": categories,
        "lexicons": _provenance(chosen, lex),
        "words": words,
    }


def _sentence_rows(tokens, row, sentences) -> np.ndarray:
    """The row in ``sentences`` of the sentence of each token ``row`` (-1: not there).

    Documents are compared by their position among the token table's ids, not as strings:
    joining the 943,190 matches of x10 on their doc_id strings cost more than the table.
    """
    if len(sentences) == 0:
        return np.full(len(row), -1)
    doc = tokens["doc_id"]
    if isinstance(doc.dtype, pd.CategoricalDtype):
        names, codes = doc.cat.categories, doc.array.codes[row]
    else:
        names = pd.Index(doc.unique())
        codes = names.get_indexer(doc.array.take(row))
    own = names.get_indexer(sentences["doc_id"])
    ids = tokens["sentence_id"].to_numpy()[row].astype(np.int64)
    span = max(int(sentences["sentence_id"].max()), int(ids.max(initial=0))) + 1
    wanted = codes.astype(np.int64) * span + ids
    keys = np.where(own >= 0, own * span + sentences["sentence_id"].to_numpy(np.int64), -1)
    by_key = np.argsort(keys, kind="stable")
    at = np.minimum(np.searchsorted(keys, wanted, sorter=by_key), len(keys) - 1)
    return np.where(keys[by_key[at]] == wanted, by_key[at], -1)


def _voices(tokens: pd.DataFrame) -> list[str]:
    voice = tokens["voice"]
    return list(voice.cat.categories) if isinstance(voice.dtype, pd.CategoricalDtype) else None


def _word_runs(tokens: pd.DataFrame, keys: list[str]) -> pd.DataFrame:
    """``keys`` of each run of consecutive tokens that share them, and ``n``, its number of words.

    Grouping these runs gives what grouping the words would, in a table a tenth their size:
    pandas' group-by over every word of x10 needed 75 B/token on top.
    """
    starts = np.zeros(len(tokens), dtype=bool)
    starts[:1] = True
    for key in keys:
        column = tokens[key]
        if isinstance(column.dtype, pd.CategoricalDtype):
            values = column.array.codes
        elif pd.api.types.is_integer_dtype(column.dtype):
            values = column.to_numpy()
        else:
            values = pd.factorize(column)[0]
        starts[1:] |= values[1:] != values[:-1]
    first = np.flatnonzero(starts)
    is_word = tokens["is_word"].to_numpy(dtype=bool)
    n = np.add.reduceat(is_word, first, dtype=np.int64) if len(first) else first
    runs = tokens.iloc[first[n > 0], [tokens.columns.get_loc(key) for key in keys]]
    return runs.assign(n=n[n > 0])


def _words(tokens: pd.DataFrame) -> pd.DataFrame:
    keys = ["doc_id", "sentence_id", "voice", "speaker"]
    table = (
        _word_runs(tokens, keys)
        .groupby(keys, dropna=False, observed=True, sort=True)["n"]
        .sum()
        .rename("n_words")
        .reset_index()
    )
    # the token table's categoricals stay inside: results keep the contract's str columns
    return table.astype({"doc_id": "str", "speaker": "str"})


def _per_sentence(tokens, sentences, rows, columns, categories) -> pd.DataFrame:
    """One row per sentence; each match counts in its ``rows`` and ``columns`` (-1: none)."""
    keys = ["doc_id", "sentence_id"]
    base = sentences[["doc_id", "paragraph_id", "sentence_id", "voice", "speaker"]].copy()
    n_words = _word_runs(tokens, keys).groupby(keys, observed=True)["n"].sum()
    n_words = n_words.rename("n_words").reset_index().astype({"doc_id": "str"})
    base = base.astype({"doc_id": "str"}).merge(n_words, on=keys, how="left")
    base["n_words"] = base["n_words"].fillna(0).astype("int64")
    names = [f"{f}_{c}" for f, c in zip(categories["feature"], categories["category"], strict=True)]
    counted = (rows >= 0) & (columns >= 0)
    cells = rows[counted] * len(names) + columns[counted]
    counts = np.bincount(cells, minlength=len(base) * len(names)).astype(np.int64, copy=False)
    counts = pd.DataFrame(
        counts.reshape(len(base), len(names)), columns=names, index=base.index, copy=False
    )
    text = sentences["text"]
    # the sentences' own strings, not a copy through Python objects, when they are the contract's
    text = text.array if isinstance(text.dtype, pd.StringDtype) else text.to_numpy()
    out = pd.concat([base, counts], axis=1).assign(text=text)
    return out.sort_values(keys, kind="stable").reset_index(drop=True)
