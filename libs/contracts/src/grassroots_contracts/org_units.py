"""Payload of the org-unit events, as `people` publishes them and projections read them."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

KINDS = (
    "DISTRICT",
    "STREET",
    "COMMUNITY",
    "GRID",
    "PIECE",
    "GROUP",
    "NEIGHBORHOOD",
    "BUILDING",
)


class InvalidPayload(ValueError):
    """An event's data does not match the contract."""


@dataclass(frozen=True)
class OrgUnitSnapshot:
    """The state of an org unit after a change; `version` grows with every change."""

    id: str
    kind: str
    name: str
    parent_id: str | None
    path: tuple[str, ...]  # ancestor ids, root first, without the unit itself
    version: int

    def to_data(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "kind": self.kind,
            "name": self.name,
            "parentId": self.parent_id,
            "path": list(self.path),
            "version": self.version,
        }

    @classmethod
    def projection(cls, data: Mapping[str, Any]) -> tuple[str, int, dict[str, Any]]:
        """What a projection stores of an org unit: id, version and the fields to set."""
        unit = cls.from_data(data)
        fields = {"kind": unit.kind, "name": unit.name, "parentId": unit.parent_id}
        return unit.id, unit.version, {**fields, "path": list(unit.path)}

    @classmethod
    def from_data(cls, data: Mapping[str, Any]) -> OrgUnitSnapshot:
        try:
            unit_id, kind, name = data["id"], data["kind"], data["name"]
            parent_id, path, version = data.get("parentId"), data["path"], data["version"]
        except KeyError as exc:
            raise InvalidPayload(f"missing field {exc.args[0]!r}") from None
        if not (isinstance(unit_id, str) and unit_id and isinstance(name, str) and name):
            raise InvalidPayload("id and name must be non-empty strings")
        if kind not in KINDS:
            raise InvalidPayload(f"unknown kind {kind!r}")
        if parent_id is not None and not isinstance(parent_id, str):
            raise InvalidPayload("parentId must be a string or null")
        if not isinstance(path, list) or not all(isinstance(p, str) for p in path):
            raise InvalidPayload("path must be a list of ids")
        if not isinstance(version, int) or version < 1:
            raise InvalidPayload("version must be a positive integer")
        if (parent_id is None) != (not path) or (path and path[-1] != parent_id):
            raise InvalidPayload("path must end with parentId")
        return cls(unit_id, kind, name, parent_id, tuple(path), version)
