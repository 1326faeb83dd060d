"""Everything the administrator reads, in Russian and English: one typed catalogue.

The interface language is chosen once per process by ``choose_language``: ``--lang ru|en``, else
the locale (``LC_ALL``, ``LC_MESSAGES``, ``LANG``), else the Windows UI language, else English.
Text posted into TrueConf chats does not use this catalogue: it follows ``[chat] language``
(``migrator/labels.py``).

Adding a message (any module, ``migrator/send/`` and ``migrator/ledger/`` included):

1. Add ``"<domain>.<what>": Msg(en="…", ru="…")`` to the table of its domain in
   ``migrator/i18n/catalogue/`` (a new domain: a new module there, listed in ``TABLES`` of
   ``catalogue/__init__.py``). Both texts are ``str.format`` templates with the same
   ``{placeholders}``; a key must be unique across all tables.
2. Show it with ``tr("<domain>.<what>", name=value)``.

``tests/admin/test_catalogue.py`` checks that every entry has both languages with the same
placeholders and that every key given to ``tr`` as a literal exists.
"""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence

from migrator.i18n.catalogue import CATALOGUE
from migrator.i18n.locale import language_from_environment, language_option
from migrator.i18n.model import Lang, Msg

__all__ = [
    "CATALOGUE",
    "Lang",
    "Msg",
    "choose_language",
    "current_language",
    "set_language",
    "tr",
]

_current = [Lang.EN]


def set_language(lang: Lang) -> None:
    _current[0] = lang


def current_language() -> Lang:
    return _current[0]


def choose_language(argv: Sequence[str], environ: Mapping[str, str] | None = None) -> Lang:
    """Set (and return) the interface language from ``--lang`` in ``argv`` or the environment."""
    lang = language_option(argv) or language_from_environment(
        os.environ if environ is None else environ
    )
    set_language(lang)
    return lang


def tr(key: str, /, **values: object) -> str:
    """The catalogue's text for ``key`` in the current language, with ``values`` filled in."""
    text = CATALOGUE[key].text(current_language())
    return text.format(**values)
