"""``parse_users.py``: arguments, logging, one call, the table, the exit code."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from migrator.cli import add_common_arguments, new_parser, prepare_console, run_reporting_errors
from migrator.config import load_config
from migrator.i18n import tr
from migrator.logs import configure_logging
from migrator.runlock import run_lock
from migrator.users.summary import render_users_summary
from migrator.users.update import update_users_from_export


def build_parser() -> argparse.ArgumentParser:
    parser = new_parser(
        prog="parse_users.py", description=tr("users.description"), epilog=tr("users.epilog")
    )
    add_common_arguments(parser)
    parser.add_argument(
        "--chat",
        metavar="NAME|ID",
        help=tr("users.chat"),
    )
    parser.add_argument(
        "--all-chats",
        action="store_true",
        help=tr("users.all_chats"),
    )
    mode = parser.add_mutually_exclusive_group()
    mode.add_argument(
        "--import-tokens",
        type=Path,
        metavar="DIR",
        help=tr("users.import_tokens"),
    )
    mode.add_argument(
        "--match-server",
        action="store_true",
        help=tr("users.match_server"),
    )
    mode.add_argument(
        "--check-tokens",
        action="store_true",
        help=tr("users.check_tokens"),
    )
    return parser


def _collect_users(args: argparse.Namespace) -> int:
    run = update_users_from_export(
        args.config, chat=args.chat, match_server=args.match_server, all_chats=args.all_chats
    )
    summary = render_users_summary(
        run.people,
        run.update,
        config_path=args.config,
        saved=run.saved,
        matching=run.matching,
        undecided=run.undecided,
    )
    sys.stdout.write(summary + "\n")
    if run.chats is not None:
        added, kept, gone = run.chats.counts
        sys.stdout.write(tr("users.plan_line", added=added, kept=kept, gone=gone) + "\n")
    if not run.people.persons:
        sys.stderr.write(tr("users.nothing_to_add", config=args.config) + "\n")
        return 1
    return 1 if run.undecided else 0


# The token modes import what they need when chosen: collecting users starts faster.


def _import_tokens(args: argparse.Namespace) -> int:
    from migrator.intake.import_tokens import import_tokens
    from migrator.intake.render import render_import_results

    results = import_tokens(args.config, args.import_tokens)
    sys.stdout.write(render_import_results(results) + "\n")
    return 0 if all(result.accepted for result in results) else 1


def _check_tokens(args: argparse.Namespace) -> int:
    from migrator.intake.check import check_user_tokens
    from migrator.intake.render import render_token_reports

    config = load_config(args.config)
    reports = check_user_tokens(config, config.users)
    if not reports:
        sys.stdout.write(tr("users.empty", config=args.config) + "\n")
        return 1
    sys.stdout.write(render_token_reports(reports) + "\n")
    return 1 if any(report.blocking for report in reports) else 0


def main(argv: Sequence[str] | None = None) -> int:
    """Exit code: 0 done, 1 something needs attention, ``MigratorError.exit_code`` on errors."""
    prepare_console(argv)
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.all_chats and args.chat is not None:
        parser.error(tr("users.chat_and_all_chats"))
    configure_logging(args.verbose, args.log_file, client_library=False)  # never imported here

    def act() -> int:
        if args.check_tokens:  # reads only
            return _check_tokens(args)
        with run_lock(
            args.config,
            what=tr("lock.what_config", path=args.config),
            program="parse_users.py",
            purpose="--import-tokens" if args.import_tokens is not None else "[users] update",
        ):
            if args.import_tokens is not None:
                return _import_tokens(args)
            return _collect_users(args)

    return run_reporting_errors(act, config_path=args.config)
