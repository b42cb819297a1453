"""A service's photo endpoints, reached only through the gateway's `/media/<service>/...` route.

    PUT /media/upload/<token>   the bytes of one photo, once per upload URL
    GET /media/file/<token>     a photo or its thumbnail, while the download URL lasts

The kit's gateway-signature middleware guards `/media/` as it guards `/graphql` (with the media
size cap instead of the GraphQL one), so with a signing secret set nobody reaches these but the
gateway. The token is the permission: upload tokens come from the service's own upload mutation
(signed in), download tokens from a photo field resolved for a viewer who may see it.
"""

from __future__ import annotations

import json
import logging

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import BaseRoute, Route

from grassroots_kit.errors import ErrorCode, UserError
from grassroots_kit.media.library import MediaLibrary

log = logging.getLogger(__name__)

_STATUS = {
    ErrorCode.BAD_USER_INPUT: 400,
    ErrorCode.UNAUTHENTICATED: 401,
    ErrorCode.FORBIDDEN: 403,
    ErrorCode.NOT_FOUND: 404,
    ErrorCode.CONFLICT: 409,
}


def error_response(error: UserError) -> Response:
    status = _STATUS.get(error.code, 400)
    if error.extensions.get("reason") == "TOO_LARGE":
        status = 413
    body = {"errors": [{"message": error.text.render(), "extensions": error.extensions}]}
    return Response(
        json.dumps(body, ensure_ascii=False),
        status_code=status,
        media_type="application/json",
    )


def media_routes(library: MediaLibrary) -> list[BaseRoute]:
    async def upload(request: Request) -> Response:
        token = request.path_params["token"]
        data = await request.body()
        try:
            info = await library.receive(token, data)
        except UserError as error:
            return error_response(error)
        body = {
            "mediaId": info.id,
            "contentType": info.content_type,
            "width": info.width,
            "height": info.height,
        }
        return Response(json.dumps(body), status_code=201, media_type="application/json")

    async def download(request: Request) -> Response:
        try:
            found = await library.download(request.path_params["token"])
        except UserError as error:
            return error_response(error)
        # The URL expires within minutes; a private cache may keep the bytes that long.
        lasts = library.settings.media_download_url_seconds
        return Response(
            found.data,
            media_type=found.content_type,
            headers={
                "cache-control": f"private, max-age={lasts}",
                "x-content-type-options": "nosniff",
                "content-disposition": "inline",
            },
        )

    return [
        Route("/media/upload/{token}", upload, methods=["PUT"]),
        Route("/media/file/{token}", download, methods=["GET"]),
    ]
