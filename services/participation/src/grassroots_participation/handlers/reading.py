"""Reading meetings, through the one access policy (domain.access)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import Any

from grassroots_kit.auth import Principal
from grassroots_kit.cursors import Page
from grassroots_kit.errors import NotFound
from grassroots_kit.i18n import msg

from grassroots_participation.domain import access
from grassroots_participation.domain.listing import MeetingQuery
from grassroots_participation.domain.meetings import Meeting
from grassroots_participation.handlers.ports import ParticipationPorts


async def home_of(ports: ParticipationPorts, caller: Principal | None) -> tuple[str, ...]:
    if caller is None:
        return ()
    resident = await ports.residents.get(caller.person_id)
    return resident.home_path if resident else ()


async def meeting(ports: ParticipationPorts, caller: Principal, meeting_id: str) -> Meeting:
    """The meeting, or NOT_FOUND for one that does not exist or the caller may not see."""
    found = await ports.meetings.get(meeting_id)
    if found is None or not access.may_read(caller, await home_of(ports, caller), found):
        raise access.hidden(meeting_id)
    return found


async def meetings_of_unit(
    ports: ParticipationPorts,
    caller: Principal,
    query: MeetingQuery,
    first: int,
    after: Sequence[Any] | None,
) -> Page[Meeting]:
    unit = await ports.org_units.get(query.within)
    if unit is None:
        raise NotFound(
            msg("no org unit with id {org_unit_id}", org_unit_id=query.within), field="id"
        )
    held_at = access.listable_units(caller, await home_of(ports, caller), unit.path_with_self)
    return await ports.meetings.page(replace(query, held_at=held_at), first, after)
