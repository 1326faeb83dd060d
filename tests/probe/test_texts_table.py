from __future__ import annotations

from datetime import UTC, datetime

from migrator.config.model import Language
from migrator.i18n import CATALOGUE
from migrator.probe import checks
from migrator.probe.profile import CheckStatus, ServerInfo, ServerProfile
from migrator.probe.table import render_table
from migrator.probe.texts import CHECKS, console_language, effect_key, effect_variants, text


def test_every_check_has_a_title_and_its_effects_in_the_catalogue() -> None:
    """Every check has a title, an effect for ok and for a check that could not run, and each
    effect's English text leads back to its variant (the profile stores English)."""
    for check in CHECKS:
        assert f"probe.check.{check}" in CATALOGUE, check
        variants = effect_variants(check)
        assert {"ok", "not_checked"} <= set(variants), check
        assert {"differs", "blocking"} & set(variants), check
        for variant in variants:
            english = CATALOGUE[f"probe.effect.{check}.{variant}"].en
            assert effect_key(check, english) == variant, check
    effects = {key.split(".")[2] for key in CATALOGUE if key.startswith("probe.effect.")}
    assert effects == set(CHECKS)


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
    assert CATALOGUE["probe.effect.history_page_cap.differs"].en in english
    assert "размер страницы истории" in russian and "отличается" in russian
    assert CATALOGUE["probe.effect.history_page_cap.differs"].ru in russian
    assert CATALOGUE["probe.effect.channel_writer.blocking"].ru in russian
    assert text("probe.blocking", Language.RU) in russian
    assert profile.checks["channel_writer"].status is CheckStatus.BLOCKING


def test_console_language_follows_the_locale() -> None:
    assert console_language({"LANG": "ru_RU.UTF-8"}) is Language.RU
    assert console_language({"LC_ALL": "C", "LANG": "ru_RU.UTF-8"}) is Language.EN
    assert console_language({}) is Language.EN
