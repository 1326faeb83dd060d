"""Why the system refused a file operation, in the interface language (``strerror`` is English)."""

from __future__ import annotations

import errno

from migrator.i18n import tr

_KEYS = {
    errno.ENOENT: "os_error.no_such_file",
    errno.EACCES: "os_error.permission",
    errno.EPERM: "os_error.permission",
    errno.EISDIR: "os_error.is_a_folder",
    errno.ENOTDIR: "os_error.not_a_folder",
    errno.ENOSPC: "os_error.disk_full",
    errno.EROFS: "os_error.read_only",
    errno.EEXIST: "os_error.exists",
    errno.EFBIG: "os_error.too_large",
    errno.EDQUOT: "os_error.quota",
    errno.ENAMETOOLONG: "os_error.name_too_long",
}


def os_reason(error: OSError) -> str:
    """A short reason for ``error``: the catalogue's text for common errors, else ``strerror``."""
    key = _KEYS.get(error.errno) if error.errno is not None else None
    if key is not None:
        return tr(key)
    return error.strerror or str(error) or type(error).__name__
