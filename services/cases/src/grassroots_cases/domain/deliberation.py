"""A case sent to deliberation: it waits for a meeting's decision, then resumes. Pure.

A handler (staff over the case, or whoever works it) sends an ACCEPTED, ASSIGNED or IN_PROGRESS
case to deliberation with a reason; it waits as IN_DELIBERATION, outside the open statuses, so
its deadline is paused and the SLA sweeper leaves it alone. When participation's `decision.made`
names the case, it goes back to the status it left, its deadline moved on by the time it waited,
with the decision (method, outcome, votes) on its timeline; the handler then resolves and closes
it as usual. A decision for a case that is not waiting, or one already on its timeline, changes
nothing (a redelivered or late event).
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta

from grassroots_kit.errors import Forbidden
from grassroots_kit.i18n import msg

from grassroots_cases.domain import events as ev
from grassroots_cases.domain.model import Actor, Case, MeetingDecision, TimelineEntry
from grassroots_cases.domain.vocabulary import DELIBERABLE_STATUSES, Status
from grassroots_cases.domain.workflow import (
    REASON,
    Outcome,
    _moved,
    _require_status,
    clean_text,
    manages,
    works,
)

SENT = "SENT_TO_DELIBERATION"
DECIDED = "DELIBERATION_DECIDED"


def send_to_deliberation(case: Case, actor: Actor, now: datetime, reason: str) -> Outcome:
    # Who first: one who may not send it learns nothing of where it stands.
    if actor.system or actor.person_id is None or not (manages(actor, case) or works(actor, case)):
        raise Forbidden(
            msg("only staff over the case or the ones working it can send it to deliberation")
        )
    _require_status(
        case,
        DELIBERABLE_STATUSES,
        msg("cannot send a case that is {status} to deliberation; it must be one of: {allowed}"),
    )
    text = clean_text(reason, REASON) or ""
    changed = _moved(case, actor, now, SENT, Status.IN_DELIBERATION, note=text)
    return Outcome(changed, (ev.CaseSentToDeliberation(changed, text, actor.person_id),))


def _last_sending(case: Case) -> TimelineEntry | None:
    for entry in reversed(case.timeline):
        if entry.action == SENT:
            return entry
    return None


def already_applied(case: Case, decision: MeetingDecision) -> bool:
    return any(
        e.decision is not None and e.decision.decision_id == decision.decision_id
        for e in case.timeline
    )


def resume(case: Case, now: datetime, decision: MeetingDecision) -> Outcome | None:
    """The case back where it was with the decision on its timeline; None when it is not
    waiting for a decision or already carries this one (nothing to change)."""
    sent = _last_sending(case)
    if case.status is not Status.IN_DELIBERATION or sent is None:
        return None
    if already_applied(case, decision):
        return None
    back_to = sent.from_status if sent.from_status in DELIBERABLE_STATUSES else Status.ACCEPTED
    assert back_to is not None
    waited = max(now - sent.at, timedelta(0))
    entry = TimelineEntry(
        now,
        None,
        DECIDED,
        case.status,
        back_to,
        note=decision.text or None,
        decision=decision,
    )
    changed = replace(
        case,
        status=back_to,
        updated_at=now,
        due_at=case.due_at + waited,
        timeline=(*case.timeline, entry),
    )
    return Outcome(changed)
