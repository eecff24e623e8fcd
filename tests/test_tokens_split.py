"""The tokeniser's scan by re.split finds exactly the matches of its expression."""

from hypothesis import given
from hypothesis import strategies as st

from analysis.corpus.tokens import _SPLIT_RE, _TOKEN_RE

_TYPOGRAPHIC = st.lists(
    st.sampled_from([*"aAsS1 \t\n.,-‐‑'’ʼ“”_…$%é²", "re", "ll", "n't", "U.S.", "..."]),
    max_size=40,
).map("".join)


@given(st.one_of(st.text(max_size=80), _TYPOGRAPHIC))
def test_split_pieces_are_the_matches_and_what_lies_between_them(text):
    pieces = _SPLIT_RE.split(text)
    matches = list(_TOKEN_RE.finditer(text))
    assert pieces[1::2] == [match.group() for match in matches]
    bounds = [0, *(offset for match in matches for offset in match.span()), len(text)]
    assert pieces[0::2] == [text[bounds[i] : bounds[i + 1]] for i in range(0, len(bounds), 2)]
