"""Recompute every account from its entries and report where the stored figures drifted."""

from __future__ import annotations

from dataclasses import dataclass

from grassroots_kit.mongo import Database, Document

from grassroots_points.adapters.ledger import ACCOUNTS, COLLECTION
from grassroots_points.adapters.rewards import REWARDS


@dataclass(frozen=True)
class Drift:
    person_id: str
    stored_balance: int | None  # None: entries without an account
    ledger_balance: int
    stored_earned: int | None
    ledger_earned: int

    def describe(self) -> str:
        if self.stored_balance is None:
            return f"{self.person_id}: {self.ledger_balance} points in entries but no account"
        return (
            f"{self.person_id}: balance {self.stored_balance} but entries sum to "
            f"{self.ledger_balance}; earned {self.stored_earned} but entries earn "
            f"{self.ledger_earned}"
        )


@dataclass(frozen=True)
class LedgerReport:
    accounts: int
    entries: int
    drifts: tuple[Drift, ...]
    negative_balances: tuple[str, ...]
    negative_stock: tuple[str, ...]

    @property
    def clean(self) -> bool:
        return not (self.drifts or self.negative_balances or self.negative_stock)


async def check_ledger(db: Database) -> LedgerReport:
    pipeline: list[Document] = [
        {
            "$group": {
                "_id": "$personId",
                "balance": {"$sum": "$delta"},
                "earned": {"$sum": "$earned"},
                "entries": {"$sum": 1},
            }
        }
    ]
    sums = {row["_id"]: row async for row in await db[COLLECTION].aggregate(pipeline)}
    drifts: list[Drift] = []
    negative: list[str] = []
    accounts = 0
    async for account in db[ACCOUNTS].find({}):
        accounts += 1
        person = account["_id"]
        row = sums.pop(person, {"balance": 0, "earned": 0})
        if account["balance"] < 0:
            negative.append(person)
        if account["balance"] != row["balance"] or account["earnedTotal"] != row["earned"]:
            drifts.append(
                Drift(
                    person,
                    account["balance"],
                    row["balance"],
                    account["earnedTotal"],
                    row["earned"],
                )
            )
    for person, row in sums.items():
        drifts.append(Drift(person, None, row["balance"], None, row["earned"]))
    stock = [doc["_id"] async for doc in db[REWARDS].find({"stock": {"$lt": 0}}, {"_id": 1})]
    entries = await db[COLLECTION].estimated_document_count()
    return LedgerReport(accounts, entries, tuple(drifts), tuple(negative), tuple(stock))
