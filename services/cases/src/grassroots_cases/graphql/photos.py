"""Photos in the cases graph: the `Photo` type and its resolution for a case's stages."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from enum import Enum

import strawberry
from grassroots_kit.media.ports import PhotoView
from strawberry.types import Info

from grassroots_cases.domain import model
from grassroots_cases.graphql.context import Context
from grassroots_cases.handlers.photos import PhotoPurpose as DomainPurpose
from grassroots_cases.handlers.photos import photos_of


@strawberry.enum(description="What an uploaded photo is for.")
class PhotoPurpose(Enum):
    REPORT = DomainPurpose.REPORT.value
    PROGRESS = DomainPurpose.PROGRESS.value
    RESOLUTION = DomainPurpose.RESOLUTION.value


@strawberry.type(
    description="A photo on a case, without its EXIF (no location, no camera). The URLs are "
    "signed, work for a few minutes (`urlsExpireAt`), and are issued only to a viewer who may "
    "see the case; fetch them from the gateway (`/media/cases/file/...`)."
)
class Photo:
    id: strawberry.ID = strawberry.field(description="The media id.")
    content_type: str = strawberry.field(description="image/jpeg, image/png or image/webp.")
    width: int = strawberry.field(description="Pixels across, upright.")
    height: int = strawberry.field(description="Pixels down, upright.")
    url: str = strawberry.field(description="The photo.")
    thumbnail_url: str = strawberry.field(description="A JPEG at most 320 pixels on a side.")
    urls_expire_at: datetime = strawberry.field(description="When both URLs stop working.")
    taken_at: str | None = strawberry.field(
        description="When the camera says it was taken (its local time, no zone: "
        "YYYY-MM-DDTHH:MM:SS)."
    )

    @classmethod
    def from_view(cls, view: PhotoView) -> Photo:
        return cls(
            id=strawberry.ID(view.id),
            content_type=view.content_type,
            width=view.width,
            height=view.height,
            url=view.url,
            thumbnail_url=view.thumbnail_url,
            urls_expire_at=view.expires_at,
            taken_at=view.taken_at.isoformat(timespec="seconds") if view.taken_at else None,
        )


async def photos(info: Info[Context, None], case: model.Case, ids: Sequence[str]) -> list[Photo]:
    found = await photos_of(info.context.ports, info.context.caller, case, ids)
    return [Photo.from_view(view) for view in found]
