"""Logging for the scripts: a console handler, an optional log file, and no secret anywhere.

Every handler carries ``RedactingFilter``. The client library attaches its own stderr handlers when
imported and logs frames and full responses at DEBUG; httpx logs full URLs (query-string tokens)
at INFO. Their handlers are removed and their loggers held at WARNING unless ``-vv`` is given.
"""

from __future__ import annotations

import logging
from pathlib import Path

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
_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"
_OURS = "_migrator_handler"


def configure_logging(verbosity: int, log_file: Path | None = None) -> None:
    """Set up logging once per process; calling again replaces what an earlier call added.

    verbosity 0: warnings on the console, INFO in the file; 1: INFO on the console, DEBUG in the
    file; 2 and more: DEBUG everywhere, third-party loggers included (still redacted).
    """
    import trueconf.loggers  # noqa: F401  (it attaches its handlers on import: remove them after)

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
    _attach(root, console)

    if log_file is not None:
        log_file.parent.mkdir(parents=True, exist_ok=True)
        file_handler = logging.FileHandler(log_file, encoding="utf-8")
        file_handler.setLevel(logging.DEBUG if verbosity >= 1 else logging.INFO)
        _attach(root, file_handler)

    third_party_level = logging.DEBUG if verbosity >= 2 else logging.WARNING
    for name in NOISY_LOGGERS:
        logger = logging.getLogger(name)
        for handler in list(logger.handlers):
            logger.removeHandler(handler)
        logger.setLevel(third_party_level)
        logger.propagate = True


def _attach(root: logging.Logger, handler: logging.Handler) -> None:
    handler.setFormatter(logging.Formatter(_FORMAT))
    handler.addFilter(RedactingFilter())
    setattr(handler, _OURS, True)
    root.addHandler(handler)
