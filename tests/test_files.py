"""Reading the files of a corpus folder (analysis.corpus.files)."""

import sys

from hypothesis import given
from hypothesis import strategies as st

from analysis.corpus.files import _NON_SPACE_RE, body_of, has_body


def _body_by_stripping(text: str, header_lines: int) -> tuple[str, int]:
    """The body as sliced and stripped line by line (the reference for body_of)."""
    cut = 0
    for _ in range(header_lines):
        cut = text.find("\n", cut) + 1
        if cut == 0:
            return "", len(text)
    rest = text[cut:]
    return rest.strip(), cut + len(rest) - len(rest.lstrip())


def test_non_space_is_what_strip_keeps_for_every_character():
    characters = (chr(c) for c in range(sys.maxunicode + 1))
    assert all(bool(_NON_SPACE_RE.fullmatch(c)) == bool(c.strip()) for c in characters)


def test_isspace_is_what_strip_removes_for_every_byte():
    assert all(bytes([b]).isspace() == (not bytes([b]).strip()) for b in range(256))


# blanks of every kind (str.strip's, some not ASCII) around a little text
_BLANKY = st.text(st.sampled_from(list(" \t\n\r\x0b\x0c\x1c\x85\xa0\u2028\u3000\u200bab")))


@given(_BLANKY, st.integers(0, 5))
def test_body_of_is_the_stripped_text_after_the_header(text, header_lines):
    assert body_of(text, header_lines) == _body_by_stripping(text, header_lines)
    assert has_body(text, header_lines) == bool(_body_by_stripping(text, header_lines)[0])
