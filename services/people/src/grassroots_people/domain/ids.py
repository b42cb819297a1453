from __future__ import annotations

import uuid
from typing import NewType

OrgUnitId = NewType("OrgUnitId", str)
HouseholdId = NewType("HouseholdId", str)
PersonId = NewType("PersonId", str)
RoleAssignmentId = NewType("RoleAssignmentId", str)
OrganizationId = NewType("OrganizationId", str)
VisitId = NewType("VisitId", str)
CommitmentId = NewType("CommitmentId", str)


def _new() -> str:
    return uuid.uuid4().hex


def new_org_unit_id() -> OrgUnitId:
    return OrgUnitId(_new())


def new_household_id() -> HouseholdId:
    return HouseholdId(_new())


def new_person_id() -> PersonId:
    return PersonId(_new())


def new_role_assignment_id() -> RoleAssignmentId:
    return RoleAssignmentId(_new())


def new_organization_id() -> OrganizationId:
    return OrganizationId(_new())


def new_visit_id() -> VisitId:
    return VisitId(_new())


def new_commitment_id() -> CommitmentId:
    return CommitmentId(_new())
