"""Values exchanged with the admin REST API."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum


@dataclass(frozen=True, slots=True)
class ServerInfo:
    """What ``GET /api/v4/server`` says about the server."""

    display_name: str  # the server's name, also the domain part of TrueConf IDs
    version: str


@dataclass(frozen=True, slots=True)
class ServerUser:
    """An account as ``GET /api/v4/users`` lists it."""

    login: str
    display_name: str = ""
    email: str = ""


@dataclass(frozen=True, slots=True)
class NewUser:
    """An account to create. The password is kept out of ``repr`` so it never reaches a log."""

    login: str
    display_name: str
    email: str
    password: str = field(repr=False)


class CreateStatus(StrEnum):
    CREATED = "created"
    EXISTS = "exists"
    MAPPED = "mapped"  # an existing account [users] was mapped onto: checked, not created
    FAILED = "failed"


@dataclass(frozen=True, slots=True)
class CreateResult:
    login: str
    status: CreateStatus
    reason: str | None = None  # why it failed (never contains a secret)

    @classmethod
    def created(cls, login: str) -> CreateResult:
        return cls(login, CreateStatus.CREATED)

    @classmethod
    def exists(cls, login: str) -> CreateResult:
        return cls(login, CreateStatus.EXISTS)

    @classmethod
    def mapped(cls, login: str) -> CreateResult:
        return cls(login, CreateStatus.MAPPED)

    @classmethod
    def failed(cls, login: str, reason: str) -> CreateResult:
        return cls(login, CreateStatus.FAILED, reason)
