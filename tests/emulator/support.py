"""Helpers for the emulator tests: users, client options, official clients on loopback."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator, Awaitable, Callable

from trueconf import Bot

from migrator.emulator import EmulatorConfig, RunningEmulator, start_emulator

PASSWORD = "correct horse battery"
LOGINS = ("alice", "bob", "carol")

BotFactory = Callable[..., Awaitable[Bot]]


@contextlib.asynccontextmanager
async def running(config: EmulatorConfig | None = None) -> AsyncIterator[RunningEmulator]:
    """An emulator with the users alice, bob and carol (all with ``PASSWORD``)."""
    async with start_emulator(config or EmulatorConfig()) as emu:
        for login in LOGINS:
            emu.add_user(login, PASSWORD, display_name=login.title())
        yield emu


def client_options(emu: RunningEmulator) -> dict[str, object]:
    """How the official client reaches ``emu``: its port, scheme and the CA to trust."""
    options: dict[str, object] = {"web_port": emu.port, "https": emu.tls}
    if emu.tls:
        options["verify_ssl"] = str(emu.ca_file)
    return options


async def connect_bot(emu: RunningEmulator, token: str, **options: object) -> Bot:
    """An official client connected and authorised to ``emu``."""
    settings = {**client_options(emu), "timeout": 5, **options}
    bot = Bot(emu.host, token, **settings)  # type: ignore[arg-type]
    await bot.start()
    await asyncio.wait_for(bot.authorized_event.wait(), 5)
    return bot


async def open_bots(emu: RunningEmulator) -> tuple[BotFactory, list[Bot]]:
    started: list[Bot] = []

    async def make(login: str = "alice", **options: object) -> Bot:
        bot = await connect_bot(emu, emu.issue_token(login), **options)
        started.append(bot)
        return bot

    return make, started


async def close_bots(started: list[Bot]) -> None:
    for bot in started:
        with contextlib.suppress(Exception):
            await bot.shutdown(timeout=1)
