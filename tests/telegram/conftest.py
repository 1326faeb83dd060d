from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "exports"
SAMPLES = Path(__file__).resolve().parents[2] / ".." / "shared" / "samples"


@pytest.fixture
def export_copy(tmp_path: Path) -> Callable[[str], Path]:
    """Copy a fixture export into a temporary folder (tests may add files or links to it)."""

    def copy(name: str) -> Path:
        target = tmp_path / "export" / name
        shutil.copytree(FIXTURES / name, target)
        return target

    return copy
