"""When an org unit moves, everything placed in its subtree follows it."""

from __future__ import annotations

from collections.abc import Sequence

from grassroots_kit.mongo import Database, Session

from grassroots_people.adapters import (
    commitments,
    households,
    organizations,
    persons,
    roles,
    visits,
)
from grassroots_people.adapters._paging import rebase_path

PLACED = (
    households.COLLECTION,
    persons.COLLECTION,
    roles.COLLECTION,
    organizations.COLLECTION,
    visits.COLLECTION,
    commitments.COLLECTION,
)


async def follow_move(
    db: Database, unit_id: str, new_ancestors: Sequence[str], session: Session
) -> None:
    """Rewrite `orgUnitPath` of every document placed in the moved unit's subtree."""
    pipeline = rebase_path("orgUnitPath", unit_id, new_ancestors)
    for collection in PLACED:
        await db[collection].update_many({"orgUnitPath": unit_id}, pipeline, session=session)
