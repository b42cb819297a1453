"""Cost-sharing plans in MongoDB: one document per plan, its households, pledges, payments,
covers and audit trail inside it (bounded by the domain's limits), so a pledge and the check
that funds the plan read and write one document in one transaction.

`activeFor` ("case:<id>" or "item:<meeting>/<item>") is set while the plan is not cancelled and
unique where present: a case or agenda item has at most one live plan, even under concurrent
creation."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import datetime
from typing import Any

from grassroots_kit import cursors
from grassroots_kit.cursors import Page
from grassroots_kit.mongo import Database, Document, Indexes, Session
from pymongo import ASCENDING, DESCENDING, IndexModel
from pymongo.errors import DuplicateKeyError

from grassroots_participation.domain.cost_share_access import ListScope
from grassroots_participation.domain.cost_shares import (
    AuditAction,
    AuditEntry,
    CostSharePlan,
    Cover,
    DuplicatePlan,
    HouseholdShare,
    Payment,
    PlanState,
    ShareMethod,
    StalePlan,
)

COLLECTION = "cost_share_plans"
INDEXES = Indexes(
    COLLECTION,
    (
        IndexModel(
            [("activeFor", ASCENDING)],
            unique=True,
            partialFilterExpression={"activeFor": {"$exists": True}},
        ),
        # Case.costShare.
        IndexModel([("caseId", ASCENDING), ("createdAt", DESCENDING)]),
        # OrgUnit.costSharePlans: a unit's subtree by creation.
        IndexModel([("orgUnitPath", ASCENDING), ("createdAt", ASCENDING), ("_id", ASCENDING)]),
        # Organization.pledges: the plans an organization covered, by creation.
        IndexModel(
            [("covers.organizationId", ASCENDING), ("createdAt", ASCENDING), ("_id", ASCENDING)]
        ),
    ),
)


def _active_for(plan: CostSharePlan) -> str | None:
    if not plan.active:
        return None
    if plan.case_id is not None:
        return f"case:{plan.case_id}"
    return f"item:{plan.meeting_id}/{plan.agenda_item_id}"


def to_document(plan: CostSharePlan) -> Document:
    doc: Document = {
        "_id": plan.id,
        "orgUnitId": plan.org_unit_id,
        "orgUnitPath": list(plan.org_unit_path),
        "title": plan.title,
        "totalFen": plan.total_fen,
        "method": plan.method.value,
        "households": [
            {"householdId": h.household_id, "areaCenti": h.area_centi, "shareFen": h.share_fen}
            for h in plan.households
        ],
        "createdBy": plan.created_by,
        "createdAt": plan.created_at,
        "caseId": plan.case_id,
        "meetingId": plan.meeting_id,
        "agendaItemId": plan.agenda_item_id,
        "pledges": [{"householdId": h, "amountFen": a} for h, a in plan.pledges.items()],
        "payments": [
            {
                "householdId": p.household_id,
                "amountFen": p.amount_fen,
                "recordedBy": p.recorded_by,
                "at": p.at,
                "note": p.note,
            }
            for p in plan.payments
        ],
        "covers": [
            {
                "organizationId": c.organization_id,
                "amountFen": c.amount_fen,
                "recordedBy": c.recorded_by,
                "at": c.at,
            }
            for c in plan.covers
        ],
        "state": plan.state.value,
        "fundedAt": plan.funded_at,
        "spentFen": plan.spent_fen,
        "spentAt": plan.spent_at,
        "cancelledAt": plan.cancelled_at,
        "audit": [
            {
                "at": e.at,
                "by": e.by,
                "action": e.action.value,
                "amountFen": e.amount_fen,
                "householdId": e.household_id,
                "organizationId": e.organization_id,
                "note": e.note,
            }
            for e in plan.audit
        ],
        "version": plan.version,
    }
    active_for = _active_for(plan)
    if active_for is not None:
        doc["activeFor"] = active_for
    return doc


def from_document(doc: Document) -> CostSharePlan:
    return CostSharePlan(
        id=doc["_id"],
        org_unit_id=doc["orgUnitId"],
        org_unit_path=tuple(doc["orgUnitPath"]),
        title=doc["title"],
        total_fen=int(doc["totalFen"]),
        method=ShareMethod(doc["method"]),
        households=tuple(
            HouseholdShare(
                household_id=h["householdId"],
                area_centi=h.get("areaCenti"),
                share_fen=h.get("shareFen"),
            )
            for h in doc["households"]
        ),
        created_by=doc["createdBy"],
        created_at=doc["createdAt"],
        case_id=doc.get("caseId"),
        meeting_id=doc.get("meetingId"),
        agenda_item_id=doc.get("agendaItemId"),
        pledges={p["householdId"]: int(p["amountFen"]) for p in doc.get("pledges", ())},
        payments=[
            Payment(p["householdId"], int(p["amountFen"]), p["recordedBy"], p["at"], p["note"])
            for p in doc.get("payments", ())
        ],
        covers=[
            Cover(c["organizationId"], int(c["amountFen"]), c["recordedBy"], c["at"])
            for c in doc.get("covers", ())
        ],
        state=PlanState(doc["state"]),
        funded_at=doc.get("fundedAt"),
        spent_fen=doc.get("spentFen"),
        spent_at=doc.get("spentAt"),
        cancelled_at=doc.get("cancelledAt"),
        audit=[
            AuditEntry(
                at=e["at"],
                by=e["by"],
                action=AuditAction(e["action"]),
                amount_fen=int(e["amountFen"]),
                household_id=e.get("householdId"),
                organization_id=e.get("organizationId"),
                note=e.get("note", ""),
            )
            for e in doc.get("audit", ())
        ],
        version=doc["version"],
    )


def unit_filter(
    unit_id: str, scope: ListScope | None, states: frozenset[PlanState] = frozenset()
) -> Document:
    """The plans of a unit's subtree within a reader's scope: bounded by the subtree index on
    `orgUnitPath`, never a collection scan."""
    found: Document = {"orgUnitPath": unit_id}
    if states:
        found["state"] = {"$in": sorted(s.value for s in states)}
    if scope is not None:
        found["$and"] = [
            {
                "$or": [
                    {"orgUnitId": {"$in": sorted(scope.held_at)}},
                    {"orgUnitPath": {"$in": sorted(scope.under)}},
                ]
            }
        ]
    return found


class CostShareStore:
    def __init__(self, db: Database, session: Session | None = None) -> None:
        self._session = session
        self._plans = db[COLLECTION]

    async def insert(self, plan: CostSharePlan) -> None:
        try:
            await self._plans.insert_one(to_document(plan), session=self._session)
        except DuplicateKeyError:
            raise DuplicatePlan(plan.id) from None

    async def get(self, plan_id: str) -> CostSharePlan | None:
        doc = await self._plans.find_one({"_id": plan_id}, session=self._session)
        return from_document(doc) if doc else None

    async def save(self, plan: CostSharePlan) -> CostSharePlan:
        saved = replace(plan, version=plan.version + 1)
        result = await self._plans.replace_one(
            {"_id": plan.id, "version": plan.version}, to_document(saved), session=self._session
        )
        if result.matched_count != 1:
            raise StalePlan(plan.id)
        return saved

    async def for_case(self, case_id: str) -> CostSharePlan | None:
        live = await self._plans.find_one({"activeFor": f"case:{case_id}"}, session=self._session)
        if live is not None:
            return from_document(live)
        async for doc in (
            self._plans.find({"caseId": case_id}, session=self._session)
            .sort([("createdAt", DESCENDING)])
            .limit(1)
        ):
            return from_document(doc)
        return None

    async def for_cases(self, case_ids: Sequence[str]) -> dict[str, CostSharePlan]:
        found: dict[str, CostSharePlan] = {}
        query = {"caseId": {"$in": list(set(case_ids))}}
        # Oldest first: a later plan replaces an earlier one, and a live one is never replaced.
        async for doc in self._plans.find(query, session=self._session).sort(
            [("createdAt", ASCENDING), ("_id", ASCENDING)]
        ):
            plan = from_document(doc)
            case_id = str(plan.case_id)
            if case_id not in found or not found[case_id].active:
                found[case_id] = plan
        return found

    async def covered_by(
        self,
        organization_id: str,
        within: frozenset[str] | None,
        first: int,
        after: Sequence[Any] | None,
        states: frozenset[PlanState] = frozenset(),
    ) -> Page[CostSharePlan]:
        base: Document = {"covers.organizationId": organization_id}
        if states:
            base["state"] = {"$in": sorted(s.value for s in states)}
        if within is not None:
            base["orgUnitPath"] = {"$in": sorted(within)}
        return await self._page(base, first, after)

    async def of_unit(
        self,
        unit_id: str,
        scope: ListScope | None,
        first: int,
        after: Sequence[Any] | None,
        states: frozenset[PlanState] = frozenset(),
    ) -> Page[CostSharePlan]:
        return await self._page(unit_filter(unit_id, scope, states), first, after)

    async def _page(
        self, base: Document, first: int, after: Sequence[Any] | None
    ) -> Page[CostSharePlan]:
        """One page of `base` by creation, then id (the order of both listing indexes)."""
        paged = dict(base)
        if after is not None:
            at, last = cursors.keyset(after, datetime, str)
            paged["$or"] = [{"createdAt": {"$gt": at}}, {"createdAt": at, "_id": {"$gt": last}}]
        docs = [
            d
            async for d in self._plans.find(paged, session=self._session)
            .sort([("createdAt", ASCENDING), ("_id", ASCENDING)])
            .limit(first + 1)
        ]
        return Page(
            items=[from_document(d) for d in docs[:first]],
            has_next=len(docs) > first,
            has_previous=after is not None,
            total_count=await self._plans.count_documents(base, session=self._session),
        )
