"""Awards a rule would have paid that earned nothing, each with the reason (uncapped by
confirmation, or past a cap): kept beside the ledger so a balance can be explained, once per
event and person."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from grassroots_kit.mongo import Database, Indexes, Session
from pymongo import ASCENDING, IndexModel, UpdateOne

from grassroots_points.domain.caps import Withheld

COLLECTION = "withheld_awards"
INDEXES = Indexes(
    COLLECTION,
    (
        IndexModel(
            [("sourceEventId", ASCENDING), ("personId", ASCENDING)],
            name="one_record_per_event_and_person",
            unique=True,
        ),
        IndexModel([("personId", ASCENDING), ("at", ASCENDING)]),
    ),
)


class WithheldAwards:
    def __init__(self, db: Database, session: Session | None = None) -> None:
        # Bound to a transaction's session when built for one (handlers.ports), else none.
        self._session = session
        self._withheld = db[COLLECTION]

    async def record(self, withheld: Sequence[Withheld], now: datetime) -> None:
        if not withheld:
            return
        await self._withheld.bulk_write(
            [
                UpdateOne(
                    {
                        "sourceEventId": w.award.occasion.source_event_id,
                        "personId": w.award.occasion.person_id,
                    },
                    {
                        "$set": {
                            "reason": w.reason,
                            "ruleId": w.award.rule.id,
                            "points": w.award.points,
                            "sourceEventType": w.award.occasion.source_event_type,
                            "earnedAt": w.award.occasion.at,
                            "confirmedBy": w.award.occasion.confirmed_by,
                            "at": now,
                        }
                    },
                    upsert=True,
                )
                for w in withheld
            ],
            ordered=False,
            session=self._session,
        )

    async def reasons(self, event_id: str) -> dict[str, str]:
        """Why each person earned nothing from one event, for those withheld."""
        cursor = self._withheld.find(
            {"sourceEventId": event_id}, {"personId": 1, "reason": 1}, session=self._session
        )
        return {doc["personId"]: doc["reason"] async for doc in cursor}
