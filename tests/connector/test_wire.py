"""The door's sessions offer no permessage-deflate: frames go over the socket as they are."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from migrator.config.model import ChatType
from migrator.connector import Credentials, ServerTarget, SessionPool, TrueConfConnector, Uploader
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
