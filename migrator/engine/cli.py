"""build_chat.py's command line: parse arguments, call the engine once, map errors to exit codes.

Exit codes: 0 all good; 1 some messages failed (or --verify found differences); 2 config or
input error; 3 server error.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from migrator.cli import add_common_arguments, run_reporting_errors
from migrator.engine.options import DEFAULT_PARALLEL_CHATS, BuildOptions
from migrator.engine.run import build_chat


def parse_args(argv: Sequence[str] | None = None) -> BuildOptions:
    parser = argparse.ArgumentParser(
        prog="build_chat.py",
        description="Migrate a Telegram Desktop export into a TrueConf chat; safe to run again "
        "(the ledger resumes where a run stopped and never posts anything twice). Переносит "
        "экспорт Telegram в чат TrueConf; повторный запуск безопасен (продолжает с места "
        "остановки и ничего не публикует дважды).",
        epilog="Exit codes: 0 all good; 1 some messages failed, or --verify found differences; "
        "2 an error in config.toml, the export or the arguments; 3 a server error; 130 "
        "interrupted (run the same command again to resume). Коды выхода: 0 — всё в порядке; "
        "1 — часть сообщений не перенесена или --verify нашёл расхождения; 2 — ошибка в "
        "config.toml, экспорте или аргументах; 3 — ошибка сервера; 130 — прервано (запустите "
        "ту же команду, чтобы продолжить).",
    )
    add_common_arguments(parser)
    which = parser.add_mutually_exclusive_group()
    which.add_argument(
        "--chat",
        metavar="NAME|ID",
        nargs="+",
        help="which chat (or chats) of a full-account export, as planned in [chats] / какой чат "
        "(или чаты) из полного экспорта аккаунта, по плану [chats]",
    )
    which.add_argument(
        "--all-chats",
        action="store_true",
        help="migrate every chat of a full-account export as planned in [chats] (migrate = "
        "false skipped), each into its own TrueConf chat / перенести все чаты экспорта по плану "
        "[chats] (кроме migrate = false), каждый в свой чат",
    )
    parser.add_argument(
        "--parallel-chats",
        type=_positive,
        metavar="N",
        default=DEFAULT_PARALLEL_CHATS,
        help=f"chats migrated at the same time (default {DEFAULT_PARALLEL_CHATS}) / "
        "сколько чатов переносится одновременно",
    )
    parser.add_argument(
        "--dry-run",
        action="store_true",
        help="print the preflight, write the preview and report; send nothing / "
        "только проверка и превью, ничего не отправлять",
    )
    parser.add_argument(
        "--verify",
        action="store_true",
        help="read the migrated chat back and compare it with the export and the ledger; sends "
        "nothing / сверить чат на сервере с экспортом (ничего не отправляет)",
    )
    parser.add_argument(
        "--repair",
        action="store_true",
        help="after --verify found posts the server no longer has: send exactly those again, "
        "after the others (the report marks them re-sent out of order) / отправить заново "
        "сообщения, которые сервер потерял (в конце чата; в отчёте помечены)",
    )
    parser.add_argument(
        "--new-chat",
        action="store_true",
        help="forget this chat in the ledger and migrate into a new TrueConf chat / "
        "перенести заново в новый чат",
    )
    parser.add_argument(
        "--output",
        type=Path,
        metavar="DIR",
        help="folder for the report, preview and log (default: ./migration-output/<chat>/) / "
        "папка отчётов",
    )
    parser.add_argument(
        "--ledger",
        type=Path,
        metavar="PATH",
        help="ledger file (default: <config name>.ledger.sqlite beside the config) / "
        "файл журнала переноса",
    )
    parser.add_argument(
        "--quiet", action="store_true", help="no progress line and no totals line / без индикатора"
    )
    args = parser.parse_args(argv)
    if args.repair and (args.dry_run or args.verify or args.new_chat):
        parser.error(
            "--repair cannot be combined with --dry-run, --verify or --new-chat / "
            "--repair нельзя сочетать с --dry-run, --verify или --new-chat"
        )
    return BuildOptions(
        config_path=args.config,
        chat=args.chat[0] if args.chat and len(args.chat) == 1 else None,
        chats=tuple(args.chat) if args.chat and len(args.chat) > 1 else (),
        parallel_chats=args.parallel_chats,
        all_chats=args.all_chats,
        dry_run=args.dry_run,
        verify=args.verify,
        repair=args.repair,
        new_chat=args.new_chat,
        output_dir=args.output,
        ledger_path=args.ledger,
        quiet=args.quiet,
        verbosity=args.verbose,
        log_file=args.log_file,
    )


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value < 1:
        raise argparse.ArgumentTypeError(
            f"{text!r} is not a whole number of 1 or more / нужно целое число не меньше 1"
        )
    return value


def main(argv: Sequence[str] | None = None) -> int:
    options = parse_args(argv)
    try:
        return run_reporting_errors(lambda: build_chat(options))
    except KeyboardInterrupt:
        sys.stderr.write("interrupted: run the same command again to resume\n")
        return 130
