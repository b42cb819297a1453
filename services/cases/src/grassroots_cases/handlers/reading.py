"""Reading cases with the caller's rights: what each person may see, and statistics."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from grassroots_kit import geo
from grassroots_kit.auth import Principal
from grassroots_kit.cursors import Page
from grassroots_kit.errors import BadUserInput, Forbidden, NotFound
from grassroots_kit.i18n import msg

from grassroots_cases.domain import places
from grassroots_cases.domain.access import CaseView, case_view, may_list_summaries
from grassroots_cases.domain.listing import CaseFilter, CaseSort
from grassroots_cases.domain.model import Case
from grassroots_cases.domain.places import CellCount
from grassroots_cases.domain.statistics import CaseStatistics
from grassroots_cases.domain.vocabulary import TAKER_ROLES, Status
from grassroots_cases.handlers.access import is_staff_over, reader_of, require
from grassroots_cases.handlers.ports import CasesPorts

MAX_STATS_DAYS = 3 * 366


def readable(principal: Principal | None, case: Case | None) -> Case | None:
    """`case` when the caller may read it in full (`domain.access`), else None."""
    if case is None or principal is None:
        return None
    return case if case_view(reader_of(principal), case) is CaseView.FULL else None


async def get_case(ports: CasesPorts, principal: Principal | None, case_id: str) -> Case | None:
    caller = require(principal)
    return readable(caller, await ports.cases.get(case_id))


async def cases_by_id(ports: CasesPorts, ids: Sequence[str]) -> dict[str, Case]:
    """The cases with these ids, by id: the batch behind the request's DataLoader. No access
    check: what a resolver hands out it checks with `readable`."""
    return dict(await ports.cases.get_many(ids))


async def case_by_number(
    ports: CasesPorts, principal: Principal | None, number: str
) -> Case | None:
    caller = require(principal)
    return readable(caller, await ports.cases.by_number(number.strip().upper()))


async def list_cases(
    ports: CasesPorts,
    principal: Principal | None,
    filter: CaseFilter,
    sort: CaseSort,
    first: int,
    after: Sequence[Any] | None,
) -> Page[Case]:
    caller = require(principal)
    total = await _total_from_rollups(ports, caller, filter)
    return await ports.queries.page(
        filter, reader_of(caller), sort, first, after, ports.clock(), total_count=total
    )


async def _total_from_rollups(
    ports: CasesPorts, caller: Principal, filter: CaseFilter
) -> int | None:
    """Staff listing a unit they serve, with no other filter, see every case of its subtree:
    the rollups know how many there are, where counting would read every one of them."""
    if filter.within is None or not filter.only_within():
        return None
    unit = await ports.org_units.get(filter.within)
    if unit is None or not is_staff_over(caller, unit.path_with_self):
        return None
    return await ports.queries.cases_in(filter.within)


async def order_board(
    ports: CasesPorts,
    principal: Principal | None,
    org_unit_id: str,
    first: int,
    after: Sequence[Any] | None,
) -> Page[Case]:
    caller = require(principal)
    unit = await ports.org_units.get(org_unit_id)
    path = unit.path_with_self if unit else (org_unit_id,)
    roles = caller.roles_over(path)
    if not (roles & set(TAKER_ROLES)) and not is_staff_over(caller, path):
        raise Forbidden(
            msg("the order board is for red partners, volunteers and staff of the area")
        )
    # The area check above says who may open the board; the read policy still says which of
    # its cases they may read (a taker of one neighbourhood does not read another's).
    return await ports.queries.order_board(org_unit_id, reader_of(caller), first, after)


async def public_summaries(
    ports: CasesPorts,
    principal: Principal | None,
    org_unit_id: str,
    first: int,
    after: Sequence[Any] | None,
) -> Page[Case]:
    """Cases of a community (or a unit below) for anyone who lives or serves there."""
    caller = require(principal)
    unit = await ports.org_units.get(org_unit_id)
    if unit is None:
        raise NotFound(
            msg("no org unit with id {org_unit_id}", org_unit_id=org_unit_id), field="orgUnitId"
        )
    if not may_list_summaries(reader_of(caller), unit.path_with_self, unit.kind):
        raise Forbidden(
            msg("these summaries are for the people who live or serve in this community")
        )
    return await ports.queries.summaries(org_unit_id, first, after)


def check_period(since: datetime, until: datetime) -> None:
    """The period rules of every statistics read: non-empty, at most three years."""
    if until <= since:
        raise BadUserInput(msg("`to` must come after `from`"), field="to")
    if (until - since).days > MAX_STATS_DAYS:
        raise BadUserInput(msg("a period is at most three years"), field="to")


async def statistics(
    ports: CasesPorts,
    principal: Principal | None,
    org_unit_id: str,
    since: datetime,
    until: datetime,
) -> CaseStatistics:
    path = await _statistics_area(ports, principal, org_unit_id, since, until)
    depth = len(path) - 1
    return await ports.queries.statistics(org_unit_id, since, until, ports.clock(), depth=depth)


async def _statistics_area(
    ports: CasesPorts,
    principal: Principal | None,
    org_unit_id: str,
    since: datetime,
    until: datetime,
) -> tuple[str, ...]:
    """The access and period rules every statistics read shares: the unit's path, when the
    caller is staff over it."""
    caller = require(principal)
    check_period(since, until)
    unit = await ports.org_units.get(org_unit_id)
    path = unit.path_with_self if unit else (org_unit_id,)
    if not is_staff_over(caller, path):
        raise Forbidden(msg("case statistics are for the staff of this area"))
    return tuple(path)


async def case_cells(
    ports: CasesPorts,
    principal: Principal | None,
    org_unit_id: str,
    precision: int,
    since: datetime,
    until: datetime,
    statuses: Sequence[Status] = (),
) -> list[CellCount]:
    """Placed cases of an area per map cell, for those who may read its statistics."""
    await _statistics_area(ports, principal, org_unit_id, since, until)
    size = geo.cell_size_micro(precision)
    counts = await ports.queries.cells(
        org_unit_id, size, since, until, statuses, places.MAX_CELLS + 1
    )
    if len(counts) > places.MAX_CELLS:
        raise BadUserInput(
            msg(
                "more than {limit} cells: choose a coarser precision or a smaller area",
                limit=places.MAX_CELLS,
            ),
            field="precision",
        )
    return sorted(counts, key=lambda c: c.cell.id)
