"""The `Photo` type every subgraph that keeps photos returns (shareable: the same in each)."""

from __future__ import annotations

from datetime import datetime

import strawberry

from grassroots_kit.media.ports import PhotoView


@strawberry.federation.type(
    shareable=True,
    description="A photo, without its EXIF (no location, no camera). The URLs are paths on the "
    "gateway (`/media/<service>/file/...`), signed, working for a few minutes (`urlsExpireAt`), "
    "and issued only to a viewer who may see what the photo is on.",
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
