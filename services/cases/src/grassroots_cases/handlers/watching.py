"""Live updates of cases and of the order board (`caseChanged`, `orderBoardChanged`).

A subscription is authorized twice, by the read policy every other path uses
(`domain.access`): when it opens (who may watch the unit at all) and on every event, with the
case as it is now (`reads_in_full`: a resident receives their own cases only, a taker the orders
of their area). The case an event names is loaded once per replica for all its subscribers.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass

from grassroots_contracts.event_types import (
    CASE_ASSIGNED,
    CASE_CLOSED,
    CASE_ESCALATED,
    CASE_REOPENED,
    CASE_REPORTED,
    CASE_RESOLVED,
    CASE_SENT_TO_DELIBERATION,
    ORDER_POSTED,
    ORDER_TAKEN,
)
from grassroots_kit.auth import Principal
from grassroots_kit.errors import Forbidden, NotFound
from grassroots_kit.i18n import msg
from grassroots_kit.live.cursor import LiveCursor
from grassroots_kit.live.hub import LiveEvent
from grassroots_kit.live.stream import LiveFeed, LiveQuery, watch
from grassroots_kit.messaging.envelope import CloudEvent

from grassroots_cases.domain.access import (
    Reader,
    may_watch_board,
    may_watch_cases,
    reads_in_full,
    sees_on_board,
)
from grassroots_cases.domain.model import Case
from grassroots_cases.handlers.access import reader_of, require
from grassroots_cases.handlers.ports import CasesPorts

BOARD_TYPES = frozenset({ORDER_POSTED, ORDER_TAKEN})
CASE_TYPES = frozenset(
    {
        CASE_REPORTED,
        CASE_ASSIGNED,
        CASE_ESCALATED,
        CASE_RESOLVED,
        CASE_CLOSED,
        CASE_REOPENED,
        CASE_SENT_TO_DELIBERATION,
        *BOARD_TYPES,
    }
)
# What the feed of the cases service carries (main.py binds each replica's queue to them).
LIVE_TYPES = CASE_TYPES

Recheck = Callable[[], Awaitable[None]]


@dataclass(frozen=True)
class CaseChange:
    """One event about a case a subscriber may read, with the case as it is now."""

    event_id: str
    event_type: str
    cursor: str
    case_id: str
    case: Case | None


async def watch_cases(
    ports: CasesPorts,
    principal: Principal | None,
    org_unit_id: str,
    after: str | None,
    recheck: Recheck | None = None,
) -> AsyncIterator[CaseChange]:
    """What happens to the cases of `org_unit_id`'s subtree that the caller may read."""
    reader, feed, cursor = await _open(ports, principal, org_unit_id, after)
    unit_path = await _unit_path(ports, org_unit_id)
    if not may_watch_cases(reader, unit_path):
        raise Forbidden(msg("live cases of an area are for the people who live or serve there"))

    async def allowed(item: LiveEvent) -> bool:
        case = await _case(ports, item)
        return (
            case is not None and org_unit_id in case.org_unit_path and reads_in_full(reader, case)
        )

    query = LiveQuery(
        owner=reader.person_id,
        matches=_in_unit(org_unit_id, CASE_TYPES),
        allowed=allowed,
        after=cursor,
        recheck=recheck,
    )
    async for item in watch(feed, query):
        yield CaseChange(
            item.event.id, item.event.type, item.cursor, _case_id(item), await _case(ports, item)
        )


async def watch_board(
    ports: CasesPorts,
    principal: Principal | None,
    org_unit_id: str,
    after: str | None,
    recheck: Recheck | None = None,
) -> AsyncIterator[CaseChange]:
    """Orders posted to and taken from the board of `org_unit_id`'s subtree; a taken order
    reaches those who saw it on the board, with `case` null when they may no longer read it."""
    reader, feed, cursor = await _open(ports, principal, org_unit_id, after)
    unit_path = await _unit_path(ports, org_unit_id)
    if not may_watch_board(reader, unit_path):
        raise Forbidden(
            msg("the order board is for red partners, volunteers and staff of the area")
        )

    async def allowed(item: LiveEvent) -> bool:
        case = await _case(ports, item)
        return (
            case is not None and org_unit_id in case.org_unit_path and sees_on_board(reader, case)
        )

    query = LiveQuery(
        owner=reader.person_id,
        matches=_in_unit(org_unit_id, BOARD_TYPES),
        allowed=allowed,
        after=cursor,
        recheck=recheck,
    )
    async for item in watch(feed, query):
        case = await _case(ports, item)
        readable = case if case is not None and reads_in_full(reader, case) else None
        yield CaseChange(item.event.id, item.event.type, item.cursor, _case_id(item), readable)


async def _open(
    ports: CasesPorts, principal: Principal | None, org_unit_id: str, after: str | None
) -> tuple[Reader, LiveFeed, LiveCursor | None]:
    """The subscriber as the read policy sees them, the feed, and where to resume."""
    caller = require(principal)
    if ports.live is None:
        raise NotFound(msg("live updates are not served here"))
    cursor = LiveCursor.decode(after) if after else None
    return reader_of(caller), ports.live, cursor


async def _unit_path(ports: CasesPorts, org_unit_id: str) -> tuple[str, ...]:
    unit = await ports.org_units.get(org_unit_id)
    if unit is None:
        raise NotFound(
            msg("no org unit with id {org_unit_id}", org_unit_id=org_unit_id), field="orgUnitId"
        )
    return tuple(unit.path_with_self)


def _in_unit(org_unit_id: str, types: frozenset[str]) -> Callable[[CloudEvent], bool]:
    def matches(event: CloudEvent) -> bool:
        path = event.data.get("orgUnitPath")
        return event.type in types and isinstance(path, list) and org_unit_id in path

    return matches


def _case_id(item: LiveEvent) -> str:
    case_id = item.event.data.get("caseId")
    return case_id if isinstance(case_id, str) else item.event.subject


async def _case(ports: CasesPorts, item: LiveEvent) -> Case | None:
    case_id = _case_id(item)

    async def load() -> Case | None:
        return await ports.cases.get(case_id)

    found: Case | None = await item.shared.get("case", load)
    return found
