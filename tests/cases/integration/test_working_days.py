"""Working-day deadlines with MongoDB and the real holiday calendar: the sweeper agrees."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from grassroots_cases.adapters.case_documents import to_doc
from grassroots_cases.domain.ids import CaseId, OrgUnitId
from grassroots_cases.handlers.composition import cases_ports
from grassroots_cases.handlers.sweeper import Sweeper

from tests.cases.integration.conftest import Cases
from tests.cases.integration.world import PATHS
from tests.cases.unit.builders import case

POLICY = """mutation($input: SetSlaPolicyInput!) { setSlaPolicy(input: $input) {
  slaPolicy { categories { hours unit } } } }"""


async def _overdue_case(cases: Cases, due: datetime) -> str:
    path = tuple(OrgUnitId(p) for p in PATHS["b1"])
    overdue = case(
        id=CaseId("wd-overdue"),
        org_unit_id=path[-1],
        org_unit_path=path,
        created_at=due - timedelta(days=3),
        updated_at=due - timedelta(days=3),
        due_at=due,
    )
    await cases.db["cases"].insert_one(to_doc(overdue))
    return overdue.id


async def test_the_sweeper_gives_an_escalated_case_a_working_day_deadline(cases: Cases):
    body = await cases.gql(
        "admin",
        POLICY,
        {
            "input": {
                "districtId": "d1",
                "categories": [{"category": "SEWAGE_WATER", "hours": 3, "unit": "WORKING_DAYS"}],
            }
        },
    )
    assert body["data"]["setSlaPolicy"]["slaPolicy"]["categories"] == [
        {"hours": 3, "unit": "WORKING_DAYS"}
    ]
    case_id = await _overdue_case(cases, datetime(2026, 9, 29, 10, tzinfo=UTC))
    # Wednesday 30 September 2026, 10:00 in Beijing: the National Day holiday is 1-7 October and
    # Saturday 10 October is an adjusted working day (8th, 9th, 10th).
    at = datetime(2026, 9, 30, 2, tzinfo=UTC)

    result = await Sweeper(cases_ports(cases.svc.host), clock=lambda: at).sweep_once()

    assert result.escalated == 1
    doc = await cases.db["cases"].find_one({"_id": case_id})
    assert doc["dueAt"].replace(tzinfo=UTC) == datetime(2026, 10, 10, 10, tzinfo=UTC)
    assert doc["breachCount"] == 1


async def test_the_sweeper_does_not_guess_past_the_calendar(cases: Cases):
    await cases.gql(
        "admin",
        POLICY,
        {
            "input": {
                "districtId": "d1",
                "priorities": [{"priority": "NORMAL", "hours": 3, "unit": "WORKING_DAYS"}],
            }
        },
    )
    due = datetime(2026, 12, 28, 10, tzinfo=UTC)
    case_id = await _overdue_case(cases, due)
    # 30 December 2026: three working days later is in 2027, which chinesecalendar 1.11 lacks.
    at = datetime(2026, 12, 30, 2, tzinfo=UTC)

    result = await Sweeper(cases_ports(cases.svc.host), clock=lambda: at).sweep_once()

    assert result.escalated == 0
    doc = await cases.db["cases"].find_one({"_id": case_id})
    assert doc["dueAt"].replace(tzinfo=UTC) == due
    assert doc["breachCount"] == 0
