"""Signing in with the official client: password tokens, WebSocket auth and its refusals."""

from __future__ import annotations

import asyncio

import pytest
from trueconf import Bot
from trueconf.exceptions import ApiErrorException, InvalidGrantError, PasswordAuthDisabledError

from migrator.emulator import EmulatorConfig, RunningEmulator
from tests.emulator.support import PASSWORD, client_options, running


async def _token_by_password(emu: RunningEmulator, login: str, password: str) -> Bot:
    return await asyncio.to_thread(
        Bot.from_credentials, emu.host, login, password, timeout=5, **client_options(emu)
    )


async def _auth_failure_code(bot: Bot) -> int:
    await bot.start()
    try:
        assert bot._connect_task is not None
        with pytest.raises(ApiErrorException) as caught:
            await asyncio.wait_for(bot._connect_task, 5)
        return caught.value.code
    finally:
        await bot.shutdown(timeout=1)


async def test_password_token_signs_the_client_in(emulator: RunningEmulator) -> None:
    bot = await _token_by_password(emulator, "alice", PASSWORD)
    await bot.start()
    try:
        await asyncio.wait_for(bot.authorized_event.wait(), 5)
        assert bot.me_id == "alice@emulator.local"
        assert await bot.server_name == "emulator.local"
    finally:
        await bot.shutdown(timeout=1)


async def test_login_is_case_insensitive(emulator: RunningEmulator) -> None:
    bot = await _token_by_password(emulator, "Alice", PASSWORD)
    assert bot.token.count(".") == 2


async def test_wrong_password_is_refused(emulator: RunningEmulator) -> None:
    with pytest.raises(InvalidGrantError):
        await _token_by_password(emulator, "alice", "wrong password")


async def test_unknown_user_is_refused(emulator: RunningEmulator) -> None:
    with pytest.raises(InvalidGrantError):
        await _token_by_password(emulator, "mallory", PASSWORD)


async def test_disabled_password_sign_in_is_reported() -> None:
    async with running(EmulatorConfig(password_auth_enabled=False)) as emu:
        with pytest.raises(PasswordAuthDisabledError):
            await _token_by_password(emu, "alice", PASSWORD)


async def test_expired_token_is_refused_at_auth(emulator: RunningEmulator) -> None:
    token = emulator.issue_token("alice", ttl_seconds=1)
    bot = Bot(emulator.host, token, timeout=5, **client_options(emulator))  # type: ignore[arg-type]
    await asyncio.sleep(2.05)
    assert await _auth_failure_code(bot) == 203


async def test_token_of_another_server_is_refused(emulator: RunningEmulator) -> None:
    async with running() as other:
        foreign = other.issue_token("alice")
    bot = Bot(emulator.host, foreign, timeout=5, **client_options(emulator))  # type: ignore[arg-type]
    assert await _auth_failure_code(bot) == 201


async def test_disabled_user_is_refused(emulator: RunningEmulator) -> None:
    token = emulator.issue_token("bob")
    emulator.state.users["bob"].is_active = False
    bot = Bot(emulator.host, token, timeout=5, **client_options(emulator))  # type: ignore[arg-type]
    assert await _auth_failure_code(bot) == 202
