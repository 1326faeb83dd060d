"""Running build_chat against the emulator and reading the chat back through the client."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any, TypeVar

from trueconf import Bot

from migrator.config import load_config
from migrator.connector import (
    Credentials,
    ServerMessage,
    ServerTarget,
    SessionPool,
    TrueConfConnector,
    Uploader,
    read_history,
)
from migrator.emulator.sanitise import normalise
from migrator.emulator.server import RunningEmulator
from migrator.engine import BuildOptions
from migrator.engine.planning import plan_chat
from migrator.ledger import Ledger, ledger_path_for
from migrator.plan.post import Post
from migrator.retry import Backoff
from migrator.telegram.loader import select_chat

from .exports import group_messages, write_config, write_export

Row = tuple[str, str | None, str | None]
T = TypeVar("T")

TEAM_CHAT_KEY = "tg777"


def write_team_chat(
    emu: RunningEmulator,
    tmp_path: Path,
    *,
    kind: str = "private_group",
    export_name: str = "Team",
    chat_type: str = "group",
    **config: Any,
) -> Path:
    """The group export (Alice, Bob, Dave without an account; a photo, a file, a reply) under
    ``tmp_path/export`` as Telegram chat 777, and ``tmp_path/config.toml`` migrating it to
    ``emu``; returns the config's path."""
    export = tmp_path / "export"
    write_export(export, kind=kind, name=export_name, chat_id=777, messages=group_messages(export))
    return write_config(
        tmp_path / "config.toml", export=export, port=emu.port, chat_type=chat_type, **config
    )


def build_options(config: Path, tmp_path: Path, **extra: Any) -> BuildOptions:
    """Quiet, fast-retrying options writing to ``tmp_path/out``."""
    return BuildOptions(
        config_path=config,
        output_dir=tmp_path / "out",
        quiet=True,
        retry_base_seconds=0.01,
        **extra,
    )


def _target(emu: RunningEmulator) -> ServerTarget:
    return ServerTarget(emu.host, emu.port, False, False, 5.0, 10.0)


def call_as(emu: RunningEmulator, login: str, request: Callable[[Bot], Awaitable[T]]) -> T:
    """One request to ``emu`` through the client library, signed in as ``login``."""

    async def call() -> T:
        target = _target(emu)
        pool = SessionPool(target, {login: Credentials(login, token=emu.issue_token(login))})
        try:
            async with pool.lease(login) as session:
                return await session.call(request)
        finally:
            await pool.aclose()

    return asyncio.run(call())


def read_chat(
    emu: RunningEmulator, chat_id: str, owner: str = "alice", *, first_page: int = 50
) -> list[ServerMessage]:
    async def read() -> list[ServerMessage]:
        target = _target(emu)
        pool = SessionPool(target, {owner: Credentials(owner, token=emu.issue_token(owner))})
        connector = TrueConfConnector(pool, Uploader(target))
        try:
            return await read_history(
                connector, owner, chat_id, backoff=Backoff(base_seconds=0.05), first_page=first_page
            )
        finally:
            await connector.aclose()

    return [m for m in asyncio.run(read()) if m.is_user_message]


def read_back(
    emu: RunningEmulator, config_path: Path, chat_key: str = TEAM_CHAT_KEY
) -> list[ServerMessage]:
    """The migrated chat's user messages, the chat found through the ledger."""
    return read_chat(emu, chat_id_of(config_path, emu, chat_key))


def transcript(messages: list[ServerMessage]) -> list[Row]:
    return [(m.login, m.text, m.file_name) for m in messages]


def planned_posts(config_path: Path, selector: str | None = None) -> list[Post]:
    config = load_config(config_path)
    export = config.export_dir(config_path)
    return plan_chat(config, export_dir=export, chat=select_chat(export, selector)).posts


def expected_rows(posts: list[Post], emu: RunningEmulator | None = None) -> list[Row]:
    """The transcript ``posts`` leave on the server; texts as ``emu`` stores them (its
    ``normalise_text`` behaviour rewrites them as a sanitising server would)."""
    stored = (
        (lambda html: normalise(html, "html"))
        if emu is not None and emu.behaviours.normalise_text
        else (lambda html: html)
    )
    rows: list[Row] = []
    for post in posts:
        if post.file is None:
            rows.append((post.author, stored(post.html), None))
        else:
            rows.append((post.author, None, post.file_name))
            if post.html:
                rows.append((post.author, stored(post.html), None))
    return rows


def chat_id_of(config_path: Path, emu: RunningEmulator, chat_key: str) -> str:
    with Ledger(ledger_path_for(config_path)) as ledger:
        chat_id = ledger.chat(server=emu.base_url, chat_key=chat_key).chat_id()
    assert chat_id is not None
    return chat_id
