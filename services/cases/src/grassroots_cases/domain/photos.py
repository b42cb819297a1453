"""Photos on a case: how many one report, note or resolution may carry, and the hook that will
place a case where its reporter's photo was taken."""

from __future__ import annotations

from dataclasses import dataclass

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

    TODO(places, issue 20): once cases carry a `location` (a GeoJSON point with accuracy, the
    places half of issue 20), return `replace(case, location=...)` from `point` here. Until then
    the point stays private on the media record (grassroots_kit.media.records.location) and the
    case is returned unchanged; `report_case` already calls this with the point when the report
    said `usePhotoLocation: true`.
    """
    return case
