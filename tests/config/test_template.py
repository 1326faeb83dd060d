"""The config.toml template at the repository root: complete, commented, valid."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import tomlkit
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic import BaseModel

from migrator.config import ConfigDocument, load_config
from migrator.config.model import Config

TEMPLATE = Path(__file__).resolve().parents[2] / "config.toml"


def model_keys(model: type[BaseModel], prefix: str = "") -> set[str]:
    keys: set[str] = set()
    for name, field in model.model_fields.items():
        annotation = field.annotation
        if isinstance(annotation, type) and issubclass(annotation, BaseModel):
            keys |= model_keys(annotation, f"{prefix}{name}.")
        elif name not in ("users", "chats"):  # tables of tables, filled by parse_users.py
            keys.add(prefix + name)
    return keys


def document_keys(table: Any, prefix: str = "") -> set[str]:
    keys: set[str] = set()
    for name, value in table.items():
        if isinstance(value, dict):
            keys |= document_keys(value, f"{prefix}{name}.")
        else:
            keys.add(prefix + name)
    return keys


def test_template_is_valid_with_the_documented_defaults() -> None:
    config = load_config(TEMPLATE)
    assert config.users == {}
    assert config.server.verify_ssl is True
    assert config.server.port == 443
    assert config.server.https is True


def test_template_has_every_key_of_the_model() -> None:
    document = tomlkit.parse(TEMPLATE.read_text(encoding="utf-8"))
    assert document_keys(document.unwrap()) == model_keys(Config)


def test_every_key_has_an_english_and_a_russian_comment_above_it() -> None:
    lines = TEMPLATE.read_text(encoding="utf-8").splitlines()
    for number, line in enumerate(lines):
        if "=" not in line or line.startswith("#"):
            continue
        comments: list[str] = []
        above = number - 1
        while above >= 0 and (lines[above].startswith("#") or lines[above].endswith('""')):
            if lines[above].startswith("#"):
                comments.append(lines[above])
            above -= 1
        text = " ".join(comments)
        assert any("a" <= ch <= "z" for ch in text), f"no English comment above: {line}"
        assert any("а" <= ch <= "я" for ch in text), f"no Russian comment above: {line}"


names = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=40)


@settings(max_examples=40, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(display_name=names, password=names)
def test_any_display_name_or_password_round_trips(
    tmp_path: Path, display_name: str, password: str
) -> None:
    path = tmp_path / "config.toml"
    path.write_text(TEMPLATE.read_text(encoding="utf-8"), encoding="utf-8")
    document = ConfigDocument.load(path)
    document.set_user("someone", display_name=display_name, password=password)
    document.save()
    user = load_config(path).users["someone"]
    assert (user.display_name, user.password) == (display_name, password)
