"""A full-account export of a small company: personal chats, groups, a channel, a left chat."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from .exports import ALICE, BOB, CAROL, DAVE, _message, group_messages

NAMES = {ALICE: "Alice", BOB: "Bob", CAROL: "Carol", DAVE: "Dave NoAccount"}


def _talk(*senders: int, count: int = 6) -> list[dict[str, Any]]:
    return [
        _message(mid, sender, NAMES[sender], f"message {mid} from {NAMES[sender]}")
        for mid, sender in zip(
            range(1, count + 1), [senders[i % len(senders)] for i in range(count)], strict=True
        )
    ]


def _chat(name: str, kind: str, chat_id: int, messages: list[dict[str, Any]]) -> dict[str, Any]:
    return {"name": name, "type": kind, "id": chat_id, "messages": messages}


# telegram chat id → (Telegram name, TrueConf type the plan prefills)
CHATS: dict[int, tuple[str, str]] = {
    1002: ("Bob", "personal"),
    1003: ("Carol", "personal"),
    3001: ("Project", "group"),
    3002: ("Sales", "group"),
    3003: ("News", "channel"),
    3004: ("Support", "group"),
    3005: ("Old stuff", "group"),
    3006: ("Random", "group"),
    3007: ("Left group", "group"),
}


def write_company_export(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    chats = [
        _chat("Bob", "personal_chat", 1002, _talk(ALICE, BOB)),
        _chat("Carol", "personal_chat", 1003, _talk(CAROL, ALICE, count=5)),
        _chat("Project", "private_group", 3001, group_messages(folder)),
        _chat("Sales", "private_supergroup", 3002, _talk(ALICE, BOB, CAROL, count=9)),
        _chat("News", "private_channel", 3003, _talk(ALICE, count=4)),
        _chat("Support", "private_group", 3004, _talk(BOB, CAROL, DAVE, count=7)),
        _chat("Old stuff", "private_group", 3005, _talk(CAROL, BOB, count=3)),
        _chat("Random", "public_supergroup", 3006, _talk(BOB, ALICE, count=8)),
    ]
    left = [_chat("Left group", "private_group", 3007, _talk(ALICE, count=2))]
    data = {
        "about": "full export",
        "chats": {"about": "chats", "list": chats},
        "left_chats": {"about": "left", "list": left},
    }
    (folder / "result.json").write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return folder
