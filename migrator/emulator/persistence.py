"""Keeping the state in a folder (``--data DIR``) so that it survives a restart.

``state.json`` holds users (password hashes only), chats, messages, file records and the signing
key (so issued tokens stay valid); file bodies live in ``files/``. The saver writes the whole
document atomically a moment after each change and once more on shutdown; upload tasks and
not-yet-sent uploads are deliberately not kept (clients retry them).
"""

from __future__ import annotations

import asyncio
import contextlib
import json
from dataclasses import asdict
from pathlib import Path
from typing import Any

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
from migrator.emulator.state import ServerState

STATE_FILE = "state.json"
FORMAT_VERSION = 1
SAVE_INTERVAL_SECONDS = 0.2


def dump_state(state: ServerState) -> bytes:
    with state.lock:
        document = {
            "format": FORMAT_VERSION,
            "domain": state.domain,
            "signing_key": state.signing_key,
            "last_timestamp": state.last_timestamp,
            "users": [asdict(u) for u in state.users.values()],
            "chats": [_chat_json(c) for c in state.chats.values()],
            "messages": [_message_json(m) for m in state.messages.values()],
            "files": [asdict(f) for f in state.files.values()],
        }
    return json.dumps(document, ensure_ascii=False).encode()


def _chat_json(chat: Chat) -> dict[str, Any]:
    body = asdict(chat)
    body["chat_type"] = int(chat.chat_type)
    return body


def _message_json(message: Message) -> dict[str, Any]:
    body = asdict(message)
    body["type"] = int(message.type)
    return body


def load_state(folder: Path, config: EmulatorConfig) -> ServerState:
    """The state kept in ``folder``, or a fresh one if there is none yet."""
    state = ServerState(
        domain=config.domain,
        max_file_size=config.max_file_size,
        blocked_extensions=config.blocked_extensions,
    )
    path = folder / STATE_FILE
    if not path.is_file():
        folder.mkdir(parents=True, exist_ok=True)
        return state
    document = json.loads(path.read_bytes())
    if document.get("format") != FORMAT_VERSION:
        raise ValueError(f"{path}: unknown format {document.get('format')!r}")
    if document.get("domain") != config.domain:
        raise ValueError(
            f"{path}: the data belongs to domain {document.get('domain')!r}, not {config.domain!r}"
        )
    state.signing_key = document["signing_key"]
    state.last_timestamp = document["last_timestamp"]
    state.users = {u["login"]: User(**u) for u in document["users"]}
    for raw in document["chats"]:
        participants = {k: Participant(**v) for k, v in raw.pop("participants").items()}
        chat = Chat(**raw, participants=participants)
        chat.chat_type = ChatType(chat.chat_type)
        state.chats[chat.chat_id] = chat
    for raw in document["messages"]:
        message = Message(**raw)
        message.type = MessageType(message.type)
        state.messages[message.message_id] = message
    for raw in document["files"]:
        preview = raw.pop("preview")
        stored = StoredFile(**raw, preview=None if preview is None else Preview(**preview))
        state.files[stored.file_id] = stored
    return state


class StateSaver:
    """Writes the state to its folder shortly after every change."""

    def __init__(self, state: ServerState, folder: Path) -> None:
        self.state = state
        self.path = folder / STATE_FILE
        self._saved_revision = -1
        self._task: asyncio.Task[None] | None = None

    def start(self) -> None:
        self.save_now()
        self._task = asyncio.create_task(self._loop())

    async def _loop(self) -> None:
        while True:
            await asyncio.sleep(SAVE_INTERVAL_SECONDS)
            if self.state.revision != self._saved_revision:
                revision = self.state.revision
                data = dump_state(self.state)
                await asyncio.to_thread(write_atomically, self.path, data)
                self._saved_revision = revision

    def save_now(self) -> None:
        revision = self.state.revision
        write_atomically(self.path, dump_state(self.state))
        self._saved_revision = revision

    async def stop(self) -> None:
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
        self.save_now()
