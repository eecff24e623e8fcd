"""Every teaching notebook runs top to bottom on a fresh kernel on three corpora, and what it shows
passes sanity checks that hold on any corpus.

The corpora: the shipped one (one news commentary), the hand-written multi-document fixture
(``tests/fixtures/corpus_multi``) and the 124 benchmark speeches (``speech_corpus``; skipped when
``../shared/benchmark/`` is absent). Each (notebook, corpus) run is one test that executes the
notebook once and applies every check to the executed copy, so that the runs spread over both
workers and no run is repeated on another.

The checks read the executed notebook's outputs, never its sources:

1. no figure is wider or taller than the report's cap (:data:`analysis.plots._base.MAX_PIXELS`,
   read from the PNG header);
2. no invented name of the fixture corpus appears in a run on another corpus;
3. no speaker shown in a table is invented: at most six words, and on the speeches each is a
   document's ``speakers`` value, ``(saying)`` or a source named in the text;
4. no topic whose top terms are mostly salutations (``data/resources/salutations.txt``);
5. the over-time figures draw one point per document (and hue), counted on the drawn figure;
6. no cell error, traceback or warning in the outputs (tqdm's progress bars aside).

Checks 1-4 and 6 are applied to every run (2 only off the fixture corpus); 5 draws the figures on
each corpus. Each check is a helper with a unit test below on a made-up executed notebook, which
shows that it fails when its invariant is broken.
"""

import base64
import re
import struct
from io import StringIO
from pathlib import Path

import matplotlib.dates as mdates
import matplotlib.pyplot as plt
import pandas as pd
import pytest
from _speakers import too_long
from nbformat.v4 import new_code_cell, new_notebook, new_output

from analysis.plots._base import MAX_PIXELS
from analysis.report import find_notebooks, run_notebook

NOTEBOOKS = find_notebooks(Path(__file__).resolve().parents[1] / "notebooks")
# Notebook 06 adds this fictional page on purpose, on every corpus; it reuses three invented place
# names of the fixture corpus (Alvar, Dapo, Vell), which therefore prove no leak.
INGEST_EXAMPLE = Path(__file__).resolve().parent / "fixtures" / "ingest" / "harbour-speech.html"
CORPORA = ["shipped", "corpus_multi", "speeches"]
SAYING = "(saying)"
SPEAKER_COLUMNS = ("speaker", "sentence_speaker", "speakers")
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
# tqdm draws "45%|████▌     | 9/20 [00:01<00:02, 5.1it/s]"; nothing else on stderr is expected
TQDM_LINE = re.compile(r"^\s*(?:[^|\n]*:\s*)?\d+%\|.*\|\s*\d+/\d+\s*\[.*\]\s*$")


def cases(corpora=CORPORA):
    return [
        pytest.param(notebook, corpus, id=f"{notebook.stem}-{corpus}")
        for corpus in corpora
        for notebook in NOTEBOOKS
    ]


# ---------------------------------------------------------------- reading an executed notebook


def outputs(nb):
    """``(cell index, output)`` for every output of every code cell."""
    for index, cell in enumerate(nb.cells):
        for output in cell.get("outputs", []) if cell.cell_type == "code" else []:
            yield index, output


def output_text(output) -> str:
    """What a reader sees of an output as text: streams, plain text, HTML, Markdown, tracebacks."""
    if output.output_type == "stream":
        return output.text
    if output.output_type == "error":
        return "\n".join([f"{output.ename}: {output.evalue}", *output.traceback])
    data = output.get("data", {})
    return "\n".join(
        str(data[kind]) for kind in ("text/plain", "text/html", "text/markdown") if kind in data
    )


def png_size(data: bytes) -> tuple[int, int]:
    """Width and height in pixels from a PNG's IHDR chunk (bytes 16 to 24, big-endian)."""
    if data[:8] != PNG_SIGNATURE or data[12:16] != b"IHDR":
        raise ValueError("not a PNG file")
    return struct.unpack(">II", data[16:24])


def oversized_figures(nb, *, limit=MAX_PIXELS) -> list[str]:
    """Figures wider or taller than ``limit`` pixels, as ``"cell N: W x H px"``."""
    found = []
    for index, output in outputs(nb):
        png = output.get("data", {}).get("image/png")
        if png is not None:
            width, height = png_size(base64.b64decode(png))
            if width > limit or height > limit:
                found.append(f"cell {index}: {width} x {height} px")
    return found


def words_in_outputs(nb, words) -> list[str]:
    """The ``words`` that occur as whole words in any output (sources are not read)."""
    text = "\n".join(output_text(output) for _, output in outputs(nb))
    return [word for word in words if re.search(rf"\b{re.escape(word)}\b", text)]


def shown_tables(nb) -> list[pd.DataFrame]:
    """Every table an output shows as HTML (a DataFrame's rich display), as read back by pandas."""
    tables = []
    for _, output in outputs(nb):
        html = output.get("data", {}).get("text/html")
        if html and "<table" in html:
            tables.extend(pd.read_html(StringIO(str(html)), flavor="lxml"))
    return tables


def _column_name(column) -> str:
    # a DataFrame with a named index reads back with two header rows: the name is the first
    parts = column if isinstance(column, tuple) else (column,)
    return next((str(p) for p in parts if not str(p).startswith("Unnamed:")), "")


def shown_speakers(nb) -> list[str]:
    """Every speaker name in a speaker column of a shown table (a ``speakers`` cell split)."""
    names = []
    for table in shown_tables(nb):
        for column in table.columns:
            if _column_name(column) in SPEAKER_COLUMNS:
                for value in table[column].dropna().astype(str):
                    names.extend(n.strip() for n in value.split("; "))
    return [name for name in names if name not in {"", "<NA>", "NaN", "None", "..."}]


def invented_speakers(nb, *, known=None, text=None) -> list[str]:
    """Speakers shown that cannot be right: more than six words (unless naming a document) or,
    when ``known`` (the documents' speakers) and ``text`` (the corpus's text) are given, neither
    known, nor ``(saying)``, nor occurring in the text."""

    def unknown(name):
        return known is not None and name != SAYING and name not in known and name not in text

    names = sorted(set(shown_speakers(nb)))
    return [name for name in names if too_long(name) or unknown(name)]


def salutation_terms() -> frozenset[str]:
    """The salutation list's single words and the words of its phrases ("god", "bless" ...)."""
    from analysis.topics._vectorize import salutations

    words, phrases = salutations()
    return frozenset(words) | {word for phrase in phrases for word in phrase}


def salutation_topics(nb, *, terms=None) -> list[str]:
    """Topics of a shown top-terms table (``topic, term``) whose terms are mostly salutations."""
    terms = salutation_terms() if terms is None else terms
    found = []
    for table in shown_tables(nb):
        names = {_column_name(c): c for c in table.columns}
        if {"topic", "term"} <= set(names):
            for topic, part in table.groupby(names["topic"]):
                shown = part[names["term"]].astype(str).tolist()
                if sum(term in terms for term in shown) > len(shown) / 2:
                    found.append(f"topic {topic}: {', '.join(shown)}")
    return found


def errors_and_warnings(nb) -> list[str]:
    """Cell errors, tracebacks and warnings in the outputs; tqdm progress on stderr is allowed."""
    found = []
    for index, output in outputs(nb):
        text = output_text(output)
        if output.output_type == "error":
            found.append(f"cell {index}: {output.ename}: {output.evalue}")
        elif "Traceback (most recent call last)" in text:
            found.append(f"cell {index}: a traceback in the output")
        elif output.output_type == "stream" and output.name == "stderr":
            lines = [line for line in re.split(r"[\r\n]+", text) if line.strip()]
            noise = [line for line in lines if not TQDM_LINE.match(line)]
            if noise:
                found.append(f"cell {index}: stderr: {noise[0][:120]}")
        elif re.search(r"\b\w*Warning\b:", text):
            found.append(f"cell {index}: a warning in the output")
    return found


def points_per_series(ax) -> dict[str, list[float]]:
    """The x positions of the markers drawn on ``ax``, per line label (scatters as ``""``)."""
    drawn = {}
    for line in ax.get_lines():
        if line.get_marker() not in (None, "None", "", " "):
            drawn.setdefault(line.get_label(), []).extend(line.get_xydata()[:, 0].tolist())
    for collection in ax.collections:
        offsets = collection.get_offsets()
        if len(offsets):
            drawn.setdefault("", []).extend(offsets[:, 0].tolist())
    return drawn


def not_one_point_per_document(ax, table, *, y, hue=None) -> list[str]:
    """Series whose points are not exactly one per document of ``table`` with a date and a ``y``
    (per ``hue`` value)."""
    data = table.dropna(subset=["date", y])
    groups = data.groupby(hue, observed=True) if hue else [("", data)]
    expected = {
        str(value): sorted(mdates.date2num(part.drop_duplicates("doc_id")["date"]).tolist())
        for value, part in groups
    }
    drawn = {label: sorted(x) for label, x in points_per_series(ax).items()}
    problems = [f"{label}: drawn, but no such {hue}" for label in drawn if label not in expected]
    for label, dates in expected.items():
        if hue and label not in drawn:
            continue  # past MAX_GROUPS hue values the figure leaves some out, and says so
        if drawn.get(label, []) != pytest.approx(dates):
            n_drawn = len(drawn.get(label, []))
            problems.append(f"{label or 'points'}: {n_drawn} drawn for {len(dates)} documents")
    return problems


# ---------------------------------------------------------------- running each notebook once


def corpus_folder(corpus, request):
    if corpus == "shipped":
        return None
    if corpus == "corpus_multi":
        return request.getfixturevalue("corpus_multi")
    return request.getfixturevalue("speech_corpus").path


def speaker_reference(corpus, request) -> dict:
    """What a speaker shown on this corpus may be: on the speeches, a document's ``speakers``
    value or a name in the text; elsewhere only the length is checked."""
    if corpus != "speeches":
        return {}
    documents = request.getfixturevalue("speech_corpus").documents
    known = {name for value in documents["speakers"].dropna() for name in value.split("; ")}
    return {"known": known, "text": " ".join(" ".join(documents["text"]).split())}


@pytest.mark.notebook
@pytest.mark.parametrize(("notebook", "corpus"), cases())
def test_notebook_runs_and_shows_nothing_impossible(notebook, corpus, request, tmp_path):
    folder = corpus_folder(corpus, request)
    executed = run_notebook(notebook, out_path=tmp_path / notebook.name, corpus=folder)
    assert executed.metadata.papermill.parameters == {
        "CORPUS": None if folder is None else str(Path(folder).resolve())
    }
    speakers = invented_speakers(executed, **speaker_reference(corpus, request))
    found = {
        "figures over the size cap": oversized_figures(executed),
        "errors, tracebacks or warnings": errors_and_warnings(executed),
        "invented speakers": speakers,
        "topics made of salutations": salutation_topics(executed),
    }
    if corpus != "corpus_multi":
        found["words of the fixture corpus"] = words_in_outputs(
            executed, leak_markers(request.getfixturevalue("fixture_names"))
        )
    assert {check: items for check, items in found.items() if items} == {}


def leak_markers(fixture_names) -> list[str]:
    """The fixture corpus's invented names that no notebook shows on purpose."""
    example = INGEST_EXAMPLE.read_text("utf-8")
    names = [name for name in fixture_names if not re.search(rf"\b{name}\b", example)]
    assert len(names) >= 3  # the check still has the fixture's own invented names to look for
    return names


@pytest.mark.notebook
@pytest.mark.parametrize("corpus", CORPORA)
def test_over_time_figures_draw_one_point_per_document(corpus, request):
    """The figures of notebooks 03 and 06 whose titles and prose say "one point per document",
    drawn as those notebooks draw them, on the same corpus."""
    import analysis
    from analysis.plots import comparison as comparison_plots
    from analysis.plots import sentiment as sentiment_plots

    loaded = {
        "shipped": "seed_corpus",
        "corpus_multi": "multi_corpus",
        "speeches": "speech_corpus",
    }
    corpus = request.getfixturevalue(loaded[corpus])
    scored = analysis.sentence_sentiment(corpus.sentences)
    dates = corpus.documents[["doc_id", "title", "date"]]
    by_document = analysis.sentiment_summary(scored, by="document").merge(dates, on="doc_id")
    by_voice = analysis.over_time(
        analysis.sentiment_summary(scored, by=["document", "voice"]), corpus
    )
    modality = analysis.over_time(
        analysis.discourse_features(corpus, features="modality").by_document, corpus
    )
    try:
        ax = sentiment_plots.sentiment_over_time(by_document)
        assert not_one_point_per_document(ax, by_document, y="mean_compound") == []
        ax = comparison_plots.over_time(by_voice, y="mean_compound", hue="voice")
        assert not_one_point_per_document(ax, by_voice, y="mean_compound", hue="voice") == []
        ax = comparison_plots.over_time(modality, y="per_1k", hue="category")
        assert not_one_point_per_document(ax, modality, y="per_1k", hue="category") == []
    finally:
        plt.close("all")


# ---------------------------------------------------------------- the checks fail when broken


def made_up(*outputs_of_cells):
    """An executed notebook with one code cell per argument (a list of outputs each)."""
    return new_notebook(cells=[new_code_cell("x", outputs=list(cell)) for cell in outputs_of_cells])


def png_output(width, height):
    header = PNG_SIGNATURE + struct.pack(">I4sII", 13, b"IHDR", width, height) + b"\x08\x06\0\0\0"
    return new_output(
        "display_data", data={"image/png": base64.b64encode(header).decode(), "text/plain": "F"}
    )


def table_output(table):
    return new_output(
        "execute_result",
        data={"text/html": table.to_html(), "text/plain": table.to_string()},
        execution_count=1,
    )


def test_png_size_reads_the_header():
    assert png_size(base64.b64decode(png_output(640, 480).data["image/png"])) == (640, 480)
    with pytest.raises(ValueError, match="not a PNG"):
        png_size(b"GIF89a" + bytes(20))


def test_a_figure_over_the_cap_is_found():
    nb = made_up([png_output(2000, 2000)], [png_output(2001, 300), png_output(300, 2400)])
    assert oversized_figures(nb) == ["cell 1: 2001 x 300 px", "cell 1: 300 x 2400 px"]
    assert oversized_figures(made_up([png_output(2000, 1999)])) == []


def test_a_fixture_word_in_an_output_is_found_but_not_in_a_source(fixture_names):
    name = fixture_names[0]
    nb = made_up([new_output("stream", name="stdout", text=f"speech by {name}.\n")])
    assert words_in_outputs(nb, fixture_names) == [name]
    quiet = made_up([])
    quiet.cells[0].source = f"# {name}"
    assert words_in_outputs(quiet, fixture_names) == []
    # a longer word that contains the name is not the name
    nb = made_up([new_output("stream", name="stdout", text=f"{name}ian\n")])
    assert words_in_outputs(nb, [name]) == []


def test_an_invented_speaker_is_found():
    table = pd.DataFrame(
        {
            "sentence_id": [1, 2, 3, 4, 5],
            "voice": ["author", "quote", "quote", "reported", "reported"],
            "speaker": [pd.NA, "Lincoln", SAYING, "the committee on the state of the union", "Jo"],
        }
    )
    nb = made_up([table_output(table)])
    assert invented_speakers(nb) == ["the committee on the state of the union"]
    # on a corpus whose documents and text are known, "Jo" is neither a speaker nor in the text
    text = "As Lincoln said, the committee on the state of the union met."
    assert invented_speakers(nb, known={"Lincoln"}, text=text) == [
        "Jo",
        "the committee on the state of the union",
    ]
    # a document's "speakers" cell holds several names
    documents = pd.DataFrame({"doc_id": ["a"], "speakers": ["Lincoln; Jo"]})
    assert invented_speakers(made_up([table_output(documents)]), known={"Lincoln"}, text="") == [
        "Jo"
    ]


def test_a_topic_made_of_salutations_is_found():
    top = pd.DataFrame(
        {
            "topic": [1, 1, 1, 1, 2, 2, 2, 2],
            "rank": [1, 2, 3, 4, 1, 2, 3, 4],
            "term": ["god", "bless", "thank", "war", "grain", "ports", "congress", "exports"],
        }
    )
    assert salutation_topics(made_up([table_output(top)])) == ["topic 1: god, bless, thank, war"]
    # half is not most
    half = top.assign(term=["god", "bless", "river", "war", *top["term"][4:]])
    assert salutation_topics(made_up([table_output(half)])) == []


def test_an_error_a_traceback_or_a_warning_is_found():
    error = new_output("error", ename="KeyError", evalue="'speaker'", traceback=["..."])
    warning = new_output(
        "stream", name="stderr", text="/x.py:3: FutureWarning: the default will change\n"
    )
    progress = new_output(
        "stream", name="stderr", text="load:  45%|████▌     | 9/20 [00:01<00:02, 5.1it/s]\r"
    )
    printed = new_output("stream", name="stdout", text="Traceback (most recent call last):\n")
    shown = new_output("display_data", data={"text/plain": "UserWarning: 3 documents have no date"})
    nb = made_up([error], [warning], [progress], [printed], [shown])
    assert errors_and_warnings(nb) == [
        "cell 0: KeyError: 'speaker'",
        "cell 1: stderr: /x.py:3: FutureWarning: the default will change",
        "cell 3: a traceback in the output",
        "cell 4: a warning in the output",
    ]
    assert errors_and_warnings(made_up([progress])) == []


def test_a_missing_or_repeated_point_is_found():
    table = pd.DataFrame(
        {
            "doc_id": ["a", "b", "c", "d"],
            "date": pd.to_datetime(["2001-01-20", "2005-01-20", "2009-01-20", None]),
            "voice": ["author", "author", "quote", "author"],
            "y": [0.1, 0.2, 0.3, 0.4],
        }
    )
    fig, ax = plt.subplots()
    try:
        author = table[table["voice"] == "author"].dropna()
        ax.plot(author["date"], author["y"], marker="o", label="author")
        ax.plot(table["date"][2:3], table["y"][2:3], marker="o", label="quote")
        assert not_one_point_per_document(ax, table, y="y", hue="voice") == []
        ax.plot(table["date"][:1], table["y"][:1], marker="o", label="quote")
        assert not_one_point_per_document(ax, table, y="y", hue="voice") == [
            "quote: 2 drawn for 1 documents"
        ]
        ax.cla()
        ax.scatter(table["date"][:2], table["y"][:2])
        assert not_one_point_per_document(ax, table, y="y") == ["points: 2 drawn for 3 documents"]
    finally:
        plt.close(fig)


def test_a_document_named_at_length_is_not_an_invented_speaker():
    table = pd.DataFrame({"speaker": ["the outcome document of this year’s summit in Tashkent"]})
    assert invented_speakers(made_up([table_output(table)])) == []
