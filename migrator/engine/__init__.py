"""The migration engine: build_chat's one function and its options."""

from migrator.engine.options import BuildOptions
from migrator.engine.run import build_chat

__all__ = ["BuildOptions", "build_chat"]
