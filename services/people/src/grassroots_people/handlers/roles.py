"""Use cases of roles: assign, revoke, and record a neighborhood's election of its chief."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime

from grassroots_contracts import people_events as contract
from grassroots_contracts.event_types import ROLE_ASSIGNED, ROLE_REVOKED, SOURCE_PEOPLE
from grassroots_kit.auth import Principal
from grassroots_kit.errors import BadUserInput, Conflict, NotFound
from grassroots_kit.messaging.envelope import CloudEvent, new_event
from grassroots_kit.mongo import Session

from grassroots_people.adapters.households import HouseholdStore
from grassroots_people.adapters.org_units import OrgUnitStore
from grassroots_people.adapters.organizations import OrganizationStore
from grassroots_people.adapters.persons import PersonStore
from grassroots_people.adapters.roles import RoleStore
from grassroots_people.domain.granting import OrganizationTies, require_may_grant
from grassroots_people.domain.ids import (
    OrganizationId,
    OrgUnitId,
    PersonId,
    RoleAssignmentId,
    new_role_assignment_id,
)
from grassroots_people.domain.org_units import OrgUnitKind
from grassroots_people.domain.roles import Role, RoleAssignment, election, new_assignment, revoked
from grassroots_people.handlers.org_units import load_unit
from grassroots_people.handlers.people import load_person
from grassroots_people.handlers.runtime import Runtime


@dataclass(frozen=True)
class AssignRole:
    person_id: PersonId
    role: Role
    org_unit_id: OrgUnitId
    organization_id: OrganizationId | None
    since: datetime | None
    until: datetime | None


@dataclass(frozen=True)
class RevokeRole:
    role_assignment_id: RoleAssignmentId


@dataclass(frozen=True)
class RecordElection:
    neighborhood_id: OrgUnitId
    chief_id: PersonId
    held_on: date
    households_voting: int


def role_event(type: str, assignment: RoleAssignment) -> CloudEvent:
    assigned = contract.RoleAssignment(
        id=assignment.id,
        person_id=assignment.person_id,
        role=assignment.role.value,
        org_unit_id=assignment.org_unit_id,
        org_unit_path=assignment.org_unit_path,
        organization_id=assignment.organization_id,
        since=assignment.since,
        until=assignment.until,
        granted_by=assignment.granted_by,
    )
    if type == ROLE_REVOKED:
        assert assignment.revoked_at is not None
        revoked = contract.RoleRevoked(
            **assigned.model_dump(),
            revoked_at=assignment.revoked_at,
            revoked_by=assignment.revoked_by,
        )
        return new_event(
            ROLE_REVOKED, source=SOURCE_PEOPLE, subject=assignment.id, data=revoked.to_data()
        )
    return new_event(
        ROLE_ASSIGNED, source=SOURCE_PEOPLE, subject=assignment.id, data=assigned.to_data()
    )


async def assign_role(
    runtime: Runtime, actor: Principal | None, command: AssignRole
) -> RoleAssignment:
    db = runtime.host.db
    units, persons, roles = OrgUnitStore(db), PersonStore(db), RoleStore(db)
    organizations = OrganizationStore(db)

    async def work(session: Session) -> RoleAssignment:
        unit = await load_unit(units, command.org_unit_id, session)
        ties: OrganizationTies | None = None
        if command.organization_id is not None:
            ties = await organizations.ties(command.organization_id, session)
            if ties is None:
                raise NotFound(
                    f"no organization with id {command.organization_id}", field="organizationId"
                )
        granter = require_may_grant(
            actor,
            grantee=command.person_id,
            role=command.role,
            unit_path=unit.path_with_self,
            organization=ties,
        )
        person = await load_person(persons, command.person_id, session)
        if command.role is Role.NEIGHBOR_CHIEF:
            raise BadUserInput("a neighbor chief is elected: use recordElection", field="role")
        now = datetime.now(UTC)
        if await roles.holding(
            command.role,
            unit.id,
            now,
            session,
            person_id=person.id,
            organization_id=command.organization_id,
        ):
            raise Conflict(f"{person.name} already holds this role here", field="role")
        assignment = new_assignment(
            id=new_role_assignment_id(),
            person_id=person.id,
            role=command.role,
            unit=unit,
            organization_id=command.organization_id,
            since=command.since or now,
            until=command.until,
            granted_by=PersonId(granter.person_id),
        )
        await roles.insert(assignment, session)
        await runtime.publish(session, [role_event(ROLE_ASSIGNED, assignment)])
        return assignment

    return await runtime.host.transaction(work)


async def revoke_role(
    runtime: Runtime, actor: Principal | None, command: RevokeRole
) -> RoleAssignment:
    roles = RoleStore(runtime.host.db)

    async def work(session: Session) -> RoleAssignment:
        assignment = await roles.get(command.role_assignment_id, session)
        if assignment is None:
            raise NotFound(
                f"no role assignment with id {command.role_assignment_id}",
                field="roleAssignmentId",
            )
        revoker = require_may_grant(
            actor,
            grantee=assignment.person_id,
            role=assignment.role,
            unit_path=assignment.org_unit_path,
            organization=None,
            revoking=True,
        )
        changed = revoked(assignment, datetime.now(UTC), PersonId(revoker.person_id))
        await roles.save(changed, session)
        await runtime.publish(session, [role_event(ROLE_REVOKED, changed)])
        return changed

    return await runtime.host.transaction(work)


async def record_election(
    runtime: Runtime, actor: Principal | None, command: RecordElection
) -> RoleAssignment:
    """The elected chief replaces the neighborhood's previous one, whose role is revoked."""
    db = runtime.host.db
    units, persons, roles, households = (
        OrgUnitStore(db),
        PersonStore(db),
        RoleStore(db),
        HouseholdStore(db),
    )

    async def work(session: Session) -> RoleAssignment:
        unit = await load_unit(units, command.neighborhood_id, session, "neighborhoodId")
        if unit.kind is not OrgUnitKind.NEIGHBORHOOD:
            raise BadUserInput(
                f"{unit.name!r} is a {unit.kind.value}; chiefs are elected by a NEIGHBORHOOD",
                field="neighborhoodId",
            )
        recorder = require_may_grant(
            actor,
            grantee=command.chief_id,
            role=Role.NEIGHBOR_CHIEF,
            unit_path=unit.path_with_self,
            organization=None,
        )
        by = PersonId(recorder.person_id)
        chief = await load_person(persons, command.chief_id, session, "chiefId")
        household_ids = await households.ids_in_unit(unit.id, session)
        result = election(command.held_on, len(household_ids), command.households_voting)
        if chief.household_id not in household_ids:
            raise BadUserInput(
                f"{chief.name} does not live in {unit.name}; the chief is one of its residents",
                field="chiefId",
            )
        now = datetime.now(UTC)
        events = []
        for previous in await roles.holding(Role.NEIGHBOR_CHIEF, unit.id, now, session):
            gone = revoked(previous, now, by)
            await roles.save(gone, session)
            events.append(role_event(ROLE_REVOKED, gone))
        assignment = new_assignment(
            id=new_role_assignment_id(),
            person_id=chief.id,
            role=Role.NEIGHBOR_CHIEF,
            unit=unit,
            organization_id=None,
            since=now,
            until=None,
            granted_by=by,
            election=result,
        )
        await roles.insert(assignment, session)
        events.append(role_event(ROLE_ASSIGNED, assignment))
        await runtime.publish(session, events)
        return assignment

    return await runtime.host.transaction(work)
