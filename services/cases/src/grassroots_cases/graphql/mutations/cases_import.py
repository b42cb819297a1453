"""`importCases`: district administrators import historical cases (migrations, demo data)."""

from __future__ import annotations

from datetime import datetime

import strawberry
from grassroots_contracts.roles import UNIT_ROLES
from strawberry.types import Info

from grassroots_cases.domain.ids import OrgUnitId, PersonId
from grassroots_cases.domain.reporting import NewCase
from grassroots_cases.domain.vocabulary import Role
from grassroots_cases.graphql.context import Context
from grassroots_cases.graphql.enums import CaseCategory, CaseChannel, CasePriority
from grassroots_cases.handlers.importing import HistoricalCase, import_cases


@strawberry.input(description="A case that happened elsewhere, with its history.")
class HistoricalCaseInput:
    ref: str = strawberry.field(description="Your key for it: the same ref is imported once.")
    title: str = strawberry.field(description="What the problem was.")
    category: CaseCategory = strawberry.field(description="What it was about.")
    org_unit_id: strawberry.ID = strawberry.field(description="Where it was raised.")
    reported_at: datetime = strawberry.field(description="When it was reported.")
    description: str = strawberry.field(default="", description="The details.")
    channel: CaseChannel = strawberry.field(default=CaseChannel.APP, description="How.")
    priority: CasePriority = strawberry.field(default=CasePriority.NORMAL, description="Urgency.")
    reporter_id: strawberry.ID | None = strawberry.field(default=None, description="Reporter.")
    handler_id: strawberry.ID | None = strawberry.field(default=None, description="Who handled.")
    handler_role: str | None = strawberry.field(default=None, description="In which role.")
    responded_at: datetime | None = strawberry.field(default=None, description="First response.")
    resolved_at: datetime | None = strawberry.field(default=None, description="Resolution.")
    resolution: str | None = strawberry.field(default=None, description="What was done.")
    rating: int | None = strawberry.field(default=None, description="The reporter's rating.")
    closed_at: datetime | None = strawberry.field(default=None, description="Closing.")
    rejected_reason: str | None = strawberry.field(default=None, description="If rejected.")

    def to_domain(self) -> HistoricalCase:
        return HistoricalCase(
            ref=self.ref,
            new=NewCase(
                title=self.title,
                description=self.description,
                category=self.category,
                channel=self.channel,
                priority=self.priority,
                org_unit_id=OrgUnitId(str(self.org_unit_id)),
                address=None,
                reporter_id=PersonId(str(self.reporter_id)) if self.reporter_id else None,
                reported_by_id=None,
            ),
            reported_at=self.reported_at,
            handler_id=PersonId(str(self.handler_id)) if self.handler_id else None,
            handler_role=_role(self.handler_role),
            responded_at=self.responded_at,
            resolved_at=self.resolved_at,
            resolution=self.resolution,
            rating=self.rating,
            closed_at=self.closed_at,
            rejected_reason=self.rejected_reason,
        )


def _role(name: str | None) -> Role | None:
    return Role(name) if name and name in UNIT_ROLES else None


@strawberry.input(description="Cases to import, at most 200 at a time.")
class ImportCasesInput:
    cases: list[HistoricalCaseInput] = strawberry.field(description="The cases.")


@strawberry.type(description="The result of importCases.")
class ImportCasesPayload:
    imported: int = strawberry.field(description="Cases imported now.")
    skipped: int = strawberry.field(description="Cases whose ref was imported before.")


async def resolve_cases_import(
    info: Info[Context, None], input: ImportCasesInput
) -> ImportCasesPayload:
    imported, skipped = await import_cases(
        info.context.ports, info.context.caller, [c.to_domain() for c in input.cases]
    )
    return ImportCasesPayload(imported=imported, skipped=skipped)
