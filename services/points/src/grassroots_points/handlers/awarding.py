"""Turning occasions into ledger entries, and taking a closing's awards back.

Both run inside the caller's transaction: the consumer's (which also records the event id as
processed) or the reprocessing command's.
"""

from __future__ import annotations

from datetime import UTC, datetime

from grassroots_contracts.event_types import (
    CASE_REOPENED,
    POINTS_AWARDED,
    POINTS_REVERSED,
    SOURCE_POINTS,
)
from grassroots_contracts.points_events import PointsAwarded, PointsReversed
from grassroots_kit.messaging.envelope import new_event
from grassroots_kit.messaging.outbox import add_to_outbox
from grassroots_kit.mongo import Database, Session

from grassroots_points.adapters.cases_seen import CasesSeen
from grassroots_points.adapters.ledger import LedgerStore
from grassroots_points.adapters.people_projection import PeopleProjection
from grassroots_points.adapters.rules import RuleStore
from grassroots_points.domain.ids import new_entry_id
from grassroots_points.domain.ledger import Entry, EntryKind, reversal_amount
from grassroots_points.domain.occasions import Occasion
from grassroots_points.domain.rules import awards_for


async def award(db: Database, session: Session, occasions: list[Occasion]) -> list[Entry]:
    """Post one award per person the rules in force reward, skipping those already awarded
    for the same source event."""
    if not occasions:
        return []
    ledger = LedgerStore(db)
    rules = await RuleStore(db).for_event_types(
        {o.rule_event_type for o in occasions}, session=session
    )
    event_id = occasions[0].source_event_id
    already = {e.person_id for e in await ledger.entries_of_event(event_id, session)}
    people = PeopleProjection(db)
    posted: list[Entry] = []
    events = []
    now = datetime.now(UTC)
    for found in awards_for(rules, occasions):
        occasion = found.occasion
        if occasion.person_id in already:
            continue
        home = await people.home(occasion.person_id, session) or occasion.org_unit_path
        entry = await ledger.post(
            Entry(
                id=new_entry_id(),
                person_id=occasion.person_id,
                delta=found.points,
                kind=EntryKind.AWARD,
                reason=occasion.reason,
                at=now,
                earned_at=occasion.at,
                org_unit_path=occasion.org_unit_path,
                rule_id=found.rule.id,
                source_event_id=occasion.source_event_id,
                source_event_type=occasion.source_event_type,
                case_id=occasion.case_id,
                closure=occasion.closure,
            ),
            session,
            home_path=home,
        )
        posted.append(entry)
        payload = PointsAwarded(
            entry_id=entry.id,
            person_id=entry.person_id,
            points=entry.delta,
            balance_after=entry.balance_after or 0,
            rule_id=found.rule.id,
            source_event_id=occasion.source_event_id,
            source_event_type=occasion.source_event_type,
            case_id=occasion.case_id,
            org_unit_id=occasion.org_unit_id,
            org_unit_path=occasion.org_unit_path,
            at=now,
        )
        events.append(
            new_event(
                POINTS_AWARDED,
                source=SOURCE_POINTS,
                subject=entry.person_id,
                data=payload.to_data(),
            )
        )
    await add_to_outbox(db, session, events)
    return posted


async def reverse_closure(
    db: Database, session: Session, *, case_id: str, closure: int, event_id: str, reason: str
) -> list[Entry]:
    """Take back every award of one closing of a case, each at most once."""
    ledger = LedgerStore(db)
    await CasesSeen(db).record_reopened(case_id, closure, session)
    awards = await ledger.awards_of_closure(case_id, closure, session)
    done = await ledger.reversed_awards([a.id for a in awards], session)
    posted: list[Entry] = []
    events = []
    now = datetime.now(UTC)
    for awarded in awards:
        if awarded.id in done:
            continue
        account = await ledger.account(awarded.person_id, session)
        taken, unrecovered = reversal_amount(awarded.delta, account.balance if account else 0)
        note = f"; {unrecovered} already spent" if unrecovered else ""
        entry = await ledger.post(
            Entry(
                id=new_entry_id(),
                person_id=awarded.person_id,
                delta=-taken,
                kind=EntryKind.REVERSAL,
                reason=f"case reopened: {reason}{note}"[:500],
                at=now,
                # Booked in the award's period, so that period's leaderboard nets out.
                earned_at=awarded.earned_at,
                org_unit_path=awarded.org_unit_path,
                rule_id=awarded.rule_id,
                source_event_id=event_id,
                source_event_type=CASE_REOPENED,
                case_id=case_id,
                closure=closure,
                reverses=awarded.id,
            ),
            session,
        )
        posted.append(entry)
        payload = PointsReversed(
            entry_id=entry.id,
            person_id=entry.person_id,
            points=taken,
            unrecovered=unrecovered,
            balance_after=entry.balance_after or 0,
            reverses_entry_id=awarded.id,
            source_event_id=event_id,
            case_id=case_id,
            closure=closure,
            org_unit_id=awarded.org_unit_path[-1] if awarded.org_unit_path else None,
            org_unit_path=awarded.org_unit_path,
            at=now,
        )
        events.append(
            new_event(
                POINTS_REVERSED,
                source=SOURCE_POINTS,
                subject=entry.person_id,
                data=payload.to_data(),
            )
        )
    await add_to_outbox(db, session, events)
    return posted
