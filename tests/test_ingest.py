"""Extracting a speech from a web page, a PDF and a Word file the project wrote itself."""

import contextlib
import importlib.util
import re
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from analysis.corpus.ingest import extract, kind_of
from analysis.corpus.ingest.html import MIN_WORDS
from analysis.errors import CorpusError

FIXTURES = Path(__file__).parent / "fixtures" / "ingest"


def _load_makers():
    spec = importlib.util.spec_from_file_location("make_fixtures", FIXTURES / "make_fixtures.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


makers = _load_makers()
SPEECH = (FIXTURES / "harbour-speech.txt").read_text("utf-8")
PAGE = (FIXTURES / "harbour-speech.html").read_bytes()


def words(text: str) -> Counter:
    return Counter(re.findall(r"[a-z0-9]+", text.lower()))


def recovered_share(extracted: str, speech: str) -> float:
    """Share of the speech's words (as a multiset) found in the extracted text."""
    expected = words(speech)
    return sum((words(extracted) & expected).values()) / sum(expected.values())


def boilerplate_left(extracted: str, speech: str, everything: str) -> float:
    """Share of the source's non-speech words (a multiset) left in the extracted text."""
    boilerplate = words(everything) - words(speech)
    left = words(extracted) - words(speech)
    return sum((left & boilerplate).values()) / sum(boilerplate.values())


def page_text(page: bytes) -> str:
    import lxml.html

    tree = lxml.html.fromstring(page)
    for element in tree.xpath("//head|//script|//style"):
        element.drop_tree()
    return tree.text_content()


# --- kinds ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "kind"),
    [
        (b"%PDF-1.4\n...", "pdf"),
        (b"\xef\xbb\xbf<!doctype html><html></html>", "html"),
        (b"  <!-- saved -->\n<html lang='en'><body>x</body></html>", "html"),
        (b"<p>A speech that starts with a tag is still text.</p>", "text"),
        (b"Friends, colleagues.\n", "text"),
    ],
)
def test_the_kind_is_read_from_the_bytes(data, kind):
    assert kind_of(data) == kind


def test_the_kind_of_a_word_file_is_read_from_its_package():
    assert kind_of(makers.make_docx(["One paragraph."])) == "docx"


def test_a_name_that_promises_another_kind_is_refused():
    with pytest.raises(CorpusError, match=r"speech\.pdf: is named like a PDF but holds a web page"):
        kind_of(PAGE, name="speech.pdf")


def test_a_page_saved_as_txt_is_read_as_a_page():
    assert kind_of(PAGE, name="speech.txt") == "html"


def test_an_old_word_file_says_how_to_convert_it():
    with pytest.raises(CorpusError, match=r"old Word \(\.doc\) file: .* save it as \.docx"):
        kind_of(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(100), name="speech.doc")


# --- web pages -----------------------------------------------------------------------------------


def test_the_page_gives_the_speech_paragraph_by_paragraph():
    extraction = extract(PAGE, path="harbour-speech.html")
    assert extraction.kind == "html"
    assert extraction.text == SPEECH


def test_menus_banners_share_links_footnotes_and_footer_are_gone():
    text = extract(PAGE, path="page.html").text
    for boilerplate in ("cookies", "Print", "Share", "Home", "Privacy", "Related", "Coastal Pact"):
        assert boilerplate not in text
    assert "coast. We kept" in text  # the footnote marker "1" is gone from the sentence
    assert recovered_share(text, SPEECH) == 1.0
    assert boilerplate_left(text, SPEECH, page_text(PAGE)) == 0.0


def test_the_page_metadata_is_found_with_where_it_came_from():
    extraction = extract(PAGE, path="page.html")
    assert extraction.found == {
        "title": "Address by Mira Orla at the Harbour Forum",
        "author": "Mira Orla",
        "source": "Ministry of Harbours of Orlan",
        "date": "2024-06-15",
    }
    assert set(extraction.origins) == set(extraction.found)
    assert extraction.extractor.startswith("trafilatura ")


def test_a_date_only_in_the_running_text_is_not_taken():
    page = PAGE.replace(b'content="2024-06-15T10:00:00+00:00"', b'content=""')
    page = page.replace(b'<p class="byline">', b'<p class="place">')
    page = page.replace(b'<time datetime="2024-06-15">15 June 2024</time>', b"")
    page = page.replace(b"speeches/2024-06-15-harbour-forum", b"speeches/harbour-forum")
    page = page.replace(b"<p>Friends", b"<p>On 3 March 2019 the council met.</p><p>Friends")
    assert "date" not in extract(page, path="page.html").found


def _page(body: str) -> bytes:
    return f"<!DOCTYPE html><html><head><title>T</title></head><body>{body}</body></html>".encode()


def test_a_short_page_is_refused_with_the_reason():
    with pytest.raises(
        CorpusError, match=rf"only \d+ words of main text \(fewer than {MIN_WORDS}\)"
    ):
        extract(_page("<main><p>Page not found. Go back to the home page.</p></main>"))


def test_a_login_wall_is_refused_with_the_reason():
    body = (
        "<main><p>Subscribers only. Sign in to read this statement.</p>"
        "<form><input type='text' name='user'><input type='password' name='pw'>"
        "<button>Log in</button></form></main>"
    )
    with pytest.raises(CorpusError, match="asks for a login"):
        extract(_page(body))


def test_a_page_of_links_is_refused_with_the_reason():
    links = "".join(
        f"<p><a href='/s/{n}'>Statement by the minister on the harbour question number {n}</a></p>"
        for n in range(30)
    )
    with pytest.raises(CorpusError, match="mostly links"):
        extract(_page(f"<main><article>{links}</article></main>"))


# --- PDF -----------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def pdf_bytes():
    pytest.importorskip("fpdf")
    return makers.make_pdf()


def pdf_text(data: bytes) -> str:
    from pdfminer.high_level import extract_text

    return extract_text(__import__("io").BytesIO(data))


def test_the_pdf_fixture_has_two_pages_headers_page_numbers_and_hyphens(pdf_bytes):
    raw = pdf_text(pdf_bytes)
    assert "Page 2 of 2" in raw and raw.count("Official transcript") == 2
    assert re.search(r"[a-z]-\n", raw), "the fixture should hyphenate some line ends"


def test_the_pdf_gives_the_speech_without_page_furniture(pdf_bytes):
    extraction = extract(pdf_bytes, path="speech.pdf")
    assert extraction.kind == "pdf"
    assert "Page 1" not in extraction.text and "Official transcript" not in extraction.text
    assert extraction.text == SPEECH
    assert extraction.found == {"title": "Address at the Harbour Forum"}
    assert "jsmith" in extraction.ignored["author"]


def test_the_committed_pdf_is_what_the_generator_writes(pdf_bytes):
    committed = extract((FIXTURES / "harbour-speech.pdf").read_bytes(), path="speech.pdf")
    assert committed.text == extract(pdf_bytes, path="speech.pdf").text


def test_hyphenation_is_repaired_but_compounds_keep_their_hyphen():
    from analysis.corpus.ingest.pdf import _dehyphenate

    assert (
        _dehyphenate("the commit-\nments of the coast-\nline") == "the commitments of the coastline"
    )
    assert _dehyphenate("multilateral-\nism, sover-\neignty") == "multilateralism, sovereignty"
    assert _dehyphenate("non-\ntraditional, anti-\nterrorism") == "non-traditional, anti-terrorism"
    assert _dehyphenate("Asia-\nPacific") == "Asia-Pacific"


def test_a_word_hyphenated_at_the_foot_of_a_column_is_rejoined():
    from analysis.corpus.ingest.pdf import _paragraphs

    assert _paragraphs(["We must be import-", "ant to them.", "Next."]) == [
        "We must be important to them.",
        "Next.",
    ]


def test_a_scanned_pdf_without_text_is_refused(tmp_path):
    fpdf = pytest.importorskip("fpdf")
    pdf = fpdf.FPDF()
    pdf.add_page()
    pdf.rect(10, 10, 50, 50)
    with pytest.raises(CorpusError, match="no text layer"):
        extract(bytes(pdf.output()), path="scan.pdf")


def test_a_damaged_pdf_is_one_clear_error(pdf_bytes):
    with pytest.raises(CorpusError, match="could not be read as a PDF"):
        extract(pdf_bytes[:400], path="broken.pdf")


# --- Word ----------------------------------------------------------------------------------------


def test_the_word_file_gives_the_body_and_its_title_not_header_footer_or_author():
    extraction = extract(makers.make_docx(), path="speech.docx")
    assert extraction.kind == "docx"
    assert extraction.text == SPEECH
    assert extraction.found == {"title": "Address at the Harbour Forum"}
    assert "jsmith" in extraction.ignored["author"]


def test_a_damaged_word_file_is_one_clear_error():
    data = makers.make_docx(["One."])
    broken = data.replace(b"word/document.xml", b"word/documenx.xml")
    with pytest.raises(CorpusError):
        extract(broken, path="broken.docx")


# --- no input crashes the extractor --------------------------------------------------------------


fuzz = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@fuzz
@given(st.binary(max_size=3000))
def test_no_bytes_crash_the_extractor(data):
    for name in ("x.txt", "x.html", "x.pdf", "x.docx", ""):
        try:
            result = extract(data, path=name)
        except CorpusError:
            continue
        assert result is None or isinstance(result.text, str)


@fuzz
@given(st.text(max_size=2000), st.sampled_from(["<p>", "<div>", "<a href='#'>", "<sup>", "<li>"]))
def test_no_page_crashes_the_extractor(text, tag):
    page = _page(f"<main>{tag}{text}</main>" * 3)
    try:
        extraction = extract(page, path="page.html")
    except CorpusError:
        return
    assert "\n\n\n" not in extraction.text and extraction.text.endswith("\n")


@fuzz
@given(st.binary(min_size=1, max_size=2000), st.integers(min_value=0, max_value=5000))
def test_no_damaged_pdf_crashes_the_extractor(noise, at):
    data = (FIXTURES / "harbour-speech.pdf").read_bytes()
    at = min(at, len(data))
    with contextlib.suppress(CorpusError):
        extract(data[:at] + noise + data[at + len(noise) :], path="x.pdf")
