"""Payload of the org-unit events, as `people` publishes them and projections read them."""

from __future__ import annotations

from typing import Annotated, Any, Self

from pydantic import Field, model_validator

from grassroots_contracts.payload import Id, Ids, InvalidPayload, OneOf, Payload

__all__ = ["COMMUNITY_RUNG", "KINDS", "RUNGS", "InvalidPayload", "OrgUnitSnapshot"]

# TOWN stands on the STREET rung (a town, 镇, beside the streets, 街道, of a district or county)
# and VILLAGE on the COMMUNITY rung (a village, 村, beside the communities, 社区).
KINDS = (
    "DISTRICT",
    "STREET",
    "TOWN",
    "COMMUNITY",
    "VILLAGE",
    "GRID",
    "PIECE",
    "GROUP",
    "NEIGHBORHOOD",
    "BUILDING",
)
# The rung each kind stands on, 0 the top; kinds on one rung are peers (a TOWN is the STREET's,
# a VILLAGE the COMMUNITY's), and neighborhoods and buildings share the lowest rung.
RUNGS: dict[str, int] = {
    "DISTRICT": 0,
    "STREET": 1,
    "TOWN": 1,
    "COMMUNITY": 2,
    "VILLAGE": 2,
    "GRID": 3,
    "PIECE": 4,
    "GROUP": 5,
    "NEIGHBORHOOD": 6,
    "BUILDING": 6,
}
# The kinds that stand on the community rung: where a catalog, a community's rank and the
# residents' view of their neighbourhood belong.
COMMUNITY_RUNG: frozenset[str] = frozenset({"COMMUNITY", "VILLAGE"})


class OrgUnitSnapshot(Payload):
    """The state of an org unit after the change."""

    id: Id
    kind: Annotated[str, OneOf(KINDS, "A rung of the ladder, highest first.")]
    name: str = Field(min_length=1, max_length=100)
    parent_id: Id | None
    """The unit one rung up; null for a district."""
    path: Ids
    """Ancestor ids, root first, without the unit itself."""
    version: int = Field(ge=1)
    """Grows with every change of the unit; apply a snapshot only if newer."""

    @model_validator(mode="after")
    def _path_ends_with_parent(self) -> Self:
        if (self.parent_id is None) != (not self.path) or (
            self.path and self.path[-1] != self.parent_id
        ):
            raise ValueError("path must end with parentId")
        return self

    @classmethod
    def projection(cls, data: object) -> tuple[str, int, dict[str, Any]]:
        """What a projection stores of an org unit: id, version and the fields to set."""
        unit = cls.from_data(data)
        fields = {"kind": unit.kind, "name": unit.name, "parentId": unit.parent_id}
        return unit.id, unit.version, {**fields, "path": list(unit.path)}
