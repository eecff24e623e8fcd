"""Concordance: matching words, phrases and patterns; context; sorting; escaped HTML."""

import pandas as pd
import pytest

from analysis.keyterms._counting import toy_tokens
from analysis.keyterms.kwic import COLUMNS, kwic, kwic_html

TEXT = "We seek common security . Shared security , they said , is common sense ."


@pytest.fixture
def tokens():
    return pd.concat(
        [
            toy_tokens(TEXT),
            toy_tokens(
                "Security first . A community of security for all .", doc_id="d2", voice="quote"
            ),
        ],
        ignore_index=True,
    )


def test_word_matches_case_insensitively_with_context(tokens):
    out = kwic(tokens, "security", window=2)
    assert list(out.columns) == COLUMNS
    assert len(out) == 4
    first = out.iloc[0]
    assert (first.left, first.node, first.right) == ("seek common", "security", ". Shared security")
    assert out.iloc[2]["node"] == "Security" and out.iloc[2]["voice"] == "quote"


def test_context_stays_within_the_document(tokens):
    out = kwic(tokens, "security", window=10)
    assert out.iloc[1]["right"].endswith("sense .") is False  # ends at the 10th word
    assert "Security first" not in out.iloc[1]["right"]  # no spill into d2
    assert out.iloc[2]["left"] == ""


def test_phrase_and_regex(tokens):
    assert list(kwic(tokens, "common security")["node"]) == ["common security"]
    assert list(kwic(tokens, "community of security for all")["doc_id"]) == ["d2"]
    assert kwic(tokens, "security they").empty  # a comma between them
    assert len(kwic(tokens, "secur.*", match="regex")) == 4
    assert list(kwic(tokens, "(common|shared) security", match="regex")["node"]) == [
        "common security",
        "Shared security",
    ]


def test_sorting_by_left_and_right_context(tokens):
    by_right = kwic(tokens, "security", window=1, sort="right")
    # R1 words first, for, shared, they (case-insensitive); the punctuation before them is skipped
    assert list(by_right["right"]) == ["first", "for", ". Shared", ", they"]
    by_left = kwic(tokens, "security", window=1, sort="left")
    assert list(by_left["left"]) == ["", "common", "of", "Shared"]


def test_no_match_errors_and_no_mutation(tokens):
    before = tokens.copy()
    out = kwic(tokens, "absent")
    assert out.empty and list(out.columns) == COLUMNS
    pd.testing.assert_frame_equal(tokens, before)
    with pytest.raises(ValueError, match="give a word"):
        kwic(tokens, "  ")
    with pytest.raises(ValueError, match="not a valid regular expression"):
        kwic(tokens, "(", match="regex")
    with pytest.raises(ValueError, match=r"sort='middle' is not one of"):
        kwic(tokens, "security", sort="middle")


def test_html_is_escaped_and_displayable():
    toks = toy_tokens("<script>alert(1)</script> & security <b>")
    html = kwic_html(kwic(toks, "security"))
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert "&amp;" in html and "&lt;b&gt;" in html
    assert html._repr_html_() == str(html)
    assert "<b>security</b>" in html
    with pytest.raises(ValueError, match="pass kwic"):
        kwic_html(pd.DataFrame({"x": [1]}))


def test_security_concordance_matches_its_frequency_in_the_shipped_corpus():
    import analysis
    from analysis.keyterms.frequency import frequencies

    toks = analysis.load_corpus().tokens
    n = frequencies(toks).set_index("term").loc["security", "n"]
    assert len(kwic(toks, "security")) == n
