"""Reading lists of cases: filters, scopes, sort orders and keyset pages."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from grassroots_kit import cursors, geo
from grassroots_kit.cursors import Page
from grassroots_kit.mongo import Database, Document

from grassroots_cases.adapters.case_documents import from_doc
from grassroots_cases.adapters.cases import COLLECTION
from grassroots_cases.domain.access import Reader
from grassroots_cases.domain.listing import CaseFilter as CaseFilter
from grassroots_cases.domain.listing import CaseSort as CaseSort
from grassroots_cases.domain.model import Case
from grassroots_cases.domain.vocabulary import OPEN_STATUSES, Status

_SORT: dict[CaseSort, tuple[str, int]] = {
    CaseSort.CREATED: ("createdAt", -1),
    CaseSort.DUE: ("dueAt", 1),
    CaseSort.UPDATED: ("updatedAt", -1),
}


def filter_query(filter: CaseFilter, now: datetime) -> Document:
    """A CaseFilter as a MongoDB query over the cases collection."""
    query: Document = {}
    if filter.statuses:
        query["status"] = {"$in": [s.value for s in filter.statuses]}
    for field, values in (
        ("category", filter.categories),
        ("priority", filter.priorities),
        ("level", filter.levels),
    ):
        if values:
            query[field] = {"$in": [v.value for v in values]}
    for field, value in (
        ("orgUnitPath", filter.within),
        ("assigneeId", filter.assignee_id),
        ("organizationId", filter.organization_id),
        ("reporterId", filter.reporter_id),
    ):
        if value is not None:
            query[field] = value
    created: Document = {}
    if filter.created_from is not None:
        created["$gte"] = filter.created_from
    if filter.created_to is not None:
        created["$lt"] = filter.created_to
    if created:
        query["createdAt"] = created
    if filter.terms:
        query["searchTerms"] = {"$all": list(filter.terms)}
    places = place_conditions(filter.near, filter.area)
    if places:
        query["$and"] = places
    if filter.overdue is not None:
        open_values = [s.value for s in OPEN_STATUSES]
        if filter.overdue:
            query["dueAt"] = {"$lte": now}
            query["status"] = {"$in": _narrow(query.get("status"), open_values)}
        else:
            query["$nor"] = [{"dueAt": {"$lte": now}, "status": {"$in": open_values}}]
    return query


def place_conditions(near: geo.Circle | None, area: geo.BoundingBox | None) -> list[Document]:
    """`near` and the map box as conditions on `location`. `$geoWithin` (not `$near`) so the
    list keeps its own sort and keyset paging; both forms are answered by the 2dsphere index."""
    conditions: list[Document] = []
    if near is not None:
        centre = [near.centre.lng, near.centre.lat]
        conditions.append({"location": {"$geoWithin": {"$centerSphere": [centre, near.radians]}}})
    if area is not None:
        # The index narrows by a polygon that holds the box (its edges are great circles);
        # `$box` then keeps exactly the points between the two parallels and meridians.
        conditions.append({"location": {"$geoWithin": {"$geometry": area.covering_polygon()}}})
        corners = [[area.west, area.south], [area.east, area.north]]
        conditions.append({"location": {"$geoWithin": {"$box": corners}}})
    return conditions


def _narrow(existing: Document | None, values: list[str]) -> list[str]:
    if existing is None:
        return values
    return [v for v in existing["$in"] if v in values]


def readable_by(reader: Reader) -> Document:
    """`domain.access.reads_in_full` as a query: the cases `reader` may read in full."""
    scopes: list[Document] = [
        {"reporterId": reader.person_id},
        {"assigneeId": reader.person_id},
    ]
    if reader.staff_units:
        scopes.append({"orgUnitPath": {"$in": sorted(reader.staff_units)}})
    if reader.organizations:
        scopes.append({"organizationId": {"$in": sorted(reader.organizations)}})
    if reader.taker_units:
        scopes.append(
            {
                "orgUnitPath": {"$in": sorted(reader.taker_units)},
                "status": Status.ON_ORDER_BOARD.value,
            }
        )
    return {"$or": scopes}


async def page_of_cases(
    db: Database,
    query: Document,
    sort: CaseSort,
    first: int,
    after: Sequence[Any] | None,
    total_count: int | None = None,
) -> Page[Case]:
    """A page of the cases matching `query`; `total_count`, when the caller knows it
    (from the rollups), spares counting them."""
    field, direction = _SORT[sort]
    paged = dict(query)
    if after is not None:
        value, last_id = cursors.keyset(after, datetime, str)
        op = "$lt" if direction < 0 else "$gt"
        paged = {
            "$and": [
                query,
                {"$or": [{field: {op: value}}, {field: value, "_id": {op: last_id}}]},
            ]
        }
    cases = db[COLLECTION]
    cursor = cases.find(paged).sort([(field, direction), ("_id", direction)]).limit(first + 1)
    docs = [doc async for doc in cursor]
    return Page(
        items=[from_doc(d) for d in docs[:first]],
        has_next=len(docs) > first,
        has_previous=after is not None,
        total_count=(
            total_count if total_count is not None else await cases.count_documents(query)
        ),
    )
