"""A short plain-text excerpt of a message, so an administrator can find it in Telegram. Pure."""

from __future__ import annotations

import re
from html import unescape

from migrator.plan.post import MessagePlan

_TAG = re.compile(r"<[^>]*>")
_SPACE = re.compile(r"\s+")
EXCERPT_LENGTH = 60


def plain_text(html: str) -> str:
    return _SPACE.sub(" ", unescape(_TAG.sub(" ", html))).strip()


def shorten(text: str, limit: int = EXCERPT_LENGTH) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def excerpt(plan: MessagePlan, limit: int = EXCERPT_LENGTH) -> str:
    """The message's first words, else its file's name; "" when it has neither."""
    for post in plan.posts:
        text = plain_text(post.html)
        for note in (*plan.inline_notes, *plan.notes):  # also in the text (a missing file)
            text = text.replace(plain_text(note), "")
        text = text.strip(" 📎")
        if text:
            return shorten(text, limit)
    for post in plan.posts:
        if post.file_name or post.file is not None:
            return shorten(post.file_name or (post.file.name if post.file else ""), limit)
    return ""
