"""A message of several megabytes is planned in linear time, every part within the limit.

Splitting used to be quadratic in the text length (a 4 MB message took minutes); the bound below
is generous for a shared, slow machine and still far below what quadratic work would need.
"""

from __future__ import annotations

import time

from render.htmlcheck import text_content
from trueconf.utils.split_text import visible_len

from migrator.config.model import Language
from migrator.render import MAX_VISIBLE

from .test_planner import message, planner

SIZE = 3_000_000
BOUND_SECONDS = 60.0


def _entities() -> list[dict[str, str]]:
    line = "Строка отчёта, и ещё одна фраза. " * 3 + "\n"
    pieces: list[dict[str, str]] = []
    size = 0
    index = 0
    while size < SIZE:
        if index % 50 == 0:
            piece = {"type": "plain", "text": "🇷🇺🇺🇸" * 200 + "x" * 20_000}
        elif index % 7 == 0:
            piece = {"type": "link", "text": "https://example.com/" + "a" * 5000}
        else:
            piece = {"type": "bold" if index % 3 == 0 else "plain", "text": line * 20}
        pieces.append(piece)
        size += len(piece["text"])
        index += 1
    return pieces


def test_a_three_megabyte_message_is_planned_in_linear_time() -> None:
    entities = _entities()
    original = "".join(piece["text"] for piece in entities)
    started = time.monotonic()
    result = planner(Language.RU).plan(message(1, text_entities=entities))
    elapsed = time.monotonic() - started
    assert elapsed < BOUND_SECONDS
    assert len(result.posts) > SIZE // MAX_VISIBLE
    assert all(visible_len(post.html) <= MAX_VISIBLE for post in result.posts)
    joined = "".join(text_content(post.html) for post in result.posts)
    assert "".join(joined.split()) == "".join(original.split())
