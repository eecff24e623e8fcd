"""Paragraphs and sentences, as character spans of a document's text.

Paragraphs are separated by blank lines. Sentences come from NLTK's Punkt (Kiss & Strunk 2006)
given the project's abbreviation list (``data/resources/abbreviations.txt``) instead of a trained
model, so nothing is downloaded and "on Nov. 10", "the U.S. side" and "Mr. Putin" do not end a
sentence. NLTK 3.10's Punkt already treats curly quotes as closing punctuation, so a quotation that
holds several sentences is split into them and a closing ” stays with its sentence.

Two repairs follow Punkt, because an untrained model has no statistics for them:

- "No. 1", "Art. 5", "p. 12": an abbreviation that is one only before a number does not end a
  sentence there (elsewhere "no." is the word *no* at the end of a sentence);
- a "sentence" that starts with a lower-case letter continues the previous one ("“Why?” he
  asked.", or an abbreviation missing from the list followed by a lower-case word).

Sentences never cross a paragraph boundary.

References
----------
Kiss, T. & Strunk, J. (2006). Unsupervised multilingual sentence boundary detection.
*Computational Linguistics* 32(4), 485–525.
"""

import re
import string
from collections.abc import Iterator
from functools import cache

from nltk.tokenize.punkt import PunktParameters, PunktSentenceTokenizer, _pair_iter

from analysis.resources import abbreviations

Span = tuple[int, int]

_PARAGRAPH_BREAK_RE = re.compile(r"\n[ \t\r\f\v]*\n\s*")
_FIRST_LETTER_RE = re.compile(r"[^\w]*([^\W\d_])")


class _Punkt(PunktSentenceTokenizer):
    """Punkt, deciding its commonest candidate breaks without re-tokenising their context.

    For each candidate (a ``.``, ``?`` or ``!`` followed by a space or punctuation) Punkt
    tokenises the few words around it and annotates them. With parameters that hold no
    collocations and no orthographic statistics, the annotation always ends in a break after
    ``?`` or ``!``, and after a period that follows a word of two or more letters that is not a
    known abbreviation (first pass: "sentence break"; the second pass only revisits
    abbreviations, initials, numbers and ellipses). Those cases, nine in ten, are answered here;
    every other candidate goes to Punkt. ``tests/test_segment.py`` checks that the spans are
    identical to Punkt's own.
    """

    def text_contains_sentbreak(self, text: str) -> bool:
        plain = _PLAIN_BREAK_RE.match(text)
        if plain:
            word, end = plain.groups()
            if end != "." or word.lower() not in self._params.abbrev_types:
                return True
        return super().text_contains_sentbreak(text)

    def _realign_boundaries(self, text: str, slices: Iterator[slice]) -> Iterator[slice]:
        """Punkt's own realignment, asking its (guarded) expression only where it can match.

        The expression moves closing marks after a break back into the sentence before
        (``"(Sent1.) Sent2."``); it must start with one of those marks, and most sentences do
        not, so they are not sent to it.
        """
        realign = 0
        pattern = self._lang_vars.re_boundary_realignment
        for sentence1, sentence2 in _pair_iter(slices):
            sentence1 = slice(sentence1.start + realign, sentence1.stop)
            if not sentence2:
                if text[sentence1]:
                    yield sentence1
                continue
            closing = text[sentence2.start : sentence2.start + 1] in _REALIGNED_MARKS
            m = pattern.match(text[sentence2]) if closing else None
            if m:
                yield slice(sentence1.start, sentence2.start + len(m.group(0).rstrip()))
                realign = m.end()
            else:
                realign = 0
                if text[sentence1]:
                    yield sentence1

    def _get_last_whitespace_index(self, text: str) -> int:
        """Punkt's own answer (0 when there is none) with ``str.rfind`` instead of a loop."""
        return max(0, *map(text.rfind, string.whitespace))


# what NLTK 3.10's re_boundary_realignment can start with
_REALIGNED_MARKS = frozenset("\"')]}\u2018\u2019\u201c\u201d\xab\xbb")
# a plain word (two or more letters) or nothing, the end character, then what follows it
_PLAIN_BREAK_RE = re.compile(r"([^\W\d_]{2,}|(?=[?!]))([.?!])(?:\s+\S|[^\w\s.])")


@cache
def _punkt() -> PunktSentenceTokenizer:
    params = PunktParameters()
    params.abbrev_types = set(abbreviations().punkt_types)
    return _Punkt(params)


def split_paragraphs(text: str) -> list[Span]:
    """Spans of the paragraphs of ``text``: runs of lines separated by blank lines, trimmed.

    >>> text = "First line\\nstill first.\\n\\n\\n  Second.  \\n"
    >>> [text[s:e] for s, e in split_paragraphs(text)]
    ['First line\\nstill first.', 'Second.']
    """
    spans, start = [], 0
    for match in [*_PARAGRAPH_BREAK_RE.finditer(text), None]:
        end = match.start() if match else len(text)
        chunk = text[start:end]
        stripped = chunk.strip()
        if stripped:
            left = start + len(chunk) - len(chunk.lstrip())
            spans.append((left, left + len(stripped)))
        if match:
            start = match.end()
    return spans


def _continues_previous(text: str, previous: Span, current: Span) -> bool:
    first_letter = _FIRST_LETTER_RE.match(text, current[0], current[1])
    if first_letter and first_letter.group(1).islower():
        return True
    if not text[current[0]].isdigit():
        return False
    # the last word before a number: "No." in "No. 1"; abbreviations are short
    last_word = text[max(previous[0], previous[1] - 12) : previous[1]].split()[-1].lstrip("(")
    return last_word.lower() in abbreviations().before_number


def split_sentences(text: str, paragraphs: list[Span] | None = None) -> list[Span]:
    """Spans of the sentences of ``text``, inside the given paragraph spans.

    Examples
    --------
    >>> text = "Xi spoke on Nov. 10 about the U.S. side. “Security matters. We act,” Xi said."
    >>> [text[s:e] for s, e in split_sentences(text)]
    ['Xi spoke on Nov. 10 about the U.S. side.', '“Security matters.', 'We act,” Xi said.']
    >>> text = "Item No. 1 is first. Was it? “No.” he said. Say no. Then stop."
    >>> [text[s:e] for s, e in split_sentences(text)]
    ['Item No. 1 is first.', 'Was it?', '“No.” he said.', 'Say no.', 'Then stop.']
    """
    if paragraphs is None:
        paragraphs = split_paragraphs(text)
    punkt = _punkt()
    sentences: list[Span] = []
    for para_start, para_end in paragraphs:
        merged: list[Span] = []
        for start, end in punkt.span_tokenize(text[para_start:para_end]):
            span = (para_start + start, para_start + end)
            if merged and _continues_previous(text, merged[-1], span):
                merged[-1] = (merged[-1][0], span[1])
            else:
                merged.append(span)
        sentences.extend(merged)
    return sentences
