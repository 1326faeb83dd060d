"""What the planner remembers of every message it planned (its author's name and first words,
quoted by a later reply that cannot link to it), kept in a private temporary SQLite database so
that a chat of a million messages does not hold a million entries in memory."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass

_BATCH = 512  # the latest messages, held in memory until written together


@dataclass(frozen=True, slots=True)
class Seen:
    name: str
    snippet: str


class SeenMessages:
    """Message id → ``Seen``; ids mostly grow, so a new id above every earlier one is known
    new without asking the database."""

    def __init__(self) -> None:
        self._recent: dict[int, Seen] = {}
        self._highest: int | None = None
        self._db: sqlite3.Connection | None = None

    def __contains__(self, message_id: int) -> bool:
        if self._highest is None or message_id > self._highest:
            return False
        return self.get(message_id) is not None

    def get(self, message_id: int) -> Seen | None:
        seen = self._recent.get(message_id)
        if seen is not None or self._db is None:
            return seen
        row = self._db.execute(
            "SELECT name, snippet FROM seen WHERE id = ?", (message_id,)
        ).fetchone()
        return None if row is None else Seen(str(row[0]), str(row[1]))

    def add(self, message_id: int, seen: Seen) -> None:
        self._recent[message_id] = seen
        if self._highest is None or message_id > self._highest:
            self._highest = message_id
        if len(self._recent) >= _BATCH:
            self._write()

    def close(self) -> None:
        if self._db is not None:
            self._db.close()
            self._db = None

    def _write(self) -> None:
        if self._db is None:
            # "": a private database in a temporary file, deleted when closed; its cache
            # (SQLite's default, about 2 MB) is all it keeps in memory.
            self._db = sqlite3.connect("", isolation_level=None)
            self._db.execute("PRAGMA journal_mode=OFF")
            self._db.execute("PRAGMA synchronous=OFF")
            self._db.execute(
                "CREATE TABLE seen (id INTEGER PRIMARY KEY, name TEXT NOT NULL,"
                " snippet TEXT NOT NULL)"
            )
        self._db.execute("BEGIN")
        self._db.executemany(
            "INSERT OR REPLACE INTO seen (id, name, snippet) VALUES (?, ?, ?)",
            [(key, seen.name, seen.snippet) for key, seen in self._recent.items()],
        )
        self._db.execute("COMMIT")
        self._recent.clear()
