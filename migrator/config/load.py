"""Reading config.toml into a validated ``Config``, with one clear ``ConfigError`` for any problem.

Every secret found in the file is registered with ``migrator.secrets`` before anything else
happens, so no later message (ours, pydantic's, a library's log line) can show it.
"""

from __future__ import annotations

import logging
import os
import stat
import tomllib
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import ValidationError

from migrator.config.model import Config
from migrator.config.problems import SECRET_KEYS, Problem, describe_errors, format_value
from migrator.config.telegram_ids import TELEGRAM_ID_FORMAT, parse_telegram_id
from migrator.errors import ConfigError
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
            f"{path}: no such file",
            hint="copy the config.toml template from the tool's folder, fill it in, "
            "or pass another file with --config PATH",
        ) from None
    except OSError as exc:
        raise ConfigError(f"{path}: cannot be read ({exc.strerror})") from None
    if len(raw) > MAX_CONFIG_BYTES:
        raise ConfigError(
            f"{path}: larger than {MAX_CONFIG_BYTES // (1024 * 1024)} MB, which no config.toml is",
            hint="check that --config names the config.toml file (copy the template from the "
            "tool's folder if it is lost)",
        )
    return raw


def decode_config(raw: bytes, path: Path) -> str:
    """The file's text (a UTF-8 byte-order mark, as Notepad writes, is dropped)."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ConfigError(
            f"{path}: not UTF-8 text (byte {exc.start})",
            hint="save the file in the UTF-8 encoding",
        ) from None
    return text.removeprefix(_UTF8_BOM)


def parse_toml(text: str, path: Path) -> dict[str, Any]:
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(
            f"{path}: not valid TOML: {exc}",
            hint='check quotes and brackets on that line; text values need quotes: key = "value"',
        ) from None


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
                f"[chat.datetime] timezone = {format_value('timezone', timezone)} is not a known "
                "time zone",
                hint='use an IANA name such as "Europe/Moscow", "Asia/Yekaterinburg" or "UTC"',
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
                    f"[server] verify_ssl = {format_value('verify_ssl', verify)}: no such file "
                    f"({bundle})",
                    hint="write true or false without quotes, or the path of a CA bundle (PEM); "
                    "a relative path is taken from the config file's folder",
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
                    f"[users.{login}] telegram_id = {shown} is not a Telegram id",
                    hint=f"expected {TELEGRAM_ID_FORMAT}; parse_users.py fills it in",
                )
            )
            continue
        if peer in owners:
            problems.append(
                Problem(
                    f"users.{login}.telegram_id",
                    f"[users.{owners[peer]}] and [users.{login}] both have the Telegram id {peer}",
                    hint="one Telegram author maps to one TrueConf account: remove one of the "
                    "two entries or clear its telegram_id",
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
    lines = [f"{path}: {len(problems)} problems:"]
    for problem in problems:
        lines.append(f"  - {problem.message}")
        if problem.hint:
            lines.append(f"    → {problem.hint}")
    return ConfigError("\n".join(lines), hint=f"fix these keys in {path} and run again")


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
        logger.warning(
            "%s holds passwords or tokens and other users of this computer can read it "
            "(mode %03o); restrict it with: chmod 600 %s",
            path,
            mode,
            path,
        )


def load_config(path: Path) -> Config:
    """Read, parse and validate config.toml; ``ConfigError`` on any problem."""
    data = parse_toml(decode_config(read_config_bytes(path), path), path)
    config = config_from_data(data, path)
    warn_if_exposed(path, data)
    return config
