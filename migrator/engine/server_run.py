"""What the paths that talk to the server (verify, migration) share for one run."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

from migrator.config.model import Config
from migrator.connector import Connector, ServerTarget
from migrator.engine.options import BuildOptions
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

    @property
    def several(self) -> bool:
        return len(self.chats) > 1
