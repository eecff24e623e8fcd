"""Find lexicon entries in a token table, sentence by sentence (private to the feature modules).

A document's tokens are laid out once as plain lists (:class:`DocTokens`) of the token table's
distinct strings (:class:`Vocabulary`), one document at a time; a :class:`PhraseMatcher` picks the
tokens that can start an entry by their integer codes, then finds the longest entry starting at
each, left to right, never across a sentence boundary and never overlapping another match of the
same lexicon. Lower-case entries match the token's ``norm``; entries with a capital letter match
the token as written (curly apostrophes made straight), so "WHO" is not "who" (see
:mod:`analysis.discourse.lexicon`).
"""

from __future__ import annotations

import bisect
import itertools
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cached_property

import numpy as np
import pandas as pd

#: closed-class words before which a word is read as part of a noun phrase, not as a verb
DETERMINERS = frozenset({
    "the", "a", "an", "this", "that", "these", "those", "its", "their", "our", "his", "her",
    "my", "your", "'s", "every", "each", "no", "any", "such", "another",
})  # fmt: skip
PREPOSITIONS = frozenset({
    "of", "for", "to", "in", "on", "at", "by", "with", "from", "into", "onto", "about", "among",
    "between", "against", "through", "under", "over", "within", "without", "toward", "towards",
    "across", "after", "before", "during", "via",
})  # fmt: skip


@dataclass(frozen=True)
class Match:
    """Tokens ``start:stop`` of a document (positions in :class:`DocTokens`) and what they are."""

    start: int
    stop: int
    category: str
    term: str
    detail: str | None = None


class Vocabulary:
    """The distinct values of a token table's ``token``, ``norm`` and ``kind``, for all documents.

    Lexicon look-ups are answered once per distinct value (a boolean per value) and then read
    per token through its integer code, so no token is compared as a string.
    """

    def __init__(self, written: np.ndarray, norm: np.ndarray, kind: np.ndarray):
        self.written = written
        self.surface = np.array([value.replace("’", "'") for value in written], dtype=object)
        self.norm = norm
        self.kind = kind
        self._cache: dict = {}

    def mask(self, words: frozenset[str], *, cased: bool) -> np.ndarray:
        """Which surface (``cased``) or norm values are in ``words``, by code."""
        key = (words, cased)
        if key not in self._cache:
            values = self.surface if cased else self.norm
            self._cache[key] = np.fromiter((v in words for v in values), bool, len(values))
        return self._cache[key]

    def of_norm(self, key, function) -> np.ndarray:
        """``function(norm)`` of every norm value, by code (computed once per ``key``)."""
        if key not in self._cache:
            found = np.empty(len(self.norm), dtype=object)
            found[:] = [function(norm) for norm in self.norm]
            self._cache[key] = found
        return self._cache[key]


@dataclass(frozen=True)
class DocTokens:
    """One document's tokens in reading order, as lists, with ``rows`` into the token table.

    ``written`` is the token as in the text; ``surface`` the same with straight apostrophes, for
    matching capitalised entries. The lists hold the :class:`Vocabulary`'s strings, not copies;
    ``token_codes``, ``norm_codes`` and ``kind_codes`` index its values.
    """

    rows: np.ndarray
    written: list[str]
    surface: list[str]
    norm: list[str]
    kind: list[str]
    sentence: np.ndarray
    starts: list[int]
    ends: list[int]
    vocabulary: Vocabulary
    token_codes: np.ndarray
    norm_codes: np.ndarray
    kind_codes: np.ndarray

    def __len__(self) -> int:
        return len(self.norm)

    @cached_property
    def text(self) -> str:
        """The document rebuilt from its tokens at their offsets, blanks between them."""
        if not self.ends:
            return ""
        chars = [" "] * max(self.ends)
        for written, start in zip(self.written, self.starts, strict=True):
            chars[start : start + len(written)] = written
        return "".join(chars)

    @cached_property
    def sentence_stops(self) -> np.ndarray:
        """Token position after each sentence."""
        return np.append(np.flatnonzero(np.diff(self.sentence)) + 1, len(self))

    def sentence_spans(self) -> Iterator[tuple[int, int]]:
        """``(start, stop)`` token positions of each sentence."""
        yield from itertools.pairwise([0, *self.sentence_stops.tolist()])

    def sentence_of(self, i: int) -> tuple[int, int]:
        """``(start, stop)`` token positions of the sentence holding token ``i``."""
        at = int(np.searchsorted(self.sentence_stops, i, side="right"))
        return (int(self.sentence_stops[at - 1]) if at else 0), int(self.sentence_stops[at])

    def positions(self, norms: frozenset[str], surfaces: frozenset[str] = frozenset()):
        """Positions of the tokens whose norm is in ``norms`` or surface in ``surfaces``."""
        hit = self.vocabulary.mask(norms, cased=False)[self.norm_codes]
        if surfaces:
            hit |= self.vocabulary.mask(surfaces, cased=True)[self.token_codes]
        return np.flatnonzero(hit)

    def token_at(self, offset: int) -> int:
        """Position of the token that covers or follows character ``offset``."""
        return bisect.bisect_left(self.ends, offset + 1)

    def span_text(self, start: int, stop: int) -> str:
        return self.text[self.starts[start] : self.ends[stop - 1]]


def _codes(column: pd.Series) -> tuple[np.ndarray, np.ndarray]:
    """Integer codes of a column and its values as strings: ``values[codes]`` is the column."""
    if isinstance(column.dtype, pd.CategoricalDtype):
        # the categorical's own codes: ``.cat.codes`` is a copy
        codes = column.array.codes
        if len(codes) == 0 or codes.min() >= 0:
            return codes, np.array(column.cat.categories.astype(str).tolist(), dtype=object)
    codes, values = pd.factorize(column.astype(str).to_numpy())
    return codes, np.asarray(values, dtype=object)


def documents(tokens: pd.DataFrame) -> Iterator[tuple[str, DocTokens]]:
    """Each document of a contract token table, in the order of ``doc_id`` then ``token_id``.

    The table is read through its columns' codes: a table in that order already (as the contract
    has it) is not copied, and only one document's lists exist at a time.
    """
    doc_codes, doc_ids = _codes(tokens["doc_id"])
    # documents in the lexical order of their ids, whatever the order of the categories
    by_name = np.argsort(doc_ids, kind="stable")
    rank = np.empty(len(doc_ids), dtype=np.min_scalar_type(len(doc_ids)))
    rank[by_name] = np.arange(len(doc_ids))
    doc = rank[doc_codes]
    token_id = tokens["token_id"].to_numpy()
    in_order = bool(
        np.all((doc[1:] > doc[:-1]) | ((doc[1:] == doc[:-1]) & (token_id[1:] >= token_id[:-1])))
    )
    order = None if in_order else np.lexsort((token_id, doc))
    token_codes, written = _codes(tokens["token"])
    norm_codes, norm = _codes(tokens["norm"])
    kind_codes, kind = _codes(tokens["kind"])
    columns = [doc, token_codes, norm_codes, kind_codes]
    columns += [tokens[c].to_numpy() for c in ("sentence_id", "start", "end")]
    if order is not None:
        columns = [column[order] for column in columns]
    doc, token_codes, norm_codes, kind_codes, sentence, starts, ends = columns
    vocabulary = Vocabulary(written, norm, kind)
    cuts = (np.flatnonzero(doc[1:] != doc[:-1]) + 1).tolist()
    for lo, hi in zip([0, *cuts], [*cuts, len(doc)], strict=True):
        codes = token_codes[lo:hi], norm_codes[lo:hi], kind_codes[lo:hi]
        yield (
            doc_ids[by_name[doc[lo]]],
            DocTokens(
                rows=np.arange(lo, hi) if order is None else order[lo:hi],
                written=written[codes[0]].tolist(),
                surface=vocabulary.surface[codes[0]].tolist(),
                norm=norm[codes[1]].tolist(),
                kind=kind[codes[2]].tolist(),
                sentence=sentence[lo:hi],
                starts=starts[lo:hi].tolist(),
                ends=ends[lo:hi].tolist(),
                vocabulary=vocabulary,
                token_codes=codes[0],
                norm_codes=codes[1],
                kind_codes=codes[2],
            ),
        )


class PhraseMatcher:
    """Longest-match lookup of one- and multi-word entries.

    Parameters
    ----------
    entries : iterable of (category, entry, term)
        ``term`` is what a match reports (the entry itself when empty).
    """

    def __init__(self, entries: Iterable[tuple[str, str, str]]):
        by_first: dict[tuple[bool, str], list] = defaultdict(list)
        for category, entry, term in entries:
            words = tuple(entry.replace("’", "'").split())
            cased = entry != entry.lower()
            by_first[(cased, words[0])].append((words, cased, category, term or entry))
        self._by_first = {
            key: sorted(found, key=lambda item: -len(item[0])) for key, found in by_first.items()
        }
        self._norm_keys = frozenset(word for cased, word in by_first if not cased)
        self._cased_keys = frozenset(word for cased, word in by_first if cased)

    def _at(self, doc: DocTokens, i: int, stop: int):
        by_norm = self._by_first.get((False, doc.norm[i]), [])
        by_surface = self._by_first.get((True, doc.surface[i]), [])
        candidates = by_norm or by_surface
        if by_norm and by_surface:
            candidates = sorted(by_norm + by_surface, key=lambda c: -len(c[0]))
        for words, cased, category, term in candidates:
            seen = doc.surface if cased else doc.norm
            if i + len(words) <= stop and tuple(seen[i : i + len(words)]) == words:
                return words, category, term
        return None

    def find(self, doc: DocTokens, *, keep=None) -> list[Match]:
        """Matches in reading order; ``keep(doc, start, stop, category)`` can veto a match."""
        found = []
        candidates = doc.positions(self._norm_keys, self._cased_keys)
        stops = doc.sentence_stops[np.searchsorted(doc.sentence_stops, candidates, side="right")]
        free = 0
        for i, stop in zip(candidates.tolist(), stops.tolist(), strict=True):
            # a token inside an earlier match is not a start: matches of a lexicon never overlap
            if i < free:
                continue
            hit = self._at(doc, i, stop)
            if hit and (keep is None or keep(doc, i, i + len(hit[0]), hit[1])):
                found.append(Match(i, i + len(hit[0]), hit[1], hit[2]))
                free = i + len(hit[0])
        return found
