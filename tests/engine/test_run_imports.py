"""The engine's import at the start of a migration: the collector off meanwhile, what it made
frozen, and the collector as it was afterwards."""

from __future__ import annotations

import gc
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from migrator.cli import import_for_the_run

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture
def fresh_module(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    (tmp_path / "lasting_for_the_run.py").write_text(
        "import gc\nCOLLECTING = gc.isenabled()\nTABLE = [{'n': n} for n in range(1000)]\n",
        encoding="utf-8",
    )
    monkeypatch.syspath_prepend(str(tmp_path))
    yield "lasting_for_the_run"
    sys.modules.pop("lasting_for_the_run", None)
    gc.unfreeze()  # what the test froze goes back to the collector


def test_the_import_runs_without_the_collector_and_what_it_made_is_frozen(
    fresh_module: str,
) -> None:
    frozen = gc.get_freeze_count()
    module = import_for_the_run(fresh_module)
    assert module.COLLECTING is False
    assert gc.isenabled()
    assert gc.get_freeze_count() >= frozen + 1000


def test_a_module_imported_already_is_left_as_it_is(fresh_module: str) -> None:
    first = import_for_the_run(fresh_module)
    frozen = gc.get_freeze_count()
    assert import_for_the_run(fresh_module) is first
    assert gc.get_freeze_count() == frozen


def test_a_collector_switched_off_before_stays_off(fresh_module: str) -> None:
    gc.disable()
    try:
        import_for_the_run(fresh_module)
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_a_migration_starts_without_pillow_and_the_admin_http_client() -> None:
    # A chat of texts needs neither: Pillow comes with the first file to prepare, httpx with
    # add_users_to_server.py (together ~45 ms of every start).
    probe = (
        "import sys, migrator.engine.run; "
        "print(sorted({'PIL', 'httpx', 'migrator.server_api.admin'} & set(sys.modules)))"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe], cwd=REPO, capture_output=True, text=True, check=True
    )
    assert done.stdout.strip() == "[]"
