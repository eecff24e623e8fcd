"""The compact form of the tables: what the store keeps and what ``frame`` reads without copying."""

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pytest
from hypothesis import given
from hypothesis import strategies as st

from analysis.corpus import store
from analysis.corpus.tables import (
    SCHEMAS,
    build_arrow_tables,
    compact,
    concat_compact,
    frame,
    is_compact_schema,
)


@pytest.fixture(scope="module")
def built(multi_corpus):
    rows = multi_corpus.documents.to_dict("records")
    texts = {row["doc_id"]: row["text"] for row in rows}
    metadata = {row["doc_id"]: store.voice_metadata(row) for row in rows}
    return build_arrow_tables(texts, n_jobs=1, metadata=metadata)


def test_built_tables_are_compact_and_compacting_again_changes_nothing(built):
    for name, table in built.items():
        assert is_compact_schema(table.schema, name)
        again = compact(table)
        assert again.equals(table)
    tokens = built["tokens"]
    assert tokens.schema.field("token_id").type == pa.int16()
    assert tokens.schema.field("doc_id").type.index_type == pa.int8()  # six documents
    for column in ("doc_id", "token", "norm", "speaker"):
        (chunk,) = tokens.column(column).chunks
        values = chunk.dictionary.to_pylist()
        assert values == sorted(set(values))  # lexical order, each value once
        assert set(chunk.indices.drop_null().to_pylist()) == set(range(len(values)))  # all used


def test_a_wide_table_gives_the_same_frame_as_its_compact_form(built):
    for name, table in built.items():
        wide = table.cast(SCHEMAS[name])
        assert is_compact_schema(wide.schema, name)
        pd.testing.assert_frame_equal(frame(wide), frame(table), check_exact=True)


def test_compact_drops_the_values_a_filter_left_unused(built):
    tokens = built["tokens"]
    first = tokens.column("doc_id").chunk(0).dictionary[0]
    kept = tokens.filter(pc.equal(tokens.column("doc_id"), first))
    (token,) = kept.column("token").chunks
    assert len(token.dictionary) > len(set(token.indices.to_pylist()))  # a filter keeps them all
    tokens_frame = frame(compact(kept))
    for column in ("doc_id", "token", "norm"):
        categories = tokens_frame[column].cat.categories
        assert set(categories) == set(tokens_frame[column].dropna())


def test_compact_tables_concatenate_into_the_compact_table_of_all(built):
    tokens = built["tokens"]
    doc_ids = tokens.column("doc_id").chunk(0).dictionary
    groups = [
        compact(tokens.filter(pc.is_in(tokens.column("doc_id"), doc_ids[i : i + 2])))
        for i in range(0, len(doc_ids), 2)
    ]
    assert len({group.schema for group in groups}) > 1  # codes of different widths
    together = concat_compact(groups)
    assert is_compact_schema(together.schema, "tokens")
    pd.testing.assert_frame_equal(frame(together), frame(tokens), check_exact=True)


@pytest.mark.parametrize(
    ("column", "type_"),
    [
        ("token_id", pa.int64()),
        ("start", pa.int16()),
        ("token", pa.dictionary(pa.int16(), pa.large_string())),
        ("token", pa.dictionary(pa.int16(), pa.string(), ordered=True)),
        ("kind", pa.dictionary(pa.int16(), pa.string())),
    ],
)
def test_a_schema_of_other_types_is_not_compact(column, type_):
    schema = SCHEMAS["tokens"]
    other = schema.set(schema.get_field_index(column), pa.field(column, type_))
    assert not is_compact_schema(other, "tokens")
    assert not is_compact_schema(schema.remove(0), "tokens")
    assert not is_compact_schema(schema.with_metadata({"a": "b"}), "tokens")


@given(
    st.lists(
        st.lists(st.one_of(st.none(), st.sampled_from(["a", "b", "B", "é", "ab", "z", "ä"]))),
        min_size=1,
        max_size=4,
    )
)
def test_compact_keeps_every_value_whatever_the_chunks_and_dictionaries(chunks):
    arrays = [pa.array(values, pa.string()).dictionary_encode() for values in chunks]
    arrays = [array.cast(pa.dictionary(pa.int32(), pa.string())) for array in arrays]
    column = pa.chunked_array(arrays, pa.dictionary(pa.int32(), pa.string()))
    table = pa.table({"speaker": column})
    (array,) = compact(table).column("speaker").chunks
    values = array.dictionary.to_pylist()
    assert values == sorted({v for chunk in chunks for v in chunk if v is not None})
    assert array.to_pylist() == [value for chunk in chunks for value in chunk]
    assert array.type.index_type == pa.int8()
    codes = array.indices.fill_null(-1).to_numpy()
    assert np.array_equal(codes >= 0, [v is not None for chunk in chunks for v in chunk])
