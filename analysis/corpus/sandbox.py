"""A throwaway copy of a corpus, for trying ``add`` without touching the real one.

Notebook 06 shows what :func:`analysis.add_documents` refuses and why. Running that against the
shipped corpus would change ``data/``; instead the notebook copies the corpus into a temporary
folder with :func:`copy_corpus` and tries additions there with :func:`try_add`, which returns the
outcome as text (the new ids, or the :class:`analysis.CorpusError` message) so a cell can show a
refusal without stopping the notebook.
"""

from __future__ import annotations

import shutil
from collections.abc import Mapping, Sequence
from pathlib import Path

from analysis.corpus.add import add_documents
from analysis.corpus.files import METADATA_FILE, TEXTS_DIR
from analysis.corpus.ingest.provenance import SOURCES_DIR
from analysis.errors import CorpusError
from analysis.paths import CORPUS_DIR

__all__ = ["copy_corpus", "try_add"]


def copy_corpus(path=None, *, into) -> Path:
    """Copy a corpus folder (``metadata.csv``, ``texts/``, ``sources/``) to ``into/corpus``.

    Parameters
    ----------
    path
        The corpus folder to copy; None copies the shipped corpus.
    into
        An existing folder, e.g. ``tempfile.TemporaryDirectory().name``; the copy is made in its
        ``corpus`` subfolder, which must not exist yet.

    Raises
    ------
    CorpusError
        If ``path`` is not a corpus folder, or ``into/corpus`` already exists.

    Examples
    --------
    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     sorted(p.name for p in copy_corpus(into=folder).iterdir())
    ['metadata.csv', 'texts']
    """
    source = Path(path) if path is not None else CORPUS_DIR
    if not (source / METADATA_FILE).is_file():
        raise CorpusError(f"not a corpus folder: it has no {METADATA_FILE}", path=source)
    target = Path(into) / "corpus"
    if target.exists():
        raise CorpusError("exists already: copy into an empty folder", path=target)
    (target / TEXTS_DIR).mkdir(parents=True)
    shutil.copy2(source / METADATA_FILE, target / METADATA_FILE)
    for text in sorted((source / TEXTS_DIR).glob("*.txt")):
        shutil.copy2(text, target / TEXTS_DIR / text.name)
    if (source / SOURCES_DIR).is_dir():
        shutil.copytree(source / SOURCES_DIR, target / SOURCES_DIR)
    return target


def try_add(
    files: Sequence, metadata: Sequence[Mapping[str, str]], *, corpus, encoding: str | None = None
) -> str:
    """Call :func:`analysis.add_documents` and say what happened, as one line of text.

    Parameters
    ----------
    files, metadata, encoding
        As in :func:`analysis.add_documents`.
    corpus
        The corpus folder to add to. Required: this helper is for scratch copies
        (:func:`copy_corpus`); it never defaults to the shipped corpus.

    Returns
    -------
    str
        ``"added: <doc_id>, ..."`` or ``"refused: <the CorpusError message>"`` (nothing is written
        when an addition is refused).
    """
    if corpus is None:
        raise ValueError("corpus=None: pass the scratch folder from copy_corpus()")
    try:
        added = add_documents(files, metadata, corpus=corpus, encoding=encoding)
    except CorpusError as error:
        return f"refused: {error}"
    return f"added: {', '.join(added)}"
