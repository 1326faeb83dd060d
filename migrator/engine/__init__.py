"""The migration engine: build_chat's one function and its options."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from migrator.engine.options import BuildOptions

if TYPE_CHECKING:
    from migrator.engine.run import build_chat


def __getattr__(name: str) -> Any:
    # The engine (and the client library under it) loads on first use, so that build_chat.py
    # --help and argument errors start without it.
    if name == "build_chat":
        from migrator.engine.run import build_chat

        return build_chat
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = ["BuildOptions", "build_chat"]
