"""GraphQL shape of exports and of the public completion-rate board."""

from __future__ import annotations

import base64
from datetime import datetime

import strawberry

from grassroots_cases.domain import exports, places
from grassroots_cases.domain.public_board import SUPPRESS_BELOW
from grassroots_cases.graphql.places import PublicBoardCell
from grassroots_cases.handlers import figures

strawberry.enum(
    exports.ExportContent,
    name="CaseExportContent",
    description="What an export holds: the figures of `caseStats`, or the list of cases.",
)
strawberry.enum(
    exports.ExportFormat,
    name="CaseExportFormat",
    description="XLSX (a workbook) or CSV (UTF-8 with a byte-order mark, for Excel).",
)
ExportContent = exports.ExportContent
ExportFormat = exports.ExportFormat


@strawberry.type(description="A file to save: decode `base64` and save it as `filename`.")
class ExportFile:
    filename: str = strawberry.field(description="e.g. cases-<unit>-20260101-20270101.xlsx")
    content_type: str = strawberry.field(description="The file's media type.")
    row_count: int = strawberry.field(description="Data rows, headers not counted.")
    base64: str = strawberry.field(description="The file's bytes, base64-encoded.")

    @classmethod
    def from_handler(cls, f: figures.ExportFile) -> ExportFile:
        return cls(
            filename=f.filename,
            content_type=f.content_type,
            row_count=f.row_count,
            base64=base64.b64encode(f.data).decode("ascii"),
        )


@strawberry.type(
    description="One unit's counts on the public board: no case, person or place below it."
)
class PublicBoardRow:
    org_unit_id: strawberry.ID = strawberry.field(description="The unit.")
    name: str = strawberry.field(description="Its name.")
    kind: str = strawberry.field(description="DISTRICT, STREET or COMMUNITY.")
    collected: int | None = strawberry.field(description="Cases reported; null when suppressed.")
    handled: int | None = strawberry.field(description="Of those, resolved or closed.")
    completion_rate: float | None = strawberry.field(description="handled / collected.")
    suppressed: bool = strawberry.field(
        description="True when the figures are withheld: too few cases to publish without "
        "pointing at the people behind them."
    )


@strawberry.type(description="Completion rates of a unit and its streets or communities.")
class PublicBoard:
    since: datetime = strawberry.field(name="from", description="Period start.")
    until: datetime = strawberry.field(name="to", description="Period end (excluded).")
    suppressed_below: int = strawberry.field(
        description="A unit with fewer cases than this (but some) shows no figure; so does one "
        "more unit when its count could be worked out from the others."
    )
    rows: list[PublicBoardRow] = strawberry.field(
        description="The unit first, then its streets or communities by name."
    )
    cells: list[PublicBoardCell] = strawberry.field(
        description="Placed cases of the unit per coarse map cell (precision "
        f"{places.PUBLIC_PRECISION} of caseCells, about 5 km), with the same suppression; "
        "cells with no case are left out. Never a case's point."
    )

    @classmethod
    def from_handler(cls, b: figures.PublicBoard) -> PublicBoard:
        return cls(
            since=b.since,
            until=b.until,
            suppressed_below=SUPPRESS_BELOW,
            rows=[
                PublicBoardRow(
                    org_unit_id=strawberry.ID(r.unit.id),
                    name=r.unit.name,
                    kind=r.unit.kind,
                    collected=r.collected,
                    handled=r.handled,
                    completion_rate=r.completion_rate,
                    suppressed=r.suppressed,
                )
                for r in b.rows
            ],
            cells=[PublicBoardCell.from_domain(c) for c in b.cells],
        )
