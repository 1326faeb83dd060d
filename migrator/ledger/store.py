"""The migration ledger: what was sent where, kept in SQLite so a re-run never duplicates.

One file holds any number of (server, Telegram chat) scopes. Per scope it records the TrueConf chat
id and, per post key, ``planned → sending → sent(message id)`` or ``failed(reason)``. Every state
change is its own transaction, so a crash leaves at most one post of a chat in ``sending``
(posts of a chat are sent one after another); the sender reconciles it by reading the chat back.

The chat itself follows the same protocol: ``creating`` (title, type, the ids of the owner's chats
that already bore that title, the time) is committed before the chat is created, and replaced by
the chat id once the server answers. A ``creating`` left by a crash tells the next run to look
for the chat among the owner's chats before creating another.
"""

from __future__ import annotations

import json
import sqlite3
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from migrator.errors import MigratorError
from migrator.plan.post import PostKey

_SCHEMA = """
CREATE TABLE IF NOT EXISTS chats (
    server TEXT NOT NULL,
    chat_key TEXT NOT NULL,
    trueconf_chat_id TEXT NOT NULL,
    created_at REAL NOT NULL,
    PRIMARY KEY (server, chat_key)
);
CREATE TABLE IF NOT EXISTS posts (
    server TEXT NOT NULL,
    chat_key TEXT NOT NULL,
    post_key TEXT NOT NULL,
    seq INTEGER NOT NULL,
    state TEXT NOT NULL,
    author TEXT,
    sent_text TEXT,
    file_name TEXT,
    trueconf_message_id TEXT,
    caption_message_id TEXT,
    reason TEXT,
    updated_at REAL NOT NULL,
    PRIMARY KEY (server, post_key)
);
CREATE INDEX IF NOT EXISTS posts_by_chat ON posts (server, chat_key, seq);
CREATE TABLE IF NOT EXISTS chat_creations (
    server TEXT NOT NULL,
    chat_key TEXT NOT NULL,
    title TEXT NOT NULL,
    chat_type TEXT NOT NULL,
    existing_ids TEXT NOT NULL,
    started_at REAL NOT NULL,
    PRIMARY KEY (server, chat_key)
);
"""


# -- reconciliation fingerprint columns (branch door) ------------------------------------------
# Added to ``posts`` after the tables above exist; a ledger written before them gets them empty
# (reconciliation then falls back to the login and ignores the size).
_FINGERPRINT_COLUMNS = (
    ("author_id", "TEXT"),  # the server's id of the sending session (bot.me_id)
    ("file_size", "INTEGER"),  # the size of the uploaded file
)


def _add_fingerprint_columns(db: sqlite3.Connection) -> None:
    present = {str(row[1]) for row in db.execute("PRAGMA table_info(posts)")}
    for name, sql_type in _FINGERPRINT_COLUMNS:
        if name not in present:
            db.execute(f"ALTER TABLE posts ADD COLUMN {name} {sql_type}")


# -- end of the reconciliation fingerprint columns ---------------------------------------------


class LedgerError(MigratorError):
    """The ledger file cannot be opened or is not a ledger."""


class PostState(StrEnum):
    PLANNED = "planned"
    SENDING = "sending"
    SENT = "sent"
    FAILED = "failed"


@dataclass(frozen=True, slots=True)
class PostRecord:
    key: PostKey
    seq: int
    state: PostState
    author: str | None = None
    sent_text: str | None = None  # the exact text/caption sent: what reconciliation matches on
    file_name: str | None = None
    message_id: str | None = None
    reason: str | None = None
    caption_message_id: str | None = None  # a file's caption, which the server stores apart
    author_id: str | None = None  # the server's id of the sender's session
    file_size: int | None = None  # the size of the uploaded file


@dataclass(frozen=True, slots=True)
class ChatCreation:
    """A chat being created (state ``creating``): what to look for if the run stops before the
    server's answer is recorded."""

    title: str
    chat_type: str
    existing_ids: frozenset[str]  # the owner's chats with this title and type before creating
    started_at: float


class Ledger:
    """One SQLite connection per process (WAL mode); scopes share it."""

    def __init__(self, path: Path) -> None:
        self.path = path
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            self._db = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
            self._db.execute("PRAGMA journal_mode=WAL")
            # WAL + NORMAL survives a killed process (not a power cut): enough for resumability.
            self._db.execute("PRAGMA synchronous=NORMAL")
            self._db.executescript(_SCHEMA)
            _add_fingerprint_columns(self._db)
        except (OSError, sqlite3.DatabaseError) as exc:
            raise LedgerError(
                f"Cannot open the migration ledger {path}: {exc}",
                hint="Check the folder is writable, or choose another file with --ledger PATH.",
            ) from exc

    def close(self) -> None:
        self._db.close()

    def __enter__(self) -> Ledger:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        self._db.execute("BEGIN IMMEDIATE")
        try:
            yield self._db
        except BaseException:
            self._db.execute("ROLLBACK")
            raise
        self._db.execute("COMMIT")

    def chat(self, *, server: str, chat_key: str) -> ChatLedger:
        return ChatLedger(self, server=server, chat_key=chat_key)


def _record(key: PostKey, row: tuple[object, ...]) -> PostRecord:
    seq, state, author, text, file_name, message_id, reason, caption, author_id, size = row
    return PostRecord(
        key,
        int(str(seq)),
        PostState(str(state)),
        None if author is None else str(author),
        None if text is None else str(text),
        None if file_name is None else str(file_name),
        None if message_id is None else str(message_id),
        None if reason is None else str(reason),
        None if caption is None else str(caption),
        None if author_id is None else str(author_id),
        None if size is None else int(str(size)),
    )


def ledger_path_for(config_path: Path) -> Path:
    """The default ledger file: ``<config dir>/<config stem>.ledger.sqlite``."""
    return config_path.with_name(f"{config_path.stem}.ledger.sqlite")


class ChatLedger:
    """The ledger of one Telegram chat migrated to one server."""

    def __init__(self, ledger: Ledger, *, server: str, chat_key: str) -> None:
        self._ledger = ledger
        self._db = ledger._db
        self.server = server
        self.chat_key = chat_key

    # -- the TrueConf chat ---------------------------------------------------------------------

    def chat_id(self) -> str | None:
        row = self._db.execute(
            "SELECT trueconf_chat_id FROM chats WHERE server = ? AND chat_key = ?",
            (self.server, self.chat_key),
        ).fetchone()
        return None if row is None else str(row[0])

    def set_chat_id(self, chat_id: str) -> None:
        """Record the chat (``creating`` → the chat id, in one transaction)."""
        with self._ledger.transaction() as db:
            db.execute(
                "INSERT OR REPLACE INTO chats (server, chat_key, trueconf_chat_id, created_at)"
                " VALUES (?, ?, ?, ?)",
                (self.server, self.chat_key, chat_id, time.time()),
            )
            db.execute(
                "DELETE FROM chat_creations WHERE server = ? AND chat_key = ?",
                (self.server, self.chat_key),
            )

    def mark_creating(self, *, title: str, chat_type: str, existing_ids: Iterable[str]) -> None:
        """Committed before the chat is created: a crash before ``set_chat_id`` leaves it."""
        with self._ledger.transaction() as db:
            db.execute(
                "INSERT OR REPLACE INTO chat_creations (server, chat_key, title, chat_type,"
                " existing_ids, started_at) VALUES (?, ?, ?, ?, ?, ?)",
                (
                    self.server,
                    self.chat_key,
                    title,
                    chat_type,
                    json.dumps(sorted(set(existing_ids))),
                    time.time(),
                ),
            )

    def creation(self) -> ChatCreation | None:
        """The ``creating`` marker of a chat whose id was never recorded, if any."""
        row = self._db.execute(
            "SELECT title, chat_type, existing_ids, started_at FROM chat_creations"
            " WHERE server = ? AND chat_key = ?",
            (self.server, self.chat_key),
        ).fetchone()
        if row is None:
            return None
        title, chat_type, existing, started_at = row
        return ChatCreation(
            str(title), str(chat_type), frozenset(str(i) for i in json.loads(existing)), started_at
        )

    def claimed_chat_ids(self) -> set[str]:
        """Chat ids recorded for any Telegram chat on this server (never adopted twice)."""
        rows = self._db.execute(
            "SELECT trueconf_chat_id FROM chats WHERE server = ?", (self.server,)
        ).fetchall()
        return {str(row[0]) for row in rows}

    def forget(self) -> None:
        """Drop the chat and every post record (``--new-chat``): the next run starts afresh.

        A ``creating`` marker stays: the chat it stands for was never used, and the next run
        adopts it rather than leave it behind empty.
        """
        with self._ledger.transaction() as db:
            db.execute(
                "DELETE FROM chats WHERE server = ? AND chat_key = ?", (self.server, self.chat_key)
            )
            db.execute(
                "DELETE FROM posts WHERE server = ? AND chat_key = ?", (self.server, self.chat_key)
            )

    # -- posts ---------------------------------------------------------------------------------

    def records(self) -> dict[PostKey, PostRecord]:
        rows = self._db.execute(
            "SELECT post_key, seq, state, author, sent_text, file_name, trueconf_message_id,"
            " reason, caption_message_id, author_id, file_size FROM posts"
            " WHERE server = ? AND chat_key = ? ORDER BY seq",
            (self.server, self.chat_key),
        ).fetchall()
        records = (_record(PostKey.parse(row[0]), row[1:]) for row in rows)
        return {record.key: record for record in records}

    def record(self, key: PostKey) -> PostRecord | None:
        row = self._db.execute(
            "SELECT seq, state, author, sent_text, file_name, trueconf_message_id, reason,"
            " caption_message_id, author_id, file_size FROM posts"
            " WHERE server = ? AND post_key = ?",
            (self.server, str(key)),
        ).fetchone()
        return None if row is None else _record(key, row)

    def mark_planned(self, keys: Iterable[tuple[PostKey, int]]) -> None:
        """Record posts as planned (keeps any state already recorded)."""
        now = time.time()
        with self._ledger.transaction() as db:
            db.executemany(
                "INSERT OR IGNORE INTO posts (server, chat_key, post_key, seq, state, updated_at)"
                " VALUES (?, ?, ?, ?, ?, ?)",
                [
                    (self.server, self.chat_key, str(key), seq, PostState.PLANNED.value, now)
                    for key, seq in keys
                ],
            )

    def mark_sending(
        self,
        key: PostKey,
        *,
        seq: int,
        author: str,
        sent_text: str,
        file_name: str | None,
        author_id: str | None = None,
        file_size: int | None = None,
    ) -> None:
        self._upsert(
            key,
            seq=seq,
            state=PostState.SENDING,
            author=author,
            sent_text=sent_text,
            file_name=file_name,
        )
        self._set_fingerprint(key, author_id=author_id, file_size=file_size)

    def _set_fingerprint(
        self, key: PostKey, *, author_id: str | None, file_size: int | None
    ) -> None:
        with self._ledger.transaction() as db:
            db.execute(
                "UPDATE posts SET author_id = ?, file_size = ? WHERE server = ? AND post_key = ?",
                (author_id, file_size, self.server, str(key)),
            )

    def mark_sent(
        self, key: PostKey, message_id: str, *, caption_message_id: str | None = None
    ) -> None:
        self._update(
            key,
            PostState.SENT,
            message_id=message_id,
            reason=None,
            caption_message_id=caption_message_id,
        )

    def mark_failed(self, key: PostKey, reason: str) -> None:
        self._update(key, PostState.FAILED, message_id=None, reason=reason)

    def mark_planned_again(self, key: PostKey) -> None:
        """A ``sending`` post that reconciliation did not find on the server: send it again."""
        self._update(key, PostState.PLANNED, message_id=None, reason=None)

    def last_sent_message_id(self, *, before_seq: int | None = None) -> str | None:
        query = (
            "SELECT trueconf_message_id FROM posts WHERE server = ? AND chat_key = ?"
            " AND state = 'sent'"
        )
        params: list[object] = [self.server, self.chat_key]
        if before_seq is not None:
            query += " AND seq < ?"
            params.append(before_seq)
        row = self._db.execute(query + " ORDER BY seq DESC LIMIT 1", params).fetchone()
        return None if row is None else str(row[0])

    def _upsert(
        self,
        key: PostKey,
        *,
        seq: int,
        state: PostState,
        author: str,
        sent_text: str,
        file_name: str | None,
    ) -> None:
        with self._ledger.transaction() as db:
            db.execute(
                "INSERT INTO posts (server, chat_key, post_key, seq, state, author, sent_text,"
                " file_name, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"
                " ON CONFLICT (server, post_key) DO UPDATE SET seq = excluded.seq,"
                " state = excluded.state, author = excluded.author,"
                " sent_text = excluded.sent_text, file_name = excluded.file_name,"
                " trueconf_message_id = NULL, reason = NULL, updated_at = excluded.updated_at",
                (
                    self.server,
                    self.chat_key,
                    str(key),
                    seq,
                    state.value,
                    author,
                    sent_text,
                    file_name,
                    time.time(),
                ),
            )

    def _update(
        self,
        key: PostKey,
        state: PostState,
        *,
        message_id: str | None,
        reason: str | None,
        caption_message_id: str | None = None,
    ) -> None:
        with self._ledger.transaction() as db:
            cursor = db.execute(
                "UPDATE posts SET state = ?, trueconf_message_id = ?, reason = ?, updated_at = ?,"
                " caption_message_id = ? WHERE server = ? AND post_key = ?",
                (
                    state.value,
                    message_id,
                    reason,
                    time.time(),
                    caption_message_id,
                    self.server,
                    str(key),
                ),
            )
            if cursor.rowcount == 0:
                db.execute(
                    "INSERT INTO posts (server, chat_key, post_key, seq, state,"
                    " trueconf_message_id, reason, updated_at) VALUES (?, ?, ?, -1, ?, ?, ?, ?)",
                    (
                        self.server,
                        self.chat_key,
                        str(key),
                        state.value,
                        message_id,
                        reason,
                        time.time(),
                    ),
                )
