"""Reading the files of a corpus folder (analysis.corpus.files)."""

import sys
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from analysis.corpus.files import (
    _NON_SPACE_RE,
    _listing,
    _orphan_warnings,
    _read_listed,
    _stem,
    _stored_texts,
    body_of,
    decode_text,
    has_body,
)
from analysis.errors import CorpusError


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


@given(st.text(st.sampled_from(list("a.-")), max_size=6))
def test_the_stem_of_a_text_name_is_pathlibs(stem):
    name = f"{stem}.txt"
    assert _stem(name) == Path(name).stem


def _odd_texts_folder(folder: Path) -> Path:
    """A texts folder with what a listing may hold besides plain *.txt files."""
    texts = folder / "texts"
    texts.mkdir(parents=True)
    for name in ["b.txt", "a.txt", "Z.txt", ".txt", "..txt", ".hidden.txt", "x.TXT", "notes.md"]:
        (texts / name).write_text("Some text.\n", encoding="utf-8")
    (texts / "folder.txt").mkdir()
    (texts / "link.txt").symlink_to(texts / "a.txt")
    (texts / "broken.txt").symlink_to(texts / "nowhere.txt")
    return texts


def test_stored_texts_are_what_a_sorted_glob_gives(tmp_path):
    texts = _odd_texts_folder(tmp_path)
    expected = [(str(path), path.name) for path in sorted(texts.glob("*.txt"))]
    assert _stored_texts(texts, _listing(texts)) == expected
    assert _stored_texts(texts, None) == expected  # a folder that cannot be listed at once


def test_a_listed_text_is_read_or_refused_as_pathlib_would(tmp_path):
    texts = _odd_texts_folder(tmp_path)
    listing = _listing(texts)
    assert _read_listed(str(texts / "a.txt"), listing, where="m") == b"Some text.\n"
    assert _read_listed(str(texts / "link.txt"), listing, where="m") == b"Some text.\n"
    for name in ["folder.txt", "broken.txt", "missing.txt"]:
        with pytest.raises(CorpusError) as raised:
            _read_listed(str(texts / name), listing, where="m")
        assert str(raised.value) == f"m: doc_id: {texts / name} does not exist"


def test_unlisted_texts_are_warned_about_in_path_order(tmp_path):
    texts = _odd_texts_folder(tmp_path)
    warnings = _orphan_warnings(texts, _listing(texts), listed={"a", "b"})
    expected = [
        f"{path}: not in metadata.csv, ignored (add it with `python -m analysis add {path} "
        f"--id {path.stem} ...`, or delete it)"
        for path in sorted(texts.glob("*.txt"))
        if path.stem not in {"a", "b"}
    ]
    assert warnings == expected


_BYTES = st.binary(max_size=12).map(lambda data: data.replace(b"\0", b"")) | st.text().map(
    str.encode
)


@given(st.sampled_from([b"", b"\xef\xbb\xbf", b"\xef\xbb"]), _BYTES)
def test_utf8_is_decoded_as_the_utf8_sig_codec_does(bom, data):
    data = bom + data
    try:
        expected, refusal = data.decode("utf-8-sig"), None
    except UnicodeDecodeError as error:
        # the codec counts from after a byte-order mark; the message counts in the file
        offset = error.start + (3 if data.startswith(b"\xef\xbb\xbf") else 0)
        expected, refusal = None, f"(byte 0x{data[offset]:02x} at offset {offset})"
    try:
        assert decode_text(data, path="t.txt") == expected
    except CorpusError as error:  # empty, binary or mis-encoded text is refused before or after
        if "not valid UTF-8" in str(error):
            assert refusal and refusal in str(error)


def test_a_bad_byte_after_a_byte_order_mark_is_named_where_it_is_in_the_file():
    with pytest.raises(CorpusError, match=r"byte 0xff at offset 5"):
        decode_text(b"\xef\xbb\xbfab\xff", path="t.txt")
