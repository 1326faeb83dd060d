"""The preview and the report show Telegram content and config values as text, never as markup.

Hostile strings go everywhere a name or a text can be written (chat names, sender names, message
text, link targets, file names, forward sources, polls); the pages are then parsed: no script,
no element the pages do not make themselves, no event-handler attribute, no javascript: URL.
"""

from __future__ import annotations

from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

from migrator.emulator import EmulatorConfig, EmulatorThread, RunningEmulator
from tests.bad_input.support import (
    ALICE_ID,
    BOB_ID,
    DAVE_ID,
    emulator_server,
    message,
    run_script,
    write_config,
    write_export,
)

HOSTILE = '<script>alert("x")</script><img src=x onerror=alert(1)><svg onload=alert(2)>'
# What no page may contain outside text.
FORBIDDEN_TAGS = {"script", "img", "svg", "iframe", "object", "embed", "form", "input", "math"}


class _Markup(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.handlers: list[tuple[str, str]] = []
        self.urls: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        for name, value in attrs:
            if name.startswith("on"):
                self.handlers.append((tag, name))
            if name in ("href", "src", "action") and value is not None:
                self.urls.append(value)

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def _parse(html: str) -> _Markup:
    parser = _Markup()
    parser.feed(html)
    parser.close()
    return parser


def _assert_inert(html: str) -> _Markup:
    markup = _parse(html)
    assert not FORBIDDEN_TAGS & set(markup.tags), sorted(FORBIDDEN_TAGS & set(markup.tags))
    assert markup.handlers == []
    assert not [u for u in markup.urls if u.strip().lower().startswith(("javascript:", "data:"))]
    return markup


def _messages() -> list[dict[str, Any]]:
    link = {"type": "text_link", "text": "click", "href": "javascript:alert(3)"}
    return [
        message(1, ALICE_ID, "Alice", f"text {HOSTILE} & more"),
        message(2, BOB_ID, "Bob", ["see ", link, " now"], reply_to_message_id=1),
        message(3, DAVE_ID, f"Dave {HOSTILE}", "I have no account"),
        message(4, ALICE_ID, "Alice", "", file="files/missing.txt", file_name=f"{HOSTILE}.txt"),
        message(5, BOB_ID, "Bob", "fwd", forwarded_from=f"Channel {HOSTILE}"),
        message(
            6,
            ALICE_ID,
            "Alice",
            "",
            poll={
                "question": f"Poll {HOSTILE}",
                "closed": False,
                "total_voters": 1,
                "answers": [{"text": f"yes {HOSTILE}", "voters": 1, "chosen": False}],
            },
        ),
    ]


def _setup(folder: Path, server: dict[str, Any]) -> None:
    write_export(folder / "export", _messages(), name=f"Telegram {HOSTILE}")
    write_config(
        folder / "config.toml",
        server=server,
        chat={"name": f"Chat {HOSTILE}", "owner": "alice", "language": "en"},
        users={
            "alice": {"password": "Alice-pass-1", "telegram_id": f"user{ALICE_ID}"},
            "bob": {"password": "Bob-pass-22", "telegram_id": f"user{BOB_ID}"},
        },
    )


@pytest.fixture(scope="module")
def emulator() -> Iterator[RunningEmulator]:
    with EmulatorThread(EmulatorConfig(chatbot_dir=None)) as running:
        running.add_user("alice", "Alice-pass-1", display_name="Alice")
        running.add_user("bob", "Bob-pass-22", display_name="Bob")
        yield running


def test_dry_run_preview_and_report_escape_everything(tmp_path: Path) -> None:
    _setup(tmp_path, {"address": "127.0.0.1", "port": 9, "https": False})
    run = run_script(
        "build_chat.py", "--config", "config.toml", "--dry-run", "--output", "out", cwd=tmp_path
    )
    assert run.code == 0, run
    for page in ("preview.html", "report.html"):
        html = (tmp_path / "out" / page).read_text(encoding="utf-8")
        markup = _assert_inert(html)
        shown = "".join(markup.text)
        assert '<script>alert("x")</script>' in shown, page  # visible, as text
    preview = _parse((tmp_path / "out" / "preview.html").read_text(encoding="utf-8"))
    shown = "".join(preview.text)
    for visible in ("Chat <script>", "Dave <script>", "Channel <script>", "Poll <script>"):
        assert visible in shown, visible


def test_report_after_a_real_migration_escapes_everything(
    tmp_path: Path, emulator: RunningEmulator
) -> None:
    _setup(tmp_path, emulator_server(emulator.host, emulator.port))
    run = run_script(
        "build_chat.py", "--config", "config.toml", "--quiet", "--output", "out", cwd=tmp_path
    )
    assert run.code == 0, run
    html = (tmp_path / "out" / "report.html").read_text(encoding="utf-8")
    markup = _assert_inert(html)
    assert "<svg onload=alert(2)>" in "".join(markup.text)
    sent = [
        str(m.content.get("text", ""))
        for chat_id in list(emulator.state.chats)
        for m in emulator.chat_messages(chat_id)
    ]
    assert any("&lt;script&gt;" in text for text in sent)  # escaped in TrueConf's HTML too
    for text in sent:
        _assert_inert(text)
