"""Actors and agents: who a text names, and whom it places as the doer of a clause.

Actors (van Leeuwen 2008) are found by four lists, each inspectable:

- **countries**: every ISO 3166-1 country from the installed ``pycountry`` package, under its
  ``name``, ``common_name`` and ``official_name`` and the short form before a comma ("Iran,
  Islamic Republic of" -> "Iran"); plus the aliases, abbreviations and adjectives of
  ``data/lexicons/actors.tsv`` ("Russia", "U.S.", "Chinese"), each tied to an ISO code. Names
  match only as written, with their capitals, so "turkey" the bird is not Türkiye;
- **organisations** and **groups** from ``actors.tsv`` ("SCO", "member states", "terrorists");
- **persons**: the speakers the voice rules found (:mod:`analysis.corpus.voice`) that look like
  personal names (two to four capitalised words, none a stopword or pronoun: "The Scripture" is not
  one), under their full name or any word of it ("Xi" for "Xi Jinping", "Putin").

Agents: a documented heuristic, not a parser
--------------------------------------------
An actor (or a subject pronoun: I, we, you, he, she, they) is an **agent** when it stands as the
grammatical subject of a clause, which the rule recognises without part-of-speech tags: the actor
is not inside a prepositional phrase (no preposition right before it or its determiner) and the
next word, after at most two adverbs ("also", "fully", any *-ly*), starts a verb group: an auxiliary
or modal ("has", "will", "need"), a reporting verb ("called", "agreed", "welcomes"), or, when the
actor opens a clause (after punctuation, a conjunction or nothing), a word in *-ed*. Adjacent
actors are read as one phrase ("SCO members"). In a passive clause the agent is the actor in the
*by*-phrase after a participle ("received by all sides"), reported with ``detail="by-phrase"``.
Halliday's transitivity analysis (Halliday & Matthiessen 2014, ch. 5) asks who acts upon whom;
this rule answers only "who stands before a verb".

What it misses: subjects followed by a verb it does not know ("Xi put forward"), coordinated
subjects ("extremists and terrorists ... are growing"), subjects that are not actors ("Xi's
remarks have diversified ..."), relative and non-finite clauses; an *-ed* adjective can pass as a
verb. Read the matches before the counts.

References
----------
van Leeuwen, T. (2008). *Discourse and Social Practice*. Oxford University Press, ch. 2.
Halliday, M. A. K. & Matthiessen, C. (2014). *Halliday's Introduction to Functional Grammar*,
4th ed. Routledge, ch. 5.
Fairclough, N. (2003). *Analysing Discourse*. Routledge, ch. 8.
"""

from __future__ import annotations

from functools import cache

import pycountry

from analysis.discourse._matching import DETERMINERS, PREPOSITIONS, DocTokens, Match, PhraseMatcher
from analysis.discourse.lexicon import Lexicon
from analysis.resources import reporting_verbs, stopwords

__all__ = ["actor_matcher", "country_names", "find_actors", "find_agents", "persons_among"]

# words that cannot be part of a personal name: pronouns, adverbs of frame, function words
_NOT_NAMES_EXTRA = frozenset({
    "i", "we", "you", "he", "she", "they", "it", "my", "our", "your", "his", "her", "their",
    "today", "now", "here", "there", "so", "yet", "thus", "then", "let", "mr", "mrs",
})  # fmt: skip
_SUBJECT_PRONOUNS = {"i": "I", "we": "we", "you": "you", "he": "he", "she": "she", "they": "they"}
_PRONOUN_NORMS = frozenset(_SUBJECT_PRONOUNS)
_VERB_CUES = frozenset({
    "is", "are", "was", "were", "has", "have", "had", "will", "would", "shall", "should", "can",
    "could", "may", "might", "must", "need", "needs", "cannot", "do", "does", "did",
})  # fmt: skip
_ADVERBS = frozenset({
    "also", "not", "still", "already", "never", "always", "jointly", "together", "all", "both",
})  # fmt: skip
_CONJUNCTIONS = frozenset({
    "and", "but", "or", "that", "which", "who", "while", "when", "as", "because", "if", "so",
})  # fmt: skip
_BY_DETERMINERS = frozenset({
    "the", "these", "those", "all", "its", "their", "our", "his", "her", "both",
})  # fmt: skip


@cache
def country_names() -> dict[str, tuple[str, str]]:
    """Every ISO 3166-1 country name form, mapped to ``(alpha_3, display name)``.

    >>> country_names()["Iran"], country_names()["Russian Federation"]
    (('IRN', 'Iran'), ('RUS', 'Russian Federation'))
    """
    names = {}
    for country in pycountry.countries:
        display = getattr(country, "common_name", None) or country.name
        forms = {country.name, display, getattr(country, "official_name", None) or country.name}
        forms |= {form.split(",")[0] for form in forms}
        forms |= {form.split(" (")[0] for form in forms}
        for form in forms:
            form = form.removeprefix("the ").strip()
            names.setdefault(form, (country.alpha_3, display))
    return names


def _display(alpha_3: str) -> str:
    country = pycountry.countries.get(alpha_3=alpha_3)
    return getattr(country, "common_name", None) or country.name


def persons_among(speakers) -> list[str]:
    """The speakers that look like personal names.

    A name is two to four capitalised words, none of them a function word or pronoun ("The
    Scripture", "So I" are not names).

    >>> persons_among(["Xi Jinping", "China", "international community", "So I", None])
    ['Xi Jinping']
    """
    not_names = stopwords() | _NOT_NAMES_EXTRA
    found = set()
    for speaker in speakers:
        words = speaker.split() if isinstance(speaker, str) else []
        if (
            2 <= len(words) <= 4
            and all(w[:1].isupper() for w in words)
            and not any(w.lower() in not_names for w in words)
        ):
            found.add(speaker)
    return sorted(found)


def actor_matcher(lexicon: Lexicon, persons=()) -> PhraseMatcher:
    """A matcher for countries, organisations, groups and the given persons.

    ``term`` is the canonical name: the ISO display name for countries, the note of an
    organisation row, the full name of a person. The ISO code of a country goes in a match's
    ``detail`` (:func:`find_actors` adds it).
    """
    excluded = set(lexicon.words("exception"))
    entries = [
        ("country", form, display)
        for form, (_, display) in country_names().items()
        if form not in excluded
    ]
    for category, entry, note in lexicon.counted():
        if entry in excluded:
            continue
        if category == "country":
            entries.append(("country", entry, _display(note)))
        else:
            entries.append((category, entry, note or entry))
    taken = {entry for _, entry, _ in entries}
    for person in persons:
        # the full name, and each of its words alone: "Xi" (a family name written first) as well
        # as "Putin"; a first name alone ("Vladimir") may then name someone else
        for form in dict.fromkeys([person, *person.split()]):
            if form not in taken:
                entries.append(("person", form, person))
    return PhraseMatcher(entries)


@cache
def _country_codes() -> dict[str, str]:
    return {display: code for code, display in country_names().values()}


def find_actors(doc: DocTokens, matcher: PhraseMatcher) -> list[Match]:
    """Actor mentions of one document, countries with their ISO code as ``detail``."""
    codes = _country_codes()
    return [
        Match(m.start, m.stop, m.category, m.term, codes.get(m.term))
        if m.category == "country"
        else m
        for m in matcher.find(doc)
    ]


def _clause_initial(doc: DocTokens, start: int, lo: int) -> bool:
    i = start - 1
    if i >= lo and doc.norm[i] in DETERMINERS:
        i -= 1
    return i < lo or doc.kind[i] == "punct" or doc.norm[i] in _CONJUNCTIONS


def _starts_verb_group(
    doc: DocTokens, i: int, stop: int, verbs: frozenset[str], *, clause_initial: bool
) -> bool:
    skipped = 0
    while (
        i < stop
        and skipped < 2
        and (doc.norm[i] in _ADVERBS or (doc.norm[i].endswith("ly") and len(doc.norm[i]) > 4))
    ):
        i, skipped = i + 1, skipped + 1
    if i >= stop or doc.kind[i] != "word":
        return False
    word = doc.norm[i]
    if word in _VERB_CUES or word in verbs:
        return True
    # a bare -ed word is a verb only at the start of a clause: "support countries concerned"
    return clause_initial and word.endswith("ed") and len(word) > 4


def _after_preposition(doc: DocTokens, start: int, lo: int) -> bool:
    i = start - 1
    if i >= lo and doc.norm[i] in DETERMINERS:
        i -= 1
    return i >= lo and doc.norm[i] in PREPOSITIONS


def _by_phrase(doc: DocTokens, start: int, lo: int) -> bool:
    i = start - 1
    if i >= lo and doc.norm[i] in _BY_DETERMINERS:
        i -= 1
    if i < lo or doc.norm[i] != "by":
        return False
    before = doc.norm[max(lo, i - 4) : i]
    return any(w.endswith(("ed", "en")) and len(w) > 4 for w in before)


def find_agents(doc: DocTokens, actors: list[Match]) -> list[Match]:
    """Actors and subject pronouns placed as agents (see the module docstring for the rule)."""
    verbs = frozenset(form.split()[0] for form in reporting_verbs())
    candidates = sorted(
        [
            *actors,
            *(
                Match(i, i + 1, "pronoun", _SUBJECT_PRONOUNS[doc.norm[i]])
                for i in doc.positions(_PRONOUN_NORMS).tolist()
                if doc.surface[i] != "US"
            ),
        ],
        key=lambda m: m.start,
    )
    phrases: list[list[Match]] = []
    for match in candidates:
        same_sentence = phrases and doc.sentence[phrases[-1][-1].start] == doc.sentence[match.start]
        if same_sentence and phrases[-1][-1].stop == match.start:
            phrases[-1].append(match)
        else:
            phrases.append([match])
    agents = []
    for phrase in phrases:
        start, stop, head = phrase[0].start, phrase[-1].stop, phrase[-1]
        lo, hi = doc.sentence_of(start)
        term = head.term if len(phrase) == 1 else doc.span_text(start, stop)
        if _by_phrase(doc, start, lo):
            agents.append(Match(start, stop, head.category, term, "by-phrase"))
        elif not _after_preposition(doc, start, lo) and _starts_verb_group(
            doc, stop, hi, verbs, clause_initial=_clause_initial(doc, start, lo)
        ):
            agents.append(Match(start, stop, head.category, term, "subject"))
    return agents
