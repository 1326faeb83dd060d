"""The server-side measure of the 4096-character limit agrees with the official client's."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from trueconf.utils.split_text import visible_len

from migrator.emulator.textlen import MAX_VISIBLE_CHARACTERS, too_long, visible_length

CASES = [
    ("plain", 5),
    ("<b>hello</b>", 5),
    ("*" * 5000, 0),
    ("<code>x</code>", 14),
    ("snake_case and 2*3", 18),
    ('<a href="https://example.com">site</a>', len("site https://example.com")),
    ("[site](https://example.com)", len("site https://example.com")),
    ("> quoted\nline", len(" quoted\nline")),
    ("&amp;", 5),
    ("👍🏽 ok", 5),  # code points: the skin-tone modifier counts
    ('<quote class="reply">q</quote><br><br>answer', 7),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_known_lengths(text: str, expected: int) -> None:
    assert visible_length(text) == expected
    assert visible_len(text) == expected


PIECES = [*"ab _*~<>/[]()\n", "<b>", "</b>", "<br/>", '<a href="u">', "</a>", "я", "1"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(PIECES)).map("".join))
def test_matches_the_client_on_mixed_markup(text: str) -> None:
    assert visible_length(text) == visible_len(text)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=60).map("".join))
def test_never_longer_than_the_raw_text(text: str) -> None:
    # too_long measures only a text longer than the limit raw: that skips no text too long.
    assert visible_length(text) <= len(text)


@pytest.mark.parametrize(
    "text",
    [
        "x" * MAX_VISIBLE_CHARACTERS,
        "x" * (MAX_VISIBLE_CHARACTERS + 1),
        "<b>" + "x" * MAX_VISIBLE_CHARACTERS + "</b>",
        "[" + "x" * 2100 + "](" + "u" * 2000 + ")",
        '<a href="' + "u" * 2000 + '">' + "x" * 2096 + "</a>",
    ],
)
def test_too_long_is_the_measure_against_the_limit(text: str) -> None:
    assert too_long(text) == (visible_length(text) > MAX_VISIBLE_CHARACTERS)
