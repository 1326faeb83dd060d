"""Telegram service messages → one short system line each, naming who acted.

Dispatch on the export's action name; an action without its own line (or one nobody knows yet)
still gets a neutral line naming who acted, so nothing disappears. ``renders`` tells which
actions have their own line: the others are listed as not understood in preflight and report.
"""

from __future__ import annotations

from collections.abc import Callable
from zoneinfo import ZoneInfo

from migrator.config.model import Language
from migrator.labels import label
from migrator.render import render_plain
from migrator.telegram.model import ServiceAction

from .lines import bold_name, display_name, format_time


def duration_text(seconds: int, language: Language) -> str:
    if seconds < 60:
        return label("seconds", language, n=seconds)
    if seconds < 3600:
        return label("minutes", language, n=seconds // 60)
    if seconds < 86400:
        return label("hours", language, n=round(seconds / 3600, 1))
    return label("days", language, n=round(seconds / 86400, 1))


def _members(action: ServiceAction, language: Language) -> str:
    names = [bold_name(name or label("deleted_account", language)) for name in action.members]
    return ", ".join(names)


def _title(action: ServiceAction, language: Language) -> str:
    title = action.title or action.details.get("new_title") or ""
    return render_plain(str(title))


def _call(action: ServiceAction, language: Language) -> str:
    title = "svc_conference_call" if action.action == "conference_call" else "svc_phone_call"
    actor = _actor(action, language)
    facts: list[str] = []
    if action.duration_seconds:
        facts.append(
            label(
                "svc_call_duration",
                language,
                duration=duration_text(action.duration_seconds, language),
            )
        )
    reason = action.details.get("discard_reason")
    reason_key = (
        {
            "missed": "svc_call_missed",
            "busy": "svc_call_busy",
            "hangup": None,
            "disconnect": "svc_call_disconnected",
        }.get(str(reason))
        if reason
        else None
    )
    if action.details.get("is_missed") is True:
        reason_key = "svc_call_missed"
    if reason_key:
        facts.append(label(reason_key, language))
    line = label(title, language, actor=actor)
    return f"{line} ({', '.join(facts)})" if facts else line


def _ttl(action: ServiceAction, language: Language) -> str:
    period = action.details.get("period")
    actor = _actor(action, language)
    if isinstance(period, int) and period > 0:
        return label(
            "svc_set_messages_ttl", language, actor=actor, period=duration_text(period, language)
        )
    return label("svc_set_messages_ttl_off", language, actor=actor)


def _topic_edit(action: ServiceAction, language: Language) -> str:
    if action.title or action.details.get("new_title"):
        return label(
            "svc_topic_edit",
            language,
            actor=_actor(action, language),
            title=_title(action, language),
        )
    return label("svc_topic_edit_other", language, actor=_actor(action, language))


def _chat_theme(action: ServiceAction, language: Language) -> str:
    emoji = action.details.get("emoticon")
    if isinstance(emoji, str) and emoji.strip():
        return label(
            "svc_edit_chat_theme_emoji",
            language,
            actor=_actor(action, language),
            emoji=render_plain(emoji),
        )
    return label("svc_edit_chat_theme", language, actor=_actor(action, language))


def _custom(action: ServiceAction, language: Language) -> str:
    return render_plain(action.text or "")


def _score(action: ServiceAction, language: Language) -> str:
    score = action.details.get("score", "?")
    return label("svc_score_in_game", language, actor=_actor(action, language), score=score)


def _scheduled(action: ServiceAction, language: Language, timezone: ZoneInfo) -> str:
    when = action.details.get("schedule_date")
    date = format_time(when, timezone) if isinstance(when, int) else "?"
    return label("svc_group_call_scheduled", language, actor=_actor(action, language), date=date)


def _actor(action: ServiceAction, language: Language) -> str:
    if action.actor is None:
        return label("someone", language)
    return bold_name(display_name(action.actor, language))


def _simple(key: str) -> Callable[[ServiceAction, Language], str]:
    def render(action: ServiceAction, language: Language) -> str:
        return label(
            key,
            language,
            actor=_actor(action, language),
            title=_title(action, language),
            members=_members(action, language),
        )

    return render


def _only_member_is_actor(action: ServiceAction) -> bool:
    """Telegram writes leaving and joining as removing or inviting oneself."""
    actor_name = action.actor.name if action.actor else None
    return (
        len(action.members) == 1
        and action.members[0] is not None
        and (action.members[0] == actor_name)
    )


def _remove_members(action: ServiceAction, language: Language) -> str:
    if _only_member_is_actor(action):
        return label("svc_leave", language, actor=_actor(action, language))
    return _simple("svc_remove_members")(action, language)


def _invite_members(action: ServiceAction, language: Language) -> str:
    if _only_member_is_actor(action):
        return label("svc_joined", language, actor=_actor(action, language))
    return _simple("svc_invite_members")(action, language)


_SIMPLE_ACTIONS = (
    "create_group",
    "create_channel",
    "edit_group_title",
    "edit_group_photo",
    "delete_group_photo",
    "join_group_by_link",
    "join_group_by_request",
    "migrate_to_supergroup",
    "migrate_from_group",
    "pin_message",
    "clear_history",
    "group_call",
    "invite_to_group_call",
    "take_screenshot",
    "joined_telegram",
    "topic_created",
    "giveaway_launch",
    "set_chat_wallpaper",
    "set_same_chat_wallpaper",
    "suggest_profile_photo",
    "requested_phone_number",
    "boost_apply",
    "send_payment",
    "send_premium_gift",
    "send_stars_gift",
    "send_star_gift",
    "todo_completions",
    "todo_append_tasks",
)

_LINES: dict[str, Callable[[ServiceAction, Language], str]] = {
    **{name: _simple(f"svc_{name}") for name in _SIMPLE_ACTIONS},
    "remove_members": _remove_members,
    "invite_members": _invite_members,
    "phone_call": _call,
    "conference_call": _call,
    "set_messages_ttl": _ttl,
    "topic_edit": _topic_edit,
    "edit_chat_theme": _chat_theme,
    "custom": _custom,
    "score_in_game": _score,
}


def renders(action: ServiceAction) -> bool:
    """True when ``action`` has a line of its own (else it gets the neutral line)."""
    if action.action == "custom":
        return bool((action.text or "").strip())
    return action.action == "group_call_scheduled" or action.action in _LINES


def service_line(action: ServiceAction, language: Language, *, timezone: ZoneInfo) -> str:
    """The system line for ``action`` as HTML."""
    if not renders(action):
        # The action's own name is English jargon: it goes to the report, not into the chat.
        return label("svc_other", language, actor=_actor(action, language))
    if action.action == "group_call_scheduled":
        return _scheduled(action, language, timezone)
    return _LINES[action.action](action, language)
