"""Readable names for documents: ids made of date, surname and key words, and short titles.

An id labels a document everywhere (file names, tables, figure axes), so it should tell a reader
which speech it is: ``2020-11-10-xi-sco-council-heads-state`` rather than
``2020-11-10-xi-jinping-address-at-the``. The id is made from the metadata alone, so the same
metadata always gives the same id; ids already in a corpus are never recomputed (they name files),
and :func:`analysis.add_documents` appends ``-2``, ``-3`` ... to an automatic id that is taken.

The surname is the last word of the first speaker's name, after role words ("President") and
before suffixes ("Jr."), with a particle kept ("von der Leyen"); names that write the family name
first ("Xi Jinping", "Moon Jae-in") are recognised from ``data/resources/family_name_first.txt``.
The title's key words are its acronyms first (they name the organisation or the event: SCO, UN,
G20), then its other content words in order, without function words, pronouns, ordinals, the
speaker's own name and the words that only say it is a speech ("Address", "Remarks").
"""

import re
import unicodedata
from collections import Counter
from functools import cache

from analysis.paths import RESOURCES_DIR
from analysis.resources import _entries, stopwords, titles

__all__ = ["make_doc_id", "short_title", "short_titles", "surname"]

#: Longest automatic id; ``check_doc_id`` allows 80, the rest is room for a ``-2`` suffix.
MAX_LENGTH = 60
KEY_WORDS = 4
# Words that say what kind of text it is, not which one: every speech would share them.
_GENERIC = frozenset(
    [
        "address",
        "addresses",
        "remarks",
        "remark",
        "speech",
        "speeches",
        "statement",
        "statements",
        "keynote",
        "transcript",
        "text",
        "full",
        "delivered",
        "meeting",
        "session",
        "video",
        "message",
        "opening",
        "closing",
    ]
)
_PRONOUNS = frozenset(
    [
        "i",
        "me",
        "my",
        "we",
        "us",
        "our",
        "you",
        "your",
        "he",
        "him",
        "his",
        "she",
        "her",
        "it",
        "its",
        "they",
        "them",
        "their",
    ]
)
_HONORIFICS = frozenset(
    [
        "mr",
        "mrs",
        "ms",
        "miss",
        "dr",
        "sir",
        "dame",
        "madam",
        "his",
        "her",
        "excellency",
        "hon",
        "rt",
    ]
)
_SUFFIXES = frozenset(["jr", "sr", "ii", "iii", "iv"])
_PARTICLES = frozenset(
    [
        "van",
        "von",
        "der",
        "den",
        "de",
        "del",
        "della",
        "da",
        "di",
        "du",
        "la",
        "le",
        "al",
        "el",
        "bin",
        "ibn",
    ]
)
_ORDINAL_RE = re.compile(r"[0-9]+(?:st|nd|rd|th)")


@cache
def _family_name_first() -> frozenset[str]:
    return frozenset(_entries(RESOURCES_DIR / "family_name_first.txt"))


def _ascii_words(text: str) -> list[str]:
    """Words of ``text`` in ASCII, with the periods of abbreviations removed (U.S. -> US)."""
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    plain = re.sub(r"['’]s\b", "", plain.replace(".", ""))
    return re.findall(r"[A-Za-z0-9]+", plain)


def surname(speaker: str) -> str:
    """The surname of the first speaker in a ``"; "``-separated list, lower case ('' if none).

    >>> surname("Xi Jinping"), surname("President Joseph R. Biden Jr."), surname("Moon Jae-in")
    ('xi', 'biden', 'moon')
    >>> surname("Ursula von der Leyen; Charles Michel")
    'von-der-leyen'
    """
    first = speaker.split(";")[0]
    plain = unicodedata.normalize("NFKD", first).encode("ascii", "ignore").decode()
    words = re.findall(r"[A-Za-z0-9]+(?:-[A-Za-z0-9]+)*", plain.replace(".", ""))
    while words and words[0].lower() in titles() | _HONORIFICS:
        words = words[1:]
    while len(words) > 1 and words[-1].lower() in _SUFFIXES:
        words = words[:-1]
    if not words:
        return ""
    if len(words) > 1 and words[0].lower() in _family_name_first():
        return words[0].lower()
    start = len(words) - 1
    while start > 1 and words[start - 1] in _PARTICLES:  # particles are written in lower case
        start -= 1
    return "-".join(words[start:]).lower()


def _key_words(title: str, speaker: str) -> list[str]:
    words = _ascii_words(title)
    shouting = all(not word.isalpha() or word.isupper() for word in words)
    names = {word.lower() for part in speaker.split(";") for word in _ascii_words(part)}
    skip = stopwords() | _GENERIC | _PRONOUNS | names
    acronyms, others = [], []
    for word in words:
        lower = word.lower()
        is_acronym = not shouting and word.isupper() and any(c.isalpha() for c in word)
        # "US" is the country, "us" a pronoun: an acronym is never a function word.
        if (lower in skip and not is_acronym) or _ORDINAL_RE.fullmatch(lower) or len(lower) < 2:
            continue
        target = acronyms if is_acronym else others
        if lower not in acronyms and lower not in others:
            target.append(lower)
    return [*acronyms, *others][:KEY_WORDS]


def make_doc_id(*, date: str, speaker: str, title: str) -> str:
    """A readable id: the date, the first speaker's surname and up to four key words of the title.

    Parameters
    ----------
    date
        ``YYYY-MM-DD`` (or '').
    speaker
        The ``speakers`` field; only the first speaker's surname is used.
    title
        The document's title.

    Returns
    -------
    str
        Lower-case ASCII letters, digits and hyphens, at most 60 characters, cut at a word;
        ``"document"`` when nothing usable is left.

    Examples
    --------
    >>> make_doc_id(
    ...     date="2020-11-10",
    ...     speaker="Xi Jinping",
    ...     title="Address by Xi Jinping at the 20th Meeting of the Council of Heads of State "
    ...     "of the SCO",
    ... )
    '2020-11-10-xi-sco-council-heads-state'
    >>> make_doc_id(date="2021-01-20", speaker="Joseph R. Biden Jr.", title="Inaugural Address")
    '2021-01-20-biden-inaugural'
    """
    parts = [date.strip(), surname(speaker), *_key_words(title, speaker)]
    slug = re.sub(r"[^a-z0-9]+", "-", "-".join(part for part in parts if part).lower()).strip("-")
    if len(slug) > MAX_LENGTH:
        slug = slug[: MAX_LENGTH + 1].rsplit("-", 1)[0]
    return slug or "document"


#: Longest short title, in characters, before it is cut at a word and given an ellipsis.
SHORT_TITLE_LENGTH = 40
# "Address by President X at the", "Remarks on", "Full text of the speech to": the part of a title
# that says it is a speech and by whom, before what it is about.
_LEAD_IN_RE = re.compile(
    r"(?:full\s+text\s+of\s+)?(?:the\s+)?(?:keynote\s+|opening\s+|closing\s+)?"
    r"(?:address|remarks|speech|statement|message)"
    r"(?:\s+(?:by|of)\s+[^,:;]*?)?\s+(?:at|to|on|before|for|during)\s+(?:the\s+)?",
    re.IGNORECASE,
)


def short_title(title: str) -> str:
    """A title short enough to label an axis: without a lead-in, at most 40 characters.

    >>> short_title("Address by Mira Orla at the Harbour Forum")
    'Harbour Forum'
    >>> short_title("Inaugural Address")
    'Inaugural Address'
    >>> short_title("SCO to safeguard security, stability, build community of security for all")
    'SCO to safeguard security, stability…'
    """
    title = " ".join(title.split())
    lead_in = _LEAD_IN_RE.match(title)
    if lead_in and lead_in.end() < len(title):
        rest = title[lead_in.end() :]
        title = rest[0].upper() + rest[1:]
    if len(title) <= SHORT_TITLE_LENGTH:
        return title
    return title[:SHORT_TITLE_LENGTH].rsplit(" ", 1)[0].rstrip(",;:") + "…"


def short_titles(titles, dates, doc_ids) -> list[str]:
    """Short titles of several documents, made unique: a repeated one gets its date, then its id.

    >>> short_titles(["Remarks at the Forum", "Address to the Forum"], ["2020-01-02", ""], "ab")
    ['Forum (2020-01-02)', 'Forum (b)']
    """
    shorts = [short_title(title) for title in titles]
    # counted once (Counter), not once per title (list.count): linear in the documents
    repeated = {s for s, n in Counter(shorts).items() if n > 1}
    dated = [
        f"{s} ({d or i})" if s in repeated else s
        for s, d, i in zip(shorts, dates, doc_ids, strict=True)
    ]
    repeated = {s for s, n in Counter(dated).items() if n > 1}
    return [
        f"{s} ({i})" if d in repeated else d for s, d, i in zip(shorts, dated, doc_ids, strict=True)
    ]
