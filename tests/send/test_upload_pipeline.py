"""Uploads started ahead of their posts: a failure reaches the post that waits for it, and one
that nobody waits for any more (the run stopped) leaves nothing for asyncio to print."""

from __future__ import annotations

import asyncio
import gc
from pathlib import Path
from typing import Any

from migrator.connector.model import UploadSource
from migrator.retry import FailureKind, ServerFailure
from migrator.send.pipeline import UploadPipeline

from .fake_connector import FakeConnector, FakeServer
from .posts import file, text


class FailingUploads(FakeConnector):
    async def upload(self, login: str, source: UploadSource) -> str:
        raise ServerFailure(FailureKind.UNKNOWN, "ServerDisconnectedError: Server disconnected")


async def test_a_failed_upload_nobody_waits_for_leaves_nothing_for_asyncio_to_print(
    tmp_path: Path,
) -> None:
    """The run stopped before the post's turn (however it stopped): asyncio would print the
    upload's failure with its traceback when its task is collected, under the run's own error."""
    photo = tmp_path / "photo.jpg"
    photo.write_bytes(b"\xff\xd8 not much of a photo")
    posts = [text(1, "alice", "first"), file(2, "alice", photo)]
    pipeline = UploadPipeline(
        connector=FailingUploads(FakeServer(), ("alice",)),
        prepare=None,
        lookahead=4,
        upload_concurrency=1,
    )
    unhandled: list[dict[str, Any]] = []
    asyncio.get_running_loop().set_exception_handler(lambda _, context: unhandled.append(context))

    pipeline.schedule_after(posts, 0, {}, lambda post: post.author)
    for _ in range(5):
        await asyncio.sleep(0)  # the upload runs and fails
    del pipeline
    gc.collect()
    await asyncio.sleep(0)

    assert unhandled == []


async def test_a_failed_upload_still_reaches_the_post_that_waits_for_it(tmp_path: Path) -> None:
    photo = tmp_path / "photo.jpg"
    photo.write_bytes(b"\xff\xd8 not much of a photo")
    posts = [text(1, "alice", "first"), file(2, "alice", photo)]
    server = FakeServer()
    connector = FailingUploads(server, ("alice",))
    pipeline = UploadPipeline(
        connector=connector,
        prepare=None,
        lookahead=4,
        upload_concurrency=1,
    )
    pipeline.schedule_after(posts, 0, {}, lambda post: post.author)
    await asyncio.sleep(0.01)
    try:
        await pipeline.temporal_file(posts[1], "alice")
    except ServerFailure as failure:
        assert "Server disconnected" in str(failure)
    else:
        raise AssertionError("the upload's failure was lost")
