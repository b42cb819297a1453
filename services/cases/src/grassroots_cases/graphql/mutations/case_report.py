"""`reportCase`: a resident (or staff on their behalf, or anyone anonymously) raises a case."""

from __future__ import annotations

import strawberry
from grassroots_kit.graphql.geo import GeoPointInput, point_of
from strawberry.types import Info

from grassroots_cases.domain.ids import OrgUnitId, PersonId
from grassroots_cases.domain.reporting import NewCase
from grassroots_cases.graphql.context import Context
from grassroots_cases.graphql.enums import CaseCategory, CaseChannel, CasePriority
from grassroots_cases.graphql.summaries import CaseSummary
from grassroots_cases.graphql.types import Case
from grassroots_cases.handlers.report_case import report_case


@strawberry.input(description="A new case.")
class ReportCaseInput:
    title: str = strawberry.field(description="What the problem is, in a line.")
    description: str = strawberry.field(default="", description="The details.")
    category: CaseCategory = strawberry.field(description="What it is about.")
    channel: CaseChannel = strawberry.field(default=CaseChannel.APP, description="How it came in.")
    priority: CasePriority = strawberry.field(
        default=CasePriority.NORMAL, description="How urgent it is."
    )
    org_unit_id: strawberry.ID = strawberry.field(description="Where: the lowest unit known.")
    address: str | None = strawberry.field(default=None, description="A more precise place.")
    reporter_id: strawberry.ID | None = strawberry.field(
        default=None, description="Staff only: the resident this is reported on behalf of."
    )
    anonymous: bool = strawberry.field(
        default=False, description="Report without a name; nobody can rate it then."
    )
    location: GeoPointInput | None = strawberry.field(
        default=None,
        description="Where, in WGS-84 (GPS); staff and the reporter see it, neighbours never.",
    )
    media_ids: list[strawberry.ID] | None = strawberry.field(
        default=None,
        description="Photos of the problem: ids from requestPhotoUpload that you uploaded.",
    )
    use_photo_location: bool = strawberry.field(
        default=False,
        description="Place the case where the first photo with a GPS position was taken. The "
        "position is never shown with the photo (its EXIF is removed for everyone).",
    )


@strawberry.type(description="The result of reportCase.")
class ReportCasePayload:
    case: Case = strawberry.field(description="The case just reported.")
    possible_duplicates: list[Case] = strawberry.field(
        description="Open cases like this one nearby in the last 7 days that you may read in "
        "full (yours, or as staff of the place): follow one instead?"
    )
    duplicate_hints: list[CaseSummary] = strawberry.field(
        description="Every open case like this one nearby in the last 7 days, as the "
        "neighbourhood may see it (number, title, category, status; no details or names)."
    )


async def resolve_case_report(
    info: Info[Context, None], input: ReportCaseInput
) -> ReportCasePayload:
    new = NewCase(
        title=input.title,
        description=input.description,
        category=input.category,
        channel=input.channel,
        priority=input.priority,
        org_unit_id=OrgUnitId(str(input.org_unit_id)),
        address=input.address,
        reporter_id=PersonId(str(input.reporter_id)) if input.reporter_id else None,
        reported_by_id=None,
        location=point_of(input.location),
        photo_ids=tuple(str(m) for m in input.media_ids or ()),
        use_photo_location=input.use_photo_location,
    )
    reported = await report_case(
        info.context.ports, info.context.caller, new, anonymous=input.anonymous
    )
    return ReportCasePayload(
        case=Case.from_domain(reported.case),
        possible_duplicates=[Case.from_domain(c) for c in reported.possible_duplicates],
        duplicate_hints=[CaseSummary.from_domain(c) for c in reported.duplicate_hints],
    )
