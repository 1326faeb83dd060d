"""build_chat.py's command line: parse arguments, call the engine once, map errors to exit codes.

Exit codes: 0 all good; 1 some messages failed (or --verify found differences); 2 config or
input error; 3 server error.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from migrator.cli import (
    add_common_arguments,
    import_for_the_run,
    new_parser,
    prepare_console,
    run_reporting_errors,
)
from migrator.engine.options import DEFAULT_PARALLEL_CHATS, BuildOptions
from migrator.i18n import tr


def parse_args(argv: Sequence[str] | None = None) -> BuildOptions:
    parser = new_parser(
        prog="build_chat.py", description=tr("build.description"), epilog=tr("build.epilog")
    )
    add_common_arguments(parser)
    which = parser.add_mutually_exclusive_group()
    which.add_argument(
        "--chat",
        metavar="NAME|ID",
        nargs="+",
        help=tr("build.chat"),
    )
    which.add_argument(
        "--all-chats",
        action="store_true",
        help=tr("build.all_chats"),
    )
    parser.add_argument(
        "--parallel-chats",
        type=_positive,
        metavar="N",
        default=DEFAULT_PARALLEL_CHATS,
        help=tr("build.parallel_chats", default=DEFAULT_PARALLEL_CHATS),
    )
    parser.add_argument(
        "--dry-run",
        action="store_true",
        help=tr("build.dry_run"),
    )
    parser.add_argument(
        "--verify",
        action="store_true",
        help=tr("build.verify"),
    )
    parser.add_argument("--status", action="store_true", help=tr("build.status"))
    parser.add_argument(
        "--probe",
        action="store_true",
        help="check the TrueConf Server before migrating: run the checks in scratch chats "
        "(removed afterwards) and write <config name>.server-profile.json beside the config / "
        "проверить сервер перед переносом и записать профиль сервера рядом с config.toml",
    )
    parser.add_argument(
        "--probe-idle-seconds",
        type=_positive_seconds,
        default=90.0,
        metavar="N",
        help="--probe: how long the idle-connection check waits (default 90) / "
        "сколько секунд ждёт проверка простаивающего соединения",
    )
    parser.add_argument(
        "--ignore-probe",
        action="store_true",
        help="migrate even though the server profile (--probe) has a blocking finding / "
        "переносить, несмотря на препятствия в профиле сервера",
    )
    parser.add_argument(
        "--repair",
        action="store_true",
        help=tr("build.repair"),
    )
    parser.add_argument(
        "--new-chat",
        action="store_true",
        help=tr("build.new_chat"),
    )
    parser.add_argument(
        "--output",
        type=Path,
        metavar="DIR",
        help=tr("build.output"),
    )
    parser.add_argument(
        "--ledger",
        type=Path,
        metavar="PATH",
        help=tr("build.ledger"),
    )
    parser.add_argument("--quiet", action="store_true", help=tr("build.quiet"))
    args = parser.parse_args(argv)
    if args.repair and (args.dry_run or args.verify or args.new_chat):
        parser.error(
            "--repair cannot be combined with --dry-run, --verify or --new-chat / "
            "--repair нельзя сочетать с --dry-run, --verify или --new-chat"
        )
    if args.probe and (args.dry_run or args.verify or args.new_chat or args.repair):
        parser.error(
            "--probe runs on its own, without --dry-run, --verify, --repair or --new-chat / "
            "--probe запускается отдельно, без --dry-run, --verify, --repair и --new-chat"
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
        status=args.status,
        output_dir=args.output,
        ledger_path=args.ledger,
        quiet=args.quiet,
        verbosity=args.verbose,
        log_file=args.log_file,
        probe=args.probe,
        probe_idle_seconds=args.probe_idle_seconds,
        ignore_probe=args.ignore_probe,
    )


def _positive_seconds(value: str) -> float:
    try:
        seconds = float(value)
    except ValueError:
        seconds = 0.0
    if not seconds > 0:
        raise argparse.ArgumentTypeError(tr("cli.not_positive_seconds", value=value))
    return seconds


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value < 1:
        raise argparse.ArgumentTypeError(tr("build.not_positive", value=text))
    return value


def build_chat(options: BuildOptions) -> int:
    """The engine, imported once the arguments are read: --help and argument errors start
    without it (and the client library under it)."""
    run: Callable[[BuildOptions], int] = import_for_the_run("migrator.engine.run").build_chat
    return run(options)


def main(argv: Sequence[str] | None = None) -> int:
    prepare_console(argv)
    options = parse_args(argv)
    try:
        return run_reporting_errors(lambda: build_chat(options), config_path=options.config_path)
    except KeyboardInterrupt:
        key = "build.interrupted_new_chat" if options.new_chat else "build.interrupted"
        # On a terminal the progress line may be half drawn: start on a line of our own.
        start = "\n" if sys.stderr.isatty() else ""
        sys.stderr.write(start + tr(key) + "\n")
        return 130
