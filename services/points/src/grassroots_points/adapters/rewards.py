"""MongoDB storage of rewards and redemptions, with the conditional updates that keep the
stock from going below zero and a redemption from changing status twice."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from grassroots_kit import cursors
from grassroots_kit.cursors import Page
from grassroots_kit.mongo import Database, Document, Indexes, Session
from pymongo import ASCENDING, DESCENDING, IndexModel, ReturnDocument
from pymongo.errors import DuplicateKeyError

from grassroots_points.domain.ids import PersonId, RedemptionId, RewardId
from grassroots_points.domain.rewards import (
    Redemption,
    RedemptionStatus,
    Reward,
    RewardChanges,
    RewardNameTaken,
)

REWARDS = "rewards"
REDEMPTIONS = "redemptions"
INDEXES = (
    Indexes(
        REWARDS,
        (
            IndexModel([("orgUnitId", ASCENDING), ("name", ASCENDING)], unique=True),
            IndexModel([("orgUnitPath", ASCENDING), ("name", ASCENDING), ("_id", ASCENDING)]),
        ),
    ),
    Indexes(
        REDEMPTIONS,
        (
            IndexModel([("personId", ASCENDING), ("at", DESCENDING), ("_id", DESCENDING)]),
            IndexModel([("orgUnitPath", ASCENDING), ("at", DESCENDING), ("_id", DESCENDING)]),
        ),
    ),
)


class RewardStore:
    def __init__(self, db: Database, session: Session | None = None) -> None:
        # Bound to a transaction's session when built for one (handlers.ports), else none.
        self._session = session
        self._rewards = db[REWARDS]

    async def insert(self, reward: Reward) -> None:
        """Raises RewardNameTaken when the catalog has a reward of that name."""
        try:
            await self._rewards.insert_one(_reward_doc(reward), session=self._session)
        except DuplicateKeyError as exc:
            raise RewardNameTaken(reward.name) from exc

    async def get(self, reward_id: str) -> Reward | None:
        doc = await self._rewards.find_one({"_id": reward_id}, session=self._session)
        return _reward(doc) if doc else None

    async def get_many(self, ids: Iterable[str]) -> dict[str, Reward]:
        query = {"_id": {"$in": list(set(ids))}}
        return {doc["_id"]: _reward(doc) async for doc in self._rewards.find(query)}

    async def find_by_name(self, org_unit_id: str, name: str) -> Reward | None:
        doc = await self._rewards.find_one({"orgUnitId": org_unit_id, "name": name})
        return _reward(doc) if doc else None

    async def update(self, reward_id: str, changes: RewardChanges) -> Reward | None:
        """None when there is no such reward; RewardNameTaken when renaming onto a taken name."""
        fields: Document = {}
        if changes.name is not None:
            fields["name"] = changes.name
        if changes.cost is not None:
            fields["cost"] = changes.cost
        if changes.active is not None:
            fields["active"] = changes.active
        if not fields:
            return await self.get(reward_id)
        try:
            doc = await self._rewards.find_one_and_update(
                {"_id": reward_id},
                {"$set": fields},
                return_document=ReturnDocument.AFTER,
                session=self._session,
            )
        except DuplicateKeyError as exc:
            raise RewardNameTaken(changes.name or "") from exc
        return _reward(doc) if doc else None

    async def change_stock(self, reward_id: str, by: int) -> Reward | None:
        """Add to (or take from) the stock; None when taking more than there is."""
        condition: Document = {"_id": reward_id}
        if by < 0:
            condition.update({"stock": {"$gte": -by}, "active": True})
        doc = await self._rewards.find_one_and_update(
            condition,
            {"$inc": {"stock": by}},
            return_document=ReturnDocument.AFTER,
            session=self._session,
        )
        return _reward(doc) if doc else None

    async def page(
        self, within: str, only_active: bool, first: int, after: Sequence[Any] | None
    ) -> Page[Reward]:
        base: Document = {"orgUnitPath": within}
        if only_active:
            base["active"] = True
        query = dict(base)
        if after is not None:
            name, last = cursors.keyset(after, str, str)
            query["$or"] = [{"name": {"$gt": name}}, {"name": name, "_id": {"$gt": last}}]
        docs = [
            d
            async for d in self._rewards.find(query)
            .sort([("name", ASCENDING), ("_id", ASCENDING)])
            .limit(first + 1)
        ]
        return Page(
            items=[_reward(d) for d in docs[:first]],
            has_next=len(docs) > first,
            has_previous=after is not None,
            total_count=await self._rewards.count_documents(base),
        )


@dataclass(frozen=True)
class RedemptionQuery:
    person_id: str | None = None
    within: str | None = None
    status: RedemptionStatus | None = None

    def to_mongo(self) -> Document:
        query: Document = {}
        if self.person_id is not None:
            query["personId"] = self.person_id
        if self.within is not None:
            query["orgUnitPath"] = self.within
        if self.status is not None:
            query["status"] = self.status.value
        return query


class RedemptionStore:
    def __init__(self, db: Database, session: Session | None = None) -> None:
        # Bound to a transaction's session when built for one (handlers.ports), else none.
        self._session = session
        self._redemptions = db[REDEMPTIONS]

    async def insert(self, redemption: Redemption) -> None:
        await self._redemptions.insert_one(_redemption_doc(redemption), session=self._session)

    async def get(self, redemption_id: str) -> Redemption | None:
        doc = await self._redemptions.find_one({"_id": redemption_id}, session=self._session)
        return _redemption(doc) if doc else None

    async def leave_requested(
        self, redemption_id: str, to: RedemptionStatus, by: str
    ) -> Redemption | None:
        """Move a REQUESTED redemption on; None when it is no longer REQUESTED."""
        doc = await self._redemptions.find_one_and_update(
            {"_id": redemption_id, "status": RedemptionStatus.REQUESTED.value},
            {"$set": {"status": to.value, "updatedAt": datetime.now(UTC), "handledBy": by}},
            return_document=ReturnDocument.AFTER,
            session=self._session,
        )
        return _redemption(doc) if doc else None

    async def page(
        self, query: RedemptionQuery, first: int, after: Sequence[Any] | None
    ) -> Page[Redemption]:
        base = query.to_mongo()
        paged = dict(base)
        if after is not None:
            at, last = cursors.keyset(after, datetime, str)
            paged["$or"] = [{"at": {"$lt": at}}, {"at": at, "_id": {"$lt": last}}]
        docs = [
            d
            async for d in self._redemptions.find(paged)
            .sort([("at", DESCENDING), ("_id", DESCENDING)])
            .limit(first + 1)
        ]
        return Page(
            items=[_redemption(d) for d in docs[:first]],
            has_next=len(docs) > first,
            has_previous=after is not None,
            total_count=await self._redemptions.count_documents(base),
        )


def reward_key(reward: Reward) -> tuple[str, str]:
    return (reward.name, reward.id)


def redemption_key(redemption: Redemption) -> tuple[str, str]:
    return (redemption.at.isoformat(), redemption.id)


def _reward_doc(reward: Reward) -> Document:
    return {
        "_id": reward.id,
        "orgUnitId": reward.org_unit_id,
        "orgUnitPath": list(reward.org_unit_path),
        "name": reward.name,
        "cost": reward.cost,
        "stock": reward.stock,
        "active": reward.active,
        "createdAt": reward.created_at,
    }


def _reward(doc: Document) -> Reward:
    return Reward(
        id=RewardId(doc["_id"]),
        org_unit_id=doc["orgUnitId"],
        org_unit_path=tuple(doc["orgUnitPath"]),
        name=doc["name"],
        cost=int(doc["cost"]),
        stock=int(doc["stock"]),
        active=bool(doc["active"]),
        created_at=doc["createdAt"],
    )


def _redemption_doc(r: Redemption) -> Document:
    return {
        "_id": r.id,
        "personId": r.person_id,
        "rewardId": r.reward_id,
        "rewardName": r.reward_name,
        "orgUnitId": r.org_unit_id,
        "orgUnitPath": list(r.org_unit_path),
        "quantity": r.quantity,
        "cost": r.cost,
        "status": r.status.value,
        "at": r.at,
        "updatedAt": r.updated_at,
        "handledBy": r.handled_by,
    }


def _redemption(doc: Document) -> Redemption:
    return Redemption(
        id=RedemptionId(doc["_id"]),
        person_id=PersonId(doc["personId"]),
        reward_id=RewardId(doc["rewardId"]),
        reward_name=doc["rewardName"],
        org_unit_id=doc["orgUnitId"],
        org_unit_path=tuple(doc["orgUnitPath"]),
        quantity=int(doc["quantity"]),
        cost=int(doc["cost"]),
        status=RedemptionStatus(doc["status"]),
        at=doc["at"],
        updated_at=doc["updatedAt"],
        handled_by=PersonId(doc["handledBy"]) if doc.get("handledBy") else None,
    )
