"""Community staff adjust a balance within their scope, always with a reason."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from grassroots_kit.auth import Principal
from grassroots_kit.host import ServiceHost
from grassroots_kit.mongo import Session

from grassroots_points.adapters.ledger import LedgerStore
from grassroots_points.adapters.people_projection import PeopleProjection
from grassroots_points.domain.access import require_adjuster
from grassroots_points.domain.ids import PersonId, new_entry_id
from grassroots_points.domain.ledger import Entry, EntryKind, check_adjustment, clean_reason


@dataclass(frozen=True)
class AdjustPoints:
    person_id: str
    delta: int
    reason: str


async def adjust_points(host: ServiceHost, caller: Principal, command: AdjustPoints) -> Entry:
    check_adjustment(command.delta)
    reason = clean_reason(command.reason)
    ledger, people = LedgerStore(host.db), PeopleProjection(host.db)
    account = await ledger.account(command.person_id)
    path = (account.org_unit_path if account else ()) or await people.home(command.person_id)
    require_adjuster(caller, command.person_id, path)

    async def work(session: Session) -> Entry:
        return await ledger.post(
            Entry(
                id=new_entry_id(),
                person_id=PersonId(command.person_id),
                delta=command.delta,
                kind=EntryKind.ADJUSTMENT,
                reason=reason,
                at=datetime.now(UTC),
                org_unit_path=path,
                actor_id=PersonId(caller.person_id),
            ),
            session,
            home_path=path,
        )

    return await host.transaction(work)
