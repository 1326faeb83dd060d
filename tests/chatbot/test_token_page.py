"""The token page in headless Chromium, served by the emulator the way TrueConf Web serves it."""

from __future__ import annotations

import contextlib
import tomllib
from collections.abc import AsyncIterator
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urlsplit

import pytest
from playwright.async_api import Browser, BrowserContext, Page, Request

from migrator.emulator import EmulatorConfig, RunningEmulator, start_emulator
from migrator.tokens import read_claims
from tests.browser import ARTIFACTS, MAPPED_HOST

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 860}
LOGIN, PASSWORD = "ivan_petrov", "Correct-Horse-7"
WRONG_PASSWORD = {"en": "Wrong login or password.", "ru": "Неверный логин или пароль."}
FILE_COMMENT = (
    "# TrueConf Chatbot Connector token — give this file to your administrator. / "
    "Токен TrueConf Chatbot Connector — передайте этот файл администратору."
)


@pytest.fixture
async def emulator() -> AsyncIterator[RunningEmulator]:
    async with start_emulator(EmulatorConfig()) as emu:
        emu.add_user(LOGIN, PASSWORD, "Иван Петров")
        yield emu


@contextlib.asynccontextmanager
async def open_page(
    browser: Browser, viewport: dict[str, int], requests: list[str] | None = None
) -> AsyncIterator[tuple[BrowserContext, Page]]:
    context = await browser.new_context(
        viewport=viewport,  # type: ignore[arg-type]
        accept_downloads=True,
        device_scale_factor=2 if viewport is PHONE else 1,
        is_mobile=viewport is PHONE,
        has_touch=viewport is PHONE,
    )
    page = await context.new_page()
    if requests is not None:

        def record(request: Request) -> None:
            requests.append(request.url)

        page.on("request", record)
    try:
        yield context, page
    finally:
        await context.close()


async def sign_in(page: Page, login: str, password: str) -> None:
    await page.get_by_label("Login" if await _lang(page) == "en" else "Логин").fill(login)
    await page.locator("#password").fill(password)
    await page.locator("#signin-submit").click()


async def _lang(page: Page) -> str:
    return str(await page.evaluate("document.documentElement.lang"))


def _iso(exp: Any) -> str:
    return datetime.fromtimestamp(int(exp), UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


@pytest.mark.parametrize("lang", ["en", "ru"])
async def test_sign_in_shows_token_and_downloads_the_file(
    browser: Browser, emulator: RunningEmulator, lang: str
) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    requests: list[str] = []
    async with open_page(browser, DESKTOP, requests) as (context, page):
        await context.grant_permissions(
            ["clipboard-read", "clipboard-write"], origin=emulator.base_url
        )
        await page.goto(f"{emulator.base_url}/chatbot/{lang}/")
        await page.screenshot(path=ARTIFACTS / f"chatbot-{lang}-desktop-signin.png", full_page=True)
        await sign_in(page, LOGIN, PASSWORD)
        await page.locator("#result-card").wait_for(state="visible")

        token = await page.locator("#token").input_value()
        claims = read_claims(token)
        assert claims["sub"] == LOGIN
        assert await page.locator("#password").input_value() == ""
        await page.screenshot(path=ARTIFACTS / f"chatbot-{lang}-desktop-token.png", full_page=True)

        async with page.expect_download() as download_info:
            await page.locator("#download-button").click()
        download = await download_info.value
        assert download.suggested_filename == f"{LOGIN}.toml"
        saved = await download.path()
        content = saved.read_text(encoding="utf-8")
        host = urlsplit(emulator.base_url).netloc
        assert content == (
            f"{FILE_COMMENT}\n"
            f'login = "{LOGIN}"\n'
            f'server = "{host}"\n'
            f'access_token = "{token}"\n'
            f'expires_at = "{_iso(claims["exp"])}"\n'
        )
        assert tomllib.loads(content)["access_token"] == token

        await page.locator("#copy-button").click()
        copied = "Token copied" if lang == "en" else "Токен скопирован"
        await page.locator("#result-status", has_text=copied).wait_for()
        assert await page.evaluate("navigator.clipboard.readText()") == token

        # Nothing kept: no storage, no token or password in the address.
        assert await page.evaluate("localStorage.length + sessionStorage.length") == 0
        assert token not in page.url and PASSWORD not in page.url
    assert requests
    assert all(token not in url and PASSWORD not in url for url in requests)


@pytest.mark.parametrize("lang", ["en", "ru"])
async def test_wrong_password_is_explained(
    browser: Browser, emulator: RunningEmulator, lang: str
) -> None:
    async with open_page(browser, PHONE) as (_, page):
        await page.goto(f"{emulator.base_url}/chatbot/{lang}/")
        await page.screenshot(path=ARTIFACTS / f"chatbot-{lang}-phone-signin.png", full_page=True)
        await sign_in(page, LOGIN, "not-the-password")
        error = page.locator("#signin-error")
        await error.wait_for(state="visible")
        assert WRONG_PASSWORD[lang] in await error.inner_text()
        assert await page.locator("#result-card").is_hidden()
        assert await page.locator("#password").input_value() == ""
        await page.screenshot(path=ARTIFACTS / f"chatbot-{lang}-phone-error.png", full_page=True)
        await sign_in(page, LOGIN, PASSWORD)
        await page.locator("#result-card").wait_for(state="visible")
        await page.screenshot(path=ARTIFACTS / f"chatbot-{lang}-phone-token.png", full_page=True)


async def test_password_sign_in_disabled_is_explained(
    browser: Browser, emulator: RunningEmulator
) -> None:
    emulator.config.password_auth_enabled = False
    async with open_page(browser, DESKTOP) as (_, page):
        await page.goto(f"{emulator.base_url}/chatbot/en/")
        await sign_in(page, LOGIN, PASSWORD)
        error = page.locator("#signin-error")
        await error.wait_for(state="visible")
        assert "Sign-in with a password is turned off on this server." in await error.inner_text()


async def test_unreachable_server_is_explained(browser: Browser) -> None:
    async with open_page(browser, DESKTOP) as (_, page):
        async with start_emulator(EmulatorConfig()) as emu:
            await page.goto(f"{emu.base_url}/chatbot/ru/")
        # The server is gone now; the page is already loaded.
        await sign_in(page, LOGIN, PASSWORD)
        error = page.locator("#signin-error")
        await error.wait_for(state="visible")
        assert "Сервер недоступен." in await error.inner_text()


async def test_page_requests_nothing_from_another_origin(
    browser: Browser, emulator: RunningEmulator
) -> None:
    requests: list[str] = []
    async with open_page(browser, PHONE, requests) as (_, page):
        for lang in ("ru", "en"):
            await page.goto(f"{emulator.base_url}/chatbot/{lang}/")
            await page.wait_for_load_state("networkidle")
            await sign_in(page, LOGIN, PASSWORD)
            await page.locator("#result-card").wait_for(state="visible")
            async with page.expect_download():
                await page.locator("#download-button").click()
    origins = {f"{urlsplit(u).scheme}://{urlsplit(u).netloc}" for u in requests}
    assert origins == {emulator.base_url}, origins
    assert any(u.endswith("/bridge/api/client/v1/oauth/token") for u in requests)
    assert any(u.endswith("/assets/chatbot.css") for u in requests)


async def test_each_page_declares_a_same_origin_csp(emulator: RunningEmulator) -> None:
    for lang in ("ru", "en"):
        html = (ARTIFACTS.parent / "chatbot" / lang / "index.html").read_text(encoding="utf-8")
        assert (
            '<meta http-equiv="Content-Security-Policy" content="default-src \'self\'; '
            "script-src 'self'; style-src 'self'"
        ) in html
        assert "http://" not in html and "https://" not in html  # no external resource at all


async def test_plain_http_moves_to_https_except_on_loopback(
    browser: Browser, emulator: RunningEmulator
) -> None:
    requests: list[str] = []
    async with open_page(browser, DESKTOP, requests) as (_, page):
        with contextlib.suppress(Exception):  # nothing serves https on that name: it fails
            await page.goto(f"http://{MAPPED_HOST}:{emulator.port}/chatbot/en/")
            await page.wait_for_url(f"https://{MAPPED_HOST}/**", timeout=5000)
        assert f"https://{MAPPED_HOST}/chatbot/en/" in requests
        # Over plain HTTP nobody got the chance to send a password.
        assert not any("oauth/token" in url for url in requests)

        requests.clear()
        await page.goto(f"http://localhost:{emulator.port}/chatbot/en/")
        await page.wait_for_load_state("networkidle")
        assert page.url == f"http://localhost:{emulator.port}/chatbot/en/"
        assert not any(url.startswith("https://") for url in requests)


@pytest.mark.parametrize("lang", ["en", "ru"])
async def test_the_page_refuses_to_run_inside_a_frame(
    browser: Browser, emulator: RunningEmulator, lang: str
) -> None:
    requests: list[str] = []
    async with open_page(browser, DESKTOP, requests) as (_context, page):
        await page.goto(f"{emulator.base_url}/chatbot/{lang}/")
        # the same page framed by another page of the same origin: not even that may frame it
        await page.evaluate(
            """(src) => new Promise((resolve) => {
                document.body.replaceChildren();
                const frame = document.createElement("iframe");
                frame.src = src;
                frame.onload = () => resolve();
                document.body.append(frame);
            })""",
            f"{emulator.base_url}/chatbot/{lang}/",
        )
        frame = page.frames[1]
        assert await frame.evaluate("document.documentElement.classList.contains('framed')")
        assert not await frame.locator("#signin-form").is_visible()
        requests.clear()
        await frame.evaluate(
            """(login) => {
                document.getElementById("login").value = login;
                document.getElementById("password").value = "x";
                document.getElementById("signin-form").requestSubmit();
            }""",
            LOGIN,
        )
        await page.wait_for_timeout(500)
        assert not any("oauth" in url for url in requests)
