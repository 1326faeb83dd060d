"""Writing files that hold chat content: atomically, readable by their owner only (0600)."""

from __future__ import annotations

import os
from pathlib import Path


def write_private(path: Path, text: str, *, encoding: str = "utf-8") -> None:
    """Write ``text`` to ``path`` through a temporary file, with mode 0600 from the start."""
    temporary = path.with_name(path.name + ".tmp")
    descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(descriptor, "w", encoding=encoding, newline="") as handle:
        handle.write(text)
    temporary.chmod(0o600)  # a temporary file left by an older version may have other bits
    temporary.replace(path)
