from __future__ import annotations

import string
from datetime import UTC, datetime

from migrator.config.model import Language
from migrator.probe import checks
from migrator.probe.profile import CheckStatus, ServerInfo, ServerProfile
from migrator.probe.table import render_table
from migrator.probe.texts import CHECKS, EFFECTS, STATUS, TITLES, UI, console_language


def _fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def test_every_text_exists_in_both_languages_with_the_same_placeholders() -> None:
    tables = [TITLES, STATUS, UI, *(EFFECTS[name] for name in EFFECTS)]
    for table in tables:
        for key, texts in table.items():
            assert set(texts) == {Language.EN, Language.RU}, key
            assert _fields(texts[Language.EN]) == _fields(texts[Language.RU]), key
    assert set(EFFECTS) == set(CHECKS)


def test_table_shows_each_check_in_the_chosen_language() -> None:
    profile = ServerProfile(
        server=ServerInfo(version="5.5.6", address="https://tc.example"),
        probed_at=datetime(2026, 12, 1, tzinfo=UTC),
        checks={
            "history_page_cap": checks.evaluate_history_page_cap(asked=100, returned=20),
            "p2p_reuse": checks.evaluate_p2p_reuse("a", "a"),
            "channel_writer": checks.evaluate_channel_writer(
                role_error="303: no", post_error=None, post_seen=False
            ),
        },
    )
    english = render_table(profile, Language.EN)
    russian = render_table(profile, Language.RU)
    assert "history page size" in english and "differs" in english and "  20" in english
    assert EFFECTS["history_page_cap"]["differs"][Language.EN] in english
    assert "размер страницы истории" in russian and "отличается" in russian
    assert EFFECTS["history_page_cap"]["differs"][Language.RU] in russian
    assert EFFECTS["channel_writer"]["blocking"][Language.RU] in russian
    assert UI["blocking"][Language.RU] in russian
    assert profile.checks["channel_writer"].status is CheckStatus.BLOCKING


def test_console_language_follows_the_locale() -> None:
    assert console_language({"LANG": "ru_RU.UTF-8"}) is Language.RU
    assert console_language({"LC_ALL": "C", "LANG": "ru_RU.UTF-8"}) is Language.EN
    assert console_language({}) is Language.EN
