"""Cases and actors for domain tests, without a database."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta

from grassroots_cases.domain.ids import CaseId, OrganizationId, OrgUnitId, PersonId
from grassroots_cases.domain.model import SYSTEM, Actor, Case
from grassroots_cases.domain.vocabulary import Category, Channel, Level, Priority, Role, Status

T0 = datetime(2026, 11, 2, 9, 0, tzinfo=UTC)
PATH = (OrgUnitId("district"), OrgUnitId("street"), OrgUnitId("community"), OrgUnitId("grid"))
REPORTER = PersonId("reporter")
ASSIGNEE = PersonId("assignee")
ORG = OrganizationId("red-partner-org")


def case(
    status: Status = Status.REPORTED, level: Level = Level.COMMUNITY, **changes: object
) -> Case:
    base = Case(
        id=CaseId("c1"),
        number="WC-2026-000001",
        title="Broken sewage pipe",
        description="",
        category=Category.SEWAGE_WATER,
        channel=Channel.APP,
        priority=Priority.NORMAL,
        status=status,
        level=level,
        org_unit_id=PATH[-1],
        org_unit_path=PATH,
        reporter_id=REPORTER,
        reported_by_id=REPORTER,
        address=None,
        due_at=T0 + timedelta(hours=72),
        created_at=T0,
        updated_at=T0,
    )
    if status in {Status.ASSIGNED, Status.IN_PROGRESS}:
        base = replace(base, assignee_id=ASSIGNEE, first_response_at=T0)
    if status in {Status.RESOLVED, Status.CLOSED}:
        base = replace(base, assignee_id=ASSIGNEE, resolved_at=T0 + timedelta(hours=5))
    if status is Status.CLOSED:
        base = replace(base, closed_at=T0 + timedelta(hours=6), closures=1)
    return replace(base, **changes)  # type: ignore[arg-type]


def person(name: str, *roles: Role, organization: OrganizationId | None = None) -> Actor:
    return Actor(
        PersonId(name),
        frozenset(roles),
        frozenset({organization}) if organization else frozenset(),
    )


ACTORS: dict[str, Actor] = {
    "reporter": person("reporter", Role.RESIDENT),
    "other_resident": person("neighbour", Role.RESIDENT),
    "group_chief": person("chief", Role.GROUP_CHIEF),
    "grid_member": person("gridder", Role.GRID_MEMBER),
    "assignee": person("assignee", Role.GRID_MEMBER),
    "community_staff": person("community", Role.COMMUNITY_STAFF),
    "street_staff": person("street", Role.STREET_STAFF),
    "district_admin": person("admin", Role.DISTRICT_ADMIN),
    "red_partner": person("partner", Role.RED_PARTNER_MEMBER, organization=ORG),
    "volunteer": person("volunteer", Role.VOLUNTEER),
    "system": SYSTEM,
}
