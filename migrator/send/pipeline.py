"""Preparing and uploading the next file posts in the background, ahead of the ordered path,
so that a file post costs one ``sendFile`` round trip when its turn comes."""

from __future__ import annotations

import asyncio
import mimetypes
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass

from migrator.connector import STICKER_CONTENT_TYPE, Connector, SessionUnavailable, UploadSource
from migrator.errors import MigratorError
from migrator.i18n import tr
from migrator.ledger import PostRecord, PostState
from migrator.plan.post import FILE_KINDS, Post, PostKey, PostKind
from migrator.plan.reference import post_reference

PrepareFn = Callable[[Post], Awaitable[UploadSource]]


def default_prepare(post: Post) -> UploadSource:
    """A file as it is (no conversion): the name it should carry, the type guessed from it."""
    if post.file is None:
        raise MigratorError(tr("media_run.no_file", post=post_reference(post)))
    name = post.file_name or post.file.name
    if post.kind is PostKind.STICKER:
        content_type = STICKER_CONTENT_TYPE
    else:
        content_type = mimetypes.guess_type(name)[0] or "application/octet-stream"
    return UploadSource(path=post.file, file_name=name, content_type=content_type)


@dataclass(frozen=True, slots=True)
class Uploaded:
    temporal_id: str
    file_name: str  # the name the server stores (a converted file may carry a new one)
    file_size: int


class UploadPipeline:
    """Uploads of the posts after the current one, started early and collected in order."""

    def __init__(
        self,
        *,
        connector: Connector,
        prepare: PrepareFn | None,
        lookahead: int,
        upload_concurrency: int,
    ) -> None:
        self._connector = connector
        self._prepare = prepare
        self._lookahead = lookahead
        self._upload_slots = asyncio.Semaphore(max(1, upload_concurrency))
        self._uploads: dict[PostKey, asyncio.Task[Uploaded]] = {}

    def schedule_after(
        self,
        posts: Sequence[Post],
        seq: int,
        records: dict[PostKey, PostRecord],
        sender_of: Callable[[Post], str],
    ) -> None:
        """Start the uploads of the file posts that follow ``posts[seq]`` and are not sent yet."""
        for ahead in posts[seq + 1 : seq + 1 + self._lookahead]:
            if ahead.kind not in FILE_KINDS or ahead.file is None or ahead.key in self._uploads:
                continue
            record = records.get(ahead.key)
            if record is not None and record.state is PostState.SENT:
                continue
            task = asyncio.create_task(self._prepare_and_upload(ahead, sender_of(ahead)))
            # A run may stop before this post's turn: the failure is then nobody's to read, and
            # asyncio would print it (with its traceback) when the task is collected.
            task.add_done_callback(_failure_seen)
            self._uploads[ahead.key] = task

    def ready(self, post: Post) -> bool:
        """The post's file is uploaded already (``temporal_file`` returns without waiting)."""
        task = self._uploads.get(post.key)
        return task is not None and task.done() and not task.cancelled() and not task.exception()

    async def temporal_file(self, post: Post, sender: str) -> Uploaded | None:
        """The post's uploaded file (None for a post without one), uploaded by ``sender``."""
        if post.kind not in FILE_KINDS:
            return None
        if post.file is None:
            raise MigratorError(tr("media_run.no_file", post=post_reference(post)))
        task = self._uploads.pop(post.key, None)
        if task is None:
            return await self._prepare_and_upload(post, sender)
        try:
            return await task
        except SessionUnavailable:
            raise
        except Exception:
            # A background upload failed or went to an author who since lost their session:
            # upload once more on the path, with this attempt's sender.
            return await self._prepare_and_upload(post, sender)

    def cancel_all(self) -> None:
        for task in self._uploads.values():
            task.cancel()
        self._uploads.clear()

    async def _prepare_and_upload(self, post: Post, sender: str) -> Uploaded:
        source = await self._prepare(post) if self._prepare else default_prepare(post)
        async with self._upload_slots:
            temporal_id = await self._connector.upload(sender, source)
        return Uploaded(temporal_id, source.file_name, source.path.stat().st_size)


def _failure_seen(task: asyncio.Task[Uploaded]) -> None:
    if not task.cancelled():
        task.exception()
