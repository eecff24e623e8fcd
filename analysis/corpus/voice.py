"""Who speaks: direct quotations, reported speech and the author's own voice.

Each sentence gets a ``voice`` and a ``speaker``, by transparent rules written up with examples in
``data/annotation_guidelines.md`` and checked against a hand-annotated gold file
(``data/gold/voice.csv``):

``quote``
    Most of the sentence lies inside a direct quotation. Quotation marks (“ ” « » and straight
    double quotes) open and close quotations; a quotation left open at the end of a paragraph
    continues when the next paragraph opens with a quotation mark, as news style writes long
    quotations. A quoted span counts as a direct quotation when its words end with punctuation
    inside the marks (“..., we act,” Xi said) or when a reporting verb introduces or follows it
    (Xi said: “...”). Anything else in quotation marks is a title or a term being mentioned
    (the “Moscow Declaration ...”), not speech. The speaker comes from the attribution next to the
    quotation ("Xi said", "said Xi", "he said"), or, if it has none, from the nearest attributed
    quotation before it in the document.
``reported``
    Indirect speech with a source: a subject, a reporting verb from
    ``data/lexicons/reporting_verbs.txt``, and reported content: a *that*-clause ("believes that"),
    a directive ("called on countries to ...", "called for ..."), ", saying ...", a colon, or
    anything after *say*. Also "according to X". Impersonal frames ("It is believed that ...")
    have no source and stay with the author.
``author``
    Everything else: the writer's own voice.

Speakers are written as the text first names them in full: "Xi" resolves to "Xi Jinping" because
the document earlier says "Chinese President Xi Jinping" (words after the last title word of a
titled mention, titles from ``data/resources/titles.txt``); "he"/"she" resolve to the last person
named as a speaker. Tokens are labelled more finely by the corpus module: inside a direct
quotation they are ``quote``, and the frame around it ("Xi said") is the author's.

References
----------
Semino, E. & Short, M. (2004). *Corpus Stylistics: Speech, Writing and Thought Presentation in a
Corpus of English Writing*. Routledge. (The direct/indirect speech categories.)
"""

import bisect
import itertools
import re
from dataclasses import dataclass
from functools import cache

from analysis.resources import reporting_verbs, titles

Span = tuple[int, int]
VOICES = ("author", "quote", "reported")

_MARK_RE = re.compile(r"[“”«»\"]")
_LOWER_WORD_RE = re.compile(r"[^\W\d_]+")
_PUNCTUATION_TO_SPACE = str.maketrans(dict.fromkeys(",.;:!?()[]“”‘’\"'—–", " "))
_OPENING, _CLOSING = "“«", "”»"
_NAME_RUN_RE = re.compile(r"[A-Z][\w’'.-]*(?:\s+[A-Z][\w’'.-]*)+")
_INNER_END_RE = re.compile(r"[.,!?;:…—-]\s*$")
_PRONOUNS = {"he", "she"}
_NOT_A_SOURCE = {
    "it",
    "this",
    "that",
    "these",
    "those",
    "there",
    "which",
    "who",
    "what",
    "where",
    "when",
    "while",
    "and",
    "but",
    "or",
    "to",
    "as",
    "if",
    "we",
    "they",
    "you",
    "i",
    "one",
    "let",
    "some",
    "many",
    "others",
    "everyone",
    "nobody",
    "people",
}
# a word before a verb cannot be one of these: "the promises" is a noun, not a reporting verb
_NOT_BEFORE_VERB = {
    "the",
    "a",
    "an",
    "of",
    "with",
    "to",
    "for",
    "in",
    "on",
    "by",
    "at",
    "from",
    "our",
    "their",
    "its",
    "his",
    "her",
    "my",
    "your",
    "this",
    "that",
    "these",
    "those",
    "and",
    "or",
}
_NOT_IN_SUBJECT = {"is", "are", "was", "were", "be", "been", "being"}
_AUXILIARIES = {"has", "have", "had", "will", "would", "also", "has also", "have also"}
_DIRECTIVES = {"call on", "call for", "urge", "ask", "propose", "pledge", "vow", "promise", "say"}
_DETERMINERS = ("the ", "a ", "an ")


@dataclass(frozen=True)
class Quotation:
    """A direct quotation: its span (quotation marks included) and who said it."""

    start: int
    end: int
    speaker: str | None


@cache
def _verb_pattern() -> str:
    forms = sorted(reporting_verbs(), key=len, reverse=True)
    return "|".join(re.escape(form).replace(r"\ ", r"\s+") for form in forms)


@cache
def _regexes() -> dict[str, re.Pattern]:
    verb = rf"(?P<verb>{_verb_pattern()})"
    subject = r"(?P<subject>[^,.;:!?“”«»\"]{1,80}?)"
    adverb = r"(?:\w+ly\s+)?"
    return {
        "after": re.compile(rf"^\s*{subject}\s+{adverb}{verb}\b"),
        "after_inverted": re.compile(rf"^\s*{verb}\s+{subject}\s*(?:[.,;:!?]|$)"),
        "before": re.compile(rf"{subject}\s+{adverb}{verb}(?:\s+that)?\s*[,:]?\s*$"),
        "verb": re.compile(rf"{verb}\b"),
        "according": re.compile(r"\b[Aa]ccording to (?P<subject>[^,.;:!?]{1,80})"),
        "content": re.compile(r"\s*(?:(?:[\w’']+\s+){0,3}that\b|:)|.*?,\s*saying\b"),
    }


class _Speakers:
    """Resolves the words that name a source to the name the document gives in full."""

    def __init__(self, text: str):
        self.full_names: dict[str, str] = {}
        for run in _NAME_RUN_RE.findall(text):
            words = run.split()
            title_at = [i for i, word in enumerate(words) if word.lower() in titles()]
            if title_at and 0 < len(words) - title_at[-1] - 1 <= 3:
                name = " ".join(words[title_at[-1] + 1 :])
                for word in (name, *name.split()):
                    self.full_names.setdefault(word, name)
        self.last_person: str | None = None

    def resolve(self, subject: str) -> str | None:
        words = subject.strip().split()
        if not words:
            return None
        if len(words) == 1 and words[0].lower() in _PRONOUNS:
            return self.last_person
        title_at = [
            i for i, word in enumerate(words) if word[0].isupper() and word.lower() in titles()
        ]
        if title_at:  # "Foreign Minister Ines Dapo of Kestria" -> "Ines Dapo"
            after = words[title_at[-1] + 1 :]
            name_words = [w for w in itertools.takewhile(lambda w: w[0].isupper(), after)][:3]
            words = name_words or words
        if all(word[0].isupper() for word in words):
            name = " ".join(words)
            name = self.full_names.get(name, name)
            if title_at or name in self.full_names.values():
                self.last_person = name
            return name
        phrase = " ".join(words)
        for determiner in _DETERMINERS:
            if phrase.lower().startswith(determiner):
                return phrase[len(determiner) :]
        return phrase


def _valid_source(subject: str) -> bool:
    words = subject.lower().split()
    return (
        0 < len(words) <= 12
        and words[0] not in _NOT_A_SOURCE
        and words[-1] not in _NOT_BEFORE_VERB
        and not _NOT_IN_SUBJECT.intersection(words)
    )


def _strip_auxiliaries(subject: str) -> str:
    words = subject.split()
    while words and (words[-1].lower() in _AUXILIARIES or words[-1].lower().endswith("ly")):
        words.pop()
    return " ".join(words)


def _quoted_groups(text: str, paragraphs: list[Span]) -> list[list[Span]]:
    """Spans between quotation marks, grouped when a quotation runs over several paragraphs."""
    groups: list[list[Span]] = []
    pending: list[Span] = []
    for para_start, para_end in paragraphs:
        if pending and text[para_start] not in _OPENING + '"':
            groups.append(pending)
            pending = []
        carried, pending, open_at = pending, [], None
        for mark in _MARK_RE.finditer(text, para_start, para_end):
            char, at = mark.group(), mark.start()
            if open_at is None and char not in _CLOSING:
                open_at = at
            elif open_at is not None and char not in _OPENING:
                groups.append([*carried, (open_at, at + 1)])
                carried, open_at = [], None
        if open_at is not None:
            pending = [*carried, (open_at, para_end)]
        elif carried:
            groups.append(carried)
    if pending:
        groups.append(pending)
    return groups


def _sentence_of(sentences: list[Span], starts: list[int], position: int) -> Span:
    return sentences[max(bisect.bisect_right(starts, position) - 1, 0)]


def find_quotations(
    text: str, paragraphs: list[Span], sentences: list[Span], *, _speakers: _Speakers | None = None
) -> list[Quotation]:
    """The direct quotations of a document, in text order, with their speakers.

    Examples
    --------
    >>> from analysis.corpus.segment import split_paragraphs, split_sentences
    >>> text = ("President Xi Jinping spoke. “We act. We agree,” Xi said. "
    ...         "He cited the “Moscow Declaration” too.")
    >>> paragraphs = split_paragraphs(text)
    >>> [(text[q.start:q.end], q.speaker)
    ...  for q in find_quotations(text, paragraphs, split_sentences(text, paragraphs))]
    [('“We act. We agree,”', 'Xi Jinping')]
    """
    speakers = _speakers or _Speakers(text)
    starts = [start for start, _ in sentences]
    regex = _regexes()
    found: list[tuple[list[Span], str | None, bool]] = []
    for group in _quoted_groups(text, paragraphs):
        first, last = group[0], group[-1]
        after = text[last[1] : _sentence_of(sentences, starts, last[1] - 1)[1]]
        before = text[_sentence_of(sentences, starts, first[0])[0] : first[0]]
        attribution = (
            regex["after"].match(after)
            or regex["after_inverted"].match(after)
            or (regex["before"].search(before[-120:]) if _has_reporting_verb(before) else None)
        )
        inner = text[last[0] + 1 : last[1] - 1] if text[last[1] - 1] in _CLOSING + '"' else ""
        is_speech = attribution is not None or bool(_INNER_END_RE.search(inner)) or len(group) > 1
        speaker = speakers.resolve(attribution.group("subject")) if attribution else None
        if is_speech:
            found.append((group, speaker, attribution is not None))
    quotations, last_speaker = [], None
    for group, speaker, attributed in found:
        if attributed and speaker:
            last_speaker = speaker
        speaker = speaker or last_speaker
        quotations.extend(Quotation(start, end, speaker) for start, end in group)
    return quotations


@cache
def _verb_first_words() -> frozenset[str]:
    return frozenset(form.split()[0] for form in reporting_verbs())


def _has_reporting_verb(text: str) -> bool:
    """A quick test before the slow regular expressions: does any word begin a reporting verb?"""
    return not _verb_first_words().isdisjoint(text.translate(_PUNCTUATION_TO_SPACE).split())


def _reported_source(sentence: str, speakers: _Speakers) -> str | None:
    regex = _regexes()
    according = "ccording to" in sentence and regex["according"].search(sentence)
    if according:
        return speakers.resolve(according.group("subject"))
    if not _has_reporting_verb(sentence):
        return None  # most sentences: nothing to parse
    for word in _LOWER_WORD_RE.finditer(sentence):
        verb = word.group() in _verb_first_words() and regex["verb"].match(sentence, word.start())
        if not verb:
            continue
        clause_start = max(sentence.rfind(mark, 0, verb.start()) for mark in ",;:—") + 1
        subject = _strip_auxiliaries(sentence[clause_start : verb.start()])
        if not _valid_source(subject):
            continue
        lemma = reporting_verbs()[" ".join(verb.group().split())][0]
        if lemma in _DIRECTIVES or regex["content"].match(sentence, verb.end()):
            return speakers.resolve(subject)
    return None


def label_sentences(
    text: str, paragraphs: list[Span], sentences: list[Span]
) -> tuple[list[tuple[str, str | None]], list[Quotation]]:
    """The ``(voice, speaker)`` of each sentence, and the document's direct quotations.

    Examples
    --------
    >>> from analysis.corpus.segment import split_paragraphs, split_sentences
    >>> text = ("Chinese President Xi Jinping spoke. “We need trust,” Xi said. "
    ...         "Xi called on countries to act. It is believed that he is right.")
    >>> paragraphs = split_paragraphs(text)
    >>> labels, _ = label_sentences(text, paragraphs, split_sentences(text, paragraphs))
    >>> labels  # doctest: +NORMALIZE_WHITESPACE
    [('author', None), ('quote', 'Xi Jinping'), ('reported', 'Xi Jinping'), ('author', None)]
    """
    speakers = _Speakers(text)
    quotations = find_quotations(text, paragraphs, sentences, _speakers=speakers)
    speakers.last_person = None  # "he" in reported speech: the last person named before it
    quote_starts = [q.start for q in quotations]
    # the reporting verbs this document uses at all: most sentences contain none of them
    present = set(text.translate(_PUNCTUATION_TO_SPACE).split()) & _verb_first_words()
    if "ccording to" in text:
        present.add("ccording to")
    labels = []
    for start, end in sentences:
        sentence = text[start:end]
        # quotations are in text order and do not overlap: look only at those that start
        # before the sentence ends, back to the first that ends before it starts
        first = last = bisect.bisect_left(quote_starts, end)
        while first > 0 and quotations[first - 1].end > start:
            first -= 1
        overlapping = quotations[first:last]
        quoted = sum(len(text[max(q.start, start) : min(q.end, end)].split()) for q in overlapping)
        if overlapping and quoted * 2 >= len(sentence.split()):
            labels.append(("quote", overlapping[0].speaker))
            continue
        might_report = any(word in sentence for word in present)
        source = _reported_source(sentence, speakers) if might_report else None
        if source is None and overlapping:
            source = overlapping[0].speaker
        labels.append(("reported", source) if source else ("author", None))
    return labels, quotations
