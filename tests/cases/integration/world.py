"""A small area with people in every role, seeded into the cases service's projections.

The projections are what `people`' events would leave behind (see test_projections.py for the
events themselves); tokens carry the same grants, as `people` would sign them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from grassroots_kit.auth import RoleGrant
from grassroots_kit.mongo import Database

from tests.support.tokens import TokenMint

UNITS: list[tuple[str, str, str]] = [  # id, kind, name: each the child of the one before
    ("d1", "DISTRICT", "Wangcheng District"),
    ("s1", "STREET", "Gaotangling Street"),
    ("c1", "COMMUNITY", "Taohuajing Community"),
    ("g1", "GRID", "Grid 1"),
    ("gr1", "GROUP", "Group 1-1"),
    ("b1", "BUILDING", "Harbin Road No. 3"),
]
PATHS = {uid: tuple(u[0] for u in UNITS[: i + 1]) for i, (uid, _, _) in enumerate(UNITS)}

PEOPLE: dict[str, tuple[str, str, str | None]] = {  # person: (role, unit, organization)
    "res-1": ("RESIDENT", "b1", None),
    "res-2": ("RESIDENT", "b1", None),
    "chief": ("GROUP_CHIEF", "gr1", None),
    "gridder": ("GRID_MEMBER", "g1", None),
    "gridder2": ("GRID_MEMBER", "g1", None),
    "cstaff": ("COMMUNITY_STAFF", "c1", None),
    "cstaff2": ("COMMUNITY_STAFF", "c1", None),
    "sstaff": ("STREET_STAFF", "s1", None),
    "admin": ("DISTRICT_ADMIN", "d1", None),
    "partner": ("RED_PARTNER_MEMBER", "c1", "org-rp"),
    "vol": ("VOLUNTEER", "c1", None),
    "dept": ("DEPARTMENT_STAFF", "d1", "org-water"),
}


@dataclass
class World:
    mint: TokenMint = field(default_factory=TokenMint)

    def grant(self, person: str) -> RoleGrant:
        role, unit, organization = PEOPLE[person]
        return RoleGrant(role, unit, PATHS[unit], organization)

    def headers(self, person: str | None) -> dict[str, str]:
        if person is None:
            return {}
        return self.mint.header(person, self.grant(person))

    async def seed(self, db: Database, *, roles: bool = True) -> None:
        await db["org_units"].insert_many(
            [
                {
                    "_id": uid,
                    "kind": kind,
                    "name": name,
                    "parentId": PATHS[uid][-2] if len(PATHS[uid]) > 1 else None,
                    "path": list(PATHS[uid][:-1]),
                    "version": 1,
                }
                for uid, kind, name in UNITS
            ]
        )
        if roles:
            await db["role_assignments"].insert_many([self.assignment(person) for person in PEOPLE])

    def assignment(self, person: str) -> dict[str, Any]:
        role, unit, organization = PEOPLE[person]
        return {
            "_id": f"ra-{person}",
            "personId": person,
            "role": role,
            "orgUnitId": unit,
            "orgUnitPath": list(PATHS[unit]),
            "organizationId": organization,
            "revokedAt": None,
        }
