"""The speaker-length invariant of issue 10, shared by the voice tests and the notebook tests.

A speaker is at most six words, unless it names a document at length ("outcome document of this
year's SCO summit"): the word before "of" (or the last word) is a document noun of
``data/resources/source_nouns.tsv``.
"""

from analysis.resources import source_nouns

MAX_SPEAKER_WORDS = 6


def names_a_document(name: str) -> bool:
    words = name.split()
    head = words[: words.index("of")] if "of" in words[1:] else words
    return source_nouns().get(head[-1].lower()) == "document"


def too_long(name: str) -> bool:
    """More than six words and not a document's name."""
    return len(name.split()) > MAX_SPEAKER_WORDS and not names_a_document(name)
