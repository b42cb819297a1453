from __future__ import annotations

from datetime import datetime

import strawberry
from strawberry.types import Info

from grassroots_people.domain.ids import OrganizationId, OrgUnitId, PersonId
from grassroots_people.domain.roles import Role as DomainRole
from grassroots_people.graphql.context import Context
from grassroots_people.graphql.types.enums import Role
from grassroots_people.graphql.types.role import RoleAssignment
from grassroots_people.handlers.roles import AssignRole, assign_role


@strawberry.input(description="Give a person a role over an org unit's subtree, for a term.")
class AssignRoleInput:
    person_id: strawberry.ID = strawberry.field(description="Who.")
    role: Role = strawberry.field(description="Which role (NEIGHBOR_CHIEF: recordElection).")
    org_unit_id: strawberry.ID = strawberry.field(description="Where.")
    organization_id: strawberry.ID | None = strawberry.field(
        default=None, description="On behalf of which organization (department, red partner)."
    )
    since: datetime | None = strawberry.field(default=None, description="Start; default now.")
    until: datetime | None = strawberry.field(default=None, description="End, if fixed.")


@strawberry.type(description="The result of assignRole.")
class AssignRolePayload:
    role_assignment: RoleAssignment = strawberry.field(description="The assignment.")


async def resolve_assign_role(
    info: Info[Context, None], input: AssignRoleInput
) -> AssignRolePayload:
    assignment = await assign_role(
        info.context.runtime.ports,
        info.context.caller,
        AssignRole(
            person_id=PersonId(str(input.person_id)),
            role=DomainRole(input.role),
            org_unit_id=OrgUnitId(str(input.org_unit_id)),
            organization_id=OrganizationId(str(input.organization_id))
            if input.organization_id
            else None,
            since=input.since,
            until=input.until,
        ),
    )
    return AssignRolePayload(role_assignment=RoleAssignment.from_domain(assignment))
