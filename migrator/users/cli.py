"""``parse_users.py``: arguments, logging, one call, the table, the exit code."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from migrator.cli import add_common_arguments, run_reporting_errors
from migrator.config import load_config
from migrator.intake.check import check_user_tokens
from migrator.intake.import_tokens import import_tokens
from migrator.intake.render import render_import_results, render_token_reports
from migrator.logs import configure_logging
from migrator.runlock import run_lock
from migrator.users.summary import render_users_summary
from migrator.users.update import update_users_from_export


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="parse_users.py",
        description="Fill [users] of config.toml with everyone who writes in the Telegram export; "
        "safe to run again (existing entries and your edits are kept).\n"
        "Заполняет [users] в config.toml участниками чата из экспорта Telegram; повторный "
        "запуск безопасен (ваши правки сохраняются).",
        epilog="Exit codes: 0 done; 1 needs attention (a token file was not imported, an account "
        "cannot sign in, [users] is empty, or an ambiguous match waits for your decision); 2 an "
        "error in config.toml, the export or the arguments; 3 the server is unreachable or "
        "refused the credentials (--match-server). Коды выхода: 0 — готово; 1 — требуется "
        "внимание (файл токена не загружен, кто-то не сможет войти, [users] пуст или "
        "неоднозначное сопоставление ждёт вашего решения); 2 — ошибка в config.toml, экспорте "
        "или аргументах; 3 — сервер недоступен или отверг учётные данные (--match-server).",
    )
    add_common_arguments(parser)
    parser.add_argument(
        "--chat",
        metavar="NAME|ID",
        help="which chat of a full-account export / какой чат из полного экспорта аккаунта",
    )
    parser.add_argument(
        "--all-chats",
        action="store_true",
        help="collect the people of every chat and write the plan [chats.<id>] into config.toml "
        "(the default for a full-account export without --chat) / собрать участников всех "
        "чатов и записать план [chats.<id>] в config.toml (по умолчанию для полного экспорта "
        "без --chat)",
    )
    mode = parser.add_mutually_exclusive_group()
    mode.add_argument(
        "--import-tokens",
        type=Path,
        metavar="DIR",
        help="merge the <login>.toml files from the token page into [users] / "
        "загрузить файлы токенов <login>.toml в [users]",
    )
    mode.add_argument(
        "--match-server",
        action="store_true",
        help="map people onto the accounts the server already has (LDAP/AD), read with the "
        "[server] credentials; only sure matches are mapped / сопоставить людей с уже "
        "существующими учётными записями сервера; объединяются только точные совпадения",
    )
    mode.add_argument(
        "--check-tokens",
        action="store_true",
        help="list missing, expired and soon-expiring tokens / "
        "показать отсутствующие и истекающие токены",
    )
    return parser


# What the administrator reads (kept together for the message catalogue).
_PLAN_LINE = (
    "Chats planned in [chats]: {added} new, {kept} kept as you wrote them, {gone} no longer in "
    "the export (marked in a comment). Edit name, type, owner or migrate = false there, then run "
    "build_chat.py --all-chats."
)
_BOTH_CHOICES = "--chat and --all-chats exclude each other / --chat и --all-chats несовместимы"


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
        sys.stdout.write(_PLAN_LINE.format(added=added, kept=kept, gone=gone) + "\n")
    if not run.people.persons:
        sys.stderr.write(
            "Nothing to add: no one writes in this chat of the export (it has no messages with "
            "an author).\n  → Check that telegram_export_dir in the config names the right "
            "export, and export the chat again with its message history.\n"
        )
        return 1
    return 1 if run.undecided else 0


def _import_tokens(args: argparse.Namespace) -> int:
    results = import_tokens(args.config, args.import_tokens)
    sys.stdout.write(render_import_results(results) + "\n")
    return 0 if all(result.accepted for result in results) else 1


def _check_tokens(args: argparse.Namespace) -> int:
    config = load_config(args.config)
    reports = check_user_tokens(config, config.users)
    if not reports:
        sys.stdout.write(f"[users] of {args.config} is empty: run parse_users.py first.\n")
        return 1
    sys.stdout.write(render_token_reports(reports) + "\n")
    return 1 if any(report.blocking for report in reports) else 0


def main(argv: Sequence[str] | None = None) -> int:
    """Exit code: 0 done, 1 something needs attention, ``MigratorError.exit_code`` on errors."""
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.all_chats and args.chat is not None:
        parser.error(_BOTH_CHOICES)
    configure_logging(args.verbose, args.log_file)

    def act() -> int:
        if args.check_tokens:  # reads only
            return _check_tokens(args)
        with run_lock(
            args.config,
            what=f"The config file {args.config}",
            program="parse_users.py",
            purpose="--import-tokens" if args.import_tokens is not None else "[users] update",
        ):
            if args.import_tokens is not None:
                return _import_tokens(args)
            return _collect_users(args)

    return run_reporting_errors(act)
