"""File bodies: kept in memory, or in a folder when the emulator persists its state."""

from __future__ import annotations

import os
import tempfile
import threading
from pathlib import Path


class BlobStore:
    def __init__(self, folder: Path | None = None) -> None:
        self._folder = folder
        self._memory: dict[str, bytes] = {}
        self._lock = threading.Lock()
        if folder is not None:
            folder.mkdir(parents=True, exist_ok=True)

    def put(self, key: str, data: bytes) -> None:
        if self._folder is None:
            with self._lock:
                self._memory[key] = data
            return
        write_atomically(self._folder / key, data)

    def get(self, key: str) -> bytes | None:
        if self._folder is None:
            with self._lock:
                return self._memory.get(key)
        path = self._folder / key
        return path.read_bytes() if path.is_file() else None


def write_atomically(path: Path, data: bytes) -> None:
    """Write to a temporary file beside ``path`` and rename it over: never half a file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        Path(temporary).replace(path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
