"""Following a case and adding "me too": anyone who may see the case at all (its people in full,
neighbours as a hint: domain.access) may follow it; each change that matters publishes
`case.followed` or `case.unfollowed`, from which notifications keeps the followers it tells."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime

from grassroots_contracts import case_events as contract
from grassroots_contracts.event_types import CASE_FOLLOWED, CASE_UNFOLLOWED, SOURCE_CASES
from grassroots_kit.auth import Principal
from grassroots_kit.errors import NotFound
from grassroots_kit.i18n import msg
from grassroots_kit.messaging.envelope import CloudEvent, new_event

from grassroots_cases.domain import following
from grassroots_cases.domain.access import CaseView, case_view
from grassroots_cases.domain.following import Follow, FollowCounts
from grassroots_cases.domain.model import Case
from grassroots_cases.handlers.access import reader_of, require
from grassroots_cases.handlers.ports import CasesPorts, CasesTx


def _event(case: Case, follow: Follow, at: datetime) -> CloudEvent:
    path = tuple(case.org_unit_path)
    data: dict[str, object]
    if follow.following:
        data = contract.CaseFollowed(
            case_id=case.id,
            number=case.number,
            org_unit_id=case.org_unit_id,
            org_unit_path=path,
            person_id=follow.person_id,
            me_too=follow.me_too,
            at=at,
        ).to_data()
        event_type = CASE_FOLLOWED
    else:
        data = contract.CaseUnfollowed(
            case_id=case.id,
            number=case.number,
            org_unit_id=case.org_unit_id,
            org_unit_path=path,
            person_id=follow.person_id,
            at=at,
        ).to_data()
        event_type = CASE_UNFOLLOWED
    return new_event(event_type, source=SOURCE_CASES, subject=case.id, data=data, time=at)


Step = Callable[[Follow, Case, datetime], Follow | None]


async def _change(
    ports: CasesPorts, principal: Principal | None, case_id: str, step: Step
) -> tuple[Case, FollowCounts]:
    caller = require(principal)

    async def work(tx: CasesTx) -> Case:
        case = await tx.cases.get(case_id)
        if case is None or case_view(reader_of(caller), case) is CaseView.NONE:
            raise NotFound(msg("no case with id {case_id}", case_id=case_id), field="caseId")
        now = ports.clock()
        current = await tx.follows.get(case.id, caller.person_id) or Follow(
            case.id, caller.person_id
        )
        changed = step(current, case, now)
        if changed is not None:
            await tx.follows.save(changed)
            tx.publish([_event(case, changed, now)])
        return case

    case = await ports.uow.run(work)
    counts = await ports.follows.counts([case.id], caller.person_id)
    return case, counts[case.id]


async def follow_case(
    ports: CasesPorts, principal: Principal | None, case_id: str
) -> tuple[Case, FollowCounts]:
    return await _change(ports, principal, case_id, lambda f, _, at: following.follow(f, at))


async def unfollow_case(
    ports: CasesPorts, principal: Principal | None, case_id: str
) -> tuple[Case, FollowCounts]:
    return await _change(ports, principal, case_id, lambda f, _, at: following.unfollow(f))


async def add_me_too(
    ports: CasesPorts, principal: Principal | None, case_id: str
) -> tuple[Case, FollowCounts]:
    def step(current: Follow, case: Case, at: datetime) -> Follow:
        return following.add_me_too(current, case.reporter_id, at)

    return await _change(ports, principal, case_id, step)


async def counts_of(
    ports: CasesPorts, principal: Principal | None, case_ids: Sequence[str]
) -> dict[str, FollowCounts]:
    """The batch behind `Case.followerCount` and friends for a list of cases."""
    viewer = principal.person_id if principal else None
    return await ports.follows.counts(case_ids, viewer)
