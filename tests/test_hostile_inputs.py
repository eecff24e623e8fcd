"""What a hostile or clumsy user can give `add`, `validate` and the API: refused in one line, or
stored so that it reads back exactly (issue 14)."""

import codecs
import shutil
import warnings

import pandas as pd
import pytest
from _files import snapshot
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from analysis.__main__ import main
from analysis.corpus import add_documents, load_corpus, validate_corpus
from analysis.errors import CorpusError

SPEECH = "Friends, we meet again.\n\nWe must act together, and we will.\n"
OPTIONS = ["--title", "T", "--speaker", "Aldo Marren", "--date", "2022-04-01"]


@pytest.fixture
def corpus(tmp_path, corpus_multi):
    return shutil.copytree(corpus_multi, tmp_path / "corpus")


def cli(capsys, *args):
    code = main([str(arg) for arg in args])
    out, err = capsys.readouterr()
    return code, out, err


def refused_in_one_line(capsys, corpus, *args, message):
    before = snapshot(corpus)
    code, _, err = cli(capsys, *args, "--corpus", corpus)
    assert code == 2, err
    assert len(err.strip().splitlines()) == 1 and err.startswith("error: "), err
    assert message in err, err
    assert snapshot(corpus) == before


def write(path, data):
    path.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
    return path


@pytest.mark.parametrize(
    ("options", "message"),
    [
        (["--speaker", "Xi\rJinping"], "speakers: holds a control character (U+000D"),
        (["--title", "A\u2028B"], "title: holds a control character (U+2028"),
        (["--title", '=HYPERLINK("http://x")'], "title: starts with '='"),
        (["--source", "=cmd|' /C calc'!A0"], "source: starts with '='"),
        (["--notes", "@SUM(1+1)"], "notes: starts with '@'"),
        (["--id", "con"], "doc_id: 'con' is a device name on Windows"),
        (["--header-lines", "\u00b2"], "header_lines: '²' must be a whole number"),
        (["--header-lines", "9" * 20], "must be a whole number of lines, 0 to 999999"),
        (["--encoding", "base64"], "encoding: 'base64' is not a text encoding"),
        (["--encoding", "rot13"], "encoding: 'rot13' is not a text encoding"),
        (["--encoding", "hex"], "encoding: 'hex' is not a text encoding"),
        (["--language", "English!"], "language: 'English!' is not a language tag"),
    ],
    ids=lambda value: repr(value)[:30],
)
def test_bad_options_are_refused_in_one_line(capsys, corpus, tmp_path, options, message):
    speech = write(tmp_path / "speech.txt", SPEECH)
    given_flags = set(options[::2])
    base = []
    for flag, value in zip(OPTIONS[::2], OPTIONS[1::2], strict=True):
        if flag not in given_flags:
            base += [flag, value]
    refused_in_one_line(capsys, corpus, "add", speech, *base, *options, message=message)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (SPEECH.encode() * 400 + b"\x00 tail", "holds a NUL character"),
        (codecs.BOM_UTF16_LE + SPEECH.encode("utf-16-le"), "pass --encoding utf-16"),
    ],
    ids=["nul-after-8k", "utf16-without-encoding"],
)
def test_bad_files_are_refused(capsys, corpus, tmp_path, data, message):
    speech = write(tmp_path / "speech.txt", data)
    refused_in_one_line(capsys, corpus, "add", speech, *OPTIONS, message=message)


def test_a_symbolic_link_is_refused(capsys, corpus, tmp_path):
    target = write(tmp_path / "real.txt", SPEECH)
    (tmp_path / "link.txt").symlink_to(target)
    refused_in_one_line(
        capsys, corpus, "add", tmp_path / "link.txt", *OPTIONS, message="is a symbolic link"
    )


def test_utf16_with_its_encoding_is_added(capsys, corpus, tmp_path):
    speech = write(tmp_path / "speech.txt", SPEECH.encode("utf-16"))
    code, out, err = cli(
        capsys, "add", speech, *OPTIONS, "--encoding", "utf-16", "--corpus", corpus
    )
    assert code == 0, err
    document = load_corpus(corpus).documents.set_index("doc_id").loc[out.split()[1]]
    assert document["text"] == SPEECH.strip()
    assert "Transcoded from utf-16 to UTF-8" in document["notes"]


def test_a_utf8_byte_order_mark_is_removed_with_a_note(capsys, corpus, tmp_path):
    speech = write(tmp_path / "speech.txt", codecs.BOM_UTF8 + SPEECH.encode())
    code, out, err = cli(capsys, "add", speech, *OPTIONS, "--corpus", corpus)
    assert code == 0, err
    notes = load_corpus(corpus).documents.set_index("doc_id").loc[out.split()[1], "notes"]
    assert notes == "UTF-8 byte-order mark removed when added."


def table_case(tmp_path, text):
    for name in ("one", "two"):
        write(tmp_path / f"{name}.txt", f"The {name} speech. We must act and we will.")
    return write(tmp_path / "table.csv", text)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            "file,title,speaker,date\none.txt,A,B,2022-01-01,extra\ntwo.txt,C,D,2022-01-02\n",
            "line 2 is malformed: it has 5 values but the header has 4 columns",
        ),
        (
            "file,title,speaker,date\none.txt,A,B,2022-01-01\ntwo.txt,C\n",
            "line 3 is malformed: it has 2 values",
        ),
        (
            "file,title,speaker,date\none.txt,A,B,2022-01-01\ntwo.txt,C,D,2022-01-02\n"
            "one.txt,E,F,2022-01-03\n",
            "lines 2 and 4 both describe one.txt",
        ),
        (
            'file,title,speaker,date\none.txt,"A\rB",B,2022-01-01\ntwo.txt,C,D,2022-01-02\n',
            "title: holds a control character (U+000D",
        ),
        (
            "file,title,speaker,date\none.txt,A,B,2022-01-01\ntwo.txt,=1+1,D,2022-01-02\n",
            "title: starts with '='",
        ),
        (
            "title,speaker,date\nA,B,2022-01-01\n",
            "needs a 'file' column (files relative to the table) or a 'url' column",
        ),
        ("file,title,title\n", "column(s) title appear twice"),
        ('file,title\n"one.txt,A\n', "is not valid CSV"),
    ],
    ids=[
        "more-values",
        "fewer-values",
        "duplicate-row",
        "cr",
        "formula",
        "no-file",
        "twice",
        "quote",
    ],
)
def test_bad_metadata_tables_are_refused(capsys, corpus, tmp_path, text, message):
    table = table_case(tmp_path, text)
    files = [tmp_path / "one.txt", tmp_path / "two.txt"]
    refused_in_one_line(capsys, corpus, "add", *files, "--metadata", table, message=message)


def test_a_table_saved_with_a_byte_order_mark_is_read(capsys, corpus, tmp_path):
    text = "file,title,speaker,date\none.txt,A,Aldo Marren,2022-01-01\n"
    table = table_case(tmp_path, "")
    write(table, codecs.BOM_UTF8 + text.encode())
    code, _, err = cli(capsys, "add", tmp_path / "one.txt", "--metadata", table, "--corpus", corpus)
    assert code == 0, err


@pytest.mark.parametrize(
    ("header_lines", "message"),
    [
        ("\u00b2", "header_lines: '²' must be a whole number"),
        ("9" * 20, "must be a whole number of lines, 0 to 999999"),
        ("40", "header_lines: leaves no body text"),
    ],
)
def test_bad_header_lines_in_metadata_csv_are_problems(corpus, header_lines, message):
    metadata = corpus / "metadata.csv"
    lines = metadata.read_text("utf-8").splitlines()
    lines[1] = lines[1].replace(",1,5bbeb", f",{header_lines},5bbeb")
    metadata.write_text("\n".join(lines) + "\n", "utf-8")
    assert any(message in problem for problem in validate_corpus(corpus).problems)
    with pytest.raises(CorpusError, match=message.replace("(", r"\(")):
        load_corpus(corpus)


def test_a_metadata_csv_with_a_byte_order_mark_and_no_language_column_loads(corpus):
    metadata = corpus / "metadata.csv"
    frame = pd.read_csv(metadata, dtype=str, keep_default_na=False).drop(columns="language")
    metadata.write_bytes(codecs.BOM_UTF8 + frame.to_csv(index=False).encode())
    documents = load_corpus(corpus).documents
    assert (documents["language"] == "en").all()


def test_api_messages_say_what_to_pass(tmp_path):
    import analysis

    with pytest.raises(TypeError, match=r"expected a Corpus \(analysis.load_corpus\(\)\)"):
        analysis.trace_quotes(pd.DataFrame())
    with pytest.raises(TypeError, match="target: expected a pandas DataFrame"):
        analysis.keyness(None, ["a", "b"])
    with pytest.raises(TypeError, match="path=123 must be a corpus folder"):
        analysis.load_corpus(123)


def test_chinese_is_recorded_and_named_as_not_english(capsys, corpus, tmp_path):
    speech = write(
        tmp_path / "zh.txt", "坚持共同、综合、合作、可持续的安全观，维护地区安全稳定。" * 3
    )
    code, out, err = cli(capsys, "add", speech, *OPTIONS, "--corpus", corpus)
    assert code == 0
    assert err.startswith("warning: ") and "(zh): mostly not English" in err
    with pytest.warns(UserWarning, match=r"\(zh\): mostly not English"):
        documents = load_corpus(corpus).documents
    assert documents.set_index("doc_id").loc[out.split()[1], "language"] == "zh"


def test_a_quotation_with_two_dollar_amounts_is_drawn_as_text():
    import matplotlib

    matplotlib.use("Agg")
    from analysis.plots.comparison import quote_similarity

    traced = pd.DataFrame(
        {
            "doc_id": ["a"],
            "quote_id": [1],
            "quote": ["Aid of $10 billion ... and $3 billion"],
            "match": ["not found"],
            "similarity": [None],
        }
    )
    ax = quote_similarity(traced)
    ax.figure.canvas.draw()  # mathtext would raise a ParseException here
    assert "$10 billion" in ax.get_yticklabels()[0].get_text().replace("\\", "")


# Every field, any Unicode: refused in one line, or stored and read back as given (stripped).
FIELD_NAMES = ["title", "speaker", "author", "event", "genre", "source", "licence", "notes"]


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    field=st.sampled_from(FIELD_NAMES),
    value=st.one_of(
        st.text(min_size=1, max_size=40),
        st.text(
            alphabet=st.sampled_from("a \r\n\t\x00\x1b\x85\u2028\u2029\ufeff=,\"'"), max_size=20
        ),
        st.text(alphabet=st.characters(codec="utf-8"), min_size=2000, max_size=3000),
    ),
)
def test_any_metadata_value_is_refused_or_round_trips(tmp_path_factory, corpus_multi, field, value):
    corpus = shutil.copytree(corpus_multi, tmp_path_factory.mktemp("c") / "corpus")
    speech = write(corpus.parent / "speech.txt", SPEECH)
    meta = {"title": "T", "speaker": "Aldo Marren", "date": "2022-04-01", field: value}
    before = snapshot(corpus)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", UserWarning)
            (doc_id,) = add_documents([speech], [meta], corpus=corpus)
    except CorpusError as error:
        assert "\n" not in str(error) and "\r" not in str(error)
        assert snapshot(corpus) == before
        return
    assert validate_corpus(corpus).ok
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)
        documents = load_corpus(corpus).documents.set_index("doc_id")
    column = "speakers" if field == "speaker" else field
    expected = value.strip() or {"speaker": "Aldo Marren"}.get(field, "")
    assert documents.loc[doc_id, column] == expected


_NEAR_MOJIBAKE = list("ab \n’\ufffdâ€Ã\u0080\u00a9Â\u00a0\u00bf\u00c0")


@given(st.text(alphabet=st.sampled_from(_NEAR_MOJIBAKE), max_size=40))
def test_the_mojibake_check_refuses_exactly_what_its_pattern_finds(text):
    from analysis.corpus.files import _MOJIBAKE_RE, decode_text

    data = ("x " + text).encode("utf-8")
    if _MOJIBAKE_RE.search("x " + text):
        with pytest.raises(CorpusError, match="looks mis-encoded"):
            decode_text(data, path="t.txt")
    else:
        assert decode_text(data, path="t.txt") == "x " + text
