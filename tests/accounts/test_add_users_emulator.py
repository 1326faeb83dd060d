"""add_users against the emulator over loopback, with the real httpx stack."""

from __future__ import annotations

from typing import Any

import httpx

from migrator.accounts import add_users
from migrator.emulator import EmulatorConfig, RunningEmulator, start_emulator
from migrator.errors import AuthError, ServerError
from migrator.retry import Backoff
from migrator.server_api.models import CreateStatus
from tests.accounts.conftest import WatchingTransport, make_config, team

FAST_RETRY = Backoff(attempts=4, base_seconds=0.01, cap_seconds=0.05)


async def test_first_run_creates_all_and_second_run_finds_them(emulator: RunningEmulator) -> None:
    config = make_config(emulator, team(6), registration={"email_domain": "corp.example"})
    first = await add_users(config, concurrency=3)
    assert [r.status for r in first.results] == [CreateStatus.CREATED] * 6
    assert first.exit_code == 0
    stored = emulator.state.find_user("user03")
    assert stored is not None
    assert (stored.display_name, stored.email) == ("Пользователь 3", "user03@corp.example")

    second = await add_users(config, concurrency=3)
    assert [r.status for r in second.results] == [CreateStatus.EXISTS] * 6
    assert second.exit_code == 0
    assert len(emulator.state.users) == 6


async def test_email_uses_the_server_name_when_no_domain_is_configured(
    emulator: RunningEmulator,
) -> None:
    await add_users(make_config(emulator, team(1)))
    stored = emulator.state.find_user("user00")
    assert stored is not None
    assert stored.email == f"user00@{emulator.config.domain}"


async def test_expired_admin_token_is_renewed_mid_run(emulator: RunningEmulator) -> None:
    emulator.faults.token_ttl_seconds = 1
    emulator.faults.latency_ms = 250
    watch = WatchingTransport()
    outcome = await add_users(
        make_config(emulator, team(12)), concurrency=2, transport=watch, retry=FAST_RETRY
    )
    assert [r.status for r in outcome.results] == [CreateStatus.CREATED] * 12
    assert watch.token_requests() >= 2  # the run outlived the first token
    assert sorted(set(watch.created_ids())) == sorted(team(12))


async def test_token_refused_by_the_server_is_renewed_once() -> None:
    # A token from another server is well-formed and unexpired, yet refused here (HTTP 401).
    async with start_emulator(EmulatorConfig(chatbot_dir=None)) as other:
        foreign = await _admin_token(other)
    async with start_emulator(EmulatorConfig(chatbot_dir=None)) as emu:
        watch = WatchingTransport()
        config = make_config(emu, team(3), server={"access_token": foreign})
        outcome = await add_users(config, concurrency=1, transport=watch, retry=FAST_RETRY)
    assert [r.status for r in outcome.results] == [CreateStatus.CREATED] * 3
    assert [s.status for s in watch.seen if s.path == "/api/v4/users"] == [401, 200, 200, 200]
    assert watch.token_requests() == 1


async def test_refused_token_without_client_credentials_stops_with_a_hint() -> None:
    async with start_emulator(EmulatorConfig(chatbot_dir=None)) as other:
        foreign = await _admin_token(other)
    async with start_emulator(EmulatorConfig(chatbot_dir=None)) as emu:
        config = make_config(
            emu,
            team(2),
            server={"access_token": foreign, "client_id": "", "client_secret": ""},
        )
        try:
            await add_users(config)
        except AuthError as exc:
            assert "refused the admin access_token" in exc.message
            assert "client_id" in (exc.hint or "")
            assert foreign not in str(exc)
        else:
            raise AssertionError("a refused token must stop the run")
        assert emu.state.users == {}


async def test_5xx_on_one_user_is_retried(emulator: RunningEmulator) -> None:
    failures = {"user01": 2}

    def flaky(request: httpx.Request, body: dict[str, Any] | None) -> httpx.Response | None:
        login = (body or {}).get("id")
        if request.url.path == "/api/v4/users" and failures.get(str(login), 0) > 0:
            failures[str(login)] -= 1
            return httpx.Response(503, json={"error": {"code": 503, "message": "busy"}})
        return None

    watch = WatchingTransport(interfere=flaky)
    outcome = await add_users(
        make_config(emulator, team(3)), concurrency=3, transport=watch, retry=FAST_RETRY
    )
    assert [r.status for r in outcome.results] == [CreateStatus.CREATED] * 3
    assert watch.created_ids().count("user01") == 3
    assert emulator.state.find_user("user01") is not None


async def test_persistent_5xx_fails_that_user_only(emulator: RunningEmulator) -> None:
    def broken_for_user01(
        request: httpx.Request, body: dict[str, Any] | None
    ) -> httpx.Response | None:
        if (body or {}).get("id") == "user01":
            return httpx.Response(500, json={"error": {"code": 500, "message": "Internal"}})
        return None

    watch = WatchingTransport(interfere=broken_for_user01)
    outcome = await add_users(make_config(emulator, team(3)), transport=watch, retry=FAST_RETRY)
    statuses = {r.login: r.status for r in outcome.results}
    assert statuses == {
        "user00": CreateStatus.CREATED,
        "user01": CreateStatus.FAILED,
        "user02": CreateStatus.CREATED,
    }
    assert watch.created_ids().count("user01") == FAST_RETRY.attempts
    assert "HTTP 500" in (outcome.failed[0].reason or "")
    assert outcome.exit_code == 1


async def test_server_refusal_of_one_user_does_not_stop_the_others(
    emulator: RunningEmulator,
) -> None:
    # A definitive refusal (the emulator has no password policy: the real server has one).
    def policy(request: httpx.Request, body: dict[str, Any] | None) -> httpx.Response | None:
        if (body or {}).get("id") == "user01":
            detail = {"reason": "invalidValue", "message": "Password is too simple"}
            return httpx.Response(
                400, json={"error": {"code": 400, "message": "Bad Request", "errors": [detail]}}
            )
        return None

    watch = WatchingTransport(interfere=policy)
    outcome = await add_users(make_config(emulator, team(3)), transport=watch, retry=FAST_RETRY)
    assert [r.status for r in outcome.results] == [
        CreateStatus.CREATED,
        CreateStatus.FAILED,
        CreateStatus.CREATED,
    ]
    assert outcome.results[1].reason == "the server refused it (HTTP 400: Password is too simple)"
    assert watch.created_ids().count("user01") == 1  # a 400 is not retried
    assert outcome.exit_code == 1


async def test_bad_login_is_refused_before_any_request(emulator: RunningEmulator) -> None:
    users = {"Ivan Petrov": {"password": "Pass-1-xyz"}, **team(2)}
    watch = WatchingTransport()
    outcome = await add_users(make_config(emulator, users), transport=watch, retry=FAST_RETRY)
    assert "Ivan Petrov" not in watch.created_ids()
    assert all("Ivan" not in str(s.body) for s in watch.seen)
    refused = outcome.results[0]
    assert refused.login == "Ivan Petrov"
    assert refused.status is CreateStatus.FAILED
    assert "lowercase Latin letters" in (refused.reason or "")
    assert [r.status for r in outcome.results[1:]] == [CreateStatus.CREATED] * 2
    assert outcome.exit_code == 1


async def test_wrong_client_secret_is_an_auth_error_with_the_hint(
    emulator: RunningEmulator,
) -> None:
    config = make_config(emulator, team(2), server={"client_secret": "not-the-secret"})
    try:
        await add_users(config)
    except AuthError as exc:
        assert "client_id/client_secret" in (exc.hint or "")
        assert "not-the-secret" not in str(exc)
    else:
        raise AssertionError("wrong client credentials must stop the run")
    assert emulator.state.users == {}


async def test_unreachable_server_is_reported_once() -> None:
    async with start_emulator(EmulatorConfig(chatbot_dir=None)) as emu:
        config = make_config(emu, team(2))
    # The emulator is stopped: nothing listens on that port any more.
    try:
        await add_users(config, retry=FAST_RETRY)
    except ServerError as exc:
        assert "cannot be reached" in exc.message
        assert "[server] address" in (exc.hint or "")
    else:
        raise AssertionError("an unreachable server must stop the run")


async def test_dry_run_creates_nothing(emulator: RunningEmulator) -> None:
    watch = WatchingTransport()
    outcome = await add_users(make_config(emulator, team(3)), dry_run=True, transport=watch)
    assert outcome.dry_run
    assert [u.email for u in outcome.plan.users] == [
        f"user0{i}@{emulator.config.domain}" for i in range(3)
    ]
    assert [(s.method, s.path) for s in watch.seen] == [("GET", "/api/v4/server")]
    assert emulator.state.users == {}


async def _admin_token(emu: RunningEmulator) -> str:
    async with httpx.AsyncClient(base_url=emu.base_url) as client:
        response = await client.post(
            "/oauth2/v1/token",
            json={
                "grant_type": "client_credentials",
                "client_id": emu.config.client_id,
                "client_secret": emu.config.client_secret,
            },
        )
    response.raise_for_status()
    return str(response.json()["access_token"])


async def test_tls_with_the_servers_ca_bundle() -> None:
    async with start_emulator(EmulatorConfig(chatbot_dir=None, tls=True)) as emu:
        assert emu.ca_file is not None
        config = make_config(emu, team(2), server={"https": True, "verify_ssl": str(emu.ca_file)})
        outcome = await add_users(config)
        assert [r.status for r in outcome.results] == [CreateStatus.CREATED] * 2

        untrusted = make_config(emu, team(2), server={"https": True, "verify_ssl": True})
        try:
            await add_users(untrusted, retry=FAST_RETRY)
        except ServerError as exc:
            assert "could not be verified" in exc.message
            assert "verify_ssl" in (exc.hint or "")
        else:
            raise AssertionError("an unknown CA must not be trusted")
