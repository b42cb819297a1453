"""Statistics of a subtree and period, checked against figures computed by hand."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest
from grassroots_cases.adapters import rollups
from grassroots_cases.adapters.case_documents import to_doc
from grassroots_cases.domain.ids import CaseId, OrgUnitId
from grassroots_cases.domain.model import Rating
from grassroots_cases.domain.vocabulary import Category, Status
from grassroots_kit.business_time import DEFAULT_ZONE

from tests.cases.integration.conftest import Cases, error_code
from tests.cases.unit.builders import case

H = timedelta(hours=1)
C1 = tuple(OrgUnitId(u) for u in ("d1", "s1", "c1", "g1"))
C2 = tuple(OrgUnitId(u) for u in ("d1", "s1", "c2"))


def _at(month: int, day: int) -> datetime:
    return datetime(2026, month, day, 8, 0, tzinfo=UTC)


# number, created, category, status, first response (h), resolved (h), rating, breaches, due
FIXTURE = [
    (1, _at(3, 2), Category.SEWAGE_WATER, Status.CLOSED, 1, 10, 5, 0, None),
    (2, _at(3, 10), Category.SEWAGE_WATER, Status.CLOSED, 2, 20, 4, 0, None),
    (3, _at(3, 20), Category.PARKING_TRAFFIC, Status.RESOLVED, 3, 30, None, 1, None),
    (4, _at(4, 5), Category.PARKING_TRAFFIC, Status.CLOSED, 4, 40, 3, 2, None),
    (5, _at(4, 15), Category.ENVIRONMENT, Status.REJECTED, 5, None, None, 0, None),
    (6, _at(4, 25), Category.ENVIRONMENT, Status.ACCEPTED, 6, None, None, 1, _at(4, 28)),
    (7, _at(5, 3), Category.ENVIRONMENT, Status.REPORTED, None, None, None, 0, _at(12, 31)),
    (8, _at(5, 30), Category.SEWAGE_WATER, Status.IN_PROGRESS, 8, None, None, 0, _at(6, 2)),
]


async def _seed(cases: Cases) -> None:
    docs = []
    for n, created, category, status, responded, resolved, rating, breaches, due in FIXTURE:
        c = case(
            status,
            id=CaseId(f"s{n}"),
            number=f"WC-2026-00010{n}",
            category=category,
            org_unit_id=C1[-1],
            org_unit_path=C1,
            created_at=created,
            due_at=due or created + 72 * H,
            first_response_at=created + responded * H if responded else None,
            resolved_at=created + resolved * H if resolved else None,
            rating=Rating(rating, None, created + 50 * H) if rating else None,
            breach_count=breaches,
        )
        docs.append(to_doc(c))
    outside = case(Status.CLOSED, id=CaseId("x1"), number="WC-2026-000201")
    docs.append(
        to_doc(replace(outside, org_unit_id=C2[-1], org_unit_path=C2, created_at=_at(3, 5)))
    )
    before = case(Status.CLOSED, id=CaseId("x2"), number="WC-2026-000202", created_at=_at(2, 20))
    docs.append(to_doc(replace(before, org_unit_id=C1[-1], org_unit_path=C1)))
    await cases.db["cases"].insert_many(docs)
    # Stored directly, past the repository: the rollups count them once rebuilt, as existing
    # cases are counted when the service first starts with rollups.
    await rollups.rebuild(cases.db, DEFAULT_ZONE)


STATS = """query($id: ID!, $from: DateTime!, $to: DateTime!) {
  caseStats(orgUnitId: $id, from: $from, to: $to) {
    collected handled completionRate rejected open overdueNow slaBreaches averageRating ratings
    firstResponse { medianSeconds p90Seconds } resolution { medianSeconds p90Seconds }
    byCategory { key collected handled } byMonth { key collected handled } } }"""
PERIOD = {"id": "c1", "from": "2026-03-01T00:00:00Z", "to": "2026-06-01T00:00:00Z"}


async def test_statistics_match_the_hand_computed_figures(cases: Cases):
    # given eight cases in the community in spring, one elsewhere and one before the period
    await _seed(cases)

    # when the community's staff ask for the period's figures
    body = await cases.gql("cstaff", STATS, PERIOD)

    # then (percentiles by nearest rank: the ceil(p*n)-th of the n sorted values)
    assert "errors" not in body, body
    assert body["data"]["caseStats"] == {
        "collected": 8,
        "handled": 4,
        "completionRate": 0.5,
        "rejected": 1,
        "open": 3,
        "overdueNow": 2,
        "slaBreaches": 4,
        "averageRating": 4.0,
        "ratings": 3,
        # first responses 1,2,3,4,5,6,8 h: median the 4th, p90 the 7th
        "firstResponse": {"medianSeconds": 4 * 3600.0, "p90Seconds": 8 * 3600.0},
        # resolutions 10,20,30,40 h: median the 2nd, p90 the 4th
        "resolution": {"medianSeconds": 20 * 3600.0, "p90Seconds": 40 * 3600.0},
        "byCategory": [
            {"key": "ENVIRONMENT", "collected": 3, "handled": 0},
            {"key": "PARKING_TRAFFIC", "collected": 2, "handled": 2},
            {"key": "SEWAGE_WATER", "collected": 3, "handled": 2},
        ],
        "byMonth": [
            {"key": "2026-03", "collected": 3, "handled": 3},
            {"key": "2026-04", "collected": 3, "handled": 1},
            {"key": "2026-05", "collected": 2, "handled": 0},
        ],
    }


async def test_the_org_unit_entity_carries_the_same_statistics(cases: Cases):
    await _seed(cases)
    query = """query($r: [_Any!]!, $from: DateTime!, $to: DateTime!) { _entities(representations: $r) {
      ... on OrgUnit { caseStats(from: $from, to: $to) { collected handled } } } }"""

    body = await cases.gql(
        "sstaff",
        query,
        {"r": [{"__typename": "OrgUnit", "id": "c1"}], "from": PERIOD["from"], "to": PERIOD["to"]},
    )

    assert body["data"]["_entities"] == [{"caseStats": {"collected": 8, "handled": 4}}]


async def test_an_empty_period_has_zeros_and_no_percentiles(cases: Cases):
    body = await cases.gql("cstaff", STATS, {**PERIOD, "to": "2026-03-01T00:00:01Z"})

    stats = body["data"]["caseStats"]
    assert stats["collected"] == 0
    assert stats["completionRate"] is None
    assert stats["firstResponse"] == {"medianSeconds": None, "p90Seconds": None}


@pytest.mark.parametrize(("who", "code"), [("res-1", "FORBIDDEN"), (None, "UNAUTHENTICATED")])
async def test_statistics_are_for_staff_of_the_area(cases: Cases, who: str | None, code: str):
    assert error_code(await cases.gql(who, STATS, PERIOD)) == code


async def test_the_statistics_match_on_the_subtree_index(cases: Cases):
    await _seed(cases)
    from grassroots_cases.adapters.statistics import pipeline

    plan = await cases.db.command(
        "explain",
        {"aggregate": "cases", "pipeline": pipeline("c1", _at(3, 1), _at(6, 1), _at(11, 23), DEFAULT_ZONE),
         "cursor": {}},
        verbosity="queryPlanner",
    )  # fmt: skip

    text = str(plan)
    assert "IXSCAN" in text
    assert "orgUnitPath_1_createdAt_-1__id_-1" in text
    assert "COLLSCAN" not in text


async def test_a_case_reported_at_01_00_on_new_years_day_in_beijing_counts_in_2027(cases: Cases):
    # given a case reported at 2026-12-31T17:00Z, 01:00 on 1 January in Beijing
    at = datetime(2026, 12, 31, 17, tzinfo=UTC)
    late = case(Status.REPORTED, id=CaseId("ny"), number="WC-2027-000001", created_at=at)
    await cases.db["cases"].insert_one(to_doc(replace(late, org_unit_id=C1[-1], org_unit_path=C1)))
    await rollups.rebuild(cases.db, DEFAULT_ZONE)

    # then its rollups are Beijing's 1 January and January 2027, not UTC's 31 December
    periods = {d["period"] async for d in cases.db[rollups.COLLECTION].find({"unit": "c1"})}
    assert periods == {"2027-01-01", "2027-01"}

    # and the business day of 1 January (from 16:00 UTC the day before) collects it, by month
    # 2027; the UTC day of 31 December (whole days from the rollups, an edge from the cases)
    # collects it too but still in the month of the business zone
    day = {"id": "c1", "from": "2026-12-31T16:00:00Z", "to": "2027-01-01T16:00:00Z"}
    body = await cases.gql("cstaff", STATS, day)
    assert "errors" not in body, body
    assert body["data"]["caseStats"]["collected"] == 1
    assert body["data"]["caseStats"]["byMonth"] == [
        {"key": "2027-01", "collected": 1, "handled": 0}
    ]
    before = {"id": "c1", "from": "2026-12-30T16:00:00Z", "to": "2026-12-31T16:00:00Z"}
    body = await cases.gql("cstaff", STATS, before)
    assert body["data"]["caseStats"]["collected"] == 0
