"""Turning pydantic's validation errors into sentences an administrator can act on.

Pure: takes the error list and the model, returns ``Problem`` values. An unknown key gets the
closest valid key as a suggestion; a wrong value names the key, shows the value (never a secret's)
and says what is expected.
"""

from __future__ import annotations

import difflib
import json
import types
import typing
from collections.abc import Sequence
from dataclasses import dataclass
from enum import Enum
from typing import Any

from annotated_types import Ge, Le
from pydantic import BaseModel
from pydantic.fields import FieldInfo
from pydantic_core import ErrorDetails

# Keys whose values are never shown, in any table.
SECRET_KEYS = frozenset({"password", "access_token", "client_secret", "default_password"})

# What a value should look like, for fields whose type alone says too little.
_EXPECTED_OVERRIDES = {
    "verify_ssl": "true, false (without quotes), or the path to a CA bundle (PEM) in quotes",
    "telegram_id": 'text in quotes, e.g. "user123456"',
}


@dataclass(frozen=True, slots=True)
class Problem:
    key: str  # dotted path, e.g. "chat.datetime.timezone"
    message: str
    hint: str | None = None


def table_label(path: Sequence[str]) -> str:
    """How a table is named in a TOML file: ``[chat.datetime]``, or "the top level"."""
    return f"[{'.'.join(path)}]" if path else "the top level"


def format_value(key: str, value: Any) -> str:
    """A TOML-like rendering of ``value``, hiding secrets."""
    if key in SECRET_KEYS:
        return "<hidden>"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str | int | float):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, dict):
        return "a table"
    if isinstance(value, list):
        return "a list"
    return type(value).__name__


def _model_class(annotation: Any) -> type[BaseModel] | None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    return None


def _dict_value_model(annotation: Any) -> type[BaseModel] | None:
    if typing.get_origin(annotation) is dict:
        return _model_class(typing.get_args(annotation)[1])
    return None


def _describe_type(annotation: Any) -> str:
    if annotation is bool:
        return "true or false (without quotes)"
    if annotation is int:
        return "a whole number"
    if annotation is str:
        return "text in quotes"
    if isinstance(annotation, type) and issubclass(annotation, Enum):
        return "one of " + ", ".join(f'"{member.value}"' for member in annotation)
    if typing.get_origin(annotation) in (typing.Union, types.UnionType):
        members = [arg for arg in typing.get_args(annotation) if arg is not type(None)]
        # "UserType | str" and the like: the enum lists the usual values
        enums = [arg for arg in members if isinstance(arg, type) and issubclass(arg, Enum)]
        if enums:
            return _describe_type(enums[0])
        return " or ".join(_describe_type(arg) for arg in members)
    if _model_class(annotation) is not None:
        return "a table"
    return "a value of another type"


def describe_expected(name: str, field: FieldInfo) -> str:
    if name in _EXPECTED_OVERRIDES:
        return _EXPECTED_OVERRIDES[name]
    text = _describe_type(field.annotation)
    low = next((m.ge for m in field.metadata if isinstance(m, Ge)), None)
    high = next((m.le for m in field.metadata if isinstance(m, Le)), None)
    if low is not None and high is not None:
        text += f" from {low} to {high}"
    return text


@dataclass(frozen=True, slots=True)
class _Located:
    table: tuple[str, ...]  # the table holding the key
    key: str
    model: type[BaseModel]  # the model of that table
    field: FieldInfo | None  # None for an unknown key


def _locate(root: type[BaseModel], loc: Sequence[int | str]) -> _Located | None:
    model = root
    table: list[str] = []
    index = 0
    while index < len(loc):
        key = str(loc[index])
        field = model.model_fields.get(key)
        last = index == len(loc) - 1
        if field is None:
            return _Located(tuple(table), key, model, None) if last else None
        nested = _model_class(field.annotation)
        values = _dict_value_model(field.annotation)
        if nested is not None and not last:
            table.append(key)
            model, index = nested, index + 1
        elif values is not None and index + 2 < len(loc):
            table += [key, str(loc[index + 1])]
            model, index = values, index + 2
        elif values is not None and index + 2 == len(loc):
            # the entry itself ([users.<login>]) is not a table
            entry = FieldInfo.from_annotation(values)
            return _Located((*table, key), str(loc[index + 1]), model, entry)
        else:
            # a leaf (further loc parts name union members, which we describe ourselves)
            return _Located(tuple(table), key, model, field)
    return None


def _unknown_key(where: _Located) -> Problem:
    path = ".".join((*where.table, where.key))
    valid = list(where.model.model_fields)
    close = difflib.get_close_matches(where.key, valid, n=1, cutoff=0.6)
    if close:
        hint = f"did you mean '{close[0]}'?"
    else:
        hint = f"valid keys in {table_label(where.table)}: " + ", ".join(valid)
    return Problem(path, f"unknown key '{where.key}' in {table_label(where.table)}", hint)


def _wrong_value(where: _Located, value: Any) -> Problem:
    assert where.field is not None
    path = ".".join((*where.table, where.key))
    expected = describe_expected(where.key, where.field)
    if _model_class(where.field.annotation) is not None:
        message = f"'{path}' must be a table [{path}], not {format_value(where.key, value)}"
        return Problem(path, message, f"write it as a [{path}] section with its keys below")
    shown = format_value(where.key, value)
    message = f"{table_label(where.table)} {where.key} = {shown} is not valid"
    return Problem(path, message, f"expected {expected}")


def describe_errors(root: type[BaseModel], errors: Sequence[ErrorDetails]) -> list[Problem]:
    """One ``Problem`` per offending key, in the order pydantic reported them."""
    problems: list[Problem] = []
    seen: set[str] = set()
    for error in errors:
        where = _locate(root, error["loc"])
        if where is None:
            loc = ".".join(str(part) for part in error["loc"])
            if loc not in seen:
                seen.add(loc)
                problems.append(Problem(loc, f"'{loc}' is not valid: {error['msg']}"))
            continue
        path = ".".join((*where.table, where.key))
        if path in seen:
            continue
        seen.add(path)
        if where.field is None:
            problems.append(_unknown_key(where))
        else:
            problems.append(_wrong_value(where, error.get("input")))
    return problems
