from __future__ import annotations

from datetime import UTC, datetime

from migrator.config.model import ChatType
from migrator.probe import checks
from migrator.probe.profile import CheckResult, ServerInfo, ServerProfile
from migrator.probe.settings import SAFE, blocking_findings, settings_from


def _profile(**found: CheckResult) -> ServerProfile:
    return ServerProfile(
        server=ServerInfo(version="5.5.6"),
        probed_at=datetime(2026, 12, 1, tzinfo=UTC),
        checks=found,
    )


def test_without_a_profile_the_safe_settings() -> None:
    assert settings_from(None) is SAFE
    assert SAFE.history_page_size == 20 and not SAFE.pipelined_posts and not SAFE.from_profile


def test_an_all_ok_profile_allows_the_fast_choices() -> None:
    settings = settings_from(
        _profile(
            history_page_cap=checks.evaluate_history_page_cap(asked=100, returned=100),
            pipelined_order=checks.evaluate_pipelined_order(["a", "b"], ["a", "b"]),
            text_echo=checks.evaluate_text_echo([checks.EchoSample("x", "t", "t", "t")]),
            author_id_format=checks.evaluate_author_id_format({"a": "a@s"}, {"a": ["a@s"]}),
            temporal_file_scope=checks.evaluate_temporal_file_scope(
                [checks.FileAttempt("after_wait", None)]
            ),
            idle_drop=checks.evaluate_idle_drop(waited_seconds=90, dropped_after=None),
        )
    )
    assert settings.from_profile
    assert settings.history_page_size == 100
    assert settings.pipelined_posts and settings.exact_text_matching
    assert settings.exact_author_matching and settings.upload_ahead
    assert not settings.keep_alive


def test_differing_checks_choose_the_careful_way() -> None:
    settings = settings_from(
        _profile(
            history_page_cap=checks.evaluate_history_page_cap(asked=100, returned=7),
            pipelined_order=checks.evaluate_pipelined_order(["a", "b"], ["b", "a"]),
            temporal_file_scope=checks.evaluate_temporal_file_scope(
                [checks.FileAttempt("after_reconnect", "404: File not found")]
            ),
            idle_drop=checks.evaluate_idle_drop(waited_seconds=90, dropped_after=15),
        )
    )
    assert settings.history_page_size == 7
    assert not settings.pipelined_posts and not settings.upload_ahead and settings.keep_alive
    assert not settings.exact_text_matching  # not probed: the careful way


def test_channel_writer_blocks_only_a_channel_and_version_blocks_everything() -> None:
    refused = checks.evaluate_channel_writer(role_error="303", post_error=None, post_seen=False)
    profile = _profile(channel_writer=refused)
    assert blocking_findings(profile, {ChatType.GROUP}) == []
    assert blocking_findings(profile, {ChatType.GROUP, ChatType.CHANNEL}) == ["channel_writer"]
    old = _profile(server_version=checks.evaluate_server_version("5.5.4"))
    assert blocking_findings(old, {ChatType.PERSONAL}) == ["server_version"]
    assert blocking_findings(None, {ChatType.CHANNEL}) == []
