"""One run at a time: an OS lock on ``<file>.lock`` beside the ledger (or config.toml) it guards.

The lock is ``fcntl.flock`` (``msvcrt.locking`` on Windows) on an open file, so it dies with its
process: a run killed by a crash or a power cut leaves nothing that blocks the next one. Beside it,
``<file>.lock.info`` names the holder (pid, host, start time) for the message a second run shows;
an info file found on taking the lock is what a stopped run left behind, and is replaced.

``shared=True`` (``--verify``) takes the lock for reading: any number of readers, but no reader
while a migration writes, and no migration while a reader compares. Windows has no shared lock
through ``msvcrt``; there a reader takes the lock like a writer.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import socket
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from migrator.errors import MigratorError
from migrator.i18n import tr

log = logging.getLogger(__name__)

# Purposes recorded as these words are shown in the reader's language; options as they are.
_PURPOSES = {"migration": "lock.purpose_migration", "[users] update": "lock.purpose_users_update"}


class RunLockError(MigratorError):
    """Another process holds the lock."""


@dataclass(frozen=True, slots=True)
class Holder:
    pid: int
    host: str
    started: float
    program: str
    purpose: str
    shared: bool = False

    def describe(self) -> str:
        started = datetime.fromtimestamp(self.started, UTC).strftime("%Y-%m-%d %H:%M:%S")
        key = _PURPOSES.get(self.purpose)
        return tr(
            "lock.holder",
            program=self.program,
            purpose=tr(key) if key else self.purpose,
            pid=self.pid,
            host=self.host,
            started=started,
        )


def lock_path_for(path: Path) -> Path:
    return path.with_name(path.name + ".lock")


def info_path_for(lock: Path) -> Path:
    return lock.with_name(lock.name + ".info")


def read_holder(lock: Path) -> Holder | None:
    try:
        data = json.loads(info_path_for(lock).read_text(encoding="utf-8"))
        return Holder(
            int(data["pid"]),
            str(data["host"]),
            float(data["started"]),
            str(data["program"]),
            str(data["purpose"]),
            bool(data.get("shared", False)),
        )
    except (OSError, ValueError, KeyError, TypeError):
        return None


@contextlib.contextmanager
def run_lock(
    guarded: Path, *, what: str, program: str, purpose: str, shared: bool = False
) -> Iterator[Path]:
    """Hold the lock of ``guarded`` for the block; ``RunLockError`` (exit 2) at once if taken.

    ``what`` names the guarded file in the message ("The migration ledger …").
    """
    lock = lock_path_for(guarded)
    try:
        lock.parent.mkdir(parents=True, exist_ok=True)
        descriptor = os.open(lock, os.O_RDWR | os.O_CREAT, 0o600)
    except OSError as exc:
        raise MigratorError(
            tr("lock.cannot_create", lock=lock, error=exc.strerror or exc),
            hint=tr("lock.cannot_create_hint"),
        ) from exc
    try:
        if not _try_lock(descriptor, shared=shared):
            holder = read_holder(lock)
            raise RunLockError(
                tr(
                    "lock.held",
                    what=what,
                    holder=holder.describe() if holder else tr("lock.unknown_holder"),
                    lock=lock,
                ),
                hint=tr("lock.held_hint"),
            )
        me = Holder(os.getpid(), socket.gethostname(), time.time(), program, purpose, shared)
        left = read_holder(lock)
        if left is not None and not shared:
            log.info("%s", tr("lock.taken_over", lock=lock, holder=left.describe()))
        if left is None or not (shared and left.shared):  # another reader may still be there
            _write_info(lock, me)
        try:
            yield lock
        finally:
            _remove_info(lock, me)
            _unlock(descriptor)
    finally:
        os.close(descriptor)  # closing releases the OS lock in any case


def _try_lock(descriptor: int, *, shared: bool) -> bool:
    if sys.platform == "win32":  # pragma: no cover - exercised on Windows only
        import msvcrt

        try:
            os.lseek(descriptor, 0, os.SEEK_SET)
            msvcrt.locking(descriptor, msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True
    import fcntl

    mode = fcntl.LOCK_SH if shared else fcntl.LOCK_EX
    try:
        fcntl.flock(descriptor, mode | fcntl.LOCK_NB)
    except BlockingIOError:
        return False
    return True


def _unlock(descriptor: int) -> None:
    with contextlib.suppress(OSError):
        if sys.platform == "win32":  # pragma: no cover - exercised on Windows only
            import msvcrt

            os.lseek(descriptor, 0, os.SEEK_SET)
            msvcrt.locking(descriptor, msvcrt.LK_UNLCK, 1)
        else:
            import fcntl

            fcntl.flock(descriptor, fcntl.LOCK_UN)


def _write_info(lock: Path, holder: Holder) -> None:
    info = info_path_for(lock)
    temporary = info.with_name(f"{info.name}.{holder.pid}.tmp")
    data = {
        "pid": holder.pid,
        "host": holder.host,
        "started": holder.started,
        "program": holder.program,
        "purpose": holder.purpose,
        "shared": holder.shared,
    }
    with contextlib.suppress(OSError):  # the info is for the message only; the OS lock rules
        descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(descriptor, "w", encoding="utf-8") as stream:
            json.dump(data, stream)
        temporary.replace(info)


def _remove_info(lock: Path, holder: Holder) -> None:
    current = read_holder(lock)
    if current is not None and (current.pid, current.host) == (holder.pid, holder.host):
        with contextlib.suppress(OSError):
            info_path_for(lock).unlink()
