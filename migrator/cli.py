"""What the three scripts share: the console, the language, the common options, the parser in
the interface language, and the one place errors are shown."""

from __future__ import annotations

import _thread
import argparse
import gc
import importlib
import re
import sys
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from types import ModuleType
from typing import NoReturn

from migrator.errors import MigratorError
from migrator.i18n import Lang, choose_language, tr
from migrator.secrets import redact

INTERRUPTED = "interrupted / прервано\n"
EXIT_INTERRUPTED = 130


def launch(module: str) -> int:
    """Import a script's module and run its ``main()``: Ctrl+C at any moment, imports included,
    exits 130 with one line instead of a traceback."""
    sys.unraisablehook = _interrupt_again(sys.unraisablehook)
    try:
        main: Callable[[], int] = importlib.import_module(module).main
        return main()
    except KeyboardInterrupt:
        sys.stderr.write(INTERRUPTED)
        return EXIT_INTERRUPTED
    except RuntimeError as error:
        # Python 3.11 wraps what a class body's ``__set_name__`` raises: a Ctrl+C while a library
        # defines its classes (its dataclasses' fields) comes as a RuntimeError caused by it.
        if not isinstance(error.__cause__, KeyboardInterrupt):
            raise
        sys.stderr.write(INTERRUPTED)
        return EXIT_INTERRUPTED


def _interrupt_again(
    previous: Callable[[sys.UnraisableHookArgs], object],
) -> Callable[[sys.UnraisableHookArgs], None]:
    """A Ctrl+C that lands in a callback whose exceptions Python only prints ("Exception ignored
    in", e.g. the weakref callback of an import's module lock) would be lost, and the script go
    on: it is raised again in the main thread instead (CI once saw ``parse_users.py`` go on),
    from a thread of its own: raised from here, it would land in this hook and be ignored too."""

    def hook(unraisable: sys.UnraisableHookArgs) -> None:
        if isinstance(unraisable.exc_value, KeyboardInterrupt):
            _thread.start_new_thread(_thread.interrupt_main, ())
            return
        previous(unraisable)

    return hook


def import_for_the_run(module: str) -> ModuleType:
    """Import a module that lasts the whole run (the engine and the client library under it).
    Imports make lasting objects, not garbage: the collector is off meanwhile, and what they
    made is left out of its later passes (``gc.freeze``). Each full pass looks at every object
    alive, 30-50 ms with the engine loaded; a migration of 5,000 posts made two. In a process
    that has the module already, nothing is done."""
    if module in sys.modules:
        return sys.modules[module]
    collecting = gc.isenabled()
    gc.disable()
    try:
        imported = importlib.import_module(module)
    finally:
        if collecting:
            gc.enable()
    gc.freeze()
    return imported


def prepare_console(argv: Sequence[str] | None = None) -> Lang:
    """Never crash on the console's encoding (cp1251, cp866, ascii: a redirected Windows console,
    Task Scheduler): characters it cannot show (an emoji in a name) are replaced. Then choose
    the interface language (``--lang``, the locale, Windows' UI language)."""
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(errors="replace")
    return choose_language(sys.argv[1:] if argv is None else argv)


class _Formatter(argparse.HelpFormatter):
    def add_usage(
        self,
        usage: str | None,
        actions: Iterable[argparse.Action],
        groups: Iterable[argparse._MutuallyExclusiveGroup],
        prefix: str | None = None,
    ) -> None:
        super().add_usage(usage, actions, groups, tr("cli.usage") if prefix is None else prefix)


# argparse's own complaints (its texts have no Russian translation), in the interface language.
_ARGPARSE_ERRORS = (
    (
        re.compile(r"argument (?P<arg>\S+): not allowed with argument (?P<other>\S+)"),
        "cli.arg_conflict",
    ),
    (re.compile(r"unrecognized arguments: (?P<args>.*)"), "cli.arg_unknown"),
    (re.compile(r"argument (?P<arg>\S+): expected one argument"), "cli.arg_expected_one"),
    (
        re.compile(
            r"argument (?P<arg>\S+): invalid choice: (?P<value>.*) \(choose from (?P<choices>.*)\)"
        ),
        "cli.arg_choice",
    ),
    (re.compile(r"argument (?P<arg>\S+): invalid \w+ value: (?P<value>.*)"), "cli.arg_value"),
    (re.compile(r"the following arguments are required: (?P<args>.*)"), "cli.arg_required"),
    (re.compile(r"one of the arguments (?P<args>.*) is required"), "cli.arg_one_required"),
    (
        re.compile(r"ambiguous option: (?P<option>\S+) could match (?P<matches>.*)"),
        "cli.arg_ambiguous",
    ),
    (
        re.compile(r"argument (?P<arg>\S+): expected at least one argument"),
        "cli.arg_expected_some",
    ),
    (
        re.compile(r"argument (?P<arg>\S+): ignored explicit argument (?P<value>.*)"),
        "cli.arg_no_value",
    ),
    # last: a type's own complaint (ArgumentTypeError), already in the interface language
    (re.compile(r"argument (?P<arg>\S+): (?P<message>.*)"), "cli.arg_other"),
)


def argparse_message(message: str) -> str:
    for pattern, key in _ARGPARSE_ERRORS:
        match = pattern.fullmatch(message)
        if match is not None:
            return tr(key, **match.groupdict())
    return message


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        shown = argparse_message(message)
        self.exit(2, tr("cli.argument_error", prog=self.prog, message=shown) + "\n")


def new_parser(
    *, prog: str, description: str, epilog: str | None = None
) -> argparse.ArgumentParser:
    """An argument parser whose own words (usage, options, --help) are in the interface language."""
    parser = _Parser(
        prog=prog,
        description=description,
        epilog=epilog,
        add_help=False,
        formatter_class=_Formatter,
    )
    parser._optionals.title = tr("cli.options_title")
    parser.add_argument(
        "-h", "--help", action="help", default=argparse.SUPPRESS, help=tr("cli.help")
    )
    return parser


def add_lang_argument(parser: argparse.ArgumentParser) -> None:
    """``--lang ru|en`` (read early by ``prepare_console``; declared here for --help and checks)."""
    parser.add_argument(
        "--lang", choices=[lang.value for lang in Lang], metavar="ru|en", help=tr("cli.lang")
    )


def add_common_arguments(parser: argparse.ArgumentParser) -> None:
    """``--config``, ``-v``, ``--log-file`` and ``--lang``, spelled the same in every script."""
    from migrator.config import DEFAULT_CONFIG_PATH  # the config model is slow to import

    parser.add_argument(
        "--config",
        type=Path,
        default=DEFAULT_CONFIG_PATH,
        metavar="PATH",
        help=tr("cli.config"),
    )
    parser.add_argument(
        "-v",
        "--verbose",
        action="count",
        default=0,
        help=tr("cli.verbose"),
    )
    parser.add_argument("--log-file", type=Path, metavar="PATH", help=tr("cli.log_file"))
    add_lang_argument(parser)


# "config.toml" as the name of the file in use (not "the config.toml template", not a path).
_CONFIG_NAME = re.compile(r"(?<![\w/\\.-])config\.toml(?![\w-]| template)")


def naming_the_config(text: str, config_path: Path | None) -> str:
    """Messages written before the file is known say "config.toml": name the file given."""
    if config_path is None or str(config_path) == "config.toml":
        return text
    return _CONFIG_NAME.sub(lambda _: str(config_path), text)


def run_reporting_errors(action: Callable[[], int], *, config_path: Path | None = None) -> int:
    """Run a script's action; a ``MigratorError`` is printed once, redacted, as its exit code,
    naming the config file actually given (``--config``)."""
    try:
        return action()
    except MigratorError as exc:
        message = naming_the_config(redact(str(exc)), config_path)
        sys.stderr.write(tr("cli.error", message=message) + "\n")
        return exc.exit_code
