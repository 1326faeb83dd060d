"""``python -m migrator.emulator`` as an administrator runs it."""

from __future__ import annotations

import asyncio
import os
import signal
import ssl
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from trueconf import Bot
from trueconf.exceptions import ApiErrorException

REPO = Path(__file__).resolve().parents[2]
ADMIN = {"grant_type": "client_credentials", "client_id": "ops", "client_secret": "ops-secret"}


class Process:
    def __init__(self, *arguments: str) -> None:
        self.popen = subprocess.Popen(
            [sys.executable, "-m", "migrator.emulator", *arguments],
            cwd=REPO,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env={**os.environ, "PYTHONPATH": str(REPO)},
        )
        assert self.popen.stdout is not None
        self.first_line = self.popen.stdout.readline().strip()
        self.more = [self.popen.stdout.readline().strip() for _ in range(2)]
        self.url = self.first_line.rsplit(" ", 1)[-1]

    def stop(self) -> int:
        """Stop the emulator (if still running) and close its pipes."""
        if self.popen.poll() is None:
            self.popen.send_signal(signal.SIGTERM)
        code = self.popen.wait(timeout=10)
        if self.popen.stdout:
            self.popen.stdout.close()
        if self.popen.stderr:
            self.popen.stderr.close()
        return code


@pytest.fixture
def launch() -> Iterator[type[Process]]:
    started: list[Process] = []

    class Tracked(Process):
        def __init__(self, *arguments: str) -> None:
            super().__init__(*arguments)
            started.append(self)

    yield Tracked
    for process in started:  # also one that ended by itself: its pipes are closed here
        process.stop()


def _create_users(url: str, *logins: str) -> None:
    with httpx.Client(base_url=url, timeout=5) as http:
        token = http.post("/oauth2/v1/token", json=ADMIN).json()["access_token"]
        for login in logins:
            response = http.post(
                "/api/v4/users",
                params={"access_token": token},
                json={"id": login, "display_name": login, "password": f"{login}-pw"},
            )
            assert response.status_code == 200, response.text


def _port(url: str) -> int:
    return int(url.rsplit(":", 1)[-1])


async def _signed_in(url: str, login: str) -> Bot:
    bot = await asyncio.to_thread(
        Bot.from_credentials,
        "127.0.0.1",
        login,
        f"{login}-pw",
        web_port=_port(url),
        https=False,
        timeout=5,
    )
    await bot.start()
    await asyncio.wait_for(bot.authorized_event.wait(), 5)
    return bot


def test_prints_url_then_client_credentials(launch: type[Process]) -> None:
    process = launch("--port", "0")
    assert process.first_line.startswith("TrueConf emulator listening on http://127.0.0.1:")
    assert _port(process.url) > 0
    assert process.more == ["OAuth client id: emulator", "OAuth client secret: emulator-secret"]
    assert process.stop() == 0


async def test_rest_user_posts_and_another_reads_back(launch: type[Process]) -> None:
    process = launch("--port", "0", "--client-id", "ops", "--client-secret", "ops-secret")
    _create_users(process.url, "writer", "reader")
    writer = await _signed_in(process.url, "writer")
    reader = await _signed_in(process.url, "reader")
    try:
        chat_id = (await writer.create_group_chat("Acceptance")).chat_id
        await writer.add_participant_to_chat(chat_id, "reader")
        sent = await writer.send_message(chat_id, "Привет из Telegram")
        history = await reader.get_chat_history(chat_id, 10)
        posts = [(m.message_id, m.author.id, m.text) for m in history.messages if m.type == 200]
        assert posts == [(sent.message_id, "writer@emulator.local", "Привет из Telegram")]
    finally:
        await writer.shutdown(timeout=1)
        await reader.shutdown(timeout=1)


async def test_data_folder_survives_a_restart(launch: type[Process], tmp_path: Path) -> None:
    first = launch("--port", "0", "--data", str(tmp_path), "--user", "keeper:keeper-pw")
    keeper = await _signed_in(first.url, "keeper")
    chat_id = (await keeper.create_group_chat("Kept")).chat_id
    sent = await keeper.send_message(chat_id, "still here")
    token = keeper.token
    await keeper.shutdown(timeout=1)
    assert first.stop() == 0

    second = launch("--port", "0", "--data", str(tmp_path))
    # The token issued before the restart is still honoured.
    again = Bot("127.0.0.1", token, web_port=_port(second.url), https=False, timeout=5)
    await again.start()
    try:
        await asyncio.wait_for(again.authorized_event.wait(), 5)
        history = await again.get_chat_history(chat_id, 10)
        assert [m.message_id for m in history.messages] == [sent.message_id]
    finally:
        await again.shutdown(timeout=1)


def test_tls_prints_the_ca_file(launch: type[Process], tmp_path: Path) -> None:
    process = launch("--port", "0", "--tls", "--data", str(tmp_path))
    assert process.url.startswith("https://127.0.0.1:")
    assert process.popen.stdout is not None
    ca_line = process.popen.stdout.readline().strip()
    assert ca_line == f"CA certificate: {tmp_path / 'tls' / 'emulator-ca.pem'}"
    response = httpx.get(
        process.url + "/api/v4/server",
        verify=ssl.create_default_context(cafile=tmp_path / "tls" / "emulator-ca.pem"),
    )
    assert response.json()["product"]["display_name"] == "emulator.local"


def test_fault_options_reach_the_configuration() -> None:
    from migrator.emulator.__main__ import build_parser, config_from_arguments

    arguments = build_parser().parse_args(
        [
            "--latency-ms=20",
            "--drop-ws-after-frames=5",
            "--drop-ws-lose-reply",
            "--upload-5xx-probability=0.25",
            "--token-ttl-seconds=30",
            "--rate-limit-every=7",
            "--seed=3",
            "--blocked-extensions=.EXE,js",
            "--no-chatbot-dir",
        ]
    )
    config = config_from_arguments(arguments)
    faults = config.faults
    assert (faults.latency_ms, faults.drop_ws_after_frames, faults.drop_ws_lose_reply) == (
        20,
        5,
        True,
    )
    assert (faults.upload_5xx_probability, faults.token_ttl_seconds) == (0.25, 30)
    assert (faults.rate_limit_every, faults.seed) == (7, 3)
    assert config.blocked_extensions == ("exe", "js")
    assert config.chatbot_dir is None


def test_latency_option_slows_a_running_server(launch: type[Process]) -> None:
    process = launch("--port", "0", "--latency-ms", "300")
    with httpx.Client(base_url=process.url) as http:
        http.get("/api/v4/server")
        response = http.get("/api/v4/server")
    assert response.elapsed.total_seconds() >= 0.3


def test_profile_pessimistic_turns_every_behaviour_on_and_switches_override_it() -> None:
    from migrator.emulator.__main__ import build_parser, config_from_arguments
    from migrator.emulator.config import Behaviours

    def parsed(*arguments: str) -> Behaviours:
        return config_from_arguments(build_parser().parse_args(list(arguments))).behaviours

    assert parsed() == Behaviours()
    assert parsed("--profile", "default") == Behaviours()
    pessimistic = parsed("--profile", "pessimistic")
    assert pessimistic == Behaviours.profile("pessimistic")
    assert all(value not in (None, False) for value in vars(pessimistic).values())
    assert (pessimistic.history_page_cap, pessimistic.chats_page_cap) == (20, 5)
    overridden = parsed(
        "--profile=pessimistic", "--history-page-cap=7", "--idle-drop-seconds=0", "--no-echo-own"
    )
    assert (overridden.history_page_cap, overridden.idle_drop_seconds) == (7, None)
    assert overridden.echo_own is False
    assert overridden.ldap_ids is True
    alone = parsed("--ldap-ids", "--commit-then-error-every", "3")
    assert alone == Behaviours(ldap_ids=True, commit_then_error_every=3)


async def test_an_answered_change_survives_a_kill(launch: type[Process], tmp_path: Path) -> None:
    first = launch("--port", "0", "--data", str(tmp_path), "--user", "keeper:keeper-pw")
    keeper = await _signed_in(first.url, "keeper")
    token = keeper.token
    try:
        chat_id = (await keeper.create_group_chat("Journaled")).chat_id
        sent = [(await keeper.send_message(chat_id, f"answered {n}")).message_id for n in range(3)]
    finally:
        # No shutdown, no final save: the process dies right after the last answer.
        first.popen.kill()
        first.popen.wait(timeout=10)
        await keeper.shutdown(timeout=1)

    second = launch("--port", "0", "--data", str(tmp_path))
    again = Bot("127.0.0.1", token, web_port=_port(second.url), https=False, timeout=5)
    await again.start()
    try:
        await asyncio.wait_for(again.authorized_event.wait(), 5)
        history = await again.get_chat_history(chat_id, 10)
        assert [m.message_id for m in reversed(history.messages)] == sent
    finally:
        await again.shutdown(timeout=1)


async def test_profile_pessimistic_on_the_command_line(launch: type[Process]) -> None:
    process = launch("--port", "0", "--profile", "pessimistic", "--user", "tester:tester-pw")
    tester = await _signed_in(process.url, "tester")
    try:
        assert tester.me_id == "EMULATOR\\Tester@emulator.local"
        outcomes = []
        for n in range(6):
            try:
                await tester.create_group_chat(f"Chat {n}")
                outcomes.append(0)
            except ApiErrorException as error:
                outcomes.append(error.code)
        # The fifth change was made, then answered "operation timeout".
        assert outcomes == [0, 0, 0, 0, 301, 0]
        listed = (await tester.get_chats(count=100, page=1)).chats
        assert len(listed) == 5
        more = (await tester.get_chats(count=100, page=2)).chats
        assert len(more) == 1
    finally:
        await tester.shutdown(timeout=1)
