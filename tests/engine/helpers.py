"""Running build_chat against the emulator and reading the chat back through the client."""

from __future__ import annotations

import asyncio
from pathlib import Path

from migrator.config import load_config
from migrator.emulator.server import RunningEmulator
from migrator.engine.planning import plan_chat
from migrator.ledger import Ledger, ledger_path_for
from migrator.plan.post import Post
from migrator.send import Credentials, ServerTarget, SessionPool, read_history
from migrator.send.history import ServerMessage
from migrator.telegram.loader import select_chat

Row = tuple[str, str | None, str | None]


def read_chat(emu: RunningEmulator, chat_id: str, owner: str = "alice") -> list[ServerMessage]:
    async def read() -> list[ServerMessage]:
        target = ServerTarget(emu.host, emu.port, False, False, 5.0, 10.0)
        pool = SessionPool(target, {owner: Credentials(owner, token=emu.issue_token(owner))})
        try:
            async with pool.lease(owner) as session:
                return await session.call(lambda bot: read_history(bot, chat_id, page_size=50))
        finally:
            await pool.aclose()

    return [m for m in asyncio.run(read()) if m.is_user_message]


def transcript(messages: list[ServerMessage]) -> list[Row]:
    return [(m.login, m.text, m.file_name) for m in messages]


def planned_posts(config_path: Path, selector: str | None = None) -> list[Post]:
    config = load_config(config_path)
    export = config.export_dir(config_path)
    return plan_chat(config, export_dir=export, chat=select_chat(export, selector)).posts


def expected_rows(posts: list[Post]) -> list[Row]:
    rows: list[Row] = []
    for post in posts:
        if post.file is None:
            rows.append((post.author, post.html, None))
        else:
            rows.append((post.author, None, post.file_name))
            if post.html:
                rows.append((post.author, post.html, None))
    return rows


def chat_id_of(config_path: Path, emu: RunningEmulator, chat_key: str) -> str:
    with Ledger(ledger_path_for(config_path)) as ledger:
        chat_id = ledger.chat(server=emu.base_url, chat_key=chat_key).chat_id()
    assert chat_id is not None
    return chat_id
