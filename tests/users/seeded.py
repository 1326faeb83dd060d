"""A company directory on the emulator and a Telegram export of its people, for --match-server."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from migrator.emulator import RunningEmulator

REPO = Path(__file__).resolve().parents[2]

DIRECTORY = """login,display_name,email,password
i.petrov,Петров Иван Сергеевич,i.petrov@corp.example,
a.smirnova,Смирнова Анна,a.smirnova@corp.example,
o.kuznetsova,Кузнецова Ольга,o.kuznetsova@corp.example,
ok.kuznetsova,Olga Kuznetsova,ok.kuznetsova@corp.example,
s.volkov,Сергей Волков,s.volkov@corp.example,
"""
PEOPLE = {
    101: "Иван Петров",
    102: "Anna Smirnova",
    103: "Ольга Кузнецова",
    104: "Мария Иванова",
}


def write_export(folder: Path, people: dict[int, str]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    messages: list[dict[str, Any]] = [
        {
            "id": number,
            "type": "message",
            "date": f"2025-09-01T10:{number:02d}:00",
            "date_unixtime": str(1756720800 + number * 60),
            "from": name,
            "from_id": f"user{peer}",
            "text": f"сообщение {number}",
            "text_entities": [{"type": "plain", "text": f"сообщение {number}"}],
        }
        for number, (peer, name) in enumerate(people.items(), start=1)
    ]
    data = {"name": "Отдел", "type": "private_group", "id": 55, "messages": messages}
    (folder / "result.json").write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return folder


def write_config(tmp_path: Path, emu: RunningEmulator, *, language: str = "ru") -> Path:
    export = write_export(tmp_path / "export", PEOPLE)
    text = (REPO / "config.toml").read_text(encoding="utf-8")
    for old, new in [
        ('telegram_export_dir = ""', f'telegram_export_dir = "{export}"'),
        ('address = ""', 'address = "127.0.0.1"'),
        ("port = 443", f"port = {emu.port}"),
        ("https = true", "https = false"),
        ('client_id = ""', f'client_id = "{emu.config.client_id}"'),
        ('client_secret = ""', f'client_secret = "{emu.config.client_secret}"'),
        ('language = "ru"', f'language = "{language}"'),
        ("auto = false", "auto = true"),
    ]:
        assert old in text
        text = text.replace(old, new, 1)
    path = tmp_path / "config.toml"
    path.write_text(text, encoding="utf-8")
    return path


def squash(text: str) -> str:
    return re.sub(r" +", " ", text)


def entry_text(config_text: str, key: str) -> str:
    """The lines of one [users.<key>] table, header included."""
    start = config_text.index(f"[users.{key}]")
    end = config_text.find("\n[", start + 1)
    return config_text[start : end if end != -1 else None]
