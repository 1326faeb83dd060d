"""Content-addressed cache of converted files, written atomically.

A converted file is named after a hash of everything that shaped it, so a re-run finds it and
does not convert again, while a changed input, cover or caption produces a new entry.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import threading
from collections.abc import Iterator
from pathlib import Path

from migrator.private_files import private_dir, restrict

_CHUNK = 1 << 20


class FileDigests:
    """sha256 of file contents, remembered per (path, size, mtime) for the life of the object."""

    def __init__(self) -> None:
        self._known: dict[tuple[str, int, int], str] = {}
        self._lock = threading.Lock()

    def of(self, path: Path) -> str:
        stat = path.stat()
        identity = (str(path), stat.st_size, stat.st_mtime_ns)
        with self._lock:
            known = self._known.get(identity)
        if known is not None:
            return known
        digest = hashlib.sha256()
        with path.open("rb") as stream:
            while chunk := stream.read(_CHUNK):
                digest.update(chunk)
        value = digest.hexdigest()
        with self._lock:
            self._known[identity] = value
        return value


def cache_key(*parts: str) -> str:
    """One hex digest of several text parts (length-prefixed, so parts cannot run together)."""
    digest = hashlib.sha256()
    for part in parts:
        encoded = part.encode("utf-8")
        digest.update(len(encoded).to_bytes(8, "big"))
        digest.update(encoded)
    return digest.hexdigest()


@contextlib.contextmanager
def atomic_output(target: Path) -> Iterator[Path]:
    """Yield a temporary path beside ``target``; on success it replaces ``target`` in one step.

    The temporary name keeps the target's suffix because ffmpeg and Pillow pick the format by it.
    """
    private_dir(target.parent)
    temporary = target.with_name(
        f".{target.stem}.{os.getpid()}.{threading.get_ident()}.tmp{target.suffix}"
    )
    try:
        yield temporary
        restrict(temporary)
        temporary.replace(target)
    finally:
        temporary.unlink(missing_ok=True)


class KeyLocks:
    """One lock per cache key, so two workers never build the same entry at once."""

    def __init__(self) -> None:
        self._locks: dict[str, threading.Lock] = {}
        self._guard = threading.Lock()

    def __call__(self, key: str) -> threading.Lock:
        with self._guard:
            return self._locks.setdefault(key, threading.Lock())
