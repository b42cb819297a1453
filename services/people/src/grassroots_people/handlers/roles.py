"""Use cases of roles: assign, revoke, and record a neighborhood's election of its chief."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from grassroots_contracts import people_events as contract
from grassroots_contracts.event_types import ROLE_ASSIGNED, ROLE_REVOKED, SOURCE_PEOPLE
from grassroots_kit.auth import Principal
from grassroots_kit.errors import BadUserInput, Conflict, NotFound
from grassroots_kit.i18n import msg
from grassroots_kit.messaging.envelope import CloudEvent, new_event

from grassroots_people.domain.granting import OrganizationTies, require_may_grant
from grassroots_people.domain.ids import (
    OrganizationId,
    OrgUnitId,
    PersonId,
    RoleAssignmentId,
    new_role_assignment_id,
)
from grassroots_people.domain.org_units import OrgUnitKind, kind_title
from grassroots_people.domain.roles import Role, RoleAssignment, election, new_assignment, revoked
from grassroots_people.handlers.loading import person_in, unit_in
from grassroots_people.handlers.ports import PeoplePorts, PeopleTx


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
    ports: PeoplePorts, actor: Principal | None, command: AssignRole
) -> RoleAssignment:
    async def work(tx: PeopleTx) -> RoleAssignment:
        unit = await unit_in(tx, command.org_unit_id)
        ties: OrganizationTies | None = None
        if command.organization_id is not None:
            ties = await tx.organizations.ties(command.organization_id)
            if ties is None:
                raise NotFound(
                    msg(
                        "no organization with id {organization_id}",
                        organization_id=command.organization_id,
                    ),
                    field="organizationId",
                )
        granter = require_may_grant(
            actor,
            grantee=command.person_id,
            role=command.role,
            unit_path=unit.path_with_self,
            organization=ties,
        )
        person = await person_in(tx, command.person_id)
        if command.role is Role.NEIGHBOR_CHIEF:
            raise BadUserInput(msg("a neighbor chief is elected: use recordElection"), field="role")
        now = ports.clock()
        if await tx.roles.holding(
            command.role,
            unit.id,
            now,
            person_id=person.id,
            organization_id=command.organization_id,
        ):
            raise Conflict(
                msg("{person} already holds this role here", person=person.name), field="role"
            )
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
        await tx.roles.insert(assignment)
        tx.publish([role_event(ROLE_ASSIGNED, assignment)])
        return assignment

    return await ports.uow.run(work)


async def revoke_role(
    ports: PeoplePorts, actor: Principal | None, command: RevokeRole
) -> RoleAssignment:
    async def work(tx: PeopleTx) -> RoleAssignment:
        assignment = await tx.roles.get(command.role_assignment_id)
        if assignment is None:
            raise NotFound(
                msg(
                    "no role assignment with id {role_assignment_id}",
                    role_assignment_id=command.role_assignment_id,
                ),
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
        changed = revoked(assignment, ports.clock(), PersonId(revoker.person_id))
        await tx.roles.save(changed)
        tx.publish([role_event(ROLE_REVOKED, changed)])
        return changed

    return await ports.uow.run(work)


async def record_election(
    ports: PeoplePorts, actor: Principal | None, command: RecordElection
) -> RoleAssignment:
    """The elected chief replaces the neighborhood's previous one, whose role is revoked."""

    async def work(tx: PeopleTx) -> RoleAssignment:
        unit = await unit_in(tx, command.neighborhood_id, "neighborhoodId")
        if unit.kind is not OrgUnitKind.NEIGHBORHOOD:
            raise BadUserInput(
                msg(
                    "{name!r} is a {kind}; chiefs are elected by a NEIGHBORHOOD",
                    name=unit.name,
                    kind=kind_title(unit.kind),
                ),
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
        chief = await person_in(tx, command.chief_id, "chiefId")
        household_ids = await tx.households.ids_in_unit(unit.id)
        result = election(command.held_on, len(household_ids), command.households_voting)
        if chief.household_id not in household_ids:
            raise BadUserInput(
                msg(
                    "{chief} does not live in {neighborhood}; the chief is one of its residents",
                    chief=chief.name,
                    neighborhood=unit.name,
                ),
                field="chiefId",
            )
        now = ports.clock()
        events = []
        for previous in await tx.roles.holding(Role.NEIGHBOR_CHIEF, unit.id, now):
            gone = revoked(previous, now, by)
            await tx.roles.save(gone)
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
        await tx.roles.insert(assignment)
        events.append(role_event(ROLE_ASSIGNED, assignment))
        tx.publish(events)
        return assignment

    return await ports.uow.run(work)
