"""Fixtures: a running emulator on loopback (plain and TLS) and official clients signed in to it."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from migrator.emulator import EmulatorConfig, RunningEmulator
from tests.emulator.support import BotFactory, close_bots, open_bots, running


@pytest.fixture(params=["plain", "tls"])
async def emulator(request: pytest.FixtureRequest) -> AsyncIterator[RunningEmulator]:
    async with running(EmulatorConfig(tls=request.param == "tls")) as emu:
        yield emu


@pytest.fixture
async def plain_emulator() -> AsyncIterator[RunningEmulator]:
    async with running() as emu:
        yield emu


@pytest.fixture
async def bots(emulator: RunningEmulator) -> AsyncIterator[BotFactory]:
    """Connect official clients as emulator users; every one is shut down afterwards."""
    make, started = await open_bots(emulator)
    yield make
    await close_bots(started)


@pytest.fixture
async def plain_bots(plain_emulator: RunningEmulator) -> AsyncIterator[BotFactory]:
    make, started = await open_bots(plain_emulator)
    yield make
    await close_bots(started)
