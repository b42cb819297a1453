"""SLA policies per district; a district without one uses DESIGN.md's defaults."""

from __future__ import annotations

from datetime import datetime

from grassroots_kit.mongo import Database, Document, Session

from grassroots_cases.domain.sla import DEFAULT_HOURS, CategoryOverride, DeadlineUnit, SlaPolicy
from grassroots_cases.domain.vocabulary import Category, Priority

COLLECTION = "sla_policies"


class SlaPolicies:
    def __init__(self, db: Database) -> None:
        self._policies = db[COLLECTION]

    async def for_district(self, district_id: str, session: Session | None = None) -> SlaPolicy:
        doc = await self._policies.find_one({"_id": district_id}, session=session)
        return _policy(doc) if doc else SlaPolicy()

    async def put(
        self, district_id: str, policy: SlaPolicy, by: str | None, now: datetime, session: Session
    ) -> None:
        doc: Document = {
            "priorityHours": {p.value: h for p, h in policy.priority_hours.items()},
            # Only working-day priorities are listed; a document without the field (every
            # policy stored before working days) counts hours throughout.
            "priorityUnits": {p.value: u.value for p, u in policy.priority_units.items()},
            "overrides": [
                {
                    "category": o.category.value,
                    "priority": o.priority.value if o.priority else None,
                    "hours": o.hours,
                    "unit": o.unit.value,
                }
                for o in policy.overrides
            ],
            "updatedBy": by,
            "updatedAt": now,
        }
        await self._policies.update_one(
            {"_id": district_id}, {"$set": doc}, upsert=True, session=session
        )


def _policy(doc: Document) -> SlaPolicy:
    hours = {Priority(k): int(v) for k, v in doc.get("priorityHours", {}).items()}
    return SlaPolicy(
        {**DEFAULT_HOURS, **hours},
        tuple(
            CategoryOverride(
                Category(o["category"]),
                int(o["hours"]),
                Priority(o["priority"]) if o.get("priority") else None,
                DeadlineUnit(o.get("unit", DeadlineUnit.HOURS.value)),
            )
            for o in doc.get("overrides", [])
        ),
        {Priority(k): DeadlineUnit(v) for k, v in doc.get("priorityUnits", {}).items()},
    )
