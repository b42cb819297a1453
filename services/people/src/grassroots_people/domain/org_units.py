"""The administrative ladder: org units and the rule that a child ranks below its parent."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from grassroots_contracts.org_units import OrgUnitSnapshot
from grassroots_kit.errors import BadUserInput

from grassroots_people.domain.ids import OrgUnitId

MAX_NAME_LENGTH = 100


class OrgUnitKind(StrEnum):
    DISTRICT = "DISTRICT"
    STREET = "STREET"
    COMMUNITY = "COMMUNITY"
    GRID = "GRID"
    PIECE = "PIECE"
    GROUP = "GROUP"
    NEIGHBORHOOD = "NEIGHBORHOOD"
    BUILDING = "BUILDING"

    @property
    def rank(self) -> int:
        """0 for the top of the ladder; neighborhoods and buildings share the lowest rung."""
        return _RANK[self]


_RANK = {
    OrgUnitKind.DISTRICT: 0,
    OrgUnitKind.STREET: 1,
    OrgUnitKind.COMMUNITY: 2,
    OrgUnitKind.GRID: 3,
    OrgUnitKind.PIECE: 4,
    OrgUnitKind.GROUP: 5,
    OrgUnitKind.NEIGHBORHOOD: 6,
    OrgUnitKind.BUILDING: 6,
}


@dataclass(frozen=True)
class OrgUnit:
    id: OrgUnitId
    kind: OrgUnitKind
    name: str
    parent_id: OrgUnitId | None
    path: tuple[OrgUnitId, ...]  # ancestors, root first
    version: int
    created_at: datetime

    @property
    def path_with_self(self) -> tuple[OrgUnitId, ...]:
        return (*self.path, self.id)

    def snapshot(self) -> OrgUnitSnapshot:
        return OrgUnitSnapshot(
            self.id, self.kind.value, self.name, self.parent_id, self.path, self.version
        )


def clean_name(name: str) -> str:
    cleaned = " ".join(name.split())
    if not cleaned:
        raise BadUserInput("name must not be empty", field="name")
    if len(cleaned) > MAX_NAME_LENGTH:
        raise BadUserInput(f"name must be at most {MAX_NAME_LENGTH} characters", field="name")
    return cleaned


def check_can_contain(parent: OrgUnit | None, kind: OrgUnitKind) -> None:
    if parent is None:
        if kind is not OrgUnitKind.DISTRICT:
            raise BadUserInput(
                f"a {kind.value} needs a parent; only a DISTRICT stands at the top",
                field="parentId",
            )
        return
    if kind.rank <= parent.kind.rank:
        raise BadUserInput(
            f"a {parent.kind.value} cannot contain a {kind.value}: "
            "a child's kind must rank below its parent's",
            field="kind",
        )


def new_org_unit(
    *, id: OrgUnitId, kind: OrgUnitKind, name: str, parent: OrgUnit | None, now: datetime
) -> OrgUnit:
    check_can_contain(parent, kind)
    return OrgUnit(
        id=id,
        kind=kind,
        name=clean_name(name),
        parent_id=parent.id if parent else None,
        path=parent.path_with_self if parent else (),
        version=1,
        created_at=now,
    )
