"""The server profile: what the probe found, as a typed, versioned JSON file beside the config."""

from __future__ import annotations

import contextlib
import os
import tempfile
from datetime import UTC, datetime
from enum import StrEnum
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, JsonValue, ValidationError

from migrator.errors import ConfigError
from migrator.i18n import tr

FORMAT_VERSION = 1


class CheckStatus(StrEnum):
    OK = "ok"
    DIFFERS = "differs"  # the migration adapts (the effect says how)
    BLOCKING = "blocking"  # the migration refuses to start (the effect says why)


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class CheckResult(_Strict):
    status: CheckStatus
    observed: JsonValue = None
    effect: str = ""


class ServerInfo(_Strict):
    version: str | None = None
    address: str = ""  # the base URL the probe used


class ServerProfile(_Strict):
    format: int = FORMAT_VERSION
    server: ServerInfo
    probed_at: datetime
    checks: dict[str, CheckResult] = Field(default_factory=dict)

    def age(self, now: datetime | None = None) -> float:
        """Seconds since the probe ran."""
        return ((now or datetime.now(UTC)) - self.probed_at).total_seconds()

    def status(self, name: str) -> CheckStatus | None:
        check = self.checks.get(name)
        return check.status if check is not None else None

    @property
    def blocking(self) -> dict[str, CheckResult]:
        return {n: c for n, c in self.checks.items() if c.status is CheckStatus.BLOCKING}


def profile_path_for(config_path: Path) -> Path:
    """The default profile file: ``<config dir>/<config stem>.server-profile.json``."""
    return config_path.with_name(f"{config_path.stem}.server-profile.json")


def write_profile(path: Path, profile: ServerProfile) -> None:
    """Write atomically (temporary file + rename), mode 0600."""
    data = (profile.model_dump_json(indent=2) + "\n").encode("utf-8")
    descriptor, temporary = tempfile.mkstemp(
        dir=path.parent, prefix=f".{path.name}.", suffix=".tmp"
    )
    try:
        with os.fdopen(descriptor, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        Path(temporary).chmod(0o600)
        Path(temporary).replace(path)
    except BaseException:
        with contextlib.suppress(OSError):
            Path(temporary).unlink()
        raise


def read_profile(path: Path) -> ServerProfile | None:
    """The profile at ``path``, or None when there is none. A damaged file is a ConfigError."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return None
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(
            tr("profile.unreadable", path=path, error=type(exc).__name__),
            hint=tr("profile.delete_hint"),
        ) from exc
    try:
        profile = ServerProfile.model_validate_json(text)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(part) for part in first["loc"]) or tr("profile.whole_file")
        raise ConfigError(
            tr("profile.damaged", path=path, where=where, problem=first["msg"]),
            hint=tr("profile.delete_hint"),
        ) from exc
    if profile.format != FORMAT_VERSION:
        raise ConfigError(
            tr("profile.old_format", path=path, found=profile.format, expected=FORMAT_VERSION),
            hint=tr("profile.old_format_hint"),
        )
    return profile
