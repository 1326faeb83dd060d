"""Small Telegram exports and config files written at test time, one per chat type."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from PIL import Image

ALICE, BOB, CAROL, DAVE = 1001, 1002, 1003, 1004
PASSWORDS = {"alice": "Alice-pass-1", "bob": "Bob-pass-22", "carol": "Carol-pass-333"}


def _message(mid: int, sender: int | None, name: str, text: Any, **extra: Any) -> dict[str, Any]:
    base: dict[str, Any] = {
        "id": mid,
        "type": "message",
        "date": f"2025-09-01T14:{mid:02d}:00",
        "date_unixtime": str(1756735200 + mid * 60),
        "from": name,
        "from_id": f"user{sender}",
        "text": text,
        "text_entities": _entities(text),
    }
    base.update(extra)
    return base


def _entities(text: Any) -> list[dict[str, str]]:
    parts = [text] if isinstance(text, str) else text
    return [
        {"type": "plain", "text": part} if isinstance(part, str) else part for part in parts if part
    ]


def group_messages(export: Path) -> list[dict[str, Any]]:
    (export / "photos").mkdir(parents=True, exist_ok=True)
    (export / "files").mkdir(exist_ok=True)
    Image.new("RGB", (64, 48), (200, 30, 30)).save(export / "photos" / "photo_1.jpg")
    (export / "files" / "notes.txt").write_text("meeting notes\n" * 20, encoding="utf-8")
    return [
        {
            "id": 1,
            "type": "service",
            "date": "2025-09-01T14:00:00",
            "date_unixtime": "1756735200",
            "actor": "Alice",
            "actor_id": f"user{ALICE}",
            "action": "create_group",
            "title": "Team",
            "members": ["Alice", "Bob"],
            "text": "",
        },
        _message(2, ALICE, "Alice", "Hello <team> & friends"),
        _message(
            3, BOB, "Bob", [{"type": "bold", "text": "bold"}, " reply"], reply_to_message_id=2
        ),
        _message(4, BOB, "Bob", "photo caption", photo="photos/photo_1.jpg", width=64, height=48),
        _message(5, DAVE, "Dave NoAccount", "I have no account"),
        _message(6, ALICE, "Alice", "", file="files/notes.txt", mime_type="text/plain"),
        _message(7, BOB, "Bob", "a reply to the photo", reply_to_message_id=4),
        _message(8, ALICE, "Alice", "the end"),
    ]


def write_export(
    folder: Path, *, kind: str, name: str, chat_id: int, messages: list[dict[str, Any]]
) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    data = {"name": name, "type": kind, "id": chat_id, "messages": messages}
    (folder / "result.json").write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return folder


def write_config(
    path: Path,
    *,
    export: Path,
    port: int,
    chat_type: str,
    owner: str = "alice",
    name: str = "Migrated",
    users: dict[str, dict[str, str]] | None = None,
    extra: str = "",
) -> Path:
    users = (
        users
        if users is not None
        else {
            "alice": {"password": PASSWORDS["alice"], "telegram_id": f"user{ALICE}"},
            "bob": {"password": PASSWORDS["bob"], "telegram_id": f"user{BOB}"},
            "carol": {"password": PASSWORDS["carol"], "telegram_id": f"user{CAROL}"},
        }
    )
    lines = [
        f'telegram_export_dir = "{export}"',
        "[server]",
        'address = "127.0.0.1"',
        f"port = {port}",
        "https = false",
        "verify_ssl = false",
        "[chat]",
        f'name = "{name}"',
        f'type = "{chat_type}"',
        f'owner = "{owner}"',
        'language = "en"',
    ]
    if extra:
        lines.append(extra)
    for login, fields in users.items():
        lines.append(f"[users.{login}]")
        lines.extend(f'{key} = "{value}"' for key, value in fields.items())
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    path.chmod(0o600)
    return path
