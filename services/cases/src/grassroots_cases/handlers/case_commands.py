"""One use case per workflow transition; each is the domain call plus what it must look up."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Sequence
from datetime import datetime

from grassroots_kit.auth import Principal
from grassroots_kit.errors import NotFound
from grassroots_kit.i18n import msg

from grassroots_cases.domain import workflow
from grassroots_cases.domain.ids import OrganizationId, PersonId
from grassroots_cases.domain.model import Actor, Case
from grassroots_cases.domain.vocabulary import ROLE_LEVEL, EscalationReason, Level, roles_of
from grassroots_cases.domain.workflow import Outcome
from grassroots_cases.handlers.access import organization_for
from grassroots_cases.handlers.photos import attach, wanted
from grassroots_cases.handlers.ports import CasesPorts, CasesTx
from grassroots_cases.handlers.transitions import Transition, apply


async def _new_due_at(ports: CasesPorts, case: Case, now: datetime) -> datetime:
    policy = await ports.sla_policies.for_district(case.district_id)
    return policy.due_at(case.priority, case.category, now, ports.working_time)


async def accept_case(ports: CasesPorts, who: Principal | None, t: Transition) -> Case:
    async def change(case: Case, actor: Actor, now: datetime) -> Outcome:
        return workflow.accept(case, actor, now)

    return await apply(ports, who, t, change)


async def assign_case(
    ports: CasesPorts, who: Principal | None, t: Transition, assignee_id: str
) -> Case:
    async def change(case: Case, actor: Actor, now: datetime) -> Outcome:
        held = await ports.roles.of_person_over(assignee_id, case.org_unit_path)
        roles = sorted(
            (r for r in roles_of({a.role for a in held}) if r in ROLE_LEVEL),
            key=lambda r: ROLE_LEVEL[r].rank,
        )
        if not roles:
            raise NotFound(
                msg(
                    "no one with id {assignee_id} serves this case's area", assignee_id=assignee_id
                ),
                field="assigneeId",
            )
        return workflow.assign(case, actor, now, PersonId(assignee_id), roles[0])

    return await apply(ports, who, t, change)


async def start_case(ports: CasesPorts, who: Principal | None, t: Transition) -> Case:
    async def change(case: Case, actor: Actor, now: datetime) -> Outcome:
        return workflow.start(case, actor, now)

    return await apply(ports, who, t, change)


async def escalate_case(
    ports: CasesPorts,
    who: Principal | None,
    t: Transition,
    reason: EscalationReason,
    to_level: Level | None,
    note: str | None,
) -> Case:
    async def change(case: Case, actor: Actor, now: datetime) -> Outcome:
        due = await _new_due_at(ports, case, now)
        return workflow.escalate(
            case, actor, now, reason=reason, new_due_at=due, to_level=to_level, note=note
        )

    return await apply(ports, who, t, change)


async def dispatch_case(
    ports: CasesPorts, who: Principal | None, t: Transition, organization_id: str
) -> Case:
    async def change(case: Case, actor: Actor, now: datetime) -> Outcome:
        if not await ports.roles.organization_known(organization_id):
            raise NotFound(
                msg(
                    "no organization with id {organization_id} has members to take the case",
                    organization_id=organization_id,
                ),
                field="organizationId",
            )
        return workflow.dispatch(case, actor, now, OrganizationId(organization_id))

    return await apply(ports, who, t, change)


async def post_order(ports: CasesPorts, who: Principal | None, t: Transition) -> Case:
    async def change(case: Case, actor: Actor, now: datetime) -> Outcome:
        return workflow.post_order(case, actor, now)

    return await apply(ports, who, t, change)


async def take_order(ports: CasesPorts, who: Principal | None, t: Transition) -> Case:
    async def change(case: Case, actor: Actor, now: datetime) -> Outcome:
        assert who is not None  # apply() has checked
        organization = organization_for(who, case.org_unit_path)
        return workflow.take_order(case, actor, now, organization)

    return await apply(ports, who, t, change, visible=workflow.may_ask_to_take)


async def resolve_case(
    ports: CasesPorts,
    who: Principal | None,
    t: Transition,
    resolution: str,
    media_ids: Sequence[str] | None = None,
) -> Case:
    """With the caller's own uploads as the resolution's (after) photos."""
    photos = wanted(ports, media_ids)

    async def change(case: Case, actor: Actor, now: datetime) -> Outcome:
        return workflow.resolve(case, actor, now, resolution, photos)

    return await apply(ports, who, t, change, also=_attaching(who, t, photos, ports))


async def rate_case(
    ports: CasesPorts,
    who: Principal | None,
    t: Transition,
    score: int,
    comment: str | None,
) -> Case:
    async def change(case: Case, actor: Actor, now: datetime) -> Outcome:
        due = await _new_due_at(ports, case, now)
        return workflow.rate(case, actor, now, score, comment, due)

    return await apply(ports, who, t, change)


async def close_case(
    ports: CasesPorts, who: Principal | None, t: Transition, note: str | None
) -> Case:
    async def change(case: Case, actor: Actor, now: datetime) -> Outcome:
        return workflow.close(case, actor, now, note)

    return await apply(ports, who, t, change)


async def reopen_case(ports: CasesPorts, who: Principal | None, t: Transition, reason: str) -> Case:
    async def change(case: Case, actor: Actor, now: datetime) -> Outcome:
        due = await _new_due_at(ports, case, now)
        return workflow.reopen(case, actor, now, reason, due)

    return await apply(ports, who, t, change)


async def reject_case(ports: CasesPorts, who: Principal | None, t: Transition, reason: str) -> Case:
    async def change(case: Case, actor: Actor, now: datetime) -> Outcome:
        return workflow.reject(case, actor, now, reason)

    return await apply(ports, who, t, change)


async def comment_on_case(
    ports: CasesPorts,
    who: Principal | None,
    t: Transition,
    text: str,
    media_ids: Sequence[str] | None = None,
) -> Case:
    """A comment (a progress note), with the caller's own uploads as its photos."""
    photos = wanted(ports, media_ids)

    async def change(case: Case, actor: Actor, now: datetime) -> Outcome:
        return workflow.comment(case, actor, now, text, photos)

    return await apply(ports, who, t, change, also=_attaching(who, t, photos, ports))


def _attaching(
    who: Principal | None, t: Transition, photos: tuple[str, ...], ports: CasesPorts
) -> Callable[[CasesTx], Awaitable[None]] | None:
    if not photos or who is None:
        return None
    owner = who.person_id

    async def attaching(tx: CasesTx) -> None:
        await attach(tx, photos, owner, t.case_id, ports.clock())

    return attaching
