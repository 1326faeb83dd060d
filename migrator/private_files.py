"""Files that hold chat content or identities (ledger, logs, media cache, reports): 0600 files in
0700 folders, written so that a full disk or a read-only folder never leaves half a file.

Folders the tool creates are 0700; a folder that already exists keeps its mode (it may be the
administrator's own). On Windows the modes mean little and are applied as far as it allows.
"""

from __future__ import annotations

import contextlib
import os
import stat
from collections.abc import Iterable
from pathlib import Path

from migrator.errors import MigratorError
from migrator.i18n import tr
from migrator.i18n.os_errors import os_reason

PRIVATE_FILE_MODE = 0o600
PRIVATE_DIR_MODE = 0o700


class OutputError(MigratorError):
    """A file of the tool's own output cannot be written (read-only or full folder, …)."""


def private_dir(folder: Path) -> Path:
    """Create ``folder`` and its missing parents as 0700; ``OutputError`` when that fails."""
    missing: list[Path] = []
    current = folder
    while not current.exists() and current != current.parent:
        missing.append(current)
        current = current.parent
    try:
        for created in reversed(missing):
            created.mkdir(mode=PRIVATE_DIR_MODE, exist_ok=True)
            created.chmod(PRIVATE_DIR_MODE)  # mkdir's mode is narrowed by the umask only
        if not folder.is_dir():
            raise FileExistsError(tr("output.not_a_folder", path=folder))
    except OSError as exc:
        raise _output_error(folder, exc) from None
    return folder


def restrict(path: Path) -> None:
    """Make an existing file 0600 (a file another library created, such as SQLite's)."""
    with contextlib.suppress(FileNotFoundError):
        path.chmod(PRIVATE_FILE_MODE)


def touch_private(path: Path) -> Path:
    """Create ``path`` (and its folder) as an empty 0600 file unless it exists; make it 0600."""
    private_dir(path.parent)
    try:
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, PRIVATE_FILE_MODE)
        regular = stat.S_ISREG(os.fstat(descriptor).st_mode)
        os.close(descriptor)
        if regular:  # never a terminal or a device given as --log-file /dev/stderr
            path.chmod(PRIVATE_FILE_MODE)
    except OSError as exc:
        raise _output_error(path, exc) from None
    return path


def write_private_text(path: Path, text: str | Iterable[str], *, encoding: str = "utf-8") -> Path:
    """Write ``text`` (a string, or its pieces in order) to ``path`` as 0600, all or nothing: a
    temporary file beside it is written and flushed, then renamed over ``path``; on any failure
    ``path`` is left as it was."""
    private_dir(path.parent)
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, PRIVATE_FILE_MODE)
        with os.fdopen(descriptor, "w", encoding=encoding, newline="") as file:
            if isinstance(text, str):
                file.write(text)
            else:
                file.writelines(text)
            file.flush()
            os.fsync(file.fileno())
        temporary.chmod(PRIVATE_FILE_MODE)
        temporary.replace(path)
    except OSError as exc:
        with contextlib.suppress(OSError):
            temporary.unlink()
        raise _output_error(path, exc) from None
    return path


def _output_error(path: Path, exc: OSError) -> OutputError:
    reason = os_reason(exc)
    return OutputError(
        tr("output.cannot_write", path=path, reason=reason), hint=tr("output.cannot_write_hint")
    )
