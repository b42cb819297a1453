"""The Harbin Road pipe, worked with participation as Shibei tells it (the cases stage has
reported it, the Sewage Management Office has declined and the street has sent it to
deliberation): the community convenes the six households of 哈尔滨路3号, they vote one household
one vote to share the cost, a cost-sharing plan for the case is pledged by each household and
funded when the red partner 海悦物业 covers the shortfall, the decision resumes the case, and the
red partner repairs it; the resident rates it and it closes.

Idempotent: the case is found by its reporter and title, the meeting by its title, the plan as
`Case.costShare`; each step is taken only if the graph shows it has not been.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from scripts.demo.cases import HARBIN_ROAD, HARBIN_ROAD_REPAIR, Cast, work_steps
from scripts.demo.context import DemoContext
from scripts.demo.participation_common import (
    at,
    eventually,
    find_by_title,
    household_of,
    today,
    wait_for,
)
from scripts.demo.people_cast import HARBIN

CONVENER = "Wang Feng"  # party secretary of Yichun Road Community
# The households, by who represents (and pledges for) each; all six vote for sharing.
HOUSEHOLDS = ("Li Na", "Long Wei", "Sun Jianhua", "Zhou Yumei", "Wu Deming", "Zheng Hongmei")
PARTNER = ("Qian Bo", "haiyue")  # who covers the shortfall, for which organization
MEETING_TITLE = "哈尔滨路3号住户议事会：院内污水管道维修费用分摊"
DECISION = (
    "【第3天】经6户一户一票表决通过：院内污水管道维修约需7200元，各户认捐800元，共4800元；"
    "差额2400元由结对的红色合伙人青岛海悦物业承担，并由其组织施工。"
)
MINUTES = (
    "社区党委书记王峰召集哈尔滨路3号6户住户议事。排水管理处说明管段系居民自行改接、不予维修；"
    "住户逐户发言后表决，6户全部赞成按户认捐，物业补足差额。会后建立分摊方案，逐户登记认捐。"
)
PLAN_TITLE = "哈尔滨路3号院内污水管道维修"
TOTAL_FEN = 720_000  # 7,200 yuan
PLEDGE_FEN = 80_000  # 800 yuan a household

CASES = """query($f: CaseFilter) { cases(filter: $f, first: 20) { edges { node { id title } } } }"""
CASE = """query($id: ID!) { case(id: $id) { id status level
  assignedOrganization { id }
  deliberation { id status agendaItemId meeting { id } }
  costShare { id state shortfallFen households { household { id } pledgedFen } } } }"""
MEETINGS = """query($unit: ID!) { orgUnit(id: $unit) { meetings(first: 100) {
  edges { node { id title status agenda { id status } } } } } }"""
SCHEDULE = """mutation($i: ScheduleMeetingInput!) { scheduleMeeting(input: $i) {
  meeting { id title status agenda { id status } } } }"""
PUT = """mutation($i: PutProposalOnAgendaInput!) { putProposalOnAgenda(input: $i) {
  proposal { agendaItemId } } }"""
MY_VOTE = """query($id: ID!) { meeting(id: $id) { agenda { id myVote } } }"""
VOTE = """mutation($i: CastVoteInput!) { castVote(input: $i) { choice } }"""
ATTEND = """mutation($i: RecordAttendanceInput!) { recordAttendance(input: $i) {
  meeting { id } } }"""
DECIDE = """mutation($i: RecordDecisionInput!) { recordDecision(input: $i) {
  decision { outcome } } }"""
CLOSE = """mutation($i: CloseMeetingInput!) { closeMeeting(input: $i) { meeting { status } } }"""
CREATE_PLAN = """mutation($i: CreateCostSharePlanInput!) { createCostSharePlan(input: $i) {
  plan { id } } }"""
PLEDGE = """mutation($i: PledgeInput!) { pledge(input: $i) { plan { state } } }"""
COVER = """mutation($i: CoverShortfallInput!) { coverShortfall(input: $i) { plan { state } } }"""


def _case(ctx: DemoContext, cast: Cast) -> dict[str, Any]:
    staff = cast[CONVENER]
    title = HARBIN_ROAD.report["title"]
    found = staff.execute(
        CASES, {"f": {"orgUnitId": ctx.unit(*HARBIN), "reporterId": cast.id(HARBIN_ROAD.reporter)}}
    )["cases"]["edges"]
    case_id = next(e["node"]["id"] for e in found if e["node"]["title"] == title)
    case: dict[str, Any] = staff.execute(CASE, {"id": case_id})["case"]
    return case


def _meeting(ctx: DemoContext, cast: Cast, households: dict[str, tuple[str, str]]) -> str:
    staff = cast[CONVENER]
    unit = ctx.unit(*HARBIN)
    found = find_by_title(staff, MEETINGS, unit, "meetings", MEETING_TITLE)
    if found:
        return str(found["id"])
    invited = [{"householdId": h, "representativeId": p} for p, h in households.values()]
    made = eventually(
        lambda: staff.execute(
            SCHEDULE,
            {
                "i": {
                    "orgUnitId": unit,
                    "kind": "MASS_MEETING",
                    "title": MEETING_TITLE,
                    "startsAt": at(today(), 19, 30),
                    "location": "哈尔滨路3号院内",
                    "households": invited,
                    "organizationIds": [cast.organization(PARTNER[1])],
                }
            },
        )
    )
    return str(made["scheduleMeeting"]["meeting"]["id"])


def _decide(cast: Cast, meeting_id: str, item_id: str, households: dict[str, Any]) -> None:
    staff = cast[CONVENER]
    for who in HOUSEHOLDS:
        agenda = cast[who].execute(MY_VOTE, {"id": meeting_id})["meeting"]["agenda"]
        if next(i for i in agenda if i["id"] == item_id)["myVote"] is None:
            choice = {"meetingId": meeting_id, "itemId": item_id, "choice": "FOR"}
            cast[who].execute(VOTE, {"i": choice})
    present = [households[who][0] for who in HOUSEHOLDS]
    staff.execute(ATTEND, {"i": {"meetingId": meeting_id, "personIds": present}})
    decision = {"meetingId": meeting_id, "itemId": item_id, "method": "HOUSEHOLD_VOTE"}
    staff.execute(DECIDE, {"i": {**decision, "text": DECISION}})


def _plan(ctx: DemoContext, cast: Cast, case: dict[str, Any], households: dict[str, Any]) -> None:
    plan = case["costShare"]
    if plan is None:
        made = cast[CONVENER].execute(
            CREATE_PLAN,
            {
                "i": {
                    "title": PLAN_TITLE,
                    "totalFen": TOTAL_FEN,
                    "method": "PLEDGED",
                    "households": [{"householdId": h} for _, h in households.values()],
                    "caseId": case["id"],
                    "orgUnitId": ctx.unit(*HARBIN),
                }
            },
        )
        plan = {"id": made["createCostSharePlan"]["plan"]["id"], "state": "OPEN", "households": []}
    if plan["state"] != "OPEN":
        return
    pledged = {h["household"]["id"] for h in plan["households"] if h["pledgedFen"]}
    for who in HOUSEHOLDS:
        household = households[who][1]
        if household not in pledged:
            pledge = {"planId": plan["id"], "householdId": household, "amountFen": PLEDGE_FEN}
            cast[who].execute(PLEDGE, {"i": pledge})
    who, org = PARTNER
    cover = {"planId": plan["id"], "organizationId": cast.organization(org)}
    cast[who].execute(COVER, {"i": cover})


def _resumed(ctx: DemoContext, cast: Cast) -> Callable[[], dict[str, Any] | None]:
    def check() -> dict[str, Any] | None:
        case = _case(ctx, cast)
        return case if case["status"] != "IN_DELIBERATION" else None

    return check


def load(ctx: DemoContext, cast: Cast) -> str:
    case = _case(ctx, cast)
    if case["status"] == "CLOSED":
        return "the Harbin Road pipe: decided, funded and closed before"
    households = {who: household_of(cast[who]) for who in HOUSEHOLDS}
    if case["status"] == "IN_DELIBERATION":
        # participation lists the case once it has consumed case.sent_to_deliberation
        proposal = wait_for(
            lambda: _case(ctx, cast)["deliberation"], "the pipe on the deliberation list"
        )
        meeting_id = _meeting(ctx, cast, households)
        item_id = proposal["agendaItemId"]
        if proposal["status"] == "PROPOSED":
            put = {"proposalId": proposal["id"], "meetingId": meeting_id}
            placed = cast[CONVENER].execute(PUT, {"i": put})["putProposalOnAgenda"]["proposal"]
            item_id = placed["agendaItemId"]
        unit = ctx.unit(*HARBIN)
        meeting = find_by_title(cast[CONVENER], MEETINGS, unit, "meetings", MEETING_TITLE)
        if meeting is None:
            raise SystemExit("demo data: the Harbin Road meeting vanished")
        if next(i for i in meeting["agenda"] if i["id"] == item_id)["status"] == "OPEN":
            _decide(cast, meeting_id, item_id, households)
        if meeting["status"] == "SCHEDULED":
            cast[CONVENER].execute(CLOSE, {"i": {"meetingId": meeting_id, "minutes": MINUTES}})
        # cases resumes the case when it has consumed decision.made
        wait_for(_resumed(ctx, cast), "the decision to resume the case")
    case = _case(ctx, cast)
    _plan(ctx, cast, case, households)
    if case["status"] == "ASSIGNED" and case["assignedOrganization"]["id"] == cast.organization(
        "sewage"
    ):
        work_steps(cast, HARBIN_ROAD.report["title"], case, HARBIN_ROAD_REPAIR)
    return "the Harbin Road pipe: decided by the households, funded, repaired and closed now"
