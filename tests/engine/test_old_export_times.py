"""Exports without date_unixtime: local times are read in [chat.datetime] timezone."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from migrator.config.model import ChatConfig, Config, DatetimeConfig, UserConfig
from migrator.engine.planning import plan_chat
from migrator.telegram.loader import select_chat

OLD_EXPORT = Path(__file__).resolve().parents[1] / "fixtures" / "exports" / "old-ids-2020"


def _config(timezone: str) -> Config:
    return Config(
        chat=ChatConfig(
            name="old", type="channel", owner="owner", datetime=DatetimeConfig(timezone=timezone)
        ),
        users={"owner": UserConfig(password="owner-pass-1")},
    )


def _first_post_timestamp(timezone: str) -> int | None:
    planned = plan_chat(
        _config(timezone), export_dir=OLD_EXPORT, chat=select_chat(OLD_EXPORT, None)
    )
    return next(post.timestamp for plan in planned.plans for post in plan.posts)


def test_local_dates_are_read_in_the_configured_time_zone() -> None:
    moscow = _first_post_timestamp("Europe/Moscow")
    utc = _first_post_timestamp("UTC")
    expected = datetime(2020, 11, 12, 12, 53, 52, tzinfo=ZoneInfo("Europe/Moscow")).timestamp()
    assert moscow == int(expected)
    assert utc is not None and moscow is not None and utc - moscow == 3 * 3600
