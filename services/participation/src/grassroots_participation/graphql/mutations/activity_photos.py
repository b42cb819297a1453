"""`requestActivityPhotoUpload` and `addActivityPhotos`: the organizers' photos of an activity,
uploaded through the gateway once each, then added to it."""

from __future__ import annotations

from datetime import datetime

import strawberry
from strawberry.types import Info

from grassroots_participation.graphql.activity_types import Activity
from grassroots_participation.graphql.context import Context
from grassroots_participation.handlers.activities import (
    add_activity_photos,
    request_activity_photo_upload,
)


@strawberry.type(
    description="Where to upload an activity's photo: PUT its bytes (JPEG, PNG, WebP or HEIC) "
    "to `uploadUrl` on the gateway, once, before `expiresAt`; then pass `mediaId` to "
    "addActivityPhotos."
)
class RequestActivityPhotoUploadPayload:
    media_id: strawberry.ID = strawberry.field(description="The photo's id, once uploaded.")
    upload_url: str = strawberry.field(description="Where to PUT the bytes (a gateway path).")
    expires_at: datetime = strawberry.field(description="When the URL stops working.")


@strawberry.input(description="Photos you uploaded, to add to an activity you organize.")
class AddActivityPhotosInput:
    activity_id: strawberry.ID = strawberry.field(description="The activity.")
    media_ids: list[strawberry.ID] = strawberry.field(
        description="Ids from requestActivityPhotoUpload that you uploaded."
    )


@strawberry.type(description="The result of addActivityPhotos.")
class AddActivityPhotosPayload:
    activity: Activity = strawberry.field(description="The activity with its photos.")


async def resolve_request_activity_photo_upload(
    info: Info[Context, None],
) -> RequestActivityPhotoUploadPayload:
    ctx = info.context
    ticket = await request_activity_photo_upload(ctx.activities, ctx.require_caller())
    return RequestActivityPhotoUploadPayload(
        media_id=strawberry.ID(ticket.media_id),
        upload_url=ticket.upload_url,
        expires_at=ticket.expires_at,
    )


async def resolve_add_activity_photos(
    info: Info[Context, None], input: AddActivityPhotosInput
) -> AddActivityPhotosPayload:
    ctx = info.context
    activity = await add_activity_photos(
        ctx.activities,
        ctx.require_caller(),
        str(input.activity_id),
        [str(m) for m in input.media_ids],
    )
    return AddActivityPhotosPayload(activity=Activity.from_domain(activity))
