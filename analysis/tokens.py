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

from analysis.resources import abbreviations, stopwords

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

# what a word needs besides its reading: nothing, a look at the period after it, or a split
_PLAIN, _ABBREVIATION, _NEGATED = 0, 1, 2
# (surface, regex group) -> (norm, kind, need); types repeat (Zipf's law), so most tokens cost
# one dictionary look-up
_KNOWN_TYPES: dict[tuple[str, str | None], tuple[str, str, int]] = {}
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
        return self.kind in ("word", "number", "clitic")


def _norm(surface: str) -> str:
    return surface.lower().translate(_NORM_TABLE)


def _learn(key: tuple[str, str | None]) -> tuple[str, str, int]:
    """The reading of a token type, remembered for the next time."""
    surface, group = key
    norm, need = _norm(surface), _PLAIN
    if group in ("clitic", "possessive"):
        norm, kind = _CLITIC_NORMS.get(norm, norm), "clitic"
    elif group == "punct":
        kind = "symbol" if unicodedata.category(surface[0]).startswith("S") else "punct"
    elif group == "number" or surface[0].isdigit():
        kind = "number"
    else:
        kind = "word"
        known = abbreviations()
        if f"{norm}." in known.always or f"{norm}." in known.before_number:
            need = _ABBREVIATION
        elif _NEGATED_RE.fullmatch(surface):
            need = _NEGATED
    if len(_KNOWN_TYPES) >= _KNOWN_TYPES_LIMIT:
        _KNOWN_TYPES.clear()
    _KNOWN_TYPES[key] = reading = (norm, kind, need)
    return reading


def _read_in_context(text, offset, surfaces, starts, ends, readings):
    """Columns for tokens that need their context: abbreviations and n't."""
    columns: tuple[list, list, list, list, list] = ([], [], [], [], [])
    known = abbreviations()
    skip = False
    for index, (surface, start, end, (norm, kind, need)) in enumerate(
        zip(surfaces, starts, ends, readings, strict=True)
    ):
        if skip:
            skip = False
            continue
        pieces = [(surface, start, end, norm, kind)]
        if need == _ABBREVIATION:
            period = (
                index + 1 < len(surfaces)
                and surfaces[index + 1] == "."
                and starts[index + 1] == end
            )
            if period and (
                f"{norm}." in known.always
                or _NUMBER_AHEAD_RE.match(text, end + 1 - offset) is not None
            ):
                pieces, skip = [(surface + ".", start, end + 1, norm + ".", kind)], True
        elif need == _NEGATED:  # don't -> do + n't; can't -> ca + n't (norm "can")
            stem, clitic = _NEGATED_RE.fullmatch(surface).groups()
            lower, cut = stem.lower(), start + len(stem)
            pieces = [
                (stem, start, cut, _NEGATED_STEMS.get(lower, lower), "word"),
                (clitic, cut, end, "not", "clitic"),
            ]
        for piece in pieces:
            for column, value in zip(columns, piece, strict=True):
                column.append(value)
    return columns


def token_columns(
    text: str, offset: int = 0
) -> tuple[list[str], list[int], list[int], list[str], list[str]]:
    """The tokens of ``text`` as columns: surfaces, starts, ends, norms and kinds.

    The fast path behind :func:`tokenize` and the corpus tables; offsets are shifted by
    ``offset``. Only sentences with an abbreviation or an "n't" take the slower path.
    """
    matches = list(_TOKEN_RE.finditer(text))
    surfaces = [match.group() for match in matches]
    keys = zip(surfaces, [match.lastgroup for match in matches], strict=True)
    readings = [_KNOWN_TYPES.get(key) or _learn(key) for key in keys]
    starts = [match.start() + offset for match in matches]
    ends = [match.end() + offset for match in matches]
    if any(need for _, _, need in readings):
        return _read_in_context(text, offset, surfaces, starts, ends, readings)
    return surfaces, starts, ends, [r[0] for r in readings], [r[1] for r in readings]


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


def is_stopword(norm: str) -> bool:
    """Whether a normalised token is on the project's stopword list."""
    return norm in stopwords()
