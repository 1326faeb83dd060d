"""``add_users_to_server.py``: arguments, logging, one call, the table, the exit code."""

from __future__ import annotations

import argparse
import asyncio
import sys
from collections.abc import Sequence

import httpx

from migrator.accounts.run import add_users
from migrator.accounts.table import render_dry_run, render_results
from migrator.cli import add_common_arguments, prepare_console, run_reporting_errors
from migrator.config import load_config
from migrator.logs import configure_logging
from migrator.secrets import redact


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="add_users_to_server.py",
        description="Create the accounts listed in [users] of config.toml on TrueConf Server. "
        "Accounts that already exist are left as they are, so it is safe to run again.\n"
        "Создаёт учётные записи из [users] в config.toml на TrueConf Server; "
        "существующие не меняются, повторный запуск безопасен.",
        epilog="Exit codes: 0 every account exists now (--dry-run: none refused); 1 some accounts "
        "failed or were refused; 2 an error in config.toml or the arguments; 3 the server is "
        "unreachable or refused the credentials. Коды выхода: 0 — все учётные записи есть на "
        "сервере (--dry-run: ни одна не отклонена); 1 — часть не создана или отклонена; 2 — "
        "ошибка в config.toml или аргументах; 3 — сервер недоступен или отверг учётные данные.",
    )
    add_common_arguments(parser)
    parser.add_argument(
        "--dry-run",
        action="store_true",
        help="show what would be created, send nothing / только показать, ничего не создавать",
    )
    parser.add_argument(
        "--concurrency",
        type=int,
        default=4,
        metavar="N",
        help="accounts created at the same time (default 4) / одновременных запросов",
    )
    return parser


def main(
    argv: Sequence[str] | None = None, *, transport: httpx.AsyncBaseTransport | None = None
) -> int:
    """Exit code: 0 all accounts exist now, 1 some failed, ``MigratorError.exit_code`` otherwise."""
    prepare_console()
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
        table = render_dry_run(outcome.plan) if outcome.dry_run else render_results(outcome)
        sys.stdout.write(redact(table))
        return outcome.exit_code

    return run_reporting_errors(create_accounts)
