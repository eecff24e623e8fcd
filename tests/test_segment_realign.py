"""Punkt's realignment of closing marks and its whitespace search, as the project runs them."""

from hypothesis import given
from hypothesis import strategies as st
from nltk.tokenize.punkt import PunktLanguageVars, PunktSentenceTokenizer

from analysis.corpus.segment import _REALIGNED_MARKS, _punkt

_WORDS = st.sampled_from(
    [
        *("word", "Word", "end.", "why?", "Stop!", "U.S.", "Mr.", "No.", "10.", "a.", "wait..."),
        *("“Quote.”", "(aside.)", "[note.]", "{x.}", "'it.'", "‘so.’", "«oui.»", '"said."'),
        *(")", "”", "’", "»", "]", '"', "--", "—", "x", "42"),
    ]
)
_SEPARATORS = st.sampled_from([" ", "\n", "\t", "\r\n", "\x0b", "\x0c", "  ", ""])


@given(st.lists(st.tuples(_WORDS, _SEPARATORS), min_size=1, max_size=40))
def test_sentence_spans_are_punkts_own_around_closing_marks_and_any_white_space(pieces):
    text = "".join(word + separator for word, separator in pieces)
    fast = _punkt()
    stock = PunktSentenceTokenizer(fast._params)
    assert list(fast.span_tokenize(text)) == list(stock.span_tokenize(text))


def test_the_marks_checked_first_are_those_punkts_realignment_starts_with():
    # the shortcut asks the expression only after one of these; a new NLTK may change it
    pattern = PunktLanguageVars.re_boundary_realignment.pattern
    assert pattern.startswith(r"""["\')\]}\u2018\u2019\u201c\u201d\xab\xbb]+?""")
    assert set("\"')]}\u2018\u2019\u201c\u201d\xab\xbb") == _REALIGNED_MARKS


@given(st.text(alphabet=" \t\n\r\x0b\x0cab", max_size=30))
def test_the_last_white_space_is_found_as_punkt_finds_it(text):
    assert _punkt()._get_last_whitespace_index(text) == (
        PunktSentenceTokenizer._get_last_whitespace_index(_punkt(), text)
    )
