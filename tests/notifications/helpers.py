"""The notifications service under test and what drives it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from grassroots_kit.auth import RoleGrant
from grassroots_kit.messaging.broker import Broker
from grassroots_kit.messaging.envelope import CloudEvent
from grassroots_notifications.handlers.ports import NotificationsPorts

from tests.notifications.mail import MailServer
from tests.support.apps import RunningService, eventually
from tests.support.rabbit import BrokerNamespace
from tests.support.tokens import TokenMint

INBOX = """query($first: Int, $after: String, $unreadOnly: Boolean! = false) {
  myInbox(first: $first, after: $after, unreadOnly: $unreadOnly) {
    totalCount pageInfo { hasNextPage endCursor }
    edges { node { id kind text caseId caseNumber read createdAt } } }
  unreadNoticeCount }"""
MARK = """mutation($input: MarkNoticesReadInput!) {
  markNoticesRead(input: $input) { marked unreadNoticeCount } }"""
SET_PREFS = """mutation($input: SetNoticePreferencesInput!) {
  setNoticePreferences(input: $input) { preferences { mutedKinds channels email
    quietHours { start end } locale availableChannels } } }"""
PREFS = """{ myNoticePreferences { mutedKinds channels email quietHours { start end } locale
  availableChannels } }"""


@dataclass
class Notifications:
    service: RunningService
    mint: TokenMint
    publisher: Broker
    ns: BrokerNamespace
    mail: MailServer

    @property
    def db(self) -> Any:
        return self.service.host.db

    @property
    def ports(self) -> NotificationsPorts:
        ports: NotificationsPorts = self.service.app.state.ports
        return ports

    async def gql(
        self,
        query: str,
        variables: dict[str, Any] | None = None,
        *,
        as_person: str | None = None,
        grants: tuple[RoleGrant, ...] = (),
        language: str | None = None,
    ) -> dict[str, Any]:
        headers = self.mint.header(as_person, *grants) if as_person else {}
        if language:
            headers["accept-language"] = language
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
        body = await self.gql(query, variables, **who)
        assert body.get("errors"), body
        return str(body["errors"][0]["extensions"]["code"])

    async def publish(self, *events: CloudEvent) -> None:
        for event in events:
            await self.publisher.publish(event)

    async def processed(self, purpose: str, *events: CloudEvent) -> None:
        ids = [f"{purpose}:{e.id}" for e in events]

        async def done() -> bool:
            count = await self.db["processed_events"].count_documents({"_id": {"$in": ids}})
            return bool(count >= len(ids))

        await eventually(done, timeout=20)

    async def handled(self, *events: CloudEvent) -> None:
        """Publish cases' events and wait until the notices consumer committed them."""
        await self.publish(*events)
        await self.processed("notices", *events)

    async def inbox(self, person: str, **variables: Any) -> dict[str, Any]:
        data = await self.ok(INBOX, variables, as_person=person)
        return data  # type: ignore[no-any-return]
