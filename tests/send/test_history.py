"""Reading a chat back page by page, through the client library, against the emulator."""

from __future__ import annotations

from migrator.config.model import ChatType
from migrator.connector import read_history
from migrator.emulator.server import RunningEmulator
from migrator.retry import Backoff

from .conftest import connector_for, credentials_by_token, pool_for

FAST = Backoff(base_seconds=0.01, cap_seconds=0.05, attempts=6)


async def test_pages_are_followed_and_ordered_oldest_first(emu: RunningEmulator) -> None:
    connector = connector_for(emu, pool_for(emu, credentials_by_token(emu, "alice")))
    try:
        chat_id = await connector.create_chat("alice", ChatType.GROUP, "History")
        sent = [
            await connector.send_text("alice", chat_id, f"m{i}", reply_to=None) for i in range(23)
        ]
        everything = await read_history(connector, "alice", chat_id, backoff=FAST, first_page=5)
        after = await read_history(
            connector, "alice", chat_id, backoff=FAST, stop_at=sent[17], first_page=4
        )
    finally:
        await connector.aclose()
    texts = [m.text for m in everything if m.is_user_message]
    assert texts == [f"m{i}" for i in range(23)]
    assert [m.message_id for m in after] == sent[18:]
    assert all(m.login == "alice" for m in after)
