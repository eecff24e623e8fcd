"""What is on disk, to show that an operation left a folder exactly as it was."""

import hashlib
from pathlib import Path


def snapshot(folder: Path) -> dict[Path, str]:
    """SHA-256 of every file below ``folder``, by relative path."""
    return {
        path.relative_to(folder): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }
