"""An emulator per test, and httpx transports that watch (or break) real loopback traffic."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass, field
from typing import Any

import httpx
import pytest

from migrator.config.model import Config
from migrator.emulator import EmulatorConfig, RunningEmulator, start_emulator


@pytest.fixture
async def emulator() -> AsyncIterator[RunningEmulator]:
    async with start_emulator(EmulatorConfig(chatbot_dir=None)) as emu:
        yield emu


def make_config(
    emu: RunningEmulator,
    users: dict[str, dict[str, str]],
    *,
    server: dict[str, Any] | None = None,
    registration: dict[str, Any] | None = None,
) -> Config:
    server_section: dict[str, Any] = {
        "address": emu.host,
        "port": emu.port,
        "https": False,
        "client_id": emu.config.client_id,
        "client_secret": emu.config.client_secret,
    }
    server_section.update(server or {})
    return Config.model_validate(
        {"server": server_section, "registration": registration or {}, "users": users}
    )


def team(count: int) -> dict[str, dict[str, str]]:
    return {
        f"user{i:02d}": {"display_name": f"Пользователь {i}", "password": f"Pass-{i:02d}-xyz"}
        for i in range(count)
    }


@dataclass
class Seen:
    method: str
    path: str
    status: int
    body: dict[str, Any] | None = None
    response: dict[str, Any] | None = None


@dataclass
class WatchingTransport(httpx.AsyncBaseTransport):
    """Real HTTP to the emulator; records each exchange and can answer some requests itself.

    ``interfere(request, body)`` may return a response to send instead of forwarding (a fault
    the emulator does not inject on its REST API, such as a 503 on one user's creation).
    """

    interfere: Callable[[httpx.Request, dict[str, Any] | None], httpx.Response | None] | None = None
    seen: list[Seen] = field(default_factory=list)
    _inner: httpx.AsyncHTTPTransport = field(default_factory=httpx.AsyncHTTPTransport)

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        raw = await request.aread()
        body = json.loads(raw) if raw else None
        injected = self.interfere(request, body) if self.interfere else None
        response = injected or await self._inner.handle_async_request(request)
        content = await response.aread()
        try:
            parsed = json.loads(content) if content else None
        except ValueError:
            parsed = None
        self.seen.append(Seen(request.method, request.url.path, response.status_code, body, parsed))
        return httpx.Response(
            response.status_code, headers=response.headers, content=content, request=request
        )

    async def aclose(self) -> None:
        await self._inner.aclose()

    def created_ids(self) -> list[str]:
        return [
            str(s.body.get("id"))
            for s in self.seen
            if s.method == "POST" and s.path == "/api/v4/users" and s.body
        ]

    def token_requests(self) -> int:
        return sum(s.path == "/oauth2/v1/token" for s in self.seen)

    def issued_tokens(self) -> list[str]:
        return [
            str(s.response["access_token"])
            for s in self.seen
            if s.path == "/oauth2/v1/token" and s.response and "access_token" in s.response
        ]
