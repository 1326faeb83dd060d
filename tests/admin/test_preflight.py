"""The preflight starts with the target: server, chat, type and owner, new or continued; a
channel migrated as a group is warned about before anything is sent."""

from __future__ import annotations

import io
import json
from pathlib import Path

from migrator.emulator.server import RunningEmulator
from migrator.engine.run import build_chat
from tests.bad_input.support import ALICE_ID, BOB_ID, message, write_config, write_export
from tests.engine.helpers import build_options, write_team_chat

from .support import USERS, run_as_admin


def _channel(folder: Path, chat_type: str | None) -> None:
    messages = [
        message(1, ALICE_ID, "Alice", "Announcement one"),
        message(2, BOB_ID, "Bob", "Announcement two"),
    ]
    write_export(folder / "export", messages, name="News", kind="private_channel", chat_id=555)
    chat = {"owner": "alice", "language": "en"}
    if chat_type is not None:
        chat["type"] = chat_type
    write_config(
        folder / "settings.toml",
        server={"address": "127.0.0.1", "port": 9, "https": False},
        chat=chat,
        users=USERS,
    )


def test_a_channel_with_type_group_is_warned_about(tmp_path: Path) -> None:
    _channel(tmp_path, "group")
    run = run_as_admin(
        "build_chat.py", "--config", "settings.toml", "--dry-run", "--output", "out", cwd=tmp_path
    )
    assert run.code == 0, run
    first = run.stdout.splitlines()[:5]
    assert first[0] == "Target: TrueConf Server http://127.0.0.1:9", run
    assert first[1] == "  chat «News», type group ([chat] type), owner alice", run
    assert first[2].startswith("  a new chat"), run
    assert "WARNING: the Telegram chat is a channel" in first[3], run
    assert 'type = "channel" in settings.toml' in first[3], run
    # the server profile's line ends the target's lines
    assert first[4].startswith("No server profile ("), run
    assert "settings.server-profile.json" in first[4], run


def test_the_warning_in_russian(tmp_path: Path) -> None:
    _channel(tmp_path, "group")
    run = run_as_admin(
        "build_chat.py",
        "--config",
        "settings.toml",
        "--dry-run",
        "--output",
        "out",
        cwd=tmp_path,
        lang="ru_RU.UTF-8",
    )
    assert run.code == 0, run
    lines = run.stdout.splitlines()
    assert lines[0] == "Куда: TrueConf Server http://127.0.0.1:9", run
    profile = next(i for i, line in enumerate(lines) if "settings.server-profile.json" in line)
    assert lines[profile].startswith("Профиля сервера нет ("), run
    assert profile > next(i for i, line in enumerate(lines) if "ВНИМАНИЕ: в Telegram" in line), run
    assert "ВНИМАНИЕ: в Telegram это канал" in run.stdout, run
    assert "Проверка: на сервер ничего не отправлено." in run.stdout, run


def test_an_empty_or_missing_type_takes_the_exports_kind(tmp_path: Path) -> None:
    for chat_type in ("", None):
        _channel(tmp_path, chat_type)
        run = run_as_admin(
            "build_chat.py",
            "--config",
            "settings.toml",
            "--dry-run",
            "--output",
            "out",
            cwd=tmp_path,
        )
        assert run.code == 0, run
        assert "type channel (from the export: [chat] type is empty)" in run.stdout, run
        assert "WARNING" not in run.stdout, run


def test_agreeing_kinds_give_no_warning(tmp_path: Path) -> None:
    _channel(tmp_path, "channel")
    run = run_as_admin(
        "build_chat.py", "--config", "settings.toml", "--dry-run", "--output", "out", cwd=tmp_path
    )
    assert run.code == 0 and "WARNING" not in run.stdout, run


def test_a_dry_run_after_a_partial_migration_says_what_is_left(
    emu: RunningEmulator, tmp_path: Path
) -> None:
    config = write_team_chat(emu, tmp_path)
    assert build_chat(build_options(config, tmp_path), stdout=io.StringIO()) == 0
    first = json.loads((tmp_path / "out" / "report.json").read_text("utf-8"))
    posted = first["totals"]["posts"]
    export = tmp_path / "export" / "result.json"
    data = json.loads(export.read_text(encoding="utf-8"))
    data["messages"] += [
        message(20, 1001, "Alice", "written after the migration"),
        message(21, 1002, "Bob", "and another one"),
    ]
    export.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    out = io.StringIO()
    assert build_chat(build_options(config, tmp_path, dry_run=True), stdout=out) == 0
    text = out.getvalue()
    assert "  continued: TrueConf chat " in text, text
    assert f"{posted} posts already in it (ledger)" in text, text
    assert "will post now: 2 posts (text 2); already posted: " + str(posted) in text, text


def test_a_re_run_with_nothing_to_do_shows_no_rate(emu: RunningEmulator, tmp_path: Path) -> None:
    config = write_team_chat(emu, tmp_path)
    assert build_chat(build_options(config, tmp_path), stdout=io.StringIO()) == 0
    run = run_as_admin("build_chat.py", "--output", "out", cwd=tmp_path)
    assert run.code == 0, run
    assert "nothing left to post" in run.stderr and "posts/s" not in run.stderr, run


def test_every_disagreement_of_kind_and_type_warns() -> None:
    from migrator.config.model import Config
    from migrator.engine.planning import configured_chat_type, kind_mismatch
    from migrator.telegram.model import ChatInfo, ChatType

    def config(chat_type: str) -> Config:
        return Config.model_validate({"chat": {"type": chat_type}})

    personal = ChatInfo("Bob", ChatType.PERSONAL_CHAT, 1)
    group = ChatInfo("Team", ChatType.PRIVATE_SUPERGROUP, 2)
    channel = ChatInfo("News", ChatType.PUBLIC_CHANNEL, 3)
    saved = ChatInfo(None, ChatType.SAVED_MESSAGES, 4)
    for chat, agreeing in ((personal, "personal"), (group, "group"), (channel, "channel")):
        for chat_type in ("personal", "group", "channel"):
            warning = kind_mismatch(config(chat_type), chat, config_name="c.toml")
            assert (warning is None) == (chat_type == agreeing), (chat, chat_type)
        assert kind_mismatch(config(""), chat, config_name="c.toml") is None
        assert configured_chat_type(config(""), chat).value == agreeing
    assert kind_mismatch(config("group"), saved, config_name="c.toml") is None
    warning = kind_mismatch(config("group"), personal, config_name="c.toml")
    assert warning is not None and 'a personal chat, but [chat] type = "group"' in warning
    assert 'Set type = "personal" in c.toml' in warning
