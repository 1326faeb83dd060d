from __future__ import annotations

import socket
from pathlib import Path

import pytest

from migrator.engine.cli import main, parse_args

from .exports import group_messages, write_config, write_export


def test_arguments_map_to_options(tmp_path: Path) -> None:
    options = parse_args(
        [
            "--config",
            str(tmp_path / "c.toml"),
            "--chat",
            "Team",
            "--dry-run",
            "--verify",
            "--new-chat",
            "--ledger",
            "l.sqlite",
            "--quiet",
            "-vv",
        ]
    )
    assert options.chat == "Team" and options.dry_run and options.verify and options.new_chat
    assert options.ledger_path == Path("l.sqlite") and options.quiet and options.verbosity == 2


def test_chat_and_all_chats_exclude_each_other() -> None:
    with pytest.raises(SystemExit):
        parse_args(["--chat", "x", "--all-chats"])


def test_missing_config_exits_2_with_one_message(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--config", str(tmp_path / "absent.toml")]) == 2
    err = capsys.readouterr().err
    assert err.count("Error:") == 1 and "absent.toml" in err


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def test_unreachable_server_exits_3(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    export = tmp_path / "export"
    write_export(
        export, kind="private_group", name="Team", chat_id=777, messages=group_messages(export)
    )
    config = write_config(
        tmp_path / "config.toml", export=export, port=_free_port(), chat_type="group"
    )
    code = main(["--config", str(config), "--quiet", "--output", str(tmp_path / "out")])
    assert code == 3
    assert "Error:" in capsys.readouterr().err
