"""A migration at the most verbose level leaks no password or token anywhere it writes."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from migrator.emulator.server import RunningEmulator

from .exports import ALICE, BOB, CAROL, PASSWORDS
from .helpers import write_team_chat

REPO = Path(__file__).resolve().parents[2]


def test_debug_run_writes_no_secret(emu: RunningEmulator, tmp_path: Path) -> None:
    bob_token = emu.issue_token("bob")
    users = {
        "alice": {"password": PASSWORDS["alice"], "telegram_id": f"user{ALICE}"},
        "bob": {"access_token": bob_token, "telegram_id": f"user{BOB}"},
        "carol": {"password": PASSWORDS["carol"], "telegram_id": f"user{CAROL}"},
    }
    config = write_team_chat(emu, tmp_path, users=users)
    out = tmp_path / "out"
    command = [sys.executable, str(REPO / "build_chat.py"), "--config", str(config), "-vv"]
    runs = [
        subprocess.run(
            [*command, "--output", str(out), *extra],
            cwd=REPO,
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )
        for extra in ([], ["--verify"])
    ]
    for done in runs:
        assert done.returncode == 0, done.stderr[-2000:]
    log = (out / "build_chat.log").read_text(encoding="utf-8")
    assert "sendMessage" in log or "SendMessage" in log  # the library's DEBUG lines are there
    written = (
        [text for done in runs for text in (done.stdout, done.stderr)]
        + [log]
        + [path.read_text(encoding="utf-8") for path in out.glob("report.*")]
    )
    secrets = [PASSWORDS["alice"], PASSWORDS["carol"], bob_token, bob_token[-30:]]
    for text in written:
        for secret in secrets:
            assert secret not in text
        assert "eyJ" not in text  # no JWT (obtained by password or given) in any form
