"""Tokens kept inside spans (the corpus tables keep each token inside its sentence)."""

import itertools

from hypothesis import given
from hypothesis import strategies as st

from analysis.corpus.tokens import TYPES, token_arrays, tokenize

_PARTS = ["Mr.", " ", "U.S.", "don't", "10", "Nov.", ".", "’", "peoples’", "“", "word", "—"]


def _rows(text, spans=None):
    ids, starts, ends = token_arrays(text, within=spans)
    norm_ids = TYPES.norm_ids
    return [
        (TYPES.surfaces[i], s, e, TYPES.norms[norm_ids[i]], TYPES.kind_names[i])
        for i, s, e in zip(ids.tolist(), starts.tolist(), ends.tolist(), strict=True)
    ]


@given(st.lists(st.sampled_from(_PARTS), max_size=25), st.lists(st.integers(0, 200), max_size=6))
def test_a_token_that_crosses_a_span_is_cut_there_as_if_each_span_were_tokenised_alone(parts, cuts):
    text = "".join(parts)
    bounds = sorted({0, len(text), *(cut for cut in cuts if cut < len(text))})
    spans = list(itertools.pairwise(bounds))
    whole = [tuple(token) for token in tokenize(text)]
    if all(any(s <= t[1] and t[2] <= e for s, e in spans) for t in whole):
        expected = whole
    else:
        expected = [
            (t.token, t.start + s, t.end + s, t.norm, t.kind)
            for s, e in spans
            for t in tokenize(text[s:e])
        ]
    assert _rows(text, spans) == expected
    assert all(text[start:end] == token for token, start, end, _, _ in expected)


def test_a_word_cut_by_a_span_end_becomes_two_tokens():
    assert [row[0] for row in _rows("security", [(0, 4), (4, 8)])] == ["secu", "rity"]
