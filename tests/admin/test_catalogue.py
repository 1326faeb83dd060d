"""The message catalogue: every message in both languages, with the same placeholders; every key
the code asks for exists; the language follows --lang, the locale, then English."""

from __future__ import annotations

import ast
import re
import string
from pathlib import Path

import pytest

from migrator.i18n import CATALOGUE, Lang, choose_language, current_language, set_language, tr
from migrator.i18n.locale import language_from_environment, language_option

REPO = Path(__file__).resolve().parents[2]
_CYRILLIC = re.compile("[а-яё]", re.IGNORECASE)


def _fields(template: str) -> list[tuple[str, str | None, str]]:
    return sorted(
        (name, conversion, spec or "")
        for _, name, spec, conversion in string.Formatter().parse(template)
        if name is not None
    )


@pytest.mark.parametrize("key", sorted(CATALOGUE))
def test_every_message_exists_in_both_languages_with_the_same_placeholders(key: str) -> None:
    message = CATALOGUE[key]
    assert message.en.strip() and message.ru.strip(), key
    assert _fields(message.en) == _fields(message.ru), key


@pytest.mark.parametrize("key", sorted(CATALOGUE))
def test_russian_texts_are_russian(key: str) -> None:
    """A Russian text left in English would show English under a Russian locale."""
    text = string.Formatter().parse(CATALOGUE[key].ru)
    literal = " ".join(part for part, *_ in text)
    assert _CYRILLIC.search(literal) or not re.search("[a-z]", literal, re.IGNORECASE), key


def _literal_keys() -> set[tuple[str, str]]:
    found: set[tuple[str, str]] = set()
    for path in (REPO / "migrator").rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Name)
                and node.func.id == "tr"
                and node.args
                and isinstance(node.args[0], ast.Constant)
                and isinstance(node.args[0].value, str)
            ):
                found.add((str(path.relative_to(REPO)), node.args[0].value))
    return found


def test_every_key_the_code_asks_for_exists() -> None:
    used = _literal_keys()
    assert len(used) > 200  # the scan sees the code's calls
    missing = sorted((path, key) for path, key in used if key not in CATALOGUE)
    assert not missing, missing


def test_tr_fills_placeholders_in_the_current_language() -> None:
    try:
        set_language(Lang.RU)
        assert tr("cli.error", message="x") == "Ошибка: x"
        set_language(Lang.EN)
        assert tr("cli.error", message="x") == "Error: x"
    finally:
        set_language(Lang.EN)


@pytest.mark.parametrize(
    ("environ", "expected"),
    [
        ({"LANG": "ru_RU.UTF-8"}, Lang.RU),
        ({"LANG": "en_US.UTF-8"}, Lang.EN),
        ({"LANG": "C.UTF-8"}, Lang.EN),
        ({"LANG": "en_US.UTF-8", "LC_ALL": "ru_RU.UTF-8"}, Lang.RU),
        ({"LANG": "ru_RU.UTF-8", "LC_MESSAGES": "en_GB.UTF-8"}, Lang.EN),
        ({"LANG": "ru_RU.UTF-8", "LC_ALL": ""}, Lang.RU),
        ({"LC_ALL": "Russian_Russia.1251"}, Lang.RU),
        ({}, Lang.EN),  # not Windows: no UI language to ask
    ],
)
def test_language_follows_the_locale(environ: dict[str, str], expected: Lang) -> None:
    assert language_from_environment(environ) is expected


def test_lang_option_overrides_the_locale() -> None:
    try:
        assert choose_language(["--lang", "en"], {"LANG": "ru_RU.UTF-8"}) is Lang.EN
        assert choose_language(["--dry-run", "--lang=ru"], {"LANG": "C"}) is Lang.RU
        assert current_language() is Lang.RU
        assert choose_language(["--dry-run"], {"LANG": "ru_RU.UTF-8"}) is Lang.RU
    finally:
        set_language(Lang.EN)
    assert language_option(["--lang", "de"]) is None
