"""Community staff adjust a balance within their scope, always with a reason."""

from __future__ import annotations

from dataclasses import dataclass

from grassroots_kit.auth import Principal

from grassroots_points.domain.access import require_adjuster
from grassroots_points.domain.ids import PersonId, new_entry_id
from grassroots_points.domain.ledger import Entry, EntryKind, check_adjustment, clean_reason
from grassroots_points.handlers.ports import PointsPorts, PointsTx


@dataclass(frozen=True)
class AdjustPoints:
    person_id: str
    delta: int
    reason: str


async def adjust_points(ports: PointsPorts, caller: Principal, command: AdjustPoints) -> Entry:
    check_adjustment(command.delta)
    reason = clean_reason(command.reason)

    async def work(tx: PointsTx) -> Entry:
        # The account's home decides whose staff may adjust it; a person without an account
        # yet is placed by where people's events say they live.
        account = await tx.ledger.account(command.person_id)
        path = (account.org_unit_path if account else ()) or await tx.people.home(command.person_id)
        require_adjuster(caller, command.person_id, path)
        return await tx.ledger.post(
            Entry(
                id=new_entry_id(),
                person_id=PersonId(command.person_id),
                delta=command.delta,
                kind=EntryKind.ADJUSTMENT,
                reason=reason,
                at=ports.clock(),
                org_unit_path=path,
                actor_id=PersonId(caller.person_id),
            ),
            home_path=path,
        )

    return await ports.uow.run(work)
