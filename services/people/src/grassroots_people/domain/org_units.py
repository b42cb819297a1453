"""The administrative ladder: org units and the rule that a child ranks below its parent."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime
from enum import StrEnum

from grassroots_contracts.org_units import RUNGS, OrgUnitSnapshot
from grassroots_kit.errors import BadUserInput
from grassroots_kit.i18n import Text, msg

from grassroots_people.domain.ids import OrgUnitId
from grassroots_people.domain.text import field_name, require_encodable

MAX_NAME_LENGTH = 100


class OrgUnitKind(StrEnum):
    DISTRICT = "DISTRICT"
    STREET = "STREET"
    TOWN = "TOWN"
    COMMUNITY = "COMMUNITY"
    VILLAGE = "VILLAGE"
    GRID = "GRID"
    PIECE = "PIECE"
    GROUP = "GROUP"
    NEIGHBORHOOD = "NEIGHBORHOOD"
    BUILDING = "BUILDING"

    @property
    def rank(self) -> int:
        """0 for the top of the ladder. Kinds on one rung are peers: a TOWN stands where a
        STREET does, a VILLAGE where a COMMUNITY does, and neighborhoods and buildings share the
        lowest rung; a peer never contains a peer."""
        return RUNGS[self.value]


_TITLES = {
    OrgUnitKind.DISTRICT: msg("DISTRICT"),
    OrgUnitKind.STREET: msg("STREET"),
    OrgUnitKind.TOWN: msg("TOWN"),
    OrgUnitKind.COMMUNITY: msg("COMMUNITY"),
    OrgUnitKind.VILLAGE: msg("VILLAGE"),
    OrgUnitKind.GRID: msg("GRID"),
    OrgUnitKind.PIECE: msg("PIECE"),
    OrgUnitKind.GROUP: msg("GROUP"),
    OrgUnitKind.NEIGHBORHOOD: msg("NEIGHBORHOOD"),
    OrgUnitKind.BUILDING: msg("BUILDING"),
}


def kind_title(kind: OrgUnitKind) -> Text:
    """The kind as a message names it: DISTRICT in English, 区 in zh-CN."""
    return _TITLES[kind]


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
            id=self.id,
            kind=self.kind.value,
            name=self.name,
            parent_id=self.parent_id,
            path=self.path,
            version=self.version,
        )


def clean_name(name: str, field: str = "name") -> str:
    cleaned = " ".join(require_encodable(name, field).split())
    if not cleaned:
        raise BadUserInput(msg("{field} must not be empty", field=field_name(field)), field=field)
    if len(cleaned) > MAX_NAME_LENGTH:
        raise BadUserInput(
            msg(
                "{field} must be at most {max_length} characters",
                field=field_name(field),
                max_length=MAX_NAME_LENGTH,
            ),
            field=field,
        )
    return cleaned


def check_can_contain(parent: OrgUnit | None, kind: OrgUnitKind) -> None:
    if parent is None:
        if kind is not OrgUnitKind.DISTRICT:
            raise BadUserInput(
                msg(
                    "a {kind} needs a parent; only a DISTRICT stands at the top",
                    kind=kind_title(kind),
                ),
                field="parentId",
            )
        return
    if kind.rank <= parent.kind.rank:
        raise BadUserInput(
            msg(
                "a {parent_kind} cannot contain a {kind}: a child's kind must rank below its "
                "parent's",
                parent_kind=kind_title(parent.kind),
                kind=kind_title(kind),
            ),
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


def renamed(unit: OrgUnit, name: str) -> OrgUnit:
    return replace(unit, name=clean_name(name), version=unit.version + 1)


def check_can_move(unit: OrgUnit, new_parent: OrgUnit) -> None:
    """A unit moves with its subtree under a parent that ranks above it and is not inside it."""
    if new_parent.id == unit.id or unit.id in new_parent.path:
        raise BadUserInput(
            msg("{name!r} cannot move into its own subtree", name=unit.name), field="newParentId"
        )
    check_can_contain(new_parent, unit.kind)


def moved(unit: OrgUnit, moved_root: OrgUnit, new_root_path: tuple[OrgUnitId, ...]) -> OrgUnit:
    """`unit` (the moved root or one of its descendants) after its root moved to `new_root_path`.

    The part of the path from the moved root down stays; what lay above the root is replaced.
    """
    if unit.id == moved_root.id:
        return replace(
            unit, parent_id=new_root_path[-1], path=new_root_path, version=unit.version + 1
        )
    below = unit.path[unit.path.index(moved_root.id) :]
    return replace(unit, path=(*new_root_path, *below), version=unit.version + 1)
