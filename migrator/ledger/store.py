"""The migration ledger: what was sent where, kept in SQLite so a re-run never duplicates.

One file holds any number of (server, Telegram chat) scopes. Per scope it records the TrueConf chat
id and, per post key, ``planned → sending → sent(message id)`` or ``failed(reason)``. Every state
change is committed before the sender goes on, except two: the posts of a window sent together
are marked ``sending`` in one transaction before any goes out, and a ``sent`` mark may wait for
the next transaction (``mark_sent_soon``). So a crash leaves at most the last window of a chat
(or its last post and the one being sent) in ``sending``, which the sender reconciles by reading
the chat back.

The chat itself follows the same protocol: ``creating`` (title, type, the ids of the owner's chats
that already bore that title, the time) is committed before the chat is created, and replaced by
the chat id once the server answers. A ``creating`` left by a crash tells the next run to look
for the chat among the owner's chats before creating another.
"""

from __future__ import annotations

import contextlib
import json
import os
import sqlite3
import tempfile
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from migrator.errors import MigratorError
from migrator.plan.post import PostKey
from migrator.private_files import private_dir

# Version 1: the ledger as it was before it had a version (a file without one, holding our
# ``chats`` table, is taken for version 0 and brought forward).
_V1_TABLES = (
    """CREATE TABLE IF NOT EXISTS chats (
    server TEXT NOT NULL,
    chat_key TEXT NOT NULL,
    trueconf_chat_id TEXT NOT NULL,
    created_at REAL NOT NULL,
    PRIMARY KEY (server, chat_key)
)""",
    """CREATE TABLE IF NOT EXISTS posts (
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
)""",
    "CREATE INDEX IF NOT EXISTS posts_by_chat ON posts (server, chat_key, seq)",
    """CREATE TABLE IF NOT EXISTS chat_creations (
    server TEXT NOT NULL,
    chat_key TEXT NOT NULL,
    title TEXT NOT NULL,
    chat_type TEXT NOT NULL,
    existing_ids TEXT NOT NULL,
    started_at REAL NOT NULL,
    PRIMARY KEY (server, chat_key)
)""",
)


def _to_v1(db: sqlite3.Connection) -> None:
    for statement in _V1_TABLES:
        db.execute(statement)


def _to_v2(db: sqlite3.Connection) -> None:
    """``--repair``: the message id the server lost, kept when a post is sent again."""
    db.execute("ALTER TABLE posts ADD COLUMN lost_message_id TEXT")


def _to_v3(db: sqlite3.Connection) -> None:
    """Reconciliation fingerprints: the server's id of the sending session (``bot.me_id``) and
    the size of the uploaded file. Posts recorded before have them empty (reconciliation then
    compares the login and ignores the size)."""
    db.execute("ALTER TABLE posts ADD COLUMN author_id TEXT")
    db.execute("ALTER TABLE posts ADD COLUMN file_size INTEGER")


# MIGRATIONS[n] brings a ledger from version n to n + 1, inside one transaction. Append only.
MIGRATIONS: tuple[Callable[[sqlite3.Connection], None], ...] = (_to_v1, _to_v2, _to_v3)
LATEST_VERSION = len(MIGRATIONS)
APPLICATION_ID = 0x54434D4C  # "TCML": marks the file as a migration ledger (PRAGMA application_id)
_SQLITE_HEADER = b"SQLite format 3\x00"

# What the administrator reads (kept together for the message catalogue).
_CANNOT_OPEN = "Cannot open the migration ledger {path}: {error}"
_CANNOT_OPEN_HINT = "Check the folder is writable, or choose another file with --ledger PATH."
_EMPTY = (
    "The migration ledger {path} is empty (0 bytes): what it recorded (the chat, the posts "
    "already sent) is lost"
)
_NOT_A_LEDGER = "{path} is not a migration ledger ({why})"
_NOT_SQLITE = "not an SQLite database"
_FOREIGN = "an SQLite database of another program"
_REPLACE_HINT = (
    "restore the ledger from a backup, or give the right file with --ledger PATH. Only if "
    "neither is possible, move this file away: the next run then starts a new ledger and "
    "creates a new chat (the chat the lost ledger knew stays as it is)"
)
_NEWER = (
    "The migration ledger {path} was written by a newer version of the migrator (ledger "
    "version {found}; this version reads up to {latest})"
)
_NEWER_HINT = "run the newer version of the migrator that wrote it; this one must not change it"
_UNREADABLE = "The migration ledger {path} cannot be read: {error}"
_UNKNOWN_STATE = "The migration ledger {path} holds post {key} in an unknown state {state!r}"
_UNKNOWN_STATE_HINT = (
    "the file was edited by hand or written by a newer version of the migrator: run that "
    "version, or restore the ledger from a backup"
)
_WRITE_FAILED = "Cannot write to the migration ledger {path}: {error}"
_WRITE_FAILED_HINT = (
    "free disk space or make the file writable, then run the same command again: the run "
    "stopped before sending anything more, and the next one resumes where it stopped"
)


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
    lost_message_id: str | None = None  # set by --repair: the server lost it; sent again
    author_id: str | None = None  # the server's id of the sender's session
    file_size: int | None = None  # the size of the uploaded file


@dataclass(frozen=True, slots=True)
class SendingEntry:
    """What ``sending`` records of one post: what identifies it on the server."""

    key: PostKey
    seq: int
    author: str
    sent_text: str
    file_name: str | None = None
    author_id: str | None = None
    file_size: int | None = None


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
            private_dir(path.parent)
            if not path.exists():
                _create(path)  # 0600: SQLite gives its -wal and -shm files the same mode
            _check_header(path)
            self._db = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
        except OSError as exc:
            raise LedgerError(
                _CANNOT_OPEN.format(path=path, error=exc), hint=_CANNOT_OPEN_HINT
            ) from exc
        except sqlite3.DatabaseError as exc:
            raise _unreadable(path, exc) from exc
        try:
            self._supported_version()  # before anything writes to a file that may not be ours
            self._db.execute("PRAGMA journal_mode=WAL")
            # WAL + NORMAL survives a killed process (not a power cut): enough for resumability.
            self._db.execute("PRAGMA synchronous=NORMAL")
            self._upgrade()
            self._check_states()
        except sqlite3.DatabaseError as exc:
            self._db.close()
            raise _unreadable(path, exc) from exc
        except LedgerError:
            self._db.close()
            raise

    def _version(self) -> int:
        """The schema version, or ``LedgerError`` when the file is not our ledger."""
        application_id = self._db.execute("PRAGMA application_id").fetchone()[0]
        version = int(self._db.execute("PRAGMA user_version").fetchone()[0])
        if application_id == APPLICATION_ID and version >= 1:
            return version
        if application_id == 0 and version == 0 and _has_v1_chats(self._db):
            return 0  # a ledger from before versions: brought to version 1 by MIGRATIONS[0]
        raise LedgerError(_NOT_A_LEDGER.format(path=self.path, why=_FOREIGN), hint=_REPLACE_HINT)

    def _check_states(self) -> None:
        """Every post state must be one this version knows, before anything is done."""
        rows = self._db.execute("SELECT state, MIN(post_key) FROM posts GROUP BY state")
        for state, post_key in rows.fetchall():
            self.state_of(str(post_key), str(state))

    def _supported_version(self) -> int:
        version = self._version()
        if version > LATEST_VERSION:
            raise LedgerError(
                _NEWER.format(path=self.path, found=version, latest=LATEST_VERSION),
                hint=_NEWER_HINT,
            )
        return version

    def _upgrade(self) -> None:
        """Run the migrations the file lacks, each in its own transaction."""
        while True:
            self._db.execute("BEGIN IMMEDIATE")
            try:
                version = self._supported_version()
                if version == LATEST_VERSION:
                    self._db.execute("COMMIT")
                    return
                MIGRATIONS[version](self._db)
                self._db.execute(f"PRAGMA user_version = {version + 1}")
                self._db.execute(f"PRAGMA application_id = {APPLICATION_ID}")
            except BaseException:
                self._db.execute("ROLLBACK")
                raise
            self._db.execute("COMMIT")

    def close(self) -> None:
        self._db.close()

    def __enter__(self) -> Ledger:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """One write; a failure to write (disk full, read-only file) is a ``LedgerError``."""
        try:
            self._db.execute("BEGIN IMMEDIATE")
        except sqlite3.Error as exc:
            raise self._write_failed(exc) from exc
        try:
            yield self._db
        except sqlite3.Error as exc:
            self._rollback()
            raise self._write_failed(exc) from exc
        except BaseException:
            self._rollback()
            raise
        try:
            self._db.execute("COMMIT")
        except sqlite3.Error as exc:
            self._rollback()
            raise self._write_failed(exc) from exc

    def _rollback(self) -> None:
        with contextlib.suppress(sqlite3.Error):  # SQLite may have rolled back already
            self._db.execute("ROLLBACK")

    def _write_failed(self, error: sqlite3.Error) -> LedgerError:
        return LedgerError(
            _WRITE_FAILED.format(path=self.path, error=error), hint=_WRITE_FAILED_HINT
        )

    def state_of(self, key: str, value: str) -> PostState:
        try:
            return PostState(value)
        except ValueError:
            raise LedgerError(
                _UNKNOWN_STATE.format(path=self.path, key=key, state=value),
                hint=_UNKNOWN_STATE_HINT,
            ) from None

    def chat(self, *, server: str, chat_key: str) -> ChatLedger:
        return ChatLedger(self, server=server, chat_key=chat_key)


def _create(path: Path) -> None:
    """A new ledger at the latest version, built beside ``path`` and renamed into place: a run
    stopped while creating it leaves no half-made ledger (mode 0600: it holds chat text)."""
    descriptor, temporary = tempfile.mkstemp(
        dir=path.parent, prefix=f".{path.name}.", suffix=".new"
    )
    os.close(descriptor)
    try:
        db = sqlite3.connect(temporary, isolation_level=None)
        try:
            db.execute("BEGIN IMMEDIATE")
            for migration in MIGRATIONS:
                migration(db)
            db.execute(f"PRAGMA user_version = {LATEST_VERSION}")
            db.execute(f"PRAGMA application_id = {APPLICATION_ID}")
            db.execute("COMMIT")
            db.execute("PRAGMA journal_mode=WAL")
        finally:
            db.close()
        Path(temporary).replace(path)
    except BaseException:
        with contextlib.suppress(OSError):
            Path(temporary).unlink()
        raise


def _check_header(path: Path) -> None:
    with path.open("rb") as stream:
        header = stream.read(len(_SQLITE_HEADER))
    if not header:
        raise LedgerError(_EMPTY.format(path=path), hint=_REPLACE_HINT)
    if header != _SQLITE_HEADER:
        raise LedgerError(_NOT_A_LEDGER.format(path=path, why=_NOT_SQLITE), hint=_REPLACE_HINT)


def _has_v1_chats(db: sqlite3.Connection) -> bool:
    columns = {row[1] for row in db.execute("PRAGMA table_info(chats)").fetchall()}
    return {"server", "chat_key", "trueconf_chat_id"} <= columns


def _unreadable(path: Path, error: sqlite3.Error) -> LedgerError:
    if isinstance(error, sqlite3.DatabaseError) and "not a database" in str(error):
        return LedgerError(_NOT_A_LEDGER.format(path=path, why=_NOT_SQLITE), hint=_REPLACE_HINT)
    return LedgerError(_UNREADABLE.format(path=path, error=error), hint=_REPLACE_HINT)


def _text(value: object) -> str | None:
    return None if value is None else str(value)


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
        # ``sent`` marks not written yet: they go into the next transaction (before its own
        # writes), or are written by the next read or ``flush``. A crash before then leaves the
        # posts in ``sending``, which the next run reconciles.
        self._unwritten: list[tuple[PostKey, str, str | None]] = []
        # Posts marked ``sending`` before their turn (``mark_sending_ahead``), until their own
        # ``mark_sending`` finds the entry written already, or another write changes them.
        self._ahead: dict[PostKey, SendingEntry] = {}

    @contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection]:
        with self._ledger.transaction() as db:
            for key, message_id, caption_id in self._unwritten:
                self._update_in(
                    key,
                    PostState.SENT,
                    message_id=message_id,
                    reason=None,
                    caption_message_id=caption_id,
                )
            yield db
        self._unwritten.clear()

    def flush(self) -> None:
        """Write the ``sent`` marks held back by ``mark_sent_soon``."""
        if self._unwritten:
            with self._transaction():
                pass

    def mark_sent_soon(
        self, key: PostKey, message_id: str, *, caption_message_id: str | None = None
    ) -> None:
        """``sent``, written with the next transaction (one commit fewer per post): the post
        stays ``sending`` in the file until then."""
        self._unwritten.append((key, message_id, caption_message_id))

    # -- the TrueConf chat ---------------------------------------------------------------------

    def chat_id(self) -> str | None:
        row = self._db.execute(
            "SELECT trueconf_chat_id FROM chats WHERE server = ? AND chat_key = ?",
            (self.server, self.chat_key),
        ).fetchone()
        return None if row is None else str(row[0])

    def set_chat_id(self, chat_id: str) -> None:
        """Record the chat (``creating`` → the chat id, in one transaction)."""
        with self._transaction() as db:
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
        with self._transaction() as db:
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
        self._ahead.clear()
        with self._transaction() as db:
            db.execute(
                "DELETE FROM chats WHERE server = ? AND chat_key = ?", (self.server, self.chat_key)
            )
            db.execute(
                "DELETE FROM posts WHERE server = ? AND chat_key = ?", (self.server, self.chat_key)
            )

    # -- posts ---------------------------------------------------------------------------------

    def records(self) -> dict[PostKey, PostRecord]:
        self.flush()
        rows = self._db.execute(
            "SELECT post_key, seq, state, author, sent_text, file_name, trueconf_message_id,"
            " reason, caption_message_id, lost_message_id, author_id, file_size FROM posts"
            " WHERE server = ? AND chat_key = ? ORDER BY seq",
            (self.server, self.chat_key),
        ).fetchall()
        records = (self._record(PostKey.parse(row[0]), row[1:]) for row in rows)
        return {record.key: record for record in records}

    def records_of(self, keys: Iterable[PostKey]) -> dict[PostKey, PostRecord]:
        """The records of these posts (those the ledger holds), as written now: the next posts
        of a chat read a chunk at a time, never the whole chat."""
        wanted = {str(key): key for key in keys}
        rows = self._db.execute(
            "SELECT post_key, seq, state, author, sent_text, file_name, trueconf_message_id,"
            " reason, caption_message_id, lost_message_id, author_id, file_size FROM posts"
            # "+chat_key": looked up by the primary key, not by scanning the chat's index
            " WHERE server = ? AND +chat_key = ?"
            " AND post_key IN (SELECT value FROM json_each(?))",
            (self.server, self.chat_key, json.dumps(list(wanted))),
        ).fetchall()
        return {wanted[str(row[0])]: self._record(wanted[str(row[0])], row[1:]) for row in rows}

    def in_state(self, state: PostState) -> list[PostRecord]:
        """The chat's posts in ``state``, in order (``sending``: the few a crash left)."""
        self.flush()
        rows = self._db.execute(
            "SELECT post_key, seq, state, author, sent_text, file_name, trueconf_message_id,"
            " reason, caption_message_id, lost_message_id, author_id, file_size FROM posts"
            " WHERE server = ? AND chat_key = ? AND state = ? ORDER BY seq",
            (self.server, self.chat_key, state.value),
        ).fetchall()
        return [self._record(PostKey.parse(row[0]), row[1:]) for row in rows]

    def message_id_of(self, key: PostKey) -> str | None:
        """The message id of a post of this chat the ledger has as sent (a ``sent`` mark not
        written yet included), else None: how a reply finds the message it answers."""
        for unwritten, message_id, _ in reversed(self._unwritten):
            if unwritten == key:
                return message_id
        row = self._db.execute(
            "SELECT trueconf_message_id FROM posts WHERE server = ? AND post_key = ?"
            " AND chat_key = ? AND state = 'sent'",
            (self.server, str(key), self.chat_key),
        ).fetchone()
        return None if row is None or row[0] is None else str(row[0])

    def sent_message_ids(self) -> set[str]:
        """Every message id (and caption id) the chat's posts were sent as."""
        self.flush()
        rows = self._db.execute(
            "SELECT trueconf_message_id, caption_message_id FROM posts"
            " WHERE server = ? AND chat_key = ?",
            (self.server, self.chat_key),
        )
        return {str(value) for row in rows for value in row if value}

    def lost_keys(self) -> frozenset[PostKey]:
        """The posts ``--repair`` sent again because the server had lost them."""
        rows = self._db.execute(
            "SELECT post_key FROM posts WHERE server = ? AND chat_key = ?"
            " AND lost_message_id IS NOT NULL AND lost_message_id != ''",
            (self.server, self.chat_key),
        )
        return frozenset(PostKey.parse(row[0]) for row in rows)

    def record(self, key: PostKey) -> PostRecord | None:
        self.flush()
        row = self._db.execute(
            "SELECT seq, state, author, sent_text, file_name, trueconf_message_id, reason,"
            " caption_message_id, lost_message_id, author_id, file_size FROM posts"
            " WHERE server = ? AND post_key = ?",
            (self.server, str(key)),
        ).fetchone()
        return None if row is None else self._record(key, row)

    def mark_planned(self, keys: Iterable[tuple[PostKey, int]]) -> None:
        """Record posts as planned (keeps any state already recorded)."""
        now = time.time()
        with self._transaction() as db:
            db.executemany(
                "INSERT OR IGNORE INTO posts (server, chat_key, post_key, seq, state, updated_at)"
                " VALUES (?, ?, ?, ?, ?, ?)",
                [
                    (self.server, self.chat_key, str(key), seq, PostState.PLANNED.value, now)
                    for key, seq in keys
                ],
            )

    def _record(self, key: PostKey, row: tuple[object, ...]) -> PostRecord:
        seq, state, author, text, file_name, message_id, reason, caption, lost, author_id, size = (
            row
        )
        return PostRecord(
            key,
            int(str(seq)),
            self._ledger.state_of(str(key), str(state)),
            author=_text(author),
            sent_text=_text(text),
            file_name=_text(file_name),
            message_id=_text(message_id),
            reason=_text(reason),
            caption_message_id=_text(caption),
            lost_message_id=_text(lost),
            author_id=_text(author_id),
            file_size=None if size is None else int(str(size)),
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
        entry = SendingEntry(key, seq, author, sent_text, file_name, author_id, file_size)
        if self._ahead.pop(key, None) == entry:
            return  # written by ``mark_sending_ahead``
        self.mark_sending_all([entry])

    def mark_sending_ahead(self, entries: Iterable[SendingEntry]) -> None:
        """``sending`` for the next posts, in one transaction, before their turn (one commit for
        many posts sent one at a time). A post's own ``mark_sending`` then writes nothing when
        its entry is the one written; ``release_ahead`` returns the posts not sent to
        ``planned``. A crash leaves them ``sending``: the next run looks each up in the chat's
        history, in order, as it does for any interrupted post."""
        entries = list(entries)
        self.mark_sending_all(entries)
        self._ahead.update((entry.key, entry) for entry in entries)

    def marked_ahead(self, key: PostKey) -> bool:
        return key in self._ahead

    def release_ahead(self) -> None:
        """The posts marked ahead and not sent (the run stopped first) back to ``planned``."""
        if not self._ahead:
            return
        keys = list(self._ahead)
        with self._transaction() as db:
            db.executemany(
                "UPDATE posts SET state = 'planned', updated_at = ?"
                " WHERE server = ? AND post_key = ? AND state = 'sending'",
                [(time.time(), self.server, str(key)) for key in keys],
            )
        self._ahead.clear()

    def mark_sending_all(self, entries: Iterable[SendingEntry]) -> None:
        """``sending`` for the posts of a window, in one transaction, before any goes out."""
        now = time.time()
        rows = []
        for entry in entries:
            self._ahead.pop(entry.key, None)
            rows.append(
                (
                    self.server,
                    self.chat_key,
                    str(entry.key),
                    entry.seq,
                    PostState.SENDING.value,
                    entry.author,
                    entry.sent_text,
                    entry.file_name,
                    entry.author_id,
                    entry.file_size,
                    now,
                )
            )
        with self._transaction() as db:
            db.executemany(
                "INSERT INTO posts (server, chat_key, post_key, seq, state, author, sent_text,"
                " file_name, author_id, file_size, updated_at)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                " ON CONFLICT (server, post_key) DO UPDATE SET seq = excluded.seq,"
                " state = excluded.state, author = excluded.author,"
                " sent_text = excluded.sent_text, file_name = excluded.file_name,"
                " author_id = excluded.author_id, file_size = excluded.file_size,"
                " trueconf_message_id = NULL, reason = NULL, updated_at = excluded.updated_at",
                rows,
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

    def mark_lost(self, keys: Iterable[PostKey]) -> None:
        """``--repair``: sent posts whose message the server no longer has are to be sent again
        (``planned``); the lost message id is kept, so reports and ``--verify`` know they were
        re-sent out of order. One transaction for all of them."""
        with self._transaction() as db:
            db.executemany(
                "UPDATE posts SET state = 'planned', lost_message_id = trueconf_message_id,"
                " trueconf_message_id = NULL, caption_message_id = NULL, reason = NULL,"
                " updated_at = ? WHERE server = ? AND post_key = ? AND state = 'sent'",
                [(time.time(), self.server, str(key)) for key in keys],
            )

    def last_sent_message_id(self, *, before_seq: int | None = None) -> str | None:
        self.flush()
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

    def _update(
        self,
        key: PostKey,
        state: PostState,
        *,
        message_id: str | None,
        reason: str | None,
        caption_message_id: str | None = None,
    ) -> None:
        with self._transaction():
            self._update_in(
                key,
                state,
                message_id=message_id,
                reason=reason,
                caption_message_id=caption_message_id,
            )

    def _update_in(
        self,
        key: PostKey,
        state: PostState,
        *,
        message_id: str | None,
        reason: str | None,
        caption_message_id: str | None = None,
    ) -> None:
        """The body of ``_update``, inside a transaction the caller holds."""
        self._ahead.pop(key, None)
        db = self._db
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
