"""Payloads of the person, role, visit and commitment events `people` publishes.

Each places its subject in the ladder with `orgUnitId` and `orgUnitPath` (ancestors and the unit
itself, root first), so consumers never call back. No phone numbers: personal data stays in people.
"""

from __future__ import annotations

from typing import Annotated, Self

from pydantic import Field, model_validator

from grassroots_contracts.payload import Id, Ids, OneOf, Payload, Timestamp
from grassroots_contracts.roles import UNIT_ROLES, Role

CARE_LEVELS = ("RED", "YELLOW", "GREEN", "NONE")

CareLevel = Annotated[str, OneOf(CARE_LEVELS)]
UnitRole = Annotated[str, OneOf(tuple(r.value for r in Role if r in UNIT_ROLES))]
OrgUnitPath = Annotated[
    Ids, Field(min_length=1, description="Ancestor ids and the unit itself, root first.")
]


class _InPlace(Payload):
    org_unit_id: Id
    org_unit_path: OrgUnitPath

    @model_validator(mode="after")
    def _path_ends_with_unit(self) -> Self:
        if self.org_unit_path[-1] != self.org_unit_id:
            raise ValueError("orgUnitPath must end with orgUnitId")
        return self


class PersonSnapshot(Payload):
    """Where a person lives now. No phone number; personal data stays in people.
    Staff registered without a household or org unit (they live elsewhere) are placed by
    their roles only: `orgUnitId` null and `orgUnitPath` empty."""

    id: Id
    name: str = Field(min_length=1)
    household_id: Id | None
    """Null for someone registered at the unit they serve, not in a household."""
    org_unit_id: Id | None
    org_unit_path: Ids
    """Ancestor ids and the unit itself, root first; empty when orgUnitId is null."""
    party_member: bool
    version: int = Field(ge=1)
    """Grows with every change of the person; apply only if newer."""

    @model_validator(mode="after")
    def _path_ends_with_unit(self) -> Self:
        if self.org_unit_id is None:
            if self.org_unit_path:
                raise ValueError("orgUnitPath must be empty when orgUnitId is null")
        elif not self.org_unit_path or self.org_unit_path[-1] != self.org_unit_id:
            raise ValueError("orgUnitPath must end with orgUnitId")
        return self


class RoleAssignment(_InPlace):
    """A role held over an org unit's whole subtree, for a term (`role.assigned`)."""

    id: Id
    person_id: Id
    role: UnitRole
    organization_id: Id | None
    """The organization the role is held for (department staff, red partners)."""
    since: Timestamp
    until: Timestamp | None
    granted_by: Id | None = None
    """The person who granted the role (null when bootstrapped)."""


class RoleRevoked(RoleAssignment):
    """A revoked role assignment (`role.revoked`): the assignment as it was, and who ended it
    when."""

    revoked_at: Timestamp
    revoked_by: Id | None
    """The person who revoked the role."""


class VisitLogged(_InPlace):
    """Published when a visit is confirmed (by a member of the household visited or by someone
    else serving it), not when the visitor logs it."""

    id: Id
    household_id: Id
    visitor_id: Id
    care_level: CareLevel
    """The household's care level at the time of the visit."""
    at: Timestamp
    """When the visit took place (at most 72 hours before it was logged)."""
    confirmed_by: Id | None = None
    """Who confirmed the visit; never the visitor. people always sets it; an event without it
    (published before confirmation existed, or forged) earns nothing."""


class CommitmentFulfilled(_InPlace):
    """Published when someone serving the commitment's unit confirms the promiser's claim,
    not when the promiser claims it."""

    id: Id
    person_id: Id
    text: str = Field(min_length=1)
    due_by: Timestamp
    fulfilled_at: Timestamp
    """When the promiser claimed it fulfilled."""
    on_time: bool
    """Fulfilled by its due date."""
    confirmed_by: Id | None = None
    """Who confirmed the fulfilment; never the promiser. people always sets it; an event
    without it earns nothing."""
