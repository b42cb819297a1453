"""Year-on-year, the public board and exports: the pure parts, then the handlers over the fakes."""

from __future__ import annotations

import csv
import io
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import openpyxl  # type: ignore[import-untyped]
import pytest
from grassroots_cases.adapters.spreadsheets import to_csv, to_xlsx
from grassroots_cases.domain import exports
from grassroots_cases.domain.comparison import change_percent, compare, year_earlier
from grassroots_cases.domain.exports import (
    CASE_HEADER,
    ExportContent,
    ExportFormat,
    Table,
    case_row,
    statistics_export,
)
from grassroots_cases.domain.public_board import BoardUnit, board, whole_months
from grassroots_cases.domain.statistics import Breakdown, CaseStatistics, Percentiles
from grassroots_cases.domain.vocabulary import Category
from grassroots_cases.handlers.figures import export, public_completion_board, year_on_year
from grassroots_cases.handlers.report_case import report_case
from grassroots_kit.errors import BadUserInput, Forbidden, NotFound, Unauthenticated
from grassroots_kit.i18n import translate

from tests.cases.fakes import FakeCases
from tests.cases.unit.builders import case
from tests.cases.unit.fake_area import NOW, area, new_case, who

SHANGHAI = ZoneInfo("Asia/Shanghai")


def at(text: str) -> datetime:
    """A Beijing wall-clock time."""
    return datetime.fromisoformat(text).replace(tzinfo=SHANGHAI)


def english(text: str) -> str:
    return text


def figures(collected: int, handled: int = 0, **changes: object) -> CaseStatistics:
    base = CaseStatistics(
        collected=collected,
        handled=handled,
        rejected=0,
        open=collected - handled,
        overdue_now=0,
        sla_breaches=0,
        average_rating=None,
        ratings=0,
        first_response=Percentiles(None, None),
        resolution=Percentiles(3600.0, 7200.0),
        by_category=[],
        by_month=[],
    )
    return replace(base, **changes)  # type: ignore[arg-type]


# --- year on year ------------------------------------------------------------------------


def test_a_year_earlier_keeps_the_business_date_and_time() -> None:
    assert year_earlier(at("2027-03-01T00:00"), SHANGHAI) == at("2026-03-01T00:00")


def test_a_year_earlier_is_cut_at_business_midnight_not_utc() -> None:
    # 1 January 2027 begins in Beijing at 16:00 UTC on 31 December 2026
    new_year = datetime(2026, 12, 31, 16, 0, tzinfo=UTC)

    earlier = year_earlier(new_year, SHANGHAI)

    assert earlier == datetime(2025, 12, 31, 16, 0, tzinfo=UTC)
    assert earlier.tzinfo is UTC


def test_the_leap_day_maps_to_28_february() -> None:
    assert year_earlier(at("2028-02-29T00:00"), SHANGHAI) == at("2027-02-28T00:00")
    assert year_earlier(at("2028-03-01T00:00"), SHANGHAI) == at("2027-03-01T00:00")
    # and the year after a leap year looks back at an ordinary 28 February
    assert year_earlier(at("2029-02-28T12:00"), SHANGHAI) == at("2028-02-28T12:00")


def test_change_in_percent_and_none_from_nothing() -> None:
    assert change_percent(64, 100) == -36.0
    assert change_percent(3, 2) == 50.0
    assert change_percent(2, 3) == -33.3
    assert change_percent(5, 0) is None
    assert change_percent(0, 0) is None


def test_compare_lists_every_category_of_either_period() -> None:
    now = figures(
        10,
        9,
        by_category=[Breakdown("ENVIRONMENT", 10, 9)],
        sla_breaches=1,
    )
    before = figures(
        20,
        15,
        by_category=[Breakdown("ENVIRONMENT", 16, 12), Breakdown("OTHER", 4, 3)],
        sla_breaches=0,
    )

    result = compare(now, before, at("2026-01-01T00:00"), at("2026-02-01T00:00"))

    assert (result.collected.percent, result.handled.percent) == (-50.0, -40.0)
    assert result.sla_breaches.percent is None
    assert result.completion_rate_points == 15.0  # 90% against 75%
    assert [(k.key, k.collected.current, k.collected.earlier) for k in result.by_category] == [
        ("ENVIRONMENT", 10, 16),
        ("OTHER", 0, 4),
    ]


# --- the public board --------------------------------------------------------------------

STREET = BoardUnit("s1", "Gaotangling Street", "STREET")


def communities(*counts: int) -> list[tuple[BoardUnit, CaseStatistics]]:
    return [
        (BoardUnit(f"c{i}", f"Community {i}", "COMMUNITY"), figures(n, n // 2))
        for i, n in enumerate(counts)
    ]


def test_the_board_shows_units_with_enough_cases() -> None:
    rows = board((STREET, figures(40, 30)), communities(20, 20))

    assert [(r.collected, r.handled, r.suppressed) for r in rows] == [
        (40, 30, False),
        (20, 10, False),
        (20, 10, False),
    ]
    assert rows[0].completion_rate == 0.75


def test_a_small_unit_and_the_smallest_other_are_suppressed() -> None:
    # Community 0 alone suppressed could be worked out as 40 - 25 - 12 = 3
    rows = board((STREET, figures(40, 30)), communities(3, 25, 12))

    assert [r.suppressed for r in rows] == [False, True, False, True]
    assert all(r.collected is None and r.completion_rate is None for r in rows if r.suppressed)


def test_two_small_units_need_no_more_suppression() -> None:
    rows = board((STREET, figures(40, 30)), communities(3, 2, 35))

    assert [r.suppressed for r in rows] == [False, True, True, False]


def test_when_the_others_are_empty_the_parent_is_suppressed_with_the_small_one() -> None:
    rows = board((STREET, figures(8, 4)), communities(3, 0))

    assert [r.suppressed for r in rows] == [True, True, False]
    assert rows[2].collected == 0


def test_a_small_parent_is_suppressed_and_zero_is_shown() -> None:
    rows = board((STREET, figures(2, 1)), communities(0))

    assert [(r.collected, r.suppressed) for r in rows] == [(None, True), (0, False)]


def test_the_board_period_is_whole_business_months() -> None:
    assert whole_months(at("2026-01-01T00:00"), at("2026-04-01T00:00"), SHANGHAI)
    assert not whole_months(at("2026-01-01T00:00"), at("2026-03-31T00:00"), SHANGHAI)
    assert not whole_months(at("2026-01-01T08:00"), at("2026-04-01T00:00"), SHANGHAI)
    # UTC midnight on the 1st is 08:00 in Beijing
    assert not whole_months(
        datetime(2026, 1, 1, tzinfo=UTC), datetime(2026, 2, 1, tzinfo=UTC), SHANGHAI
    )


# --- exports: tables and files -----------------------------------------------------------


def test_a_case_row_has_nothing_of_the_reporter() -> None:
    reported = case(address="Room 301, Building 3", description="My neighbour Li Ming on 13800")

    row = case_row(reported, {"grid": "Grid 1"}, SHANGHAI, english)

    assert len(row) == len(CASE_HEADER)
    text = repr(row)
    for private in ("Room 301", "Li Ming", "13800", "reporter"):
        assert private not in text
    assert row[0] == reported.number
    assert row[7] == "Grid 1"
    assert row[8] == datetime(2026, 11, 2, 17, 0)  # 09:00 UTC, on the Beijing clock


def test_statistics_export_holds_the_figures() -> None:
    stats = figures(
        4,
        3,
        by_category=[Breakdown("ENVIRONMENT", 4, 3)],
        by_month=[Breakdown("2026-11", 4, 3)],
    )

    made = statistics_export(
        "Community", "c1", NOW, NOW + timedelta(days=1), stats, SHANGHAI, english
    )

    summary, by_category, by_month = made.tables
    values = dict((str(row[0]), row[1]) for row in summary.rows)
    assert (values["Collected"], values["Handled"], values["Completion rate (%)"]) == (4, 3, 75.0)
    assert values["Resolution, median (hours)"] == 1.0
    assert by_category.rows == [["Environment", 4, 3, 75.0]]
    assert by_month.rows == [["2026-11", 4, 3, 75.0]]
    assert made.filename_stem == "case-statistics-c1-20261102-20261103"


def test_the_headers_are_chinese_in_zh_cn_and_english_in_en() -> None:
    stats = figures(1, 1, by_category=[Breakdown("SEWAGE_WATER", 1, 1)])
    period = (NOW, NOW + timedelta(days=1))

    zh = statistics_export("c", "c1", *period, stats, SHANGHAI, lambda t: translate(t, "zh-CN"))
    en = statistics_export("c", "c1", *period, stats, SHANGHAI, lambda t: translate(t, "en"))

    assert zh.tables[1].header == ["类别", "受理数", "办结数", "办结率（%）"]
    assert zh.tables[1].rows[0][0] == "污水与供水"
    assert en.tables[1].header == ["Category", "Collected", "Handled", "Completion rate (%)"]


def test_csv_has_a_bom_and_neutralises_formulas() -> None:
    data = to_csv(
        [Table("t", ["标题", "n"], [['=HYPERLINK("x")', 1]]), Table("u", ["月份"], [["2026-01"]])]
    )

    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert rows == [["标题", "n"], ['\'=HYPERLINK("x")', "1"], [], ["月份"], ["2026-01"]]


def test_xlsx_stores_text_as_text_and_times_as_times() -> None:
    data = to_xlsx([Table("汇总", ["标题", "时间"], [["=1+1", datetime(2026, 1, 1, 8, 30)]])])

    sheet = openpyxl.load_workbook(io.BytesIO(data)).active
    assert sheet.title == "汇总"
    assert sheet["A2"].value == "=1+1"
    assert sheet["A2"].data_type == "s"
    assert sheet["B2"].value == datetime(2026, 1, 1, 8, 30)


# --- handlers over the fakes -------------------------------------------------------------

PERIOD = (NOW - timedelta(days=1), NOW + timedelta(days=1))


async def two_cases() -> FakeCases:
    fakes = area()
    for title in ("Sewage pipe broken", "=cmd|' /C calc'!A0"):
        await report_case(fakes.ports, who("res-1"), new_case(title=title))
    return fakes


async def test_staff_export_the_case_list() -> None:
    fakes = await two_cases()

    made = await export(
        fakes.ports, who("cstaff"), "c1", *PERIOD, ExportContent.CASES, ExportFormat.CSV
    )

    assert made.row_count == 2
    assert made.filename.endswith(".csv")
    rows = list(csv.reader(io.StringIO(made.data.decode("utf-8-sig"))))
    assert len(rows) == 3
    assert {r[1] for r in rows[1:]} == {"Sewage pipe broken", "'=cmd|' /C calc'!A0"}


async def test_statistics_export_opens_as_a_workbook() -> None:
    fakes = await two_cases()

    made = await export(
        fakes.ports, who("sstaff"), "s1", *PERIOD, ExportContent.STATISTICS, ExportFormat.XLSX
    )

    book = openpyxl.load_workbook(io.BytesIO(made.data))
    assert len(book.sheetnames) == 3
    assert made.content_type.startswith("application/vnd.openxmlformats")


@pytest.mark.parametrize("person", ["res-1", "chief", "gridder", "partner"])
async def test_export_is_refused_below_the_staff(person: str) -> None:
    fakes = await two_cases()

    with pytest.raises(Forbidden):
        await export(fakes.ports, who(person), "c1", *PERIOD, ExportContent.CASES, ExportFormat.CSV)


async def test_export_is_refused_to_an_anonymous_caller() -> None:
    fakes = await two_cases()

    with pytest.raises(Unauthenticated):
        await export(fakes.ports, None, "c1", *PERIOD, ExportContent.CASES, ExportFormat.CSV)


async def test_a_list_beyond_the_bound_is_a_typed_error(monkeypatch: pytest.MonkeyPatch) -> None:
    fakes = await two_cases()
    monkeypatch.setattr(exports, "MAX_EXPORT_ROWS", 1)

    with pytest.raises(BadUserInput) as refused:
        await export(
            fakes.ports, who("cstaff"), "c1", *PERIOD, ExportContent.CASES, ExportFormat.CSV
        )

    assert refused.value.extensions["reason"] == "EXPORT_TOO_LARGE"
    assert (refused.value.extensions["limit"], refused.value.extensions["count"]) == (1, 2)


async def test_year_on_year_reads_the_same_dates_a_year_earlier() -> None:
    fakes = await two_cases()
    a_year_ago = new_case(title="Old pipe", category=Category.ENVIRONMENT)
    old = await report_case(fakes.ports, who("res-1"), a_year_ago)
    stored = fakes.state.cases[old.case.id]
    fakes.state.cases[old.case.id] = replace(stored, created_at=NOW - timedelta(days=365))
    current = figures(2)

    result = await year_on_year(fakes.ports, who("cstaff"), "c1", *PERIOD, current)

    assert result.since == PERIOD[0] - timedelta(days=365)
    assert (result.collected.current, result.collected.earlier) == (2, 1)
    assert result.collected.percent == 100.0


async def test_year_on_year_is_for_staff_too() -> None:
    fakes = await two_cases()

    with pytest.raises(Forbidden):
        await year_on_year(fakes.ports, who("res-1"), "c1", *PERIOD, figures(2))


async def test_the_public_board_needs_no_caller() -> None:
    fakes = await two_cases()
    month = (at("2026-11-01T00:00"), at("2026-12-01T00:00"))

    result = await public_completion_board(fakes.ports, "s1", *month)

    # two cases in the street: below the threshold, so nothing but the units' names shows
    assert [(r.unit.id, r.suppressed, r.collected) for r in result.rows] == [
        ("s1", True, None),
        ("c1", True, None),
    ]


async def test_the_public_board_refuses_a_ragged_period_and_a_grid() -> None:
    fakes = await two_cases()

    with pytest.raises(BadUserInput):
        await public_completion_board(fakes.ports, "s1", *PERIOD)
    with pytest.raises(NotFound):
        await public_completion_board(
            fakes.ports, "g1", at("2026-11-01T00:00"), at("2026-12-01T00:00")
        )
