"""A whole company: parse_users.py plans every chat of a full-account export, the administrator
edits the plan, build_chat.py --all-chats follows it concurrently against a slow server."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
import tomlkit

from migrator.config import load_config
from migrator.emulator.config import EmulatorConfig, Faults
from migrator.emulator.model import USER_MESSAGE_TYPES
from migrator.emulator.server import EmulatorThread, RunningEmulator
from migrator.engine import BuildOptions, build_chat
from migrator.engine.cli import parse_args
from migrator.engine.options import DEFAULT_PARALLEL_CHATS
from migrator.engine.planning import plan_chat
from migrator.errors import ConfigError, MigratorError
from migrator.ledger import Ledger, ledger_path_for
from migrator.report.preview import render_preview
from migrator.telegram.loader import select_chat
from migrator.users.cli import main as parse_users

from .company import CHATS, write_company_export
from .exports import PASSWORDS, write_config
from .helpers import expected_rows, read_chat, transcript

_EMULATOR_TYPES = {"personal": 1, "group": 2, "channel": 6}


@pytest.fixture
def slow_emu() -> Iterator[RunningEmulator]:
    with EmulatorThread(EmulatorConfig(faults=Faults(latency_ms=20))) as running:
        for login, password in PASSWORDS.items():
            running.add_user(login, password, display_name=login.title())
        yield running


def _planned_config(tmp_path: Path, port: int) -> Path:
    export = write_company_export(tmp_path / "export")
    config = write_config(tmp_path / "config.toml", export=export, port=port, chat_type="group")
    assert parse_users(["--config", str(config)]) == 0
    return config


def _edit_plan(config: Path, **changes: dict[str, object]) -> None:
    document = tomlkit.parse(config.read_text(encoding="utf-8"))
    for key, values in changes.items():
        for name, value in values.items():
            document["chats"][key.removeprefix("c")][name] = value  # type: ignore[index]
    config.write_text(tomlkit.dumps(document), encoding="utf-8")


def _chat_ids(config: Path, emu: RunningEmulator) -> dict[int, str | None]:
    with Ledger(ledger_path_for(config)) as ledger:
        return {
            chat_id: ledger.chat(server=emu.base_url, chat_key=f"tg{chat_id}").chat_id()
            for chat_id in CHATS
        }


def _expected(config_path: Path, chat_id: int) -> list[tuple[str, str | None, str | None]]:
    config = load_config(config_path)
    export = config.export_dir(config_path)
    chat = select_chat(export, str(chat_id))
    return expected_rows(plan_chat(config, export_dir=export, chat=chat).posts)


def _span(emu: RunningEmulator, chat_id: str) -> tuple[int, int]:
    times = [
        message.timestamp
        for message in emu.state.messages.values()
        if message.chat_id == chat_id and message.type in USER_MESSAGE_TYPES
    ]
    return min(times), max(times)


def test_a_whole_company_follows_the_edited_plan(slow_emu: RunningEmulator, tmp_path: Path) -> None:
    config = _planned_config(tmp_path, slow_emu.port)
    _edit_plan(config, c3005={"migrate": False}, c3006={"name": "Water cooler", "owner": "bob"})
    out = tmp_path / "out"
    options = BuildOptions(
        config_path=config, all_chats=True, output_dir=out, quiet=True, retry_base_seconds=0.01
    )
    assert build_chat(options) == 0

    ids = _chat_ids(config, slow_emu)
    assert ids[3005] is None  # skipped: never created
    migrated = {chat_id: ids[chat_id] for chat_id in CHATS if chat_id != 3005}
    assert all(migrated.values()) and len(set(migrated.values())) == 8
    assert len(slow_emu.state.chats) == 8
    titles = [chat.title for chat in slow_emu.state.chats.values()]
    assert "Old stuff" not in titles and "Random" not in titles
    for chat_id, trueconf_id in migrated.items():
        assert trueconf_id is not None
        name, kind = CHATS[chat_id]
        chat = slow_emu.state.chats[trueconf_id]
        assert chat.chat_type == _EMULATOR_TYPES[kind], name
        if kind != "personal":  # a personal chat is titled after the other person
            assert chat.title == ("Water cooler" if chat_id == 3006 else name)
        # every planned post exactly once, in order
        assert transcript(read_chat(slow_emu, trueconf_id)) == _expected(config, chat_id), name

    # Chats ran at the same time: the busiest chat overlaps others in time.
    spans = {chat_id: _span(slow_emu, str(ids[chat_id])) for chat_id in migrated}
    sales = spans[3002]
    overlapping = [c for c, (a, b) in spans.items() if c != 3002 and a < sales[1] and b > sales[0]]
    assert len(overlapping) >= 3

    index = json.loads((out / "index.json").read_text(encoding="utf-8"))
    rows = {row["chat_key"]: row for row in index["chats"]}
    assert set(rows) == {f"tg{chat_id}" for chat_id in CHATS}
    assert rows["tg3005"]["status"] == "skipped" and rows["tg3005"]["report"] is None
    assert rows["tg3006"]["title"] == "Water cooler"
    assert index["counts"]["migrated"] == 8 and index["counts"]["skipped"] == 1
    for key, row in rows.items():
        if key != "tg3005":
            assert row["status"] == "migrated"
            assert (out / row["report"]).is_file()
            assert row["totals"]["messages"] == len(
                json.loads((out / key / "report.json").read_text(encoding="utf-8"))["messages"]
            )
    html = (out / "index.html").read_text(encoding="utf-8")
    assert "Water cooler" in html and "tg3005/report.html" not in html
    assert "tg3002/report.html" in html
    preview_csp = render_preview("x", ()).split('content="', 1)[1].split('"', 1)[0]
    assert f'content="{preview_csp}"' in html
    with (out / "problems.csv").open(encoding="utf-8", newline="") as stream:
        problems = list(csv.reader(stream))
    assert problems[0][:4] == ["chat", "telegram_name", "trueconf_title", "message_id"]
    assert (out / "index.json").stat().st_mode & 0o077 == 0

    water_cooler = slow_emu.state.chats[str(ids[3006])]
    owners = [user for user, p in water_cooler.participants.items() if p.role == "owner"]
    assert [user.split("@")[0] for user in owners] == ["bob"]

    # Running the same plan again posts nothing twice; --verify reads every chat back.
    before = len(slow_emu.state.messages)
    assert build_chat(options) == 0
    assert len(slow_emu.state.messages) == before
    assert len(slow_emu.state.chats) == 8
    assert build_chat(replace(options, verify=True)) == 0

    # The server loses the last message of two chats; --repair sends exactly those again.
    for chat_id in (3002, 3006):
        trueconf_id = str(ids[chat_id])
        with slow_emu.state.lock:
            chat = slow_emu.state.chats[trueconf_id]
            last = chat.message_ids.pop()
            del slow_emu.state.messages[last]
    assert build_chat(replace(options, verify=True)) == 1
    assert build_chat(replace(options, repair=True)) == 0
    assert build_chat(replace(options, verify=True)) == 0
    for chat_id in (3002, 3006):
        rows = transcript(read_chat(slow_emu, str(ids[chat_id])))
        assert rows == _expected(config, chat_id)


def test_the_whole_plan_is_checked_before_anything_is_created(
    slow_emu: RunningEmulator, tmp_path: Path
) -> None:
    config = _planned_config(tmp_path, slow_emu.port)
    _edit_plan(
        config,
        c1003={"owner": "zoe"},
        c3004={"name": "Sales"},
        c3003={"type": "personal"},  # only Alice writes in News: nobody to talk to
    )
    options = BuildOptions(config_path=config, all_chats=True, output_dir=tmp_path / "o")
    with pytest.raises(ConfigError) as raised:
        build_chat(options)
    message = str(raised.value)
    assert "[chats.1003] (Carol): owner 'zoe' is not in [users]" in message
    assert "[chats.3002], [chats.3004] would all become TrueConf chats named 'Sales'" in message
    assert slow_emu.state.chats == {}

    _edit_plan(config, c1003={"owner": "alice"}, c3004={"name": "Support"})
    with pytest.raises(ConfigError) as raised:
        build_chat(options)
    assert "[chats.3003] (News) is personal, but nobody in it other than" in str(raised.value)
    assert slow_emu.state.chats == {}


def test_chat_takes_several_chats_as_planned(slow_emu: RunningEmulator, tmp_path: Path) -> None:
    config = _planned_config(tmp_path, slow_emu.port)
    _edit_plan(config, c3002={"name": "Sales team", "migrate": False})
    options = BuildOptions(
        config_path=config, chats=("Sales", "3003"), output_dir=tmp_path / "o", quiet=True
    )
    assert build_chat(options) == 0
    titles = sorted(str(chat.title) for chat in slow_emu.state.chats.values())
    assert titles == ["News", "Sales team"]  # named explicitly: migrated despite migrate = false
    index = json.loads((tmp_path / "o" / "index.json").read_text(encoding="utf-8"))
    assert [row["chat_key"] for row in index["chats"]] == ["tg3002", "tg3003"]


def test_dry_run_of_the_plan_writes_the_index_with_previews(
    slow_emu: RunningEmulator, tmp_path: Path
) -> None:
    config = _planned_config(tmp_path, slow_emu.port)
    _edit_plan(config, c3005={"migrate": False})
    out = tmp_path / "out"
    options = BuildOptions(config_path=config, all_chats=True, dry_run=True, output_dir=out)
    console = io.StringIO()
    assert build_chat(options, stdout=console) == 0
    printed = console.getvalue()
    assert "skipped (migrate = false in [chats.3005]): Old stuff" in printed
    assert f"Index of every chat: {out / 'index.html'}" in printed
    assert slow_emu.state.chats == {}
    index = json.loads((out / "index.json").read_text(encoding="utf-8"))
    assert index["dry_run"] is True
    statuses = {row["chat_key"]: row["status"] for row in index["chats"]}
    assert statuses.pop("tg3005") == "skipped"
    assert set(statuses.values()) == {"planned"} and len(statuses) == 8
    sales = next(row for row in index["chats"] if row["chat_key"] == "tg3002")
    assert sales["preview"] == "tg3002/preview.html" and (out / sales["preview"]).is_file()


def test_one_chat_failing_does_not_stop_the_others(tmp_path: Path) -> None:
    # Carol has an entry in [users] but no account on this server: her personal chat cannot be
    # created; the chats without her are unaffected.
    with EmulatorThread(EmulatorConfig(faults=Faults(latency_ms=20))) as emu:
        for login in ("alice", "bob"):
            emu.add_user(login, PASSWORDS[login], display_name=login.title())
        config = _planned_config(tmp_path, emu.port)
        _edit_plan(config, c3002={"migrate": False}, c3004={"migrate": False})
        _edit_plan(config, c3005={"migrate": False})
        out = tmp_path / "out"
        options = BuildOptions(
            config_path=config, all_chats=True, output_dir=out, quiet=True, retry_base_seconds=0.01
        )
        with pytest.raises(MigratorError):
            build_chat(options)
        ids = _chat_ids(config, emu)
        assert ids[1003] is None
        for chat_id in (1002, 3001, 3003, 3006, 3007):
            trueconf_id = ids[chat_id]
            assert trueconf_id is not None
            rows = transcript(read_chat(emu, trueconf_id))
            assert rows == _expected(config, chat_id), CHATS[chat_id]
    index = json.loads((out / "index.json").read_text(encoding="utf-8"))
    failed = [row for row in index["chats"] if row["status"] == "failed"]
    assert [row["chat_key"] for row in failed] == ["tg1003"] and failed[0]["error"]
    assert index["counts"] == {"migrated": 5, "failed": 1, "skipped": 3, "planned": 0}
    problems = (out / "problems.csv").read_text(encoding="utf-8")
    assert "tg1003" in problems


def test_command_line_takes_several_chats_and_the_parallelism() -> None:
    options = parse_args(["--chat", "Sales", "3003", "--parallel-chats", "3"])
    assert (options.chat, options.chats, options.parallel_chats) == (None, ("Sales", "3003"), 3)
    one = parse_args(["--chat", "Sales"])
    assert (one.chat, one.chats, one.parallel_chats) == ("Sales", (), DEFAULT_PARALLEL_CHATS)
    for wrong in ("0", "two"):
        with pytest.raises(SystemExit) as exited:
            parse_args(["--all-chats", "--parallel-chats", wrong])
        assert exited.value.code == 2
