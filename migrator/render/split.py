"""Splitting a long text into consecutive posts of at most N visible characters.

The cut is chosen in the plain text, never in HTML, so it can never fall inside a tag or an
``&…;`` entity: each part is rendered from its own slice of the chunks and so opens and closes its
own tags. Cut points are tried in order of preference — after a blank line, after a line break,
after a sentence, after a word — and never fall inside a link, mention, hashtag or similar chunk,
nor inside a user-perceived character (emoji with modifiers, ZWJ sequences, flags, combining
marks). Only a single chunk or character cluster longer than a whole post is cut inside.
"""

from __future__ import annotations

import html
import itertools
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, replace

from migrator.render.entities import ATOMIC_TYPES, DECORATIONS, render_chunks
from migrator.render.visible import visible_length
from migrator.telegram.model import EntityType, TextChunk

_SENTENCE_END = frozenset(".!?…;")
_CLOSERS = frozenset("\"'»”’)]}")
_ZWJ = "\u200d"

# boundary classes, best first
_PARAGRAPH, _LINE, _SENTENCE, _WORD, _CLUSTER = 4, 3, 2, 1, 0


@dataclass(frozen=True, slots=True)
class _Layout:
    text: str
    chunk_of: list[int]  # chunk index of each character
    starts: list[int]  # start offset of each chunk
    types: list[EntityType]
    char_costs: list[int]
    overheads: list[int]  # visible cost a chunk adds besides its characters
    flag_run: list[int]  # how many regional indicators end at each character (0: not one)


def split_chunks(chunks: Sequence[TextChunk], budget: int) -> list[tuple[TextChunk, ...]]:
    """Cut ``chunks`` into parts whose rendered HTML counts at most ``budget`` visible characters.

    The parts' texts, joined, give back the original text exactly.
    """
    chunks = [chunk for chunk in chunks if chunk.text]
    if not chunks:
        return [()]
    if visible_length(render_chunks(chunks)) <= budget:
        return [tuple(chunks)]
    chunks = [_unlinked(chunk, budget) for chunk in chunks]
    layout = _layout(chunks)
    cuts = _cut_points(layout, max(budget, 1))
    bounds = [0, *cuts, len(layout.text)]
    return [_slice(chunks, layout, a, b) for a, b in itertools.pairwise(bounds)]


def render_split(chunks: Sequence[TextChunk], budget: int) -> list[str]:
    """``split_chunks`` rendered; whitespace at each cut is dropped."""
    parts = split_chunks(chunks, budget)
    rendered: list[str] = []
    for index, part in enumerate(parts):
        trimmed = list(part)
        if index < len(parts) - 1:
            trimmed = _trim_end(trimmed)
        if index > 0:
            trimmed = _trim_start(trimmed)
        html_part = render_chunks(trimmed)
        if html_part:
            rendered.append(html_part)
    return rendered or [""]


def _layout(chunks: Sequence[TextChunk]) -> _Layout:
    chunk_of: list[int] = []
    starts: list[int] = []
    char_costs: list[int] = []
    overheads: list[int] = []
    for index, chunk in enumerate(chunks):
        starts.append(len(chunk_of))
        chunk_of.extend([index] * len(chunk.text))
        char_costs.extend(_char_cost(ch) for ch in chunk.text)
        decoration = DECORATIONS.get(chunk.type)
        overheads.append(visible_length(decoration(chunk, "")) if decoration else 0)
    text = "".join(chunk.text for chunk in chunks)
    types = [chunk.type for chunk in chunks]
    flag_run: list[int] = []
    run = 0
    for ch in text:
        run = run + 1 if _is_regional_indicator(ch) else 0
        flag_run.append(run)
    return _Layout(text, chunk_of, starts, types, char_costs, overheads, flag_run)


def _unlinked(chunk: TextChunk, budget: int) -> TextChunk:
    """A link whose target alone would fill most of a post is kept as its plain text.

    TrueConf counts an anchor's target as visible, and every part of a cut link repeats it.
    """
    decoration = DECORATIONS.get(chunk.type)
    if decoration is None or visible_length(decoration(chunk, "")) <= budget * 3 // 4:
        return chunk
    return replace(chunk, type=EntityType.PLAIN, href=None)


_ESCAPED_COSTS = {ch: len(html.escape(ch, quote=True)) for ch in "&<>\"'"}


def _char_cost(ch: str) -> int:
    return _ESCAPED_COSTS.get(ch, 1)


def _cut_points(layout: _Layout, budget: int) -> list[int]:
    cuts: list[int] = []
    start = 0
    end = len(layout.text)
    while True:
        limit = _furthest_end(layout, start, budget)
        if limit >= end:
            return cuts
        cut = _best_cut(layout, start, limit)
        cuts.append(cut)
        start = cut


def _furthest_end(layout: _Layout, start: int, budget: int) -> int:
    """The largest end such that text[start:end] fits the budget (at least one character)."""
    cost = 0
    seen_chunk = -1
    position = start
    while position < len(layout.text):
        chunk = layout.chunk_of[position]
        step = layout.char_costs[position] + (layout.overheads[chunk] if chunk != seen_chunk else 0)
        if cost + step > budget and position > start:
            break
        cost += step
        seen_chunk = chunk
        position += 1
    return position


def _best_cut(layout: _Layout, start: int, limit: int) -> int:
    """The best cut in (start, limit]: the best class whose latest cut keeps the part half full."""
    half = start + (limit - start) // 2
    best: dict[int, int] = {}
    for position in range(limit, start, -1):
        kind = _boundary_class(layout, position)
        if kind is not None and kind not in best:
            best[kind] = position
            if kind == _PARAGRAPH:
                break
    for kind in (_PARAGRAPH, _LINE, _SENTENCE, _WORD, _CLUSTER):
        if kind in best and best[kind] > half:
            return best[kind]
    if best:
        return best[max(best)]
    return _inside_cut(layout, start, limit)


def _inside_cut(layout: _Layout, start: int, limit: int) -> int:
    """No allowed cut: one atomic chunk or cluster is too long. Cut it, between code points."""
    for position in range(limit, start, -1):
        if not _joins(layout, position):
            return position
    return limit  # a single cluster longer than a post: cut it anyway


def _boundary_class(layout: _Layout, position: int) -> int | None:
    text = layout.text
    if position <= 0 or position >= len(text):
        return None
    if _inside_atomic(layout, position) or _joins(layout, position):
        return None
    before = text[position - 1]
    if before == "\n":
        if text[position] == "\n":
            return None  # cut after the whole run of line breaks
        return _PARAGRAPH if position >= 2 and text[position - 2] == "\n" else _LINE
    if before.isspace() and not text[position].isspace():
        index = position - 2
        while index >= 0 and text[index] in _CLOSERS:
            index -= 1
        if index >= 0 and text[index] in _SENTENCE_END:
            return _SENTENCE
        return _WORD
    return _CLUSTER


def _inside_atomic(layout: _Layout, position: int) -> bool:
    chunk = layout.chunk_of[position]
    return position > layout.starts[chunk] and layout.types[chunk] in ATOMIC_TYPES


def _joins(layout: _Layout, position: int) -> bool:
    """True when text[position - 1] and text[position] belong to one perceived character."""
    text = layout.text
    before, after = text[position - 1], text[position]
    if before == "\r" and after == "\n":
        return True
    if before == _ZWJ:
        return True
    code = ord(after)
    if (
        after == _ZWJ
        or unicodedata.category(after).startswith("M")
        or 0xFE00 <= code <= 0xFE0F
        or 0xE0100 <= code <= 0xE01EF
        or 0x1F3FB <= code <= 0x1F3FF
        or 0xE0020 <= code <= 0xE007F
    ):
        return True
    if _is_regional_indicator(after):
        return layout.flag_run[position - 1] % 2 == 1
    return False


def _is_regional_indicator(ch: str) -> bool:
    return 0x1F1E6 <= ord(ch) <= 0x1F1FF


def _slice(chunks: Sequence[TextChunk], layout: _Layout, a: int, b: int) -> tuple[TextChunk, ...]:
    part: list[TextChunk] = []
    first = layout.chunk_of[a] if a < len(layout.chunk_of) else len(chunks)
    for index in range(first, len(chunks)):
        chunk = chunks[index]
        chunk_start = layout.starts[index]
        if chunk_start >= b:
            break
        chunk_end = chunk_start + len(chunk.text)
        lo, hi = max(a, chunk_start), min(b, chunk_end)
        if lo >= hi:
            continue
        if lo == chunk_start and hi == chunk_end:
            part.append(chunk)
        else:
            part.append(_partial(chunk, chunk.text[lo - chunk_start : hi - chunk_start]))
    return tuple(part)


def _partial(chunk: TextChunk, text: str) -> TextChunk:
    """A piece of a chunk; a link cut in two keeps pointing at the whole target."""
    if chunk.type is EntityType.LINK:
        target = chunk.text.strip()
    elif chunk.type is EntityType.EMAIL:
        target = "mailto:" + chunk.text.strip()
    elif chunk.type is EntityType.PHONE:
        target = "tel:" + "".join(c for c in chunk.text if c.isdigit() or c == "+")
    else:
        return replace(chunk, text=text)
    return replace(chunk, type=EntityType.TEXT_LINK, text=text, href=target)


def _trim_end(chunks: list[TextChunk]) -> list[TextChunk]:
    while chunks and not chunks[-1].text.rstrip():
        chunks.pop()
    if chunks:
        chunks[-1] = replace(chunks[-1], text=chunks[-1].text.rstrip())
    return chunks


def _trim_start(chunks: list[TextChunk]) -> list[TextChunk]:
    while chunks and not chunks[0].text.lstrip():
        chunks.pop(0)
    if chunks:
        chunks[0] = replace(chunks[0], text=chunks[0].text.lstrip())
    return chunks
