"""What the paths that talk to the server (verify, migration) share for one run."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TextIO

from migrator.config.model import Config
from migrator.connector import Connector, ServerTarget, SessionPool
from migrator.engine.options import BuildOptions
from migrator.plan_chats import ChosenChat
from migrator.telegram.model import ChatInfo


@dataclass(frozen=True, slots=True)
class ServerRun:
    config: Config
    options: BuildOptions
    chats: Sequence[ChatInfo]
    connector: Connector
    target: ServerTarget
    ledger_path: Path
    out: TextIO
    targets: Mapping[str, ChosenChat] = field(default_factory=dict)  # by chat key: the plan
    skipped: Sequence[ChosenChat] = ()  # migrate = false
    sessions: SessionPool | None = None  # the connector's: told each chat's posting order

    @property
    def several(self) -> bool:
        return len(self.chats) + len(self.skipped) > 1
