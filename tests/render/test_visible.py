"""Our visible-length count never undercounts the client library's own ``visible_len``."""

from __future__ import annotations

from hypothesis import given, settings
from trueconf.utils.split_text import visible_len

from migrator.render import render_chunks, visible_length
from migrator.telegram.model import TextChunk

from .strategies import chunk_lists


def test_known_counts_match_the_library() -> None:
    for sample in ["<b>hello</b>", '<a href="https://e.com">site</a>', "a &amp; b", "<i>x</i>"]:
        assert visible_length(sample) == visible_len(sample)


def test_line_breaks_are_counted_conservatively() -> None:
    assert visible_length("a<br>b") == 3
    assert visible_len("a<br>b") <= 3


@settings(max_examples=300, deadline=None)
@given(chunk_lists)
def test_never_less_than_the_library(chunks: list[TextChunk]) -> None:
    rendered = render_chunks(chunks)
    assert visible_length(rendered) >= visible_len(rendered)
