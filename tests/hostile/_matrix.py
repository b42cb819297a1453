"""The cases, points and participation rows of the authorization matrix: for each mutation,
how to make a target in a unit of the world (a case in the state the mutation starts from, a
reward, a redemption, a meeting…) and which roles may run it there.

Sources: docs/cases.md "Workflow" (staff at the rung or above, over the case's org unit; a case
one may not see is NOT_FOUND), docs/points.md with `grassroots_points.domain.access`, and
docs/participation.md with `grassroots_participation.domain.access`.
"""

from __future__ import annotations

import asyncio
import random
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any

from tests.hostile._probe import assert_clean, post

# Every role of the ladder (grassroots_contracts.roles, without the bootstrap-only
# PLATFORM_ADMIN) and the unit of the world it is held on. Everyone lives in building_in.
ROLES = {
    "DISTRICT_ADMIN": "district",
    "DEPARTMENT_STAFF": "street_in",
    "STREET_STAFF": "street_in",
    "COMMUNITY_STAFF": "community_in",
    "COMMUNITY_SECRETARY": "community_in",
    "RED_PARTNER_MEMBER": "community_in",
    "VOLUNTEER": "community_in",
    "GRID_MEMBER": "grid_in",
    "GRID_CHIEF": "grid_in",
    "PIECE_CHIEF": "piece_in",
    "GROUP_CHIEF": "group_in",
    "NEIGHBOR_CHIEF": "neighborhood_in",
    "BUILDING_CHIEF": "building_in",
    "RESIDENT": "building_in",
}
# Cases: staff at the rung or above (every target case sits at the GROUP rung or higher).
STAFF = frozenset(ROLES) - {"RED_PARTNER_MEMBER", "VOLUNTEER", "RESIDENT"}
ABOVE_GRID = frozenset(
    {"COMMUNITY_STAFF", "COMMUNITY_SECRETARY", "STREET_STAFF", "DEPARTMENT_STAFF", "DISTRICT_ADMIN"}
)
AT_STREET_OR_ABOVE = frozenset({"STREET_STAFF", "DEPARTMENT_STAFF", "DISTRICT_ADMIN"})
TAKERS = frozenset({"RED_PARTNER_MEMBER", "VOLUNTEER"})
# Points: the community's catalog and adjustments; rules and reprocessing.
COMMUNITY = frozenset({"COMMUNITY_STAFF", "COMMUNITY_SECRETARY"})
ADMINS = frozenset({"DISTRICT_ADMIN"})
# Point rules are platform-wide: no role of the ladder sets them or replays events under them.
PLATFORM_ONLY: frozenset[str] = frozenset()
EVERYONE = frozenset(ROLES)


@dataclass
class World:
    gateway: str
    admin: str  # the bootstrap platform admin: reports the target cases, holds no ladder role
    tree: dict[str, str]
    tokens: dict[str, str]  # role (and "HELPER_OUT") → access token
    people: dict[str, str]  # role (and "HELPER_OUT") → person id
    organizations: dict[str, str] = field(default_factory=dict)
    # Subgraph URLs: targets are prepared there directly (the cells go through the gateway).
    subgraphs: dict[str, str] = field(default_factory=dict)

    async def act(
        self, token: str, query: str, variables: dict[str, Any], service: str | None = None
    ) -> dict[str, Any]:
        url = self.subgraphs[service] if service else self.gateway
        status, body, text = await post(url, query, variables, token)
        assert_clean(status, text)
        assert not body.get("errors"), body
        data: dict[str, Any] = body["data"]
        return data

    def side(self, unit: str) -> str:
        return "out" if unit.endswith("_out") else "in"

    def keeper(self, unit: str) -> str:
        """A token that may prepare targets in `unit`: staff on its side of the world."""
        return self.tokens["DISTRICT_ADMIN" if self.side(unit) == "in" else "HELPER_OUT"]


Prepare = Callable[[World, str], Awaitable[dict[str, Any]]]


@dataclass(frozen=True)
class Row:
    mutation: str
    document: str
    # Makes a fresh target in a unit of the world and returns the mutation's variables.
    prepare: Prepare
    allowed_in: frozenset[str]
    # Who may also act on the target outside their subtree (a redeemer, a reporter…).
    allowed_out: frozenset[str] = frozenset()
    # Where the target lives: "case" (building, or the neighbor chief's neighborhood),
    # "community", "district" or None (no place: rules and reprocessing).
    place: str | None = "case"

    def allowed(self, role: str, scope: str) -> bool:
        return role in (self.allowed_in if scope == "in" else self.allowed_out)

    def unit(self, role: str, scope: str) -> str:
        if self.place == "community":
            return f"community_{scope}"
        if self.place == "district":
            return "district" if scope == "in" else "other_district"
        if self.place is None:
            return "district"
        return (
            "neighborhood_in" if (role, scope) == ("NEIGHBOR_CHIEF", "in") else f"building_{scope}"
        )


def _doc(name: str, input_type: str, selection: str = "__typename") -> str:
    return f"mutation($input: {input_type}!) {{ {name}(input: $input) {{ {selection} }} }}"


# --- cases ----------------------------------------------------------------------------------

REPORT = _doc("reportCase", "ReportCaseInput", "case { id }")


async def _case(world: World, unit: str, *steps: str) -> str:
    """A case reported in `unit` by the platform admin, then moved by staff through `steps`."""
    data = await world.act(
        world.admin,
        REPORT,
        {
            "input": {
                "title": f"Matrix case {random.randrange(10**9)}",
                "category": "INFRASTRUCTURE",
                "orgUnitId": world.tree[unit],
            }
        },
        "cases",
    )
    case_id = str(data["reportCase"]["case"]["id"])
    staff = world.keeper(unit)
    assignee = "GRID_MEMBER" if world.side(unit) == "in" else "HELPER_OUT"
    for step in steps:
        ref: dict[str, Any] = {"caseId": case_id}
        if step == "assign":
            ref["assigneeId"] = world.people[assignee]
        if step == "start":
            staff = world.tokens[assignee]
        if step == "resolve":
            ref["resolution"] = "Fixed"
        if step == "escalate":
            ref["toLevel"] = "STREET"
        mutation = f"{step}Case" if step != "post" else "postOrder"
        input_type = mutation[0].upper() + mutation[1:] + "Input"
        await world.act(staff, _doc(mutation, input_type), {"input": ref}, "cases")
    return case_id


def _on_case(*steps: str, **extra: Any) -> Prepare:
    async def prepare(world: World, unit: str) -> dict[str, Any]:
        return {"input": {"caseId": await _case(world, unit, *steps), **extra}}

    return prepare


async def _report(world: World, unit: str) -> dict[str, Any]:
    return {
        "input": {
            "title": "Broken lamp",
            "category": "INFRASTRUCTURE",
            "orgUnitId": world.tree[unit],
        }
    }


async def _assign(world: World, unit: str) -> dict[str, Any]:
    assignee = "GRID_MEMBER" if world.side(unit) == "in" else "HELPER_OUT"
    return {"input": {"caseId": await _case(world, unit), "assigneeId": world.people[assignee]}}


async def dispatch_target(world: World, unit: str) -> dict[str, Any]:
    case_id = await _case(world, unit, "escalate")
    return {"input": {"caseId": case_id, "organizationId": world.organizations["department"]}}


async def _sla(world: World, unit: str) -> dict[str, Any]:
    return {
        "input": {
            "districtId": world.tree[unit],
            "priorities": [{"priority": "NORMAL", "hours": 72}],
        }
    }


async def _import(world: World, unit: str) -> dict[str, Any]:
    item = {
        "ref": f"matrix-{random.randrange(10**12)}",
        "title": "Historical leak",
        "category": "SEWAGE_WATER",
        "orgUnitId": world.tree[unit],
        "reportedAt": "2025-03-01T08:00:00Z",
        # Rejected long ago: an open historical case would be overdue, and the sweeper would
        # escalate it in the middle of a later row's denials.
        "respondedAt": "2025-03-01T09:00:00Z",
        "rejectedReason": "Out of scope",
    }
    return {"input": {"cases": [item]}}


CASES_ROWS = [
    Row("reportCase", REPORT, _report, EVERYONE, allowed_out=EVERYONE),
    Row("acceptCase", _doc("acceptCase", "AcceptCaseInput"), _on_case(), STAFF),
    Row("assignCase", _doc("assignCase", "AssignCaseInput"), _assign, STAFF),
    # Only whoever works the case (it is assigned to the grid member) starts it.
    Row(
        "startCase",
        _doc("startCase", "StartCaseInput"),
        _on_case("assign"),
        frozenset({"GRID_MEMBER"}),
    ),
    Row("escalateCase", _doc("escalateCase", "EscalateCaseInput"), _on_case(), STAFF),
    # The target is escalated to the street first: dispatching starts there.
    Row(
        "dispatchCase",
        _doc("dispatchCase", "DispatchCaseInput"),
        dispatch_target,
        AT_STREET_OR_ABOVE,
    ),
    Row("postOrder", _doc("postOrder", "PostOrderInput"), _on_case(), ABOVE_GRID),
    Row("takeOrder", _doc("takeOrder", "TakeOrderInput"), _on_case("post"), TAKERS),
    Row(
        "resolveCase",
        _doc("resolveCase", "ResolveCaseInput"),
        _on_case("assign", resolution="Done"),
        STAFF,
    ),
    # Only the reporter rates, and the targets' reporter is nobody of the ladder.
    Row(
        "rateCase",
        _doc("rateCase", "RateCaseInput"),
        _on_case("assign", "resolve", score=5),
        frozenset(),
    ),
    Row("closeCase", _doc("closeCase", "CloseCaseInput"), _on_case("assign", "resolve"), STAFF),
    Row(
        "reopenCase",
        _doc("reopenCase", "ReopenCaseInput"),
        _on_case("assign", "resolve", "close", reason="Still broken"),
        STAFF,
    ),
    Row("rejectCase", _doc("rejectCase", "RejectCaseInput"), _on_case(reason="Duplicate"), STAFF),
    Row(
        "commentOnCase",
        _doc("commentOnCase", "CommentOnCaseInput"),
        _on_case(text="On my way"),
        STAFF,
    ),
    Row(
        "setSlaPolicy",
        _doc("setSlaPolicy", "SetSlaPolicyInput"),
        _sla,
        ADMINS,
        place="district",
    ),
    Row("importCases", _doc("importCases", "ImportCasesInput"), _import, ADMINS),
]


# --- points ---------------------------------------------------------------------------------

CREATE_REWARD = _doc("createReward", "CreateRewardInput", "reward { id }")
REDEEM = _doc("redeemReward", "RedeemRewardInput", "redemption { id }")
SET_RULE = _doc("setPointRule", "SetPointRuleInput", "pointRule { id }")


async def _reward_in(world: World, unit: str, stock: int = 5) -> str:
    staff = world.tokens["COMMUNITY_STAFF" if world.side(unit) == "in" else "HELPER_OUT"]
    data = await world.act(
        staff,
        CREATE_REWARD,
        {
            "input": {
                "orgUnitId": world.tree[unit],
                "name": f"Rice {random.randrange(10**9)}",
                "cost": 1,
                "stock": stock,
            }
        },
        "points",
    )
    return str(data["createReward"]["reward"]["id"])


async def _new_reward(world: World, unit: str) -> dict[str, Any]:
    return {
        "input": {
            "orgUnitId": world.tree[unit],
            "name": f"Oil {random.randrange(10**9)}",
            "cost": 3,
            "stock": 2,
        }
    }


async def _update_reward(world: World, unit: str) -> dict[str, Any]:
    return {"input": {"id": await _reward_in(world, unit), "cost": 2}}


async def _restock(world: World, unit: str) -> dict[str, Any]:
    return {"input": {"id": await _reward_in(world, unit), "quantity": 3}}


async def _redeem(world: World, unit: str) -> dict[str, Any]:
    return {"input": {"rewardId": await _reward_in(world, unit), "quantity": 1}}


async def _redemption(world: World, unit: str) -> dict[str, Any]:
    """A redemption by the resident (who holds points) of a reward of `unit`'s community."""
    reward = await _reward_in(world, unit)
    data = await world.act(
        world.tokens["RESIDENT"], REDEEM, {"input": {"rewardId": reward}}, "points"
    )
    return {"input": {"id": data["redeemReward"]["redemption"]["id"]}}


async def _adjust(world: World, unit: str) -> dict[str, Any]:
    # The resident lives in building_in; the helper out there lives in building_out.
    person = world.people["RESIDENT" if world.side(unit) == "in" else "HELPER_OUT"]
    return {"input": {"personId": person, "delta": 1, "reason": "Matrix correction"}}


def _rule_input() -> dict[str, Any]:
    return {
        "eventType": "commitment.fulfilled",
        "category": random.choice(["ENVIRONMENT", "INFRASTRUCTURE", "SEWAGE_WATER"]),
        "role": "VOLUNTEER",
        "points": 1,
        "description": "Matrix rule",
    }


async def _set_rule(world: World, unit: str) -> dict[str, Any]:
    return {"input": _rule_input()}


async def _delete_rule(world: World, unit: str) -> dict[str, Any]:
    data = await world.act(world.admin, SET_RULE, {"input": _rule_input()}, "points")
    return {"input": {"id": data["setPointRule"]["pointRule"]["id"]}}


async def _reprocess(world: World, unit: str) -> dict[str, Any]:
    return {"input": {"confirm": True}}


POINTS_ROWS = [
    Row("setPointRule", SET_RULE, _set_rule, PLATFORM_ONLY, place=None),
    Row(
        "deletePointRule",
        _doc("deletePointRule", "DeletePointRuleInput"),
        _delete_rule,
        PLATFORM_ONLY,
        place=None,
    ),
    Row("createReward", CREATE_REWARD, _new_reward, COMMUNITY, place="community"),
    Row(
        "updateReward",
        _doc("updateReward", "UpdateRewardInput"),
        _update_reward,
        COMMUNITY,
        place="community",
    ),
    Row(
        "restockReward",
        _doc("restockReward", "RestockRewardInput"),
        _restock,
        COMMUNITY,
        place="community",
    ),
    # Anyone with the points redeems from any catalog.
    Row("redeemReward", REDEEM, _redeem, EVERYONE, allowed_out=EVERYONE, place="community"),
    Row(
        "fulfillRedemption",
        _doc("fulfillRedemption", "FulfillRedemptionInput"),
        _redemption,
        COMMUNITY,
        place="community",
    ),
    # The community's staff, or the resident who redeemed.
    Row(
        "cancelRedemption",
        _doc("cancelRedemption", "CancelRedemptionInput"),
        _redemption,
        COMMUNITY | {"RESIDENT"},
        allowed_out=frozenset({"RESIDENT"}),
        place="community",
    ),
    # Community staff over the person's account, never their own (the resident is the target).
    Row(
        "adjustPoints",
        _doc("adjustPoints", "AdjustPointsInput"),
        _adjust,
        COMMUNITY,
        place="community",
    ),
    Row(
        "reprocessEvents",
        _doc("reprocessEvents", "ReprocessEventsInput"),
        _reprocess,
        PLATFORM_ONLY,
        place=None,
    ),
]


# --- participation ----------------------------------------------------------------------------
# docs/participation.md "Access": the community's staff convene and run its meetings; only the
# representative of an invited household votes (nobody of the ladder is one here).

SCHEDULE_MEETING = _doc("scheduleMeeting", "ScheduleMeetingInput", "meeting { id }")
ADD_AGENDA_ITEM = _doc("addAgendaItem", "AddAgendaItemInput", "item { id }")


def _meeting_input(world: World, unit: str) -> dict[str, Any]:
    return {
        "input": {
            "orgUnitId": world.tree[unit],
            "kind": "DISCUSSION_DAY",
            "title": f"Matrix meeting {random.randrange(10**9)}",
            "startsAt": "2026-12-11T11:00:00Z",
        }
    }


async def _schedule(world: World, unit: str) -> dict[str, Any]:
    return _meeting_input(world, unit)


async def _meeting_in(world: World, unit: str) -> tuple[str, str]:
    """A meeting at `unit`'s community with one agenda item, convened by its staff (retried
    while participation has not yet projected the unit)."""
    staff = world.tokens["COMMUNITY_STAFF" if world.side(unit) == "in" else "HELPER_OUT"]
    deadline = asyncio.get_running_loop().time() + 30
    while True:
        status, body, text = await post(
            world.subgraphs["participation"], SCHEDULE_MEETING, _meeting_input(world, unit), staff
        )
        assert_clean(status, text)
        if not body.get("errors"):
            break
        assert asyncio.get_running_loop().time() < deadline, body
        await asyncio.sleep(0.25)
    meeting = str(body["data"]["scheduleMeeting"]["meeting"]["id"])
    data = await world.act(
        staff,
        ADD_AGENDA_ITEM,
        {"input": {"meetingId": meeting, "title": "Matrix item"}},
        "participation",
    )
    return meeting, str(data["addAgendaItem"]["item"]["id"])


def _on_meeting(**fields: Any) -> Prepare:
    async def prepare(world: World, unit: str) -> dict[str, Any]:
        meeting, item = await _meeting_in(world, unit)
        extra = {k: (item if v == "item" else v) for k, v in fields.items()}
        return {"input": {"meetingId": meeting, **extra}}

    return prepare


PARTICIPATION_ROWS = [
    Row("scheduleMeeting", SCHEDULE_MEETING, _schedule, COMMUNITY, place="community"),
    Row(
        "addAgendaItem",
        ADD_AGENDA_ITEM,
        _on_meeting(title="Another item"),
        COMMUNITY,
        place="community",
    ),
    Row(
        "recordAttendance",
        _doc("recordAttendance", "RecordAttendanceInput"),
        _on_meeting(personIds=["someone"]),
        COMMUNITY,
        place="community",
    ),
    # Nobody here represents an invited household: every vote is refused.
    Row(
        "castVote",
        _doc("castVote", "CastVoteInput"),
        _on_meeting(itemId="item", choice="FOR"),
        frozenset(),
        place="community",
    ),
    Row(
        "recordDecision",
        _doc("recordDecision", "RecordDecisionInput"),
        _on_meeting(itemId="item", method="CONSENSUS", text="Agreed"),
        COMMUNITY,
        place="community",
    ),
    Row(
        "recordMinutes",
        _doc("recordMinutes", "RecordMinutesInput"),
        _on_meeting(minutes="Matrix minutes"),
        COMMUNITY,
        place="community",
    ),
    Row(
        "closeMeeting",
        _doc("closeMeeting", "CloseMeetingInput"),
        _on_meeting(),
        COMMUNITY,
        place="community",
    ),
]


# docs/participation.md "Cost sharing": the community's staff draw up plans and record payments,
# spending and cancelling; a household's member pledges for it (nobody of the ladder is in the
# plan's household here); an organization's cover is recorded by staff or by its own member.

CREATE_COST_SHARE_PLAN = _doc("createCostSharePlan", "CreateCostSharePlanInput", "plan { id }")
COVER_SHORTFALL = _doc("coverShortfall", "CoverShortfallInput", "plan { state }")


def _plan_input(world: World, unit: str) -> dict[str, Any]:
    return {
        "input": {
            "title": f"Matrix plan {random.randrange(10**9)}",
            "totalFen": 1000,
            "method": "EQUAL",
            "households": [{"householdId": "matrix-household"}],
            "caseId": f"matrix-case-{random.randrange(10**12)}",
            "orgUnitId": world.tree[unit],
        }
    }


async def _new_plan(world: World, unit: str) -> dict[str, Any]:
    return _plan_input(world, unit)


async def _plan_in(world: World, unit: str, *, funded: bool = False) -> str:
    """A plan at `unit`'s community drawn up by its staff (retried while participation has not
    yet projected the unit), funded by the red partner when asked."""
    staff = world.tokens["COMMUNITY_STAFF" if world.side(unit) == "in" else "HELPER_OUT"]
    deadline = asyncio.get_running_loop().time() + 30
    while True:
        status, body, text = await post(
            world.subgraphs["participation"],
            CREATE_COST_SHARE_PLAN,
            _plan_input(world, unit),
            staff,
        )
        assert_clean(status, text)
        if not body.get("errors"):
            break
        assert asyncio.get_running_loop().time() < deadline, body
        await asyncio.sleep(0.25)
    plan = str(body["data"]["createCostSharePlan"]["plan"]["id"])
    if funded:
        cover = {"input": {"planId": plan, "organizationId": world.organizations["red_partner"]}}
        await world.act(staff, COVER_SHORTFALL, cover, "participation")
    return plan


def _on_plan(*, funded: bool = False, **fields: Any) -> Prepare:
    async def prepare(world: World, unit: str) -> dict[str, Any]:
        plan = await _plan_in(world, unit, funded=funded)
        extra = {
            k: (world.organizations["red_partner"] if v == "red_partner" else v)
            for k, v in fields.items()
        }
        return {"input": {"planId": plan, **extra}}

    return prepare


PARTICIPATION_ROWS += [
    Row(
        "createCostSharePlan",
        CREATE_COST_SHARE_PLAN,
        _new_plan,
        COMMUNITY,
        place="community",
    ),
    # Nobody here belongs to the plan's household: every pledge is refused.
    Row(
        "pledge",
        _doc("pledge", "PledgeInput"),
        _on_plan(householdId="matrix-household", amountFen=100),
        frozenset(),
        place="community",
    ),
    Row(
        "recordPayment",
        _doc("recordPayment", "RecordPaymentInput"),
        _on_plan(householdId="matrix-household", amountFen=100),
        COMMUNITY,
        place="community",
    ),
    # The red partner is registered at community_in; its member serves there only.
    Row(
        "coverShortfall",
        COVER_SHORTFALL,
        _on_plan(organizationId="red_partner"),
        COMMUNITY | {"RED_PARTNER_MEMBER"},
        place="community",
    ),
    Row(
        "recordSpending",
        _doc("recordSpending", "RecordSpendingInput"),
        _on_plan(funded=True, amountFen=1000),
        COMMUNITY,
        place="community",
    ),
    Row(
        "cancelCostSharePlan",
        _doc("cancelCostSharePlan", "CancelCostSharePlanInput"),
        _on_plan(reason="Matrix"),
        COMMUNITY,
        place="community",
    ),
]
