"""MongoDB storage of point rules, one per selector."""

from __future__ import annotations

from grassroots_kit.mongo import Database, Document, Indexes, Session
from pymongo import ASCENDING, IndexModel, ReturnDocument

from grassroots_points.domain.ids import PersonId, RuleId
from grassroots_points.domain.rules import CapPeriod, PointRule, Selector

COLLECTION = "rules"
INDEXES = Indexes(
    COLLECTION,
    (
        IndexModel([("key", ASCENDING)], unique=True),
        IndexModel([("eventType", ASCENDING)]),
    ),
)


class RuleStore:
    def __init__(self, db: Database, session: Session | None = None) -> None:
        # Bound to a transaction's session when built for one (handlers.ports), else none.
        self._session = session
        self._rules = db[COLLECTION]

    async def for_event_types(self, event_types: set[str]) -> list[PointRule]:
        query = {"eventType": {"$in": sorted(event_types)}}
        return [_rule(doc) async for doc in self._rules.find(query, session=self._session)]

    async def all(self) -> list[PointRule]:
        cursor = self._rules.find({}).sort([("eventType", ASCENDING), ("key", ASCENDING)])
        return [_rule(doc) async for doc in cursor]

    async def put(self, rule: PointRule) -> PointRule:
        """Insert the rule, or replace the one with the same selector (keeping its id)."""
        doc = _doc(rule)
        stored = await self._rules.find_one_and_update(
            {"key": rule.selector.key()},
            {
                "$set": {k: v for k, v in doc.items() if k != "_id"},
                "$setOnInsert": {"_id": rule.id},
            },
            upsert=True,
            return_document=ReturnDocument.AFTER,
            session=self._session,
        )
        assert stored is not None
        return _rule(stored)

    async def get(self, rule_id: str) -> PointRule | None:
        doc = await self._rules.find_one({"_id": rule_id}, session=self._session)
        return _rule(doc) if doc else None

    async def delete(self, rule_id: str) -> bool:
        result = await self._rules.delete_one({"_id": rule_id}, session=self._session)
        return result.deleted_count == 1


def _doc(rule: PointRule) -> Document:
    s = rule.selector
    return {
        "_id": rule.id,
        "key": s.key(),
        "eventType": s.event_type,
        "category": s.category,
        "priority": s.priority,
        "level": s.level,
        "role": s.role,
        "careLevel": s.care_level,
        "points": rule.points,
        "metDeadlineBonus": rule.met_deadline_bonus,
        "topRatingBonus": rule.top_rating_bonus,
        "description": rule.description,
        "updatedAt": rule.updated_at,
        "updatedBy": rule.updated_by,
        "maxPerPeriod": rule.max_per_period,
        "capPeriod": rule.cap_period.value if rule.cap_period else None,
        "pointsPerHour": rule.points_per_hour,
    }


def _rule(doc: Document) -> PointRule:
    return PointRule(
        id=RuleId(doc["_id"]),
        selector=Selector(
            event_type=doc["eventType"],
            category=doc.get("category"),
            priority=doc.get("priority"),
            level=doc.get("level"),
            role=doc.get("role"),
            care_level=doc.get("careLevel"),
        ),
        points=int(doc["points"]),
        met_deadline_bonus=int(doc.get("metDeadlineBonus", 0)),
        top_rating_bonus=int(doc.get("topRatingBonus", 0)),
        description=doc.get("description", ""),
        updated_at=doc["updatedAt"],
        updated_by=PersonId(doc["updatedBy"]) if doc.get("updatedBy") else None,
        max_per_period=doc.get("maxPerPeriod"),
        cap_period=CapPeriod(doc["capPeriod"]) if doc.get("capPeriod") else None,
        points_per_hour=int(doc.get("pointsPerHour", 0)),
    )
