"""Photos on cases: upload URLs for the signed-in, attaching in the case's own transaction,
and download URLs only for a viewer who may read the case in full."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from grassroots_kit.auth import Principal
from grassroots_kit.errors import BadUserInput
from grassroots_kit.i18n import msg
from grassroots_kit.media.library import UploadTicket

from grassroots_cases.domain.model import Case
from grassroots_cases.domain.photos import PhotoPoint, photo_ids, subject_of
from grassroots_cases.handlers.access import require
from grassroots_cases.handlers.ports import CasesPorts, CasesTx, Media
from grassroots_cases.handlers.reading import readable


class PhotoPurpose(StrEnum):
    REPORT = "REPORT"
    PROGRESS = "PROGRESS"
    RESOLUTION = "RESOLUTION"


@dataclass(frozen=True)
class PhotoView:
    id: str
    content_type: str
    width: int
    height: int
    url: str
    thumbnail_url: str
    expires_at: datetime
    taken_at: datetime | None


def _media(ports: CasesPorts) -> Media:
    if ports.media is None:
        raise BadUserInput(msg("this service keeps no photos"), field="mediaIds")
    return ports.media


async def request_photo_upload(
    ports: CasesPorts, principal: Principal | None, purpose: PhotoPurpose
) -> UploadTicket:
    caller = require(principal)
    return await _media(ports).request_upload(caller.person_id, purpose.value)


def wanted(ports: CasesPorts, given: Sequence[str] | None) -> tuple[str, ...]:
    """The media ids a command names, checked against the per-item limit."""
    if not given:
        return ()
    return photo_ids(list(given), _media(ports).max_per_item)


async def attach(
    tx: CasesTx, ids: tuple[str, ...], owner: str, case_id: str, now: datetime
) -> None:
    """Inside the case's transaction: the owner's uploads become this case's, once."""
    if not ids:
        return
    if tx.media is None:
        raise BadUserInput(msg("this service keeps no photos"), field="mediaIds")
    await tx.media.attach(ids, owner, subject_of(case_id), now)


async def photo_point(tx: CasesTx, ids: tuple[str, ...]) -> PhotoPoint | None:
    """The GPS point of the first of these photos that has one."""
    if tx.media is None:
        return None
    for media_id in ids:
        point = await tx.media.location(media_id)
        if point is not None:
            return PhotoPoint(lat=point.lat, lng=point.lng)
    return None


async def photos_of(
    ports: CasesPorts, principal: Principal | None, case: Case, ids: Sequence[str]
) -> list[PhotoView]:
    """The case's photos with fresh download URLs; none for a viewer who may not read it."""
    if not ids or ports.media is None or readable(principal, case) is None:
        return []
    infos = await ports.media.infos(ids)
    views: list[PhotoView] = []
    for media_id in ids:
        info = infos.get(media_id)
        if info is None or info.subject != subject_of(case.id) or info.content_type is None:
            continue  # swept by retention, or never this case's
        links = ports.media.links(media_id)
        views.append(
            PhotoView(
                id=media_id,
                content_type=info.content_type,
                width=info.width or 0,
                height=info.height or 0,
                url=links.url,
                thumbnail_url=links.thumbnail_url,
                expires_at=links.expires_at,
                taken_at=info.taken_at,
            )
        )
    return views
