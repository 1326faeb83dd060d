"""parse_users.py collecting users starts without the TrueConf client library or httpx."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


def test_collecting_users_imports_neither_the_client_library_nor_httpx(tmp_path: Path) -> None:
    export = tmp_path / "export"
    shutil.copytree(REPO / "tests" / "fixtures" / "exports" / "forum", export)
    config = tmp_path / "config.toml"
    config.write_text(f"telegram_export_dir = {json.dumps(str(export))}\n", encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-X", "importtime", str(REPO / "parse_users.py"), "--config", str(config)],
        capture_output=True,
        text=True,
        cwd=REPO,
        timeout=120,
        check=False,
    )
    imported = re.findall(r"^import time:.*\| +([\w.]+)$", done.stderr, flags=re.MULTILINE)
    assert done.returncode == 0, done.stderr[-2000:]
    assert "migrator.telegram.authors_fast" in imported  # the fast path ran
    assert "[users." in config.read_text(encoding="utf-8")
    assert not [name for name in imported if name.split(".")[0] in ("trueconf", "httpx")]
