"""The checks of metadata values (analysis.corpus.metadata)."""

import sys
import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from analysis.corpus.metadata import _REFUSED_RE, check_value
from analysis.errors import CorpusError

_REFUSED_CATEGORIES = ("Cc", "Cs", "Zl", "Zp")


def _first_refused_by_category(value: str) -> tuple[int, str] | None:
    """The per-character rule the regex stands for: position and character, or None."""
    for position, character in enumerate(value):
        if unicodedata.category(character) in _REFUSED_CATEGORIES and character != "\t":
            return position, character
    return None


def test_the_refused_characters_are_exactly_the_refused_categories():
    refused = {chr(c) for c in range(sys.maxunicode + 1) if _REFUSED_RE.fullmatch(chr(c))}
    expected = {
        chr(c)
        for c in range(sys.maxunicode + 1)
        if unicodedata.category(chr(c)) in _REFUSED_CATEGORIES and c != 0x09
    }
    assert refused == expected


# text of any character, surrogates included, with the edge cases drawn often
_EDGES = ["\t", "\n", "\r", "\x00", "\x1f", "\x7f", "\x85", "\x9f", "\xa0", "\u2028", "\u2029"]
_ANY_TEXT = st.text(
    st.one_of(
        st.sampled_from([*_EDGES, "\ud800", "\udfff", "=", " ", "a"]),
        st.characters(exclude_categories=()),
    ),
    max_size=30,
)


@given(_ANY_TEXT)
def test_a_value_is_refused_exactly_where_a_category_check_refuses_it(value):
    first = _first_refused_by_category(value)
    if first is None:
        try:
            assert check_value(value, field="author") == value.strip()
        except CorpusError as error:  # only a formula start may be refused then
            assert "formula" in str(error)
        return
    position, character = first
    with pytest.raises(CorpusError) as raised:
        check_value(value, field="author", where="m.csv, line 2")
    assert str(raised.value) == (
        f"m.csv, line 2: author: holds a control character (U+{ord(character):04X} at position "
        f"{position}); a metadata value is one line of plain text"
    )


@pytest.mark.parametrize(
    ("value", "code", "position"),
    [("a\u2028b", "2028", 1), ("ab\u2029", "2029", 2), ("\x85", "0085", 0), ("x\ud800", "D800", 1)],
)
def test_separators_and_surrogates_are_named_with_their_position(value, code, position):
    with pytest.raises(CorpusError, match=rf"U\+{code} at position {position}\)"):
        check_value(value, field="title")


def test_a_tab_is_allowed():
    assert check_value("\tA\tB\t", field="title") == "A\tB"
