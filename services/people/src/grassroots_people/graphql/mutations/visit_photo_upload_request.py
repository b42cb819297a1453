"""`requestVisitPhotoUpload`: a single-use URL to PUT one photo of a visit to, before naming
it in logVisit's `mediaIds`."""

from __future__ import annotations

from datetime import datetime

import strawberry
from strawberry.types import Info

from grassroots_people.graphql.context import Context
from grassroots_people.handlers.households import request_visit_photo_upload


@strawberry.type(
    description="Where to upload a visit's photo: PUT its bytes (JPEG, PNG, WebP or HEIC) to "
    "`uploadUrl` on the gateway, once, before `expiresAt`; then pass `mediaId` in logVisit's "
    "`mediaIds`."
)
class RequestVisitPhotoUploadPayload:
    media_id: strawberry.ID = strawberry.field(description="The photo's id, once uploaded.")
    upload_url: str = strawberry.field(description="Where to PUT the bytes (a gateway path).")
    expires_at: datetime = strawberry.field(description="When the URL stops working.")


async def resolve_visit_photo_upload_request(
    info: Info[Context, None],
) -> RequestVisitPhotoUploadPayload:
    ticket = await request_visit_photo_upload(info.context.runtime.ports, info.context.caller)
    return RequestVisitPhotoUploadPayload(
        media_id=strawberry.ID(ticket.media_id),
        upload_url=ticket.upload_url,
        expires_at=ticket.expires_at,
    )
