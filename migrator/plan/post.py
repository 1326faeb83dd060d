"""The unit between planning and sending.

The planner turns one Telegram message into an ordered list of ``Post`` values; the sender
executes them one after another and never looks at Telegram JSON. A ``Post`` is immutable and
carries everything the sender needs: who posts it, what HTML, which file, which post it replies to.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path


@dataclass(frozen=True, slots=True, order=True)
class PostKey:
    """Stable identity of a post across runs: (chat key, Telegram message id, part number).

    Part 0 is the first post of a message; long texts split into parts 0, 1, 2, …
    """

    chat: str
    message_id: int
    part: int = 0

    def __str__(self) -> str:
        return f"{self.chat}:{self.message_id}:{self.part}"

    @classmethod
    def parse(cls, text: str) -> PostKey:
        chat, message_id, part = text.rsplit(":", 2)
        return cls(chat, int(message_id), int(part))


class PostKind(StrEnum):
    TEXT = "text"  # sendMessage with HTML
    SYSTEM = "system"  # a service line, sent as text by the owner
    PHOTO = "photo"  # sendFile with a preview
    FILE = "file"  # sendFile, a document as is
    STICKER = "sticker"  # sendFile, webp with content type sticker/webp
    VIDEO = "video"  # sendFile, a video (round videos, converted voice notes)


# The kinds sent with ``sendFile``: the one list the planner and the sender share.
FILE_KINDS = frozenset({PostKind.PHOTO, PostKind.FILE, PostKind.STICKER, PostKind.VIDEO})


class Conversion(StrEnum):
    """Work the media stage must do before the file can be uploaded."""

    VOICE_TO_MP4 = "voice_to_mp4"  # ogg voice note → mp4 with the cover image
    TGS_TO_GIF = "tgs_to_gif"  # animated sticker → animated image (or emoji + note when impossible)
    PHOTO_PREVIEW = "photo_preview"  # downscaled preview image for a photo


class Attribution(StrEnum):
    AUTHOR = "author"  # posted by the message's own author
    OWNER = "owner"  # author has no account: posted by the chat owner with "<name>:" in the text
    SYSTEM = "system"  # a service line posted by the owner


@dataclass(frozen=True, slots=True)
class Post:
    key: PostKey
    author: str  # TrueConf login (the part before @) that sends the post
    attribution: Attribution
    kind: PostKind
    html: str  # text (TEXT/SYSTEM) or caption (file kinds), may be ""
    file: Path | None = None  # absolute path inside the export folder (or a converted file)
    file_name: str | None = None  # name the file should carry on the server
    conversion: Conversion | None = None
    reply_to: PostKey | None = None  # the first post of the message this one replies to
    # Shown instead of the reply link when the target was never migrated (outside the export,
    # skipped, or failed): a short quoted header, ready to prepend to ``html``.
    reply_fallback_html: str | None = None
    # A file post whose file cannot be prepared (damaged, not an image, not audio) is sent as
    # this text instead: the post's text with a visible note. ``None``: no such fallback.
    media_fallback_html: str | None = None
    original_name: str | None = None  # the Telegram author's display name (for reports)
    timestamp: int | None = None  # the original message's Unix time (for reports and previews)


def topic_chat_key(chat_key: str, topic_id: int) -> str:
    """The key of a forum topic's own chat (``[chat] topics = "separate"``): in post keys, the
    ledger and the report folder's name."""
    return f"{chat_key}-topic{topic_id}"


@dataclass(frozen=True, slots=True)
class Skipped:
    """A message that yields no post, and why. Reported, never silent."""

    message_id: int
    reason: str


@dataclass(frozen=True, slots=True)
class MessagePlan:
    """What one Telegram message becomes: posts, or an explicit skip."""

    message_id: int
    posts: tuple[Post, ...] = ()
    skipped: Skipped | None = None
    notes: tuple[str, ...] = ()  # warnings for the preflight (file over limit, blocked extension…)
    # The notes also written into the posts' text, in the chat's language (``notes`` are in the
    # interface language): what an excerpt leaves out.
    inline_notes: tuple[str, ...] = ()
    topic_id: int | None = None  # the forum topic (its creation message's id), if any
    topic: str | None = None  # that topic's title when this message was planned
