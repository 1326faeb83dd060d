"""Config mistakes the engine meets: a wrong ``[chat] owner``; accounts created with
``[registration] default_password`` sign in with it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from migrator.emulator.server import RunningEmulator
from migrator.engine import BuildOptions, build_chat
from migrator.errors import ConfigError

from .exports import ALICE, BOB, PASSWORDS, group_messages, write_config, write_export
from .helpers import chat_id_of, read_chat


def _export(tmp_path: Path) -> Path:
    export = tmp_path / "export"
    write_export(
        export, kind="private_group", name="Team", chat_id=777, messages=group_messages(export)
    )
    return export


def _options(config: Path, tmp_path: Path, *, dry_run: bool = False) -> BuildOptions:
    return BuildOptions(
        config_path=config,
        output_dir=tmp_path / "out",
        quiet=True,
        dry_run=dry_run,
        retry_base_seconds=0.01,
    )


@pytest.mark.parametrize("dry_run", [True, False])
@pytest.mark.parametrize(
    ("owner", "problem"),
    [("alcie", "[chat] owner 'alcie' is not in [users]"), ("", "[chat] owner is empty")],
)
def test_owner_outside_users_is_a_config_error(
    emu: RunningEmulator, tmp_path: Path, owner: str, problem: str, dry_run: bool
) -> None:
    config = write_config(
        tmp_path / "config.toml",
        export=_export(tmp_path),
        port=emu.port,
        chat_type="group",
        owner=owner,
    )
    chats = len(emu.state.chats)
    with pytest.raises(ConfigError) as caught:
        build_chat(_options(config, tmp_path, dry_run=dry_run))
    assert caught.value.message == f"{config}: {problem}"  # names the file given
    assert caught.value.hint is not None
    logins = caught.value.hint.split("logins in [users]: ", 1)[1]
    if owner:
        assert logins.startswith("alice")  # the closest match first
    assert sorted(logins.split(", ")) == ["alice", "bob", "carol"]
    assert len(emu.state.chats) == chats


def test_default_password_signs_in_an_entry_without_one(
    emu: RunningEmulator, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # bob's account was created by add_users_to_server.py with [registration] default_password.
    users = {
        "alice": {"password": PASSWORDS["alice"], "telegram_id": f"user{ALICE}"},
        "bob": {"telegram_id": f"user{BOB}"},
    }
    config = write_config(
        tmp_path / "config.toml",
        export=_export(tmp_path),
        port=emu.port,
        chat_type="group",
        users=users,
        extra=f'[registration]\ndefault_password = "{PASSWORDS["bob"]}"',
    )
    assert build_chat(_options(config, tmp_path, dry_run=True)) == 0
    assert "bob: [registration] default_password" in capsys.readouterr().out

    assert build_chat(_options(config, tmp_path)) == 0
    messages = read_chat(emu, chat_id_of(config, emu, "tg777"))
    assert {m.login for m in messages} == {"alice", "bob"}
    report = json.loads((tmp_path / "out" / "report.json").read_text(encoding="utf-8"))
    verdicts = {entry["message_id"]: entry["verdict"] for entry in report["messages"]}
    assert verdicts[3] == verdicts[4] == verdicts[7] == "posted"  # bob's, as bob
    output = capsys.readouterr()
    log = (tmp_path / "out" / "build_chat.log").read_text(encoding="utf-8")
    for text in (output.out, output.err, log):
        assert PASSWORDS["bob"] not in text
