"""Intertextual references: the documents and the earlier events a text draws on.

Manifest intertextuality (Fairclough 1992, ch. 4) is the explicit presence of other texts in a
text. Three kinds are found, by rules over ``data/lexicons/intertextuality.tsv``:

``named_document``
    A title: a run of capitalised words, joined only by *of, on, for, the, and, in, to*, of at
    least two words, containing a head word of the lexicon ("Declaration", "Charter", "Initiative",
    "Pact" ...). "The Moscow Declaration of the Council of Heads of State of the SCO Member States"
    and "the Global Initiative on Data Security" are titles; a leading "The", "Our", "This" ...
    is dropped.
``document``
    A text mentioned without its name ("the outcome document", "a series of statements", "Xi's
    remarks"), outside the titles.
``event``
    An event noun anchored in place or time: a year, "this/last/next year's", an ordinal
    ("the 20th Meeting"), a date ("on Nov. 3") or a place after *in*/*at*. "At the SCO summit in
    Qingdao in 2018" gives ``detail="place=Qingdao; time=2018"``. Unanchored ("the meeting") is
    not counted.

Limits: allusions without a name (an echoed slogan, a paraphrased earlier speech) are beyond
these rules; verbatim borrowings are what quote tracing looks for. A capitalised word at the
start of a sentence can be swept into a title, and a place is any capitalised run after *in*.

References
----------
Fairclough, N. (1992). *Discourse and Social Change*. Polity, ch. 4.
Fairclough, N. (2003). *Analysing Discourse*. Routledge, ch. 3.
"""

from __future__ import annotations

import re
from functools import cache

from analysis.discourse._matching import DocTokens, Match, PhraseMatcher
from analysis.discourse.lexicon import Lexicon

__all__ = ["find_references"]

# a capitalised word; inner periods only ("U.S"), so a title never swallows the full stop
_CAP = r"[A-Z][\w'’-]*(?:\.[A-Z][\w'’-]*)*"
_TITLE_RE = re.compile(rf"{_CAP}(?:\s+(?:(?:of|on|for|the|and|in|to)\s+)*{_CAP})*")
# words that open a sentence, not a title: "Our Constitution" is the Constitution
_LEADING = frozenset({
    "The", "A", "An", "Our", "Their", "Its", "His", "Her", "My", "Your", "This", "That", "These",
    "Those",
})  # fmt: skip
_YEAR = r"(?:1[89]|20)\d{2}"
_MONTH = r"[A-Z][a-z]{2,8}\.?\s+\d{1,2}"


@cache
def _event_re(nouns: tuple[str, ...]) -> re.Pattern:
    noun = "|".join(re.escape(n) for n in sorted(nouns, key=len, reverse=True))
    return re.compile(
        rf"(?:(?P<rel>(?i:this|last|next)\s+year['’]s)\s+|(?P<year1>{_YEAR})\s+"
        rf"|(?P<ordinal>\d+(?:st|nd|rd|th))\s+)?"
        rf"(?:{_CAP}\s+){{0,3}}"
        rf"(?i:{noun})\b"
        rf"(?:\s+of\s+(?:the\s+)?{_CAP}(?:\s+(?:(?:of|the|and|for)\s+)*{_CAP})*)?"
        rf"(?:\s+(?:in|at)\s+(?P<place>{_CAP}(?:\s+{_CAP})*))?"
        rf"(?:\s+(?:in|of)\s+(?P<year2>{_YEAR})|\s+on\s+(?P<date>{_MONTH}))?"
    )


@cache
def _mentioned(lexicon: Lexicon) -> PhraseMatcher:
    return PhraseMatcher(
        (category, entry, "") for category, entry, _ in lexicon.counted() if category == "document"
    )


def _span(doc: DocTokens, first: int, start: int, end: int) -> tuple[int, int]:
    """Token positions covering characters ``start:end`` of the document text."""
    lo = max(doc.token_at(start), first)
    hi = doc.token_at(end - 1) + 1
    return lo, hi


def _titles(doc: DocTokens, lo: int, hi: int, heads: frozenset[str]) -> list[Match]:
    text, base = doc.text, doc.starts[lo]
    found = []
    for run in _TITLE_RE.finditer(text, base, doc.ends[hi - 1]):
        words = run.group().split()
        offset = run.start()
        if words[0] in _LEADING:
            offset += len(words[0]) + 1
            words = words[1:]
        capitalised = [w for w in words if w[0].isupper()]
        if len(capitalised) >= 2 and heads.intersection(capitalised):
            start, stop = _span(doc, lo, offset, run.end())
            found.append(Match(start, stop, "named_document", " ".join(words)))
    return found


def _events(doc: DocTokens, lo: int, hi: int, nouns: tuple[str, ...]) -> list[Match]:
    found = []
    for event in _event_re(nouns).finditer(doc.text, doc.starts[lo], doc.ends[hi - 1]):
        parts = event.groupdict()
        time = next(
            (parts[k] for k in ("year2", "year1", "rel", "ordinal", "date") if parts[k]), None
        )
        if time is None and parts["place"] is None:
            continue
        start, stop = _span(doc, lo, event.start(), event.end())
        detail = "; ".join(
            f"{key}={' '.join(value.split())}"
            for key, value in (("place", parts["place"]), ("time", time))
            if value
        )
        found.append(Match(start, stop, "event", " ".join(event.group().split()), detail))
    return found


def find_references(doc: DocTokens, lexicon: Lexicon) -> list[Match]:
    """Named documents, mentioned documents and anchored events of one document, in text order."""
    heads = frozenset(lexicon.words("named_document"))
    nouns = lexicon.words("event")
    lower_nouns = frozenset(noun.lower() for noun in nouns)
    mentioned = _mentioned(lexicon)
    found: list[Match] = []
    for lo, hi in doc.sentence_spans():
        titles = _titles(doc, lo, hi, heads)
        has_event = not lower_nouns.isdisjoint(doc.norm[lo:hi])
        events = [
            e
            for e in (_events(doc, lo, hi, nouns) if has_event else [])
            if not any(t.start < e.stop and e.start < t.stop for t in titles)
        ]
        found.extend(titles + events)
    taken = {i for m in found for i in range(m.start, m.stop)}
    found.extend(m for m in mentioned.find(doc) if not taken.intersection(range(m.start, m.stop)))
    return sorted(found, key=lambda m: (m.start, m.stop))
