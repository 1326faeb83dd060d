"""Reading config.toml into a validated ``Config``, with one clear ``ConfigError`` for any problem.

Every secret found in the file is registered with ``migrator.secrets`` before anything else
happens, so no later message (ours, pydantic's, a library's log line) can show it.
"""

from __future__ import annotations

import json
import logging
import os
import re
import stat
import tomllib
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import ValidationError

from migrator.config.model import Config
from migrator.config.problems import SECRET_KEYS, Problem, describe_errors, format_value
from migrator.config.telegram_ids import parse_telegram_id
from migrator.errors import ConfigError
from migrator.i18n import tr
from migrator.secrets import register_secret

logger = logging.getLogger(__name__)

DEFAULT_CONFIG_PATH = Path("config.toml")
# A config with tens of thousands of [users] entries stays far below this; anything larger (or an
# endless file such as a device) is not a config.
MAX_CONFIG_BYTES = 16 * 1024 * 1024
_UTF8_BOM = "\ufeff"


def read_config_bytes(path: Path) -> bytes:
    try:
        with path.open("rb") as file:
            raw = file.read(MAX_CONFIG_BYTES + 1)
    except FileNotFoundError:
        raise ConfigError(
            tr("config.missing", path=_shown(path)), hint=tr("config.missing_hint")
        ) from None
    except OSError as exc:
        raise ConfigError(tr("config.unreadable", path=path, reason=exc.strerror)) from None
    if len(raw) > MAX_CONFIG_BYTES:
        raise ConfigError(
            tr("config.too_large", path=path, limit=MAX_CONFIG_BYTES // (1024 * 1024)),
            hint=tr("config.too_large_hint"),
        )
    return raw


def _shown(path: Path) -> str:
    """The path as given, and where it points when it is relative."""
    return str(path) if path.is_absolute() else f"{path} ({path.absolute()})"


def decode_config(raw: bytes, path: Path) -> str:
    """The file's text (a UTF-8 byte-order mark, as Notepad writes, is dropped)."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ConfigError(
            tr("config.not_utf8", path=path, byte=exc.start), hint=tr("config.not_utf8_hint")
        ) from None
    return text.removeprefix(_UTF8_BOM)


_ERROR_LINE = re.compile(r"\bline (\d+)")
_BACKSLASH_VALUE = re.compile(r'^\s*(?P<key>[\w.-]+)\s*=\s*"(?P<value>[^"]*\\[^"]*)"?')


def parse_toml(text: str, path: Path) -> dict[str, Any]:
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise toml_error(path, text, exc) from None


def toml_error(path: Path, text: str, error: Exception) -> ConfigError:
    """The error for a file that is not TOML (tomllib's or tomlkit's complaint, and a hint)."""
    return ConfigError(
        tr("config.not_toml", path=path, error=error), hint=_toml_hint(text, str(error))
    )


def _toml_hint(text: str, error: str) -> str:
    """A Windows path in double quotes (``"C:\\Users\\…"``) gets its own hint."""
    found = _ERROR_LINE.search(error)
    lines = text.splitlines()
    if found is not None and 0 < int(found.group(1)) <= len(lines):
        number = int(found.group(1))
        match = _BACKSLASH_VALUE.match(lines[number - 1])
        if match is not None:
            value = match.group("value")
            return tr(
                "config.backslash_hint",
                line=number,
                key=match.group("key"),
                example=value,
                forward=value.replace("\\", "/"),
            )
    return tr("config.not_toml_hint")


def checked_export_dir(config: Config, config_path: Path) -> Path:
    """The export folder ``telegram_export_dir`` names; ``ConfigError`` naming the config file,
    the key and the absolute path tried when it is empty or not a folder."""
    if not config.telegram_export_dir.strip():
        raise ConfigError(
            tr("config.export_empty", config=config_path), hint=tr("config.export_empty_hint")
        )
    export_dir = config.export_dir(config_path)
    if export_dir.is_dir():
        return export_dir
    raw = config.telegram_export_dir
    escaped = any(char in raw for char in "\t\n\r\b\f")
    raise ConfigError(
        tr(
            "config.export_missing",
            config=config_path,
            value=json.dumps(raw, ensure_ascii=False),
            tried=export_dir.absolute(),
        ),
        hint=tr("config.export_escape_hint")
        if escaped
        else tr("config.export_missing_hint", config=config_path),
    )


def iter_secrets(data: Mapping[str, Any]) -> Iterator[str]:
    """Every string stored under a secret key, at any depth."""
    for key, value in data.items():
        if isinstance(value, Mapping):
            yield from iter_secrets(value)
        elif key in SECRET_KEYS and isinstance(value, str) and value:
            yield value


def _semantic_problems(config: Config, config_path: Path) -> list[Problem]:
    """Checks a type cannot express: time zone names, telegram ids, the CA bundle file."""
    problems: list[Problem] = []
    timezone = config.chat.datetime.timezone
    try:
        ZoneInfo(timezone)
    except (ZoneInfoNotFoundError, ValueError):
        problems.append(
            Problem(
                "chat.datetime.timezone",
                tr("problem.timezone", value=format_value("timezone", timezone)),
                hint=tr("problem.timezone_hint"),
            )
        )
    verify = config.server.verify_ssl
    if isinstance(verify, str):
        bundle = Path(verify).expanduser()
        bundle = bundle if bundle.is_absolute() else config_path.parent / bundle
        if not bundle.is_file():
            problems.append(
                Problem(
                    "server.verify_ssl",
                    tr("problem.ca_bundle", value=format_value("verify_ssl", verify), path=bundle),
                    hint=tr("problem.ca_bundle_hint"),
                )
            )
    owners: dict[str, str] = {}
    for login, user in config.users.items():
        if not user.telegram_id:
            continue
        try:
            peer = str(parse_telegram_id(user.telegram_id, str(user.type)))
        except ValueError:
            shown = format_value("telegram_id", user.telegram_id)
            problems.append(
                Problem(
                    f"users.{login}.telegram_id",
                    tr("problem.telegram_id", login=login, value=shown),
                    hint=tr("problem.telegram_id_hint", format=tr("lookup.id_format")),
                )
            )
            continue
        if peer in owners:
            problems.append(
                Problem(
                    f"users.{login}.telegram_id",
                    tr("problem.same_id", first=owners[peer], second=login, peer=peer),
                    hint=tr("problem.same_id_hint"),
                )
            )
        else:
            owners[peer] = login
    return problems


def problems_error(path: Path, problems: list[Problem]) -> ConfigError:
    """One ``ConfigError`` that lists every problem (with its hint)."""
    if len(problems) == 1:
        only = problems[0]
        return ConfigError(f"{path}: {only.message}", hint=only.hint)
    lines = [tr("config.problems", path=path, count=len(problems))]
    for problem in problems:
        lines.append(f"  - {problem.message}")
        if problem.hint:
            lines.append(f"    → {problem.hint}")
    return ConfigError("\n".join(lines), hint=tr("config.problems_hint", path=path))


def config_from_data(data: Mapping[str, Any], path: Path) -> Config:
    """Validate already-parsed TOML data; ``ConfigError`` lists every problem at once."""
    for secret in iter_secrets(data):
        register_secret(secret)
    try:
        config = Config.model_validate(data)
    except ValidationError as exc:
        raise problems_error(path, describe_errors(Config, exc.errors())) from None
    problems = _semantic_problems(config, path)
    if problems:
        raise problems_error(path, problems)
    return config


def warn_if_exposed(path: Path, data: Mapping[str, Any]) -> None:
    """Log a warning when a file holding secrets can be read by other local users."""
    if os.name == "nt" or not any(True for _ in iter_secrets(data)):
        return
    try:
        mode = stat.S_IMODE(path.stat().st_mode)
    except OSError:
        return
    if mode & 0o077:
        logger.warning("%s", tr("config.exposed", path=path, mode=f"{mode:03o}"))


def load_config(path: Path) -> Config:
    """Read, parse and validate config.toml; ``ConfigError`` on any problem."""
    data = parse_toml(decode_config(read_config_bytes(path), path), path)
    config = config_from_data(data, path)
    warn_if_exposed(path, data)
    return config
