"""Turning occasions into ledger entries, and taking a closing's awards back.

Both run inside the caller's transaction (`tx`): the consumer's (which also records the event id
as processed) or the reprocessing command's.
"""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from grassroots_contracts.event_types import (
    CASE_REOPENED,
    POINTS_AWARDED,
    POINTS_REVERSED,
    SOURCE_POINTS,
)
from grassroots_contracts.points_events import PointsAwarded, PointsReversed
from grassroots_kit.i18n import msg
from grassroots_kit.messaging.envelope import new_event

from grassroots_points.domain.caps import CountKey, count_key, within_caps
from grassroots_points.domain.ids import new_entry_id
from grassroots_points.domain.ledger import Entry, EntryKind, reversal_amount, written
from grassroots_points.domain.occasions import Occasion
from grassroots_points.domain.rules import Award, awards_for
from grassroots_points.handlers.ports import LedgerRepository, PointsTx


async def award(tx: PointsTx, occasions: list[Occasion]) -> list[Entry]:
    """Post one award per person and source event that the rules in force reward, skipping
    those already awarded, and withholding (with the reason) those nobody else confirmed and
    those past their cap. The occasions may come from several events (a consumer's batch):
    the rules, the people's homes, the accounts and the outbox are then read and written once
    for all of them.

    Caps hold under concurrency: every award writes its person's account in this transaction,
    so two transactions awarding the same person conflict and the retried one counts again."""
    if not occasions:
        return []
    ledger = tx.ledger
    rules = await tx.rules.for_event_types({o.rule_event_type for o in occasions})
    by_event: dict[str, list[Occasion]] = {}
    for occasion in occasions:
        by_event.setdefault(occasion.source_event_id, []).append(occasion)
    already = await ledger.awarded(list(by_event))
    found = [
        a
        for event_occasions in by_event.values()
        for a in awards_for(rules, event_occasions)
        if (a.occasion.source_event_id, a.occasion.person_id) not in already
    ]
    now = datetime.now(UTC)
    tz = tx.business_zone
    found, withheld = within_caps(found, await _counted(ledger, found, tz), tz)
    await tx.withheld.record(withheld, now)
    if not found:
        return []
    homes = await tx.people.homes(sorted({a.occasion.person_id for a in found}))
    entries = [
        Entry(
            id=new_entry_id(),
            person_id=a.occasion.person_id,
            delta=a.points,
            kind=EntryKind.AWARD,
            **written(a.occasion.reason),
            at=now,
            earned_at=a.occasion.at,
            org_unit_path=a.occasion.org_unit_path,
            rule_id=a.rule.id,
            source_event_id=a.occasion.source_event_id,
            source_event_type=a.occasion.source_event_type,
            case_id=a.occasion.case_id,
            closure=a.occasion.closure,
            confirmed_by=a.occasion.confirmed_by,
        )
        for a in found
    ]
    home_paths: dict[str, tuple[str, ...]] = {
        a.occasion.person_id: homes.get(a.occasion.person_id) or a.occasion.org_unit_path
        for a in reversed(found)  # the first award of a person decides a new account's home
    }
    posted = await ledger.post_credits(entries, home_paths=home_paths)
    events = []
    for a, entry in zip(found, posted, strict=True):
        occasion = a.occasion
        payload = PointsAwarded(
            entry_id=entry.id,
            person_id=entry.person_id,
            points=entry.delta,
            balance_after=entry.balance_after or 0,
            rule_id=a.rule.id,
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
    tx.publish(events)
    return posted


async def _counted(
    ledger: LedgerRepository, awards: list[Award], tz: ZoneInfo
) -> dict[CountKey, int]:
    """What each capped person already earned in each period the awards fall in."""
    counted: dict[CountKey, int] = {}
    for award in awards:
        key = count_key(award, tz)
        if key is not None and key not in counted:
            person, event_type, window = key
            counted[key] = await ledger.count_awards(person, event_type, window.since, window.until)
    return counted


async def reverse_closure(
    tx: PointsTx, *, case_id: str, closure: int, event_id: str, reason: str
) -> list[Entry]:
    """Take back every award of one closing of a case, each at most once."""
    ledger = tx.ledger
    await tx.cases_seen.record_reopened(case_id, closure)
    awards = await ledger.awards_of_closure(case_id, closure)
    done = await ledger.reversed_awards([a.id for a in awards])
    posted: list[Entry] = []
    events = []
    now = datetime.now(UTC)
    for awarded in awards:
        if awarded.id in done:
            continue
        account = await ledger.account(awarded.person_id)
        taken, unrecovered = reversal_amount(awarded.delta, account.balance if account else 0)
        if unrecovered:
            why = msg(
                "case reopened: {reason}; {unrecovered} already spent",
                reason=reason,
                unrecovered=unrecovered,
            )
        else:
            why = msg("case reopened: {reason}", reason=reason)
        entry = await ledger.post(
            Entry(
                id=new_entry_id(),
                person_id=awarded.person_id,
                delta=-taken,
                kind=EntryKind.REVERSAL,
                **written(why),
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
            )
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
    tx.publish(events)
    return posted
