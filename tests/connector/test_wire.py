"""The door's sessions on the wire: no permessage-deflate offered (frames go over the socket as
they are); a refused password sent once."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator

import pytest

from migrator.config.model import ChatType
from migrator.connector import (
    Credentials,
    ServerTarget,
    SessionPool,
    SessionUnavailable,
    TrueConfConnector,
    Uploader,
)
from migrator.emulator.config import EmulatorConfig
from migrator.emulator.server import EmulatorThread, RunningEmulator


@pytest.fixture
def emu() -> Iterator[RunningEmulator]:
    with EmulatorThread(EmulatorConfig()) as running:
        running.add_user("alice", "alice-pass", display_name="Alice")
        yield running


async def test_sessions_negotiate_no_compression_and_still_post(emu: RunningEmulator) -> None:
    target = ServerTarget(emu.host, emu.port, False, False, 5.0, 10.0)
    pool = SessionPool(target, {"alice": Credentials("alice", token=emu.issue_token("alice"))})
    door = TrueConfConnector(pool, Uploader(target))
    try:
        chat_id = await door.create_chat("alice", ChatType.GROUP, "Wire")
        message_id = await door.send_text("alice", chat_id, "без сжатия", reply_to=None)
        async with pool.lease("alice") as session:
            socket = session._bot._ws  # type: ignore[union-attr]  # the library's connection
            assert socket is not None
            assert socket.protocol.extensions == []  # the emulator would accept deflate
        page = await door.history_page("alice", chat_id, count=1, from_id=None)
        assert page[0].message_id == message_id and page[0].text == "без сжатия"
    finally:
        await door.aclose()


async def test_a_refused_password_is_sent_once_for_sign_ins_waiting_together(
    emu: RunningEmulator,
) -> None:
    # A sign-in ahead and a post may wait together for an author's session: once the server has
    # refused the password, the second is told so without sending it again (an account can be
    # locked after a few refusals).
    target = ServerTarget(emu.host, emu.port, False, False, 5.0, 10.0)
    pool = SessionPool(target, {"alice": Credentials("alice", password="not-alice-pass")})

    async def sign_in() -> None:
        async with pool.lease("alice") as session:
            await session.open()

    try:
        results = await asyncio.gather(sign_in(), sign_in(), return_exceptions=True)
    finally:
        await pool.aclose()
    assert [type(r) for r in results] == [SessionUnavailable, SessionUnavailable]
    assert emu.state.password_refusals["alice"] == 1
    assert "not-alice-pass" not in " ".join(str(r) for r in results)
