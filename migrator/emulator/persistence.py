"""Keeping the state in a folder (``--data DIR``) so that it survives a restart, even a kill.

``journal.jsonl`` is append-only: a header line (format, domain, signing key, so that issued
tokens stay valid), then one line per committed change holding the records it touched as they
are after it (users with password hashes only, chats without their message list, messages, file
records), or the removal of those that are gone. A change is committed (written and flushed to
disk) before the request that made it is answered. On start the journal is replayed, then
rewritten compactly (one line per record). A last line cut short by a crash is dropped: its
request was never answered. File bodies live in ``files/``; upload tasks and not-yet-sent
uploads are deliberately not kept (clients retry them).
"""

from __future__ import annotations

import asyncio
import json
import os
from collections.abc import Iterable, Iterator
from dataclasses import asdict
from pathlib import Path
from typing import IO, Any

from migrator.emulator.blobs import write_atomically
from migrator.emulator.config import EmulatorConfig
from migrator.emulator.model import (
    Chat,
    ChatType,
    Message,
    MessageType,
    Participant,
    Preview,
    StoredFile,
    User,
)
from migrator.emulator.state import RecordKey, ServerState

JOURNAL_FILE = "journal.jsonl"
FORMAT_VERSION = 2
KINDS = ("user", "chat", "message", "file")

Record = dict[str, Any]


def record_json(state: ServerState, key: RecordKey) -> Record | None:
    """The record ``key`` names as the journal keeps it, or ``None`` when it is gone."""
    kind, name = key
    if kind == "user":
        user = state.users.get(name)
        return None if user is None else asdict(user)
    if kind == "chat":
        chat = state.chats.get(name)
        if chat is None:
            return None
        body = asdict(chat)
        body.pop("message_ids")
        body["chat_type"] = int(chat.chat_type)
        return body
    if kind == "message":
        message = state.messages.get(name)
        if message is None:
            return None
        body = asdict(message)
        body["type"] = int(message.type)
        return body
    if kind == "file":
        stored = state.files.get(name)
        return None if stored is None else asdict(stored)
    raise ValueError(f"unknown record kind {kind!r}")


def _apply(state: ServerState, kind: str, name: str, body: Record | None) -> None:
    tables: dict[str, dict[str, Any]] = {
        "user": state.users,
        "chat": state.chats,
        "message": state.messages,
        "file": state.files,
    }
    table = tables[kind]
    if body is None:
        table.pop(name, None)
    elif kind == "user":
        table[name] = User(**body)
    elif kind == "chat":
        participants = {k: Participant(**v) for k, v in body.pop("participants").items()}
        chat = Chat(**body, participants=participants)
        chat.chat_type = ChatType(chat.chat_type)
        table[name] = chat
    elif kind == "message":
        message = Message(**body)
        message.type = MessageType(message.type)
        table[name] = message
    else:
        preview = body.pop("preview")
        table[name] = StoredFile(**body, preview=None if preview is None else Preview(**preview))


def _rebuild_chat_messages(state: ServerState) -> None:
    for chat in state.chats.values():
        chat.message_ids = []
    for message in sorted(state.messages.values(), key=lambda m: (m.box_id, m.box_position or "")):
        owner = state.chats.get(message.chat_id)
        if owner is None:
            continue
        owner.message_ids.append(message.message_id)
        owner.last_box = max(owner.last_box, message.box_id)


def _header(state: ServerState) -> Record:
    return {"format": FORMAT_VERSION, "domain": state.domain, "signing_key": state.signing_key}


def _line(document: Record) -> bytes:
    return json.dumps(document, ensure_ascii=False).encode() + b"\n"


def _change_line(state: ServerState, keys: Iterable[RecordKey]) -> bytes:
    records = [[kind, name, record_json(state, (kind, name))] for kind, name in sorted(keys)]
    return _line({"last_timestamp": state.last_timestamp, "records": records})


def _read_lines(path: Path) -> Iterator[tuple[int, Record | None]]:
    """(line number, document) for each line; ``None`` for a last line cut short."""
    lines = path.read_bytes().split(b"\n")
    if lines and lines[-1] == b"":
        lines.pop()
    for number, raw in enumerate(lines, start=1):
        try:
            document = json.loads(raw)
        except ValueError:
            if number == len(lines):
                yield number, None
                return
            raise ValueError(f"{path}: line {number} is not JSON") from None
        if not isinstance(document, dict):
            raise ValueError(f"{path}: line {number} is not a JSON object")
        yield number, document


def load_state(folder: Path, config: EmulatorConfig) -> ServerState:
    """The state kept in ``folder``, or a fresh one if there is none yet."""
    state = ServerState(
        domain=config.domain,
        max_file_size=config.max_file_size,
        blocked_extensions=config.blocked_extensions,
        behaviours=config.behaviours,
    )
    path = folder / JOURNAL_FILE
    if not path.is_file():
        folder.mkdir(parents=True, exist_ok=True)
        return state
    for number, document in _read_lines(path):
        if document is None:
            break
        if number == 1:
            if document.get("format") != FORMAT_VERSION:
                raise ValueError(f"{path}: unknown format {document.get('format')!r}")
            if document.get("domain") != config.domain:
                raise ValueError(
                    f"{path}: the data belongs to domain {document.get('domain')!r}, "
                    f"not {config.domain!r}"
                )
            state.signing_key = document["signing_key"]
            continue
        state.last_timestamp = max(state.last_timestamp, document["last_timestamp"])
        for kind, name, body in document["records"]:
            if kind not in KINDS:
                raise ValueError(f"{path}: line {number}: unknown record kind {kind!r}")
            _apply(state, kind, name, body)
    _rebuild_chat_messages(state)
    return state


class Journal:
    """Appends every committed change to ``journal.jsonl`` before its request is answered."""

    def __init__(self, state: ServerState, folder: Path) -> None:
        self.state = state
        self.path = folder / JOURNAL_FILE
        self._stream: IO[bytes] | None = None
        self._lock = asyncio.Lock()

    def start(self) -> None:
        """Rewrite the journal compactly from the state, then keep appending to it."""
        with self.state.lock:
            self.state.take_changes()
            self.state.track_changes = True
            keys = [("user", k) for k in self.state.users]
            keys += [("chat", k) for k in self.state.chats]
            keys += [("message", k) for k in self.state.messages]
            keys += [("file", k) for k in self.state.files]
            data = _line(_header(self.state)) + _change_line(self.state, keys)
        write_atomically(self.path, data)
        self._stream = self.path.open("ab")

    async def commit(self) -> None:
        """Make every change so far durable; returns once it is on disk."""
        async with self._lock:
            with self.state.lock:
                keys = self.state.take_changes()
                if not keys:
                    return
                data = _change_line(self.state, keys)
            await asyncio.to_thread(self._append, data)

    def _append(self, data: bytes) -> None:
        assert self._stream is not None, "Journal.start() first"
        self._stream.write(data)
        self._stream.flush()
        os.fsync(self._stream.fileno())

    async def stop(self) -> None:
        await self.commit()
        if self._stream is not None:
            self._stream.close()
            self._stream = None
