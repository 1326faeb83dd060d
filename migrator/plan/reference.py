"""How a post is named to the administrator: its Telegram message id and first words. Pure."""

from __future__ import annotations

import re
from html import unescape

from migrator.i18n import tr
from migrator.plan.post import Post

_BREAK = re.compile(r"<br\s*/?>", re.IGNORECASE)
_TAG = re.compile(r"<[^>]*>")
_SPACE = re.compile(r"\s+")
_LENGTH = 40


def post_reference(post: Post) -> str:
    """``#4 «first words…»`` (its file's name when it has no text; ``#4`` alone without either)."""
    text = _SPACE.sub(" ", unescape(_TAG.sub("", _BREAK.sub(" ", post.html)))).strip()
    text = text or post.file_name or (post.file.name if post.file is not None else "")
    if not text:
        return tr("post.reference_bare", id=post.key.message_id)
    if len(text) > _LENGTH:
        text = text[: _LENGTH - 1].rstrip() + "…"
    return tr("post.reference", id=post.key.message_id, excerpt=text)
