from __future__ import annotations

from collections.abc import Iterator

import pytest

from migrator.emulator.config import Behaviours, EmulatorConfig
from migrator.emulator.server import EmulatorThread, RunningEmulator

from .exports import PASSWORDS


@pytest.fixture
def emu(request: pytest.FixtureRequest) -> Iterator[RunningEmulator]:
    """The emulator with the default profile, or the profile a module asks for with
    ``pytest.mark.parametrize("emu", PROFILES, indirect=True)``."""
    profile = getattr(request, "param", "default")
    with EmulatorThread(EmulatorConfig(behaviours=Behaviours.profile(profile))) as running:
        for login, password in PASSWORDS.items():
            running.add_user(login, password, display_name=login.title())
        yield running
