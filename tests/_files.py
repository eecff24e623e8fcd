"""What is on disk, to show that an operation left a folder exactly as it was."""

import hashlib
from pathlib import Path


def snapshot(folder: Path) -> dict[Path, str]:
    """SHA-256 of every file below ``folder``, by relative path.

    The corpus store (``.cache/``) is left out: it is derived from the corpus, may be deleted at
    any time, and loading a corpus writes it.
    """
    return {
        path.relative_to(folder): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.rglob("*"))
        if path.is_file() and ".cache" not in path.relative_to(folder).parts
    }
