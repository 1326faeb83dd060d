from __future__ import annotations

from collections.abc import Iterator

import pytest

from migrator.emulator.config import EmulatorConfig
from migrator.emulator.server import EmulatorThread, RunningEmulator
from migrator.i18n import Lang, set_language
from tests.engine.exports import PASSWORDS


@pytest.fixture
def emu() -> Iterator[RunningEmulator]:
    with EmulatorThread(EmulatorConfig()) as running:
        for login, password in PASSWORDS.items():
            running.add_user(login, password, display_name=login.title())
        yield running


@pytest.fixture(autouse=True)
def _restore_language() -> Iterator[None]:
    """main() sets the interface language: back to English for the next test."""
    yield
    set_language(Lang.EN)
