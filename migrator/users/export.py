"""The messages of the chat parse_users.py reads, located through config.toml."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from itertools import chain
from pathlib import Path

from migrator.config.load import checked_export_dir
from migrator.config.model import Config
from migrator.plan_chats import ChatFacts
from migrator.telegram.authors_fast import NotFast, iter_authors
from migrator.telegram.loader import (
    ExportKind,
    export_kind,
    find_result_json,
    iter_messages,
    list_chats,
    select_chat,
)
from migrator.telegram.media_refs import MediaResolver
from migrator.telegram.model import Message
from migrator.users.collect import People, collect_authors

logger = logging.getLogger(__name__)


def read_messages(config: Config, config_path: Path, chat: str | None) -> Iterator[Message]:
    """Stream the selected chat (``--chat`` for full-account exports) of the configured export."""
    export_dir = checked_export_dir(config, config_path)
    return iter_messages(export_dir, select_chat(export_dir, chat))


def read_people_fast(config: Config, config_path: Path, chat: str | None) -> People | None:
    """The people of the selected chat as ``collect_people(read_messages(…))`` finds them, read
    on the fast path; ``None`` when the export is not one it reads (then read the messages)."""
    export_dir = checked_export_dir(config, config_path)
    if export_kind(export_dir) is not ExportKind.SINGLE_CHAT:
        return None
    select_chat(export_dir, chat)  # its errors, as read_messages gives them
    path = find_result_json(export_dir)
    try:
        return collect_authors(iter_authors(path, MediaResolver(path.parent)))
    except NotFast as reason:
        logger.debug("reading %s message by message: %s", path, reason)
        return None


def read_all_chats(
    config: Config, config_path: Path, *, all_chats: bool, chat: str | None
) -> tuple[list[ChatFacts], Iterator[Message]] | None:
    """With ``--all-chats``, or no ``--chat`` on a full-account export: every chat's messages
    one chat after another, and its facts (filled in as the messages stream past). ``None``
    when one chat is read."""
    export_dir = checked_export_dir(config, config_path)
    if not all_chats and (chat is not None or export_kind(export_dir) is ExportKind.SINGLE_CHAT):
        return None
    facts = [ChatFacts(info) for info in list_chats(export_dir)]
    messages = chain.from_iterable(
        fact.watch(iter_messages(export_dir, fact.chat)) for fact in facts
    )
    return facts, messages
