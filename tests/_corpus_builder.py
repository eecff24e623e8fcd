"""Build a small corpus folder from texts written in a test, through the official add path."""

from analysis.corpus import add_documents, load_corpus
from analysis.corpus.metadata import FIELDS


def make_corpus(folder, documents):
    """Load a new corpus in ``folder`` holding ``documents``.

    ``documents`` maps a doc_id to ``(date, text)`` or to ``(date, text, metadata)`` where
    ``metadata`` holds more fields (``speaker``, ``genre`` ...); the speaker defaults to Mira Orla.
    """
    (folder / "texts").mkdir(parents=True)
    (folder / "metadata.csv").write_text(",".join(FIELDS) + "\n", encoding="utf-8")
    files, rows = [], []
    for doc_id, (date, text, *more) in documents.items():
        file = folder.parent / f"{doc_id}-input.txt"
        file.write_text(text, encoding="utf-8")
        files.append(file)
        row = {"id": doc_id, "title": doc_id, "speaker": "Mira Orla", "date": date}
        rows.append(row | (more[0] if more else {}))
    add_documents(files, rows, corpus=folder)
    return load_corpus(folder)
