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
_TOKEN_RE = re.compile(
    rf"""
    (?P<neg_stem>[^\W\d_]+(?=n{_A}t\b))              # do|n't, ca|n't
    |(?P<neg>n{_A}t\b)
    |(?P<number>\d+(?:[.,:]\d+)*(?:[{HYPHENS}]?[^\W_]+)*)   # 2018, 1,000, 20th, 5-year
    |(?P<word>[^\W_]+                                # letters or digits ...
        (?:(?:[{HYPHENS}]|{_A}(?!(?:s|re|ve|ll|m|d)\b))[^\W_]+)*   # ... joined by - or ' (O'Brien)
        (?:\.(?!\.)(?:[^\W\d_]\.)*)?)                 # a final period, kept only on abbreviations
    |(?P<clitic>{_A}(?:s|re|ve|ll|m|d)\b)            # 's 're 've 'll 'm 'd
    |(?P<possessive>(?<=[sS]){_A}(?![^\W_]))         # the plural possessive: peoples’
    |(?P<punct>\.{{3}}|…|-{{2,}}|[^\w\s]|_)
    """,
    re.VERBOSE | re.IGNORECASE,
)
_INITIALISM_RE = re.compile(r"(?:[^\W\d_]\.)+")
_NUMBER_AHEAD_RE = re.compile(r"\s*\d")

KINDS = ("word", "number", "clitic", "punct", "symbol")


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


def _keeps_period(word: str, text: str, end: int) -> bool:
    """Whether a word ending in "." is an abbreviation (the period is part of it)."""
    lower = word.lower()
    known = abbreviations()
    if lower in known.always:
        return True
    if lower in known.before_number:
        return _NUMBER_AHEAD_RE.match(text, end) is not None
    # initialisms: U.N., e.g.; a single capital with a period is an initial (George W. Bush)
    return _INITIALISM_RE.fullmatch(word) is not None and (len(word) > 2 or word[0].isupper())


def _punct_kind(char: str) -> str:
    return "symbol" if unicodedata.category(char[0]).startswith("S") else "punct"


def _norm(surface: str) -> str:
    return surface.lower().translate(_NORM_TABLE)


def iter_tokens(text: str, offset: int = 0) -> Iterator[Token]:
    """Yield the tokens of ``text``; offsets are shifted by ``offset``.

    >>> [t.token for t in iter_tokens("China’s non-traditional security, on Nov. 10.")]
    ['China', '’s', 'non-traditional', 'security', ',', 'on', 'Nov.', '10', '.']
    >>> [t.norm for t in iter_tokens("We can’t and won't")]
    ['we', 'can', 'not', 'and', 'will', 'not']
    """
    norms: dict[str, str] = {}
    for match in _TOKEN_RE.finditer(text):
        group, surface = match.lastgroup, match.group()
        start, end = match.start(), match.end()
        if group == "word":
            if surface.endswith(".") and not _keeps_period(surface, text, end):
                # the period ends a sentence, not an abbreviation: split it off
                stem = surface.split(".", 1)[0]
                cut = start + len(stem)
                yield Token(stem, start + offset, cut + offset, _norm(stem), "word")
                yield from iter_tokens(text[cut:end], cut + offset)
                continue
            kind = "number" if surface[0].isdigit() else "word"
        elif group == "neg_stem":
            lower = surface.lower()
            yield Token(
                surface, start + offset, end + offset, _NEGATED_STEMS.get(lower, lower), "word"
            )
            continue
        elif group in ("neg", "clitic", "possessive"):
            norm = _norm(surface)
            yield Token(
                surface, start + offset, end + offset, _CLITIC_NORMS.get(norm, norm), "clitic"
            )
            continue
        elif group == "number":
            kind = "number"
        else:
            kind = _punct_kind(surface)
        norm = norms.get(surface)
        if norm is None:
            norm = norms[surface] = _norm(surface)
        yield Token(surface, start + offset, end + offset, norm, kind)


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
