"""Exports, year-on-year and the public board, through the subgraph on a real MongoDB: an
export's totals are caseStats' for the same unit and period."""

from __future__ import annotations

import base64
import csv
import io
from typing import Any

import openpyxl  # type: ignore[import-untyped]

from tests.cases.integration.conftest import Cases, error_code
from tests.cases.integration.test_statistics import PERIOD, STATS, _seed

EXPORT = """query($id: ID!, $from: DateTime!, $to: DateTime!, $content: CaseExportContent!,
  $format: CaseExportFormat!) {
  caseExport(orgUnitId: $id, from: $from, to: $to, content: $content, format: $format) {
    filename contentType rowCount base64 } }"""
YEAR_ON_YEAR = """query($id: ID!, $from: DateTime!, $to: DateTime!) {
  caseStats(orgUnitId: $id, from: $from, to: $to) { collected
    yearOnYear { from to earlier { collected handled yearOnYear { from } }
      collected { current earlier percent } handled { current earlier percent }
      completionRatePoints byCategory { key collected { current earlier percent } } } } }"""
BOARD = """query($id: ID!, $from: DateTime!, $to: DateTime!) {
  publicBoard(orgUnitId: $id, from: $from, to: $to) {
    from to suppressedBelow
    rows { orgUnitId name kind collected handled completionRate suppressed } } }"""
# The spring of PERIOD in whole Beijing months: 1 March to 1 June 2026, 00:00 at UTC+8.
SPRING = {"from": "2026-02-28T16:00:00Z", "to": "2026-05-31T16:00:00Z"}


async def _post(
    cases: Cases, who: str | None, query: str, variables: dict[str, Any], language: str
) -> dict[str, Any]:
    headers = {**cases.world.headers(who), "Accept-Language": language}
    response = await cases.svc.client.post(
        "/graphql", json={"query": query, "variables": variables}, headers=headers
    )
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    return body


async def _export(
    cases: Cases, content: str, fmt: str, language: str = "en", who: str = "cstaff"
) -> dict[str, Any]:
    variables = {**PERIOD, "content": content, "format": fmt}
    body = await _post(cases, who, EXPORT, variables, language)
    assert "errors" not in body, body
    exported: dict[str, Any] = body["data"]["caseExport"]
    return exported


def _workbook(exported: dict[str, Any]) -> Any:
    return openpyxl.load_workbook(io.BytesIO(base64.b64decode(exported["base64"])))


async def test_the_xlsx_statistics_are_the_figures_of_case_stats(cases: Cases) -> None:
    await _seed(cases)
    stats = (await cases.gql("cstaff", STATS, PERIOD))["data"]["caseStats"]

    exported = await _export(cases, "STATISTICS", "XLSX")

    book = _workbook(exported)
    assert book.sheetnames == ["Summary", "By category", "By month"]
    figures = {row[0]: row[1] for row in book["Summary"].iter_rows(min_row=2, values_only=True)}
    assert figures["Collected"] == stats["collected"] == 8
    assert figures["Handled"] == stats["handled"]
    assert figures["Completion rate (%)"] == round(stats["completionRate"] * 100, 1)
    assert figures["Overdue now"] == stats["overdueNow"]
    assert figures["SLA breaches"] == stats["slaBreaches"]
    categories = list(book["By category"].iter_rows(min_row=2, values_only=True))
    assert [(c, n, h) for c, n, h, _ in categories] == [
        ("Environment", 3, 0),
        ("Parking and traffic", 2, 2),
        ("Sewage and water", 3, 2),
    ]
    assert sum(n for _, n, _, _ in categories) == stats["collected"]
    assert exported["filename"] == "case-statistics-c1-20260301-20260601.xlsx"


async def test_the_xlsx_case_list_has_one_row_per_case_of_case_stats(cases: Cases) -> None:
    await _seed(cases)
    stats = (await cases.gql("cstaff", STATS, PERIOD))["data"]["caseStats"]

    exported = await _export(cases, "CASES", "XLSX")

    sheet = _workbook(exported)["Cases"]
    rows = list(sheet.iter_rows(min_row=2, values_only=True))
    assert exported["rowCount"] == len(rows) == stats["collected"]
    assert [r[0] for r in rows] == [f"WC-2026-00010{n}" for n in range(1, 9)]  # oldest first
    header = next(sheet.iter_rows(max_row=1, values_only=True))
    assert "Reporter" not in header
    assert "Address" not in header


async def test_the_csv_is_utf8_with_a_bom_and_chinese_headers_in_zh_cn(cases: Cases) -> None:
    await _seed(cases)

    exported = await _export(cases, "CASES", "CSV", language="zh-CN,zh;q=0.9")

    data = base64.b64decode(exported["base64"])
    assert data.startswith(b"\xef\xbb\xbf")
    assert exported["contentType"] == "text/csv; charset=utf-8"
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert rows[0][:3] == ["案件编号", "标题", "类别"]
    assert len(rows) == 1 + 8
    assert {row[2] for row in rows[1:]} == {"污水与供水", "停车与交通", "环境卫生"}


async def test_the_export_headers_are_english_in_en(cases: Cases) -> None:
    exported = await _export(cases, "CASES", "CSV", language="en-GB")

    rows = list(csv.reader(io.StringIO(base64.b64decode(exported["base64"]).decode("utf-8-sig"))))
    assert rows[0][:3] == ["Case number", "Title", "Category"]


async def test_the_export_is_for_the_staff_of_the_area(cases: Cases) -> None:
    variables = {**PERIOD, "content": "CASES", "format": "XLSX"}

    assert error_code(await cases.gql("res-1", EXPORT, variables)) == "FORBIDDEN"
    assert error_code(await cases.gql(None, EXPORT, variables)) == "UNAUTHENTICATED"


async def test_year_on_year_compares_with_the_same_months_a_year_earlier(cases: Cases) -> None:
    await _seed(cases)
    next_spring = {"id": "c1", "from": "2027-03-01T00:00:00Z", "to": "2027-06-01T00:00:00Z"}

    body = await cases.gql("cstaff", YEAR_ON_YEAR, next_spring)

    assert "errors" not in body, body
    result = body["data"]["caseStats"]["yearOnYear"]
    assert (result["from"], result["to"]) == (
        "2026-03-01T00:00:00+00:00",
        "2026-06-01T00:00:00+00:00",
    )
    assert result["earlier"] == {"collected": 8, "handled": 4, "yearOnYear": None}
    assert result["collected"] == {"current": 0, "earlier": 8, "percent": -100.0}
    assert result["completionRatePoints"] is None
    assert {
        "key": "SEWAGE_WATER",
        "collected": {"current": 0, "earlier": 3, "percent": -100.0},
    } in (result["byCategory"])


async def test_the_public_board_answers_without_a_token(cases: Cases) -> None:
    await _seed(cases)

    body = await cases.gql(None, BOARD, {"id": "s1", **SPRING})

    assert "errors" not in body, body
    board = body["data"]["publicBoard"]
    assert board["suppressedBelow"] == 5
    # the street counts its other community's case too (c2, not in the projection's tree)
    assert board["rows"] == [
        {
            "orgUnitId": "s1",
            "name": "Gaotangling Street",
            "kind": "STREET",
            "collected": 9,
            "handled": 5,
            "completionRate": 5 / 9,
            "suppressed": False,
        },
        {
            "orgUnitId": "c1",
            "name": "Taohuajing Community",
            "kind": "COMMUNITY",
            "collected": 8,
            "handled": 4,
            "completionRate": 0.5,
            "suppressed": False,
        },
    ]


async def test_the_public_board_types_hold_no_personal_field(cases: Cases) -> None:
    query = """{ row: __type(name: "PublicBoardRow") { fields { name } }
      board: __type(name: "PublicBoard") { fields { name } }
      cell: __type(name: "PublicBoardCell") { fields { name } }
      mapCell: __type(name: "MapCell") { fields { name } } }"""

    body = await cases.gql(None, query)

    assert {f["name"] for f in body["data"]["row"]["fields"]} == {
        "orgUnitId",
        "name",
        "kind",
        "collected",
        "handled",
        "completionRate",
        "suppressed",
    }
    assert {f["name"] for f in body["data"]["board"]["fields"]} == {
        "from",
        "to",
        "suppressedBelow",
        "rows",
        "cells",
    }
    # a coarse cell: its count and its own geometry, never a case's point
    assert {f["name"] for f in body["data"]["cell"]["fields"]} == {
        "cell",
        "collected",
        "suppressed",
    }
    assert {f["name"] for f in body["data"]["mapCell"]["fields"]} == {"id", "centre", "bounds"}


async def test_the_public_board_refuses_a_period_that_is_not_whole_months(cases: Cases) -> None:
    body = await cases.gql(None, BOARD, {"id": "s1", **{k: PERIOD[k] for k in ("from", "to")}})

    assert error_code(body) == "BAD_USER_INPUT"
