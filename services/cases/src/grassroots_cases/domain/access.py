"""Who may read what of a case: the one policy every path that returns cases goes through.

`case_view(reader, case)` decides, for a viewer and a case, between the whole case (`FULL`),
the few public facts a neighbour may know (`HINT`: number, title, category, status and dates,
never the description, address, reporter, assignee, handlers or timeline) and nothing.
Single cases (by id, by number, `_entities`), duplicate hints and the board answer with it
case by case; lists ask the store for the cases `adapters.case_queries.readable_by` selects,
which is `reads_in_full` written as a query. tests/cases/unit/test_access.py holds the rule to
the workflow's `can_view`; tests/abuse/test_cases_reading.py sends the lists a neighbour's case.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from enum import StrEnum

from grassroots_contracts.org_units import COMMUNITY_RUNG

from grassroots_cases.domain.ids import OrganizationId, PersonId
from grassroots_cases.domain.model import Case
from grassroots_cases.domain.vocabulary import ROLE_LEVEL, TAKER_ROLES, Role, Status


class CaseView(StrEnum):
    FULL = "FULL"
    HINT = "HINT"
    NONE = "NONE"


@dataclass(frozen=True)
class Place:
    """One role a viewer holds over the subtree of `unit` (`path`: its ancestors and itself)."""

    role: str
    unit: str
    path: tuple[str, ...]
    organization_id: str | None = None


@dataclass(frozen=True)
class Reader:
    """A signed-in viewer as the policy sees them: who, and the roles they hold where."""

    person_id: PersonId
    places: tuple[Place, ...] = ()

    @property
    def staff_units(self) -> frozenset[str]:
        """Units whose subtree the viewer serves as staff or chief (any rank)."""
        return frozenset(p.unit for p in self.places if _role(p.role) in ROLE_LEVEL)

    @property
    def taker_units(self) -> frozenset[str]:
        """Units whose order board the viewer takes work from (red partner, volunteer)."""
        return frozenset(p.unit for p in self.places if _role(p.role) in TAKER_ROLES)

    @property
    def organizations(self) -> frozenset[OrganizationId]:
        return frozenset(
            OrganizationId(p.organization_id) for p in self.places if p.organization_id
        )


def reads_in_full(reader: Reader, case: Case) -> bool:
    """Its reporter, whoever works it (assignee, the organization it went to), staff over its
    place, and takers while it waits on the board of their area."""
    if case.reporter_id is not None and case.reporter_id == reader.person_id:
        return True
    if case.assignee_id is not None and case.assignee_id == reader.person_id:
        return True
    if case.organization_id is not None and case.organization_id in reader.organizations:
        return True
    path = set(case.org_unit_path)
    if reader.staff_units & path:
        return True
    return case.status is Status.ON_ORDER_BOARD and bool(reader.taker_units & path)


def is_neighbour(reader: Reader, case: Case) -> bool:
    """Lives or serves where the case was raised: a role at, above or below its unit."""
    return any(
        case.org_unit_id in place.path or place.unit in case.org_unit_path
        for place in reader.places
    )


def case_view(reader: Reader | None, case: Case) -> CaseView:
    if reader is None:
        return CaseView.NONE
    if reads_in_full(reader, case):
        return CaseView.FULL
    if case.status is not Status.REJECTED and is_neighbour(reader, case):
        return CaseView.HINT
    return CaseView.NONE


# A community (or a village, on the same rung) and what lies below it.
NEIGHBOURHOOD_KINDS = COMMUNITY_RUNG | {"GRID", "PIECE", "GROUP", "NEIGHBORHOOD", "BUILDING"}


def may_list_summaries(reader: Reader, unit_path: Sequence[str], unit_kind: str) -> bool:
    """`publicCases`: the public facts (as in a `HINT`) of every case of a community or a unit
    below it, for those who live there and staff over it."""
    unit = unit_path[-1]
    lives_there = any(unit in place.path for place in reader.places)
    serves = bool(reader.staff_units & set(unit_path))
    return (lives_there and unit_kind in NEIGHBOURHOOD_KINDS) or serves


def hints(reader: Reader | None, cases: Sequence[Case]) -> list[tuple[Case, CaseView]]:
    """The cases `reader` may know of at all, each with how much of it they may see."""
    seen = [(case, case_view(reader, case)) for case in cases]
    return [(case, view) for case, view in seen if view is not CaseView.NONE]


def _role(name: str) -> Role | None:
    return Role(name) if name in Role.__members__ else None


def may_watch_cases(reader: Reader, unit_path: Sequence[str]) -> bool:
    """`caseChanged` of a unit: for staff over it and for those who hold a role in its subtree
    (a resident watching their own community). What each of them then receives is what
    `reads_in_full` lets them read, case by case."""
    unit = unit_path[-1]
    return bool(reader.staff_units & set(unit_path)) or any(
        unit in place.path for place in reader.places
    )


def may_watch_board(reader: Reader, unit_path: Sequence[str]) -> bool:
    """`orderBoardChanged` of a unit: those who may open its order board (`orderBoard`): staff
    over it, and red partners and volunteers whose area covers it."""
    path = set(unit_path)
    return bool((reader.staff_units | reader.taker_units) & path)


def sees_on_board(reader: Reader, case: Case) -> bool:
    """Whether `reader` read `case` while it waited on the board (so may learn it was taken)."""
    return reads_in_full(reader, replace(case, status=Status.ON_ORDER_BOARD))
