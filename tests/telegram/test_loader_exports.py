"""Full-account and historical exports, quirks, and the errors an administrator may meet."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from migrator.errors import ExportError
from migrator.i18n import Lang, set_language
from migrator.telegram.loader import (
    ExportKind,
    export_kind,
    find_result_json,
    iter_messages,
    list_chats,
    select_chat,
)
from migrator.telegram.model import (
    ChatInfo,
    ChatType,
    EntityType,
    LoadStats,
    Message,
    MissingReason,
    Peer,
    PeerId,
    PeerKind,
)

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "exports"
FULL = FIXTURES / "full-account"


def load(export: Path, selector: str | None = None, **options: object) -> list[Message]:
    return list(iter_messages(export, select_chat(export, selector), **options))  # type: ignore[arg-type]


def test_full_account_lists_chats_then_left_chats_with_counts() -> None:
    assert export_kind(FULL) is ExportKind.FULL_ACCOUNT
    chats = list_chats(FULL)
    assert [(c.name, c.type, c.id, c.index, c.left, c.message_count) for c in chats] == [
        ("Bob", ChatType.PERSONAL_CHAT, 1002, 0, False, 3),
        ("Проект", ChatType.PRIVATE_GROUP, 3001, 1, False, 4),
        ("Bob", ChatType.PRIVATE_CHANNEL, 4001, 2, False, 1),
        ("Old Club", ChatType.PUBLIC_SUPERGROUP, 5001, 3, True, 1),
    ]


def test_full_account_chat_by_name_yields_only_its_messages() -> None:
    messages = load(FULL, "проект")  # names match case-insensitively when unique
    assert [m.id for m in messages] == [10, 11, 12, 13]
    media = messages[2].media
    assert media is not None and media.file.path == (FULL / "chats/chat_1/files/plan.txt").resolve()


def test_full_account_chat_by_id_and_left_chat() -> None:
    assert [m.plain_text for m in load(FULL, "4001")] == [
        "a channel that shares a name with a person"
    ]
    assert [m.id for m in load(FULL, "5001")] == [30]


def test_full_account_prefixed_paths_and_a_shared_photo() -> None:
    first, second, third = load(FULL, "1002")
    assert first.plain_text == "hi Bob"
    assert second.media is not None and third.media is not None
    assert second.media.file.available
    assert second.media.file.path == third.media.file.path


def test_ambiguous_name_lists_the_candidates_with_ids() -> None:
    with pytest.raises(ExportError) as caught:
        select_chat(FULL, "Bob")
    assert "several chats are called 'Bob'" in caught.value.message
    assert caught.value.hint is not None
    assert "id 1002" in caught.value.hint and "id 4001" in caught.value.hint


def test_full_account_without_selector_lists_every_chat() -> None:
    with pytest.raises(ExportError) as caught:
        select_chat(FULL, None)
    hint = caught.value.hint or ""
    assert "Проект (id 3001, private_group, 4 messages)" in hint
    assert "Old Club (id 5001, public_supergroup, 1 messages, left" in hint


def test_unknown_selector_is_an_error_listing_the_chats() -> None:
    with pytest.raises(ExportError, match="no chat named or numbered 'Nobody'") as caught:
        select_chat(FULL, "Nobody")
    assert "Проект" in (caught.value.hint or "")


def test_bot_api_style_id_selects_the_chat() -> None:
    assert select_chat(FULL, "-1004001").id == 4001


def test_stale_chat_info_is_refused() -> None:
    stale = ChatInfo(name="Проект", type=ChatType.PRIVATE_GROUP, id=9999, index=1)
    with pytest.raises(ExportError, match="not at position 1"):
        list(iter_messages(FULL, stale))


def test_single_chat_selector_must_match() -> None:
    export = FIXTURES / "old-ids-2019"
    assert select_chat(export, "Иван").name == "Иван"
    with pytest.raises(ExportError, match="no chat named"):
        select_chat(export, "Someone else")


def test_old_internal_ids_and_local_dates_with_the_given_timezone() -> None:
    export = FIXTURES / "old-ids-2020"
    moscow = ZoneInfo("Europe/Moscow")
    create, post, reply = load(export, export_timezone=moscow)
    assert create.service is not None
    assert create.service.actor == Peer(PeerId(PeerKind.CHANNEL, 1292077344), "Старый канал")
    assert post.sender == Peer(PeerId(PeerKind.CHANNEL, 1292077344), "Старый канал")
    assert reply.sender is not None and reply.sender.id == PeerId(PeerKind.USER, 777000111)
    assert reply.reply_to_peer == PeerId(PeerKind.USER, 5)
    assert post.timestamp == 1605174847  # 2020-11-12T12:54:07 at UTC+3
    assert [(c.type, c.text) for c in reply.text] == [
        (EntityType.PLAIN, "hi "),
        (EntityType.BOLD, "there"),
    ]
    assert load(export)[1].timestamp == 1605174847 + 3 * 3600  # default: UTC


def test_bare_user_ids_of_2019() -> None:
    first, second = load(FIXTURES / "old-ids-2019", export_timezone=ZoneInfo("Europe/Berlin"))
    assert first.sender == Peer(PeerId(PeerKind.USER, 777000111), "Иван Петров")
    assert second.sender == Peer(PeerId(PeerKind.USER, 1001), "Алиса")
    # 02:30 on the night clocks went back happened twice; the first (summer time) is chosen
    assert second.timestamp == 1572136200
    assert second.edited_timestamp is not None and second.edited_timestamp > second.timestamp


def test_exports_without_any_ids_give_peers_with_names_only() -> None:
    export = FIXTURES / "very-old-2018"
    chat = select_chat(export, None)
    assert (chat.name, chat.id, chat.key) == ("Группа", None, "tgchat")
    message, service = load(export)
    assert message.sender == Peer(None, "Иван Петров")
    assert service.service is not None and service.service.actor == Peer(None, "Иван Петров")
    assert service.service.members == ("Алиса",)


def test_reindented_file_with_keys_after_messages() -> None:
    export = FIXTURES / "reindented"
    chat = select_chat(export, None)
    assert (chat.name, chat.id) == ("Reindented", 1)
    assert [m.plain_text for m in load(export)] == ["reindented"]


def test_invalid_escapes_are_repaired_and_duplicate_keys_keep_the_last() -> None:
    stats = LoadStats()
    message, webview = load(FIXTURES / "escapes", stats=stats)
    assert message.plain_text == "bell\x07, nul\x00, \\x41 stays, \\\x1f odd run"
    assert message.has_inline_buttons
    assert stats.repaired_escapes == 7  # 3 in text, 3 in text_entities, 1 in the button data
    assert webview.service is not None and webview.service.action == "send_webview_data"
    assert webview.text == ()  # the second "text" key ("") wins, as with json.load


def test_windows_1251_file_is_a_clear_error() -> None:
    path = FIXTURES / "windows-1251" / "result.json"
    with pytest.raises(ExportError) as caught:
        load(path.parent)
    offset = path.read_bytes().index("Трейдинг".encode("cp1251"))
    assert caught.value.message == (f"{path}: not UTF-8 text (invalid byte 0xD2 at byte {offset})")
    assert "iconv -f WINDOWS-1251 -t UTF-8" in (caught.value.hint or "")


def test_truncated_file_reports_the_end_and_what_was_expected() -> None:
    path = FIXTURES / "truncated" / "result.json"
    chat = select_chat(FIXTURES / "all-kinds", None)
    with pytest.raises(ExportError) as caught:
        list(iter_messages(path.parent, chat))
    size = path.stat().st_size
    assert caught.value.message.startswith(f"{path}: invalid JSON at byte {size}: the file ends")
    assert "truncated" in (caught.value.hint or "")


@pytest.mark.parametrize(
    ("damage", "expected"),
    [
        ('"text": "Привет всем"', '"text": "Привет всем",,'),
        ('"id": 36,', '"id": 36 "x",'),
        ('"type": "message"', "'type': 'message'"),
    ],
)
def test_malformed_json_names_the_byte_offset(
    export_copy: Callable[[str], Path], damage: str, expected: str
) -> None:
    export = export_copy("all-kinds")
    path = export / "result.json"
    original = path.read_text(encoding="utf-8")
    damaged = original.replace(damage, expected, 1)
    path.write_text(damaged, encoding="utf-8")
    chat = select_chat(FIXTURES / "all-kinds", None)
    with pytest.raises(ExportError) as caught:
        list(iter_messages(export, chat))
    message = caught.value.message
    assert message.startswith(f"{path}: invalid JSON at byte ")
    offset = int(message.split("at byte ")[1].split(":")[0])
    first_difference = next(
        i
        for i, (a, b) in enumerate(zip(original.encode(), damaged.encode(), strict=False))
        if a != b
    )
    # the parser notices the damage where it starts or a few bytes later
    assert first_difference <= offset <= first_difference + len(expected.encode())
    assert "expect" in message or "invalid" in message or "token" in message


def test_missing_folder_html_export_and_nested_folder(tmp_path: Path) -> None:
    with pytest.raises(ExportError, match="no such export folder"):
        find_result_json(tmp_path / "absent")
    (tmp_path / "messages.html").write_text("<html></html>")
    with pytest.raises(ExportError, match="HTML export") as caught:
        find_result_json(tmp_path)
    assert "JSON" in (caught.value.hint or "")
    nested = tmp_path / "outer"
    (nested / "ChatExport_2024-01-01").mkdir(parents=True)
    (nested / "ChatExport_2024-01-01" / "result.json").write_text("{}")
    with pytest.raises(ExportError) as caught:
        find_result_json(nested)
    assert "ChatExport_2024-01-01" in (caught.value.hint or "")


def test_result_json_path_is_accepted_as_the_export() -> None:
    path = FIXTURES / "old-ids-2019" / "result.json"
    assert find_result_json(path) == path
    assert len(load(path)) == 2


@pytest.mark.parametrize(
    "content",
    [
        {"about": "Here is the data you requested.", "personal_information": {"user_id": 1}},
        {"name": "x", "type": "personal_chat", "id": 1},
        [],
    ],
)
def test_an_export_without_messages_is_a_clear_error(tmp_path: Path, content: object) -> None:
    (tmp_path / "result.json").write_text(json.dumps(content))
    with pytest.raises(ExportError, match="no messages in this file") as caught:
        list_chats(tmp_path)
    assert "Export" in (caught.value.hint or "")


def test_unreadable_result_json_is_a_clear_error(tmp_path: Path) -> None:
    (tmp_path / "result.json").mkdir()
    with pytest.raises(ExportError, match=r"no result\.json|cannot open"):
        list_chats(tmp_path)


def test_placeholder_in_a_full_export_section_is_recognised() -> None:
    from migrator.telegram.loader import resolve_media

    ref = resolve_media(
        FULL, "(Photo exceeds maximum size. Change data exporting settings to download.)"
    )
    assert ref.missing is MissingReason.TOO_LARGE and ref.path is None


def test_full_account_export_without_chats(tmp_path: Path) -> None:
    (tmp_path / "result.json").write_text(json.dumps({"about": "x", "chats": {"list": []}}))
    assert list_chats(tmp_path) == []
    with pytest.raises(ExportError, match="contains no chats"):
        select_chat(tmp_path, None)


@pytest.mark.parametrize(
    ("damage", "expected", "english"),
    [
        ('"text": "Привет всем"', '"text": "Привет всем",,', "invalid object key"),
        ('"id": 36,', '"id": 36 "x",', "I expect ',' or '}'"),
        ('"type": "message"', "'type': 'message'", "invalid char in json text"),
        ('"id": 36,', '"id": -x,', "a digit is required after the minus sign"),
        ('"id": 36,', '"id" 36,', "separated by a colon"),
        ('"type": "message"', '"type": "mess\\qage"', "occurs before a character"),
        ('"id": 36,', '"id": ,', "unallowed token"),
    ],
)
def test_the_parsers_reason_in_both_languages(
    export_copy: Callable[[str], Path], damage: str, expected: str, english: str
) -> None:
    export = export_copy("all-kinds")
    path = export / "result.json"
    path.write_text(path.read_text(encoding="utf-8").replace(damage, expected, 1), "utf-8")
    chat = select_chat(FIXTURES / "all-kinds", None)
    messages = {}
    for lang in (Lang.EN, Lang.RU):
        set_language(lang)
        try:
            with pytest.raises(ExportError) as caught:
                list(iter_messages(export, chat))
        finally:
            set_language(Lang.EN)
        messages[lang] = caught.value.message
    assert english in messages[Lang.EN]
    reason = messages[Lang.RU].split(": ", 2)[2]
    assert re.search("[а-я]", reason) and not re.search("[a-z]{3,}", reason), reason
