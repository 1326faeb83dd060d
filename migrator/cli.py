"""What the three scripts share: the common options and the one place errors are shown."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path

from migrator.config import DEFAULT_CONFIG_PATH
from migrator.errors import MigratorError
from migrator.secrets import redact


def prepare_console() -> None:
    """Never crash on the console's encoding (cp1251, cp866, ascii: a redirected Windows console,
    Task Scheduler): characters it cannot show (an emoji in a name) are replaced."""
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(errors="replace")


def add_common_arguments(parser: argparse.ArgumentParser) -> None:
    """``--config``, ``-v`` and ``--log-file``, spelled the same in every script."""
    parser.add_argument(
        "--config",
        type=Path,
        default=DEFAULT_CONFIG_PATH,
        metavar="PATH",
        help="path of config.toml (default: ./config.toml) / путь к config.toml",
    )
    parser.add_argument(
        "-v",
        "--verbose",
        action="count",
        default=0,
        help="more detail (-vv: debug, secrets still hidden) / подробнее",
    )
    parser.add_argument(
        "--log-file",
        type=Path,
        metavar="PATH",
        help="also write the log to this file / писать журнал в файл",
    )


def run_reporting_errors(action: Callable[[], int]) -> int:
    """Run a script's action; a ``MigratorError`` is printed once, redacted, as its exit code."""
    try:
        return action()
    except MigratorError as exc:
        sys.stderr.write(f"Error: {redact(str(exc))}\n")
        return exc.exit_code
