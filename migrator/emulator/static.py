"""A folder served the way a web server serves it: index.html for folders, content types by
file name, redirects for folder URLs without the trailing slash, nothing outside the folder."""

from __future__ import annotations

import mimetypes
from pathlib import Path

from aiohttp import web

_TEXT_TYPES = ("text/", "application/javascript", "application/json", "image/svg+xml")


class StaticFolder:
    def __init__(self, root: Path, *, prefix: str) -> None:
        self.root = root
        self.prefix = prefix.rstrip("/")

    def routes(self) -> list[web.RouteDef]:
        return [
            web.get(self.prefix, self.redirect_to_folder),
            web.get(self.prefix + "/{tail:.*}", self.serve),
        ]

    async def redirect_to_folder(self, request: web.Request) -> web.StreamResponse:
        raise web.HTTPMovedPermanently(self.prefix + "/")

    async def serve(self, request: web.Request) -> web.StreamResponse:
        tail = request.match_info["tail"]
        root = self.root.resolve()
        target = (root / tail).resolve()
        if not target.is_relative_to(root) or any(p.startswith(".") for p in Path(tail).parts):
            raise web.HTTPNotFound()
        if target.is_dir():
            if tail and not tail.endswith("/"):
                raise web.HTTPMovedPermanently(f"{self.prefix}/{tail}/")
            target = target / "index.html"
        if not target.is_file():
            raise web.HTTPNotFound()
        content_type, _ = mimetypes.guess_type(target.name)
        content_type = content_type or "application/octet-stream"
        if content_type.startswith(_TEXT_TYPES):
            content_type += "; charset=utf-8"
        return web.FileResponse(target, headers={"Content-Type": content_type})
