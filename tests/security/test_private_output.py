"""What the tool writes holding chat content or identities (ledger, log, media cache, reports) is
0600 in folders it creates as 0700, and is never left half-written."""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

import pytest

from migrator.emulator.config import EmulatorConfig
from migrator.emulator.server import EmulatorThread
from migrator.engine import build_chat
from migrator.i18n import Lang, set_language
from migrator.private_files import OutputError, private_dir, write_private_text
from tests.engine.exports import PASSWORDS
from tests.engine.helpers import build_options, write_team_chat

pytestmark = pytest.mark.skipif(os.name == "nt", reason="POSIX file modes")


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_a_migration_leaves_only_private_files_in_private_folders(tmp_path: Path) -> None:
    os.umask(0o022)
    with EmulatorThread(EmulatorConfig()) as emu:
        for login, password in PASSWORDS.items():
            emu.add_user(login, password)
        config = write_team_chat(emu, tmp_path)
        options = build_options(config, tmp_path / "run" / "nested")
        assert build_chat(options) == 0
    out = tmp_path / "run" / "nested" / "out"
    written = [
        out / "report.json",
        out / "report.html",
        out / "build_chat.log",
        tmp_path / "config.ledger.sqlite",
        *(tmp_path / "migration-cache").iterdir(),
    ]
    assert len(written) >= 5  # the photo's preview is in the cache
    assert {path.name: _mode(path) for path in written} == {path.name: 0o600 for path in written}
    for folder in (
        tmp_path / "run",
        tmp_path / "run" / "nested",
        out,
        tmp_path / "migration-cache",
    ):
        assert _mode(folder) == 0o700, folder


def test_existing_folders_keep_their_mode(tmp_path: Path) -> None:
    tmp_path.chmod(0o755)
    write_private_text(tmp_path / "a" / "report.json", "{}")
    assert _mode(tmp_path) == 0o755
    assert _mode(tmp_path / "a") == 0o700
    assert _mode(tmp_path / "a" / "report.json") == 0o600


def test_a_full_disk_leaves_the_old_file_whole_and_no_temporary(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = write_private_text(tmp_path / "report.json", '{"old": true}')

    def full(_descriptor: int) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(os, "fsync", full)
    with pytest.raises(OutputError) as info:
        write_private_text(target, '{"new": true}' * 1000)
    assert str(target) in info.value.message and "No space left" in info.value.message
    assert "--output" in (info.value.hint or "")
    assert target.read_text(encoding="utf-8") == '{"old": true}'
    assert [path.name for path in tmp_path.iterdir()] == ["report.json"]


def test_a_full_disk_in_russian(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def full(_descriptor: int) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(os, "fsync", full)
    set_language(Lang.RU)
    try:
        with pytest.raises(OutputError) as info:
            write_private_text(tmp_path / "report.json", "{}")
    finally:
        set_language(Lang.EN)
    target = tmp_path / "report.json"
    assert info.value.message == f"{target}: не удаётся записать (на диске нет места)"
    assert (info.value.hint or "").startswith("освободите место на диске")


def test_a_folder_that_cannot_be_made_names_itself(tmp_path: Path) -> None:
    (tmp_path / "out").write_text("a file in the way", encoding="utf-8")
    with pytest.raises(OutputError) as info:
        private_dir(tmp_path / "out" / "tg1")
    assert str(tmp_path / "out") in info.value.message
