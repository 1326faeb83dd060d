"""TrueConf logins: the rule they must follow and how one is made from a Telegram display name.

The rule is deliberately conservative (TrueConf accepts more, but every server accepts this):
lowercase Latin letters, digits, ``_``, ``-`` and ``.``; the first character a letter or a digit;
at most 32 characters.

Cyrillic is transliterated with the ICAO Doc 9303 table (the scheme of Russian international
passports since 2014: Ж→zh, Х→kh, Ц→ts, Щ→shch, Ю→iu, Я→ia, Й→i, Ь dropped), written out below.
Letters of any other script go through anyascii; anything that is not a letter or a digit (spaces,
punctuation, emoji) only separates words.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

from anyascii import anyascii

MAX_LOGIN_LENGTH = 32
LOGIN_RULE = (
    "lowercase Latin letters, digits, '_', '-' and '.'; starting with a letter or a digit; "
    f"at most {MAX_LOGIN_LENGTH} characters"
)

_ALLOWED = re.compile(r"[a-z0-9_.-]")
_WORD = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")

# ICAO Doc 9303, part 3, transliteration of Cyrillic (lowercase; callers lowercase first).
_ICAO_CYRILLIC: dict[str, str] = {
    "а": "a",
    "б": "b",
    "в": "v",
    "г": "g",
    "д": "d",
    "е": "e",
    "ё": "e",
    "ж": "zh",
    "з": "z",
    "и": "i",
    "й": "i",
    "к": "k",
    "л": "l",
    "м": "m",
    "н": "n",
    "о": "o",
    "п": "p",
    "р": "r",
    "с": "s",
    "т": "t",
    "у": "u",
    "ф": "f",
    "х": "kh",
    "ц": "ts",
    "ч": "ch",
    "ш": "sh",
    "щ": "shch",
    "ъ": "ie",
    "ы": "y",
    "ь": "",
    "э": "e",
    "ю": "iu",
    "я": "ia",
    # Other Cyrillic alphabets (Ukrainian, Belarusian, Serbian, Macedonian) from the same table
    "ґ": "g",
    "ѓ": "g",
    "ђ": "d",
    "є": "ie",
    "ѕ": "dz",
    "і": "i",
    "ї": "i",
    "ј": "j",
    "љ": "lj",
    "њ": "nj",
    "ћ": "c",
    "ќ": "k",
    "ў": "u",
    "џ": "dz",
}


def validate_login(login: str) -> str | None:
    """Return the rule ``login`` breaks (a short English phrase), or ``None`` if it is valid."""
    if not login:
        return "a login cannot be empty"
    if len(login) > MAX_LOGIN_LENGTH:
        return f"a login has at most {MAX_LOGIN_LENGTH} characters (this one has {len(login)})"
    bad = sorted({char for char in login if not _ALLOWED.fullmatch(char)})
    if bad:
        shown = ", ".join(repr(char) for char in bad)
        return (
            "a login may contain only lowercase Latin letters, digits, '_', '-' and '.'; "
            f"found {shown}"
        )
    if not login[0].isalnum():
        return "a login must start with a lowercase Latin letter or a digit"
    return None


def transliterate(name: str) -> str:
    """Latin-script, lowercase spelling of ``name``; non-letters (emoji, symbols) become spaces."""
    pieces: list[str] = []
    for char in unicodedata.normalize("NFC", name).lower():
        if char in _ICAO_CYRILLIC:
            pieces.append(_ICAO_CYRILLIC[char])
        elif char.isascii():
            pieces.append(char)
        elif unicodedata.category(char)[0] in "LN":
            pieces.append(anyascii(char).lower())
        elif unicodedata.category(char) == "Mn":
            continue  # a combining accent: the base letter already carries the sound
        else:
            pieces.append(" ")
    return "".join(pieces)


def login_from_name(name: str | None) -> str:
    """The login a display name suggests, or ``""`` when nothing usable is left (emoji only)."""
    if not name:
        return ""
    words = _WORD.findall(transliterate(name))
    login = "_".join(words)[:MAX_LOGIN_LENGTH]
    return login.rstrip("_-.")


def with_suffix(base: str, number: int) -> str:
    """``base`` with ``_<number>`` appended, shortened so that the whole fits the length limit."""
    suffix = f"_{number}"
    return base[: MAX_LOGIN_LENGTH - len(suffix)].rstrip("_-.") + suffix


def unique_login(base: str, taken: Iterable[str]) -> str:
    """``base`` itself if free, else the first free ``base_2``, ``base_3``, … (case-insensitive)."""
    used = {login.lower() for login in taken}
    if base not in used:
        return base
    number = 2
    while with_suffix(base, number) in used:
        number += 1
    return with_suffix(base, number)
