"""Message text: ``text_entities`` (or the older ``text``) into ``TextChunk`` values. Pure."""

from __future__ import annotations

from typing import Any

from migrator.telegram.fast_new import fast_constructor
from migrator.telegram.model import EntityType, LoadStats, TextChunk
from migrator.telegram.values import optional_str

_new_chunk = fast_constructor(TextChunk)  # a message has a few chunks: build them cheaply

_ENTITY_TYPES: dict[str, EntityType] = {member.value: member for member in EntityType}
_PLAIN = EntityType.PLAIN
# Types whose part is complete as {"type", "text"}: built inline, without entity_chunk.
_SIMPLE_TYPES = {
    name: member
    for name, member in _ENTITY_TYPES.items()
    if member not in (EntityType.PLAIN, EntityType.UNKNOWN)
}


def text_chunks(raw: Any, stats: LoadStats) -> tuple[TextChunk, ...]:
    """Convert a ``text_entities`` array, or a ``text`` value (a string or a mixed array).

    Empty plain parts (the exporter's trailing ``""`` artefact) are dropped; an entity part with
    empty text is kept, since its kind may still matter (e.g. a custom emoji).
    """
    if isinstance(raw, str):
        return (_new_chunk(_PLAIN, raw),) if raw else ()
    if not isinstance(raw, list):
        return () if raw is None else (_new_chunk(_PLAIN, str(raw)),)
    chunks: list[TextChunk] = []
    for part in raw:
        if type(part) is dict:
            name = part.get("type")
            if type(text := part.get("text")) is str:  # the common cases, kept short
                if name == "plain":
                    if text:
                        chunks.append(_new_chunk(_PLAIN, text))
                    continue
                simple = _SIMPLE_TYPES.get(name) if type(name) is str else None
                if simple is not None and len(part) == 2:
                    chunks.append(_new_chunk(simple, text))
                    continue
            chunk = entity_chunk(part, stats)
            if chunk.text or chunk.type is not _PLAIN:
                chunks.append(chunk)
        elif isinstance(part, str):
            if part:
                chunks.append(_new_chunk(_PLAIN, part))
        elif part is not None:
            chunks.append(_new_chunk(_PLAIN, str(part)))
    return tuple(chunks)


def entity_chunk(part: dict[str, Any], stats: LoadStats) -> TextChunk:
    """One ``{"type": …, "text": …, <extra>}`` object; an unknown type is kept as UNKNOWN."""
    name = part.get("type")
    text = part.get("text", "")
    if not isinstance(text, str):
        text = "" if text is None else str(text)
    entity_type = _ENTITY_TYPES.get(name) if isinstance(name, str) else None
    if entity_type is _PLAIN:
        return _new_chunk(_PLAIN, text)
    if entity_type is None:
        raw_name = name if isinstance(name, str) else repr(name)
        stats.count(stats.unknown_entity_types, raw_name)
        return _new_chunk(EntityType.UNKNOWN, text, raw_type=raw_name)
    if entity_type is EntityType.UNKNOWN:  # a type the exporter itself calls "unknown"
        return _new_chunk(EntityType.UNKNOWN, text, raw_type=name)
    if len(part) == 2:  # only type and text: the common case, no extras to read
        return _new_chunk(entity_type, text)
    user_id = part.get("user_id")
    document_id = part.get("document_id")
    return _new_chunk(
        entity_type,
        text,
        href=optional_str(part.get("href")),
        language=optional_str(part.get("language")),
        user_id=user_id if isinstance(user_id, int) and not isinstance(user_id, bool) else None,
        collapsed=part.get("collapsed") is True,
        document_id=None if document_id is None else str(document_id),
    )
