"""analysis.discourse.lexicon: every project lexicon loads with its version, categories and sources,
and a malformed file fails with a message that names the file, the line and what was expected."""

import pycountry
import pytest

from analysis.discourse.lexicon import LexiconError, load_lexicon

NAMES = ["modality", "person_deixis", "stance", "nominalisation", "actors", "intertextuality"]


@pytest.mark.parametrize("name", NAMES)
def test_project_lexicon_is_versioned_documented_and_filled(name):
    lexicon = load_lexicon(name)
    assert lexicon.version.startswith("1.")
    assert lexicon.sources
    assert lexicon.categories
    empty = [c for c in lexicon.categories if not lexicon.words(c)]
    assert empty == (["person"] if name == "actors" else [])  # persons come from the speakers


@pytest.mark.parametrize("name", NAMES)
def test_no_entry_is_listed_twice_in_a_category(name):
    entries = [(c, e) for c, e, _ in load_lexicon(name).entries]
    assert len(entries) == len(set(entries))


def test_every_country_alias_names_a_real_iso_code():
    rows = [(e, note) for c, e, note in load_lexicon("actors").entries if c == "country"]
    unknown = [(e, code) for e, code in rows if pycountry.countries.get(alpha_3=code) is None]
    assert rows and unknown == []


def test_the_nominalisation_exceptions_hold_nation_and_station():
    exceptions = load_lexicon("nominalisation").words("exception")
    assert {"nation", "station", "document"} <= set(exceptions)


def write(folder, text, name="modality"):
    (folder / f"{name}.tsv").write_text(text, encoding="utf-8")
    return folder


def test_a_missing_file_names_the_folder_and_the_file(tmp_path):
    with pytest.raises(LexiconError, match=r"modality\.tsv"):
        load_lexicon("modality", folder=tmp_path)


def test_a_header_without_version_is_refused(tmp_path):
    write(tmp_path, "# categories: deontic\ndeontic\tmust\n")
    with pytest.raises(LexiconError, match="'# version:'"):
        load_lexicon("modality", folder=tmp_path)


def test_an_unknown_category_names_the_line_and_the_allowed_ones(tmp_path):
    write(tmp_path, "# version: 9\n# categories: deontic\n\ndeontic\tmust\nepistemic\tmay\n")
    message = "line 5: category='epistemic' is not one of: 'deontic', 'exception', 'not_after'"
    with pytest.raises(LexiconError, match=message):
        load_lexicon("modality", folder=tmp_path)


def test_a_line_without_a_tab_is_refused(tmp_path):
    write(tmp_path, "# version: 9\n# categories: deontic\ndeontic must\n")
    with pytest.raises(LexiconError, match=r"line 3: expected category<TAB>entry"):
        load_lexicon("modality", folder=tmp_path)


def test_a_valid_file_keeps_order_notes_and_rule_categories(tmp_path):
    text = "# version: 2 (test)\n# categories: b, a\n# sources: me\na\tx  y\tnote\nnot_after\tz\n"
    lexicon = load_lexicon("modality", folder=write(tmp_path, text))
    assert lexicon.categories == ("b", "a")
    assert lexicon.entries == (("a", "x y", "note"), ("not_after", "z", ""))
    assert lexicon.counted() == (("a", "x y", "note"),)
    assert (lexicon.version, lexicon.sources) == ("2 (test)", "me")
