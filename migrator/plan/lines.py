"""The lines the planner adds around a message's own text: who, forwarded from, reply header,
edited mark, reactions, original time. Each returns ready HTML (user text escaped)."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from migrator.config.model import Language
from migrator.labels import label
from migrator.render import render_plain
from migrator.telegram.model import Message, Peer, Reaction

SNIPPET_LENGTH = 60
_BREAK = "<br>"


def display_name(peer: Peer | None, language: Language) -> str:
    """A Telegram author's name as plain text; deleted accounts get the localised label."""
    if peer is None:
        return label("unknown_sender", language)
    if peer.name is None or not peer.name.strip():
        return label("deleted_account", language)
    return peer.name


def bold_name(name: str) -> str:
    return f"<b>{render_plain(name)}</b>"


def attribution_line(name: str) -> str:
    """``<name>:`` above a message posted by the owner on behalf of an author with no account."""
    return f"{bold_name(name)}:"


def forward_lines(message: Message, language: Language) -> list[str]:
    lines: list[str] = []
    if message.forwarded:
        if message.forwarded_from:
            lines.append(label("forwarded_from", language, name=bold_name(message.forwarded_from)))
        else:
            lines.append(label("forwarded_hidden", language))
    if message.saved and message.saved_from and message.saved_from != message.forwarded_from:
        lines.append(label("saved_from", language, name=bold_name(message.saved_from)))
    if message.via_bot:
        lines.append(label("via_bot", language, bot=render_plain(message.via_bot)))
    return [f"<i>{line}</i>" for line in lines]


def snippet(text: str) -> str:
    """The first line of ``text``, shortened to ``SNIPPET_LENGTH`` characters."""
    first_line = " ".join(text.split())
    if len(first_line) <= SNIPPET_LENGTH:
        return first_line
    return first_line[: SNIPPET_LENGTH - 1].rstrip() + "…"


def reply_header(name: str, quoted: str, language: Language) -> str:
    """The quoted header shown instead of a reply link."""
    if quoted:
        text = label("reply_to", language, name=bold_name(name), snippet=render_plain(quoted))
    else:
        text = label("reply_to_no_text", language, name=bold_name(name))
    return f"<i>↩ {text}</i>"


def reply_missing_header(target_id: int, where: str, language: Language) -> str:
    """The header of a reply that cannot link; ``where`` is the label key saying why
    (``reply_missing``, ``reply_other_chat``, ``reply_self``, ``reply_later``)."""
    return f"<i>↩ {label(where, language, id=target_id)}</i>"


def media_failed_line(file_name: str, emoji: str | None, language: Language) -> str:
    """Shown in place of a file that could not be prepared for upload."""
    text = label("media_failed", language, name=file_name)
    line = f"📎 <i>{render_plain(text)}</i>"
    return f"{render_plain(emoji)}{_BREAK}{line}" if emoji else line


def clock_duration(seconds: int) -> str:
    """``0:05``, ``12:30``, ``1:02:03``."""
    hours, rest = divmod(max(seconds, 0), 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02}:{secs:02}" if hours else f"{minutes}:{secs:02}"


def edited_line(language: Language) -> str:
    return f"<i>({label('edited', language)})</i>"


def signature_line(signature: str) -> str:
    return f"<i>— {render_plain(signature)}</i>"


def reactions_line(reactions: tuple[Reaction, ...], language: Language) -> str | None:
    """``👍 3 · ❤️ 1``; ``None`` when there is nothing to show."""
    parts: list[str] = []
    for reaction in reactions:
        if reaction.count <= 0:
            continue
        if reaction.type == "emoji" and reaction.emoji:
            symbol = render_plain(reaction.emoji)
        elif reaction.type == "paid":
            symbol = "⭐"
        elif reaction.type == "empty":
            continue
        else:
            symbol = label("custom_emoji_reaction", language)
        parts.append(f"{symbol} {reaction.count}")
    return " · ".join(parts) if parts else None


def format_time(timestamp: int, timezone: ZoneInfo) -> str:
    """``01.09.2025 14:10:00 +0300``, the original workflow's format."""
    return datetime.fromtimestamp(timestamp, timezone).strftime("%d.%m.%Y %H:%M:%S %z")


def time_line(timestamp: int, *, timezone: ZoneInfo, caption: str) -> str:
    return render_plain(caption + format_time(timestamp, timezone))
