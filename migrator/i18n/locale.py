"""Which interface language to speak: ``--lang``, else the locale, else Windows' UI language."""

from __future__ import annotations

import sys
from collections.abc import Mapping, Sequence

from migrator.i18n.model import Lang

LOCALE_VARIABLES = ("LC_ALL", "LC_MESSAGES", "LANG")  # POSIX precedence: the first set one wins
_LANG_ID_RUSSIAN = 0x19  # primary language id of every Russian LANGID


def language_of_locale(value: str) -> Lang:
    """``ru_RU.UTF-8``, ``ru``, ``Russian_Russia.1251`` → Russian; anything else → English."""
    return Lang.RU if value.strip().lower().startswith("ru") else Lang.EN


def windows_ui_language() -> Lang | None:
    """The Windows display language, or None elsewhere (or when it cannot be read)."""
    if sys.platform == "win32":
        import ctypes

        try:
            lang_id = int(ctypes.windll.kernel32.GetUserDefaultUILanguage())
        except (AttributeError, OSError):
            return None
        return Lang.RU if lang_id & 0x3FF == _LANG_ID_RUSSIAN else Lang.EN
    return None


def language_from_environment(environ: Mapping[str, str]) -> Lang:
    for name in LOCALE_VARIABLES:
        value = environ.get(name)
        if value:
            return language_of_locale(value)
    return windows_ui_language() or Lang.EN


def language_option(argv: Sequence[str]) -> Lang | None:
    """The value of ``--lang ru|en`` (or ``--lang=…``), read before the parser is built so that
    ``--help`` is already in that language; None when absent or not a known language."""
    for index, arg in enumerate(argv):
        value: str | None = None
        if arg == "--lang" and index + 1 < len(argv):
            value = argv[index + 1]
        elif arg.startswith("--lang="):
            value = arg.split("=", 1)[1]
        if value is not None:
            try:
                return Lang(value.lower())
            except ValueError:
                return None
    return None
