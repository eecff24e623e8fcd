"""Concordance (keyword in context): every occurrence of a word or phrase with its co-text.

Statistics point to words; a concordance lets the analyst read them in use, which is where
discourse analysis happens (Sinclair 1991). :func:`kwic` returns one row per occurrence with
its left and right context, position and voice, sortable by the words to the left or right of
the node so that patterns line up; :func:`kwic_html` renders such a table for a notebook, with
every piece of text HTML-escaped.

References
----------
Sinclair, J. (1991). *Corpus, Concordance, Collocation*. Oxford University Press.
Anthony, L. (2024). AntConc (Version 4) [software]. Waseda University.
"""

from __future__ import annotations

import html
import re
from typing import Literal

import numpy as np
import pandas as pd

from analysis._checks import check_number, check_option
from analysis.distributed.dispatch import distributable
from analysis.keyterms._counting import check_tokens, in_reading_order, word_stream

__all__ = ["kwic", "kwic_html"]

COLUMNS = [
    "doc_id",
    "paragraph_id",
    "sentence_id",
    "token_id",
    "left",
    "node",
    "right",
    "voice",
    "speaker",
]


@distributable
def kwic(
    tokens: pd.DataFrame,
    term: str,
    *,
    window: int = 6,
    match: Literal["exact", "regex"] = "exact",
    sort: Literal["position", "left", "right"] = "position",
) -> pd.DataFrame:
    """Keyword in context: one row per occurrence of a word, phrase or pattern.

    ``term`` is split on whitespace into words; an occurrence is a run of consecutive words
    (no punctuation between them, same sentence) whose ``norm`` match the words in order:
    ``"security"``, ``"shared future"``, ``"community of security for all"``. With
    ``match="regex"`` each word is a regular expression that must match a whole ``norm``
    (case-insensitive): ``"secur.*"``, ``"(common|shared) future"``.

    Parameters
    ----------
    tokens : DataFrame
        A token table (``corpus.tokens``).
    term : str
        Word, phrase or pattern.
    window : int
        Words of context on each side (punctuation in between is shown, not counted). Context
        stays within the document but may cross sentences, as in a printed concordance.
    match : {'exact', 'regex'}
        How the words of ``term`` are compared with ``norm``.
    sort : {'position', 'left', 'right'}
        Reading order, or alphabetical by the words nearest the node on the left (L1, L2, ...)
        or on the right (R1, R2, ...), punctuation skipped; ties in reading order.

    Returns
    -------
    DataFrame
        ``doc_id, paragraph_id, sentence_id, token_id, left, node, right, voice, speaker`` (ids
        of the node's first token). Empty (with these columns) when the term does not occur.

    Raises
    ------
    ValueError
        Empty table or term, bad regex, unknown option.

    Examples
    --------
    >>> from analysis.keyterms._counting import toy_tokens
    >>> toks = toy_tokens("We seek common security . Security , they said , is shared .")
    >>> kwic(toks, "security", window=2)[["left", "node", "right"]]
                    left      node              right
    0        seek common  security  . Security , they
    1  common security .  Security        , they said
    """
    check_tokens(tokens, ("doc_id", "sentence_id", "token_id", "token", "norm", "is_word"))
    words = check_arguments(term, window=window, match=match, sort=sort)
    ordered = in_reading_order(tokens).reset_index(drop=True)
    if "is_stop" not in ordered:
        ordered = ordered.assign(is_stop=False)
    stream = word_stream(ordered)
    starts = _matches(stream, words, match)
    if len(starts) == 0:
        return pd.DataFrame({c: pd.Series(dtype=object) for c in COLUMNS})
    last = starts + len(words) - 1
    text, sep = _surface(ordered)
    doc = stream.doc
    lo = np.maximum(starts - window, 0)
    lo = np.where(doc[lo] == doc[starts], lo, _first_of_doc(doc)[starts])
    hi = np.minimum(last + window, len(stream) - 1)
    hi = np.where(doc[hi] == doc[last], hi, _last_of_doc(doc)[last])
    rows = stream.row
    node_lo, node_hi = rows[starts], rows[last]
    left_lo = np.where(lo < starts, rows[lo], node_lo)
    right_hi = np.where(hi > last, rows[hi], node_hi)
    spans = zip(left_lo, node_lo, node_hi, right_hi, strict=True)
    pieces = [
        (_join(text, sep, a, b), _join(text, sep, b, c + 1), _join(text, sep, c + 1, d + 1))
        for a, b, c, d in spans
    ]
    first = ordered.iloc[node_lo]
    out = pd.DataFrame({c: first[c].to_numpy() if c in first else pd.NA for c in COLUMNS})
    out[["left", "node", "right"]] = pd.DataFrame(pieces, dtype=str).to_numpy()
    out = out.astype({"left": str, "node": str, "right": str})
    return kwic_order(out, sort)


def kwic_order(out: pd.DataFrame, sort: str) -> pd.DataFrame:
    """Order concordance lines given in reading order as ``sort`` asks (see :func:`kwic`)."""
    if sort == "position":
        return out
    # sort on words only (L1 L2 ... or R1 R2 ...), as concordancers do: punctuation is skipped
    side = out[sort].str.lower().str.findall(r"\w[\w'’-]*")
    key = side.map(lambda ws: " ".join(reversed(ws)) if sort == "left" else " ".join(ws))
    order = np.argsort(key.to_numpy(dtype=str), kind="stable")
    return out.iloc[order].reset_index(drop=True)


def kwic_html(table: pd.DataFrame, *, max_rows: int = 200) -> HTMLText:
    """Render a :func:`kwic` table as an HTML concordance (text escaped, node in bold).

    Returns a string that Jupyter displays as HTML (it has ``_repr_html_``); every piece of
    corpus text goes through :func:`html.escape`, so markup in a speech cannot break or inject
    into the page.

    >>> t = pd.DataFrame({"doc_id": ["d1"], "sentence_id": [1], "voice": ["author"],
    ...                   "left": ["<b>x"], "node": ["a & b"], "right": ["."]})
    >>> "&lt;b&gt;x" in kwic_html(t) and "a &amp; b" in kwic_html(t)
    True
    """
    missing = {"left", "node", "right"} - set(table.columns)
    if missing:
        raise ValueError(f"table lacks column(s) {', '.join(sorted(missing))}: pass kwic(...)")
    cell = "<td style='text-align:{};padding:0 .4em;white-space:nowrap'>{}</td>"
    lines = []
    for row in table.head(max_rows).itertuples(index=False):
        where = f"{getattr(row, 'doc_id', '')} s{getattr(row, 'sentence_id', '')}"
        lines.append(
            "<tr>"
            + cell.format("left", f"<small>{html.escape(str(where))}</small>")
            + cell.format("left", f"<small>{html.escape(str(getattr(row, 'voice', '')))}</small>")
            + cell.format("right", html.escape(row.left))
            + cell.format("center", f"<b>{html.escape(row.node)}</b>")
            + cell.format("left", html.escape(row.right))
            + "</tr>"
        )
    more = len(table) - max_rows
    note = f"<p><small>{more} more rows not shown</small></p>" if more > 0 else ""
    return HTMLText(
        "<table style='font-family:monospace;font-size:90%'>" + "".join(lines) + "</table>" + note
    )


class HTMLText(str):
    """A string that notebooks display as HTML."""

    def _repr_html_(self) -> str:
        return str(self)


def check_arguments(term, *, window, match, sort) -> list[str]:
    """The words of ``term``, once every argument of :func:`kwic` but the table is checked."""
    check_option("match", match, ("exact", "regex"))
    check_option("sort", sort, ("position", "left", "right"))
    words = term.split() if isinstance(term, str) else []
    if not words:
        raise ValueError(f"term={term!r}: give a word, a phrase or a pattern")
    check_number("window", window, minimum=0, integer=True)
    if match == "regex":
        for word in words:
            try:
                re.compile(word)
            except re.error as err:
                message = f"term={word!r} is not a valid regular expression: {err}"
                raise ValueError(message) from None
    return words


def _matches(stream, words: list[str], match: str) -> np.ndarray:
    """Word-stream positions where the words of the phrase start, in order, in one run."""
    vocab = pd.Series(stream.vocab, dtype=object).astype(str)
    masks = []
    for w in words:
        if match == "exact":
            masks.append((vocab == w.lower()).to_numpy())
        else:
            pattern = re.compile(w, re.IGNORECASE)  # valid: check_arguments compiled it
            masks.append(vocab.map(lambda v, p=pattern: p.fullmatch(v) is not None).to_numpy())
    m = len(stream) - len(words) + 1
    if m <= 0:
        return np.empty(0, dtype=np.int64)
    ok = stream.run[:m] == stream.run[len(words) - 1 :]
    for k, mask in enumerate(masks):
        ok &= mask[stream.codes[k : k + m]]
    return np.flatnonzero(ok)


def _surface(tokens: pd.DataFrame) -> tuple[np.ndarray, np.ndarray]:
    """Token strings and the separator printed before each (a space where the text had one)."""
    text = tokens["token"].astype(str).to_numpy(dtype=object)
    if {"start", "end"} <= set(tokens.columns):
        gap = tokens["start"].to_numpy()[1:] > tokens["end"].to_numpy()[:-1]
    else:
        gap = np.ones(len(tokens) - 1, dtype=bool)
    sep = np.concatenate([[""], np.where(gap, " ", "")]).astype(object)
    return text, sep


def _join(text: np.ndarray, sep: np.ndarray, a: int, b: int) -> str:
    if b <= a:
        return ""
    return text[a] + "".join(s + t for s, t in zip(sep[a + 1 : b], text[a + 1 : b], strict=True))


def _first_of_doc(doc: np.ndarray) -> np.ndarray:
    new = np.ones(len(doc), dtype=bool)
    new[1:] = doc[1:] != doc[:-1]
    return np.maximum.accumulate(np.where(new, np.arange(len(doc)), 0))


def _last_of_doc(doc: np.ndarray) -> np.ndarray:
    return len(doc) - 1 - _first_of_doc(doc[::-1])[::-1]
