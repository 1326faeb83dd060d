"""Requests in flight together on one connection: applied in order, latency shared."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from migrator.emulator import EmulatorConfig, RunningEmulator
from tests.emulator.support import raw_client, running

IN_FLIGHT = 20
LATENCY_MS = 200


async def _send_all_at_once(emu: RunningEmulator) -> tuple[list[str], list[str], float]:
    """Send IN_FLIGHT posts without waiting: (texts in sending order, as stored, seconds)."""
    async with raw_client(emu) as alice:
        chat_id = (await alice.call("createGroupChat", {"title": "Pipelined"}))["chatId"]
        texts = [f"post {n}" for n in range(IN_FLIGHT)]
        started = time.monotonic()
        ids = [
            await alice.send("sendMessage", {"chatId": chat_id, "content": {"text": text}})
            for text in texts
        ]
        answers = [await alice.answer(i) for i in ids]
        elapsed = time.monotonic() - started
    assert all("messageId" in answer for answer in answers), answers
    stored = [m.content["text"] for m in emu.chat_messages(chat_id)]
    return texts, stored, elapsed


@pytest.mark.parametrize("kept", [False, True], ids=["in-memory", "journaled"])
async def test_requests_in_flight_share_one_latency_and_keep_their_order(
    kept: bool, tmp_path: Path
) -> None:
    # With a journal each change waits for the disk before its answer: still in order.
    async with running(EmulatorConfig(data_dir=tmp_path if kept else None)) as emu:
        emu.faults.latency_ms = LATENCY_MS
        texts, stored, elapsed = await _send_all_at_once(emu)
    assert stored == texts
    # One latency for all of them, not one each (20 x 0.2 s = 4 s); generous for a busy machine.
    assert LATENCY_MS / 1000 <= elapsed < 4 * LATENCY_MS / 1000


async def test_unordered_pipelining_lets_requests_overtake_one_another(
    plain_emulator: RunningEmulator,
) -> None:
    plain_emulator.behaviours.unordered_pipelining = True
    texts, stored, _elapsed = await _send_all_at_once(plain_emulator)
    assert sorted(stored) == sorted(texts)
    assert stored != texts


async def test_answers_of_one_connection_follow_the_order_of_its_requests(
    plain_emulator: RunningEmulator,
) -> None:
    plain_emulator.faults.latency_ms = 20
    async with raw_client(plain_emulator) as alice:
        chat_id = (await alice.call("createGroupChat", {"title": "Answers"}))["chatId"]
        sent = [
            await alice.send("sendMessage", {"chatId": chat_id, "content": {"text": f"{n}"}})
            for n in range(IN_FLIGHT)
        ]
        answers = [await alice.answer(i) for i in sent]
    timestamps = [answer["timestamp"] for answer in answers]
    assert timestamps == sorted(timestamps)
    assert len(set(timestamps)) == IN_FLIGHT
