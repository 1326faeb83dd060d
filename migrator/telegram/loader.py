"""Reading a Telegram Desktop JSON export: which chats it has, and their messages as a stream.

``result.json`` is never loaded whole: chat headers come from a scan of parser events and the
messages of one chat are built one at a time (ijson's C backend), so memory stays flat however
large the file is. Conversion of each message is the pure ``convert.convert_message``.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, tzinfo
from enum import StrEnum
from pathlib import Path
from typing import Any

from migrator.errors import ExportError
from migrator.i18n import tr
from migrator.telegram.convert import ConvertContext, convert_message
from migrator.telegram.json_stream import open_json, stream_events, stream_items
from migrator.telegram.media_refs import MediaResolver
from migrator.telegram.media_refs import resolve_media as resolve_media
from migrator.telegram.model import ChatInfo, ChatType, LoadStats, Message

logger = logging.getLogger(__name__)

RESULT_FILE = "result.json"
SINGLE_CHAT_MESSAGES = "messages.item"  # the ijson prefix of a single-chat export's messages
_CHAT_TYPES: dict[str, ChatType] = {member.value: member for member in ChatType}
_VALUE_EVENTS = frozenset({"start_map", "start_array", "string", "number", "boolean", "null"})
_CHAT_LISTS = {"chats": False, "left_chats": True}  # top-level key → ChatInfo.left


class ExportKind(StrEnum):
    SINGLE_CHAT = "single_chat"
    FULL_ACCOUNT = "full_account"


def find_result_json(export_dir: Path) -> Path:
    """The export's ``result.json``; ``export_dir`` may also name that file itself."""
    if export_dir.is_file():
        return export_dir
    candidate = export_dir / RESULT_FILE
    if candidate.is_file():
        return candidate
    if not export_dir.is_dir():
        raise ExportError(tr("export.no_folder", path=export_dir), hint=tr("export.no_folder_hint"))
    nested = sorted(export_dir.glob(f"*/{RESULT_FILE}"))
    if len(nested) == 1:
        raise ExportError(
            tr("export.no_result", path=export_dir, file=RESULT_FILE),
            hint=tr("export.one_level_down", path=nested[0].parent),
        )
    if (export_dir / "messages.html").exists():
        raise ExportError(tr("export.html", path=export_dir), hint=tr("export.reexport_hint"))
    raise ExportError(
        tr("export.no_result", path=export_dir, file=RESULT_FILE), hint=tr("export.reexport_hint")
    )


@dataclass(frozen=True, slots=True)
class _Scan:
    kind: ExportKind
    chats: tuple[ChatInfo, ...]


def export_kind(export_dir: Path) -> ExportKind:
    """Whether the export is one chat or a whole account ("Export Telegram data")."""
    return _scan(find_result_json(export_dir)).kind


def list_chats(export_dir: Path) -> list[ChatInfo]:
    """The chats of the export: one for a single-chat export, all (left ones last) otherwise."""
    return list(_scan(find_result_json(export_dir)).chats)


def select_chat(export_dir: Path, selector: str | None) -> ChatInfo:
    """Pick a chat by name or id; ``None`` works when the export holds exactly one chat."""
    chats = list_chats(export_dir)
    if not chats:
        raise ExportError(tr("export.no_chats", path=export_dir), hint=tr("export.no_chats_hint"))
    if selector is None or not selector.strip():
        if len(chats) == 1:
            return chats[0]
        raise ExportError(
            tr("export.which_chat", path=export_dir, count=len(chats)),
            hint=tr("export.which_chat_hint") + "\n" + describe_chats(chats),
        )
    wanted = selector.strip()
    by_id = [chat for chat in chats if chat.id is not None and _id_matches(chat.id, wanted)]
    if len(by_id) == 1:
        return by_id[0]
    by_name = [chat for chat in chats if chat.name == wanted]
    if not by_name:
        folded = wanted.casefold()
        by_name = [chat for chat in chats if chat.name and chat.name.casefold() == folded]
    if len(by_name) == 1:
        return by_name[0]
    if len(by_name) > 1 or len(by_id) > 1:
        raise ExportError(
            tr("export.several_chats", path=export_dir, name=wanted),
            hint=tr("export.choose_by_id") + "\n" + describe_chats(by_name or by_id),
        )
    raise ExportError(
        tr("export.no_such_chat", path=export_dir, name=wanted),
        hint=tr("export.available") + "\n" + describe_chats(chats),
    )


def describe_chats(chats: list[ChatInfo]) -> str:
    """One line per chat for error hints and listings."""
    lines = []
    for chat in chats:
        facts = [
            tr("export.chat_id", id=chat.id) if chat.id is not None else tr("export.chat_no_id"),
            chat.type.value,
        ]
        if chat.message_count is not None:
            facts.append(tr("export.chat_messages", count=chat.message_count))
        if chat.left:
            facts.append(tr("export.chat_left"))
        name = chat.name if chat.name is not None else tr("export.chat_no_name")
        lines.append(f"  • {name} ({', '.join(facts)})")
    return "\n".join(lines)


def iter_messages(
    export_dir: Path,
    chat: ChatInfo,
    *,
    stats: LoadStats | None = None,
    export_timezone: tzinfo = UTC,
) -> Iterator[Message]:
    """Stream the chat's messages in file order, converting each on the way.

    ``export_timezone`` is the time zone of the machine that exported, used only for messages
    without ``date_unixtime`` (exports before Telegram Desktop 3.7.6).
    """
    path = find_result_json(export_dir)
    counters = stats if stats is not None else LoadStats()
    context = ConvertContext(
        resolve_media=MediaResolver(path.parent),
        stats=counters,
        export_timezone=export_timezone,
    )
    prefix, skip, take = _message_span(path, chat)
    previous: int | None = None
    for position, raw in enumerate(_raw_messages(path, prefix, skip, take, counters)):
        if not isinstance(raw, dict):
            counters.count(counters.unknown_fields, tr("export.not_an_object_field"))
            logger.warning("%s", tr("warn.not_an_object", path=path, position=position))
            continue
        counters.messages += 1
        try:
            converted = convert_message(raw, context)
        except ExportError as error:
            where = {"path": path, "position": position, "problem": error.message}
            raise ExportError(
                tr("export.in_element", **where)
                if previous is None
                else tr("export.in_element_after", previous=previous, **where),
                hint=error.hint,
            ) from None
        previous = converted.id
        yield converted


def has_messages(export_dir: Path, chat: ChatInfo) -> bool:
    """True when the chat holds at least one message (reads no further than the first)."""
    if chat.message_count is not None:
        return chat.message_count > 0
    return next(iter_messages(export_dir, chat), None) is not None


def _raw_messages(
    path: Path, prefix: str, skip: int, take: int | None, counters: LoadStats
) -> Iterator[Any]:
    """The chat's message objects as decoded JSON, streamed by ijson."""
    with open_json(path) as reader:
        try:
            for position, value in enumerate(stream_items(reader, prefix, path)):
                if position < skip:
                    continue
                if take is not None and position >= skip + take:
                    break
                yield value
        finally:
            counters.repaired_escapes += reader.repaired_escapes


def _message_span(path: Path, chat: ChatInfo) -> tuple[str, int, int | None]:
    """The ijson prefix of the chat's messages, how many to skip first, how many to take."""
    scan = _scan(path)
    if scan.kind is ExportKind.SINGLE_CHAT:
        return SINGLE_CHAT_MESSAGES, 0, None
    if chat.index is None or not 0 <= chat.index < len(scan.chats):
        raise ExportError(
            tr("export.chat_gone", path=path, name=chat.name),
            hint=tr("export.chat_gone_hint") + "\n" + describe_chats(list(scan.chats)),
        )
    found = scan.chats[chat.index]
    if (found.id, found.name, found.left) != (chat.id, chat.name, chat.left):
        raise ExportError(
            tr("export.chat_moved", path=path, name=chat.name, id=chat.id, index=chat.index),
            hint=tr("export.chat_moved_hint"),
        )
    same_list = [other for other in scan.chats[: chat.index] if other.left == chat.left]
    skip = sum(other.message_count or 0 for other in same_list)
    list_key = "left_chats" if chat.left else "chats"
    return f"{list_key}.list.item.messages.item", skip, found.message_count or 0


def _id_matches(chat_id: int, wanted: str) -> bool:
    text = wanted.removeprefix("tg")
    if text == str(chat_id):
        return True
    # Bot API style ids: -100<id> for channels and supergroups, -<id> for basic groups.
    return text.startswith("-") and text.removeprefix("-100").removeprefix("-") == str(chat_id)


# A scan reads the whole file for a full-account export; select_chat then iter_messages would
# scan twice. Keep the last few results, keyed by the file's identity and modification.
_SCAN_CACHE: dict[tuple[str, int, int], _Scan] = {}
_SCAN_CACHE_SIZE = 8


def _scan(path: Path) -> _Scan:
    status = path.stat()
    key = (os.fspath(path.resolve()), status.st_size, status.st_mtime_ns)
    cached = _SCAN_CACHE.get(key)
    if cached is None:
        cached = _scan_file(path)
        if len(_SCAN_CACHE) >= _SCAN_CACHE_SIZE:
            _SCAN_CACHE.clear()
        _SCAN_CACHE[key] = cached
    return cached


def _scan_file(path: Path) -> _Scan:
    with open_json(path) as reader:
        events = stream_events(reader, path)
        for prefix, event, value in events:
            if prefix == "" and event == "map_key":
                if value == "messages":
                    return _Scan(ExportKind.SINGLE_CHAT, (_single_chat_header(path),))
                if value in _CHAT_LISTS:
                    return _Scan(ExportKind.FULL_ACCOUNT, _full_account_chats(path))
            elif prefix == "" and event not in ("start_map", "end_map"):
                break
    raise ExportError(
        tr("export.no_messages", path=path),
        hint=tr("export.with_messages") + " " + tr("export.reexport_hint"),
    )


def _single_chat_header(path: Path) -> ChatInfo:
    """Read ``name``/``type``/``id``; they precede ``messages`` in tdesktop's key order."""
    header: dict[str, object] = {}
    with open_json(path) as reader:
        for prefix, event, value in stream_events(reader, path):
            if prefix in ("name", "type", "id") and event in _VALUE_EVENTS:
                header[prefix] = value
            elif prefix == "" and event == "map_key" and value == "messages" and header:
                break  # keys after "messages" occur only in hand-edited files; scan on if none
    return _chat_info(header, index=None, left=False, message_count=None)


def _full_account_chats(path: Path) -> tuple[ChatInfo, ...]:
    """Every chat header of ``chats.list`` then ``left_chats.list``, with message counts."""
    chats: list[ChatInfo] = []
    list_prefixes = {f"{key}.list.item": left for key, left in _CHAT_LISTS.items()}
    header_prefixes = {
        f"{item}.{key}": key for item in list_prefixes for key in ("name", "type", "id")
    }
    message_prefixes = {f"{item}.messages.item" for item in list_prefixes}
    header: dict[str, object] = {}
    count = 0
    left = False
    with open_json(path) as reader:
        for prefix, event, value in stream_events(reader, path):
            if prefix in message_prefixes:
                if event in _VALUE_EVENTS:
                    count += 1
            elif prefix in list_prefixes:
                if event == "start_map":
                    header, count, left = {}, 0, list_prefixes[prefix]
                elif event == "end_map":
                    chats.append(
                        _chat_info(header, index=len(chats), left=left, message_count=count)
                    )
            elif prefix in header_prefixes and event in _VALUE_EVENTS:
                header[header_prefixes[prefix]] = value
    # Left chats come after the others in the file, so indices already follow spec order.
    return tuple(chats)


def _chat_info(
    header: dict[str, object], *, index: int | None, left: bool, message_count: int | None
) -> ChatInfo:
    name = header.get("name")
    raw_type = header.get("type")
    raw_id = header.get("id")
    chat_id = raw_id if isinstance(raw_id, int) and not isinstance(raw_id, bool) else None
    if chat_id is None and isinstance(raw_id, str) and raw_id.lstrip("-").isdigit():
        chat_id = int(raw_id)
    chat_type = _CHAT_TYPES.get(raw_type, ChatType.UNKNOWN) if isinstance(raw_type, str) else None
    return ChatInfo(
        name=None if name is None else str(name),
        type=chat_type or ChatType.UNKNOWN,
        id=chat_id,
        index=index,
        left=left,
        message_count=message_count,
    )


__all__ = [
    "ExportKind",
    "describe_chats",
    "export_kind",
    "find_result_json",
    "has_messages",
    "iter_messages",
    "list_chats",
    "resolve_media",
    "select_chat",
]
