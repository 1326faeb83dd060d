"""A chat's plan kept on disk while the migration runs: planned once, written a chunk at a time
to a temporary file (0600, deleted when closed), and read back in order as often as needed, so
that memory does not grow with the chat. A short chat stays in memory (no file, no cost). What
the checks before sending need of the whole chat is counted while it is written."""

from __future__ import annotations

import copyreg
import io
import pickle
import struct
import tempfile
import zlib
from array import array
from collections.abc import Callable, Iterator
from dataclasses import fields
from typing import IO, Any

from migrator.plan.post import Attribution, Conversion, MessagePlan, Post, PostKey, Skipped

_CHUNK = 256  # plans pickled together (their shared strings once)
_IN_MEMORY = 4096  # plans kept in memory before the first go to the file
_LENGTH = struct.Struct("<I")


def _by_constructor(cls: type) -> Callable[[Any], tuple[type, tuple[Any, ...]]]:
    """Pickled as its constructor's arguments: read back several times faster than the
    generic state of a slotted dataclass."""
    names = tuple(field.name for field in fields(cls))

    def reduce(value: Any) -> tuple[type, tuple[Any, ...]]:
        return cls, tuple(getattr(value, name) for name in names)

    return reduce


_DISPATCH = copyreg.dispatch_table.copy()
_DISPATCH.update({cls: _by_constructor(cls) for cls in (MessagePlan, Post, PostKey, Skipped)})


class PlanSpool:
    """The plans of one chat, in order. Iterating reads them back from the file."""

    def __init__(self, *, owner: str) -> None:
        self._owner = owner
        self._file: IO[bytes] | None = None
        self._pending: list[MessagePlan] = []
        self._plans = 0
        self.posts = 0
        self.converts_voice = False
        self.has_topics = False  # a forum's messages
        self.authors: dict[str, None] = {}  # who posts as themselves (not the owner), in order
        self._logins: dict[str, int] = {}
        self._order = array("I")  # post by post, the index of its author in ``_logins``

    def add(self, plan: MessagePlan) -> None:
        self._pending.append(plan)
        self._plans += 1
        if plan.topic_id is not None:
            self.has_topics = True
        for post in plan.posts:
            self.posts += 1
            self._order.append(self._logins.setdefault(post.author, len(self._logins)))
            if post.conversion is Conversion.VOICE_TO_MP4:
                self.converts_voice = True
            if post.attribution is Attribution.AUTHOR and post.author != self._owner:
                self.authors.setdefault(post.author)
        if len(self._pending) >= (_IN_MEMORY if self._file is None else _CHUNK):
            self._write()

    def authors_in_order(self) -> Iterator[str]:
        """The login of each post, in order."""
        logins = list(self._logins)
        return (logins[index] for index in self._order)

    def close(self) -> None:
        if self._file is not None:
            self._file.close()

    def __len__(self) -> int:
        return self._plans

    def __contains__(self, item: object) -> bool:
        return any(plan == item for plan in self)

    def __iter__(self) -> Iterator[MessagePlan]:
        pending = self._pending  # replaced, not changed, when written
        if self._file is not None:
            file = self._file
            position, end = 0, file.seek(0, 2)
            while position < end:
                file.seek(position)
                (length,) = _LENGTH.unpack(file.read(_LENGTH.size))
                data = file.read(length)
                position = file.tell()
                chunk: list[MessagePlan] = pickle.loads(zlib.decompress(data))  # noqa: S301
                yield from chunk
        yield from pending

    def _write(self) -> None:
        if self._file is None:
            # Created 0600 and already unlinked (POSIX): it holds chat text.
            self._file = tempfile.TemporaryFile()  # noqa: SIM115 (closed by close())
        self._file.seek(0, 2)
        for start in range(0, len(self._pending), _CHUNK):
            chunk = self._pending[start : start + _CHUNK]
            buffer = io.BytesIO()
            pickler = pickle.Pickler(buffer, pickle.HIGHEST_PROTOCOL)
            pickler.dispatch_table = _DISPATCH
            pickler.dump(chunk)
            data = zlib.compress(buffer.getvalue(), 1)
            self._file.write(_LENGTH.pack(len(data)) + data)
        self._pending = []
