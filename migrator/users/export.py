"""The messages of the chat parse_users.py reads, located through config.toml."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from migrator.config.load import checked_export_dir
from migrator.config.model import Config
from migrator.telegram.loader import iter_messages, select_chat
from migrator.telegram.model import Message


def read_messages(config: Config, config_path: Path, chat: str | None) -> Iterator[Message]:
    """Stream the selected chat (``--chat`` for full-account exports) of the configured export."""
    export_dir = checked_export_dir(config, config_path)
    return iter_messages(export_dir, select_chat(export_dir, chat))
