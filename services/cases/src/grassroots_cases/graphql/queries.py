"""The cases subgraph's root queries."""

from __future__ import annotations

import strawberry
from grassroots_kit.graphql.connections import (
    After,
    Connection,
    First,
    decode_cursor,
    page_size,
    to_connection,
)
from strawberry.types import Info

from grassroots_cases.domain.listing import CaseFilter as DomainFilter
from grassroots_cases.domain.listing import sort_key
from grassroots_cases.graphql.context import Context
from grassroots_cases.graphql.enums import CaseLevel, CaseSort, CaseStatus
from grassroots_cases.graphql.figures import ExportContent, ExportFile, ExportFormat, PublicBoard
from grassroots_cases.graphql.inputs import CaseFilter
from grassroots_cases.graphql.places import CaseCell
from grassroots_cases.graphql.sla import SlaPolicy
from grassroots_cases.graphql.statistics import CaseStats
from grassroots_cases.graphql.summaries import CaseSummary, summaries
from grassroots_cases.graphql.types import Case, Since, Until, case_connection
from grassroots_cases.handlers import figures, reading, routing, sla_admin


@strawberry.type
class Query:
    @strawberry.field(description="One case by id, or null when there is none you may see.")
    async def case(self, info: Info[Context, None], id: strawberry.ID) -> Case | None:
        if info.context.caller is None:
            return None
        found = await reading.get_case(info.context.ports, info.context.caller, str(id))
        return Case.from_domain(found) if found else None

    @strawberry.field(description="One case by its number, e.g. WC-2026-000123.")
    async def case_by_number(self, info: Info[Context, None], number: str) -> Case | None:
        if info.context.caller is None:
            return None
        found = await reading.case_by_number(info.context.ports, info.context.caller, number)
        return Case.from_domain(found) if found else None

    @strawberry.field(description="The cases you may see, narrowed by a filter.")
    async def cases(
        self,
        info: Info[Context, None],
        filter: CaseFilter | None = None,
        sort: CaseSort = CaseSort.CREATED,
        first: First = None,
        after: After = None,
    ) -> Connection[Case]:
        where = filter.to_domain() if filter else DomainFilter()
        return await case_connection(info.context, where, sort, first, after)

    @strawberry.field(description="Orders waiting to be taken in an org unit's subtree.")
    async def order_board(
        self,
        info: Info[Context, None],
        org_unit_id: strawberry.ID,
        first: First = None,
        after: After = None,
    ) -> Connection[Case]:
        page = await reading.order_board(
            info.context.ports,
            info.context.caller,
            str(org_unit_id),
            page_size(first),
            decode_cursor(after) if after else None,
        )
        return to_connection(page, lambda c: sort_key(c, CaseSort.CREATED), Case.from_domain)

    @strawberry.field(
        description="Anonymised summaries of the cases in a community (or a unit below it), "
        "for those who live or serve there; newest first."
    )
    async def public_cases(
        self,
        info: Info[Context, None],
        org_unit_id: strawberry.ID,
        first: First = None,
        after: After = None,
    ) -> Connection[CaseSummary]:
        page = await reading.public_summaries(
            info.context.ports,
            info.context.caller,
            str(org_unit_id),
            page_size(first),
            decode_cursor(after) if after else None,
        )
        return summaries(page)

    @strawberry.field(description="Case statistics of an org unit's subtree in a period.")
    async def case_stats(
        self, info: Info[Context, None], org_unit_id: strawberry.ID, since: Since, until: Until
    ) -> CaseStats:
        result = await reading.statistics(
            info.context.ports, info.context.caller, str(org_unit_id), since, until
        )
        return CaseStats.from_domain(str(org_unit_id), since, until, result)

    @strawberry.field(
        description="Placed cases of an org unit's subtree reported in a period, counted per map "
        "cell (for clustering markers): precision 1 (1° cells) to 10 (0.001°, about 110 m). "
        "For the staff of the area, with the period rules of caseStats; more than 2000 cells "
        "is BAD_USER_INPUT."
    )
    async def case_cells(
        self,
        info: Info[Context, None],
        org_unit_id: strawberry.ID,
        precision: int,
        since: Since,
        until: Until,
        status: list[CaseStatus] | None = None,
    ) -> list[CaseCell]:
        counts = await reading.case_cells(
            info.context.ports,
            info.context.caller,
            str(org_unit_id),
            precision,
            since,
            until,
            tuple(status or ()),
        )
        return [CaseCell.from_domain(c) for c in counts]

    @strawberry.field(
        description="Case statistics or the list of cases of an org unit's subtree in a period, "
        "as an XLSX or CSV file; headers in the request's language. For the staff of the area, "
        "with the period rules of caseStats; a list beyond 5000 cases is BAD_USER_INPUT."
    )
    async def case_export(
        self,
        info: Info[Context, None],
        org_unit_id: strawberry.ID,
        since: Since,
        until: Until,
        content: ExportContent,
        format: ExportFormat,
    ) -> ExportFile:
        made = await figures.export(
            info.context.ports, info.context.caller, str(org_unit_id), since, until, content, format
        )
        return ExportFile.from_handler(made)

    @strawberry.field(
        description="Public completion rates of a district, street or community and its streets "
        "or communities, for anyone (no token needed), in whole months; small counts withheld."
    )
    async def public_board(
        self, info: Info[Context, None], org_unit_id: strawberry.ID, since: Since, until: Until
    ) -> PublicBoard:
        board = await figures.public_completion_board(
            info.context.ports, str(org_unit_id), since, until
        )
        return PublicBoard.from_handler(board)

    @strawberry.field(
        description="The rung a case reported in this org unit would go to now (null: unknown)."
    )
    async def routing_level(
        self, info: Info[Context, None], org_unit_id: strawberry.ID
    ) -> CaseLevel | None:
        return await routing.level_for(info.context.ports, str(org_unit_id))

    @strawberry.field(description="The deadlines that apply in an org unit's district.")
    async def sla_policy(self, info: Info[Context, None], org_unit_id: strawberry.ID) -> SlaPolicy:
        district, policy = await sla_admin.get_policy(info.context.ports, str(org_unit_id))
        return SlaPolicy.from_domain(district, policy)
