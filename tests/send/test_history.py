"""Reading a chat back page by page, through the client library, against the emulator."""

from __future__ import annotations

from migrator.emulator.server import RunningEmulator
from migrator.send import read_history

from .conftest import credentials_by_token, pool_for


async def test_pages_are_followed_and_ordered_oldest_first(emu: RunningEmulator) -> None:
    pool = pool_for(emu, credentials_by_token(emu, "alice"))
    try:
        async with pool.lease("alice") as alice:
            chat = await alice.call(lambda bot: bot.create_group_chat("History"))
            sent = []
            for i in range(23):
                response = await alice.call(
                    lambda bot, i=i: bot.send_message(chat.chat_id, f"m{i}", "html")
                )
                sent.append(response.message_id)
            everything = await alice.call(lambda bot: read_history(bot, chat.chat_id, page_size=5))
            after = await alice.call(
                lambda bot: read_history(bot, chat.chat_id, stop_at=sent[17], page_size=4)
            )
    finally:
        await pool.aclose()
    texts = [m.text for m in everything if m.is_user_message]
    assert texts == [f"m{i}" for i in range(23)]
    assert [m.message_id for m in after] == sent[18:]
    assert all(m.login == "alice" for m in after)
