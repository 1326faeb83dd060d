"""Token files and a config for the intake tests."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

DAY = 24 * 3600
NOW = 1_800_000_000.0

MakeToken = Callable[..., str]


def token_file_text(login: str, token: str, *, server: str = "tc.example.com") -> str:
    """Exactly what the token page downloads."""
    expires = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(NOW + 30 * DAY))
    return (
        "# TrueConf Chatbot Connector token — give this file to your administrator. / "
        "Передайте этот файл администратору.\n"
        f'login = "{login}"\nserver = "{server}"\naccess_token = "{token}"\n'
        f'expires_at = "{expires}"\n'
    )


def write_token_file(folder: Path, name: str, text: str) -> Path:
    folder.mkdir(exist_ok=True)
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


CONFIG = """# our config
[server]
address = "tc.example.com"  # production

[users]

[users.ivan_petrov]  # from Moscow
display_name = "Иван Петров"
access_token = ""
telegram_id = "user100"

[users.anna]
password = "anna-pass-1"
telegram_id = "user200"

[users.boris]
telegram_id = "user300"
"""
