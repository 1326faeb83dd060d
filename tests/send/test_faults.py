"""Every fault the emulator can inject: the run completes with the exact transcript."""

from __future__ import annotations

import asyncio
import logging
from pathlib import Path

import pytest

from migrator.config.model import ChatType
from migrator.connector import Credentials
from migrator.emulator.server import RunningEmulator
from migrator.ledger import Ledger
from migrator.plan.post import Post, PostKind
from migrator.send import ChatSender, ChatSpec, Status

from .conftest import connector_for, pool_for
from .posts import CHAT, file, text
from .test_sender import FAST, migrate, read_back, transcript


def mixed_posts(tmp_path: Path, count: int = 12) -> list[Post]:
    posts: list[Post] = []
    for i in range(1, count + 1):
        author = ("alice", "bob", "carol")[i % 3]
        if i % 3 == 0:
            path = tmp_path / f"doc{i}.txt"
            path.write_bytes(f"file {i} ".encode() * (50 * i))
            posts.append(file(i, author, path, caption=f"caption {i}" if i % 2 else ""))
        else:
            posts.append(text(i, author, f"message <b>{i}</b>", reply_to=i - 1 if i > 1 else None))
    return posts


def expected(posts: list[Post]) -> list[tuple[str, str | None, str | None]]:
    rows: list[tuple[str, str | None, str | None]] = []
    for post in posts:
        if post.kind is PostKind.TEXT:
            rows.append((post.author, post.html, None))
        else:
            rows.append((post.author, None, post.file_name))
            if post.html:
                rows.append((post.author, post.html, None))
    return rows


def password_creds() -> dict[str, Credentials]:
    from .conftest import USERS

    return {login: Credentials(login, password=password) for login, password in USERS.items()}


async def run_with(emu: RunningEmulator, ledger: Ledger, tmp_path: Path, **faults: object) -> None:
    posts = mixed_posts(tmp_path)
    for name, value in faults.items():
        setattr(emu.faults, name, value)
    sender, outcomes = await migrate(emu, ledger, posts, password_creds())
    for name in faults:
        setattr(emu.faults, name, None if name != "latency_ms" else 0)
    emu.faults.upload_5xx_probability = 0.0
    emu.faults.drop_ws_lose_reply = False
    assert [o.status for o in outcomes] == [Status.SENT] * len(posts), [o.reason for o in outcomes]
    assert sender.chat_id is not None
    messages = await read_back(emu, sender.chat_id)
    assert transcript(messages) == expected(posts)
    by_id = {m.message_id: m for m in messages}
    ids = {o.post.key.message_id: o.message_id for o in outcomes}
    for outcome in outcomes:
        if outcome.post.reply_to is not None and outcome.post.kind is PostKind.TEXT:
            target = ids[outcome.post.reply_to.message_id]
            assert by_id[outcome.message_id or ""].reply_to == target


async def test_latency(emu: RunningEmulator, ledger: Ledger, tmp_path: Path) -> None:
    await run_with(emu, ledger, tmp_path, latency_ms=15)


@pytest.mark.parametrize("lose_reply", [False, True])
async def test_websocket_drops_every_few_frames(
    emu: RunningEmulator, ledger: Ledger, tmp_path: Path, lose_reply: bool
) -> None:
    emu.faults.drop_ws_lose_reply = lose_reply
    await run_with(emu, ledger, tmp_path, drop_ws_after_frames=5)


async def test_upload_5xx(emu: RunningEmulator, ledger: Ledger, tmp_path: Path) -> None:
    await run_with(emu, ledger, tmp_path, upload_5xx_probability=0.5)


async def test_rate_limits(emu: RunningEmulator, ledger: Ledger, tmp_path: Path) -> None:
    await run_with(emu, ledger, tmp_path, rate_limit_every=4)


async def test_tokens_expiring_mid_run(
    emu: RunningEmulator, ledger: Ledger, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    # Tokens live 1-2 s. The sessions open and post, then wait past the expiry; from then on the
    # socket drops every 3 frames, so each reconnect presents an expired token and the session
    # must sign in again with the password.
    emu.faults.token_ttl_seconds = 1
    posts = mixed_posts(tmp_path, count=9)
    connector = connector_for(emu, pool_for(emu, password_creds()))
    spec = ChatSpec("Team", ChatType.GROUP, "alice", ("bob", "carol"), frozenset({"bob"}))
    sender = ChatSender(
        connector=connector,
        spec=spec,
        backoff=FAST,
        ledger=ledger.chat(server=emu.base_url, chat_key=CHAT),
    )
    try:
        first = await sender.send_all(posts[:3])
        await asyncio.sleep(2.1)  # the emulator rounds exp up: a 1 s token lives up to 2 s
        emu.faults.drop_ws_after_frames = 3
        with caplog.at_level(logging.INFO, logger="migrator.connector.session"):
            outcomes = await sender.send_all(posts)
    finally:
        emu.faults.drop_ws_after_frames = None
        emu.faults.token_ttl_seconds = None
        await connector.aclose()
    messages = [record.getMessage() for record in caplog.records]
    assert any("refused; signing in with the password" in m for m in messages)
    assert [o.status for o in first] == [Status.SENT] * 3
    assert [o.status for o in outcomes] == [Status.ALREADY_SENT] * 3 + [Status.SENT] * 6
    assert sender.chat_id is not None
    assert transcript(await read_back(emu, sender.chat_id)) == expected(posts)
