"""Who speaks: direct quotations, reported speech and the author's own voice.

Each sentence gets a ``voice`` and a ``speaker``, by transparent rules written up with examples in
``data/annotation_guidelines.md`` and checked against a hand-annotated gold file
(``data/gold/voice.csv``):

``quote``
    Most of the sentence lies inside a direct quotation. Quotation marks (“ ” « » and straight
    double quotes) open and close quotations; a quotation left open at the end of a paragraph (or of
    a line) continues when the next paragraph (or line) opens with a quotation mark, as news style
    and transcripts write long quotations. A quoted span counts as a direct quotation when its words
    (three at least: American typography puts a comma inside the marks after any quoted term)
    end with punctuation inside the marks (“..., we act,” Xi said), when a reporting verb
    introduces or follows it (Xi said: “...”), or when it runs into such a quotation (“sure we are
    right” and “make haste slowly.”). Anything else in quotation marks is a title or a term
    being mentioned (the “Moscow Declaration ...”), not speech. The speaker comes from the
    attribution next to the quotation ("Xi said", "said Xi", "he said", "Lao-tzu, said", "in the
    words of Xi"), or, if it has none, from the nearest attributed quotation before it in the
    document.
``reported``
    Indirect speech with a source: a subject, a reporting verb from
    ``data/lexicons/reporting_verbs.txt``, and reported content: a *that*-clause ("believes that"),
    a directive ("called on countries to ...", "called for ..."), ", saying ...", a colon, or
    anything after *say*. Also "according to X" and "in the words of X". The source may stand
    apart from its verb, past an appositive or a relative clause ("Lao-tzu, said", "Eisenhower,
    who fought in the war, said"). Impersonal frames ("It is believed that ...")
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

Quirk, R., Greenbaum, S., Leech, G. & Svartvik, J. (1985). *A Comprehensive Grammar of the English
Language*. Longman. (Appositives and non-restrictive relative clauses between subject and verb.)

Bell, A. (1988). The British base and the American connection in New Zealand media English.
*American Speech*, 63(4), 326-344. (Pseudo-titles: "statesman John Page".)
"""

import bisect
import itertools
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

from analysis.resources import (
    discourse_markers,
    reporting_verbs,
    source_nouns,
    state_names,
    stopwords,
    titles,
)

Span = tuple[int, int]
VOICES = ("author", "quote", "reported")

_MARK_RE = re.compile(r"[“”«»\"]")
_LOWER_WORD_RE = re.compile(r"[^\W\d_]+")
_PUNCTUATION_TO_SPACE = str.maketrans(dict.fromkeys(",.;:!?()[]“”‘’\"'—–", " "))
# a reporting verb may touch a typed dash: "as Lincoln once said--must"
_WORD_SEPARATORS = str.maketrans(dict.fromkeys(",.;:!?()[]“”‘’\"'—–-", " "))
_OPENING, _CLOSING = "“«", "”»"
_NAME_RUN_RE = re.compile(r"[A-Z][\w’'.-]*(?:\s+[A-Z][\w’'.-]*)+")
# a quotation's words end with punctuation, perhaps inside a nested quotation ("... in you.'")
_INNER_END_RE = re.compile(r"[.,!?;:…—-][’']?\s*$")
# a word, as the guidelines count words: "struggle--no" is two, "don't" and "self-evident" one
_WORD_RE = re.compile(r"\w+(?:[’'-]\w+)*")
_MIN_SPEECH_WORDS = 3
# what may stand between the quoted phrases of one series: "X," "Y" / "X"--"Y" / "X" and "Y"
_SERIES_GAP_RE = re.compile(r"(?:[ \t,;—–-]|\band\b|\bor\b|\bof\b)*")
_PRONOUNS = {"he", "she"}
_COORDINATORS = {"and", "but", "then"}
_NOT_A_SOURCE = {
    "any",
    "no",
    "few",
    "every",
    "each",
    "all",
    "most",
    "several",
    "both",
    "something",
    "anything",
    "nothing",
    "everything",
    "someone",
    "anyone",
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
# between a source and its verb: "Xi has also said", "as Lincoln once said", "he could say"
_AUXILIARIES = {
    "has", "have", "had", "will", "would", "shall", "should", "can", "could", "may", "might",
    "must", "also", "once",
}  # fmt: skip
_DIRECTIVES = {"call on", "call for", "urge", "ask", "propose", "pledge", "vow", "promise", "say"}
_DETERMINERS = ("the ", "a ", "an ")
SAYING = "(saying)"
SPEECH_GENRES = {"speech"}
# a word inside the subject that opens a clause: the source, if any, comes after it
# ("The forum that I proposed calls for ..." has no source; "... that China calls for" has one)
_CLAUSE_OPENERS = {
    "that", "which", "who", "whom", "whose", "when", "where", "if", "because", "while",
    "although", "though", "since", "as", "than", "whether", "unless", "until", "once",
}  # fmt: skip
_PREPOSITIONS = {
    "of", "in", "to", "with", "by", "for", "from", "on", "at", "under", "upon", "according",
    "into", "through", "about", "against", "among", "between", "without", "within", "over",
    "after", "before", "like", "unlike", "toward", "towards", "across", "beyond", "during",
}  # fmt: skip
_VERB_WORDS = {
    "is", "are", "was", "were", "be", "been", "being", "am", "has", "have", "had", "do", "does",
    "did", "will", "would", "shall", "should", "can", "could", "may", "might", "must", "let",
    "us", "me", "him", "them",
}  # fmt: skip
_NAME_GLUE = {"of", "the", "and", "for", "'s", "’s", "de", "von", "van", "la"}
# in a speech, "our government", "this nation", "my administration" are the speaker's own side
_OWN_DETERMINERS = {"my", "our", "this", "your"}
_OWN_HEADS = {
    "government", "administration", "country", "nation", "side", "president", "executive",
}  # fmt: skip
_PERSONAL = {"i", "we", "you", "it", "they", "us", "me", "let", "there"}
_MAX_SOURCE_WORDS = 6
_MAX_TITLE_WORDS = 10


@dataclass(frozen=True)
class Quotation:
    """A direct quotation: its span (quotation marks included) and who said it."""

    start: int
    end: int
    speaker: str | None
    attributed: bool = True


@cache
def _verb_pattern() -> str:
    forms = sorted(reporting_verbs(), key=len, reverse=True)
    return "|".join(re.escape(form).replace(r"\ ", r"\s+") for form in forms)


@cache
def _saying_nouns() -> tuple[str, ...]:
    return tuple(sorted(form for form, kind in source_nouns().items() if kind == "saying"))


@cache
def _regexes() -> dict[str, re.Pattern]:
    verb = rf"(?P<verb>{_verb_pattern()})"
    subject = r"(?P<subject>[^,.;:!?“”«»\"]{1,80}?)"
    adverb = r"(?:\w+ly\s+)?"
    # "in the words of X", "to use the words of X", "in the language of X"
    words_of = r"\b(?:[Ii]n|[Tt]o use|[Tt]o borrow) the (?:\w+ )?(?:words|language) of "
    return {
        "after": re.compile(rf"^\s*{subject}\s+{adverb}{verb}\b"),
        "after_inverted": re.compile(rf"^\s*{verb}\s+{subject}\s*(?:[.,;:!?]|$)"),
        "before": re.compile(
            rf"{subject}\s+{adverb}{verb}(?:\s+(?:us|me|you|them|him|her))?(?:\s+that)?\s*[,:]?\s*$"
        ),
        # "said to his countrymen:", "wrote to Jefferson:", "declared this:", "said, in 1901:"
        "before_complement": re.compile(
            rf"{subject},?\s+{adverb}{verb},?\s+[^,.;:!?“”«»\"]{{1,60}}?\s*[,:]\s*$"
        ),
        "words_of": re.compile(rf"{words_of}(?P<subject>[^,.;:!?“”«»\"]{{1,60}}?)\s*[,:]?\s*$"),
        "words_of_anywhere": re.compile(
            rf"{words_of}(?P<subject>[^,.;:!?“”«»\"—–]{{1,60}}?)"
            r"\s*(?:[,.;:!?“”«»\"—–]|--|$)"
        ),
        # "Lao-tzu, said, “...”": the source is before the appositive (see _subject_span)
        "before_bare": re.compile(rf",\s*{adverb}(?P<verb>{_verb_pattern()}),?\s*[,:]?\s*$"),
        "saying": re.compile(
            rf"\b(?:{'|'.join(_saying_nouns())})\b[^.;!?“”«»\"]{{0,30}}$", re.IGNORECASE
        ),
        "verb": re.compile(rf"{verb}\b"),
        "according": re.compile(r"\b[Aa]ccording to (?P<subject>[^,.;:!?]{1,80})"),
        # "that" may be left out after an indirect object: "Steven tells me they pay ..."
        "content": re.compile(
            r"\s*(?:(?:[\w’']+\s+){0,3}that\b|:)|.*?,\s*saying\b"
            r"|\s+(?:me|us|him|her|them|you)\s+(?:I|we|he|she|they|it|you|there)\b"
        ),
    }


class _Speakers:
    """Resolves the words that name a source to the name the document gives in full."""

    def __init__(self, text: str, speakers: tuple[str, ...] = (), genre: str = ""):
        self.text = text
        self.speakers = speakers
        self.is_speech = genre.strip().lower() in SPEECH_GENRES
        self.own_words = {word for name in speakers for word in name.split()}
        self._words: set[str] | None = None
        self._own_state: str | bool | None = False
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

    @property
    def words(self) -> set[str]:
        """The document's words as written (to tell a name from a capitalised common noun)."""
        if self._words is None:
            self._words = set(self.text.translate(_PUNCTUATION_TO_SPACE).split())
        return self._words

    @property
    def own_state(self) -> str | None:
        """In a speech, the state the text names most often (two times at least), as ISO code."""
        if self._own_state is False:
            counts: dict[str, int] = {}
            for name, code in state_names().items():
                if name.split()[0] in self.words:
                    found = len(re.findall(rf"\b{re.escape(name)}\b", self.text))
                    counts[code] = counts.get(code, 0) + found
            ranked = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
            self._own_state = ranked[0][0] if ranked and ranked[0][1] >= 2 else None
        return self._own_state

    def classify(self, subject: str, *, at_start: bool) -> tuple[str, str] | None:
        """What the words before a reporting verb are, or None when they cannot be a source.

        The answer is ``("source", name)``, ``("own", name)`` (the speaker of a speech) or
        ``("saying", SAYING)``.

        A source is a person, a pronoun resolved to one, an organisation, a state, a document or
        a collective: a name (capitalised words) or a noun phrase whose head noun is in
        ``data/resources/source_nouns.tsv``; never a phrase with a verb in it, the object of a
        preposition, a discourse marker, or an abstract noun phrase.
        """
        words = _strip_auxiliaries(subject).split()
        if len(words) > 1 and words[-2].lower() in _COORDINATORS and words[-1].lower() in _PRONOUNS:
            words = words[-1:]  # "... grabbed me by the arm and he said": a new clause
        cut = [i for i, word in enumerate(words) if word.lower() in _CLAUSE_OPENERS]
        if cut:
            words, at_start = words[cut[-1] + 1 :], False
        while words and words[0].lower().strip("’'") in discourse_markers():
            words, at_start = words[1:], False
        words = _strip_auxiliaries(" ".join(words)).split()
        if not words:
            return None
        # "I'm", "We've", "Let's": the word before the clitic decides
        lower = [re.split("['’]", word.lower())[0] or word.lower() for word in words]
        if lower[0] in _PREPOSITIONS or _VERB_WORDS.intersection(lower):
            return None
        if _PERSONAL.intersection(lower[1:]) or _PREPOSITIONS.intersection(lower[1:]) - {"of"}:
            return None  # "NATIONAL AGENDA I", "administrators all over the country"
        if lower == ["i"] and self.is_speech and self.speakers:
            return ("own", self.speakers[0])  # the speaker quoting their own words
        if len(words) == 1 and lower[0] in _PRONOUNS:
            person = self.resolve(lower[0])
            return ("source", person) if person else None
        if len(words) == 1 and (len(words[0]) < 2 or (words[0].lower() in self.words)):
            return None  # "Comfort", "Timidity": a common noun, capitalised
        if any(word.endswith(("n't", "n’t")) or word in _verb_forms() for word in lower):
            return None
        if lower[0] == "one" and len(lower) > 1 and lower[1] != "of":
            words, lower = words[1:], lower[1:]  # "One official said": a numeral determiner
        elif lower[0] in _NOT_A_SOURCE:
            return None
        determiner = lower[0] if lower[0] in _DETERMINERS_WORDS else ""
        if determiner:
            words, lower = words[1:], lower[1:]
        if not words:
            return None
        head_part = lower[: lower.index("of")] if "of" in lower[1:] else lower
        head = head_part[-1].removesuffix("’s").removesuffix("'s")
        kind = source_nouns().get(head)
        # a document may be named at length ("outcome document of this year's SCO summit")
        if len(words) > (_MAX_TITLE_WORDS if kind == "document" else _MAX_SOURCE_WORDS):
            return None
        if kind == "saying":
            return ("saying", SAYING)
        is_name = all(word[0].isupper() for word in words if word.lower() not in _NAME_GLUE)
        if is_name and at_start and len(words) == 1 and lower[0] in self.words:
            is_name = False  # "Science tells us": a common noun capitalised at sentence start
        if not (is_name or kind):
            words = self._name_after_descriptor(words)
            lower = [word.lower() for word in words]
        if not words or words[-1].lower() in _NOT_BEFORE_VERB:
            return None
        if self.is_speech and self._is_own(words, lower, head, determiner):
            return ("own", self.speakers[0] if self.speakers else "")
        return ("source", self.resolve(" ".join(words)))

    def _name_after_descriptor(self, words: list[str]) -> list[str]:
        """The name of "Virginia statesman John Page" or "the poet Henry Longfellow", else nothing.

        A common noun before a name describes the person named (a pseudo-title, as news style
        writes "statesman John Page"; Bell 1988): the name is the source.
        """
        name = list(itertools.takewhile(lambda word: word[0].isupper(), reversed(words)))[::-1]
        if not name or len(name) == len(words):
            return []
        descriptor = words[-len(name) - 1]
        if not (descriptor.isalpha() and descriptor.islower()) or descriptor in stopwords():
            return []
        # a full name, two words at least: "the oldest American saying" has an adjective
        return name if len(name) >= 2 else []

    def _is_own(self, words: list[str], lower: list[str], head: str, determiner: str) -> bool:
        """Is this source the speaker of the speech, their government or their own state?"""
        if lower[0] in _OWN_DETERMINERS and head in _OWN_HEADS and len(words) <= 2:
            return True
        if determiner == "the" and len(words) == 1 and head in _OWN_HEADS:
            return True  # "the Administration", "the Nation" in a speech: the speaker's side
        if lower[0] == "my" or self.own_words.intersection(words):
            return True
        name = " ".join(words)
        code = state_names().get(name) or state_names().get(name.removeprefix("the ").strip())
        return code is not None and code == self.own_state


_DETERMINERS_WORDS = {"the", "a", "an"}
# attributions without a reporting verb: "according to X", "in the words of X"
_FRAME_PHRASES = ("ccording to", "words of", "language of")


@cache
def _verb_forms() -> frozenset[str]:
    return frozenset(form for form in reporting_verbs() if " " not in form)


def _strip_auxiliaries(subject: str) -> str:
    words = subject.split()
    while words and (words[-1].lower() in _AUXILIARIES or words[-1].lower().endswith("ly")):
        words.pop()
    return " ".join(words)


_CLAUSE_MARKS = (",", ";", ":", "—", "–", "--", "(", ")")
# a phrase set off by commas between a source and its verb: a relative clause or a place
_PARENTHETICAL_OPENERS = {"who", "whom", "whose", "which"} | _PREPOSITIONS


def _clause_start(text: str, start: int, end: int) -> int:
    """Where the clause that ends at ``end`` begins: after the last clause mark from ``start``."""
    at = start
    for mark in _CLAUSE_MARKS:
        found = text.rfind(mark, start, end)
        if found >= 0:
            at = max(at, found + len(mark))
    return at


def _subject_span(text: str, start: int, end: int) -> Span:
    """The words before a reporting verb at ``end`` that may name its source.

    The clause right before the verb; when the verb follows a comma, the phrase before the
    appositive, relative clause or place that the commas set off ("an ancient philosopher,
    Lao-tzu, said"; "Eisenhower, who fought in the war, said"; "Kathy Blackwell, of
    Massachusetts, wrote"), as the subject of a clause may be separated from its verb
    (Quirk et al. 1985, ch. 17, on non-restrictive relative clauses and apposition).
    """
    clause = _clause_start(text, start, end)
    if text[clause:end].strip() or clause == start or text[clause - 1] != ",":
        return clause, end
    end = clause - 1
    clause = _clause_start(text, start, end)
    words = text[clause:end].split()
    opener = bool(words) and words[0].lower() in _PARENTHETICAL_OPENERS
    if clause > start and text[clause - 1] == ",":
        anchor = _clause_start(text, start, clause - 1)
        if opener or text[anchor : clause - 1].strip().lower() in _PERSONAL:
            # past a relative clause or a place; "We, the people, declare": the pronoun speaks
            return anchor, clause - 1
    return clause, end


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
            if open_at is not None and char not in _CLOSING and _opens_line(text, at):
                # a quotation over several lines of one paragraph reopens each line with a mark,
                # as it reopens each paragraph; the previous line's quotation never closed
                line_end = text.rindex("\n", open_at, at)
                carried, open_at = [*carried, (open_at, line_end)], at
            elif open_at is None and char not in _CLOSING:
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


def _opens_line(text: str, at: int) -> bool:
    """Is the mark at ``at`` the first character of a line, with a word right after it?

    A mark alone at a line start followed by a space closes what the line before left open.
    """
    line_start = text.rfind("\n", 0, at) + 1
    return (
        line_start > 0
        and not text[line_start:at].strip()
        and at + 1 < len(text)
        and not text[at + 1].isspace()
    )


def _sentence_of(sentences: list[Span], starts: list[int], position: int) -> Span:
    return sentences[max(bisect.bisect_right(starts, position) - 1, 0)]


def find_quotations(
    text: str,
    paragraphs: list[Span],
    sentences: list[Span],
    *,
    speakers: Sequence[str] = (),
    genre: str = "",
    _speakers: _Speakers | None = None,
) -> list[Quotation]:
    """The direct quotations of a document, in text order, with their speakers.

    Parameters
    ----------
    text, paragraphs, sentences
        The document's body and the ``(start, end)`` offsets of its paragraphs and sentences.
    speakers
        Who speaks in the document (its metadata's ``speakers``); in a speech, "I said: “...”"
        is the first of them quoting their own words.
    genre
        The document's genre; ``"speech"`` turns on the speech rules.

    Returns
    -------
    list of Quotation
        ``start``, ``end`` (quotation marks included), ``speaker`` (``"(saying)"`` when the text
        attributes the words to no one, or to a proverb or received wisdom) and ``attributed``.

    Examples
    --------
    >>> from analysis.corpus.segment import split_paragraphs, split_sentences
    >>> text = ("President Xi Jinping spoke. “We act. We agree,” Xi said. "
    ...         "He cited the “Moscow Declaration” too. Ancient teachings tell us that “A "
    ...         "just cause attracts much support.”")
    >>> paragraphs = split_paragraphs(text)
    >>> [(text[q.start:q.end], q.speaker)
    ...  for q in find_quotations(text, paragraphs, split_sentences(text, paragraphs))]
    [('“We act. We agree,”', 'Xi Jinping'), ('“A just cause attracts much support.”', '(saying)')]
    """
    context = _speakers or _Speakers(text, tuple(speakers), genre)
    starts = [start for start, _ in sentences]
    paragraph_starts = [start for start, _ in paragraphs]
    regex = _regexes()
    found: list[tuple[list[Span], bool, str | None, int]] = []
    for group in _quoted_groups(text, paragraphs):
        first, last = group[0], group[-1]
        after = text[last[1] : _sentence_of(sentences, starts, last[1] - 1)[1]]
        sentence_start = _sentence_of(sentences, starts, first[0])[0]
        before = text[max(sentence_start, first[0] - 120) : first[0]]
        attribution = _attribution(text, sentence_start, first[0], after)
        inner = text[last[0] + 1 : last[1] - 1] if text[last[1] - 1] in _CLOSING + '"' else ""
        saying = regex["saying"].search(before) is not None
        # American typography puts a comma inside the marks after any quoted term ("justice,"):
        # the punctuation shows speech only in a quotation of a few words at least
        ends = len(_WORD_RE.findall(inner)) >= _MIN_SPEECH_WORDS and _INNER_END_RE.search(inner)
        is_speech = attribution is not None or saying or bool(ends) or len(group) > 1
        source = None
        if is_speech and attribution:
            source = context.classify(attribution[0], at_start=attribution[1])
        speaker = SAYING if saying and source is None else (source[1] if source else None)
        if is_speech and speaker is None:
            # a quotation inside reported speech: "Eisenhower said the struggle “is not ...”"
            speaker = _reported_source(text[sentence_start : first[0]], context)
        paragraph = bisect.bisect_right(paragraph_starts, first[0])
        found.append((group, is_speech, speaker or None, paragraph))
    # a quoted phrase that runs into a quotation is part of it: "sure we are right" and "make
    # haste slowly."; "All men are created equal"--"give me liberty or give me death."
    for i in range(len(found) - 2, -1, -1):
        group, is_speech, _, paragraph = found[i]
        following = found[i + 1]
        gap = (group[-1][1], following[0][0][0])
        if not is_speech and following[1] and _SERIES_GAP_RE.fullmatch(text, *gap):
            found[i] = (group, True, following[2], paragraph)
    quotations: list[Quotation] = []
    last_speaker, last_paragraph = None, -2
    for group, is_speech, speaker, paragraph in found:
        if not is_speech:
            continue
        attributed = speaker is not None
        if speaker is None:
            # an unattributed quotation continues the one just before it (news style runs a
            # quotation over paragraphs); one that stands alone is a saying
            near = paragraph - last_paragraph <= 1
            speaker = last_speaker if near and last_speaker else SAYING
        elif speaker != SAYING:
            last_speaker = speaker
        last_paragraph = paragraph
        quotations.extend(Quotation(start, end, speaker, attributed) for start, end in group)
    return quotations


def _attribution(text: str, sentence_start: int, at: int, after: str) -> tuple[str, bool] | None:
    """The words that attribute the quotation starting at ``at``, and whether they open it.

    ``after`` is the rest of the sentence after the quotation.
    """
    regex = _regexes()
    match = regex["after"].match(after) or regex["after_inverted"].match(after)
    if match:
        return match.group("subject"), False
    offset = max(sentence_start, at - 120)
    before = text[offset:at]
    if _has_reporting_verb(before):
        match = regex["before"].search(before) or regex["before_complement"].search(before)
        bare = None if match else regex["before_bare"].search(before)
        if bare:
            start, end = _subject_span(text, sentence_start, offset + bare.start("verb"))
            return text[start:end], not text[sentence_start:start].strip()
    match = match or regex["words_of"].search(before)
    if match:
        return match.group("subject"), not before[: match.start("subject")].strip()
    return None


def _spans_holding(text: str, needles: set[str], spans: list[Span]) -> list[bool]:
    """Whether each span holds one of ``needles``: ``any(n in text[start:end] for n in needles)``.

    Every occurrence in the text is found once (overlapping ones too), instead of each needle
    being looked for in each span: a span holds a needle when an occurrence starts in it and
    ends before its end.
    """
    found = []
    for needle in needles:
        at = text.find(needle)
        while at >= 0:
            found.append((at, at + len(needle)))
            at = text.find(needle, at + 1)
    found.sort()
    starts = [start for start, _ in found]
    # the earliest end of the occurrences that start at or after each one
    earliest = list(itertools.accumulate(reversed([end for _, end in found]), min))[::-1]
    earliest.append(len(text) + 1)
    return [earliest[bisect.bisect_left(starts, start)] <= end for start, end in spans]


@cache
def _verb_first_words() -> frozenset[str]:
    return frozenset(form.split()[0] for form in reporting_verbs())


@cache
def _verb_words_between_hyphens() -> frozenset[str]:
    # a word that holds a hyphen is never one when words are split at hyphens
    return frozenset(word for word in _verb_first_words() if "-" not in word)


def _has_reporting_verb(text: str) -> bool:
    """A quick test before the slow regular expressions: does any word begin a reporting verb?"""
    return not _verb_first_words().isdisjoint(text.translate(_WORD_SEPARATORS).split())


def _reported_source(sentence: str, speakers: _Speakers) -> str | None:
    regex = _regexes()
    according = "ccording to" in sentence and regex["according"].search(sentence)
    if according:
        source = speakers.classify(according.group("subject"), at_start=False)
        if source and source[0] == "source":
            return source[1]
    words_of = "words of" in sentence or "language of" in sentence
    words_of = words_of and regex["words_of_anywhere"].search(sentence)
    if words_of:
        source = speakers.classify(words_of.group("subject"), at_start=False)
        if source and source[0] == "source":
            return source[1]
    if not _has_reporting_verb(sentence):
        return None  # most sentences: nothing to parse
    verbs = _verb_first_words()
    for word in _LOWER_WORD_RE.finditer(sentence):
        verb = word.group() in verbs and regex["verb"].match(sentence, word.start())
        if not verb:
            continue
        lemma = reporting_verbs()[" ".join(verb.group().split())][0]
        if not (lemma in _DIRECTIVES or regex["content"].match(sentence, verb.end())):
            continue
        clause_start, clause_end = _subject_span(sentence, 0, verb.start())
        subject = sentence[clause_start:clause_end]
        source = speakers.classify(subject, at_start=not sentence[:clause_start].strip())
        if source and source[0] == "source":
            return source[1]
    return None


def label_sentences(
    text: str,
    paragraphs: list[Span],
    sentences: list[Span],
    *,
    speakers: Sequence[str] = (),
    genre: str = "",
) -> tuple[list[tuple[str, str | None]], list[Quotation]]:
    """The ``(voice, speaker)`` of each sentence, and the document's direct quotations.

    Parameters
    ----------
    text, paragraphs, sentences
        The document's body and the ``(start, end)`` offsets of its paragraphs and sentences.
    speakers
        Who speaks in the document (its metadata's ``speakers``).
    genre
        The document's genre. In a ``"speech"``, what the speaker, their government or their
        own state (the state the speech names most often) says is the speaker's own voice
        (``author``), and ``reported`` is only what the speaker attributes to someone else.

    Returns
    -------
    labels : list of (str, str or None)
        One ``(voice, speaker)`` per sentence; voice is ``author``, ``quote`` or ``reported``.
    quotations : list of Quotation
        As :func:`find_quotations` gives them.

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
    context = _Speakers(text, tuple(speakers), genre)
    quotations = find_quotations(text, paragraphs, sentences, _speakers=context)
    context.last_person = None  # "he" in reported speech: the last person named before it
    quote_starts = [q.start for q in quotations]
    # the reporting verbs this document uses at all: most sentences contain none of them
    # (as words split at hyphens too: "once said--must")
    hyphenated = {part for word in context.words if "-" in word for part in word.split("-")}
    present = set(_verb_words_between_hyphens() & (context.words | hyphenated))
    present.update(phrase for phrase in _FRAME_PHRASES if phrase in text)
    might_report = _spans_holding(text, present, sentences)
    labels = []
    for (start, end), may_report in zip(sentences, might_report, strict=True):
        # quotations are in text order and do not overlap: look only at those that start
        # before the sentence ends, back to the first that ends before it starts
        first = last = bisect.bisect_left(quote_starts, end)
        while first > 0 and quotations[first - 1].end > start:
            first -= 1
        if first == last and not may_report:
            labels.append(("author", None))  # most sentences: no quotation, no reporting verb
            continue
        sentence = text[start:end]
        overlapping = quotations[first:last]
        quoted = sum(
            len(_WORD_RE.findall(text, max(q.start, start), min(q.end, end))) for q in overlapping
        )
        if overlapping and quoted * 2 >= len(_WORD_RE.findall(sentence)):
            labels.append(("quote", overlapping[0].speaker))
            continue
        source = _reported_source(sentence, context) if may_report else None
        if source is None and overlapping and overlapping[0].attributed:
            source = overlapping[0].speaker
        if source == SAYING or (context.is_speech and source in context.speakers):
            source = None  # the speaker's own words, or a saying the speaker makes their own
        labels.append(("reported", source) if source else ("author", None))
    return labels, quotations
