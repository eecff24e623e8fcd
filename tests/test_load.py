"""The documents table of a loaded corpus (analysis.corpus.load._documents_frame)."""

import datetime as dt
import warnings

import pandas as pd
from hypothesis import given
from hypothesis import strategies as st

from analysis.corpus.files import body_of, check_folder
from analysis.corpus.language import detect_language
from analysis.corpus.load import _documents_frame
from analysis.corpus.metadata import FIELDS
from analysis.corpus.naming import short_titles


def _straightforward_frame(rows, texts) -> pd.DataFrame:
    """The documents table built record by record and converted by pandas (the reference)."""
    records = []
    for row in sorted(rows, key=lambda row: row["doc_id"]):
        body, body_start = body_of(texts[row["doc_id"]], int(row["header_lines"]))
        language = row["language"] or detect_language(body)
        records.append({**row, "language": language, "text": body, "body_start": body_start})
    columns = [*FIELDS, "text", "body_start"]
    documents = pd.DataFrame.from_records(records, columns=columns)
    documents["short_title"] = short_titles(
        documents["title"], documents["date"], documents["doc_id"]
    )
    documents["date"] = pd.to_datetime(documents["date"].replace("", None), format="%Y-%m-%d")
    documents["header_lines"] = documents["header_lines"].astype("int64")
    documents["body_start"] = documents["body_start"].astype("int64")
    text_columns = [
        c for c in [*columns, "short_title"] if c not in ("date", "header_lines", "body_start")
    ]
    documents[text_columns] = documents[text_columns].astype("str")
    return documents


def _assert_same_frame(rows, texts):
    expected = _straightforward_frame(rows, texts)
    documents = _documents_frame(rows, texts)
    pd.testing.assert_frame_equal(documents, expected, check_exact=True)
    assert documents.dtypes.to_dict() == expected.dtypes.to_dict()
    assert documents.columns.equals(expected.columns)


def test_the_fixture_corpus_gives_the_straightforward_frame(corpus_multi):
    rows, texts, problems, _ = check_folder(corpus_multi)
    assert rows and not problems
    _assert_same_frame(rows, texts)


def test_no_documents_give_the_straightforward_empty_frame():
    _assert_same_frame([], {})


_DAY = st.dates(dt.date(1000, 1, 1))  # metadata dates have four-digit years
_VALUE = st.text(st.characters(exclude_categories=("Cs",)), max_size=12)
_ROW = st.fixed_dictionaries(
    {
        **{field: _VALUE for field in FIELDS},
        "date": st.one_of(st.just(""), _DAY.map(lambda day: f"{day:%Y-%m-%d}")),
        "language": st.sampled_from(["", "en", "zh"]),
        "header_lines": st.integers(0, 4).map(str),
        "text": st.text(st.sampled_from(list("ab .\n\t\u00a0\u2003é中")), max_size=60),
    }
)


@given(st.lists(_ROW, max_size=6))
def test_any_rows_give_the_straightforward_frame(drawn):
    rows, texts = [], {}
    for number, row in enumerate(drawn):
        doc_id = f"d{number}"
        rows.append({**{f: row[f] for f in FIELDS}, "doc_id": doc_id})
        texts[doc_id] = row["text"]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # pandas may warn that it parses dates one by one
        _assert_same_frame(rows[::-1], texts)
