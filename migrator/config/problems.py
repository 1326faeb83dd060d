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

from migrator.i18n import tr

# Keys whose values are never shown, in any table.
SECRET_KEYS = frozenset({"password", "access_token", "client_secret", "default_password"})

# What a value should look like, for fields whose type alone says too little.
_EXPECTED_OVERRIDES = {"verify_ssl": "expected.verify_ssl", "telegram_id": "expected.telegram_id"}


@dataclass(frozen=True, slots=True)
class Problem:
    key: str  # dotted path, e.g. "chat.datetime.timezone"
    message: str
    hint: str | None = None


def table_label(path: Sequence[str]) -> str:
    """How a table is named in a TOML file: ``[chat.datetime]``, or "the top level"."""
    return f"[{'.'.join(path)}]" if path else tr("problem.top_level")


def format_value(key: str, value: Any) -> str:
    """A TOML-like rendering of ``value``, hiding secrets."""
    if key in SECRET_KEYS:
        return tr("problem.hidden")
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str | int | float):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, dict):
        return tr("problem.a_table")
    if isinstance(value, list):
        return tr("problem.a_list")
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
        return tr("expected.bool")
    if annotation is int:
        return tr("expected.int")
    if annotation is str:
        return tr("expected.str")
    if isinstance(annotation, type) and issubclass(annotation, Enum):
        values = ", ".join(f'"{member.value}"' for member in annotation)
        return tr("expected.one_of", values=values)
    if typing.get_origin(annotation) in (typing.Union, types.UnionType):
        members = [arg for arg in typing.get_args(annotation) if arg is not type(None)]
        # "UserType | str" and the like: the enum lists the usual values
        enums = [arg for arg in members if isinstance(arg, type) and issubclass(arg, Enum)]
        if enums:
            return _describe_type(enums[0])
        return tr("expected.or").join(_describe_type(arg) for arg in members)
    if _model_class(annotation) is not None:
        return tr("expected.table")
    return tr("expected.other")


def describe_expected(name: str, field: FieldInfo) -> str:
    if name in _EXPECTED_OVERRIDES:
        return tr(_EXPECTED_OVERRIDES[name])
    text = _describe_type(field.annotation)
    low = next((m.ge for m in field.metadata if isinstance(m, Ge)), None)
    high = next((m.le for m in field.metadata if isinstance(m, Le)), None)
    if low is not None and high is not None:
        text += tr("expected.range", low=low, high=high)
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
    table = table_label(where.table)
    if close:
        hint = tr("problem.did_you_mean", key=close[0])
    else:
        hint = tr("problem.valid_keys", table=table, keys=", ".join(valid))
    return Problem(path, tr("problem.unknown_key", key=where.key, table=table), hint)


def _wrong_value(where: _Located, value: Any) -> Problem:
    assert where.field is not None
    path = ".".join((*where.table, where.key))
    expected = describe_expected(where.key, where.field)
    if _model_class(where.field.annotation) is not None:
        message = tr("problem.must_be_table", path=path, value=format_value(where.key, value))
        return Problem(path, message, tr("problem.write_as_table", path=path))
    shown = format_value(where.key, value)
    message = tr("problem.not_valid", table=table_label(where.table), key=where.key, value=shown)
    return Problem(path, message, tr("problem.expected", expected=expected))


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
                problems.append(Problem(loc, tr("problem.invalid", loc=loc, error=error["msg"])))
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
