from __future__ import annotations

import strawberry
from strawberry.types import Info

from grassroots_people.domain.ids import RoleAssignmentId
from grassroots_people.graphql.context import Context
from grassroots_people.graphql.types.role import RoleAssignment
from grassroots_people.handlers.roles import RevokeRole, revoke_role


@strawberry.input(description="End a role assignment now.")
class RevokeRoleInput:
    role_assignment_id: strawberry.ID = strawberry.field(description="The assignment to end.")


@strawberry.type(description="The result of revokeRole.")
class RevokeRolePayload:
    role_assignment: RoleAssignment = strawberry.field(description="The revoked assignment.")


async def resolve_revoke_role(
    info: Info[Context, None], input: RevokeRoleInput
) -> RevokeRolePayload:
    assignment = await revoke_role(
        info.context.runtime.ports,
        info.context.caller,
        RevokeRole(role_assignment_id=RoleAssignmentId(str(input.role_assignment_id))),
    )
    return RevokeRolePayload(role_assignment=RoleAssignment.from_domain(assignment))
