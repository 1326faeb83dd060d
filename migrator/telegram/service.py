"""Service messages: the ``action`` and its keys into a ``ServiceAction``. Pure.

``ACTION_KEYS`` lists, per action, the keys the exporter writes besides the common ones (spec §6).
A key outside that list is counted as an unknown field; an action outside it loads with
``known=False`` and is counted, never fatal.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from typing import Any

from migrator.telegram.model import LoadStats, MediaRef, Peer, ServiceAction
from migrator.telegram.values import optional_int

_PHOTO = frozenset({"photo", "photo_file_size", "width", "height", "media_spoiler"})
_PRICE = frozenset({"price_amount_whole", "price_amount_nano", "price_currency"})
_NONE: frozenset[str] = frozenset()

ACTION_KEYS: dict[str, frozenset[str]] = {
    "create_group": frozenset({"title", "members"}),
    "edit_group_title": frozenset({"title"}),
    "edit_group_photo": _PHOTO,
    "delete_group_photo": _NONE,
    "invite_members": frozenset({"members"}),
    "remove_members": frozenset({"members"}),
    "join_group_by_link": frozenset({"inviter"}),
    "create_channel": frozenset({"title"}),
    "migrate_to_supergroup": _NONE,
    "migrate_from_group": frozenset({"title"}),
    "pin_message": frozenset({"message_id"}),
    "clear_history": _NONE,
    "score_in_game": frozenset({"game_message_id", "score"}),
    "send_payment": frozenset({"amount", "currency", "invoice_message_id", "recurring"}),
    "phone_call": frozenset({"duration_seconds", "discard_reason"}),
    "conference_call": frozenset({"duration_seconds", "is_active", "is_missed"}),
    "custom": frozenset({"information_text"}),
    "take_screenshot": _NONE,
    "attach_menu_bot_allowed": _NONE,
    "web_app_bot_allowed": _NONE,
    "allow_sending_messages": frozenset({"reason_app_id", "reason_app_name", "reason_domain"}),
    "send_passport_values": frozenset({"values"}),
    "joined_telegram": _NONE,
    "proximity_reached": frozenset({"from", "from_id", "to", "to_id", "distance"}),
    "requested_phone_number": _NONE,
    "group_call": frozenset({"duration"}),
    "invite_to_group_call": frozenset({"members"}),
    "set_messages_ttl": frozenset({"period"}),
    "group_call_scheduled": frozenset({"schedule_date"}),
    "edit_chat_theme": frozenset({"emoticon"}),
    "join_group_by_request": _NONE,
    "send_webview_data": _NONE,  # its button text is a duplicate "text" key (spec §2)
    "send_premium_gift": frozenset({"cost", "months"}),
    "topic_created": frozenset({"title"}),
    "topic_edit": frozenset({"new_title", "new_icon_emoji_id"}),
    "suggest_profile_photo": _PHOTO,
    "requested_peer": frozenset({"button_id", "peers"}),
    "gift_code_prize": frozenset(
        {"gift_code", "boost_peer_id", "months", "unclaimed", "via_giveaway"}
    ),
    "giveaway_launch": _NONE,
    "giveaway_results": frozenset({"winners", "unclaimed", "stars"}),
    "set_chat_wallpaper": frozenset({"message_id"}),
    "set_same_chat_wallpaper": frozenset({"message_id"}),
    "boost_apply": frozenset({"boosts"}),
    "refunded_payment": frozenset({"amount", "currency", "peer_name", "peer_id", "charge_id"}),
    "send_stars_gift": frozenset({"cost", "amount_whole", "amount_nano"}),
    "send_ton_gift": frozenset({"cost", "amount_whole", "amount_nano"}),
    "stars_prize": frozenset(
        {
            "boost_peer_id",
            "boost_peer_name",
            "stars",
            "is_unclaimed",
            "giveaway_msg_id",
            "transaction_id",
        }
    ),
    "send_star_gift": frozenset({"gift_id", "stars", "is_limited", "is_anonymous", "gift_text"}),
    "paid_messages_refund": frozenset({"messages_count", "stars_count"}),
    "paid_messages_price_change": frozenset({"price_stars", "is_broadcast_messages_allowed"}),
    "todo_completions": frozenset({"completed", "incompleted"}),
    "todo_append_tasks": frozenset({"items"}),
    "process_suggested_post": _PRICE | {"rejected", "comment", "scheduled_date"},
    "suggested_post_success": _PRICE,
    "suggested_post_refund": frozenset({"user_initiated"}),
}

# Keys every service message may carry; they never go into ``details``.
SERVICE_COMMON_KEYS = frozenset(
    {
        "id",
        "type",
        "date",
        "date_unixtime",
        "edited",
        "edited_unixtime",
        "actor",
        "actor_id",
        "action",
        "text",
        "text_entities",
        "reactions",
        "inline_bot_buttons",
    }
)
# Keys that have their own ``ServiceAction`` field.
_FIELD_KEYS = frozenset(
    {"title", "members", "message_id", "duration_seconds", "duration", "photo", "information_text"}
)
_NUMBER_STRING_KEYS = frozenset({"price_amount_whole", "price_amount_nano"})
_JSON_STRING_KEYS = frozenset({"peers"})


def service_action(
    raw: Mapping[str, Any],
    *,
    actor: Peer | None,
    resolve_photo: Callable[[str], MediaRef],
    stats: LoadStats,
) -> tuple[ServiceAction, tuple[str, ...]]:
    """Build the action of a service message and return it with its unknown keys."""
    action = raw.get("action")
    if action is None and "information_text" in raw:
        action = "custom"
    name = action if isinstance(action, str) else "" if action is None else str(action)
    extra = raw.keys() - SERVICE_COMMON_KEYS
    expected = ACTION_KEYS.get(name)
    unknown: tuple[str, ...] = ()
    if expected is None:
        stats.count(stats.unknown_actions, name or "(none)")
    else:
        unknown = tuple(sorted(extra - expected))
    details = {key: _decoded(key, raw[key]) for key in extra - _FIELD_KEYS}
    title = raw.get("title")
    photo = raw.get("photo")
    information_text = raw.get("information_text")
    return (
        ServiceAction(
            action=name,
            actor=actor,
            title=None if title is None else str(title),
            members=_members(raw.get("members")),
            message_id=optional_int(raw.get("message_id")),
            duration_seconds=optional_int(raw.get("duration_seconds", raw.get("duration"))),
            photo=resolve_photo(photo) if isinstance(photo, str) else None,
            text=None if information_text is None else str(information_text),
            details=details,
            known=expected is not None,
        ),
        unknown,
    )


def _members(value: object) -> tuple[str | None, ...]:
    if not isinstance(value, list):
        return ()
    return tuple(None if member is None else str(member) for member in value)


def _decoded(key: str, value: Any) -> Any:
    """Undo the exporter's habit of writing JSON, or numbers, inside strings (spec §2)."""
    if not isinstance(value, str):
        return value
    if key in _JSON_STRING_KEYS:
        try:
            return json.loads(value)
        except ValueError:
            return value
    if key in _NUMBER_STRING_KEYS and value.lstrip("-").isdigit():
        return int(value)
    return value
