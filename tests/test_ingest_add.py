"""Adding speeches from web pages, PDFs, Word files and URLs: metadata, provenance, the CLI."""

import csv
import json
import shutil
import subprocess
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from _files import snapshot

from analysis.corpus import add_documents, load_corpus, validate_corpus
from analysis.corpus.files import sha256
from analysis.corpus.ingest import reextract
from analysis.corpus.metadata import make_doc_id
from analysis.errors import CorpusError

FIXTURES = Path(__file__).parent / "fixtures" / "ingest"
PAGE = FIXTURES / "harbour-speech.html"
SPEECH = (FIXTURES / "harbour-speech.txt").read_text("utf-8")
PAGE_ID = "2024-06-15-orla-harbour-forum"


@pytest.fixture
def corpus(tmp_path, corpus_multi):
    return shutil.copytree(corpus_multi, tmp_path / "corpus")


@pytest.fixture
def page(tmp_path):
    return Path(shutil.copy(PAGE, tmp_path / "harbour-speech.html"))


def test_a_saved_page_is_added_with_the_metadata_it_states(corpus, page):
    lines = []
    added = add_documents([page], [{"speaker": "Mira Orla"}], corpus=corpus, log=lines.append)
    assert added == [PAGE_ID]
    row = load_corpus(corpus).documents.set_index("doc_id").loc[PAGE_ID]
    assert row["title"] == "Address by Mira Orla at the Harbour Forum"
    assert row["date"].strftime("%Y-%m-%d") == "2024-06-15"
    assert (row["author"], row["source"]) == ("Mira Orla", "Ministry of Harbours of Orlan")
    assert (corpus / "texts" / f"{PAGE_ID}.txt").read_text("utf-8") == SPEECH
    assert any("title 'Address by Mira Orla at the Harbour Forum' taken from" in x for x in lines)
    assert "trafilatura" in row["notes"]


def test_a_field_the_user_gives_always_wins(corpus, page):
    meta = {"speaker": "Mira Orla", "title": "Opening address", "date": "2031-06-14"}
    lines = []
    [doc_id] = add_documents([page], [meta], corpus=corpus, log=lines.append)
    row = load_corpus(corpus).documents.set_index("doc_id").loc[doc_id]
    assert (row["title"], row["date"].strftime("%Y-%m-%d")) == ("Opening address", "2031-06-14")
    assert not any("title" in line or "date" in line for line in lines if "taken" in line)


def test_the_original_and_its_provenance_are_kept_and_validated(corpus, page):
    [doc_id] = add_documents([page], [{"speaker": "Mira Orla"}], corpus=corpus)
    record = json.loads((corpus / "sources" / f"{doc_id}.json").read_text("utf-8"))
    original = corpus / "sources" / record["original"]
    assert original.read_bytes() == PAGE.read_bytes()
    assert record["original_sha256"] == sha256(PAGE.read_bytes())
    assert record["text_sha256"] == sha256(SPEECH.encode())
    assert record["file"] == "harbour-speech.html" and record["url"] is None
    assert record["fields"]["date"] == {
        "value": "2024-06-15",
        "from": "the page's date markup (<meta>, JSON-LD, <time> or a byline)",
    }
    assert validate_corpus(corpus).ok
    assert reextract(doc_id, corpus=corpus).text == SPEECH
    original.write_bytes(original.read_bytes() + b"<!-- edited -->")
    problems = validate_corpus(corpus).problems
    assert len(problems) == 1 and "has changed since it was added" in problems[0]


def test_a_missing_required_field_says_the_source_states_none(corpus, page):
    before = snapshot(corpus)
    with pytest.raises(CorpusError, match=r"speaker: is required \(give --speaker; a web page"):
        add_documents([page], [{}], corpus=corpus)
    assert snapshot(corpus) == before


def test_a_pdf_and_a_word_file_are_added_together(corpus, tmp_path):
    pytest.importorskip("fpdf")
    spec = __import__("importlib.util").util.spec_from_file_location(
        "make_fixtures", FIXTURES / "make_fixtures.py"
    )
    makers = __import__("importlib.util").util.module_from_spec(spec)
    spec.loader.exec_module(makers)
    pdf = tmp_path / "speech.pdf"
    pdf.write_bytes(makers.make_pdf())
    docx = tmp_path / "other.docx"
    docx.write_bytes(makers.make_docx(SPEECH.split("\n\n")[:3]))
    meta = {"speaker": "Mira Orla", "date": "2024-06-15"}
    added = add_documents([pdf, docx], [meta, meta], corpus=corpus)
    assert added == [PAGE_ID, f"{PAGE_ID}-2"]  # automatic ids stay unique
    assert (corpus / "sources" / f"{PAGE_ID}.pdf").is_file()
    assert (corpus / "sources" / f"{PAGE_ID}-2.docx").is_file()
    assert validate_corpus(corpus).ok


def test_an_orphan_provenance_file_is_a_warning(corpus, page):
    [_doc_id] = add_documents([page], [{"speaker": "Mira Orla"}], corpus=corpus)
    (corpus / "sources" / "stray.pdf").write_bytes(b"%PDF-1.4")
    result = validate_corpus(corpus)
    assert result.ok and any("stray.pdf" in warning for warning in result.warnings)


# --- readable ids --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("speaker", "title", "expected"),
    [
        (
            "Xi Jinping",
            "Address at the 20th Meeting of the Council of Heads of State of the SCO",
            "2020-11-10-xi-sco-council-heads-state",
        ),
        (
            "President Joseph R. Biden Jr.",
            "Remarks on the U.S. Economy",
            "2020-11-10-biden-us-economy",
        ),
        (
            "Ursula von der Leyen",
            "State of the Union Address",
            "2020-11-10-von-der-leyen-state-union",
        ),
        ("", "", "2020-11-10"),
    ],
)
def test_automatic_ids_are_readable(speaker, title, expected):
    assert make_doc_id(date="2020-11-10", speaker=speaker, title=title) == expected


def test_existing_ids_are_not_renamed(corpus, page):
    before = {row["doc_id"] for row in csv.DictReader((corpus / "metadata.csv").open())}
    add_documents([page], [{"speaker": "Mira Orla"}], corpus=corpus)
    after = {row["doc_id"] for row in csv.DictReader((corpus / "metadata.csv").open())}
    assert before < after and after - before == {PAGE_ID}


# --- the command line ----------------------------------------------------------------------------


def run(*args, cwd=None):
    return subprocess.run(
        [sys.executable, "-m", "analysis", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        timeout=300,
    )


@pytest.mark.e2e
def test_add_a_saved_page_prints_what_it_took_from_where(corpus, page):
    result = run("add", str(page), "--speaker", "Mira Orla", "--corpus", str(corpus))
    assert result.returncode == 0, result.stderr
    assert f"added {PAGE_ID}" in result.stdout
    assert "date '2024-06-15' taken from the page's date markup" in result.stdout


@pytest.mark.e2e
def test_add_with_only_a_metadata_table_reads_its_file_and_url_columns(corpus, tmp_path, page):
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args):
            pass

        def do_GET(self):
            body = PAGE.read_bytes().replace(b"Harbour Forum", b"Harbour Council")
            body = body.replace(b"grey morning", b"bright morning")
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{httpd.server_address[1]}/speech"
    (tmp_path / "plain.txt").write_text("Friends, we meet again.\n\nWe must act together.\n")
    table = tmp_path / "speeches.csv"
    table.write_text(
        "file,url,speaker,title,date\n"
        "plain.txt,,Aldo Marren,A short speech,2022-05-01\n"
        f",{url},Mira Orla,,\n"
        "harbour-speech.html,,Mira Orla,,\n"
    )
    try:
        result = run("add", "--metadata", str(table), "--corpus", str(corpus))
    finally:
        httpd.shutdown()
        httpd.server_close()
    # The fetched page states the same date and title words, and a different text: both added.
    assert result.returncode == 0, result.stderr
    assert result.stdout.count("added ") == 3
    record = json.loads((corpus / "sources" / "2024-06-15-orla-harbour-council.json").read_text())
    assert record["url"] == url and record["retrieved"].endswith("Z")


@pytest.mark.e2e
def test_an_impossible_date_is_named_as_such(corpus, page):
    result = run(
        "add", str(page), "--speaker", "X Y", "--date", "2021-02-30", "--corpus", str(corpus)
    )
    assert result.returncode == 2
    assert "has the right form but is not a calendar date" in result.stderr


@pytest.mark.e2e
def test_the_main_help_shows_no_markup():
    result = run("--help")
    assert result.returncode == 0 and "``" not in result.stdout


@pytest.mark.e2e
def test_report_with_a_missing_corpus_exits_2(tmp_path):
    result = run("report", "--corpus", str(tmp_path / "nowhere"), "--out", str(tmp_path / "out"))
    assert result.returncode == 2
    assert "corpus folder not found" in result.stderr and "Traceback" not in result.stderr


@pytest.mark.e2e
def test_add_without_files_or_table_says_what_to_give(corpus):
    result = run("add", "--corpus", str(corpus))
    assert result.returncode == 2 and "give a FILE or URL" in result.stderr
