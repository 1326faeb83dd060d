"""The engine's import at the start of a migration: the collector off meanwhile, what it made
frozen, and the collector as it was afterwards."""

from __future__ import annotations

import gc
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from migrator.cli import import_for_the_run


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
