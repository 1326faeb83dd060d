"""report.html and preview.html in Chromium, in both languages: screenshots land in
test-artifacts/, and the "problems only" view works without a script."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from migrator.emulator.config import EmulatorConfig
from migrator.emulator.server import EmulatorThread, RunningEmulator
from migrator.i18n import Lang, set_language
from tests.browser import ARTIFACTS
from tests.engine.exports import PASSWORDS

from .support import migrate_with_problems

pytestmark = pytest.mark.browser

HEADINGS = {
    Lang.EN: ("Migration report: Team", "Show problems only", "Needs attention"),
    Lang.RU: ("Отчёт о переносе: Team", "Показать только проблемы", "Требует внимания"),
}


@pytest.fixture
def server() -> Iterator[RunningEmulator]:
    with EmulatorThread(EmulatorConfig(chatbot_dir=None)) as running:
        for login, password in PASSWORDS.items():
            running.add_user(login, password)
        yield running


@pytest.mark.parametrize("lang", [Lang.EN, Lang.RU], ids=lambda lang: lang.value)
async def test_report_and_preview_in_chromium(
    server: RunningEmulator, browser: Any, tmp_path: Path, lang: Lang
) -> None:
    set_language(lang)
    out = await asyncio.to_thread(migrate_with_problems, server, tmp_path)  # it runs its own loop
    ARTIFACTS.mkdir(exist_ok=True)
    page = await browser.new_page(viewport={"width": 1280, "height": 800})
    errors: list[str] = []
    page.on("console", lambda message: errors.append(message.text))
    await page.goto((out / "report.html").as_uri())
    title, show_problems, attention = HEADINGS[lang]
    assert await page.locator("h1").inner_text() == title
    assert attention in await page.locator(".summary").inner_text()
    await page.screenshot(path=ARTIFACTS / f"report-{lang.value}.png", full_page=True)
    assert await page.locator("#m1").is_visible()
    await page.get_by_text(show_problems).click()
    # Only the messages that need attention stay: the missing photo, the refused file, the
    # failed upload.
    assert not await page.locator("#m1").is_visible() and not await page.locator("#m5").is_visible()
    for problem in ("#m2", "#m3", "#m4"):
        assert await page.locator(problem).is_visible(), problem
    await page.screenshot(path=ARTIFACTS / f"report-{lang.value}-problems.png", full_page=True)
    await page.goto((out / "preview.html").as_uri())
    assert await page.locator("h1").inner_text() == "Migrated"  # [chat] name
    await page.screenshot(path=ARTIFACTS / f"preview-{lang.value}.png", full_page=True)
    await page.close()
    assert not errors, errors  # no CSP violation, no script error
