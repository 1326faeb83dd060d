"""A server that drops sockets idle for a second, and a migration with pauses longer than that
(every sixth request is refused as too many and retried after a back-off of seconds): with the
keep-alive every message arrives once and no session is ever dropped and reconnected."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest

from migrator.emulator.config import Behaviours, EmulatorConfig, Faults
from migrator.emulator.server import EmulatorThread, RunningEmulator
from migrator.engine import build_chat

from .exports import PASSWORDS
from .helpers import (
    build_options,
    expected_rows,
    planned_posts,
    read_back,
    transcript,
    write_team_chat,
)


@pytest.fixture
def dropping() -> Iterator[RunningEmulator]:
    config = EmulatorConfig(
        behaviours=Behaviours(idle_drop_seconds=1.0), faults=Faults(rate_limit_every=6)
    )
    with EmulatorThread(config) as running:
        for login, password in PASSWORDS.items():
            running.add_user(login, password, display_name=login.title())
        yield running


@pytest.mark.parametrize("keep_alive", [True, False])
def test_pauses_longer_than_the_server_keeps_idle_sockets(
    dropping: RunningEmulator, tmp_path: Path, keep_alive: bool
) -> None:
    emu = dropping
    config = write_team_chat(emu, tmp_path)
    options = replace(
        build_options(config, tmp_path, keep_alive=keep_alive, keep_alive_seconds=0.3),
        retry_base_seconds=2.5,  # the first retry waits 1.25 to 2.5 s
    )
    assert build_chat(options) == 0
    connections = emu.connections_accepted()
    assert transcript(read_back(emu, config)) == expected_rows(planned_posts(config))
    if keep_alive:
        assert connections == 2  # alice and bob, each connected once
    else:
        assert connections > 2  # the pauses did drop sockets: the check above means something
