"""The admin token's life cycle, with a controlled clock (no server: pure timing logic)."""

from __future__ import annotations

import asyncio

import pytest

from migrator.config.model import ServerConfig
from migrator.errors import AuthError, ConfigError
from migrator.server_api.token_source import TokenSource
from migrator.tokens import read_claims


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


class Issuer:
    def __init__(self, ttl: float | None = 3600.0) -> None:
        self.issued = 0
        self.ttl = ttl

    async def __call__(self) -> tuple[str, float | None]:
        self.issued += 1
        await asyncio.sleep(0)
        return f"admin-token-{self.issued}", self.ttl


CLIENT = ServerConfig(address="h", client_id="app", client_secret="app-secret")


async def test_token_is_obtained_once_and_reused() -> None:
    issuer = Issuer()
    source = TokenSource(CLIENT, issuer, clock=Clock())
    tokens = await asyncio.gather(*(source.current() for _ in range(5)))
    assert set(tokens) == {"admin-token-1"}
    assert issuer.issued == 1


async def test_token_is_renewed_before_it_expires() -> None:
    clock, issuer = Clock(), Issuer(ttl=3600)
    source = TokenSource(CLIENT, issuer, clock=clock)
    assert await source.current() == "admin-token-1"
    clock.now += 3600 - 61
    assert await source.current() == "admin-token-1"
    clock.now += 2  # inside the last minute
    assert await source.current() == "admin-token-2"


async def test_rejected_token_is_renewed_once_for_concurrent_callers() -> None:
    issuer = Issuer()
    source = TokenSource(CLIENT, issuer, clock=Clock())
    first = await source.current()
    renewed = await asyncio.gather(*(source.renew_after_rejection(first) for _ in range(4)))
    assert set(renewed) == {"admin-token-2"}
    assert issuer.issued == 2


async def test_configured_token_without_client_credentials_cannot_be_renewed() -> None:
    source = TokenSource(ServerConfig(address="h", access_token="given-token"), Issuer())
    assert await source.current() == "given-token"
    with pytest.raises(AuthError) as caught:
        await source.renew_after_rejection("given-token")
    assert "client_id" in (caught.value.hint or "")


@pytest.mark.parametrize(
    ("fields", "fragment"),
    [
        ({}, "neither access_token nor client_id/client_secret"),
        ({"client_id": "app"}, "client_secret is empty"),
        ({"client_secret": "s3cr3t"}, "client_id is empty"),
    ],
)
async def test_missing_credentials_are_named(fields: dict[str, str], fragment: str) -> None:
    source = TokenSource(ServerConfig(address="h", **fields), Issuer())
    with pytest.raises(ConfigError, match=fragment):
        await source.current()


async def test_configured_jwt_past_its_exp_is_replaced_when_possible() -> None:
    # header {"alg":"none"}, claims {"exp": 10}: long expired
    expired = "eyJhbGciOiJub25lIn0.eyJleHAiOjEwfQ.sig"
    assert read_claims(expired)["exp"] == 10
    issuer = Issuer()
    server = ServerConfig(address="h", access_token=expired, client_id="app", client_secret="s3")
    source = TokenSource(server, issuer, clock=Clock(), wall_clock=lambda: 5000.0)
    assert await source.current() == "admin-token-1"
