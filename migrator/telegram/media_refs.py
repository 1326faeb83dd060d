"""Turning a file reference written in the export into a ``MediaRef``.

Three things can be written where a path is expected: a placeholder sentence instead of a path
(spec §1.3), a path that leaves the export folder (refused without being opened), or a path
relative to the export root, which must then exist as a regular file inside the folder.
"""

from __future__ import annotations

from pathlib import Path

from migrator.telegram.model import MediaRef, MissingReason

PLACEHOLDERS: dict[str, MissingReason] = {
    "(File not included. Change data exporting settings to download.)": (
        MissingReason.NOT_INCLUDED
    ),
    "(File exceeds maximum size. Change data exporting settings to download.)": (
        MissingReason.TOO_LARGE
    ),
    "(File unavailable, please try again later)": MissingReason.UNAVAILABLE,
    "(Photo not included. Change data exporting settings to download.)": (
        MissingReason.NOT_INCLUDED
    ),
    "(Photo exceeds maximum size. Change data exporting settings to download.)": (
        MissingReason.TOO_LARGE
    ),
    "(Photo unavailable, please try again later)": MissingReason.UNAVAILABLE,
}


def placeholder_reason(raw: str) -> MissingReason | None:
    """The reason a placeholder sentence stands for, or ``None`` when ``raw`` is a path."""
    return PLACEHOLDERS.get(raw) if raw.startswith("(") else None


def leaves_folder(raw: str) -> bool:
    """True for a path that is absolute or climbs out with ``..`` (either slash counts)."""
    if raw.startswith(("/", "\\")) or (len(raw) > 1 and raw[1] == ":"):
        return True
    parts = raw.replace("\\", "/").split("/")
    return ".." in parts


def resolve_media(export_dir: Path, raw: str) -> MediaRef:
    """Classify the reference ``raw``: placeholder, outside the export, missing, or usable.

    Only the path is resolved (``realpath``); a file outside the folder is never opened, and a
    symlink inside the folder that points outside is refused like ``..``.
    """
    reason = placeholder_reason(raw)
    if reason is not None:
        return MediaRef(relative=raw, path=None, missing=reason)
    if not raw or "\x00" in raw:
        return MediaRef(relative=raw, path=None, missing=MissingReason.NOT_FOUND)
    if leaves_folder(raw):
        return MediaRef(relative=raw, path=None, missing=MissingReason.OUTSIDE_EXPORT)
    root = export_dir.resolve()
    resolved = (root / raw).resolve()
    if not resolved.is_relative_to(root):
        return MediaRef(relative=raw, path=None, missing=MissingReason.OUTSIDE_EXPORT)
    if not resolved.is_file():
        return MediaRef(relative=raw, path=None, missing=MissingReason.NOT_FOUND)
    return MediaRef(relative=raw, path=resolved)


class MediaResolver:
    """``resolve_media`` for one export folder, remembering answers for files used repeatedly.

    Several messages may name one file (Telegram deduplicates downloads), and the root only
    needs resolving once.
    """

    def __init__(self, export_dir: Path, *, cache_size: int = 65536) -> None:
        self._root = export_dir.resolve()
        self._cache: dict[str, MediaRef] = {}
        self._cache_size = cache_size

    def __call__(self, raw: str) -> MediaRef:
        cached = self._cache.get(raw)
        if cached is not None:
            return cached
        ref = resolve_media(self._root, raw)
        if len(self._cache) >= self._cache_size:
            self._cache.clear()
        self._cache[raw] = ref
        return ref
