"""Find lexicon entries in a token table, sentence by sentence (private to the feature modules).

A document's tokens are laid out once as plain lists (:class:`DocTokens`); a
:class:`PhraseMatcher` then finds the longest entry starting at each token, left to right, never
across a sentence boundary and never overlapping another match of the same lexicon. Lower-case
entries match the token's ``norm``; entries with a capital letter match the token as written
(curly apostrophes made straight), so "WHO" is not "who" (see :mod:`analysis.discourse.lexicon`).
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


@dataclass(frozen=True)
class DocTokens:
    """One document's tokens in reading order, as lists, with ``rows`` into the token table.

    ``written`` is the token as in the text; ``surface`` the same with straight apostrophes, for
    matching capitalised entries.
    """

    rows: np.ndarray
    written: list[str]
    surface: list[str]
    norm: list[str]
    kind: list[str]
    sentence: np.ndarray
    starts: list[int]
    ends: list[int]

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

    def sentence_spans(self) -> Iterator[tuple[int, int]]:
        """``(start, stop)`` token positions of each sentence."""
        cuts = np.flatnonzero(np.diff(self.sentence)) + 1
        bounds = [0, *cuts.tolist(), len(self)]
        yield from itertools.pairwise(bounds)

    def token_at(self, offset: int) -> int:
        """Position of the token that covers or follows character ``offset``."""
        return bisect.bisect_left(self.ends, offset + 1)

    def span_text(self, start: int, stop: int) -> str:
        return self.text[self.starts[start] : self.ends[stop - 1]]


def documents(tokens: pd.DataFrame) -> Iterator[tuple[str, DocTokens]]:
    """Each document of a contract token table (sorted by ``doc_id``, ``token_id``)."""
    order = np.lexsort((tokens["token_id"].to_numpy(), tokens["doc_id"].astype(str).to_numpy()))
    table = tokens.iloc[order]
    doc_ids = table["doc_id"].astype(str).to_numpy()
    cuts = np.flatnonzero(doc_ids[1:] != doc_ids[:-1]) + 1
    for lo, hi in zip([0, *cuts.tolist()], [*cuts.tolist(), len(table)], strict=True):
        part = table.iloc[lo:hi]
        written = part["token"].astype(str).tolist()
        yield (
            doc_ids[lo],
            DocTokens(
                rows=order[lo:hi],
                written=written,
                surface=[s.replace("’", "'") for s in written],
                norm=part["norm"].astype(str).tolist(),
                kind=part["kind"].astype(str).tolist(),
                sentence=part["sentence_id"].to_numpy(),
                starts=part["start"].astype(int).tolist(),
                ends=part["end"].astype(int).tolist(),
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
        for lo, hi in doc.sentence_spans():
            i = lo
            while i < hi:
                if doc.norm[i] not in self._norm_keys and doc.surface[i] not in self._cased_keys:
                    i += 1
                    continue
                hit = self._at(doc, i, hi)
                if hit and (keep is None or keep(doc, i, i + len(hit[0]), hit[1])):
                    found.append(Match(i, i + len(hit[0]), hit[1], hit[2]))
                    i += len(hit[0])
                else:
                    i += 1
        return found
