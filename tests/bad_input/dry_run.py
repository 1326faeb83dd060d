"""``build_chat.py --dry-run`` on a small export: nothing is sent, everything is reported."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tests.bad_input.support import (
    ALICE_ID,
    BOB_ID,
    Run,
    run_script,
    write_config,
    write_export,
)

USERS = {
    "alice": {"password": "Alice-pass-1", "telegram_id": f"user{ALICE_ID}"},
    "bob": {"password": "Bob-pass-22", "telegram_id": f"user{BOB_ID}"},
}


@dataclass(frozen=True)
class DryRun:
    run: Run
    report: dict[str, Any]
    preview: str

    def entries(self, message_id: int) -> list[dict[str, Any]]:
        return [m for m in self.report["messages"] if m["message_id"] == message_id]

    def entry(self, message_id: int) -> dict[str, Any]:
        found = self.entries(message_id)
        assert len(found) == 1, found
        return found[0]


def dry_run(
    folder: Path,
    messages: list[Any],
    *,
    chat: dict[str, Any] | None = None,
    prepare: Any = None,
) -> DryRun:
    """Write the export (``prepare(export)`` may add files), dry-run, read what it wrote."""
    export = write_export(folder / "export", messages)
    if prepare is not None:
        prepare(export)
    write_config(
        folder / "config.toml",
        server={"address": "127.0.0.1", "port": 9, "https": False},
        chat={"name": "Team", "owner": "alice", "language": "en", **(chat or {})},
        users=USERS,
    )
    run = run_script(
        "build_chat.py", "--config", "config.toml", "--dry-run", "--output", "out", cwd=folder
    )
    assert run.code == 0, run
    assert "Traceback" not in run.output, run
    report = json.loads((folder / "out" / "report.json").read_text(encoding="utf-8"))
    preview = (folder / "out" / "preview.html").read_text(encoding="utf-8")
    return DryRun(run, report, preview)
