"""Photos in the cases graph: the purposes of an upload and the photos of a case's stages
(the `Photo` type is the kit's, shared by every subgraph that keeps photos)."""

from __future__ import annotations

from collections.abc import Sequence
from enum import Enum

import strawberry
from grassroots_kit.graphql.photos import Photo
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


async def photos(info: Info[Context, None], case: model.Case, ids: Sequence[str]) -> list[Photo]:
    found = await photos_of(info.context.ports, info.context.caller, case, ids)
    return [Photo.from_view(view) for view in found]
