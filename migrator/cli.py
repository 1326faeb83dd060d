"""What the three scripts share: the common options and the one place errors are shown."""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Callable
from pathlib import Path

from migrator.errors import MigratorError
from migrator.secrets import redact

INTERRUPTED = "interrupted / прервано\n"
EXIT_INTERRUPTED = 130


def launch(module: str) -> int:
    """Import a script's module and run its ``main()``: Ctrl+C at any moment, imports included,
    exits 130 with one line instead of a traceback."""
    try:
        main: Callable[[], int] = importlib.import_module(module).main
        return main()
    except KeyboardInterrupt:
        sys.stderr.write(INTERRUPTED)
        return EXIT_INTERRUPTED


def add_common_arguments(parser: argparse.ArgumentParser) -> None:
    """``--config``, ``-v`` and ``--log-file``, spelled the same in every script."""
    from migrator.config import DEFAULT_CONFIG_PATH  # the config model is slow to import

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
