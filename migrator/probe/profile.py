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
            f"The server profile {path} cannot be read: {type(exc).__name__}",
            hint="delete it and run build_chat.py --probe again",
        ) from exc
    try:
        profile = ServerProfile.model_validate_json(text)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(part) for part in first["loc"]) or "(the whole file)"
        raise ConfigError(
            f"The server profile {path} is damaged: {where}: {first['msg']}",
            hint="delete it and run build_chat.py --probe again",
        ) from exc
    if profile.format != FORMAT_VERSION:
        raise ConfigError(
            f"The server profile {path} has format {profile.format}; this version reads "
            f"format {FORMAT_VERSION}",
            hint="run build_chat.py --probe again to write a current profile",
        )
    return profile
