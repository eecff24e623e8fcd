"""Interrupted adds: a lock that dies with its owner, and a journal that the next add cleans up.

``add`` writes the new texts first and replaces ``metadata.csv`` last, so the corpus a reader sees
is always either the old one or the new one. What a killed ``add`` can leave behind is invisible to
readers but would block or confuse the next writer, so:

- the lock (``.add.lock``) is an advisory ``flock`` on the file, which the operating system
  releases when its owner exits in any way, SIGKILL included: a lock left by a dead process is
  never "stale", it is simply free;
- before it writes a text, ``add`` records the files it is about to create in a journal
  (``.add.journal``); :func:`repair` (run by the next ``add``, or by ``python -m analysis repair``)
  removes journalled texts that ``metadata.csv`` does not list, and temporary files
  (``.<name>.tmp-<pid>``), so the corpus is again byte for byte what it was before the interrupted
  ``add`` (or what it became, when only the clean-up was interrupted).

Linux and macOS only (``fcntl``), like the rest of the command line's file handling.
"""

import fcntl
import os
import re
import signal
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from analysis.corpus.files import TEXTS_DIR, read_rows, sha256
from analysis.errors import CorpusError

__all__ = ["checkpoint", "leftovers", "locked", "repair"]

LOCK_FILE = ".add.lock"
JOURNAL_FILE = ".add.journal"
_TEMPORARY_RE = re.compile(r"\..+\.tmp-[0-9]+")
_TEXT_NAME_RE = re.compile(r"[a-z0-9-]{1,80}\.txt")  # a journal line never names another folder
# Fault injection for tests/test_interrupt.py only: "SIGKILL:7" sends SIGKILL to this process at
# its 7th checkpoint, so every step of a write can be interrupted deterministically.
_FAULT_VARIABLE = "ANALYSIS_TEST_INTERRUPT"
_checkpoints = 0


def checkpoint() -> None:
    """A point of a write where an interruption must leave a corpus that :func:`repair` restores."""
    global _checkpoints
    fault = os.environ.get(_FAULT_VARIABLE)
    if not fault:
        return
    _checkpoints += 1
    name, _, at = fault.partition(":")
    if _checkpoints == int(at):
        os.kill(os.getpid(), getattr(signal, name))


def _unwritable(error: OSError, path) -> CorpusError:
    return CorpusError(
        f"cannot write here ({error.strerror}): `add` needs a writable corpus folder", path=path
    )


@contextmanager
def locked(folder: Path) -> Iterator[None]:
    """Hold the corpus's write lock; refuse at once, naming the owner, if another add holds it."""
    lock = folder / LOCK_FILE
    while True:
        try:
            descriptor = os.open(lock, os.O_CREAT | os.O_RDWR, 0o644)
        except OSError as error:
            raise _unwritable(error, lock) from None
        try:
            fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            owner = os.read(descriptor, 32).decode("ascii", "replace").strip() or "unknown"
            os.close(descriptor)
            raise CorpusError(
                f"another `add` (process {owner}) is changing this corpus: wait for it to finish",
                path=folder,
            ) from None
        # The previous owner removes the file as it finishes: a lock on a removed file is no lock.
        try:
            current = os.path.samestat(os.fstat(descriptor), os.stat(lock))
        except FileNotFoundError:
            current = False
        if current:
            break
        os.close(descriptor)
    try:
        try:
            os.ftruncate(descriptor, 0)
            os.write(descriptor, f"{os.getpid()}\n".encode())
        except OSError:
            pass  # the owner's id is only for the message above; a full disk must not stop us
        yield
    finally:
        lock.unlink(missing_ok=True)  # while we still hold it, so no one else locks this file
        os.close(descriptor)


def sync_folder(folder: Path) -> None:
    """Flush a folder's entries (renames, removals) to disk."""
    descriptor = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def write_atomically(path: Path, data: bytes) -> None:
    """Replace ``path`` with ``data`` by writing a temporary file, flushing it and renaming it."""
    temporary = path.with_name(f".{path.name}.tmp-{os.getpid()}")
    try:
        with temporary.open("wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        checkpoint()
        os.replace(temporary, path)
    finally:
        temporary.unlink(missing_ok=True)
    checkpoint()


def begin(folder: Path, files: dict[Path, bytes]) -> None:
    """Journal the texts an add is about to create, with their checksums."""
    lines = "".join(f"{sha256(data)}  {path.name}\n" for path, data in files.items())
    write_atomically(folder / JOURNAL_FILE, lines.encode("utf-8"))
    sync_folder(folder)


def end(folder: Path) -> None:
    """Close the journal: the add is complete (or fully rolled back)."""
    (folder / JOURNAL_FILE).unlink(missing_ok=True)
    sync_folder(folder)


def _temporaries(folder: Path) -> list[Path]:
    places = [folder, folder / TEXTS_DIR]
    return sorted(
        path
        for place in places
        if place.is_dir()
        for path in place.iterdir()
        if _TEMPORARY_RE.fullmatch(path.name)
    )


def leftovers(folder: Path) -> list[str]:
    """What an interrupted add left in ``folder`` (for ``validate``), as file names."""
    found = _temporaries(folder)
    if (folder / JOURNAL_FILE).exists():
        found.insert(0, folder / JOURNAL_FILE)
    return [str(path) for path in found]


def repair(folder: Path) -> list[str]:
    """Undo what an interrupted add left behind; return one line per file removed.

    Call it holding :func:`locked` (``add`` does; so does ``python -m analysis repair``). A text
    named in the journal is removed only if ``metadata.csv`` does not list it and its bytes are
    still the ones the journal recorded, so a document that was fully added, or a file someone
    put there since, is never touched.
    """
    removed = []
    journal = folder / JOURNAL_FILE
    if journal.exists():
        listed = {(row.get("doc_id") or "").strip() for _, row in read_rows(folder)}
        for line in journal.read_text("utf-8").splitlines():
            checksum, _, name = line.partition("  ")
            text = folder / TEXTS_DIR / name
            if not _TEXT_NAME_RE.fullmatch(name) or name[:-4] in listed or not text.is_file():
                continue
            if sha256(text.read_bytes()) == checksum:
                text.unlink()
                removed.append(f"removed {text}: written by an interrupted add, never listed")
    for temporary in _temporaries(folder):
        temporary.unlink()
        removed.append(f"removed {temporary}: a temporary file of an interrupted add")
    if journal.exists():
        end(folder)
        removed.append(f"removed {journal}")
    return removed
