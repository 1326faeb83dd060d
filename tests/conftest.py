"""Fixtures shared by test folders."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator, Iterator
from typing import Any

import pytest

from tests.browser import CHROMIUM, CHROMIUM_ARGS, CHROMIUM_PRESENT


@pytest.fixture(autouse=True)
def _restore_logging() -> Iterator[None]:
    """The scripts configure process-wide logging; undo it so the next test starts clean."""
    yield
    root = logging.getLogger()
    for handler in list(root.handlers):
        if getattr(handler, "_migrator_handler", False):
            root.removeHandler(handler)
            handler.close()


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
