"""Properties of the renderer over random text and random entity chunks."""

from __future__ import annotations

import unicodedata

from hypothesis import given, settings
from hypothesis import strategies as st

from migrator.render import SAFE_SCHEMES, render_chunks, split_chunks, visible_length
from migrator.render.entities import ATOMIC_TYPES
from migrator.telegram.model import EntityType, TextChunk

from .htmlcheck import hrefs, text_content
from .strategies import chunk_lists

# Visible markers for the entity types TrueConf has no tag for (everything else adds only tags).
_CODE_FENCE = "```"


def _newlines(text: str) -> str:
    """What a reader sees of ``text``: line breaks unified, control characters gone."""
    shown = "".join(ch for ch in text if ch in "\t\r\n" or unicodedata.category(ch) != "Cc")
    return shown.replace("\r\n", "\n").replace("\r", "\n")


def expected_text(chunk: TextChunk) -> str:
    text = _newlines(chunk.text)
    if not text:
        return ""
    if chunk.type is EntityType.CODE:
        return f"`{text}`"
    if chunk.type is EntityType.SPOILER:
        return f"||{text}||"
    if chunk.type is EntityType.PRE:
        return f"{_CODE_FENCE}{_newlines(chunk.language or '')}\n{text}\n{_CODE_FENCE}"
    return text


@settings(max_examples=400, deadline=None)
@given(chunk_lists)
def test_rendered_html_is_well_formed_and_keeps_the_text(chunks: list[TextChunk]) -> None:
    rendered = render_chunks(chunks)
    assert text_content(rendered) == "".join(expected_text(chunk) for chunk in chunks)


@settings(max_examples=400, deadline=None)
@given(chunk_lists)
def test_tag_only_entities_keep_the_text_exactly(chunks: list[TextChunk]) -> None:
    marked = {EntityType.CODE, EntityType.PRE, EntityType.SPOILER}
    plain_chunks = [c for c in chunks if c.type not in marked]
    rendered = render_chunks(plain_chunks)
    assert text_content(rendered) == _newlines("".join(c.text for c in plain_chunks))


@settings(max_examples=300, deadline=None)
@given(chunk_lists)
def test_links_only_use_safe_schemes(chunks: list[TextChunk]) -> None:
    for href in hrefs(render_chunks(chunks)):
        scheme = href.split(":", 1)[0].lower()
        assert scheme in SAFE_SCHEMES, href


@settings(max_examples=300, deadline=None)
@given(chunk_lists, st.integers(min_value=120, max_value=400))
def test_split_parts_fit_and_rejoin_to_the_original(chunks: list[TextChunk], budget: int) -> None:
    parts = split_chunks(chunks, budget)
    original = "".join(chunk.text for chunk in chunks)
    assert "".join(chunk.text for part in parts for chunk in part) == original
    for part in parts:
        rendered = render_chunks(part)
        text_content(rendered)  # well-formed
        assert visible_length(rendered) <= budget


@settings(max_examples=300, deadline=None)
@given(chunk_lists, st.integers(min_value=120, max_value=400))
def test_split_never_cuts_an_atomic_entity_that_fits(chunks: list[TextChunk], budget: int) -> None:
    parts = split_chunks(chunks, budget)
    pieces = [len(part) for part in parts]
    if len(parts) < 2:
        return
    whole = {id(chunk) for part in parts for chunk in part}
    for chunk in chunks:
        if chunk.type in ATOMIC_TYPES and chunk.text and id(chunk) not in whole:
            # a cut atomic chunk must have been too long for a post on its own
            assert visible_length(render_chunks([chunk])) > budget // 2, (chunk, pieces)


def test_a_marked_chunk_of_control_characters_only_shows_no_empty_marker() -> None:
    chunks = [
        TextChunk(type=EntityType.CODE, text="\x1f"),
        TextChunk(type=EntityType.PRE, text="\x00"),
    ]
    assert render_chunks(chunks) == ""
