"""The README's first command: the demo runs the whole workflow and ends verified."""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_demo_runs_the_whole_workflow_and_verifies(tmp_path: Path) -> None:
    template_before = _digest(REPO / "config.toml")
    result = subprocess.run(
        [sys.executable, "-m", "migrator.demo", "--workdir", str(tmp_path)],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert "Traceback" not in output
    assert "verified, " in output
    report = json.loads((tmp_path / "migration-output" / "report.json").read_text("utf-8"))
    totals = report["totals"]
    assert totals["messages"] == 18
    assert totals.get("failed", 0) == 0
    # Every message of the sample arrived: posted as its author, or by the owner for the
    # deleted account; the photo that was not exported is a visible note, not a loss.
    assert totals["posted"] + totals.get("attributed", 0) == 18
    for name in ("report.html", "preview.html", "build_chat.log"):
        assert (tmp_path / "migration-output" / name).is_file(), name
    # The demo works in its own folder and leaves the user's config.toml alone.
    assert _digest(REPO / "config.toml") == template_before
    assert (tmp_path / "config.toml").is_file()
