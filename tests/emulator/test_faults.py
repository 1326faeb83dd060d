"""Each injected fault, as the official client experiences it."""

from __future__ import annotations

import asyncio
import time
from typing import Any

import httpx
import pytest
from trueconf import Bot
from trueconf.exceptions import ApiErrorException, FileUploadError
from trueconf.types import BufferedInputFile

from migrator.emulator import RATE_LIMIT_ERROR_CODE, RunningEmulator
from tests.emulator.support import PASSWORD, BotFactory, client_options


async def test_latency_delays_every_websocket_request(
    plain_emulator: RunningEmulator, plain_bots: BotFactory
) -> None:
    alice = await plain_bots("alice")
    chat_id = (await alice.create_group_chat("Slow")).chat_id
    plain_emulator.faults.latency_ms = 300
    started = time.monotonic()
    await alice.send_message(chat_id, "eventually")
    assert time.monotonic() - started >= 0.3
    plain_emulator.faults.latency_ms = 0
    started = time.monotonic()
    await alice.send_message(chat_id, "promptly")
    assert time.monotonic() - started < 0.3


async def test_latency_delays_http_requests(plain_emulator: RunningEmulator) -> None:
    plain_emulator.faults.latency_ms = 300
    async with httpx.AsyncClient(base_url=plain_emulator.base_url) as http:
        started = time.monotonic()
        assert (await http.get("/api/v4/server")).status_code == 200
        assert time.monotonic() - started >= 0.3


async def test_websocket_is_dropped_after_n_requests_and_the_client_reconnects(
    plain_emulator: RunningEmulator, plain_bots: BotFactory
) -> None:
    statuses: list[str] = []

    async def on_health(report: dict[str, Any]) -> None:
        statuses.append(report["status"])

    plain_emulator.faults.drop_ws_after_frames = 3  # auth + 2 requests per connection
    alice = await plain_bots("alice", on_health_check=on_health)
    chat_id = (await alice.create_group_chat("Flaky")).chat_id
    sent = await alice.send_message(chat_id, "answered, then dropped")
    for _ in range(50):
        if statuses.count("authorized") >= 2:
            break
        await asyncio.sleep(0.05)
    assert statuses[:4] == ["connected", "authorized", "disconnected", "connected"]
    await asyncio.wait_for(alice.authorized_event.wait(), 5)
    history = await alice.get_chat_history(chat_id, 10)
    assert [m.message_id for m in history.messages] == [sent.message_id]


async def test_dropped_websocket_can_lose_the_reply_of_an_applied_request(
    plain_emulator: RunningEmulator, plain_bots: BotFactory
) -> None:
    alice = await plain_bots("alice", timeout=1)
    chat_id = (await alice.create_group_chat("Lossy")).chat_id
    plain_emulator.faults.drop_ws_after_frames = 2
    plain_emulator.faults.drop_ws_lose_reply = True
    with pytest.raises(TimeoutError):
        await alice.send_message(chat_id, "applied but never confirmed")
    plain_emulator.faults.drop_ws_after_frames = None
    await asyncio.wait_for(alice.authorized_event.wait(), 5)
    history = await alice.get_chat_history(chat_id, 10)
    assert [m.content.text for m in history.messages] == ["applied but never confirmed"]


async def test_uploads_fail_with_5xx(
    plain_emulator: RunningEmulator, plain_bots: BotFactory
) -> None:
    alice = await plain_bots("alice")
    chat_id = (await alice.create_group_chat("Uploads")).chat_id
    plain_emulator.faults.upload_5xx_probability = 1.0
    with pytest.raises(FileUploadError, match="503"):
        await alice.send_document(chat_id, BufferedInputFile(b"data", file_name="a.txt"))
    plain_emulator.faults.upload_5xx_probability = 0.0
    assert (
        await alice.send_document(chat_id, BufferedInputFile(b"data", file_name="a.txt"))
    ).file_id


async def test_upload_failures_are_reproducible_for_a_seed(
    plain_emulator: RunningEmulator, plain_bots: BotFactory
) -> None:
    alice = await plain_bots("alice")
    chat_id = (await alice.create_group_chat("Uploads")).chat_id

    async def outcomes() -> list[bool]:
        results = []
        for _ in range(8):
            try:
                await alice.send_document(chat_id, BufferedInputFile(b"x", file_name="a.txt"))
                results.append(True)
            except FileUploadError:
                results.append(False)
        return results

    plain_emulator.faults.upload_5xx_probability = 0.5
    plain_emulator.faults.seed = 7
    first = await outcomes()
    plain_emulator.faults.seed = 8
    plain_emulator.faults.seed = 7
    second = await outcomes()
    assert True in first
    assert False in first
    assert first == second


async def test_tokens_expire_after_the_configured_ttl(plain_emulator: RunningEmulator) -> None:
    plain_emulator.faults.token_ttl_seconds = 1
    options = client_options(plain_emulator)
    live = await asyncio.to_thread(
        Bot.from_credentials, plain_emulator.host, "alice", PASSWORD, timeout=5, **options
    )
    late = Bot(plain_emulator.host, live.token, timeout=5, **options)  # type: ignore[arg-type]
    await live.start()
    try:
        await asyncio.wait_for(live.authorized_event.wait(), 5)
        await asyncio.sleep(2.05)
        # An authorised connection outlives its token, as on the real server ...
        assert (await live.create_group_chat("Still connected")).chat_id
        # ... but the token no longer opens a new one.
        await late.start()
        assert late._connect_task is not None
        with pytest.raises(ApiErrorException) as caught:
            await asyncio.wait_for(late._connect_task, 5)
        assert caught.value.code == 203
    finally:
        await live.shutdown(timeout=1)
        await late.shutdown(timeout=1)


async def test_every_nth_request_is_rate_limited(
    plain_emulator: RunningEmulator, plain_bots: BotFactory
) -> None:
    alice = await plain_bots("alice")
    chat_id = (await alice.create_group_chat("Busy")).chat_id
    plain_emulator.faults.rate_limit_every = 3
    outcomes: list[int] = []
    for i in range(6):
        try:
            await alice.send_message(chat_id, f"m{i}")
            outcomes.append(0)
        except ApiErrorException as error:
            outcomes.append(error.code)
            assert error.payload["retryAfter"] > 0
    assert outcomes.count(int(RATE_LIMIT_ERROR_CODE)) == 2
    plain_emulator.faults.rate_limit_every = None
    texts = [m.content.text for m in (await alice.get_chat_history(chat_id, 10)).messages]
    assert len(texts) == outcomes.count(0)
