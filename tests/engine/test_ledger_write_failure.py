"""The ledger cannot be written (here: the file may not grow, as on a full disk): the run stops
before sending anything more, with a clear error and no traceback; the next run resumes."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from migrator.emulator.model import USER_MESSAGE_TYPES
from migrator.emulator.server import RunningEmulator
from migrator.ledger import Ledger, PostState, ledger_path_for

from .exports import write_config, write_export
from .helpers import chat_id_of, expected_rows, planned_posts, read_chat, transcript
from .killing import REPO, build_command, run_build
from .test_crash import crash_export

# Root ignores file modes, so a read-only ledger proves nothing here; a file-size limit on the
# child process makes its writes fail the way a full disk does (EFBIG instead of ENOSPC).
FILE_SIZE_LIMIT = 160 * 1024


def limited(command: list[str]) -> list[str]:
    """``command`` run under the file-size limit (set by a small Python that then execs it;
    Python ignores SIGXFSZ, and the ignoring survives exec: writes fail, nobody is killed)."""
    start = (
        "import os, resource, sys; "
        f"resource.setrlimit(resource.RLIMIT_FSIZE, ({FILE_SIZE_LIMIT}, {FILE_SIZE_LIMIT})); "
        "os.execv(sys.argv[1], sys.argv[1:])"
    )
    return [sys.executable, "-c", start, *command]


def test_a_ledger_that_cannot_be_written_stops_the_run_cleanly(
    emu: RunningEmulator, tmp_path: Path
) -> None:
    export = tmp_path / "export"
    write_export(
        export, kind="private_group", name="Full", chat_id=99, messages=crash_export(export, 60)
    )
    config = write_config(tmp_path / "config.toml", export=export, port=emu.port, chat_type="group")
    out = tmp_path / "out"
    done = subprocess.run(
        limited(build_command(config, out)),
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    ledger = ledger_path_for(config)
    assert done.returncode == 2, done.stderr
    assert f"Cannot write to the migration ledger {ledger}" in done.stderr
    assert "run the same command again" in done.stderr
    assert "Traceback" not in done.stderr

    with Ledger(ledger) as opened:
        records = opened.chat(server=emu.base_url, chat_key="tg99").records()
    sent = [r for r in records.values() if r.state is PostState.SENT]
    sending = [r for r in records.values() if r.state is PostState.SENDING]
    assert 0 < len(sent) < 60 and len(sending) <= 1
    with emu.state.lock:
        on_server = [m for m in emu.state.messages.values() if m.type in USER_MESSAGE_TYPES]
    recorded = sum(1 + bool(r.caption_message_id) for r in sent)
    assert recorded <= len(on_server) <= recorded + 2  # at most the post being sent, + caption

    resumed = run_build(config, out)
    assert resumed.code == 0, resumed.stderr
    assert run_build(config, out, "--verify").code == 0
    messages = read_chat(emu, chat_id_of(config, emu, "tg99"))
    assert transcript(messages) == expected_rows(planned_posts(config))
