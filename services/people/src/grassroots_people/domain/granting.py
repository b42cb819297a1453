"""Grants follow the ladder: who may grant (or revoke) which role to whom, and where.

A role at a unit is granted only by someone who manages that unit and holds a role there that
ranks above it; never by the grantee; an organization's role only within the organization's
area: the subtree of the unit it is registered at or of a unit it is paired with. Revoking
follows the same rule of rank, subtree and self; a role held for an organization can be revoked
even after the organization moved on.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass

from grassroots_kit.auth import Principal
from grassroots_kit.errors import BadUserInput, Forbidden
from grassroots_kit.i18n import msg

from grassroots_people.domain import access
from grassroots_people.domain.ids import OrgUnitId, PersonId
from grassroots_people.domain.roles import ORGANIZATION_ROLES, Role, role_title


@dataclass(frozen=True)
class OrganizationTies:
    """Where an organization belongs: the unit it is registered at and the units it is paired
    with."""

    name: str
    registered_at: OrgUnitId
    paired_with: Collection[OrgUnitId]

    def serves(self, unit_path: Sequence[str]) -> bool:
        """True when the unit (its path, itself last) lies where the organization belongs: in
        the subtree of the unit it is registered at or of a unit it is paired with."""
        return self.registered_at in unit_path or any(p in unit_path for p in self.paired_with)


def require_may_grant(
    granter: Principal | None,
    *,
    grantee: PersonId,
    role: Role,
    unit_path: Sequence[str],
    organization: OrganizationTies | None = None,
    revoking: bool = False,
) -> Principal:
    """The granter, or Unauthenticated/Forbidden/BadUserInput saying why they may not."""
    actor = access.require_actor(granter)
    if actor.person_id == grantee and revoking:
        raise Forbidden(
            msg("you may not revoke a role of your own: someone above you on the ladder does that")
        )
    if actor.person_id == grantee:
        raise Forbidden(
            msg("you may not grant a role of your own: someone above you on the ladder does that")
        )
    access.require_can_grant(actor, role, unit_path)
    if revoking:
        return actor
    if role in ORGANIZATION_ROLES:
        if organization is None:
            raise BadUserInput(
                msg("{role} is held for an organization", role=role_title(role)),
                field="organizationId",
            )
        if not organization.serves(unit_path):
            raise Forbidden(
                msg(
                    "{organization} is neither registered at this org unit (or above it) nor "
                    "paired with it: {role} for it is granted where it belongs",
                    organization=organization.name,
                    role=role_title(role),
                )
            )
    elif organization is not None:
        raise BadUserInput(
            msg(
                "{role} is not held for an organization; leave organizationId out",
                role=role_title(role),
            ),
            field="organizationId",
        )
    return actor
