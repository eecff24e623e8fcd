"""Lexical markers of stance and voice: modality, person deixis, stance, nominalisation, reporting.

Each marker is a lexicon the project owns (``data/lexicons/*.tsv``, read by
:mod:`analysis.discourse.lexicon`) plus a few rules that keep the counts honest. The rules, with the
cases
they get wrong:

modality (``modality.tsv``)
    Modal verbs, semi-modals ("need to", "have to") and modal adverbs by meaning: deontic,
    epistemic, dynamic, prediction (Biber et al. 1999; Palmer 2001). A modal right after a
    determiner or possessive ("the will of the people", "the need to act", "China's will") or after
    a ``not_after`` word ("political will", "military might") is a noun and is not counted;
    "May" with a capital inside a sentence is the month. Misses: a noun "will" after any other
    adjective ("their firm will").
person deixis (``person_deixis.tsv``)
    Personal and possessive pronouns by person and number (Levinson 1983). "US" in capitals is
    the United States, not the pronoun. Inclusive and exclusive "we" are not told apart.
stance (``stance.tsv``)
    Boosters, intensifiers, attitude markers and hedges (Hyland 2005; Biber et al. 1999).
    Pure word lists: "high" in "high seas" counts as attitude.
nominalisation (``nominalisation.tsv``)
    A word whose norm (the last part of a hyphenated word) ends in a suffix of the lexicon
    (-tion, -ment, -ness, -ity, -ance/-ence ...) with at least three letters before it and is not
    listed as an exception ("nation", "station", "document"); plus listed words the suffixes miss
    ("proposal", "growth"). Halliday's grammatical metaphor (Halliday & Matthiessen 2014).
reporting verbs (``reporting_verbs.txt``, the same list :mod:`analysis.corpus.voice` uses)
    A reporting-verb form counts when it reports: it is not a noun (no determiner or preposition
    right before it: "the member states"; no capital inside a sentence: "SCO Member States"), and
    it has reported content or a quotation: "that",
    a colon or a quotation mark in the three tokens after it ("emphasized that"), a closing
    quotation mark in the three tokens before it ("...,” Xi said"), a directive ("called on",
    "called for", "urged"), or a stance verb followed by *with/on/to/that* ("agreed with").
    So "Russia supports the Initiative" and "we firmly support countries" are not reporting.
    ``term`` is the lemma; the reported source is the sentence's speaker.

References
----------
Biber, D., Johansson, S., Leech, G., Conrad, S. & Finegan, E. (1999). *Longman Grammar of
Spoken and Written English*. Longman, ch. 4.10, 6.6, 10.2.
Palmer, F. R. (2001). *Mood and Modality*, 2nd ed. Cambridge University Press.
Levinson, S. C. (1983). *Pragmatics*. Cambridge University Press, ch. 2.
Hyland, K. (2005). Stance and engagement: a model of interaction in academic discourse.
*Discourse Studies* 7(2), 173-192.
Halliday, M. A. K. & Matthiessen, C. (2014). *Halliday's Introduction to Functional Grammar*,
4th ed. Routledge, ch. 10.
Thompson, G. & Ye, Y. (1991). Evaluation in the reporting verbs used in academic papers.
*Applied Linguistics* 12(4), 365-382.
"""

from __future__ import annotations

from functools import cache

import numpy as np

from analysis.discourse._matching import DETERMINERS, PREPOSITIONS, DocTokens, Match, PhraseMatcher
from analysis.discourse.lexicon import Lexicon
from analysis.resources import reporting_verbs

__all__ = [
    "REPORTING_CATEGORIES",
    "find_deixis",
    "find_modality",
    "find_nominalisations",
    "find_reporting",
    "find_stance",
]

#: categories of ``reporting_verbs.txt`` (Thompson & Ye 1991; Hyland 2002)
REPORTING_CATEGORIES = ("speech", "cognition", "stance")
_DIRECTIVES = frozenset({"call on", "call for", "urge"})
# a straight double quote may open or close: it counts both ways
_OPENING, _CLOSING = frozenset('“«"'), frozenset('”»"')


@cache
def _matcher(lexicon: Lexicon) -> PhraseMatcher:
    return PhraseMatcher(lexicon.counted())


@cache
def _reporting_matcher() -> PhraseMatcher:
    forms = reporting_verbs()
    return PhraseMatcher((category, form, lemma) for form, (lemma, category) in forms.items())


def _sentence_start(doc: DocTokens, i: int) -> bool:
    return i == 0 or doc.sentence[i - 1] != doc.sentence[i]


def find_modality(doc: DocTokens, lexicon: Lexicon) -> list[Match]:
    """Modal expressions, without their noun readings."""
    nouny = DETERMINERS | frozenset(lexicon.words("not_after"))

    def keep(doc, start, stop, category):
        if not _sentence_start(doc, start) and doc.norm[start - 1] in nouny:
            return False
        return not (doc.surface[start] == "May" and not _sentence_start(doc, start))

    return _matcher(lexicon).find(doc, keep=keep)


def find_deixis(doc: DocTokens, lexicon: Lexicon) -> list[Match]:
    """Personal and possessive pronouns; "US" in capitals is a country."""
    return _matcher(lexicon).find(doc, keep=lambda doc, start, *_: doc.surface[start] != "US")


def find_stance(doc: DocTokens, lexicon: Lexicon) -> list[Match]:
    """Boosters, intensifiers, attitude markers and hedges."""
    return _matcher(lexicon).find(doc)


def find_nominalisations(doc: DocTokens, lexicon: Lexicon) -> list[Match]:
    """Nouns derived by suffix (with exceptions) and listed nominalisations."""
    exceptions = frozenset(lexicon.words("exception"))
    listed = {entry: category for category, entry, _ in lexicon.counted() if entry[0] != "-"}
    rules = sorted(
        ((entry[1:], category) for category, entry, _ in lexicon.counted() if entry[0] == "-"),
        key=lambda rule: -len(rule[0]),
    )
    suffixes = tuple(suffix for suffix, _ in rules)
    # each distinct norm is judged once per corpus, not once per occurrence
    nominal = doc.vocabulary.of_norm(
        ("nominalisation", lexicon),
        lambda norm: _nominal(norm, exceptions, listed, rules, suffixes),
    )[doc.norm_codes]
    is_word = (doc.vocabulary.kind == "word")[doc.kind_codes]
    found = []
    for i in np.flatnonzero(is_word & np.not_equal(nominal, None)).tolist():
        category, detail = nominal[i]
        found.append(Match(i, i + 1, category, doc.norm[i], detail))
    return found


def _nominal(norm, exceptions, listed, rules, suffixes) -> tuple[str, str | None] | None:
    """``(category, suffix)`` of a nominalisation, or None."""
    word = norm.rsplit("-", 1)[-1]
    if not word.isalpha() or exceptions.intersection((norm, word)):
        return None
    if word in listed:
        return listed[word], None
    if not word.endswith(suffixes):
        return None
    for suffix, category in rules:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            return category, f"-{suffix}"
    return None


def _reports(doc: DocTokens, start: int, stop: int, lemma: str, category: str) -> bool:
    lo = start
    while not _sentence_start(doc, lo):
        lo -= 1
    if start > lo and (
        doc.norm[start - 1] in DETERMINERS | PREPOSITIONS or doc.surface[start][0].isupper()
    ):
        return False
    after = [
        doc.surface[j]
        for j in range(stop, min(stop + 3, len(doc)))
        if doc.sentence[j] == doc.sentence[start]
    ]
    before = [doc.surface[j] for j in range(max(lo, start - 3), start)]
    return (
        "that" in after
        or ":" in after
        or bool(_OPENING.intersection(after))
        or bool(_CLOSING.intersection(before))
        or lemma in _DIRECTIVES
        or (category == "stance" and after[:1] in (["with"], ["on"], ["to"]))
    )


def find_reporting(doc: DocTokens) -> list[Match]:
    """Reporting verbs used to report (rules in the module docstring); ``term`` is the lemma."""
    forms = reporting_verbs()
    return _reporting_matcher().find(
        doc,
        keep=lambda doc, start, stop, category: _reports(
            doc, start, stop, forms[" ".join(doc.norm[start:stop])][0], category
        ),
    )
