"""build_chat.py as a child process, SIGKILLed from outside at chosen points of the server's work.

The migrator knows nothing of it: the test wraps the in-process emulator's request handlers (the
server side), and kills the child right before the server applies its N-th request of a kind,
right after the server applied it (before the answer leaves), or a little later from a watcher.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import Any

import pytest

from migrator.emulator import methods
from migrator.emulator.errors import ChatError, ErrorCode

REPO = Path(__file__).resolve().parents[2]


def build_command(config: Path, out: Path, *extra: str) -> list[str]:
    return [
        sys.executable,
        str(REPO / "build_chat.py"),
        "--config",
        str(config),
        "--quiet",
        "--output",
        str(out),
        *extra,
    ]


def start_build(config: Path, out: Path, *extra: str) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        build_command(config, out, *extra),
        cwd=REPO,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )


@dataclass(frozen=True, slots=True)
class Finished:
    code: int
    stdout: str
    stderr: str

    @property
    def killed(self) -> bool:
        return self.code == -signal.SIGKILL


def finish(process: subprocess.Popen[bytes], timeout: float = 120) -> Finished:
    stdout, stderr = process.communicate(timeout=timeout)
    return Finished(process.returncode, stdout.decode(), stderr.decode())


def run_build(config: Path, out: Path, *extra: str) -> Finished:
    return finish(start_build(config, out, *extra))


class Phase(StrEnum):
    BEFORE_APPLY = "before_apply"  # the client sent it (ledger: sending); the server never applies
    AFTER_APPLY = "after_apply"  # the server applied it; the answer never reaches the client
    LATER = "later"  # a watcher kills shortly after the server applied it (after the mark, …)


@dataclass
class Killer:
    """Kills the armed child at the ``nth`` request of ``methods`` it makes, in ``phase``."""

    names: tuple[str, ...]
    process: subprocess.Popen[bytes] | None = None
    phase: Phase = Phase.AFTER_APPLY
    nth: int = 1
    delay: float = 0.0
    seen: int = 0
    applied: threading.Event = field(default_factory=threading.Event)

    def arm(
        self, process: subprocess.Popen[bytes], phase: Phase, nth: int, delay: float = 0.0
    ) -> None:
        self.process, self.phase, self.nth, self.delay, self.seen = process, phase, nth, delay, 0
        self.applied.clear()

    def disarm(self) -> None:
        self.process = None

    def _kill(self) -> None:
        if self.process is not None and self.process.poll() is None:
            os.kill(self.process.pid, signal.SIGKILL)
            self.process.wait()  # dead before the server goes on
        self.process = None

    def wrap(self, handler: methods.Handler) -> methods.Handler:
        def handle(ctx: methods.CallContext, payload: dict[str, Any]) -> Any:
            if self.process is None:
                return handler(ctx, payload)
            self.seen += 1
            due = self.seen == self.nth
            if due and self.phase is Phase.BEFORE_APPLY:
                self._kill()
                raise ChatError(ErrorCode.INTERNAL_ERROR, "the client is gone")
            result = handler(ctx, payload)
            if due and self.phase is Phase.AFTER_APPLY:
                self._kill()
            elif due:
                self.applied.set()
            return result

        return handle

    def run(
        self, process: subprocess.Popen[bytes], phase: Phase, nth: int, delay: float = 0.0
    ) -> Finished:
        """Arm for ``process``, wait for it to end (killed or not), disarm."""
        self.arm(process, phase, nth, delay)
        try:
            if phase is Phase.LATER:
                watcher = threading.Thread(target=self._kill_later, args=(process,), daemon=True)
                watcher.start()
            return finish(process)
        finally:
            self.disarm()

    def _kill_later(self, process: subprocess.Popen[bytes]) -> None:
        while process.poll() is None:
            if self.applied.wait(0.05):
                time.sleep(self.delay)
                if process.poll() is None:
                    os.kill(process.pid, signal.SIGKILL)
                return


@contextmanager
def killing(monkeypatch: pytest.MonkeyPatch, *names: str) -> Iterator[Killer]:
    """A ``Killer`` wrapped around the emulator's handlers of ``names``."""
    killer = Killer(names)
    for name in names:
        monkeypatch.setitem(methods.HANDLERS, name, killer.wrap(methods.HANDLERS[name]))
    yield killer
