"""``add_users_to_server.py``: arguments, logging, one call, the table, the exit code."""

from __future__ import annotations

import argparse
import asyncio
import sys
from collections.abc import Sequence

import httpx

from migrator.accounts.run import add_users
from migrator.accounts.table import render_dry_run, render_results
from migrator.cli import add_common_arguments, new_parser, prepare_console, run_reporting_errors
from migrator.config import load_config
from migrator.i18n import tr
from migrator.logs import configure_logging
from migrator.secrets import redact


def build_parser() -> argparse.ArgumentParser:
    parser = new_parser(
        prog="add_users_to_server.py",
        description=tr("accounts.description"),
        epilog=tr("accounts.epilog"),
    )
    add_common_arguments(parser)
    parser.add_argument(
        "--dry-run",
        action="store_true",
        help=tr("accounts.dry_run"),
    )
    parser.add_argument(
        "--concurrency",
        type=int,
        default=4,
        metavar="N",
        help=tr("accounts.concurrency"),
    )
    return parser


def main(
    argv: Sequence[str] | None = None, *, transport: httpx.AsyncBaseTransport | None = None
) -> int:
    """Exit code: 0 all accounts exist now, 1 some failed, ``MigratorError.exit_code`` otherwise."""
    prepare_console(argv)
    args = build_parser().parse_args(argv)
    configure_logging(args.verbose, args.log_file)

    def create_accounts() -> int:
        config = load_config(args.config)
        outcome = asyncio.run(
            add_users(
                config,
                dry_run=args.dry_run,
                concurrency=args.concurrency,
                config_dir=args.config.resolve().parent,
                transport=transport,
            )
        )
        name = str(args.config)
        table = (
            render_dry_run(outcome.plan, config_name=name)
            if outcome.dry_run
            else render_results(outcome, config_name=name)
        )
        sys.stdout.write(redact(table))
        return outcome.exit_code

    return run_reporting_errors(create_accounts, config_path=args.config)
