"""Filter inputs of the lists, each mapped to a store query."""

from __future__ import annotations

import strawberry

from grassroots_people.domain.ids import OrgUnitId
from grassroots_people.domain.listing import OrganizationQuery, OrgUnitQuery
from grassroots_people.graphql.types.enums import CareLevel, OrganizationKind, OrgUnitKind


def _id(value: strawberry.ID | None) -> str | None:
    return str(value) if value else None


@strawberry.input(description="Narrows a list of org units; all given conditions apply.")
class OrgUnitFilter:
    parent_id: strawberry.ID | None = strawberry.field(
        default=None, description="Only the direct children of this unit."
    )
    within: strawberry.ID | None = strawberry.field(
        default=None, description="Only units in this unit's subtree (the unit itself excluded)."
    )
    kind: OrgUnitKind | None = strawberry.field(
        default=None, description="Only units of this kind."
    )
    name: str | None = strawberry.field(
        default=None, description="Only units with exactly this name."
    )
    roots_only: bool = strawberry.field(default=False, description="Only the top of the ladder.")

    def to_query(self) -> OrgUnitQuery:
        return OrgUnitQuery(
            parent_id=OrgUnitId(str(self.parent_id)) if self.parent_id else None,
            within=OrgUnitId(str(self.within)) if self.within else None,
            kind=self.kind,
            name=self.name,
            roots_only=self.roots_only,
        )


@strawberry.input(description="Narrows a list of people; all given conditions apply.")
class PersonFilter:
    within: strawberry.ID | None = strawberry.field(
        default=None, description="Only people living or serving in this unit's subtree."
    )
    name_starts_with: str | None = strawberry.field(
        default=None,
        description=(
            "Only names starting with this, or whose pinyin or pinyin initials do: 张三 is "
            "found by '张', 'zhangsan', 'Zhang San' and 'zs'. Text with Chinese characters "
            "matches the name only."
        ),
    )
    phone_starts_with: str | None = strawberry.field(
        default=None, description="Only phone numbers starting with this."
    )
    household_id: strawberry.ID | None = strawberry.field(
        default=None, description="Only the members of this household."
    )
    party_member: bool | None = strawberry.field(
        default=None, description="Only party members (true) or only others (false)."
    )


@strawberry.input(description="Narrows a list of households; all given conditions apply.")
class HouseholdFilter:
    within: strawberry.ID | None = strawberry.field(
        default=None, description="Only households in this unit's subtree (itself included)."
    )
    care_level: CareLevel | None = strawberry.field(
        default=None, description="Only households of this care level."
    )
    visit_overdue: bool = strawberry.field(
        default=False,
        description="Only households whose next visit is overdue, most overdue first.",
    )
    address: str | None = strawberry.field(
        default=None, description="Only households at exactly this address."
    )


@strawberry.input(description="Narrows a list of organizations; all given conditions apply.")
class OrganizationFilter:
    kind: OrganizationKind | None = strawberry.field(default=None, description="Only this kind.")
    within: strawberry.ID | None = strawberry.field(
        default=None, description="Only those registered in this unit's subtree."
    )
    paired_with: strawberry.ID | None = strawberry.field(
        default=None, description="Only those paired with this org unit."
    )
    name: str | None = strawberry.field(default=None, description="Only exactly this name.")

    def to_query(self) -> OrganizationQuery:
        return OrganizationQuery(
            kind=self.kind,
            within=_id(self.within),
            paired_with=_id(self.paired_with),
            name=self.name,
        )
