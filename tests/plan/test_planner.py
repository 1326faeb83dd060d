"""Planner behaviour beyond the golden cases: options, order, limits, real sample exports."""

from __future__ import annotations

from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from render.htmlcheck import text_content
from trueconf.utils.split_text import visible_len

from migrator.config.model import ChatConfig, Config, DatetimeConfig, Language
from migrator.errors import ConfigError, MigratorError
from migrator.plan import Planner, PlanOptions, plan_messages
from migrator.plan.post import Attribution, MessagePlan, PostKey, PostKind
from migrator.render import MAX_VISIBLE
from migrator.telegram.loader import iter_messages, list_chats
from migrator.telegram.model import Message

from .golden import CHAT_KEY, DEFAULT_LOGINS, options_for, to_message

SAMPLES = Path(__file__).resolve().parents[2] / ".." / "shared" / "samples"
T = 1756725000


def message(message_id: int, **extra: Any) -> Message:
    raw: dict[str, Any] = {
        "id": message_id,
        "type": "message",
        "date_unixtime": str(T),
        "from": "Alice",
        "from_id": "user100",
        "text": "",
    }
    raw.update(extra)
    return to_message(raw)


def planner(language: Language = Language.EN, **case_input: Any) -> Planner:
    return Planner(
        chat_key=CHAT_KEY, logins=DEFAULT_LOGINS, options=options_for(case_input, language)
    )


def assert_fits(plan: MessagePlan) -> None:
    for post in plan.posts:
        whole = (post.reply_fallback_html or "") + post.html
        assert visible_len(whole) <= MAX_VISIBLE, post.key
        text_content(whole)  # well-formed, only TrueConf's tags


def test_options_from_config() -> None:
    config = Config(
        chat=ChatConfig(
            owner="boss",
            language=Language.EN,
            service_messages=False,
            datetime=DatetimeConfig(
                view_original_time_in_message=True, timezone="Europe/Moscow", caption="Sent: "
            ),
        )
    )
    options = PlanOptions.from_config(config)
    assert options.owner == "boss"
    assert options.language is Language.EN
    assert options.show_original_time is True
    assert options.timezone == ZoneInfo("Europe/Moscow")
    assert options.time_caption == "Sent: "
    assert options.service_messages is False
    assert options.upload_limits is None


def test_default_config_timezone_gmt_is_valid() -> None:
    assert PlanOptions.from_config(Config()).timezone == ZoneInfo("GMT")


@pytest.mark.parametrize("zone", ["Mars/Olympus", "", "Europe", "../etc/passwd"])
def test_bad_timezone_is_a_config_error_naming_the_key(zone: str) -> None:
    config = Config(chat=ChatConfig(datetime=DatetimeConfig(timezone=zone)))
    with pytest.raises(ConfigError) as caught:
        PlanOptions.from_config(config)
    assert "[chat.datetime] timezone" in caught.value.message
    assert caught.value.hint and "Europe/Moscow" in caught.value.hint
    assert isinstance(caught.value, MigratorError)


def test_time_line_follows_daylight_saving() -> None:
    summer = planner(show_time=True, timezone="Europe/Berlin").plan(message(1, text="a"))
    winter_time = 1767225600  # 2026-01-01 00:00 UTC
    winter = planner(show_time=True, timezone="Europe/Berlin").plan(
        message(2, text="b", date_unixtime=str(winter_time))
    )
    assert summer.posts[0].html.endswith("01.09.2025 13:10:00 +0200")
    assert winter.posts[0].html.endswith("01.01.2026 01:00:00 +0100")


def test_reply_links_only_to_messages_already_seen() -> None:
    plans = list(
        plan_messages(
            [
                message(5, reply_to_message_id=6, text="early"),
                message(6, text="x"),
                message(7, reply_to_message_id=6, text="late"),
            ],
            chat_key=CHAT_KEY,
            logins=DEFAULT_LOGINS,
            options=options_for({}, Language.EN),
        )
    )
    early, _, late = plans
    assert early.posts[0].reply_to is None
    assert "#6" in early.posts[0].html
    assert late.posts[0].reply_to == PostKey(CHAT_KEY, 6, 0)
    assert late.posts[0].reply_fallback_html and "Alice" in late.posts[0].reply_fallback_html


def test_reply_to_a_skipped_service_message_still_links_with_fallback() -> None:
    plan = planner(service_messages=False)
    skipped = plan.plan(
        to_message({"id": 1, "type": "service", "date_unixtime": str(T), "action": "clear_history"})
    )
    assert skipped.skipped is not None and not skipped.posts
    reply = plan.plan(message(2, reply_to_message_id=1, text="?"))
    assert reply.posts[0].reply_to == PostKey(CHAT_KEY, 1, 0)
    assert reply.posts[0].reply_fallback_html


def test_every_message_yields_posts_or_a_reason() -> None:
    plan = planner()
    kinds = [
        message(1),  # nothing at all
        to_message({"id": 2, "type": "unsupported"}),
        to_message({"id": 3, "type": "service", "date_unixtime": str(T), "action": "brand_new"}),
        message(4, location_information=None),
    ]
    for item in kinds:
        result = plan.plan(item)
        assert result.posts or result.skipped
        assert all(post.html.strip() for post in result.posts)


def test_unmapped_and_mapped_authors() -> None:
    plan = planner()
    mine = plan.plan(message(1, text="hi"))
    theirs = plan.plan(message(2, text="hi", **{"from": "Zoe", "from_id": "user999"}))
    assert (mine.posts[0].author, mine.posts[0].attribution) == ("alice", Attribution.AUTHOR)
    assert (theirs.posts[0].author, theirs.posts[0].attribution) == ("owner", Attribution.OWNER)
    assert theirs.posts[0].html.startswith("<b>Zoe</b>:")


def test_long_message_with_every_header_fits_each_post() -> None:
    text = ('Sentence with <html> & "quotes" and emoji 👨‍👩‍👧‍👦. ' * 400).strip()
    plan = planner(show_time=True, caption="Отправлено: ")
    plan.plan(message(1, text="target " * 30))
    result = plan.plan(
        message(
            2,
            text=text,
            forwarded_from="Long " * 40,
            via_bot="@bot",
            reply_to_message_id=1,
            reactions=[{"type": "emoji", "emoji": "👍", "count": 9}],
            edited_unixtime=str(T + 5),
            **{"from": "Nobody " * 20, "from_id": "user5"},
        )
    )
    assert len(result.posts) >= 5
    assert [post.key.part for post in result.posts] == list(range(len(result.posts)))
    assert all("Отправлено: 01.09.2025" in post.html for post in result.posts)
    assert result.posts[0].reply_to is not None
    assert all(post.reply_to is None for post in result.posts[1:])
    assert "👍 9" in result.posts[-1].html and "👍 9" not in result.posts[0].html
    assert_fits(result)
    joined = " ".join(text_content(post.html) for post in result.posts)
    assert joined.count("👨‍👩‍👧‍👦") == 400


def test_file_kinds_for_media() -> None:
    plan = planner()
    sticker = plan.plan(message(1, file="stickers/s.webp", media_type="sticker"))
    assert sticker.posts[0].kind is PostKind.STICKER


def _sample_dirs() -> list[Path]:
    if not SAMPLES.is_dir():
        return []
    return sorted(path for path in SAMPLES.iterdir() if (path / "result.json").is_file())


@pytest.mark.parametrize("export_dir", _sample_dirs(), ids=lambda path: path.name)
@pytest.mark.parametrize("language", list(Language))
def test_real_sample_exports_plan_completely(export_dir: Path, language: Language) -> None:
    if not SAMPLES.is_dir():
        pytest.skip("shared samples are absent")
    for chat in list_chats(export_dir):
        messages = list(iter_messages(export_dir, chat))
        plans = list(
            plan_messages(
                messages,
                chat_key=chat.key,
                logins={},
                options=options_for({"show_time": True}, language),
            )
        )
        assert [plan.message_id for plan in plans] == [m.id for m in messages]
        for plan in plans:
            assert plan.posts or plan.skipped
            assert_fits(plan)


def test_a_long_caption_leaves_room_for_what_the_sender_may_add() -> None:
    # The author may lose their session mid-run (the owner then posts with their name first),
    # the replied-to post may never arrive (the quoted header goes first), and the photo may
    # turn out damaged (its note replaces the file): every part still fits the limit.
    plan = planner()
    plan.plan(message(1, text_entities=[{"type": "plain", "text": "x" * 500}]))
    caption = [{"type": "plain", "text": "Длинная подпись к фото. " * 300}]
    name = "Александра Константинопольская-Петрова"
    result = plan.plan(
        message(
            2,
            photo="photos/p.jpg",
            reply_to_message_id=1,
            text_entities=caption,
            **{"from": name},
        )
    )
    assert len(result.posts) == 2
    first = result.posts[0]
    assert first.kind is PostKind.PHOTO and first.media_fallback_html is not None
    prefix = f"<b>{name}</b>:<br>"
    for html in (first.html, first.media_fallback_html):
        assert visible_len(prefix + (first.reply_fallback_html or "") + html) <= MAX_VISIBLE
    assert visible_len(prefix + result.posts[1].html) <= MAX_VISIBLE
