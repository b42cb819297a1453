"""Reading cases with the caller's rights: what each person may see, and statistics."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from grassroots_kit.auth import Principal
from grassroots_kit.cursors import Page
from grassroots_kit.errors import BadUserInput, Forbidden, NotFound
from grassroots_kit.host import ServiceHost
from grassroots_kit.mongo import Document
from grassroots_kit.org_units import OrgUnitProjection

from grassroots_cases.adapters import rollups
from grassroots_cases.adapters.case_queries import filter_query, page_of_cases, readable_by
from grassroots_cases.adapters.cases import CaseRepository
from grassroots_cases.adapters.statistics import CaseStatistics, case_statistics
from grassroots_cases.domain.access import CaseView, case_view, may_list_summaries
from grassroots_cases.domain.listing import CaseFilter, CaseSort
from grassroots_cases.domain.model import Case
from grassroots_cases.domain.vocabulary import TAKER_ROLES, Status
from grassroots_cases.handlers.access import is_staff_over, reader_of, require
from grassroots_cases.handlers.unit_of_work import Clock, utc_now

MAX_STATS_DAYS = 3 * 366


def visible_to(principal: Principal) -> Document:
    """The cases a caller may list: those the read policy lets them read in full."""
    return readable_by(reader_of(principal))


def readable(principal: Principal | None, case: Case | None) -> Case | None:
    """`case` when the caller may read it in full (`domain.access`), else None."""
    if case is None or principal is None:
        return None
    return case if case_view(reader_of(principal), case) is CaseView.FULL else None


async def get_case(host: ServiceHost, principal: Principal | None, case_id: str) -> Case | None:
    caller = require(principal)
    return readable(caller, await CaseRepository(host.db).get(case_id))


async def cases_by_id(host: ServiceHost, ids: Sequence[str]) -> dict[str, Case]:
    """The cases with these ids, by id: the batch behind the request's DataLoader. No access
    check: what a resolver hands out it checks with `readable`."""
    return await CaseRepository(host.db).get_many(ids)


async def case_by_number(
    host: ServiceHost, principal: Principal | None, number: str
) -> Case | None:
    caller = require(principal)
    return readable(caller, await CaseRepository(host.db).by_number(number.strip().upper()))


async def list_cases(
    host: ServiceHost,
    principal: Principal | None,
    filter: CaseFilter,
    sort: CaseSort,
    first: int,
    after: Sequence[Any] | None,
    clock: Clock = utc_now,
) -> Page[Case]:
    caller = require(principal)
    query = {"$and": [filter_query(filter, clock()), visible_to(caller)]}
    total = await _total_from_rollups(host, caller, filter)
    return await page_of_cases(host.db, query, sort, first, after, total_count=total)


async def _total_from_rollups(
    host: ServiceHost, caller: Principal, filter: CaseFilter
) -> int | None:
    """Staff listing a unit they serve, with no other filter, see every case of its subtree:
    the rollups know how many there are, where counting would read every one of them."""
    if filter.within is None or not filter.only_within():
        return None
    unit = await OrgUnitProjection(host.db).get(filter.within)
    if unit is None or not is_staff_over(caller, unit.path_with_self):
        return None
    if not await rollups.serve_reads(host.db):
        return None
    return await rollups.cases_in(host.db, filter.within)


async def order_board(
    host: ServiceHost,
    principal: Principal | None,
    org_unit_id: str,
    first: int,
    after: Sequence[Any] | None,
) -> Page[Case]:
    caller = require(principal)
    unit = await OrgUnitProjection(host.db).get(org_unit_id)
    path = unit.path_with_self if unit else (org_unit_id,)
    roles = caller.roles_over(path)
    if not (roles & set(TAKER_ROLES)) and not is_staff_over(caller, path):
        raise Forbidden("the order board is for red partners, volunteers and staff of the area")
    board = {"orgUnitPath": org_unit_id, "status": Status.ON_ORDER_BOARD.value}
    # The area check above says who may open the board; the read policy still says which of
    # its cases they may read (a taker of one neighbourhood does not read another's).
    query = {"$and": [board, visible_to(caller)]}
    return await page_of_cases(host.db, query, CaseSort.CREATED, first, after)


async def public_summaries(
    host: ServiceHost,
    principal: Principal | None,
    org_unit_id: str,
    first: int,
    after: Sequence[Any] | None,
) -> Page[Case]:
    """Cases of a community (or a unit below) for anyone who lives or serves there."""
    caller = require(principal)
    unit = await OrgUnitProjection(host.db).get(org_unit_id)
    if unit is None:
        raise NotFound(f"no org unit with id {org_unit_id}", field="orgUnitId")
    if not may_list_summaries(reader_of(caller), unit.path_with_self, unit.kind):
        raise Forbidden("these summaries are for the people who live or serve in this community")
    query = {"orgUnitPath": org_unit_id, "status": {"$ne": Status.REJECTED.value}}
    return await page_of_cases(host.db, query, CaseSort.CREATED, first, after)


async def statistics(
    host: ServiceHost,
    principal: Principal | None,
    org_unit_id: str,
    since: datetime,
    until: datetime,
    clock: Clock = utc_now,
) -> CaseStatistics:
    caller = require(principal)
    if until <= since:
        raise BadUserInput("`to` must come after `from`", field="to")
    if (until - since).days > MAX_STATS_DAYS:
        raise BadUserInput("a period is at most three years", field="to")
    unit = await OrgUnitProjection(host.db).get(org_unit_id)
    path = unit.path_with_self if unit else (org_unit_id,)
    if not is_staff_over(caller, path):
        raise Forbidden("case statistics are for the staff of this area")
    depth = len(path) - 1
    return await case_statistics(host.db, org_unit_id, since, until, clock(), depth=depth)
