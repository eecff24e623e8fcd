"""A score cache keyed by text content and lexicon fingerprint, so it can never go stale.

Each entry's key is the SHA-256 of the lexicon fingerprint (lexicon content, overrides and the
scoring code's version, see :func:`analysis.sentiment.vader.fingerprint`) and the exact text.
Changing any of them changes the key, so an old score is simply never found again. Entries live in
one SQLite file (standard library, safe for several processes) under ``build/cache/`` or a given
folder.
"""

from __future__ import annotations

import hashlib
import os
import sqlite3
from collections.abc import Iterable, Sequence
from contextlib import closing
from pathlib import Path

SCORE_COLUMNS = ("neg", "neu", "pos", "compound")
_FILE = "sentiment-scores-v1.sqlite"
_BATCH = 500  # SQLite's default limit on bound parameters is 999


def text_key(lexicon_fingerprint: str, text: str) -> str:
    """The cache key of one text under one lexicon."""
    payload = f"{lexicon_fingerprint}\0{text}".encode("utf-8", "surrogatepass")
    return hashlib.sha256(payload).hexdigest()


class ScoreCache:
    """Persisted VADER scores: ``get`` the known ones, ``put`` new ones.

    Parameters
    ----------
    folder : path
        Folder for the cache file; created when missing.
    """

    def __init__(self, folder: str | os.PathLike):
        self.path = Path(folder) / _FILE
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with closing(self._connect()) as db, db:
            db.execute(
                "CREATE TABLE IF NOT EXISTS scores "
                "(key TEXT PRIMARY KEY, neg REAL, neu REAL, pos REAL, compound REAL)"
            )

    def _connect(self) -> sqlite3.Connection:
        return sqlite3.connect(self.path, timeout=60)

    def get(self, keys: Sequence[str]) -> dict[str, tuple[float, float, float, float]]:
        """The cached scores of those ``keys`` that are present."""
        found = {}
        unique = list(dict.fromkeys(keys))
        with closing(self._connect()) as db:
            for start in range(0, len(unique), _BATCH):
                batch = unique[start : start + _BATCH]
                marks = ",".join("?" * len(batch))
                rows = db.execute(
                    f"SELECT key, neg, neu, pos, compound FROM scores WHERE key IN ({marks})",
                    batch,
                )
                found.update((key, tuple(scores)) for key, *scores in rows)
        return found

    def put(self, items: Iterable[tuple[str, Sequence[float]]]) -> None:
        """Store ``(key, (neg, neu, pos, compound))`` pairs."""
        rows = [(key, *map(float, scores)) for key, scores in items]
        with closing(self._connect()) as db, db:
            db.executemany("INSERT OR REPLACE INTO scores VALUES (?, ?, ?, ?, ?)", rows)

    def __len__(self) -> int:
        with closing(self._connect()) as db:
            return db.execute("SELECT COUNT(*) FROM scores").fetchone()[0]
