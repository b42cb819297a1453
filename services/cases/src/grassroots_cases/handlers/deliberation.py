"""Deliberation: a handler sends a case to a meeting, and `decision.made` brings it back.

`send_case_to_deliberation` is a transition like the others (load, check, apply, commit with
`case.sent_to_deliberation`). The consumer `cases.deliberation` reads participation's
`decision.made`: a decision that names a case waiting for it resumes the case with the decision
on its timeline. Only participation's events are accepted for that type (the kit parks any
other source), and an event for a case that is not waiting, or whose decision is already on its
timeline, changes nothing, so a redelivery or a replay does no harm.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime
from zoneinfo import ZoneInfo

from grassroots_contracts.event_types import DECISION_MADE
from grassroots_contracts.participation_events import DecisionMade
from grassroots_contracts.payload import InvalidPayload
from grassroots_contracts.producers import PRODUCERS
from grassroots_kit.auth import Principal
from grassroots_kit.business_time import DEFAULT_ZONE
from grassroots_kit.messaging.consumer import PermanentEventError, Subscription
from grassroots_kit.messaging.envelope import CloudEvent
from grassroots_kit.mongo import Database, Session

from grassroots_cases.adapters.stores import MongoCaseStore
from grassroots_cases.domain import deliberation
from grassroots_cases.domain.model import Actor, Case, MeetingDecision
from grassroots_cases.domain.workflow import Outcome
from grassroots_cases.handlers.ports import CasesPorts, CaseStore
from grassroots_cases.handlers.transitions import Transition, apply
from grassroots_cases.handlers.unit_of_work import utc_now

log = logging.getLogger(__name__)


async def send_case_to_deliberation(
    ports: CasesPorts, who: Principal | None, t: Transition, reason: str
) -> Case:
    async def change(case: Case, actor: Actor, now: datetime) -> Outcome:
        return deliberation.send_to_deliberation(case, actor, now, reason)

    return await apply(ports, who, t, change)


def meeting_decision(made: DecisionMade) -> MeetingDecision:
    return MeetingDecision(
        decision_id=made.decision_id,
        meeting_id=made.meeting_id,
        method=made.method,
        outcome=made.outcome,
        text=made.text,
        votes_for=made.votes_for,
        votes_against=made.votes_against,
        abstentions=made.abstentions,
        households_invited=made.households_invited,
    )


async def apply_decision(cases: CaseStore, event: CloudEvent, now: datetime) -> Case | None:
    """Resume the case `decision.made` names; the saved case, or None when nothing changed."""
    try:
        made = DecisionMade.from_data(event.data)
    except InvalidPayload as exc:
        raise PermanentEventError(f"{event.type} data does not match: {exc}") from None
    if made.case_id is None:
        return None  # an item that did not come from a case
    case = await cases.get(made.case_id)
    if case is None:
        log.warning("decision %s names unknown case %s", made.decision_id, made.case_id)
        return None
    if made.org_unit_id not in case.org_unit_path:
        # A meeting decides only for cases within its own unit's subtree.
        raise PermanentEventError(
            f"decision {made.decision_id} at {made.org_unit_id} is outside case {case.id}'s unit"
        )
    outcome = deliberation.resume(case, now, meeting_decision(made))
    if outcome is None:
        return None
    return await cases.save(outcome.case)


def deliberation_subscription(
    db: Database,
    *,
    tz: ZoneInfo = DEFAULT_ZONE,
    clock: Callable[[], datetime] = utc_now,
) -> Subscription:
    """Queue `cases.deliberation`: participation's `decision.made`."""

    async def handle(event: CloudEvent, session: Session) -> None:
        await apply_decision(MongoCaseStore(db, session, tz=tz), event, clock())

    return Subscription(
        purpose="deliberation", handlers={DECISION_MADE: handle}, producers=PRODUCERS
    )
