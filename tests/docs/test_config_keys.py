"""Every key of the config model is documented, with its default, in both READMEs, and commented
in the config.toml template."""

from __future__ import annotations

import json
import re
import tomllib
import typing
from enum import Enum
from pathlib import Path
from typing import Any

import pytest
from pydantic import BaseModel

from migrator.config.model import Config

from .readme import READMES, REPO, config_table

TEMPLATE = REPO / "config.toml"
USERS_SECTION = "users.<login>"
CHATS_SECTION = "chats.<id>"
MAP_SECTIONS = {"users": USERS_SECTION, "chats": CHATS_SECTION}  # tables of tables, by their key


def _as_model(annotation: Any) -> type[BaseModel] | None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    return None


def toml_literal(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, Enum):
        value = value.value
    if isinstance(value, int | float):
        return str(value)
    return json.dumps(value, ensure_ascii=False)


def model_keys(model: type[BaseModel], section: str = "") -> dict[tuple[str, str], str]:
    """(section, key) → the default as TOML, for every leaf key of the model, nested or in a map."""
    keys: dict[tuple[str, str], str] = {}
    for name, field in model.model_fields.items():
        child = _as_model(field.annotation)
        inner = f"{section}.{name}" if section else name
        if child is not None:
            keys |= model_keys(child, inner)
            continue
        if typing.get_origin(field.annotation) is dict:
            value_model = _as_model(typing.get_args(field.annotation)[1])
            assert value_model is not None, f"{inner}: a map of what?"
            keys |= model_keys(value_model, MAP_SECTIONS[inner])
            continue
        keys[(section, name)] = toml_literal(field.get_default(call_default_factory=True))
    return keys


MODEL_KEYS = model_keys(Config)


def test_the_model_walk_finds_nested_and_user_keys() -> None:
    assert MODEL_KEYS[("chat.datetime", "timezone")] == '"GMT"'
    assert MODEL_KEYS[("server", "port")] == "443"
    assert MODEL_KEYS[(USERS_SECTION, "type")] == '"user"'
    assert MODEL_KEYS[(CHATS_SECTION, "migrate")] == "true"
    assert ("", "telegram_export_dir") in MODEL_KEYS


@pytest.mark.parametrize("readme", READMES, ids=lambda path: path.name)
def test_readme_table_has_every_key_with_its_default(readme: Path) -> None:
    documented = config_table(readme.read_text(encoding="utf-8"))
    missing = set(MODEL_KEYS) - set(documented)
    unknown = set(documented) - set(MODEL_KEYS)
    assert not missing, f"{readme.name} does not document the keys {sorted(missing)}"
    assert not unknown, f"{readme.name} documents keys the config does not have: {sorted(unknown)}"
    wrong = {
        key: (documented[key], default)
        for key, default in MODEL_KEYS.items()
        if documented[key] != default
    }
    assert not wrong, f"{readme.name}: wrong defaults (documented, real): {wrong}"


def _template_sections() -> dict[str, list[str]]:
    """Lines of config.toml per [section] ("" before the first header)."""
    sections: dict[str, list[str]] = {"": []}
    current = ""
    for line in TEMPLATE.read_text(encoding="utf-8").splitlines():
        header = re.fullmatch(r"\[([\w.]+)\]\s*", line)
        if header:
            current = header.group(1)
            sections[current] = []
        else:
            sections[current].append(line)
    return sections


@pytest.mark.parametrize(
    "key",
    [key for key in MODEL_KEYS if key[0] not in MAP_SECTIONS.values()],
    ids="{0[0]}.{0[1]}".format,
)
def test_template_comments_each_key_right_above_it(key: tuple[str, str]) -> None:
    section, name = key
    lines = _template_sections().get(section)
    assert lines is not None, f"config.toml has no [{section}]"
    positions = [i for i, line in enumerate(lines) if re.match(rf"{name}\s*=", line)]
    assert len(positions) == 1, f"config.toml: [{section}] {name} appears {len(positions)} times"
    above = lines[positions[0] - 1] if positions[0] > 0 else ""
    assert above.startswith("#"), f"config.toml: no comment right above [{section}] {name}"


def test_template_values_are_the_documented_defaults() -> None:
    data = tomllib.loads(TEMPLATE.read_text(encoding="utf-8"))
    for (section, name), default in MODEL_KEYS.items():
        if section in MAP_SECTIONS.values():
            continue
        table: Any = data
        for part in filter(None, section.split(".")):
            table = table[part]
        assert toml_literal(table[name]) == default, f"config.toml: [{section}] {name}"


@pytest.mark.parametrize("name", [key[1] for key in MODEL_KEYS if key[0] == USERS_SECTION], ids=str)
def test_template_describes_each_users_key(name: str) -> None:
    text = TEMPLATE.read_text(encoding="utf-8")
    users_comments = text[: text.index("\n[users]")].rsplit("\n\n", 1)[-1]
    assert re.search(rf"^#\s+{name}\s", users_comments, re.MULTILINE), (
        f"config.toml: the comment above [users] does not describe {name}"
    )


@pytest.mark.parametrize("name", [key[1] for key in MODEL_KEYS if key[0] == CHATS_SECTION], ids=str)
def test_template_describes_each_chats_key(name: str) -> None:
    text = TEMPLATE.read_text(encoding="utf-8")
    paragraph = next(part for part in text.split("\n\n") if "[chats.<" in part)
    assert re.search(rf"^#\s+{name}\s", paragraph, re.MULTILINE), (
        f"config.toml: the comment about [chats] does not describe {name}"
    )
