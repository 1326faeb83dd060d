from __future__ import annotations

import logging
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
def _restore_logging_and_language() -> Iterator[None]:
    """build_chat configures process-wide logging, main() the language: undo both."""
    yield
    set_language(Lang.EN)
    root = logging.getLogger()
    for handler in list(root.handlers):
        if getattr(handler, "_migrator_handler", False):
            root.removeHandler(handler)
            handler.close()
