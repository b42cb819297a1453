"""Photos on cases: upload URLs for the signed-in, attaching in the case's own transaction,
and download URLs only for a viewer who may read the case in full."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from enum import StrEnum

from grassroots_kit.auth import Principal
from grassroots_kit.media.library import UploadTicket
from grassroots_kit.media.ports import Media, PhotoView, no_photos, photo_views, wanted_ids

from grassroots_cases.domain.model import Case
from grassroots_cases.domain.photos import PhotoPoint, subject_of
from grassroots_cases.handlers.access import require
from grassroots_cases.handlers.ports import CasesPorts, CasesTx
from grassroots_cases.handlers.reading import readable


class PhotoPurpose(StrEnum):
    REPORT = "REPORT"
    PROGRESS = "PROGRESS"
    RESOLUTION = "RESOLUTION"


def _media(ports: CasesPorts) -> Media:
    if ports.media is None:
        raise no_photos()
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
    return wanted_ids(given, _media(ports).max_per_item)


async def attach(
    tx: CasesTx, ids: tuple[str, ...], owner: str, case_id: str, now: datetime
) -> None:
    """Inside the case's transaction: the owner's uploads become this case's, once."""
    if not ids:
        return
    if tx.media is None:
        raise no_photos()
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
    return await photo_views(ports.media, ids, subject_of(case.id))
