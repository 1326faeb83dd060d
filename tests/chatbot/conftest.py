"""Headless Chromium (the system's; never a downloaded one) against the emulator's /chatbot/."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_PRESENT = CHROMIUM.exists()
REPO_ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = REPO_ROOT / "test-artifacts"
# Names the browser resolves to loopback, to see how the page behaves on a "real" host.
MAPPED_HOST = "tc.example.test"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    f"--host-resolver-rules=MAP {MAPPED_HOST} 127.0.0.1",
]

pytestmark = pytest.mark.browser


@pytest.fixture
async def browser() -> AsyncIterator[object]:
    if not CHROMIUM_PRESENT:
        pytest.skip(f"{CHROMIUM} is absent: install the chromium package to run browser tests")
    from playwright.async_api import async_playwright

    async with async_playwright() as playwright:
        launched = await playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=CHROMIUM_ARGS
        )
        try:
            yield launched
        finally:
            await launched.close()
