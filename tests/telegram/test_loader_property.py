"""Property: for any generated export the loader yields exactly what ``json.load`` sees.

The exports are written the way Telegram Desktop writes them (control characters as the invalid
``\\xNN``), with several indentations, as single-chat and as full-account exports. The expected
messages come from ``json.loads`` on the same document before the ``\\xNN`` damage.
"""

from __future__ import annotations

import json
import re
import tempfile
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from migrator.telegram.convert import ConvertContext, convert_message
from migrator.telegram.loader import iter_messages, list_chats
from migrator.telegram.media_refs import MediaResolver
from migrator.telegram.model import LoadStats, Message

texts = st.text(
    alphabet=st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=12
) | st.sampled_from(["", "\\x41", "\\", "\x01", "Привет"])
scalars = (
    st.none()
    | st.booleans()
    | st.integers(min_value=-(2**63) + 1, max_value=2**63 - 1)  # yajl: 64-bit
    | st.floats(allow_nan=False, allow_infinity=False)
    | texts
)
json_values = st.recursive(
    scalars,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(texts, inner, max_size=3),
    max_leaves=6,
)
entity_types = st.sampled_from(
    ["plain", "bold", "text_link", "pre", "mention_name", "custom_emoji", "new_kind", "unknown"]
)
entities = st.fixed_dictionaries(
    {"type": entity_types, "text": texts},
    optional={
        "href": texts,
        "language": texts,
        "user_id": st.integers(0, 2**40),
        "collapsed": st.booleans(),
        "document_id": texts,
    },
)
peer_ids = st.sampled_from(["user1", "channel2", "chat3", 4294967297, 8589934594, 7, "bogus"])
paths = st.sampled_from(
    [
        "photos/a.jpg",
        "files/missing.bin",
        "../escape.txt",
        "/abs",
        "(File not included. Change data exporting settings to download.)",
    ]
)
messages = st.fixed_dictionaries(
    {
        "id": st.integers(min_value=-(2**40), max_value=2**40),
        "type": st.sampled_from(["message", "message", "service", "unsupported", "novel"]),
    },
    optional={
        "date": st.sampled_from(["2021-03-28T02:30:00", "2024-01-01T10:00:00", "bad date"]),
        "date_unixtime": st.integers(0, 2**33).map(str),
        "edited": st.just("2024-01-01T10:05:00"),
        "from": st.none() | texts,
        "from_id": peer_ids,
        "actor": st.none() | texts,
        "actor_id": peer_ids,
        "action": st.sampled_from(["pin_message", "create_group", "phone_call", "brand_new"]),
        "members": st.lists(st.none() | texts, max_size=3),
        "message_id": st.integers(0, 100),
        "title": texts,
        "forwarded_from": st.none() | texts,
        "reply_to_message_id": st.integers(-5, 100),
        "photo": paths,
        "file": paths,
        "media_type": st.sampled_from(["sticker", "voice_message", "odd_type"]),
        "text": texts | st.lists(texts | entities, max_size=4),
        "text_entities": st.lists(entities, max_size=4),
        "poll": st.fixed_dictionaries(
            {
                "question": texts,
                "closed": st.booleans(),
                "total_voters": st.integers(0, 9),
                "answers": st.lists(
                    st.fixed_dictionaries(
                        {"text": texts, "voters": st.integers(0, 9), "chosen": st.booleans()}
                    ),
                    max_size=3,
                ),
            }
        ),
        "location_information": st.none()
        | st.fixed_dictionaries(
            {"latitude": st.floats(-90, 90), "longitude": st.floats(-180, 180)}
        ),
        "invoice_information": json_values.map(json.dumps),
        "reactions": st.lists(
            st.fixed_dictionaries({"type": texts, "count": st.integers(0, 9)}), max_size=2
        ),
        "surprise": json_values,
    },
)
chats = st.lists(messages, max_size=6)
indents = st.sampled_from([1, None, 4])


def tdesktop_bytes(document: object, indent: int | None) -> bytes:
    text = json.dumps(document, ensure_ascii=False, indent=indent)
    # Telegram Desktop writes other control characters as \xNN (only after an even backslash run)
    text = re.sub(
        r"(?<!\\)((?:\\\\)*)\\u00([01][0-9a-f])",
        lambda m: m.group(1) + "\\x" + m.group(2).upper(),
        text,
    )
    return text.encode("utf-8")


def expected(folder: Path, raw_messages: list[dict[str, Any]]) -> list[Message]:
    # json.loads on the document as valid JSON, converted by the same pure function
    context = ConvertContext(resolve_media=MediaResolver(folder), stats=LoadStats())
    return [convert_message(raw, context) for raw in raw_messages]


def write_export(folder: Path, document: object, indent: int | None) -> None:
    (folder / "photos").mkdir()
    (folder / "photos" / "a.jpg").write_bytes(b"x")
    (folder / "result.json").write_bytes(tdesktop_bytes(document, indent))


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(chat=chats, indent=indents)
def test_single_chat_export_streams_exactly_what_json_load_sees(
    chat: list[dict[str, Any]], indent: int | None
) -> None:
    document = {"name": "Chat", "type": "private_group", "id": 5, "messages": chat}
    with tempfile.TemporaryDirectory() as temporary:
        folder = Path(temporary)
        write_export(folder, document, indent)
        reference = json.loads(json.dumps(document))["messages"]
        (info,) = list_chats(folder)
        stats = LoadStats()
        assert list(iter_messages(folder, info, stats=stats)) == expected(folder, reference)
        assert stats.messages == len(chat)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    chat_lists=st.lists(chats, min_size=1, max_size=3),
    left_lists=st.lists(chats, max_size=2),
    indent=indents,
)
def test_full_account_export_streams_each_chat_exactly(
    chat_lists: list[list[dict[str, Any]]],
    left_lists: list[list[dict[str, Any]]],
    indent: int | None,
) -> None:
    def chat_objects(lists: list[list[dict[str, Any]]], first_id: int) -> list[dict[str, Any]]:
        return [
            {
                "name": f"chat {first_id + n}",
                "type": "private_group",
                "id": first_id + n,
                "messages": chat,
            }
            for n, chat in enumerate(lists)
        ]

    document: dict[str, Any] = {
        "about": "x",
        "personal_information": {"user_id": 1, "first_name": "\x02"},
        "chats": {"about": "y", "list": chat_objects(chat_lists, 100)},
    }
    if left_lists:
        document["left_chats"] = {"about": "z", "list": chat_objects(left_lists, 200)}
    with tempfile.TemporaryDirectory() as temporary:
        folder = Path(temporary)
        write_export(folder, document, indent)
        infos = list_chats(folder)
        assert [info.message_count for info in infos] == [
            len(chat) for chat in chat_lists + left_lists
        ]
        for info, chat in zip(infos, chat_lists + left_lists, strict=True):
            reference = json.loads(json.dumps(chat))
            assert list(iter_messages(folder, info)) == expected(folder, reference)
