"""Rendering: Telegram text chunks → escaped TrueConf HTML, split to the 4096-character limit."""

from migrator.render.entities import DECORATIONS, render_chunk, render_chunks, render_plain
from migrator.render.escape import SAFE_SCHEMES, escape_text, safe_href
from migrator.render.split import render_split, split_chunks
from migrator.render.visible import MAX_VISIBLE, visible_length

__all__ = [
    "DECORATIONS",
    "MAX_VISIBLE",
    "SAFE_SCHEMES",
    "escape_text",
    "render_chunk",
    "render_chunks",
    "render_plain",
    "render_split",
    "safe_href",
    "split_chunks",
    "visible_length",
]
