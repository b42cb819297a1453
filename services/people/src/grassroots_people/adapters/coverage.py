"""MongoDB reads behind care coverage: a unit, its children, its households and their visits.

Each read runs on an index (tests/people/integration/test_care_coverage.py checks the plans):
children on (parentId, name), households on their multikey orgUnitPath, visits on
(householdId, at).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from grassroots_kit.mongo import Database, Document

from grassroots_people.adapters import households, org_units, visits
from grassroots_people.domain.care import CareLevel, CareRow
from grassroots_people.domain.org_units import OrgUnit

# Households asked about per visits query: an $in of this many ids stays a small command.
BATCH = 1000


def households_filter(unit_id: str) -> Document:
    return {"orgUnitPath": unit_id}


def visits_pipeline(
    household_ids: Sequence[str], since: datetime, until: datetime
) -> list[Document]:
    return [
        {
            "$match": {
                "householdId": {"$in": list(household_ids)},
                "at": {"$gte": since, "$lt": until},
                "confirmedBy": {"$ne": None},
            }
        },
        {"$group": {"_id": "$householdId", "last": {"$max": "$at"}}},
    ]


class CoverageStore:
    def __init__(self, db: Database) -> None:
        self._units = db[org_units.COLLECTION]
        self._households = db[households.COLLECTION]
        self._visits = db[visits.COLLECTION]

    async def unit(self, unit_id: str) -> OrgUnit | None:
        doc = await self._units.find_one({"_id": unit_id})
        return org_units.from_doc(doc) if doc else None

    async def child_ids(self, unit_id: str) -> list[str]:
        cursor = self._units.find({"parentId": unit_id}, {"_id": 1}).sort("name", 1)
        return [doc["_id"] async for doc in cursor]

    async def care_rows(self, unit_id: str) -> list[CareRow]:
        cursor = self._households.find(
            households_filter(unit_id), {"orgUnitPath": 1, "careLevel": 1, "careSince": 1}
        )
        return [
            CareRow(
                household_id=doc["_id"],
                org_unit_path=tuple(doc["orgUnitPath"]),
                care_level=CareLevel(doc["careLevel"]),
                care_since=doc["careSince"],
            )
            async for doc in cursor
        ]

    async def last_visits(
        self, household_ids: Sequence[str], since: datetime, until: datetime
    ) -> dict[str, datetime]:
        found: dict[str, datetime] = {}
        for start in range(0, len(household_ids), BATCH):
            batch = household_ids[start : start + BATCH]
            cursor = await self._visits.aggregate(visits_pipeline(batch, since, until))
            found.update({doc["_id"]: doc["last"] async for doc in cursor})
        return found
