"""The config.toml the benchmarks write: the emulator on loopback, plain http, given accounts."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path


def write_config(
    path: Path,
    export: Path,
    port: int,
    users: Mapping[str, tuple[str, str]],
    chat: Mapping[str, str],
) -> None:
    """``users``: login → (password, Telegram id like ``user1001``); ``chat``: ``[chat]`` keys."""
    lines = [
        f'telegram_export_dir = "{export.as_posix()}"',
        "[server]",
        'address = "127.0.0.1"',
        f"port = {port}",
        "https = false",
        "[chat]",
        *(f'{key} = "{value}"' for key, value in chat.items()),
    ]
    for login, (password, telegram_id) in users.items():
        lines += [f"[users.{login}]", f'password = "{password}"', f'telegram_id = "{telegram_id}"']
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    path.chmod(0o600)
