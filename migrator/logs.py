"""Logging for the scripts: a console handler, an optional log file, and no secret anywhere.

Every handler carries ``RedactingFilter``. The client library attaches its own stderr handlers when
imported and logs frames and full responses at DEBUG; httpx logs full URLs (query-string tokens)
at INFO. Their handlers are removed (only ours print) and their loggers held at WARNING unless
``-vv`` is given. The library also logs every error it raises as ERROR (and every reconnect as a
WARNING), although the engine handles each one (retries it, or records it with its reason):
those records are lowered to INFO, so they reach the log file but never the console as errors.
"""

from __future__ import annotations

import logging
from pathlib import Path

from migrator.i18n import CATALOGUE, tr
from migrator.private_files import touch_private
from migrator.secrets import RedactingFilter

# Loggers of third-party code that log request URLs, frames or message bodies.
NOISY_LOGGERS = (
    "trueconf",
    "trueconf.client.chatbot",
    "trueconf.dispatcher",
    "chat_bot",
    "httpx",
    "httpx2",
    "httpcore",
    "httpcore2",
    "websockets",
    "aiohttp",
    "asyncio",
)
# The client library's own loggers (it logs to "chat_bot" too).
LIBRARY_LOGGERS = ("trueconf", "chat_bot")
_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"
_OURS = "_migrator_handler"


class LibraryLevelFilter(logging.Filter):
    """Lowers the client library's ERROR and WARNING records to INFO (see the module's doc)."""

    def filter(self, record: logging.LogRecord) -> bool:
        if record.levelno > logging.INFO:
            record.levelno = logging.INFO
            record.levelname = logging.getLevelName(logging.INFO)
        return True


def configure_logging(
    verbosity: int, log_file: Path | None = None, *, client_library: bool = True
) -> None:
    """Set up logging once per process; calling again replaces what an earlier call added.

    verbosity 0: warnings on the console, INFO in the file; 1: INFO on the console, DEBUG in the
    file; 2 and more: DEBUG everywhere, third-party loggers included (still redacted).
    ``client_library=False`` is for a script that never imports the client library (importing
    it only to remove its handlers takes most of a second).
    """
    if client_library:
        import trueconf.loggers  # noqa: F401  (it attaches its handlers on import: remove them)

    root = logging.getLogger()
    for handler in list(root.handlers):
        if getattr(handler, _OURS, False):
            root.removeHandler(handler)
            handler.close()
    root.setLevel(logging.DEBUG)

    console = logging.StreamHandler()
    console.setLevel(logging.WARNING if verbosity <= 0 else logging.INFO)
    if verbosity >= 2:
        console.setLevel(logging.DEBUG)
    _attach(root, console, _ConsoleFormatter(_FORMAT))

    if log_file is not None:
        touch_private(log_file)
        file_handler = logging.FileHandler(log_file, encoding="utf-8")
        file_handler.setLevel(logging.DEBUG if verbosity >= 1 else logging.INFO)
        _attach(root, file_handler)

    third_party_level = logging.DEBUG if verbosity >= 2 else logging.WARNING
    for name in NOISY_LOGGERS:
        logging.getLogger(name).setLevel(third_party_level)
    for name in (*NOISY_LOGGERS, *_library_loggers()):
        logger = logging.getLogger(name)
        for handler in list(logger.handlers):
            logger.removeHandler(handler)
        logger.propagate = True
    for name in _library_loggers():
        logger = logging.getLogger(name)
        if not any(isinstance(f, LibraryLevelFilter) for f in logger.filters):
            logger.addFilter(LibraryLevelFilter())


def _library_loggers() -> list[str]:
    """Every logger of the client library created so far (filters do not apply to children)."""
    names = set(LIBRARY_LOGGERS) | {"trueconf.client.chatbot", "trueconf.dispatcher"}
    names.update(
        name
        for name in logging.Logger.manager.loggerDict
        if name.split(".", 1)[0] in LIBRARY_LOGGERS
    )
    return sorted(names)


class _ConsoleFormatter(logging.Formatter):
    """The level in the interface language (the log file keeps the English one), and no
    traceback: the console shows what happened, the log file keeps the traceback."""

    def format(self, record: logging.LogRecord) -> str:
        if record.exc_info is None and record.exc_text is None and record.stack_info is None:
            return super().format(record)
        shown = logging.makeLogRecord(record.__dict__)
        shown.exc_info = shown.exc_text = shown.stack_info = None
        return super().format(shown)

    def formatMessage(self, record: logging.LogRecord) -> str:
        key = f"log.level.{record.levelname.lower()}"
        if key not in CATALOGUE:
            return super().formatMessage(record)
        shown = logging.makeLogRecord(record.__dict__)
        shown.levelname = tr(key)
        return super().formatMessage(shown)


def _attach(
    root: logging.Logger, handler: logging.Handler, formatter: logging.Formatter | None = None
) -> None:
    handler.setFormatter(formatter or logging.Formatter(_FORMAT))
    handler.addFilter(RedactingFilter())
    setattr(handler, _OURS, True)
    root.addHandler(handler)
