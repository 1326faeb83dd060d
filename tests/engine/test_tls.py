"""A server certificate that cannot be verified points to ``[server] verify_ssl``, at once, whether
the owner signs in with a token (WebSocket) or a password (HTTPS)."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from migrator.emulator.config import EmulatorConfig
from migrator.emulator.server import EmulatorThread, RunningEmulator
from migrator.engine import BuildOptions, build_chat
from migrator.errors import ServerError

from .exports import ALICE, BOB, PASSWORDS, group_messages, write_config, write_export


@pytest.fixture(scope="module")
def tls_emu() -> Iterator[RunningEmulator]:
    with EmulatorThread(EmulatorConfig(chatbot_dir=None, tls=True)) as running:
        for login in ("alice", "bob"):
            running.add_user(login, PASSWORDS[login])
        yield running


@pytest.mark.parametrize("sign_in", ["token", "password"])
def test_certificate_failure_names_verify_ssl(
    tls_emu: RunningEmulator, tmp_path: Path, sign_in: str
) -> None:
    export = tmp_path / "export"
    write_export(
        export, kind="private_group", name="Team", chat_id=777, messages=group_messages(export)
    )
    alice = (
        {"access_token": tls_emu.issue_token("alice")}
        if sign_in == "token"
        else {"password": PASSWORDS["alice"]}
    )
    users = {
        "alice": {**alice, "telegram_id": f"user{ALICE}"},
        "bob": {"password": PASSWORDS["bob"], "telegram_id": f"user{BOB}"},
    }
    config = write_config(
        tmp_path / "config.toml", export=export, port=tls_emu.port, chat_type="group", users=users
    )
    text = config.read_text(encoding="utf-8").replace(
        "https = false\nverify_ssl = false", "https = true\nverify_ssl = true"
    )
    config.write_text(text, encoding="utf-8")
    options = BuildOptions(config_path=config, output_dir=tmp_path / "out", quiet=True)
    started = time.monotonic()
    with pytest.raises(ServerError) as caught:
        build_chat(options)
    assert time.monotonic() - started < 10  # not after the library's reconnect attempts
    message = str(caught.value)
    assert "could not be verified" in message and "CERTIFICATE_VERIFY_FAILED" in message
    assert "[server] verify_ssl" in message and "Cannot reach" not in message
    assert not tls_emu.state.chats
