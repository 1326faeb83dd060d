"""Reading every account of the server, page after page, from a seeded emulator."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import httpx
import pytest

from migrator.config.model import ServerConfig
from migrator.emulator import EmulatorConfig, start_emulator
from migrator.errors import ServerError
from migrator.server_api.admin import AdminApi
from migrator.server_api.models import ServerUser

REPO = Path(__file__).resolve().parents[2]


def _server(port: int) -> ServerConfig:
    return ServerConfig(
        address="127.0.0.1",
        port=port,
        https=False,
        client_id="emulator",
        client_secret="emulator-secret",
    )


@pytest.fixture
def seeded_emulator_url(tmp_path: Path) -> Iterator[str]:
    """``python -m migrator.emulator --users-file`` with seven accounts; yields its URL."""
    rows = [f"user{i:02d},Сотрудник {i},user{i:02d}@corp.example," for i in range(7)]
    directory = tmp_path / "directory.csv"
    directory.write_text("login,display_name,email,password\n" + "\n".join(rows) + "\n", "utf-8")
    process = subprocess.Popen(
        [sys.executable, "-m", "migrator.emulator", "--port", "0", "--users-file", str(directory)],
        cwd=REPO,
        stdout=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONPATH": str(REPO)},
    )
    assert process.stdout is not None
    try:
        yield process.stdout.readline().strip().rsplit(" ", 1)[-1]
    finally:
        process.send_signal(signal.SIGTERM)
        process.wait(timeout=10)
        process.stdout.close()


async def test_the_emulator_cli_seeds_a_directory_read_back_over_all_pages(
    seeded_emulator_url: str,
) -> None:
    async with AdminApi(_server(int(seeded_emulator_url.rsplit(":", 1)[-1]))) as api:
        users = await api.list_users(page_size=3)
    assert users == [
        ServerUser(f"user{i:02d}", f"Сотрудник {i}", f"user{i:02d}@corp.example") for i in range(7)
    ]


def test_a_bad_users_file_is_an_argument_error(tmp_path: Path) -> None:
    directory = tmp_path / "directory.csv"
    directory.write_text("name\nx\n", encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "migrator.emulator", "--users-file", str(directory)],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=30,
        check=False,
    )
    assert result.returncode == 2
    assert "the first line must name the columns" in result.stderr
    assert "Traceback" not in result.stderr


class _RewrittenPages(httpx.AsyncBaseTransport):
    """Real answers, with ``next_page_id`` of the users pages rewritten by ``rewrite``."""

    def __init__(self, rewrite: Callable[[int, object], object]) -> None:
        self.inner = httpx.AsyncHTTPTransport()
        self.rewrite = rewrite

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        response = await self.inner.handle_async_request(request)
        if request.url.path == "/api/v4/users" and request.method == "GET":
            body = json.loads(await response.aread())
            page = int(request.url.params["page_id"])
            body["next_page_id"] = self.rewrite(page, body["next_page_id"])
            return httpx.Response(200, json=body, request=request)
        return response

    async def aclose(self) -> None:
        await self.inner.aclose()


async def test_a_server_that_pages_in_a_circle_is_an_error_not_a_hang() -> None:
    back_to_one = _RewrittenPages(lambda page, following: 1 if page == 2 else following)
    async with start_emulator(EmulatorConfig(chatbot_dir=None)) as emu:
        for index in range(5):
            emu.add_user(f"user{index}", "")
        async with AdminApi(_server(emu.port), transport=back_to_one) as api:
            with pytest.raises(ServerError, match="a page already read"):
                await api.list_users(page_size=2)


async def test_page_numbers_sent_as_text_are_followed() -> None:
    as_text = _RewrittenPages(lambda page, following: str(following))
    async with start_emulator(EmulatorConfig(chatbot_dir=None)) as emu:
        for index in range(5):
            emu.add_user(f"user{index}", "")
        async with AdminApi(_server(emu.port), transport=as_text) as api:
            users = await api.list_users(page_size=2)
    assert [user.login for user in users] == [f"user{index}" for index in range(5)]
