"""What a ledger holds, read without changing it: per (server, Telegram chat) the TrueConf chat,
the posts sent, failed and pending, and when it was last written. Used by the preflight and by
``build_chat.py --status``; works offline."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import closing, contextmanager
from dataclasses import dataclass
from pathlib import Path

from migrator.errors import MigratorError
from migrator.i18n import tr


@dataclass(frozen=True, slots=True)
class LedgerChat:
    server: str
    chat_key: str
    chat_id: str | None  # None: the chat was never created (or its creation never confirmed)
    posted: int
    failed: int
    pending: int  # planned or sending: the next run sends (or reconciles) them
    last_run: float | None  # Unix time of the last change
    sent_keys: frozenset[str] = frozenset()  # post keys already in the chat


@contextmanager
def _read_only(path: Path) -> Iterator[sqlite3.Connection]:
    try:
        db = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    except sqlite3.Error as exc:
        raise MigratorError(
            tr("ledger_view.unreadable", path=path.resolve(), error=exc),
            hint=tr("ledger_view.unreadable_hint"),
        ) from exc
    with closing(db):
        yield db


def read_ledger(path: Path) -> list[LedgerChat]:
    """Every chat the ledger at ``path`` holds, by server then chat; [] when there is no file."""
    if not path.is_file():
        return []
    with _read_only(path) as db:
        try:
            chats = {
                (str(server), str(key)): (str(chat_id), float(created))
                for server, key, chat_id, created in db.execute(
                    "SELECT server, chat_key, trueconf_chat_id, created_at FROM chats"
                )
            }
            posts = db.execute(
                "SELECT server, chat_key, post_key, state, updated_at FROM posts"
            ).fetchall()
        except sqlite3.Error as exc:
            raise MigratorError(
                tr("ledger_view.unreadable", path=path.resolve(), error=exc),
                hint=tr("ledger_view.unreadable_hint"),
            ) from exc
    counts: dict[tuple[str, str], dict[str, int]] = {}
    sent: dict[tuple[str, str], set[str]] = {}
    last: dict[tuple[str, str], float] = {scope: created for scope, (_, created) in chats.items()}
    for server, key, post_key, state, updated in posts:
        scope = (str(server), str(key))
        counts.setdefault(scope, {}).setdefault(str(state), 0)
        counts[scope][str(state)] += 1
        if state == "sent":
            sent.setdefault(scope, set()).add(str(post_key))
        last[scope] = max(last.get(scope, 0.0), float(updated))
    result = []
    for scope in sorted(chats.keys() | counts.keys()):
        states = counts.get(scope, {})
        result.append(
            LedgerChat(
                server=scope[0],
                chat_key=scope[1],
                chat_id=chats[scope][0] if scope in chats else None,
                posted=states.get("sent", 0),
                failed=states.get("failed", 0),
                pending=states.get("planned", 0) + states.get("sending", 0),
                last_run=last.get(scope),
                sent_keys=frozenset(sent.get(scope, ())),
            )
        )
    return result


def ledger_chat(path: Path, *, server: str, chat_key: str) -> LedgerChat | None:
    """The ledger's record of one chat on one server, None when it has none."""
    for chat in read_ledger(path):
        if chat.server == server and chat.chat_key == chat_key:
            return chat
    return None
