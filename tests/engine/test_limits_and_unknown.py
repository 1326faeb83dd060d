"""Files the server would refuse are known before sending (its upload limits feed the planner), and
what the loader did not understand is counted in the preflight and the report."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from migrator.emulator.config import EmulatorConfig
from migrator.emulator.server import EmulatorThread, RunningEmulator
from migrator.engine import BuildOptions, build_chat
from migrator.engine.planning import size_on_disk

from .exports import ALICE, BOB, PASSWORDS, write_config, write_export
from .helpers import chat_id_of, read_chat

LIMIT = 4096


@pytest.fixture
def small_emu() -> Iterator[RunningEmulator]:
    config = EmulatorConfig(chatbot_dir=None, max_file_size=LIMIT, blocked_extensions=("exe",))
    with EmulatorThread(config) as running:
        for login in ("alice", "bob"):
            running.add_user(login, PASSWORDS[login])
        yield running


def _message(mid: int, sender: int, text: str, **extra: Any) -> dict[str, Any]:
    return {
        "id": mid,
        "type": "message",
        "date": f"2025-09-01T14:{mid:02d}:00",
        "date_unixtime": str(1756735200 + mid * 60),
        "from": "Alice" if sender == ALICE else "Bob",
        "from_id": f"user{sender}",
        "text": text,
        "text_entities": [{"type": "plain", "text": text}] if text else [],
        **extra,
    }


def _export(folder: Path) -> Path:
    (folder / "files").mkdir(parents=True)
    (folder / "files" / "big.pdf").write_bytes(b"%PDF" + b"x" * (LIMIT * 2))
    (folder / "files" / "setup.exe").write_bytes(b"MZ" + b"\0" * 100)
    (folder / "files" / "small.txt").write_text("fine\n", encoding="utf-8")
    messages = [
        _message(1, ALICE, "hello", hologram_depth=3),
        _message(2, BOB, "", file="files/big.pdf", file_size=LIMIT * 2 + 4),
        _message(3, BOB, "", file="files/setup.exe", file_size=102),
        _message(4, ALICE, "", file="files/small.txt", file_size=5),
        _message(5, BOB, "", file="../outside.txt", media_type="hologram"),
        _message(6, ALICE, "bye"),
    ]
    return write_export(folder, kind="private_group", name="Team", chat_id=777, messages=messages)


def _config(tmp_path: Path, emu: RunningEmulator) -> Path:
    users = {
        "alice": {"password": PASSWORDS["alice"], "telegram_id": f"user{ALICE}"},
        "bob": {"password": PASSWORDS["bob"], "telegram_id": f"user{BOB}"},
    }
    export = _export(tmp_path / "export")
    return write_config(
        tmp_path / "config.toml", export=export, port=emu.port, chat_type="group", users=users
    )


def _options(config: Path, tmp_path: Path, *, dry_run: bool = False) -> BuildOptions:
    return BuildOptions(
        config_path=config,
        output_dir=tmp_path / "out",
        quiet=True,
        dry_run=dry_run,
        retry_base_seconds=0.01,
        retry_attempts=3,
    )


def _report(tmp_path: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((tmp_path / "out" / "report.json").read_text("utf-8"))
    return data


def test_files_over_the_server_limits_are_notes_not_failures(
    small_emu: RunningEmulator, tmp_path: Path
) -> None:
    config = _config(tmp_path, small_emu)
    assert build_chat(_options(config, tmp_path)) == 0  # nothing failed
    report = _report(tmp_path)
    entries = {entry["message_id"]: entry for entry in report["messages"]}
    assert report["totals"].get("failed", 0) == 0
    assert any("exceeds the server limit" in note for note in entries[2]["notes"])
    assert any(".exe is not allowed" in note for note in entries[3]["notes"])
    names = [m.file_name for m in read_chat(small_emu, chat_id_of(config, small_emu, "tg777"))]
    assert [name for name in names if name] == ["small.txt"]


def test_preflight_and_report_count_what_was_not_understood(
    small_emu: RunningEmulator, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config = _config(tmp_path, small_emu)
    assert build_chat(_options(config, tmp_path, dry_run=True)) == 0
    out = capsys.readouterr().out
    assert "not understood in the export: 3 kinds" in out
    assert "unknown message fields (ignored): 1 (hologram_depth ×1)" in out
    assert "unknown media types (sent as files): 1 (hologram ×1)" in out
    assert "refused file paths (never opened): 1 (#5 '../outside.txt' (outside_export))" in out
    assert "upload limits: not checked by a dry run" in out
    dry = _report(tmp_path)
    assert dry["load_stats"]["unknown_fields"] == {"hologram_depth": 1}
    assert "hologram ×1" in (tmp_path / "out" / "report.html").read_text("utf-8")

    assert build_chat(_options(config, tmp_path)) == 0
    report = _report(tmp_path)
    assert report["dry_run"] is False
    assert report["load_stats"]["refused_paths"] == [
        {"message_id": 5, "path": "../outside.txt", "reason": "outside_export"}
    ]
    assert "unknown media types (sent as files): 1 (hologram ×1)" in report["unknown_content"]


def test_files_without_a_declared_size_are_checked_by_their_size_on_disk(
    small_emu: RunningEmulator, tmp_path: Path
) -> None:
    # An older export: no file_size. The size on disk decides, before anything is sent.
    export = tmp_path / "export"
    (export / "files").mkdir(parents=True)
    (export / "files" / "big.pdf").write_bytes(b"%PDF" + b"x" * LIMIT)
    (export / "files" / "small.txt").write_text("fine\n", encoding="utf-8")
    (export / "files" / "declared.txt").write_text("declared\n", encoding="utf-8")
    messages = [
        _message(1, ALICE, "", file="files/big.pdf"),
        _message(2, BOB, "", file="files/small.txt"),
        _message(3, BOB, "", file="files/declared.txt", file_size=9),
    ]
    write_export(export, kind="private_group", name="Old", chat_id=778, messages=messages)
    users = {
        login: {"password": PASSWORDS[login], "telegram_id": f"user{tid}"}
        for login, tid in (("alice", ALICE), ("bob", BOB))
    }
    config = write_config(
        tmp_path / "config.toml", export=export, port=small_emu.port, chat_type="group", users=users
    )
    assert build_chat(_options(config, tmp_path)) == 0  # a note, not a failed upload
    entries = {entry["message_id"]: entry for entry in _report(tmp_path)["messages"]}
    assert any(
        "exceeds the server limit 4.0 KB" in note and "big.pdf" in note
        for note in entries[1]["notes"]
    )
    assert entries[2]["notes"] == [] and entries[3]["notes"] == []
    names = [m.file_name for m in read_chat(small_emu, chat_id_of(config, small_emu, "tg778"))]
    assert [name for name in names if name] == ["small.txt", "declared.txt"]


def test_size_on_disk(tmp_path: Path) -> None:
    (tmp_path / "f.bin").write_bytes(b"x" * 1234)
    assert size_on_disk(tmp_path / "f.bin") == 1234
    assert size_on_disk(tmp_path / "gone.bin") is None
