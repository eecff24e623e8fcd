"""The corpus store: tables read back are the tables built, and nothing doubtful is ever read."""

import hashlib
import json
import os
from pathlib import Path

import pandas as pd
import pytest

from analysis.corpus import add_documents, copy_corpus, load_corpus, store, tables, validate_corpus
from analysis.corpus.files import decode_text
from analysis.corpus.metadata import FIELDS

BENCHMARK_DIR = Path(__file__).resolve().parents[2] / "shared" / "benchmark"
TABLES = ("documents", "paragraphs", "sentences", "tokens")


def assert_same_tables(a, b):
    for name in TABLES:
        pd.testing.assert_frame_equal(getattr(a, name), getattr(b, name), check_exact=True)


def stored_files(folder):
    """The store's files: a manifest and three table files per segment."""
    place = folder / store.STORE_DIR
    return sorted(path for path in place.iterdir() if path.suffix in (".json", ".arrow"))


def stored(folder, suffix):
    return next(p for p in stored_files(folder) if p.name.endswith(suffix))


@pytest.fixture
def count_builds(monkeypatch):
    """How many documents were built (not read from the store) since the fixture started."""
    built = []
    original = tables.build_arrow_tables

    def counting(texts, **options):
        built.extend(texts)
        return original(texts, **options)

    monkeypatch.setattr("analysis.corpus.load.build_arrow_tables", counting)
    monkeypatch.setattr("analysis.corpus.store.build_arrow_tables", counting)
    return built


@pytest.mark.parametrize("source", ["seed", "multi"])
def test_stored_tables_equal_built_ones(tmp_path, source, corpus_multi, count_builds):
    folder = copy_corpus(None if source == "seed" else corpus_multi, into=tmp_path)
    fresh = load_corpus(folder, cache=False)
    assert not (folder / ".cache").exists()
    first = load_corpus(folder)  # builds and keeps
    n_built = len(count_builds)
    assert len(stored_files(folder)) == 4
    second = load_corpus(folder)  # reads
    assert len(count_builds) == n_built == len(fresh.documents) * 2  # fresh and first only
    assert_same_tables(fresh, first)
    assert_same_tables(fresh, second)


@pytest.mark.parametrize("date", ["2022-01-02", "2020-01-02"])  # last; between stored ones
def test_add_builds_only_the_new_document_and_load_then_builds_nothing(
    tmp_path, corpus_multi, count_builds, date
):
    folder = copy_corpus(corpus_multi, into=tmp_path)
    load_corpus(folder)
    count_builds.clear()
    speech = tmp_path / "speech.txt"
    speech.write_text("“We stay,” Lena Ost said. The harbour is open.\n", encoding="utf-8")
    (doc_id,) = add_documents(
        [speech], [{"title": "T", "speaker": "Lena Ost", "date": date}], corpus=folder
    )
    assert count_builds == [doc_id]
    loaded = load_corpus(folder)
    assert count_builds == [doc_id]
    assert_same_tables(load_corpus(folder, cache=False), loaded)
    assert doc_id in set(loaded.tokens["doc_id"])


def test_locate_names_the_segment_of_each_document_and_reading_it_alone_suffices(
    tmp_path, corpus_multi
):
    folder = copy_corpus(corpus_multi, into=tmp_path)
    speech = tmp_path / "speech.txt"
    speech.write_text("The harbour is open.\n", encoding="utf-8")
    load_corpus(folder)  # one segment of the fixture's documents
    (new,) = add_documents(
        [speech], [{"title": "T", "speaker": "A", "date": "2022-01-02"}], corpus=folder
    )
    loaded = load_corpus(folder)
    keys = _keys(folder)
    where = store.locate(folder, keys)
    assert set(where) == set(keys)
    assert len(set(where.values())) == 2
    others = set(where.values()) - {where[new]}
    # the new document's segment alone holds it; its tokens alone are read when asked
    found, missing = store.read_store(folder, {new: keys[new]}, segments=[where[new]])
    assert missing == set() and len(found) == 1 and set(found[0]) == set(store.TABLES)
    found, missing = store.read_store(
        folder, {new: keys[new]}, segments=sorted(others), tables=("tokens",)
    )
    assert found == [] and missing == {new}
    found, _ = store.read_store(folder, {new: keys[new]}, segments=[where[new]], tables=("tokens",))
    assert set(found[0]) == {"tokens"}
    expected = loaded.tokens[loaded.tokens["doc_id"] == new].reset_index(drop=True)
    pd.testing.assert_frame_equal(
        tables.frame(found[0]["tokens"]), expected, check_categorical=False
    )
    # a document whose key changed is not located
    assert new not in store.locate(folder, {**keys, new: "another key"})


def _keys(folder):
    rows = load_corpus(folder).documents.to_dict("records")
    return {
        row["doc_id"]: store.document_key(
            row["sha256"], int(row["header_lines"]), store.voice_metadata(row)
        )
        for row in rows
    }


def test_a_corrupted_file_is_deleted_and_rebuilt(tmp_path, corpus_multi, count_builds):
    folder = copy_corpus(corpus_multi, into=tmp_path)
    fresh = load_corpus(folder)
    tokens = stored(folder, ".tokens.arrow")
    data = bytearray(tokens.read_bytes())
    data[len(data) // 3] ^= 0xFF  # one flipped byte inside the compressed columns
    tokens.write_bytes(bytes(data))
    count_builds.clear()
    assert_same_tables(fresh, load_corpus(folder))
    assert len(count_builds) == len(fresh.documents)
    assert tokens.read_bytes() != bytes(data)  # written again, whole


@pytest.mark.parametrize(
    "damage", ["truncate", "rename", "schema", "manifest", "missing", "counts"]
)
def test_anything_that_does_not_verify_is_rebuilt(tmp_path, corpus_multi, count_builds, damage):
    folder = copy_corpus(corpus_multi, into=tmp_path)
    fresh = load_corpus(folder)
    manifest_path = stored(folder, ".json")
    manifest = json.loads(manifest_path.read_bytes())
    sentences = stored(folder, ".sentences.arrow")
    if damage == "truncate":
        sentences.write_bytes(sentences.read_bytes()[:100])
    elif damage == "rename":  # a segment under another's name: its manifest does not hash to it
        prefix = store.pipeline_version()
        for path in stored_files(folder):
            path.rename(path.with_name(prefix + "-" + "1" * 16 + path.name[33:]))
    elif damage == "schema":  # a file of another table, with a digest that matches it
        table = tables.build_arrow_tables({"x": "One."})["paragraphs"]
        data = store._ipc_file(table, "paragraphs")
        sentences.write_bytes(data)
        manifest["files"]["sentences"] = hashlib.sha256(data).hexdigest()
        manifest_path.write_text(json.dumps(manifest), encoding="utf-8")
    elif damage == "manifest":
        manifest_path.write_text("{not json", encoding="utf-8")
    elif damage == "missing":
        sentences.unlink()
    else:  # a manifest, named after itself, whose row counts disagree with the table
        manifest["documents"][0][2][1] += 1
        name = store._segment_name(manifest)
        for path in stored_files(folder):
            path.rename(path.with_name(name + path.name[33:]))
        (manifest_path.parent / f"{name}.json").write_text(json.dumps(manifest), encoding="utf-8")
    count_builds.clear()
    assert_same_tables(fresh, load_corpus(folder))
    assert len(count_builds) == len(fresh.documents)
    assert len(stored_files(folder)) == 4  # the damaged segment gone, a sound one written


def test_a_manifest_is_what_makes_a_segment(tmp_path, corpus_multi, count_builds):
    """A write killed before its manifest leaves table files that are never read."""
    folder = copy_corpus(corpus_multi, into=tmp_path)
    fresh = load_corpus(folder)
    stored(folder, ".json").unlink()
    count_builds.clear()
    assert_same_tables(fresh, load_corpus(folder))
    assert len(count_builds) == len(fresh.documents)


def test_a_segment_keeps_each_dictionary_in_lexical_order(tmp_path, corpus_multi):
    import pyarrow as pa

    folder = copy_corpus(corpus_multi, into=tmp_path)
    load_corpus(folder)
    table = pa.ipc.open_file(stored(folder, ".tokens.arrow")).read_all()
    for name in ("doc_id", "token", "norm", "speaker"):
        (chunk,) = table.column(name).chunks
        values = chunk.dictionary.to_pylist()
        assert values == sorted(set(values))
        assert set(chunk.indices.drop_null().to_pylist()) == set(range(len(values)))


def test_a_new_pipeline_version_ignores_and_removes_old_tables(tmp_path, corpus_multi, monkeypatch):
    folder = copy_corpus(corpus_multi, into=tmp_path)
    fresh = load_corpus(folder)
    old = stored_files(folder)
    monkeypatch.setattr(store, "pipeline_version", lambda: "f" * 16)
    assert_same_tables(fresh, load_corpus(folder))
    now = stored_files(folder)
    assert not set(old) & set(now)
    assert all(path.name.startswith("f" * 16) for path in now)


def test_pipeline_version_depends_on_the_resources(monkeypatch, tmp_path):
    before = store.pipeline_version()
    store.pipeline_version.cache_clear()
    extra = tmp_path / "abbreviations.txt"
    extra.write_text("zz.\n", encoding="utf-8")
    monkeypatch.setattr(store, "_RESOURCES", [*store._RESOURCES, extra])
    monkeypatch.setattr(store, "PROJECT_ROOT", Path("/"))
    try:
        assert store.pipeline_version() != before
    finally:
        store.pipeline_version.cache_clear()


def test_a_document_removed_from_the_metadata_is_left_out(tmp_path, corpus_multi):
    folder = copy_corpus(corpus_multi, into=tmp_path)
    load_corpus(folder)
    metadata = folder / "metadata.csv"
    lines = metadata.read_text(encoding="utf-8").splitlines(keepends=True)
    metadata.write_text("".join(lines[:-1]), encoding="utf-8")
    assert_same_tables(load_corpus(folder, cache=False), load_corpus(folder))


def test_an_unwritable_store_still_loads_without_caching(tmp_path, corpus_multi):
    folder = copy_corpus(corpus_multi, into=tmp_path)
    (folder / ".cache").write_text("not a folder", encoding="utf-8")
    assert_same_tables(load_corpus(folder, cache=False), load_corpus(folder))
    assert (folder / ".cache").is_file()


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes to read-only folders")
def test_a_read_only_corpus_loads(tmp_path, corpus_multi):
    folder = copy_corpus(corpus_multi, into=tmp_path)
    folder.chmod(0o555)
    try:
        assert_same_tables(load_corpus(folder, cache=False), load_corpus(folder))
        assert not (folder / ".cache").exists()
    finally:
        folder.chmod(0o755)


def test_the_cache_can_be_deleted_and_validate_ignores_it(tmp_path, corpus_multi):
    import shutil

    folder = copy_corpus(corpus_multi, into=tmp_path)
    fresh = load_corpus(folder)
    report = validate_corpus(folder)
    assert report.ok and not report.warnings
    shutil.rmtree(folder / ".cache")
    assert_same_tables(fresh, load_corpus(folder))


def test_the_cache_folder_is_ignored_by_git(project_root):
    assert ".cache/" in (project_root / ".gitignore").read_text(encoding="utf-8").splitlines()


@pytest.mark.skipif(not BENCHMARK_DIR.is_dir(), reason="benchmark speeches absent")
def test_benchmark_speeches_round_trip(tmp_path):
    """Real speeches, cp1252 ones among them: stored tables equal freshly built ones."""
    folder = tmp_path / "corpus"
    (folder / "texts").mkdir(parents=True)
    (folder / "metadata.csv").write_text(",".join(FIELDS) + "\n", encoding="utf-8")
    files, rows = [], []
    paths = sorted(BENCHMARK_DIR.glob("*/*.txt"))[::4]  # 31 of 124, both folders, cp1252 too
    for number, path in enumerate(paths):
        data = path.read_bytes()
        try:
            decode_text(data, path=path)
            encoding = None
        except ValueError:
            encoding = "cp1252"
        rows.append(
            {
                "id": f"speech-{number:03d}",
                "title": path.stem,
                "speaker": path.stem.split("-", 1)[-1],
                "date": f"{path.stem[:4]}-01-01",
                "encoding": encoding,
            }
        )
        files.append(path)
    add_documents(files, rows, corpus=folder)
    fresh = load_corpus(folder, cache=False)
    assert_same_tables(fresh, load_corpus(folder))
    (folder / store.STORE_DIR).rename(tmp_path / "old")
    assert_same_tables(fresh, load_corpus(folder))


def test_reading_started_before_the_keys_are_known_gives_what_read_store_gives(
    tmp_path, corpus_multi
):
    folder = copy_corpus(corpus_multi, into=tmp_path)
    load_corpus(folder)
    keys = _keys(folder)
    changed = dict(keys, **{min(keys): "another key"})  # one document to build again
    for wanted in (keys, changed):
        finish = store.start_reading(folder, text=False)
        started, missing = finish(wanted)
        expected, expected_missing = store.read_store(folder, wanted, text=False)
        assert missing == expected_missing == ({min(keys)} if wanted is changed else set())
        assert [set(s) for s in started] == [set(s) for s in expected]
        for got, want in zip(started, expected, strict=True):
            assert all(got[name].equals(want[name]) for name in want)
