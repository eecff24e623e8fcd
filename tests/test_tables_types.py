"""The token table when the tokeniser forgets its token types between documents."""

import pandas as pd

from analysis.corpus import store
from analysis.corpus.tables import build_tables
from analysis.corpus.tokens import TYPES


def test_forgetting_the_token_types_mid_run_changes_no_table(multi_corpus, monkeypatch):
    rows = multi_corpus.documents.to_dict("records")
    texts = {row["doc_id"]: row["text"] for row in rows}
    metadata = {row["doc_id"]: store.voice_metadata(row) for row in rows}
    expected = build_tables(texts, n_jobs=1, metadata=metadata)
    # every document now starts with no known types: the run's codes must not reuse stale ids
    monkeypatch.setattr(TYPES, "LIMIT", 1)
    actual = build_tables(texts, n_jobs=1, metadata=metadata)
    for got, want in zip(actual, expected, strict=True):
        pd.testing.assert_frame_equal(got, want)
