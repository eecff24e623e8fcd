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
import unicodedata
from collections.abc import Iterator
from typing import NamedTuple

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

# what a token needs besides its reading: nothing, a look at the period after it, a split, or
# its regex group (an apostrophe alone is a possessive after "s", else a closing quote)
_PLAIN, _ABBREVIATION, _NEGATED, _GROUP = 0, 1, 2, 3
# surface -> (surface, norm, kind, need); types repeat (Zipf's law), so most tokens cost one
# look-up, and every token of a type shares one string object (a smaller table, pickled faster)
_KNOWN_TYPES: dict[str, tuple[str, str, str, int]] = {}
_KNOWN_TYPES_LIMIT = 1_000_000


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


def _learn(surface: str, group: str | None) -> tuple[str, str, str, int]:
    """The reading of a token type, remembered for the next time."""
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
    if len(_KNOWN_TYPES) >= _KNOWN_TYPES_LIMIT:
        _KNOWN_TYPES.clear()
    _KNOWN_TYPES[surface] = reading = (surface, norm, kind, need)
    return reading


def _in_context(text, offset, matches, index, columns) -> tuple[list[tuple], int]:
    """The token(s) that ``matches[index]`` makes in its context, and how many matches they use."""
    surfaces, starts, needs = columns[0], columns[1], columns[5]
    surface, start, end, norm, kind = (column[index] for column in columns[:5])
    if needs[index] == _ABBREVIATION:
        period = (
            index + 1 < len(surfaces) and surfaces[index + 1] == "." and starts[index + 1] == end
        )
        known = abbreviations()
        if period and (
            f"{norm}." in known.always or _NUMBER_AHEAD_RE.match(text, end + 1 - offset)
        ):
            return [(surface + ".", start, end + 1, norm + ".", kind)], 2
    elif needs[index] == _NEGATED:  # don't -> do + n't; can't -> ca + n't (norm "can")
        stem, clitic = _NEGATED_RE.fullmatch(surface).groups()
        lower, cut = stem.lower(), start + len(stem)
        return [
            (stem, start, cut, _NEGATED_STEMS.get(lower, lower), "word"),
            (clitic, cut, end, "not", "clitic"),
        ], 1
    elif needs[index] == _GROUP:
        return [(surface, start, end, *_reading(surface, matches[index].lastgroup))], 1
    return [(surface, start, end, norm, kind)], 1


def token_columns(
    text: str, offset: int = 0
) -> tuple[list[str], list[int], list[int], list[str], list[str]]:
    """The tokens of ``text`` as columns: surfaces, starts, ends, norms and kinds.

    The fast path behind :func:`tokenize` and the corpus tables; offsets are shifted by
    ``offset``. Every token type is read once; only abbreviations, "n't" and lone apostrophes
    are then looked at in their context.
    """
    matches = list(_TOKEN_RE.finditer(text))
    if not matches:
        return [], [], [], [], []
    # map() over C methods: this loop runs once per token of the corpus
    surfaces = list(map(re.Match.group, matches))
    readings = list(map(_KNOWN_TYPES.get, surfaces))
    if None in readings:
        for index in [i for i, reading in enumerate(readings) if reading is None]:
            surface = surfaces[index]
            readings[index] = _KNOWN_TYPES.get(surface) or _learn(surface, matches[index].lastgroup)
    starts = list(map(re.Match.start, matches))
    ends = list(map(re.Match.end, matches))
    if offset:
        starts = [start + offset for start in starts]
        ends = [end + offset for end in ends]
    surfaces, norms, kinds, needs = map(list, zip(*readings, strict=True))
    if not any(needs):
        return surfaces, starts, ends, norms, kinds
    columns = (surfaces, starts, ends, norms, kinds, needs)
    result: tuple[list, ...] = ([], [], [], [], [])
    done = 0
    for index in [i for i, need in enumerate(needs) if need]:
        if index < done:  # the period an abbreviation took
            continue
        for column, source in zip(result, columns, strict=False):
            column.extend(source[done:index])
        pieces, used = _in_context(text, offset, matches, index, columns)
        for piece in pieces:
            for column, value in zip(result, piece, strict=True):
                column.append(value)
        done = index + used
    for column, source in zip(result, columns, strict=False):
        column.extend(source[done:])
    return result


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
