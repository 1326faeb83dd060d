"""The client library's WebSocket, opened without permessage-deflate.

``trueconf.Bot`` opens its socket with ``websockets.connect`` and its defaults, which offer
permessage-deflate: every frame is then compressed by one side and decompressed by the other. A
migration's frames are small (a post, a push, the acknowledgement of a push) and there are many:
measured on the emulator with 30 authors connected, compression cost a tenth of the client's CPU
and a quarter of the server's for a few bytes saved. Compression is the client's to offer
(RFC 7692), so the door offers none: the library's reference to the ``websockets`` package is
replaced by one whose ``connect`` passes ``compression=None``. ``tests/connector/test_wire.py``
fails if the library stops opening its socket that way.
"""

from __future__ import annotations

from typing import Any

import websockets
from trueconf.client import bot as library_bot


class _WithoutCompression:
    """The ``websockets`` package as the library sees it, but for ``connect``."""

    def __getattr__(self, name: str) -> Any:
        return getattr(websockets, name)

    @staticmethod
    def connect(*args: Any, **kwargs: Any) -> Any:
        kwargs["compression"] = None
        return websockets.connect(*args, **kwargs)


def open_without_compression() -> None:
    """From now on, the library's sockets offer no compression (idempotent)."""
    if not isinstance(getattr(library_bot, "websockets", None), _WithoutCompression):
        setattr(library_bot, "websockets", _WithoutCompression())  # noqa: B010
