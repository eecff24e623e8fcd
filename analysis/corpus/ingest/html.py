"""The speech on a web page: its main text without the page around it, and its metadata.

trafilatura (Barbaresi 2021) finds a page's main text and drops what surrounds it (menus, cookie
notices, "Print" and "Share" links, related articles, footers); it came out best of the
open-source extractors in its author's and in independent comparisons (Bevendorff et al. 2023),
and reads the page's metadata (title, author, site name) from ``<meta>`` tags, JSON-LD and the
document's structure. Before it runs, footnote markers (a ``<sup>`` holding only a number or a
dagger, a link to ``#fn...``) and footnote sections are removed, so no "security1" is left in a
sentence. The date comes from htmldate (Barbaresi 2020) restricted to the page's markup
(``extensive_search=False``: ``<meta>``, JSON-LD, ``<time>``, an element marked as a byline):
a date guessed from the running text could be any date the speech mentions.

A page that is not a speech is refused, saying why: one that asks for a login (a password field
and little text), one whose main text is mostly links (an index or search page), or one with fewer
than :data:`MIN_WORDS` words of main text.

References
----------
Barbaresi, A. (2020). htmldate: A Python package to extract publication dates from web pages.
*Journal of Open Source Software* 5(51), 2439.
Barbaresi, A. (2021). Trafilatura: A web scraping library and command-line tool for text discovery
and extraction. *Proceedings of ACL-IJCNLP 2021: System Demonstrations*, 122-131.
Bevendorff, J. et al. (2023). An empirical comparison of web content extraction algorithms.
*Proceedings of SIGIR 2023*, 2594-2603.
"""

from __future__ import annotations

import re
from importlib.metadata import version

from analysis.corpus.ingest.source import Extraction, join_paragraphs
from analysis.errors import CorpusError

__all__ = ["MIN_WORDS", "extract_html"]

MIN_WORDS = 50  # a short statement has a hundred words; a menu or an error page fewer than this
MAX_LINK_SHARE = 0.5
_MARKER_RE = re.compile(r"\s*[\[(]?\s*(?:[0-9]{1,3}|[*†‡§]|[ivx]{1,4})\s*[\])]?\s*")
_FOOTNOTES = (
    "//*[contains(translate(@class, 'FOOTNOE', 'footnoe'), 'footnote')"
    " or contains(translate(@id, 'FOOTNOE', 'footnoe'), 'footnote')"
    " or contains(@class, 'endnote') or @role='doc-endnotes']"
)
_LOGIN_RE = re.compile(r"\b(?:log|sign)\s?in\b|\bsubscribe\b|\bpassword\b", re.IGNORECASE)


def _clean_tree(data: bytes):
    """The page as an lxml tree, without footnote markers and footnote sections."""
    from trafilatura.utils import load_html

    tree = load_html(data)
    if tree is None:
        return None
    for element in tree.xpath(_FOOTNOTES):
        if element.getparent() is not None:
            element.drop_tree()
    for sup in tree.xpath("//sup"):
        text = sup.text_content()
        if _MARKER_RE.fullmatch(text) and sup.getparent() is not None:
            sup.drop_tree()
    for link in tree.xpath("//a[starts-with(@href, '#fn') or starts-with(@href, '#note')]"):
        if _MARKER_RE.fullmatch(link.text_content()) and link.getparent() is not None:
            link.drop_tree()
    return tree


def _paragraphs(body) -> tuple[list[str], int, int]:
    """The main text's paragraphs, its word count, and the words inside links."""
    paragraphs = []
    for child in body:
        items = child.iter("item") if child.tag == "list" else [child]
        paragraphs.extend(" ".join("".join(item.itertext()).split()) for item in items)
    words = sum(len(paragraph.split()) for paragraph in paragraphs)
    linked = sum(len("".join(ref.itertext()).split()) for ref in body.iter("ref"))
    return paragraphs, words, linked


def _refusal(tree, words: int, linked: int) -> str | None:
    if words and linked / words > MAX_LINK_SHARE:
        return (
            f"its main text is mostly links ({linked} of {words} words): an index or search "
            "page? give the address of the speech itself"
        )
    if words < MIN_WORDS:
        if tree.xpath("//input[@type='password']") or _LOGIN_RE.search(
            " ".join(tree.xpath("//form//text()"))
        ):
            return (
                "asks for a login: save the page from your browser once you can read the "
                "speech, and add the saved file"
            )
        return (
            f"has only {words} words of main text (fewer than {MIN_WORDS}): it does not look "
            "like a speech page (an error page, a menu, a page drawn by JavaScript?)"
        )
    return None


def _date(tree) -> str:
    from htmldate import find_date

    try:
        found = find_date(tree, extensive_search=False, original_date=True)
    # htmldate parses whatever the page claims is a date; a malformed one must not stop add.
    except Exception:
        return ""
    return found or ""


def extract_html(data: bytes, *, url: str | None = None, path=None) -> Extraction:
    """The speech on a web page, paragraph by paragraph, and the metadata the page states.

    Parameters
    ----------
    data
        The page's bytes (its encoding is read from the page, as a browser does).
    url
        Where it was fetched, if it was; used only to resolve relative addresses.
    path
        The file or URL, for messages.

    Returns
    -------
    Extraction
        ``found`` may hold ``title``, ``author``, ``date`` (``YYYY-MM-DD``, from the markup
        only) and ``source`` (the site's name).

    Raises
    ------
    CorpusError
        If the bytes are not a readable page, or the page is not a speech (a login wall, mostly
        links, too short); the message says which.
    """
    import trafilatura

    tree = _clean_tree(data)
    if tree is None:
        raise CorpusError("could not be read as a web page", path=path)
    date = _date(tree)
    document = trafilatura.bare_extraction(
        tree,
        url=url,
        favor_precision=True,
        include_comments=False,
        include_tables=False,
        include_links=True,
        with_metadata=True,
    )
    body = getattr(document, "body", None)
    paragraphs, words, linked = _paragraphs(body) if body is not None else ([], 0, 0)
    reason = _refusal(tree, words, linked)
    if reason:
        raise CorpusError(reason, path=path)
    found, origins = {}, {}
    for field, attribute, origin in (
        ("title", "title", "the page's title (<meta> tags or <title>)"),
        ("author", "author", "the page's byline or author metadata"),
        ("source", "sitename", "the page's site name (og:site_name or publisher metadata)"),
    ):
        value = " ".join((getattr(document, attribute, None) or "").split())
        if value:
            found[field], origins[field] = value, origin
    if date:
        found["date"], origins["date"] = (
            date,
            "the page's date markup (<meta>, JSON-LD, <time> or a byline)",
        )
    return Extraction(
        text=join_paragraphs(paragraphs),
        kind="html",
        found=found,
        origins=origins,
        extractor=f"trafilatura {version('trafilatura')}",
    )
