"""What the migration does with the server profile (pure): its choices, and what stops it.

Without a profile the choices are the safe ones; the sender and its sessions follow each of them.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass

from migrator.config.model import ChatType
from migrator.probe.profile import CheckStatus, ServerProfile

HISTORY_PAGE = 100
SAFE_HISTORY_PAGE = 20


@dataclass(frozen=True, slots=True)
class MigrationSettings:
    from_profile: bool
    history_page_size: int
    pipelined_posts: bool  # posts may be in flight together on one connection
    exact_text_matching: bool  # interrupted posts matched by exact text (else visible text)
    exact_author_matching: bool  # authors by the session's id exactly (else any form, any case)
    upload_ahead: bool  # files uploaded ahead of sending
    keep_alive: bool  # idle sessions kept alive


# Without a profile. Uploads ahead stay on: a file the server no longer has (404, 308) is
# uploaded again by the sender before it is sent, so a short-lived upload costs time, not posts.
SAFE = MigrationSettings(
    from_profile=False,
    history_page_size=SAFE_HISTORY_PAGE,
    pipelined_posts=False,
    exact_text_matching=False,
    exact_author_matching=False,
    upload_ahead=True,
    keep_alive=True,
)


def settings_from(profile: ServerProfile | None) -> MigrationSettings:
    if profile is None:
        return SAFE

    def ok(name: str) -> bool:
        return profile.status(name) is CheckStatus.OK

    cap = profile.checks.get("history_page_cap")
    if cap is not None and cap.status is CheckStatus.OK:
        page = HISTORY_PAGE
    elif cap is not None and isinstance(cap.observed, int) and cap.observed > 0:
        page = min(HISTORY_PAGE, cap.observed)
    else:
        page = SAFE_HISTORY_PAGE
    return MigrationSettings(
        from_profile=True,
        history_page_size=page,
        pipelined_posts=ok("pipelined_order"),
        exact_text_matching=ok("text_echo"),
        exact_author_matching=ok("author_id_format"),
        upload_ahead=ok("temporal_file_scope"),
        keep_alive=not ok("idle_drop"),
    )


# Checks whose "blocking" concerns only chats of some types.
_ONLY_FOR: dict[str, ChatType] = {"channel_writer": ChatType.CHANNEL}


def blocking_findings(profile: ServerProfile | None, chat_types: Collection[ChatType]) -> list[str]:
    """The blocking checks that concern this migration (a channel check only with a channel)."""
    if profile is None:
        return []
    return [
        name for name in profile.blocking if name not in _ONLY_FOR or _ONLY_FOR[name] in chat_types
    ]
