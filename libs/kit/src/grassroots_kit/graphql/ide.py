"""GraphiQL without a CDN: Strawberry's page with its scripts and styles served by the subgraph.

Strawberry's GraphiQL page loads React, GraphiQL and the explorer plugin from unpkg.com, which
is often unreachable from mainland China and always from an air-gapped network. The same files,
at the same pinned versions, come from npm with the gateway's development dependencies
(gateway/package.json); the page is rewritten to load them from `/graphiql/...` on the
subgraph itself. The page keeps Strawberry's subresource-integrity hashes, so a file that is not
byte for byte the one Strawberry pinned does not run. Development only: production serves no IDE.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

from starlette.requests import Request
from starlette.responses import FileResponse, PlainTextResponse, Response
from starlette.routing import Route

ASSETS_PATH = "/graphiql"
# https://unpkg.com/<package>@<version>/<file>, the package possibly scoped (@graphiql/...).
_CDN_URL = re.compile(r"https://unpkg\.com/((?:@[\w.-]+/)?[\w.-]+)@([\w.-]+)/([\w./-]+)")
_MEDIA_TYPES = {".js": "text/javascript", ".css": "text/css"}
# gateway/node_modules of the repository this kit's source sits in (libs/kit/src/grassroots_kit/
# graphql/ide.py). An installed kit (an image's site-packages, however shallow) finds none there
# and says so on the page; GRAPHIQL_ASSETS_DIR names another.
_SOURCE = Path(__file__).resolve()
DEFAULT_NODE_MODULES = (
    (_SOURCE.parents[5] if len(_SOURCE.parents) > 5 else _SOURCE.parent)
    / "gateway"
    / "node_modules"
)


@dataclass(frozen=True)
class _Asset:
    package: str
    version: str
    file: str

    @property
    def local_url(self) -> str:
        return f"{ASSETS_PATH}/{self.package}@{self.version}/{self.file}"


class GraphiQLAssets:
    """Rewrites Strawberry's GraphiQL page and serves the files it names from `node_modules`.

    Only the files the page names are served (nothing else under node_modules), and only when the
    installed package has the version the page pins; otherwise the page is a clear refusal
    naming the command that installs them, never a silent fall-back to the CDN."""

    def __init__(self, page: str, node_modules: Path) -> None:
        self._node_modules = node_modules
        assets = [_Asset(*match.groups()) for match in _CDN_URL.finditer(page)]
        self._files = {asset.local_url: asset for asset in assets}
        self.page = _CDN_URL.sub(lambda m: _Asset(*m.groups()).local_url, page)
        self.missing = [
            f"{asset.package}@{asset.version}/{asset.file}"
            for asset in assets
            if not self._installed(asset)
        ]

    def _installed(self, asset: _Asset) -> bool:
        manifest = self._node_modules / asset.package / "package.json"
        try:
            version = json.loads(manifest.read_text()).get("version")
        except (OSError, ValueError):
            return False
        return bool(version == asset.version and self._path(asset).is_file())

    def _path(self, asset: _Asset) -> Path:
        return self._node_modules / asset.package / asset.file

    def page_response(self) -> Response:
        if self.missing:
            return PlainTextResponse(
                "GraphiQL's scripts are not installed in "
                f"{self._node_modules} ({', '.join(self.missing)}): run "
                "`npm ci --prefix gateway`, or point GRAPHIQL_ASSETS_DIR at a node_modules "
                "directory that has them.",
                status_code=503,
            )
        return Response(self.page, media_type="text/html")

    async def serve(self, request: Request) -> Response:
        asset = self._files.get(request.url.path)
        if asset is None or not self._installed(asset):
            return PlainTextResponse("Not Found", status_code=404)
        return FileResponse(
            self._path(asset),
            media_type=_MEDIA_TYPES.get(Path(asset.file).suffix, "application/octet-stream"),
            # Versioned URLs: the content under one never changes.
            headers={"cache-control": "public, max-age=31536000, immutable"},
        )

    def routes(self) -> list[Route]:
        return [Route(ASSETS_PATH + "/{file:path}", self.serve, methods=["GET", "HEAD"])]
