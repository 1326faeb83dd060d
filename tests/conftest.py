"""Fixtures shared by test folders."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import pytest

from tests.browser import CHROMIUM, CHROMIUM_ARGS, CHROMIUM_PRESENT


@pytest.fixture
async def browser() -> AsyncIterator[Any]:
    """A launched Chromium (tests marked ``browser``); skipped where the package is absent."""
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
