"""What a street office downloads: case statistics and case lists of an area and period, as
tables with headers in the reader's language (`adapters.spreadsheets` writes them as XLSX or CSV).

A case list row carries what the office reports on and nothing of the reporter: no name, phone,
address or description (a title is kept: staff of the area read it anyway). Times are on the
business clock, as the office reads them. Codes (category, status...) are translated too.

Pure: no I/O, no clock. `tr` is the translation of a `label()` text in the request's locale.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from zoneinfo import ZoneInfo

from grassroots_kit import business_time
from grassroots_kit.i18n import label

from grassroots_cases.domain.model import Case
from grassroots_cases.domain.statistics import Breakdown, CaseStatistics
from grassroots_cases.domain.vocabulary import Category, Channel, Level, Priority, Status

# A district's year is tens of thousands of cases; an export is for an office's period and area.
# Beyond this the caller narrows the period or the unit (a typed error says so).
MAX_EXPORT_ROWS = 5000

Cell = str | int | float | datetime | None
Translate = Callable[[str], str]


class ExportContent(StrEnum):
    STATISTICS = "STATISTICS"
    CASES = "CASES"


class ExportFormat(StrEnum):
    XLSX = "XLSX"
    CSV = "CSV"


@dataclass(frozen=True)
class Table:
    """One sheet of a workbook (one section of a CSV file)."""

    title: str
    header: list[str]
    rows: list[list[Cell]]


@dataclass(frozen=True)
class Export:
    tables: list[Table]
    filename_stem: str

    @property
    def row_count(self) -> int:
        return sum(len(t.rows) for t in self.tables)


VALUE_LABELS: Mapping[str, str] = {
    Category.ENVIRONMENT: label("Environment"),
    Category.INFRASTRUCTURE: label("Infrastructure"),
    Category.SEWAGE_WATER: label("Sewage and water"),
    Category.PARKING_TRAFFIC: label("Parking and traffic"),
    Category.PROPERTY_MANAGEMENT: label("Property management"),
    Category.MARKET_VENDORS: label("Markets and vendors"),
    Category.NEIGHBOR_DISPUTE: label("Neighbour dispute"),
    Category.PUBLIC_SAFETY: label("Public safety"),
    Category.ELDERLY_CARE: label("Elderly care"),
    Category.SUGGESTION: label("Suggestion"),
    Category.OTHER: label("Other"),
    Status.REPORTED: label("Reported"),
    Status.ACCEPTED: label("Accepted"),
    Status.ASSIGNED: label("Assigned"),
    Status.IN_PROGRESS: label("In progress"),
    Status.ON_ORDER_BOARD: label("On the order board"),
    Status.RESOLVED: label("Resolved"),
    Status.CLOSED: label("Closed"),
    Status.REJECTED: label("Rejected"),
    Status.IN_DELIBERATION: label("In deliberation"),
    Level.GROUP: label("Group"),
    Level.GRID: label("Grid"),
    Level.COMMUNITY: label("Community"),
    Level.STREET: label("Street"),
    Level.DISTRICT: label("District"),
    Priority.LOW: label("Low"),
    Priority.NORMAL: label("Normal"),
    Priority.HIGH: label("High"),
    Priority.URGENT: label("Urgent"),
    Channel.APP: label("App"),
    Channel.HOTLINE: label("Hotline"),
    Channel.WECHAT: label("WeChat"),
    Channel.VISIT: label("Visit"),
    Channel.MEETING: label("Meeting"),
}
# Keys are the enums' values (StrEnum): a category and a level never share a code.
assert len(VALUE_LABELS) == sum(len(e) for e in (Category, Status, Level, Priority, Channel))


def _value(code: str, tr: Translate) -> str:
    return tr(VALUE_LABELS[code]) if code in VALUE_LABELS else code


def _local(at: datetime | None, tz: ZoneInfo) -> datetime | None:
    """`at` on the business clock, without a zone: spreadsheets have no time zones."""
    return None if at is None else business_time.local(at, tz).replace(tzinfo=None)


def _percent(rate: float | None) -> float | None:
    return None if rate is None else round(rate * 100, 1)


def _hours(seconds: float | None) -> float | None:
    return None if seconds is None else round(seconds / 3600, 1)


def _stem(prefix: str, unit_id: str, since: datetime, until: datetime, tz: ZoneInfo) -> str:
    first, end = (business_time.business_date(at, tz) for at in (since, until))
    return f"{prefix}-{unit_id}-{first:%Y%m%d}-{end:%Y%m%d}"


def _breakdown(
    title: str, key_header: str, rows: Sequence[Breakdown], tr: Translate, key: Translate
) -> Table:
    return Table(
        tr(title),
        [tr(key_header), tr(label("Collected")), tr(label("Handled")), tr(COMPLETION)],
        [
            [key(b.key), b.collected, b.handled, _percent(b.handled / b.collected)]
            for b in rows
            if b.collected
        ],
    )


COMPLETION = label("Completion rate (%)")


def statistics_export(
    unit_name: str,
    unit_id: str,
    since: datetime,
    until: datetime,
    stats: CaseStatistics,
    tz: ZoneInfo,
    tr: Translate,
) -> Export:
    """Three tables: the figures, by category, by month (the figures of `caseStats`)."""
    figures: list[tuple[str, Cell]] = [
        (label("Org unit"), unit_name),
        (label("From"), _local(since, tz)),
        (label("To (excluded)"), _local(until, tz)),
        (label("Collected"), stats.collected),
        (label("Handled"), stats.handled),
        (COMPLETION, _percent(stats.completion_rate)),
        (label("Rejected"), stats.rejected),
        (label("Open"), stats.open),
        (label("Overdue now"), stats.overdue_now),
        (label("SLA breaches"), stats.sla_breaches),
        (label("Average rating"), stats.average_rating),
        (label("Ratings"), stats.ratings),
        (label("First response, median (hours)"), _hours(stats.first_response.median_seconds)),
        (label("First response, 90% within (hours)"), _hours(stats.first_response.p90_seconds)),
        (label("Resolution, median (hours)"), _hours(stats.resolution.median_seconds)),
        (label("Resolution, 90% within (hours)"), _hours(stats.resolution.p90_seconds)),
    ]
    summary = Table(
        tr(label("Summary")),
        [tr(label("Figure")), tr(label("Value"))],
        [[tr(name), value] for name, value in figures],
    )
    return Export(
        [
            summary,
            _breakdown(
                label("By category"),
                label("Category"),
                stats.by_category,
                tr,
                lambda code: _value(code, tr),
            ),
            _breakdown(label("By month"), label("Month"), stats.by_month, tr, lambda m: m),
        ],
        _stem("case-statistics", unit_id, since, until, tz),
    )


CASE_HEADER = (
    label("Case number"),
    label("Title"),
    label("Category"),
    label("Channel"),
    label("Priority"),
    label("Status"),
    label("Level"),
    label("Org unit"),
    label("Reported at"),
    label("Due at"),
    label("Resolved at"),
    label("Closed at"),
    label("SLA breaches"),
    label("Deadline met"),
    label("Rating"),
)


def case_row(case: Case, unit_names: Mapping[str, str], tz: ZoneInfo, tr: Translate) -> list[Cell]:
    """A case as the office lists it: nothing of the reporter, the address or the description."""
    met = case.met_deadline if case.resolved_at is not None else None
    return [
        case.number,
        case.title,
        _value(case.category, tr),
        _value(case.channel, tr),
        _value(case.priority, tr),
        _value(case.status, tr),
        _value(case.level, tr),
        unit_names.get(case.org_unit_id, case.org_unit_id),
        _local(case.created_at, tz),
        _local(case.due_at, tz),
        _local(case.resolved_at, tz),
        _local(case.closed_at, tz),
        case.breach_count,
        None if met is None else tr(label("Yes") if met else label("No")),
        case.rating.score if case.rating else None,
    ]


def cases_export(
    unit_id: str,
    since: datetime,
    until: datetime,
    cases: Iterable[Case],
    unit_names: Mapping[str, str],
    tz: ZoneInfo,
    tr: Translate,
) -> Export:
    return Export(
        [
            Table(
                tr(label("Cases")),
                [tr(h) for h in CASE_HEADER],
                [case_row(c, unit_names, tz, tr) for c in cases],
            )
        ],
        _stem("cases", unit_id, since, until, tz),
    )
