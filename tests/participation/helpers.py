"""Helpers of the participation tests: people's events as people publishes them, a client."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from grassroots_kit.auth import RoleGrant
from grassroots_kit.messaging.broker import Broker
from grassroots_kit.messaging.envelope import CloudEvent, new_event

from tests.support.apps import RunningService, eventually
from tests.support.rabbit import BrokerNamespace
from tests.support.tokens import TokenMint, grant

# district d1 > street s1 > communities c1 and c2.
LADDER = [
    ("d1", "DISTRICT", "Wangcheng District", []),
    ("s1", "STREET", "Gaotangling Street", ["d1"]),
    ("c1", "COMMUNITY", "Jindingshan Community", ["d1", "s1"]),
    ("c2", "COMMUNITY", "Taohuajing Community", ["d1", "s1"]),
]
C1 = ["d1", "s1", "c1"]
C2 = ["d1", "s1", "c2"]
C1_STAFF = grant("COMMUNITY_STAFF", *C1)
C2_STAFF = grant("COMMUNITY_STAFF", *C2)


def uid(prefix: str = "") -> str:
    return f"{prefix}{uuid.uuid4().hex[:10]}"


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


def person_registered(
    person_id: str, household_id: str | None, path: list[str], version: int = 1
) -> CloudEvent:
    return new_event(
        "person.registered" if version == 1 else "person.moved",
        source="grassroots/people",
        subject=person_id,
        data={
            "id": person_id,
            "name": "Someone",
            "householdId": household_id,
            "orgUnitId": path[-1],
            "orgUnitPath": path,
            "partyMember": False,
            "version": version,
        },
    )


SCHEDULE = """mutation($input: ScheduleMeetingInput!) {
  scheduleMeeting(input: $input) { meeting { id kind title status startsAt
    recurrence { weekday until } households { household { id } representative { id } }
    organizations { id } nextOccurrences(first: 2) } } }"""
ADD_ITEM = """mutation($input: AddAgendaItemInput!) {
  addAgendaItem(input: $input) { item { id title status } meeting { agenda { id } } } }"""
VOTE = """mutation($input: CastVoteInput!) {
  castVote(input: $input) { choice item { id myVote tally { votesFor voted invited quorum quorumMet } } } }"""
DECIDE = """mutation($input: RecordDecisionInput!) {
  recordDecision(input: $input) { decision { id method outcome text decidedBy { id }
    tally { votesFor votesAgainst abstentions invited } } item { status } } }"""
ATTEND = """mutation($input: RecordAttendanceInput!) {
  recordAttendance(input: $input) { meeting { attendance { id } } } }"""
MINUTES = """mutation($input: RecordMinutesInput!) {
  recordMinutes(input: $input) { meeting { minutes } } }"""
CLOSE = """mutation($input: CloseMeetingInput!) {
  closeMeeting(input: $input) { meeting { status minutes closedAt } } }"""
MEETING = """query($id: ID!) { meeting(id: $id) { id title status minutes
  agenda { id title status decision { outcome method } tally { voted } } attendance { id } } }"""
UNIT_MEETINGS = """query($reps: [_Any!]!, $first: Int, $after: String, $filter: MeetingFilter) {
  _entities(representations: $reps) { ... on OrgUnit { id
    meetings(first: $first, after: $after, filter: $filter) {
      totalCount pageInfo { hasNextPage endCursor } edges { node { id kind title } } } } } }"""


@dataclass
class Participation:
    """The participation service under test and what drives it."""

    service: RunningService
    mint: TokenMint
    publisher: Broker
    ns: BrokerNamespace

    @property
    def db(self) -> Any:
        return self.service.host.db

    async def gql(
        self,
        query: str,
        variables: dict[str, Any] | None = None,
        *,
        as_person: str | None = None,
        grants: tuple[RoleGrant, ...] = (),
    ) -> dict[str, Any]:
        headers = self.mint.header(as_person, *grants) if as_person else {}
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

    async def refused(self, query: str, variables: dict[str, Any] | None = None, **who: Any) -> str:
        """The error code of an operation that must fail."""
        body = await self.gql(query, variables, **who)
        assert body.get("errors"), body
        return str(body["errors"][0]["extensions"]["code"])

    async def publish(self, *events: CloudEvent) -> None:
        for event in events:
            await self.publisher.publish(event)

    async def processed(self, *events: CloudEvent) -> None:
        ids = [f"projections:{e.id}" for e in events]

        async def done() -> bool:
            count = await self.db["processed_events"].count_documents({"_id": {"$in": ids}})
            return bool(count >= len(ids))

        await eventually(done, timeout=20)

    async def ladder(self, residents: list[tuple[str, str | None, list[str]]]) -> None:
        """Publish the ladder and these residents (person, household, home) and wait for them."""
        events = [org_unit_created(*unit) for unit in LADDER]
        events += [person_registered(p, h, path) for p, h, path in residents]
        await self.publish(*events)
        await self.processed(*events)

    async def outbox(self, event_type: str) -> list[dict[str, Any]]:
        cursor = self.db["outbox"].find({"type": event_type}).sort("createdAt", 1)
        return [doc async for doc in cursor]


def friday_evening() -> str:
    """Next week's Friday 19:00 in Shanghai, as an RFC 3339 instant."""
    return datetime(2026, 12, 11, 11, 0, tzinfo=UTC).isoformat()
