"""parse_users.py rewrites config.toml under a lock: a second one exits 2 and changes nothing."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from migrator.runlock import lock_path_for, run_lock
from migrator.users.cli import main

from .test_parse_users_cli import REPO, config_from_template


def test_a_second_parse_users_exits_2_and_leaves_the_config(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config = config_from_template(tmp_path)
    before = config.read_bytes()
    with run_lock(config, what="config", program="parse_users.py", purpose="[users] update"):
        code = main(["--config", str(config)])
    err = capsys.readouterr().err
    assert code == 2
    assert str(lock_path_for(config)) in err
    assert f"parse_users.py [users] update, process {os.getpid()} on {socket.gethostname()}" in err
    assert config.read_bytes() == before


def test_import_tokens_takes_the_lock_too(tmp_path: Path) -> None:
    config = config_from_template(tmp_path)
    (tmp_path / "tokens").mkdir()
    with run_lock(config, what="config", program="parse_users.py", purpose="[users] update"):
        done = subprocess.run(
            [
                sys.executable,
                str(REPO / "parse_users.py"),
                "--config",
                str(config),
                "--import-tokens",
                str(tmp_path / "tokens"),
            ],
            cwd=REPO,
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )
        checking = main(["--config", str(config), "--check-tokens"])  # reads only: no lock
    assert done.returncode == 2, done.stderr
    assert "is in use by another run" in done.stderr and "Traceback" not in done.stderr
    assert checking != 2


def test_the_lock_is_released_after_a_run(tmp_path: Path) -> None:
    config = config_from_template(tmp_path)
    assert main(["--config", str(config)]) == 0
    assert main(["--config", str(config)]) == 0  # the first run's lock is gone
