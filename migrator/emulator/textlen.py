"""How many characters of a message the reader sees: the measure of the 4096 limit.

The rules are those the official client applies before sending (so both sides agree):
markup costs nothing (the tags b, i, u, s, a, br and quote, open, closed or self-closing);
a link (HTML ``<a href>`` or Markdown ``[text](url)``) counts as its text, a space and its
URL; a ``>`` opening a line costs nothing; the emphasis markers ``*``, ``_``, ``~`` and
``__`` cost nothing unless they stand between two letters or digits (``snake_case``, ``2*3``).
Everything else counts one per code point, whatever the parse mode.
"""

from __future__ import annotations

import re

MAX_VISIBLE_CHARACTERS = 4096

_ANCHOR = re.compile(r"<a(\s+[^>]*)>(.*?)</a>", re.IGNORECASE | re.DOTALL)
_HREF = re.compile(r"href\s*=\s*[\"']([^\"']+)[\"']", re.IGNORECASE)
_MARKDOWN_LINK = re.compile(r"\[([^]]+)\]\(([^)]+)\)")
_MARKUP_TAG = re.compile(r"</?(?:quote|br|[biusa])(?:\s+[^>]*)?(?:\s*/)?>", re.IGNORECASE)
_MARKERS = "*_~"


def visible_length(text: str) -> int:
    return len(visible_text(text))


def too_long(text: str) -> bool:
    """More than ``MAX_VISIBLE_CHARACTERS`` seen. What a reader sees is never longer than the
    raw text (markup costs nothing, a link is its text and URL, both in the raw text), so a
    text within the limit raw is not measured: most are."""
    return len(text) > MAX_VISIBLE_CHARACTERS and visible_length(text) > MAX_VISIBLE_CHARACTERS


def visible_text(raw: str) -> str:
    """The text as a reader sees it, markup removed and links spelled out."""
    seen: list[str] = []
    position = 0
    while position < len(raw):
        step = _link_at(raw, position)
        if step is not None:
            shown, position = step
            seen.append(shown)
            continue
        tag = _MARKUP_TAG.match(raw, position)
        if tag:
            position = tag.end()
            continue
        character = raw[position]
        if character == ">" and (position == 0 or raw[position - 1] == "\n"):
            position += 1
            continue
        width = 2 if raw.startswith("__", position) else 1
        if character in _MARKERS:
            if _between_word_characters(raw, position, width):
                seen.append(raw[position : position + width])
            position += width
            continue
        seen.append(character)
        position += 1
    return "".join(seen)


def _link_at(raw: str, position: int) -> tuple[str, int] | None:
    """(text shown, position after) when an HTML or Markdown link starts at ``position``."""
    anchor = _ANCHOR.match(raw, position)
    if anchor:
        href = _HREF.search(anchor.group(1))
        url = href.group(1) if href else ""
        return f"{visible_text(anchor.group(2))} {url}".strip(), anchor.end()
    link = _MARKDOWN_LINK.match(raw, position)
    if link:
        return f"{visible_text(link.group(1))} {link.group(2)}".strip(), link.end()
    return None


def _between_word_characters(raw: str, position: int, width: int) -> bool:
    before = raw[position - 1] if position > 0 else ""
    after = raw[position + width] if position + width < len(raw) else ""
    return before.isalnum() and after.isalnum()
