"""The accounts and their immutable ledger: posting an entry and reading them back.

Posting updates the account and inserts the entry in the caller's transaction. A debit is a
conditional update (`balance >= amount`), so the balance cannot go below zero whatever races
with it; concurrent postings on one account conflict and the transaction is retried.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Mapping, Sequence
from datetime import UTC, datetime
from typing import Any

from grassroots_kit import cursors
from grassroots_kit.cursors import Page
from grassroots_kit.i18n import Text
from grassroots_kit.mongo import Database, Document, Indexes, Session
from pymongo import ASCENDING, DESCENDING, IndexModel, ReturnDocument, UpdateOne

from grassroots_points.domain.ids import EntryId, PersonId, RedemptionId, RuleId
from grassroots_points.domain.ledger import Account, Entry, EntryKind, InsufficientPoints

ACCOUNTS = "accounts"
COLLECTION = "ledger"
INDEXES = (
    Indexes(ACCOUNTS, (IndexModel([("orgUnitPath", ASCENDING)]),)),
    Indexes(
        COLLECTION,
        (
            IndexModel([("personId", ASCENDING), ("at", DESCENDING), ("_id", DESCENDING)]),
            # An event affects each person once, whoever delivers it and however often.
            IndexModel(
                [("sourceEventId", ASCENDING), ("personId", ASCENDING)],
                name="one_entry_per_event_and_person",
                unique=True,
                partialFilterExpression={"sourceEventId": {"$type": "string"}},
            ),
            # An award is reversed at most once.
            IndexModel(
                [("reverses", ASCENDING)],
                name="one_reversal_per_award",
                unique=True,
                partialFilterExpression={"reverses": {"$type": "string"}},
            ),
            IndexModel(
                [("caseId", ASCENDING), ("closure", ASCENDING), ("kind", ASCENDING)],
                partialFilterExpression={"caseId": {"$type": "string"}},
            ),
            # Leaderboards: one indexed aggregation over a subtree and a period.
            IndexModel(
                [
                    ("orgUnitPath", ASCENDING),
                    ("earnedAt", ASCENDING),
                    ("personId", ASCENDING),
                    ("earned", ASCENDING),
                ]
            ),
        ),
    ),
)


class LedgerStore:
    def __init__(self, db: Database, session: Session | None = None) -> None:
        # Bound to a transaction's session when built for one (handlers.ports), else none.
        self._session = session
        self._accounts = db[ACCOUNTS]
        self._entries = db[COLLECTION]

    async def post(self, entry: Entry, *, home_path: Sequence[str] = ()) -> Entry:
        """Apply `entry` to its account (created on a first credit) and record it."""
        now = datetime.now(UTC)
        change: Document = {
            "$inc": {"balance": entry.delta, "earnedTotal": entry.earned, "version": 1},
            "$set": {"updatedAt": now},
        }
        if entry.delta < 0:
            account = await self._accounts.find_one_and_update(
                {"_id": entry.person_id, "balance": {"$gte": -entry.delta}},
                change,
                return_document=ReturnDocument.AFTER,
                session=self._session,
            )
            if account is None:
                current = await self.account(entry.person_id)
                balance = current.balance if current else 0
                raise InsufficientPoints.paying(entry, balance)
        else:
            change["$setOnInsert"] = {"orgUnitPath": list(home_path), "createdAt": now}
            account = await self._accounts.find_one_and_update(
                {"_id": entry.person_id},
                change,
                upsert=True,
                return_document=ReturnDocument.AFTER,
                session=self._session,
            )
        assert account is not None
        posted = dataclasses.replace(entry, balance_after=int(account["balance"]))
        await self._entries.insert_one(_entry_doc(posted), session=self._session)
        return posted

    async def post_credits(
        self,
        entries: Sequence[Entry],
        *,
        home_paths: Mapping[str, Sequence[str]],
    ) -> list[Entry]:
        """Post credits (each delta > 0) in three round trips whatever their number: read the
        accounts, then one bulk update of the accounts and one insert of the entries. Each
        entry's `balance_after` follows the ones before it. Debits go through `post`."""
        if any(entry.delta <= 0 for entry in entries):
            raise ValueError("post_credits posts credits only")
        if not entries:
            return []
        people = sorted({entry.person_id for entry in entries})
        balances = {
            doc["_id"]: int(doc.get("balance", 0))
            async for doc in self._accounts.find(
                {"_id": {"$in": people}}, {"balance": 1}, session=self._session
            )
        }
        posted: list[Entry] = []
        totals: dict[str, list[int]] = {}  # person → [delta, earned, entries]
        for entry in entries:
            balance = balances.get(entry.person_id, 0) + entry.delta
            balances[entry.person_id] = balance
            posted.append(dataclasses.replace(entry, balance_after=balance))
            total = totals.setdefault(entry.person_id, [0, 0, 0])
            total[0] += entry.delta
            total[1] += entry.earned
            total[2] += 1
        now = datetime.now(UTC)
        updates = [
            UpdateOne(
                {"_id": person},
                {
                    "$inc": {"balance": delta, "earnedTotal": earned, "version": count},
                    "$set": {"updatedAt": now},
                    "$setOnInsert": {
                        "orgUnitPath": list(home_paths.get(person, ())),
                        "createdAt": now,
                    },
                },
                upsert=True,
            )
            for person, (delta, earned, count) in totals.items()
        ]
        await self._accounts.bulk_write(updates, ordered=False, session=self._session)
        await self._entries.insert_many([_entry_doc(e) for e in posted], session=self._session)
        return posted

    async def awarded(self, event_ids: Sequence[str]) -> set[tuple[str, str]]:
        """(event, person) pairs that already have an entry: an event affects a person once."""
        cursor = self._entries.find(
            {"sourceEventId": {"$in": list(event_ids)}},
            {"sourceEventId": 1, "personId": 1},
            session=self._session,
        )
        return {(doc["sourceEventId"], doc["personId"]) async for doc in cursor}

    async def count_awards(
        self,
        person_id: str,
        event_type: str,
        since: datetime,
        until: datetime,
    ) -> int:
        """Awards a person earned for one kind of occasion done within [since, until)."""
        return await self._entries.count_documents(
            {
                "personId": person_id,
                "kind": EntryKind.AWARD.value,
                "sourceEventType": event_type,
                "earnedAt": {"$gte": since, "$lt": until},
            },
            session=self._session,
        )

    async def account(self, person_id: str) -> Account | None:
        doc = await self._accounts.find_one({"_id": person_id}, session=self._session)
        return _account(doc) if doc else None

    async def accounts(self, person_ids: Iterable[str]) -> dict[str, Account]:
        ids = list(set(person_ids))
        return {
            doc["_id"]: _account(doc) async for doc in self._accounts.find({"_id": {"$in": ids}})
        }

    async def set_home(self, person_id: str, path: Sequence[str]) -> None:
        """Where a person lives decides whose staff see their account."""
        await self._accounts.update_one(
            {"_id": person_id}, {"$set": {"orgUnitPath": list(path)}}, session=self._session
        )

    async def entries_of_event(self, event_id: str) -> list[Entry]:
        cursor = self._entries.find({"sourceEventId": event_id}, session=self._session)
        return [_entry(doc) async for doc in cursor]

    async def awards_of_closure(self, case_id: str, closure: int) -> list[Entry]:
        query = {"caseId": case_id, "closure": closure, "kind": EntryKind.AWARD.value}
        return [_entry(doc) async for doc in self._entries.find(query, session=self._session)]

    async def reversed_awards(self, award_ids: Sequence[str]) -> set[str]:
        query = {"reverses": {"$in": list(award_ids)}}
        return {doc["reverses"] async for doc in self._entries.find(query, session=self._session)}

    async def page(self, person_id: str, first: int, after: Sequence[Any] | None) -> Page[Entry]:
        base: Document = {"personId": person_id}
        query = dict(base)
        if after is not None:
            at, last_id = cursors.keyset(after, datetime, str)
            query["$or"] = [{"at": {"$lt": at}}, {"at": at, "_id": {"$lt": last_id}}]
        docs = [
            doc
            async for doc in self._entries.find(query)
            .sort([("at", DESCENDING), ("_id", DESCENDING)])
            .limit(first + 1)
        ]
        return Page(
            items=[_entry(d) for d in docs[:first]],
            has_next=len(docs) > first,
            has_previous=after is not None,
            total_count=await self._entries.count_documents(base),
        )


def page_key(entry: Entry) -> tuple[str, str]:
    return (entry.at.isoformat(), entry.id)


def _entry_doc(entry: Entry) -> Document:
    return {
        "_id": entry.id,
        "personId": entry.person_id,
        "delta": entry.delta,
        "earned": entry.earned,
        "kind": entry.kind.value,
        "reason": entry.reason,
        "at": entry.at,
        "earnedAt": entry.earned_at or entry.at,
        "orgUnitPath": list(entry.org_unit_path),
        "ruleId": entry.rule_id,
        "sourceEventId": entry.source_event_id,
        "sourceEventType": entry.source_event_type,
        "actorId": entry.actor_id,
        "caseId": entry.case_id,
        "closure": entry.closure,
        "reverses": entry.reverses,
        "redemptionId": entry.redemption_id,
        "balanceAfter": entry.balance_after,
        "confirmedBy": entry.confirmed_by,
        # The reason as points wrote it, so each reader gets it in their language.
        "reasonText": (
            {"template": entry.reason_text.template, "fields": dict(entry.reason_text.params)}
            if entry.reason_text is not None
            else None
        ),
    }


def _entry(doc: Document) -> Entry:
    def opt(name: str) -> Any:
        return doc.get(name)

    return Entry(
        id=EntryId(doc["_id"]),
        person_id=PersonId(doc["personId"]),
        delta=int(doc["delta"]),
        kind=EntryKind(doc["kind"]),
        reason=doc["reason"],
        at=doc["at"],
        earned_at=opt("earnedAt"),
        org_unit_path=tuple(doc.get("orgUnitPath", ())),
        rule_id=RuleId(doc["ruleId"]) if opt("ruleId") else None,
        source_event_id=opt("sourceEventId"),
        source_event_type=opt("sourceEventType"),
        actor_id=PersonId(doc["actorId"]) if opt("actorId") else None,
        case_id=opt("caseId"),
        closure=opt("closure"),
        reverses=EntryId(doc["reverses"]) if opt("reverses") else None,
        redemption_id=RedemptionId(doc["redemptionId"]) if opt("redemptionId") else None,
        balance_after=opt("balanceAfter"),
        confirmed_by=PersonId(doc["confirmedBy"]) if opt("confirmedBy") else None,
        reason_text=_text(opt("reasonText")),
    )


def _text(doc: Document | None) -> Text | None:
    """A reason points wrote; None for one a person typed, or an entry from before it was kept."""
    if not doc:
        return None
    return Text(str(doc["template"]), dict(doc.get("fields") or {}))


def _account(doc: Document) -> Account:
    return Account(
        person_id=PersonId(doc["_id"]),
        balance=int(doc["balance"]),
        earned_total=int(doc["earnedTotal"]),
        version=int(doc["version"]),
        org_unit_path=tuple(doc.get("orgUnitPath", ())),
        created_at=doc["createdAt"],
    )
