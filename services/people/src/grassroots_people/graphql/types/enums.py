"""The domain's enums, exposed as GraphQL enums with the same values."""

from __future__ import annotations

import strawberry

from grassroots_people.domain import care, commitments, org_units, organizations, roles

strawberry.enum(
    org_units.OrgUnitKind,
    description=(
        "A rung of the administrative ladder, highest first; a TOWN stands on the STREET rung"
        " and a VILLAGE on the COMMUNITY rung."
    ),
)
strawberry.enum(
    care.CareLevel, description="How much care a household needs; sets its visit frequency."
)
strawberry.enum(roles.Role, description="A role held over an org unit's whole subtree.")
strawberry.enum(organizations.OrganizationKind, description="What sort of organization it is.")
strawberry.enum(commitments.CommitmentStatus, description="Where a commitment stands.")

OrgUnitKind = org_units.OrgUnitKind
CareLevel = care.CareLevel
Role = roles.Role
OrganizationKind = organizations.OrganizationKind
CommitmentStatus = commitments.CommitmentStatus
