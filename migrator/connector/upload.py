"""File uploads off the critical path, over one pooled HTTP connection.

The client library opens a new HTTP session for every upload and uploads inside ``sendFile``, which
puts two round trips and a handshake on the ordered path. Here the two upload steps run ahead of
time: ``uploadFile`` through the author's own connection (the library's method object), then the
multipart POST with a shared ``aiohttp`` session, streamed from the open files (a large video is
never held in memory); the ordered path only sends ``sendFile``.
"""

from __future__ import annotations

import ssl
from contextlib import ExitStack

import aiohttp
from trueconf.exceptions import FileUploadError
from trueconf.methods.upload_file import UploadFile

from migrator.connector.model import UploadSource
from migrator.connector.session import AuthorSession, ServerTarget
from migrator.i18n import tr

UPLOAD_PATH = "/bridge/api/client/v1/files"
STICKER_CONTENT_TYPE = "sticker/webp"


class Uploader:
    """Uploads files for any author through one connection pool."""

    def __init__(
        self, target: ServerTarget, *, user_agent: str = "telegram-trueconf-migration"
    ) -> None:
        self._target = target
        self._session: aiohttp.ClientSession | None = None
        self._user_agent = user_agent

    def _client(self) -> aiohttp.ClientSession:
        if self._session is None:
            verify = self._target.verify
            ssl_arg: ssl.SSLContext | bool
            if isinstance(verify, str):
                ssl_arg = ssl.create_default_context(cafile=verify)
            else:
                ssl_arg = verify
            connector = aiohttp.TCPConnector(ssl=ssl_arg if self._target.https else False, limit=8)
            timeout = aiohttp.ClientTimeout(
                total=None, sock_connect=10, sock_read=self._target.request_timeout
            )
            self._session = aiohttp.ClientSession(
                connector=connector, timeout=timeout, headers={"User-Agent": self._user_agent}
            )
        return self._session

    async def upload(self, session: AuthorSession, source: UploadSource) -> str:
        """Upload as ``session``'s author; return the temporal file id for ``sendFile``."""
        size = source.path.stat().st_size
        task = await session.call(
            lambda bot: bot(UploadFile(file_size=size, file_name=source.file_name))
        )
        url = self._target.base_url + UPLOAD_PATH
        with ExitStack() as files:
            form = aiohttp.FormData(quote_fields=False)
            form.add_field(
                "file",
                files.enter_context(source.path.open("rb")),
                filename=source.file_name,
                content_type=source.content_type,
            )
            if source.preview is not None:
                form.add_field(
                    "preview",
                    files.enter_context(source.preview.open("rb")),
                    filename=source.preview.name,
                    content_type=source.preview_content_type,
                )
            try:
                async with self._client().post(
                    url, data=form, headers={"Upload-Task-Id": task.upload_task_id}
                ) as response:
                    response.raise_for_status()
                    result = await response.json()
            except (aiohttp.ClientError, TimeoutError, ValueError) as exc:
                raise FileUploadError(
                    tr("connection.upload_failed", error=f"{type(exc).__name__}: {exc}")
                ) from exc
        temporal_id = result.get("temporalFileId") if isinstance(result, dict) else None
        if not temporal_id:
            raise FileUploadError(tr("connection.upload_no_id"))
        return str(temporal_id)

    async def aclose(self) -> None:
        if self._session is not None:
            await self._session.close()
            self._session = None
