"""Helpers of the points tests: events as people and cases publish them, and a client."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

import aio_pika
from grassroots_kit.auth import RoleGrant
from grassroots_kit.messaging.broker import Broker
from grassroots_kit.messaging.envelope import CloudEvent, new_event
from grassroots_points.handlers.composition import MongoPoints, compose

from tests.support.apps import RunningService, eventually
from tests.support.rabbit import BrokerNamespace
from tests.support.tokens import TokenMint, grant

# A small ladder: district d1 > street s1 > community c1 > grid g1 > neighborhood n1; c2 beside c1.
D, S, C, G, N = "d1", "s1", "c1", "g1", "n1"
C1_PATH = [D, S, C]
N1_PATH = [D, S, C, G, N]
C2_PATH = [D, S, "c2"]

ADMIN = grant("DISTRICT_ADMIN", D)
PLATFORM_ADMIN = grant("PLATFORM_ADMIN", "*")  # point rules are platform-wide
C1_STAFF = grant("COMMUNITY_STAFF", D, S, C)
C2_STAFF = grant("COMMUNITY_STAFF", D, S, "c2")


def uid(prefix: str = "") -> str:
    return f"{prefix}{uuid.uuid4().hex[:10]}"


def _number(case_id: str) -> str:
    # A case number as cases writes them (`WC-2026-000123`), stable for one case id.
    return f"WC-2026-{int(uuid.uuid5(uuid.NAMESPACE_URL, case_id)) % 1_000_000:06d}"


def case_closed(
    case_id: str,
    handlers: list[tuple[str, str]],
    *,
    closure: int = 1,
    path: list[str] | None = None,
    category: str = "ENVIRONMENT",
    priority: str = "NORMAL",
    level: str = "GROUP",
    order_taker: str | None = None,
    rating: int | None = None,
    met_deadline: bool | None = True,
    closed_at: datetime | None = None,
) -> CloudEvent:
    path = path or N1_PATH
    return new_event(
        "case.closed",
        source="grassroots/cases",
        subject=case_id,
        data={
            "caseId": case_id,
            "number": _number(case_id),
            "closure": closure,
            "orgUnitId": path[-1],
            "orgUnitPath": path,
            "category": category,
            "priority": priority,
            "level": level,
            "reporterId": "resident-1",
            "handlers": [{"personId": p, "role": r} for p, r in handlers],
            "organizationId": None,
            "orderTakerId": order_taker,
            "rating": rating,
            "metDeadline": met_deadline,
            "closedAt": (closed_at or datetime.now(UTC)).isoformat(),
        },
    )


def case_reopened(case_id: str, closure: int = 1, path: list[str] | None = None) -> CloudEvent:
    path = path or N1_PATH
    return new_event(
        "case.reopened",
        source="grassroots/cases",
        subject=case_id,
        data={
            "caseId": case_id,
            "number": _number(case_id),
            "closure": closure,
            "orgUnitId": path[-1],
            "orgUnitPath": path,
            "reason": "the resident is not satisfied",
            "reopenedAt": datetime.now(UTC).isoformat(),
        },
    )


def visit_logged(
    visitor: str, care_level: str = "RED", confirmed_by: str | None = "household-member"
) -> CloudEvent:
    return new_event(
        "visit.logged",
        source="grassroots/people",
        subject=uid("visit-"),
        data={
            "id": uid("visit-"),
            "householdId": "hh-1",
            "visitorId": visitor,
            "careLevel": care_level,
            "orgUnitId": N,
            "orgUnitPath": N1_PATH,
            "at": datetime.now(UTC).isoformat(),
            "confirmedBy": confirmed_by,
        },
    )


def commitment_fulfilled(
    person: str, on_time: bool = True, confirmed_by: str | None = "group-chief"
) -> CloudEvent:
    return new_event(
        "commitment.fulfilled",
        source="grassroots/people",
        subject=uid("cm-"),
        data={
            "id": uid("cm-"),
            "personId": person,
            "text": "24-hour water and electricity repair",
            "dueBy": datetime.now(UTC).isoformat(),
            "fulfilledAt": datetime.now(UTC).isoformat(),
            "onTime": on_time,
            "orgUnitId": N,
            "orgUnitPath": N1_PATH,
            "confirmedBy": confirmed_by,
        },
    )


def activity_attended(
    volunteer: str,
    minutes: int = 150,
    confirmed_by: str = "organizer",
    source: str = "grassroots/participation",
    on: str | None = None,
) -> CloudEvent:
    """As participation publishes it when an organizer confirms a volunteer's attendance."""
    now = datetime.now(UTC)
    activity = uid("activity-")
    day = on or now.date().isoformat()
    return new_event(
        "activity.attended",
        source=source,
        subject=activity,
        data={
            "attendanceId": f"{activity}:{day}:{volunteer}",
            "activityId": activity,
            "activityTitle": "Good Neighbor Service Day",
            "kind": "SERVICE_DAY",
            "orgUnitId": C,
            "orgUnitPath": C1_PATH,
            "teamId": None,
            "personId": volunteer,
            "occurredOn": day,
            "minutesServed": minutes,
            "confirmedBy": confirmed_by,
            "confirmedAt": now.isoformat(),
        },
    )


def org_unit_created(unit_id: str, kind: str, name: str, ancestors: list[str]) -> CloudEvent:
    return new_event(
        "orgunit.created",
        source="grassroots/people",
        subject=unit_id,
        data={
            "id": unit_id,
            "kind": kind,
            "name": name,
            "parentId": ancestors[-1] if ancestors else None,
            "path": ancestors,
            "version": 1,
        },
    )


def person_registered(person_id: str, path: list[str], version: int = 1) -> CloudEvent:
    return new_event(
        "person.registered" if version == 1 else "person.moved",
        source="grassroots/people",
        subject=person_id,
        data={
            "id": person_id,
            "name": "Someone",
            "householdId": None,
            "orgUnitId": path[-1],
            "orgUnitPath": path,
            "partyMember": False,
            "version": version,
        },
    )


def role_assigned(person_id: str, role: str, path: list[str]) -> CloudEvent:
    return new_event(
        "role.assigned",
        source="grassroots/people",
        subject=uid("ra-"),
        data={
            "id": uid("ra-"),
            "personId": person_id,
            "role": role,
            "orgUnitId": path[-1],
            "orgUnitPath": path,
            "organizationId": None,
            "since": datetime.now(UTC).isoformat(),
            "until": None,
        },
    )


RULE = """mutation($input: SetPointRuleInput!) {
  setPointRule(input: $input) { pointRule { id eventType points } } }"""
ACCOUNT = """query($id: ID!) { pointsAccount(personId: $id) { balance earnedTotal version } }"""
CREATE_REWARD = """mutation($input: CreateRewardInput!) {
  createReward(input: $input) { reward { id name cost stock active } } }"""
REDEEM = """mutation($input: RedeemRewardInput!) {
  redeemReward(input: $input) { redemption { id status cost quantity } } }"""


@dataclass
class Points:
    """The points service under test and what drives it."""

    service: RunningService
    mint: TokenMint
    publisher: Broker
    ns: BrokerNamespace
    admin_id: str = field(default_factory=lambda: uid("admin-"))

    @property
    def db(self) -> Any:
        return self.service.host.db

    @property
    def wired(self) -> MongoPoints:
        """The handlers' ports over this service's MongoDB, as create_app composes them."""
        return compose(self.service.host)

    async def gql(
        self,
        query: str,
        variables: dict[str, Any] | None = None,
        *,
        as_person: str | None = None,
        grants: tuple[RoleGrant, ...] = (),
        language: str | None = None,
    ) -> dict[str, Any]:
        """`language` is sent as `Accept-Language`; without it the service's default (zh-CN)."""
        headers = self.mint.header(as_person, *grants) if as_person else {}
        if language is not None:
            headers = {**headers, "accept-language": language}
        response = await self.service.client.post(
            "/graphql", json={"query": query, "variables": variables or {}}, headers=headers
        )
        assert response.status_code == 200, response.text
        body: dict[str, Any] = response.json()
        return body

    async def ok(self, query: str, variables: dict[str, Any] | None = None, **who: Any) -> Any:
        body = await self.gql(query, variables, **who)
        assert "errors" not in body, body["errors"]
        return body["data"]

    async def rule(self, event_type: str, points: int, **narrowing: Any) -> str:
        data = await self.ok(
            RULE,
            {"input": {"eventType": event_type, "points": points, **narrowing}},
            as_person=self.admin_id,
            grants=(PLATFORM_ADMIN,),
        )
        return str(data["setPointRule"]["pointRule"]["id"])

    async def publish(self, event: CloudEvent, times: int = 1) -> None:
        for _ in range(times):
            await self.publisher.publish(event)

    async def publish_raw(self, body: bytes, routing_key: str) -> None:
        connection = await aio_pika.connect(self.ns.url)
        async with connection:
            channel = await connection.channel()
            exchange = await channel.get_exchange(self.ns.exchange)
            await exchange.publish(aio_pika.Message(body), routing_key=routing_key)

    async def processed(self, *events: CloudEvent) -> None:
        """Wait until the consumers have committed these events."""
        ids = [e.id for e in events]

        async def done() -> bool:
            count = await self.db["processed_events"].count_documents(
                {"_id": {"$in": [f"{p}:{i}" for i in ids for p in ("awards", "projections")]}}
            )
            return bool(count >= len(set(ids)))

        await eventually(done, timeout=20)

    async def balance(self, person_id: str) -> int:
        account = await self.db["accounts"].find_one({"_id": person_id})
        return int(account["balance"]) if account else 0

    async def entries(self, person_id: str) -> list[dict[str, Any]]:
        cursor = self.db["ledger"].find({"personId": person_id}).sort("at", 1)
        return [doc async for doc in cursor]

    async def dead_letters(
        self, purpose: str = "awards"
    ) -> list[aio_pika.abc.AbstractIncomingMessage]:
        connection = await aio_pika.connect(self.ns.url)
        messages = []
        async with connection:
            channel = await connection.channel()
            queue = await channel.get_queue(f"{self.ns.prefix}points.{purpose}.dead")
            while (message := await queue.get(fail=False)) is not None:
                messages.append(message)
                await message.ack()
        return messages


LADDER = [
    ("d1", "DISTRICT", "Wangcheng District", []),
    ("s1", "STREET", "Gaotangling Street", ["d1"]),
    ("c1", "COMMUNITY", "Jindingshan Community", ["d1", "s1"]),
    ("c2", "COMMUNITY", "Taohuajing Community", ["d1", "s1"]),
    ("g1", "GRID", "Grid 1", ["d1", "s1", "c1"]),
    ("n1", "NEIGHBORHOOD", "Neighborhood 1-1", ["d1", "s1", "c1", "g1"]),
]


async def given_the_ladder(points: Points) -> None:
    """people's org units as points learns them from orgunit.created."""
    events = [org_unit_created(*unit) for unit in LADDER]
    for event in events:
        await points.publish(event)
    await points.processed(*events)


async def given_a_reward(
    points: Points, *, stock: int = 5, cost: int = 30, community: str = "c1"
) -> str:
    staff = C1_STAFF if community == "c1" else C2_STAFF
    data = await points.ok(
        CREATE_REWARD,
        {
            "input": {
                "orgUnitId": community,
                "name": uid("Rice 5 kg "),
                "cost": cost,
                "stock": stock,
            }
        },
        as_person=uid("staff-"),
        grants=(staff,),
    )
    return str(data["createReward"]["reward"]["id"])


async def given_points(points: Points, person_id: str, amount: int) -> None:
    """A balance made the only way balances are made: an award for a closed case."""
    await points.rule("case.closed", amount, role="VOLUNTEER")
    event = case_closed(uid("case-"), [(person_id, "VOLUNTEER")], met_deadline=False)
    await points.publish(event)
    await points.processed(event)
