"""Broken, empty or unexpected exports, as parse_users.py meets them first.

Each case runs ``parse_users.py --config config.toml`` in a fresh folder and checks the exit code,
the absence of a traceback, and that the message names the file and says what to do.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from migrator.config import load_config
from migrator.telegram.loader import list_chats
from tests.bad_input.support import (
    ALICE_ID,
    BOB_ID,
    REPO,
    Run,
    assert_fails_cleanly,
    message,
    run_script,
    simple_messages,
    write_config,
    write_export,
)

FULL_ACCOUNT = REPO / "tests" / "fixtures" / "exports" / "full-account"


def _parse_users(folder: Path, *extra: str) -> Run:
    write_config(folder / "config.toml")
    return run_script("parse_users.py", "--config", "config.toml", *extra, cwd=folder)


def _write_result(folder: Path, content: bytes) -> Path:
    export = folder / "export"
    export.mkdir(parents=True, exist_ok=True)
    (export / "result.json").write_bytes(content)
    return export


def _valid_json_bytes() -> bytes:
    data = {"name": "Team", "type": "private_group", "id": 777, "messages": simple_messages()}
    return json.dumps(data, ensure_ascii=False, indent=1).encode("utf-8")


def test_truncated_json_says_the_file_ends_early_and_to_export_again(tmp_path: Path) -> None:
    whole = _valid_json_bytes()
    _write_result(tmp_path, whole[: len(whole) * 2 // 3])
    run = _parse_users(tmp_path)
    assert_fails_cleanly(run, 2, "result.json", "the file ends early", "Export the chat again")


def test_invalid_json_names_the_byte_and_how_to_look_at_it(tmp_path: Path) -> None:
    broken = _valid_json_bytes().replace(b'"Hi Alice"', b'"Hi Alice" oops')
    _write_result(tmp_path, broken)
    run = _parse_users(tmp_path)
    assert_fails_cleanly(run, 2, "result.json: invalid JSON at byte", "head -c")


def test_empty_result_json_file_is_reported_as_truncated(tmp_path: Path) -> None:
    _write_result(tmp_path, b"")
    run = _parse_users(tmp_path)
    assert_fails_cleanly(run, 2, "result.json", "is truncated")


def test_json_that_is_a_list_not_an_export_says_no_messages(tmp_path: Path) -> None:
    _write_result(tmp_path, json.dumps(simple_messages()).encode())
    run = _parse_users(tmp_path)
    assert_fails_cleanly(run, 2, "result.json", "no messages in this file", "Export chat history")


def test_export_of_an_unsupported_kind_contacts_only_says_no_messages(tmp_path: Path) -> None:
    contacts_only = {
        "about": "Here is the data you requested.",
        "personal_information": {"user_id": 1, "first_name": "Me"},
        "contacts": {"about": "…", "list": [{"first_name": "Ann", "phone_number": "+1"}]},
    }
    _write_result(tmp_path, json.dumps(contacts_only).encode())
    run = _parse_users(tmp_path)
    assert_fails_cleanly(run, 2, "no messages in this file", '"Machine-readable JSON"')


def test_html_export_is_recognised_and_json_is_asked_for(tmp_path: Path) -> None:
    export = tmp_path / "export"
    export.mkdir()
    (export / "messages.html").write_text("<html></html>", encoding="utf-8")
    run = _parse_users(tmp_path)
    assert_fails_cleanly(run, 2, "this is an HTML export", "Machine-readable JSON")


def test_missing_export_folder_names_it(tmp_path: Path) -> None:
    run = _parse_users(tmp_path)
    tried = tmp_path / "export"
    assert_fails_cleanly(
        run, 2, f'telegram_export_dir = "export": no such folder (tried {tried})', "ChatExport_"
    )


def test_export_one_level_down_gives_the_right_folder(tmp_path: Path) -> None:
    write_export(tmp_path / "export" / "ChatExport_2025-09-01")
    run = _parse_users(tmp_path)
    assert_fails_cleanly(run, 2, "no result.json in this folder", "It is one level down: use")
    assert "ChatExport_2025-09-01" in run.stderr


def test_empty_telegram_export_dir_points_to_the_key(tmp_path: Path) -> None:
    write_config(tmp_path / "config.toml", export="")
    run = run_script("parse_users.py", "--config", "config.toml", cwd=tmp_path)
    assert_fails_cleanly(run, 2, "telegram_export_dir is empty", "telegram_export_dir = ")


def test_empty_export_with_no_messages_says_nothing_to_migrate(tmp_path: Path) -> None:
    write_export(tmp_path / "export", [])
    run = _parse_users(tmp_path)
    assert_fails_cleanly(run, 1, "no messages with an author", "telegram_export_dir")


def test_full_account_export_without_chat_plans_every_chat(tmp_path: Path) -> None:
    shutil.copytree(FULL_ACCOUNT, tmp_path / "export")
    run = _parse_users(tmp_path)
    assert run.code == 0, run.output
    assert "Traceback" not in run.output
    planned = load_config(tmp_path / "config.toml").chats
    assert len(planned) == len(list_chats(tmp_path / "export")) > 1
    assert "Chats planned in [chats]" in run.stdout


def test_full_account_export_with_an_unknown_chat_lists_the_chats(tmp_path: Path) -> None:
    shutil.copytree(FULL_ACCOUNT, tmp_path / "export")
    run = _parse_users(tmp_path, "--chat", "No Such Chat")
    assert_fails_cleanly(run, 2, "no chat named or numbered 'No Such Chat'", "Available:")


def test_message_without_id_names_the_file_and_the_message(tmp_path: Path) -> None:
    broken = message(2, BOB_ID, "Bob", "no id here")
    del broken["id"]
    write_export(tmp_path / "export", [message(1, ALICE_ID, "Alice", "Hi"), broken])
    run = _parse_users(tmp_path)
    assert_fails_cleanly(
        run,
        2,
        "result.json: element 1 of the messages (after message id 1)",
        "has no usable id",
        "export the chat again",
    )


def test_message_that_is_not_an_object_is_skipped_with_a_warning(tmp_path: Path) -> None:
    write_export(tmp_path / "export", [message(1, ALICE_ID, "Alice", "Hi"), 42, "text"])  # type: ignore[list-item]
    run = _parse_users(tmp_path)
    assert run.code == 0, run
    assert "Traceback" not in run.output
    assert "element 1 of the messages is not an object; skipped" in run.stderr
    assert "element 2 of the messages is not an object; skipped" in run.stderr


def test_half_of_a_utf16_surrogate_pair_names_the_escape_and_the_byte(tmp_path: Path) -> None:
    # An entity cut through an emoji by another tool leaves half of a surrogate pair; a lone
    # high half is read as "?", a lone low half cannot be read at all.
    text = [{"type": "bold", "text": "bold "}, {"type": "plain", "text": "\ude00 rest"}]
    write_export(tmp_path / "export", [message(1, ALICE_ID, "Alice", text)])
    run = _parse_users(tmp_path)
    assert_fails_cleanly(
        run, 2, "result.json: invalid text at byte", "\\ude00 is half of a UTF-16 surrogate pair"
    )
