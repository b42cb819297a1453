"""The figures an office publishes and downloads: year-on-year, exports and the public board.

Each reads through the same statistics as `caseStats` (`reading.statistics`: its period rules,
its business-day boundaries and its access), so an export's totals are the dashboard's.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from grassroots_kit import geo
from grassroots_kit.auth import Principal
from grassroots_kit.errors import BadUserInput, NotFound
from grassroots_kit.i18n import msg, translate

from grassroots_cases.adapters import spreadsheets
from grassroots_cases.domain import comparison, exports, places, public_board
from grassroots_cases.domain.comparison import YearOnYear
from grassroots_cases.domain.listing import CaseFilter, CaseSort
from grassroots_cases.domain.statistics import CaseStatistics
from grassroots_cases.handlers import reading
from grassroots_cases.handlers.access import reader_of, require
from grassroots_cases.handlers.ports import CasesPorts, OrgUnit


async def year_on_year(
    ports: CasesPorts,
    principal: Principal | None,
    org_unit_id: str,
    since: datetime,
    until: datetime,
    current: CaseStatistics,
) -> YearOnYear:
    """`current` (the figures of [since, until)) against the same period one year earlier."""
    earlier_since, earlier_until = comparison.year_earlier_period(since, until, ports.business_zone)
    earlier = await reading.statistics(ports, principal, org_unit_id, earlier_since, earlier_until)
    return comparison.compare(current, earlier, earlier_since, earlier_until)


@dataclass(frozen=True)
class ExportFile:
    filename: str
    content_type: str
    data: bytes
    row_count: int


async def export(
    ports: CasesPorts,
    principal: Principal | None,
    org_unit_id: str,
    since: datetime,
    until: datetime,
    content: exports.ExportContent,
    fmt: exports.ExportFormat,
) -> ExportFile:
    """Statistics or the list of cases of an area and period, for the staff of the area.

    The statistics say how many cases the list would hold before any is read: beyond
    `MAX_EXPORT_ROWS` the request is refused and reads nothing more.
    """
    stats = await reading.statistics(ports, principal, org_unit_id, since, until)
    unit = await ports.org_units.get(org_unit_id)
    tz = ports.business_zone
    if content is exports.ExportContent.STATISTICS:
        name = unit.name if unit else org_unit_id
        made = exports.statistics_export(name, org_unit_id, since, until, stats, tz, translate)
    else:
        if stats.collected > exports.MAX_EXPORT_ROWS:
            raise BadUserInput(
                msg(
                    "an export holds at most {limit} cases and this one would hold {count}: "
                    "choose a shorter period or a smaller area",
                    limit=exports.MAX_EXPORT_ROWS,
                    count=stats.collected,
                ),
                field="to",
                reason="EXPORT_TOO_LARGE",
                limit=exports.MAX_EXPORT_ROWS,
                count=stats.collected,
            )
        where = CaseFilter(within=org_unit_id, created_from=since, created_to=until)
        page = await ports.queries.page(
            where,
            reader_of(require(principal)),
            CaseSort.CREATED,
            exports.MAX_EXPORT_ROWS,
            None,
            ports.clock(),
            total_count=stats.collected,
        )
        cases = list(reversed(page.items))  # oldest first, as a register reads
        units = await ports.org_units.get_many({c.org_unit_id for c in cases})
        names = {unit_id: u.name for unit_id, u in units.items()}
        made = exports.cases_export(org_unit_id, since, until, cases, names, tz, translate)
    filename, content_type, data = spreadsheets.encode(made, fmt)
    return ExportFile(filename, content_type, data, made.row_count)


@dataclass(frozen=True)
class PublicBoard:
    since: datetime
    until: datetime
    rows: list[public_board.BoardRow]
    cells: list[places.PublicCell]


def _board_unit(unit: OrgUnit) -> public_board.BoardUnit:
    return public_board.BoardUnit(unit.id, unit.name, unit.kind)


async def public_completion_board(
    ports: CasesPorts, org_unit_id: str, since: datetime, until: datetime
) -> PublicBoard:
    """Anyone's: counts and rates of a district, street or community and its streets or
    communities, small counts suppressed (`domain.public_board`)."""
    reading.check_period(since, until)
    if not public_board.whole_months(since, until, ports.business_zone):
        raise BadUserInput(
            msg(
                "the public board counts whole months: `from` and `to` must each be the first "
                "day of a month at midnight, business time"
            ),
            field="from",
        )
    unit = await ports.org_units.get(org_unit_id)
    if unit is None or unit.kind not in public_board.BOARD_KINDS:
        raise NotFound(
            msg("no district, street or community with id {org_unit_id}", org_unit_id=org_unit_id),
            field="orgUnitId",
        )
    children = [
        child
        for child in await ports.org_units.children(org_unit_id, public_board.MAX_ROWS)
        if child.kind in public_board.ROW_KINDS
    ]
    now = ports.clock()
    depth = len(unit.path_with_self) - 1

    async def figures(unit_id: str, unit_depth: int) -> CaseStatistics:
        return await ports.queries.statistics(unit_id, since, until, now, depth=unit_depth)

    top = (_board_unit(unit), await figures(unit.id, depth))
    rows = [(_board_unit(child), await figures(child.id, depth + 1)) for child in children]
    size = geo.cell_size_micro(places.PUBLIC_PRECISION)
    counts = await ports.queries.cells(unit.id, size, since, until, (), places.MAX_CELLS)
    return PublicBoard(since, until, public_board.board(top, rows), places.public_cells(counts))
