from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from migrator.connector import (
    Credentials,
    ServerTarget,
    SessionPool,
    TrueConfConnector,
    Uploader,
)
from migrator.emulator.config import EmulatorConfig, Faults
from migrator.emulator.server import RunningEmulator, start_emulator
from migrator.ledger import Ledger

USERS = {"alice": "alice-pass-1", "bob": "bob-pass-22", "carol": "carol-pass-333"}


@pytest.fixture
async def emu() -> AsyncIterator[RunningEmulator]:
    async with start_emulator(EmulatorConfig(faults=Faults())) as running:
        for login, password in USERS.items():
            running.add_user(login, password, display_name=login.title())
        yield running


def target_of(emu: RunningEmulator, *, timeout: float = 5.0) -> ServerTarget:
    return ServerTarget(
        host=emu.host,
        port=emu.port,
        https=emu.tls,
        verify=str(emu.ca_file) if emu.ca_file else False,
        request_timeout=timeout,
        connect_timeout=10.0,
    )


def credentials_by_token(emu: RunningEmulator, *logins: str) -> dict[str, Credentials]:
    return {login: Credentials(login, token=emu.issue_token(login)) for login in logins}


@pytest.fixture
def ledger(tmp_path: Path) -> Ledger:
    return Ledger(tmp_path / "ledger.sqlite")


def pool_for(emu: RunningEmulator, creds: dict[str, Credentials]) -> SessionPool:
    return SessionPool(target_of(emu), creds, max_open=4)


def connector_for(emu: RunningEmulator, pool: SessionPool) -> TrueConfConnector:
    return TrueConfConnector(pool, Uploader(target_of(emu)))
