"""Use cases that move an existing case: load, check, apply the workflow, commit."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import datetime

from grassroots_kit.auth import Principal
from grassroots_kit.errors import Conflict, NotFound
from grassroots_kit.i18n import msg

from grassroots_cases.domain.model import Actor, Case
from grassroots_cases.domain.workflow import Outcome, can_view
from grassroots_cases.handlers.access import actor_over, require
from grassroots_cases.handlers.ports import CasesPorts, CasesTx
from grassroots_cases.handlers.unit_of_work import commit_outcome

# The change to make, given the case as read, the caller over it and the time.
Change = Callable[[Case, Actor, datetime], Awaitable[Outcome]]


@dataclass(frozen=True)
class Transition:
    case_id: str
    expected_version: int | None = None  # when given, a newer case is a CONFLICT up front


Visible = Callable[[Actor, Case], bool]


async def load_for(
    ports: CasesPorts, case_id: str, actor_of: Principal, visible: Visible = can_view
) -> tuple[Case, Actor]:
    case = await ports.cases.get(case_id)
    actor = actor_over(actor_of, case.org_unit_path) if case else None
    if case is None or actor is None or not visible(actor, case):
        # Someone who may not see a case learns nothing about it, not even that it exists.
        raise NotFound(msg("no case with id {case_id}", case_id=case_id), field="caseId")
    return case, actor


async def apply(
    ports: CasesPorts,
    principal: Principal | None,
    transition: Transition,
    change: Change,
    visible: Visible = can_view,
    also: Callable[[CasesTx], Awaitable[None]] | None = None,
) -> Case:
    """`visible` says who may learn the case exists; anyone else gets NOT_FOUND."""
    caller = require(principal)
    case, actor = await load_for(ports, transition.case_id, caller, visible)
    if transition.expected_version is not None and transition.expected_version != case.version:
        raise Conflict(
            msg(
                "case {number} is at version {version}, not {expected_version}",
                number=case.number,
                version=case.version,
                expected_version=transition.expected_version,
            ),
            caseId=case.id,
        )
    outcome = await change(case, actor, ports.clock())
    return await commit_outcome(ports.uow, outcome, also)
