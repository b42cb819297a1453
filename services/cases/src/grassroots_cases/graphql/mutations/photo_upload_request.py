"""`requestPhotoUpload`: a single-use URL to PUT one photo to, before naming it in a mutation."""

from __future__ import annotations

from datetime import datetime

import strawberry
from strawberry.types import Info

from grassroots_cases.graphql.context import Context
from grassroots_cases.graphql.photos import PhotoPurpose
from grassroots_cases.handlers.photos import PhotoPurpose as DomainPurpose
from grassroots_cases.handlers.photos import request_photo_upload


@strawberry.input(description="Ask for a place to upload one photo.")
class RequestPhotoUploadInput:
    purpose: PhotoPurpose = strawberry.field(
        default=PhotoPurpose.REPORT, description="What the photo is for."
    )


@strawberry.type(
    description="Where to upload the photo: PUT its bytes (JPEG, PNG, WebP or HEIC) to "
    "`uploadUrl` on the gateway, once, before `expiresAt`; then pass `mediaId` in `mediaIds` of "
    "reportCase, commentOnCase or resolveCase."
)
class RequestPhotoUploadPayload:
    media_id: strawberry.ID = strawberry.field(description="The photo's id, once uploaded.")
    upload_url: str = strawberry.field(description="Where to PUT the bytes (a gateway path).")
    expires_at: datetime = strawberry.field(description="When the URL stops working.")


async def resolve_photo_upload_request(
    info: Info[Context, None], input: RequestPhotoUploadInput
) -> RequestPhotoUploadPayload:
    ticket = await request_photo_upload(
        info.context.ports, info.context.caller, DomainPurpose(input.purpose.value)
    )
    return RequestPhotoUploadPayload(
        media_id=strawberry.ID(ticket.media_id),
        upload_url=ticket.upload_url,
        expires_at=ticket.expires_at,
    )
