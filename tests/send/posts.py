"""Building Post values directly, as the planner would."""

from __future__ import annotations

from pathlib import Path

from migrator.plan.post import Attribution, Post, PostKey, PostKind

CHAT = "tg42"


def text(
    message_id: int,
    author: str,
    html: str,
    *,
    reply_to: int | None = None,
    fallback: str | None = None,
    part: int = 0,
    name: str | None = None,
) -> Post:
    return Post(
        key=PostKey(CHAT, message_id, part),
        author=author,
        attribution=Attribution.AUTHOR,
        kind=PostKind.TEXT,
        html=html,
        reply_to=PostKey(CHAT, reply_to, 0) if reply_to is not None else None,
        reply_fallback_html=fallback,
        original_name=name or author.title(),
    )


def file(
    message_id: int,
    author: str,
    path: Path,
    *,
    caption: str = "",
    kind: PostKind = PostKind.FILE,
    name: str | None = None,
) -> Post:
    return Post(
        key=PostKey(CHAT, message_id, 0),
        author=author,
        attribution=Attribution.AUTHOR,
        kind=kind,
        html=caption,
        file=path,
        file_name=name or path.name,
        original_name=author.title(),
    )
