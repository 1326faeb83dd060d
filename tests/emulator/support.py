"""Helpers for the emulator tests: users, client options, official clients on loopback."""

from __future__ import annotations

import asyncio
import contextlib
import json
from collections.abc import AsyncIterator, Awaitable, Callable
from typing import Any

import aiohttp
from trueconf import Bot

from migrator.emulator import EmulatorConfig, RunningEmulator, start_emulator

PASSWORD = "correct horse battery"
LOGINS = ("alice", "bob", "carol")
ANSWER_SECONDS = 5

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


class RawClient:
    """A bare Chatbot Connector connection: frames exactly as written, answers by request id."""

    def __init__(self, socket: aiohttp.ClientWebSocketResponse) -> None:
        self.socket = socket
        self.answers: dict[int, dict[str, Any]] = {}
        self.pushed: list[dict[str, Any]] = []
        self._next_id = 1

    async def send(self, method: str, payload: dict[str, Any]) -> int:
        request_id = self._next_id
        self._next_id += 1
        await self.socket.send_json(
            {"type": 1, "id": request_id, "method": method, "payload": payload}
        )
        return request_id

    async def answer(self, request_id: int) -> dict[str, Any]:
        """The payload answering ``request_id`` (pushed requests are acknowledged and kept)."""
        async with asyncio.timeout(ANSWER_SECONDS):
            while request_id not in self.answers:
                message = await self.socket.receive()
                if message.type is not aiohttp.WSMsgType.TEXT:
                    raise ConnectionError(f"socket ended: {message.type!r}")
                frame = json.loads(message.data)
                if frame["type"] == 2:
                    self.answers[frame["id"]] = frame.get("payload") or {}
                else:
                    self.pushed.append(frame)
                    await self.socket.send_json({"type": 2, "id": frame["id"]})
        return self.answers[request_id]

    async def call(self, method: str, payload: dict[str, Any]) -> dict[str, Any]:
        return await self.answer(await self.send(method, payload))


@contextlib.asynccontextmanager
async def raw_client(emu: RunningEmulator, login: str = "alice") -> AsyncIterator[RawClient]:
    """A raw connection to plain-HTTP ``emu``, signed in as ``login``."""
    async with (
        aiohttp.ClientSession() as session,
        session.ws_connect(emu.base_url + "/websocket/chat_bot", autoping=True) as socket,
    ):
        client = RawClient(socket)
        signed_in = await client.call("auth", {"token": emu.issue_token(login), "tokenType": "JWT"})
        assert "errorCode" not in signed_in, signed_in
        yield client
