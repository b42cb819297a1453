"""Photos on a case: what their media records belong to, and placing a case where its
reporter's photo was taken."""

from __future__ import annotations

from dataclasses import dataclass, replace

from grassroots_kit.geo import GeoPoint

from grassroots_cases.domain.model import Case

# What photos belong to, in the media records (`subject`): one case, all its stages.
SUBJECT_PREFIX = "case:"


def subject_of(case_id: str) -> str:
    return f"{SUBJECT_PREFIX}{case_id}"


@dataclass(frozen=True)
class PhotoPoint:
    """Where a photo was taken (WGS-84), as its EXIF said at upload."""

    lat: float
    lng: float


def placed_by_photo(case: Case, point: PhotoPoint | None) -> Case:
    """The case placed where its reporter's photo was taken, when they agreed to it.

    A point the reporter gave (`location`) wins over the photo's; without a GPS position in the
    photo the case stays unplaced. The photo's EXIF keeps no accuracy, so none is claimed. The
    point then follows the case's own rules (docs/places.md): never shown with the photo."""
    if point is None or case.location is not None:
        return case
    return replace(case, location=GeoPoint(lat=point.lat, lng=point.lng))
