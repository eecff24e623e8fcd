"""Where an extracted text came from: the original bytes kept beside it, and a record of how.

A document added from a web page, PDF or Word file keeps, in the corpus's ``sources/`` folder,
the original bytes (``<doc_id>.html``, ``.pdf`` or ``.docx``) and ``<doc_id>.json``: the URL and
the address it redirected to, when it was retrieved, the original's SHA-256, the extractor and its
version, the stored text's SHA-256, and which metadata fields were taken from the source and from
where. So anyone can re-run the extraction (:func:`reextract`) and compare, and ``validate``
checks that the original and the record still match (:func:`check_sources`).
"""

from __future__ import annotations

import json
from pathlib import Path

from analysis.corpus.files import sha256
from analysis.errors import CorpusError

__all__ = ["SOURCES_DIR", "check_sources", "provenance_record", "reextract"]

SOURCES_DIR = "sources"
_KEYS = ("doc_id", "original", "original_sha256", "kind", "text_sha256", "extractor")


def provenance_record(
    *,
    doc_id: str,
    original: bytes,
    suffix: str,
    extraction,
    text_sha256: str,
    url: str | None,
    final_url: str | None,
    file: str | None,
    retrieved: str,
    taken: dict[str, str],
) -> dict[str, bytes]:
    """The files that record a document's source, by their path relative to the corpus folder.

    ``taken`` maps each metadata field filled from the source to its value.
    """
    record = {
        "doc_id": doc_id,
        "original": f"{doc_id}{suffix}",
        "original_sha256": sha256(original),
        "kind": extraction.kind,
        "url": url,
        "final_url": final_url,
        "file": file,
        "retrieved": retrieved,
        "extractor": extraction.extractor,
        "text_sha256": text_sha256,
        "fields": {
            name: {"value": value, "from": extraction.origins[name]}
            for name, value in taken.items()
        },
        "not_used": dict(extraction.ignored),
    }
    text = json.dumps(record, indent=2, ensure_ascii=False, sort_keys=False) + "\n"
    return {
        f"{SOURCES_DIR}/{doc_id}{suffix}": original,
        f"{SOURCES_DIR}/{doc_id}.json": text.encode("utf-8"),
    }


def _read_record(path: Path) -> dict:
    try:
        record = json.loads(path.read_text("utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        raise CorpusError(f"is not a readable provenance record ({error})", path=path) from None
    missing = [key for key in _KEYS if not isinstance(record.get(key), str)]
    if not isinstance(record, dict) or missing:
        raise CorpusError(f"lacks {', '.join(missing)}: not a provenance record", path=path)
    if record["original"] != Path(record["original"]).name:
        raise CorpusError("names an original outside the sources folder", path=path)
    return record


def check_sources(folder: Path, rows: list[dict[str, str]]) -> tuple[list[str], list[str]]:
    """Problems and warnings about ``sources/``: every record against its original and text.

    A record whose original is missing or changed, or that describes another text than the
    document's, is a problem; a record or file for a document not in ``metadata.csv`` is a warning
    (an interrupted ``add`` may leave one; delete it).
    """
    sources = folder / SOURCES_DIR
    if not sources.is_dir():
        return [], []
    problems, warnings = [], []
    by_id = {row["doc_id"]: row for row in rows}
    explained: set[str] = set()
    for path in sorted(sources.glob("*.json")):
        explained.add(path.name)
        try:
            record = _read_record(path)
            explained.add(record["original"])
            row = by_id.get(path.stem)
            if row is None:
                warnings.append(
                    f"{path}: describes {path.stem!r}, which is not in metadata.csv; delete it and "
                    f"{record['original']}"
                )
                continue
            original = sources / record["original"]
            if not original.is_file():
                raise CorpusError(f"{original} is missing: restore it", path=path)
            if sha256(original.read_bytes()) != record["original_sha256"]:
                raise CorpusError(
                    f"{original} has changed since it was added: restore it from version control",
                    path=path,
                )
            if record["text_sha256"] != row["sha256"]:
                raise CorpusError(
                    "describes another text than the document's (text_sha256 differs)", path=path
                )
        except CorpusError as error:
            problems.append(str(error))
    for path in sorted(sources.iterdir()):
        if path.name not in explained:
            warnings.append(f"{path}: no provenance record names it; ignored (delete it)")
    return problems, warnings


def reextract(doc_id: str, *, corpus=None):
    """Run the extraction again on a document's kept original; return the new :class:`Extraction`.

    Compare its ``text`` with the stored text to audit the extraction, e.g. after upgrading the
    extractor (the record names the version that was used).

    Raises
    ------
    CorpusError
        If the document has no provenance record, or its original has changed.
    """
    from analysis.corpus.files import corpus_dir
    from analysis.corpus.ingest import extract

    folder = corpus_dir(corpus)
    path = folder / SOURCES_DIR / f"{doc_id}.json"
    if not path.is_file():
        raise CorpusError(
            "has no provenance record: it was added from a plain-text file", path=doc_id
        )
    record = _read_record(path)
    original = (folder / SOURCES_DIR / record["original"]).read_bytes()
    if sha256(original) != record["original_sha256"]:
        raise CorpusError("its original has changed since it was added", path=path)
    return extract(original, path=record["original"], url=record.get("final_url"))
