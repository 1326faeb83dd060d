"""The token page (chatbot/) shows a login and a server's error text as text, never as markup.

Headless system Chromium against the emulator's /chatbot/. The login is a real account of the
emulator; the hostile error text needs a hostile server, which no emulator setting makes, so that
one answer is replaced in the browser (the only mock here).
"""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from migrator.emulator import EmulatorConfig, RunningEmulator, start_emulator

CHROMIUM = Path("/usr/bin/chromium")
HOSTILE_LOGIN = "<img src=x onerror=window.pwned=1>"
HOSTILE_DETAIL = "<img src=x onerror=window.pwned=2><b id=injected>bold</b>"
PASSWORD = "Correct-Horse-7"

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason=f"{CHROMIUM} is absent"),
]


@pytest.fixture
async def emulator() -> AsyncIterator[RunningEmulator]:
    async with start_emulator(EmulatorConfig()) as emu:
        emu.add_user(HOSTILE_LOGIN, PASSWORD, "Hostile")
        yield emu


@pytest.fixture
async def page(emulator: RunningEmulator) -> AsyncIterator[object]:
    from playwright.async_api import async_playwright

    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=["--headless", "--no-sandbox", "--disable-gpu"]
        )
        try:
            context = await browser.new_context()
            opened = await context.new_page()
            await opened.goto(f"{emulator.base_url}/chatbot/en/")
            yield opened
        finally:
            await browser.close()


async def _sign_in(page: object, login: str) -> None:
    from playwright.async_api import Page

    assert isinstance(page, Page)
    await page.locator("#login").fill(login)
    await page.locator("#password").fill(PASSWORD)
    await page.locator("#signin-submit").click()


async def test_login_is_shown_as_text(page: object) -> None:
    from playwright.async_api import Page

    assert isinstance(page, Page)
    await _sign_in(page, HOSTILE_LOGIN)
    await page.locator("#result-card").wait_for(state="visible")
    assert await page.locator("#result-login").inner_text() == HOSTILE_LOGIN
    assert await page.locator("#result-card img").count() == 0
    assert await page.evaluate("window.pwned") is None


async def test_server_error_text_is_shown_as_text(page: object) -> None:
    from playwright.async_api import Page, Route

    assert isinstance(page, Page)

    async def hostile(route: Route) -> None:
        body = {"error": "server_error", "error_description": HOSTILE_DETAIL}
        await route.fulfill(status=500, content_type="application/json", body=json.dumps(body))

    await page.route("**/bridge/api/client/v1/oauth/token", hostile)
    await _sign_in(page, "someone")
    error = page.locator("#signin-error")
    await error.wait_for(state="visible")
    assert HOSTILE_DETAIL in await error.inner_text()
    assert await page.locator("#signin-error img, #injected").count() == 0
    assert await page.evaluate("window.pwned") is None
