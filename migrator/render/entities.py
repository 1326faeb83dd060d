"""Telegram text chunks → TrueConf HTML, through one dispatch table.

Telegram flattens nested formatting, so a message is a flat sequence of typed chunks and each
chunk is rendered on its own: its text is escaped first, then the chunk's decoration wraps it.
A type without a decoration (plain, mentions, hashtags, an entity type nobody knows yet…) is
escaped plain text. TrueConf has no tag for code, preformatted blocks or spoilers, so those get
visible markers (`code`, ```-fenced blocks, ||spoiler||); blockquotes are italic.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

from migrator.render.escape import escape_text, safe_href
from migrator.telegram.model import EntityType, TextChunk

# (chunk, its escaped text) → HTML
Decoration = Callable[[TextChunk, str], str]

_NOT_PHONE_DIGIT = re.compile(r"[^\d+]")


def _tag(name: str) -> Decoration:
    def decorate(_chunk: TextChunk, inner: str) -> str:
        return f"<{name}>{inner}</{name}>"

    return decorate


def _marker(opening: str, closing: str) -> Decoration:
    def decorate(_chunk: TextChunk, inner: str) -> str:
        return f"{opening}{inner}{closing}"

    return decorate


def _anchor(href: str | None, inner: str) -> str:
    return f'<a href="{href}">{inner}</a>' if href else inner


def _link(chunk: TextChunk, inner: str) -> str:
    return _anchor(safe_href(chunk.text.strip()), inner)


def _text_link(chunk: TextChunk, inner: str) -> str:
    return _anchor(safe_href(chunk.href or ""), inner)


def _email(chunk: TextChunk, inner: str) -> str:
    return _anchor(safe_href("mailto:" + chunk.text.strip()), inner)


def _phone(chunk: TextChunk, inner: str) -> str:
    digits = _NOT_PHONE_DIGIT.sub("", chunk.text)
    return _anchor(safe_href("tel:" + digits) if any(c.isdigit() for c in digits) else None, inner)


def _pre(chunk: TextChunk, inner: str) -> str:
    language = escape_text(chunk.language or "")
    return f"```{language}<br>{inner}<br>```"


DECORATIONS: dict[EntityType, Decoration] = {
    EntityType.BOLD: _tag("b"),
    EntityType.ITALIC: _tag("i"),
    EntityType.UNDERLINE: _tag("u"),
    EntityType.STRIKETHROUGH: _tag("s"),
    EntityType.BLOCKQUOTE: _tag("i"),
    EntityType.CODE: _marker("`", "`"),
    EntityType.PRE: _pre,
    EntityType.SPOILER: _marker("||", "||"),
    EntityType.LINK: _link,
    EntityType.TEXT_LINK: _text_link,
    EntityType.EMAIL: _email,
    EntityType.PHONE: _phone,
}

# Chunks a split must not cut (unless one alone is longer than a whole post).
ATOMIC_TYPES = frozenset(
    {
        EntityType.MENTION,
        EntityType.MENTION_NAME,
        EntityType.HASHTAG,
        EntityType.CASHTAG,
        EntityType.BOT_COMMAND,
        EntityType.LINK,
        EntityType.TEXT_LINK,
        EntityType.EMAIL,
        EntityType.PHONE,
        EntityType.BANK_CARD,
        EntityType.CODE,
        EntityType.CUSTOM_EMOJI,
    }
)


def render_chunk(chunk: TextChunk) -> str:
    """One chunk as HTML; a chunk with nothing to show (empty, or only control characters)
    renders as nothing: no empty tags or markers."""
    inner = escape_text(chunk.text)
    if not inner:
        return ""
    decoration = DECORATIONS.get(chunk.type)
    return decoration(chunk, inner) if decoration else inner


def render_chunks(chunks: Iterable[TextChunk]) -> str:
    """A message text (its chunks in order) as TrueConf HTML."""
    return "".join(render_chunk(chunk) for chunk in chunks)


def render_plain(text: str) -> str:
    """Plain user text (a name, a title) as HTML."""
    return escape_text(text)
