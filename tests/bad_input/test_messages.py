"""Odd messages inside a readable export: each is migrated in some visible form or reported.

Driven through ``build_chat.py --dry-run`` (no server needed): the dry run plans every message
and writes report.json and preview.html, which is where an administrator looks before sending.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest

from tests.bad_input.dry_run import dry_run
from tests.bad_input.support import ALICE_ID, BOB_ID, message

PLACEHOLDERS = {
    "(File not included. Change data exporting settings to download.)": (
        "the file type was not selected when exporting"
    ),
    "(File exceeds maximum size. Change data exporting settings to download.)": (
        "the file exceeded the export size limit"
    ),
    "(File unavailable, please try again later)": "the file was unavailable at export time",
    "(Photo not included. Change data exporting settings to download.)": (
        "the file type was not selected when exporting"
    ),
    "(Photo exceeds maximum size. Change data exporting settings to download.)": (
        "the file exceeded the export size limit"
    ),
    "(Photo unavailable, please try again later)": "the file was unavailable at export time",
}


def _notes(entry: dict[str, Any]) -> str:
    return " | ".join(entry["notes"] + entry["reasons"])


def test_duplicated_message_id_is_reported_not_silently_merged(tmp_path: Path) -> None:
    result = dry_run(
        tmp_path,
        [
            message(1, ALICE_ID, "Alice", "first copy"),
            message(2, BOB_ID, "Bob", "between"),
            message(1, BOB_ID, "Bob", "second message with the same id"),
        ],
    )
    entries = result.entries(1)
    assert [e["verdict"] for e in entries] == ["planned", "skipped"]
    assert "appears more than once" in _notes(entries[1])
    assert "appears more than once" in result.run.stdout  # the preflight counts it
    assert "first copy" in result.preview


def test_reply_to_a_missing_message_keeps_a_visible_header(tmp_path: Path) -> None:
    result = dry_run(
        tmp_path, [message(5000, BOB_ID, "Bob", "answering", reply_to_message_id=4242)]
    )
    assert result.entry(5000)["verdict"] == "planned"
    assert "In reply to a message not in the export (#4242)" in result.preview


def test_replies_to_itself_and_to_a_later_message_say_so(tmp_path: Path) -> None:
    result = dry_run(
        tmp_path,
        [
            message(5, BOB_ID, "Bob", "me", reply_to_message_id=5),
            message(6, BOB_ID, "Bob", "see below", reply_to_message_id=7),
            message(7, ALICE_ID, "Alice", "below"),
        ],
    )
    assert "In reply to this very message (#5)" in result.preview
    assert "In reply to a later message (#7)" in result.preview
    assert "not in the export" not in result.preview


def test_unknown_entity_type_keeps_its_text_escaped(tmp_path: Path) -> None:
    text = [{"type": "hologram", "text": "<b>future</b> markup"}, " and plain"]
    result = dry_run(tmp_path, [message(1, ALICE_ID, "Alice", text)])
    assert result.entry(1)["verdict"] == "planned"
    assert "&lt;b&gt;future&lt;/b&gt; markup" in result.preview
    assert "<b>future</b>" not in result.preview


def test_unknown_media_type_is_still_posted_as_a_file(tmp_path: Path) -> None:
    def prepare(export: Path) -> None:
        (export / "files").mkdir()
        (export / "files" / "hologram.holo").write_bytes(b"\x00\x01")

    raw = message(
        1, ALICE_ID, "Alice", "", file="files/hologram.holo", media_type="hologram_message"
    )
    result = dry_run(tmp_path, [raw], prepare=prepare)
    assert result.entry(1)["kinds"] == ["file"]


def test_unknown_service_action_is_shown_as_a_service_line(tmp_path: Path) -> None:
    raw = {
        "id": 1,
        "type": "service",
        "date": "2025-09-01T14:00:00",
        "date_unixtime": "1756735200",
        "actor": "Alice",
        "actor_id": f"user{ALICE_ID}",
        "action": "teleport_members",
        "text": "",
    }
    result = dry_run(tmp_path, [raw])
    assert result.entry(1)["verdict"] == "planned"
    neutral = "<b>Alice</b>: a Telegram service message the migration tool does not recognise"
    assert neutral in result.preview
    assert "teleport" not in result.preview


def test_unknown_message_type_becomes_a_visible_placeholder(tmp_path: Path) -> None:
    raw = {"id": 1, "type": "hologram", "date": "2025-09-01T14:00:00", "payload": {"x": 1}}
    result = dry_run(tmp_path, [raw])
    assert result.entry(1)["verdict"] == "planned"
    assert "A message Telegram Desktop could not export" in result.preview


def test_text_array_with_unexpected_shapes_keeps_every_readable_part(tmp_path: Path) -> None:
    text: list[Any] = [
        "start ",
        42,
        None,
        {"type": "bold"},  # no text at all
        {"text": "no type "},
        {"type": "italic", "text": 7},
        ["nested", "list"],
        {"type": "link", "text": " end"},
    ]
    result = dry_run(tmp_path, [message(1, ALICE_ID, "Alice", text)])
    assert result.entry(1)["verdict"] == "planned"
    for part in ("start", "42", "no type", "7", "nested", "end"):
        assert part in result.preview, part


def test_wrong_types_in_known_fields_do_not_stop_the_run(tmp_path: Path) -> None:
    raw = message(
        1,
        None,
        None,
        12345,  # a number where text belongs
        reply_to_message_id="not a number",
        date_unixtime="yesterday",
        date=20250901,
        edited=True,
        reactions="lots",
        photo=17,
        width="wide",
    )
    raw["from"] = ["Alice"]
    raw["from_id"] = 2001
    second = message("2", BOB_ID, "Bob", "id as a string")  # type: ignore[arg-type]
    result = dry_run(tmp_path, [raw, second])
    assert result.entry(1)["verdict"] in ("planned", "skipped")
    assert "12345" in result.preview
    assert "File not migrated" in _notes(result.entry(1))
    assert result.entry(2)["verdict"] == "planned"


@pytest.mark.parametrize("placeholder", list(PLACEHOLDERS))
def test_every_placeholder_is_reported_with_its_reason(tmp_path: Path, placeholder: str) -> None:
    key = "photo" if placeholder.startswith("(Photo") else "file"
    raw = message(1, ALICE_ID, "Alice", "with media", **{key: placeholder})
    result = dry_run(tmp_path, [raw])
    entry = result.entry(1)
    assert entry["verdict"] == "planned"  # the text still goes
    assert PLACEHOLDERS[placeholder] in _notes(entry)
    assert PLACEHOLDERS[placeholder] in result.run.stdout  # the preflight lists it


def test_missing_media_folder_reports_every_file(tmp_path: Path) -> None:
    messages = [
        message(1, ALICE_ID, "Alice", "", photo="photos/photo_1.jpg"),
        message(2, BOB_ID, "Bob", "", file="files/report.pdf", file_name="report.pdf"),
    ]
    result = dry_run(tmp_path, messages)
    assert "photo_1.jpg (the file is missing from the export folder)" in _notes(result.entry(1))
    assert "report.pdf (the file is missing from the export folder)" in _notes(result.entry(2))
    assert "warnings: 2" in result.run.stdout


@pytest.mark.parametrize(
    "reference",
    ["../secret.txt", "files/../../secret.txt", "/etc/passwd", "..\\secret.txt", "C:\\secret.txt"],
)
def test_path_traversal_is_refused_without_opening_the_file(tmp_path: Path, reference: str) -> None:
    (tmp_path / "secret.txt").write_text("outside", encoding="utf-8")
    raw = message(1, ALICE_ID, "Alice", "look", file=reference, file_name="secret.txt")
    result = dry_run(tmp_path, [raw])
    assert "the file path leads outside the export folder" in _notes(result.entry(1))
    assert "points outside the export folder" in result.run.stderr  # logged as a warning


@pytest.mark.skipif(os.name == "nt", reason="symlinks need privileges on Windows")
def test_symlink_escaping_the_export_is_refused(tmp_path: Path) -> None:
    (tmp_path / "secret.txt").write_text("outside", encoding="utf-8")

    def prepare(export: Path) -> None:
        (export / "files").mkdir()
        (export / "files" / "innocent.txt").symlink_to(tmp_path / "secret.txt")

    raw = message(1, ALICE_ID, "Alice", "", file="files/innocent.txt")
    result = dry_run(tmp_path, [raw], prepare=prepare)
    assert "innocent.txt (the file path leads outside the export folder)" in _notes(result.entry(1))
    assert result.entry(1)["kinds"] != ["file"]


def test_huge_single_message_is_split_not_truncated(tmp_path: Path) -> None:
    words = " ".join(f"word{i}" for i in range(20_000))  # about 150,000 characters
    result = dry_run(tmp_path, [message(1, ALICE_ID, "Alice", words)])
    entry = result.entry(1)
    assert entry["verdict"] == "planned"
    assert len(entry["kinds"]) >= 150_000 // 4096
    assert "word0 " in result.preview and "word19999" in result.preview
