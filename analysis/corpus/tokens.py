"""Word tokens with character offsets, for text as it is really typed.

One regular expression scans the text once; each token keeps its offsets, so
``text[start:end] == token`` always holds, and gets a normalised form ``norm`` for counting.

Rules
-----
- Curly and straight apostrophes are the same: "China’s" and "China's" both give ``china`` and the
  clitic ``'s``. Contractions split as in the Penn Treebank ("don't" -> ``do`` + ``n't``; "can't" ->
  ``ca`` + ``n't``), and ``norm`` spells the unambiguous clitics out (``n't`` -> ``not``, ``'re`` ->
  ``are``, ``'ve`` -> ``have``, ``'ll`` -> ``will``, ``'m`` -> ``am``; ``ca``/``wo``/``sha`` before
  ``n't`` -> ``can``/``will``/``shall``). ``'s`` and ``'d`` stay as they are: they are ambiguous.
- Hyphenated words stay whole (non-traditional, law-based, COVID-19, SCO-Afghanistan); the
  hyphen variants U+2010 and U+2011 normalise to "-". Dashes (– —) are punctuation.
- Numbers are tokens (2018, 1,000, 3.5, 20th, 1990s), of kind ``number``.
- A period stays on an abbreviation from the project's list ("Nov.", "Mr.", "U.S.", "e.g."), on
  an initialism ("U.N.", "W."), and on "No."/"Art."/"p." before a number; anywhere else it is
  punctuation.
- Punctuation is kept as tokens of kind ``punct`` (``symbol`` for currency, maths and the like);
  ``is_word`` is false for them. Clitics count as words, as in the CLAWS tagging of the BNC.

References
----------
Marcus, M., Santorini, B. & Marcinkiewicz, M. A. (1993). Building a large annotated corpus of
English: the Penn Treebank. *Computational Linguistics* 19(2).
"""

import re
import threading
import unicodedata
from collections.abc import Iterator
from itertools import repeat
from typing import NamedTuple

import numpy as np

from analysis.resources import abbreviations

APOSTROPHES = "'’ʼ"
HYPHENS = "-‐‑"
_NORM_TABLE = str.maketrans(
    {"’": "'", "‘": "'", "ʼ": "'", "‐": "-", "‑": "-", "“": '"', "”": '"', "«": '"', "»": '"'}
)
_CLITIC_NORMS = {"n't": "not", "'re": "are", "'ve": "have", "'ll": "will", "'m": "am"}
_NEGATED_STEMS = {"ca": "can", "wo": "will", "sha": "shall"}

_A = f"[{APOSTROPHES}]"
_CLITIC = r"(?i:s|re|ve|ll|m|d)\b"
_TOKEN_RE = re.compile(
    rf"""
    (?P<initialism>(?:[^\W\d_]\.){{2,}}|[A-Z]\.(?![^\W_]))   # U.S., e.g., a.m.; the W. of George W.
    |(?P<number>\d+(?:[.,:]\d+)*(?:[{HYPHENS}]?[^\W_]+)*)     # 2018, 1,000, 20th, 5-year
    |(?P<word>[^\W_]+(?:(?:[{HYPHENS}]|{_A}(?!{_CLITIC}))[^\W_]+)*)   # joined by - or ': O'Brien
    |(?P<clitic>{_A}{_CLITIC})                                # 's 're 've 'll 'm 'd
    |(?P<possessive>(?<=[sS]){_A}(?![^\W_]))                  # the plural possessive: peoples’
    |(?P<punct>\.{{3}}|…|-{{2,}}|[^\w\s]|_)
    """,
    re.VERBOSE,
)
_NEGATED_RE = re.compile(rf"([^\W\d_]+)([nN]{_A}[tT])")
_NUMBER_AHEAD_RE = re.compile(r"\s*\d")

KINDS = ("word", "number", "clitic", "punct", "symbol")

# the same expression with its groups made non-capturing, wrapped in one group, for re.split:
# splitting makes no match objects, the costliest part of scanning with finditer, and the
# pieces' lengths give the offsets (the groups are read again only where they matter). No token
# starts with white space: saying so first spares trying every alternative at each space (a
# third of the scan)
_SPLIT_RE = re.compile(
    r"(?=\S)(" + re.sub(r"\(\?P<\w+>", "(?:", _TOKEN_RE.pattern) + ")", _TOKEN_RE.flags
)

# what a token needs besides its reading: nothing, a look at the period after it, a split, or
# its regex group (an apostrophe alone is a possessive after "s", else a closing quote)
_PLAIN, _ABBREVIATION, _NEGATED, _GROUP = 0, 1, 2, 3
_KIND_CODES = {kind: code for code, kind in enumerate(KINDS)}


class TokenTypes:
    """Every token type read so far, by id: its surface, norm and kind, shared by all tokens.

    Types repeat (Zipf's law), so most tokens cost one look-up of their surface, and a
    document's columns are arrays of type ids that the corpus tables turn into codes without a
    Python-level step per token. Ids are valid until the next :func:`token_arrays` call, which
    forgets every type when there are more than a million (a corpus of hapaxes would otherwise
    grow the table without end). A new type is added under a lock, so threads that tokenise at
    the same time never give two types one id (at worst one type gets two ids, which read the
    same).
    """

    LIMIT = 1_000_000

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self.clear()

    def clear(self) -> None:
        """Forget every type (new lists: whoever keeps the old ones sees that they are old)."""
        self.of_surface: dict[str, int] = {}  # as the regex reads it alone
        self.of_piece: dict[tuple[str, str, str], int] = {}  # a reading made in context
        self.of_norm: dict[str, int] = {}
        self.surfaces: list[str] = []
        self.norms: list[str] = []  # by norm id
        self.kind_names: list[str] = []
        self._norm_ids = np.zeros(1024, dtype=np.int32)
        self._kinds = np.zeros(1024, dtype=np.int8)
        self._needs = np.zeros(1024, dtype=np.int8)

    def add(self, surface: str, norm: str, kind: str, need: int = _PLAIN) -> int:
        """A new type's id."""
        with self._lock:
            return self._add(surface, norm, kind, need)

    def _add(self, surface: str, norm: str, kind: str, need: int) -> int:
        type_id = len(self.surfaces)
        if type_id == len(self._kinds):
            self._norm_ids, self._kinds, self._needs = (
                np.concatenate([column, np.zeros_like(column)])
                for column in (self._norm_ids, self._kinds, self._needs)
            )
        self.surfaces.append(surface)
        self.kind_names.append(kind)
        self._norm_ids[type_id] = self.of_norm.setdefault(norm, len(self.of_norm))
        if len(self.norms) < len(self.of_norm):
            self.norms.append(norm)
        self._kinds[type_id] = _KIND_CODES[kind]
        self._needs[type_id] = need
        return type_id

    def piece(self, surface: str, norm: str, kind: str) -> int:
        """The id of a token read in its context ("Nov." with its period, "do" + "n't")."""
        key = (surface, norm, kind)
        found = self.of_piece.get(key)
        if found is None:
            found = self.of_piece[key] = self.add(surface, norm, kind)
        return found

    @property
    def norm_ids(self) -> np.ndarray:
        """Norm id by type id."""
        return self._norm_ids[: len(self.surfaces)]

    @property
    def kinds(self) -> np.ndarray:
        """Kind code (position in ``KINDS``) by type id."""
        return self._kinds[: len(self.surfaces)]

    @property
    def needs(self) -> np.ndarray:
        """What each type needs besides its reading (``_PLAIN`` ...), by type id."""
        return self._needs[: len(self.surfaces)]


TYPES = TokenTypes()


class Token(NamedTuple):
    """One token: its surface form, offsets, normalised form and kind."""

    token: str
    start: int
    end: int
    norm: str
    kind: str

    @property
    def is_word(self) -> bool:
        """Whether the token counts as a word: words, numbers and clitics, not punctuation."""
        return self.kind in ("word", "number", "clitic")


def _norm(surface: str) -> str:
    return surface.lower().translate(_NORM_TABLE)


def _reading(surface: str, group: str | None) -> tuple[str, str]:
    """``(norm, kind)`` of a token as its regex group reads it."""
    norm = _norm(surface)
    if group in ("clitic", "possessive"):
        return _CLITIC_NORMS.get(norm, norm), "clitic"
    if group == "punct":
        return norm, "symbol" if unicodedata.category(surface[0]).startswith("S") else "punct"
    return norm, "number" if group == "number" or surface[0].isdigit() else "word"


def _group(text: str, at: int) -> str | None:
    """The regex group of the token at ``at`` (matching there again sees the same context)."""
    return _TOKEN_RE.match(text, int(at)).lastgroup


def _learn(surface: str, group: str | None) -> int:
    """The id of a token type met for the first time."""
    norm, kind = _reading(surface, group)
    need = _PLAIN
    if surface in APOSTROPHES:
        need = _GROUP
    elif kind == "word":
        known = abbreviations()
        if f"{norm}." in known.always or f"{norm}." in known.before_number:
            need = _ABBREVIATION
        elif _NEGATED_RE.fullmatch(surface):
            need = _NEGATED
    TYPES.of_surface[surface] = type_id = TYPES.add(surface, norm, kind, need)
    return type_id


def _in_context(text: str, surfaces: list[str], ids, starts, ends, index: int) -> tuple[list, int]:
    """The token(s), as ``(type id, start, end)``, that token ``index`` makes in its context.

    Also how many tokens they use: 2 when an abbreviation takes the period after it.
    """
    surface, type_id = surfaces[index], int(ids[index])
    start, end = int(starts[index]), int(ends[index])
    need, norm = TYPES.needs[type_id], TYPES.norms[TYPES.norm_ids[type_id]]
    if need == _ABBREVIATION:
        period = (
            index + 1 < len(surfaces) and surfaces[index + 1] == "." and starts[index + 1] == end
        )
        known = abbreviations()
        if period and (f"{norm}." in known.always or _NUMBER_AHEAD_RE.match(text, end + 1)):
            return [(TYPES.piece(surface + ".", norm + ".", "word"), start, end + 1)], 2
    elif need == _NEGATED:  # don't -> do + n't; can't -> ca + n't (norm "can")
        stem, clitic = _NEGATED_RE.fullmatch(surface).groups()
        lower, cut = stem.lower(), start + len(stem)
        return [
            (TYPES.piece(stem, _NEGATED_STEMS.get(lower, lower), "word"), start, cut),
            (TYPES.piece(clitic, "not", "clitic"), cut, end),
        ], 1
    elif need == _GROUP:
        reading = _reading(surface, _group(text, start))
        return [(TYPES.piece(surface, *reading), start, end)], 1
    return [(type_id, start, end)], 1


_EMPTY = np.zeros(0, dtype=np.int64)


def _scan(text: str) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Type ids, starts and ends of the tokens of ``text``."""
    pieces = _SPLIT_RE.split(text)
    surfaces = pieces[1::2]
    if not surfaces:
        return _EMPTY.astype(np.int32), _EMPTY, _EMPTY
    # pieces alternate: the gap before a token, the token; their lengths add up to the offsets
    lengths = np.fromiter(map(len, pieces), dtype=np.int64, count=len(pieces))
    ends = lengths.cumsum()[1::2]
    starts = ends - lengths[1::2]
    ids = np.fromiter(
        map(TYPES.of_surface.get, surfaces, repeat(-1)), dtype=np.int32, count=len(surfaces)
    )
    for index in np.flatnonzero(ids < 0).tolist():
        surface = surfaces[index]
        known = TYPES.of_surface.get(surface)  # met earlier in this text
        ids[index] = known if known is not None else _learn(surface, _group(text, starts[index]))
    special = np.flatnonzero(TYPES.needs[ids]).tolist()
    if not special:
        return ids, starts, ends
    # each token becomes 1 token, 2 (a split), or 0 (the period an abbreviation took)
    counts = np.ones(len(ids), dtype=np.int64)
    changes: list[tuple[int, list]] = []
    done = 0
    for index in special:
        if index < done:
            continue
        pieces, used = _in_context(text, surfaces, ids, starts, ends, index)
        counts[index] = len(pieces)
        counts[index + 1 : index + used] = 0
        changes.append((index, pieces))
        done = index + used
    ids, starts, ends = (np.repeat(column, counts) for column in (ids, starts, ends))
    first = np.cumsum(counts) - counts  # where each old token's output begins
    for index, pieces in changes:
        at = int(first[index])
        for offset, (type_id, start, end) in enumerate(pieces):
            ids[at + offset], starts[at + offset], ends[at + offset] = type_id, start, end
    return ids, starts, ends


def token_arrays(
    text: str, within: list[tuple[int, int]] | None = None
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The tokens of ``text`` as arrays: type ids (into :data:`TYPES`), starts and ends.

    The fast path behind :func:`tokenize` and the corpus tables. Every token type is read once;
    only abbreviations, "n't" and lone apostrophes are then looked at in their context. With
    ``within`` (sorted, non-overlapping spans, such as sentences) every token lies inside one
    span: the text is tokenised in one pass, and if a token crosses a span's end (Punkt ends a
    sentence only before white space or punctuation, so none should), span by span, which cuts
    it there. Ids are valid until the next call.
    """
    if len(TYPES.surfaces) >= TYPES.LIMIT:
        TYPES.clear()
    ids, starts, ends = _scan(text)
    if within is None or len(ids) == 0:
        return ids, starts, ends
    span_starts = np.array([start for start, _ in within], dtype=np.int64)
    span_ends = np.array([end for _, end in within], dtype=np.int64)
    inside = np.searchsorted(span_starts, starts, side="right") - 1
    if inside.min() >= 0 and (ends <= span_ends[inside]).all():
        return ids, starts, ends
    parts = [(ids[:0], starts[:0], ends[:0])]
    parts.extend(
        (i, s + start, e + start) for start, end in within for i, s, e in [_scan(text[start:end])]
    )
    return tuple(np.concatenate(column) for column in zip(*parts, strict=True))


def token_columns(
    text: str, offset: int = 0
) -> tuple[list[str], list[int], list[int], list[str], list[str]]:
    """The tokens of ``text`` as columns: surfaces, starts, ends, norms and kinds.

    Offsets are shifted by ``offset``.
    """
    ids, starts, ends = token_arrays(text)
    ids = ids.tolist()
    norm_ids = TYPES.norm_ids
    return (
        [TYPES.surfaces[i] for i in ids],
        (starts + offset).tolist(),
        (ends + offset).tolist(),
        [TYPES.norms[norm_ids[i]] for i in ids],
        [TYPES.kind_names[i] for i in ids],
    )


def iter_tokens(text: str, offset: int = 0) -> Iterator[Token]:
    """Yield the tokens of ``text``; offsets are shifted by ``offset``.

    >>> [t.token for t in iter_tokens("China’s non-traditional security, on Nov. 10.")]
    ['China', '’s', 'non-traditional', 'security', ',', 'on', 'Nov.', '10', '.']
    >>> [t.norm for t in iter_tokens("We can’t and won't")]
    ['we', 'can', 'not', 'and', 'will', 'not']
    """
    return map(Token._make, zip(*token_columns(text, offset), strict=True))


def tokenize(text: str) -> list[Token]:
    """The tokens of ``text`` as a list of :class:`Token` (token, start, end, norm, kind).

    Examples
    --------
    >>> [(t.token, t.norm, t.kind) for t in tokenize("The U.S. side’s “No. 1” aim.")]
    ... # doctest: +NORMALIZE_WHITESPACE
    [('The', 'the', 'word'), ('U.S.', 'u.s.', 'word'), ('side', 'side', 'word'),
     ('’s', "'s", 'clitic'), ('“', '"', 'punct'), ('No.', 'no.', 'word'), ('1', '1', 'number'),
     ('”', '"', 'punct'), ('aim', 'aim', 'word'), ('.', '.', 'punct')]
    """
    return list(iter_tokens(text))
