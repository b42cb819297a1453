"""Use cases of commitments: make one, fulfil it, lapse the overdue ones."""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass
from datetime import UTC, datetime

from grassroots_contracts.event_types import COMMITMENT_FULFILLED, SOURCE_PEOPLE
from grassroots_contracts.people_events import CommitmentFulfilled
from grassroots_kit.auth import Principal
from grassroots_kit.errors import NotFound
from grassroots_kit.host import BackgroundTask
from grassroots_kit.messaging.envelope import new_event
from grassroots_kit.mongo import Session

from grassroots_people.adapters.commitments import CommitmentStore
from grassroots_people.adapters.persons import PersonStore
from grassroots_people.domain import access
from grassroots_people.domain.commitments import Commitment, fulfilled, new_commitment
from grassroots_people.domain.ids import CommitmentId, PersonId, new_commitment_id
from grassroots_people.handlers.people import load_person
from grassroots_people.handlers.runtime import Runtime

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class MakeCommitment:
    person_id: PersonId | None  # None: the caller's own commitment
    text: str
    due_by: datetime


@dataclass(frozen=True)
class FulfillCommitment:
    commitment_id: CommitmentId
    evidence: str


def _is_self_or_manager(actor: Principal | None, person_id: str, path: tuple[str, ...]) -> bool:
    return (actor is not None and actor.person_id == person_id) or access.can_manage(actor, path)


async def make_commitment(
    runtime: Runtime, actor: Principal | None, command: MakeCommitment
) -> Commitment:
    db = runtime.host.db
    persons, commitments = PersonStore(db), CommitmentStore(db)

    async def work(session: Session) -> Commitment:
        caller = access.require_actor(actor)
        person = await load_person(persons, command.person_id or caller.person_id, session)
        access.require(
            _is_self_or_manager(caller, person.id, person.org_unit_path),
            "publish a commitment for this person",
        )
        if person.org_unit_id is None:
            access.require(False, "publish a commitment for someone outside the ladder")
        assert person.org_unit_id is not None
        commitment = new_commitment(
            id=new_commitment_id(),
            person_id=person.id,
            party_member=person.party_member,
            text=command.text,
            due_by=command.due_by,
            org_unit_id=person.org_unit_id,
            org_unit_path=person.org_unit_path,
            now=datetime.now(UTC),
        )
        await commitments.insert(commitment, session)
        return commitment

    return await runtime.host.transaction(work)


async def fulfill_commitment(
    runtime: Runtime, actor: Principal | None, command: FulfillCommitment
) -> Commitment:
    commitments = CommitmentStore(runtime.host.db)

    async def work(session: Session) -> Commitment:
        commitment = await commitments.get(command.commitment_id, session)
        if commitment is None:
            raise NotFound(f"no commitment with id {command.commitment_id}", field="commitmentId")
        access.require(
            _is_self_or_manager(
                access.require_actor(actor), commitment.person_id, commitment.org_unit_path
            ),
            "mark this commitment fulfilled",
        )
        done = fulfilled(commitment, command.evidence, datetime.now(UTC))
        await commitments.save(done, session)
        assert done.fulfilled_at is not None
        data = CommitmentFulfilled(
            id=done.id,
            person_id=done.person_id,
            text=done.text,
            due_by=done.due_by,
            fulfilled_at=done.fulfilled_at,
            on_time=done.on_time,
            org_unit_id=done.org_unit_id,
            org_unit_path=done.org_unit_path,
        )
        event = new_event(
            COMMITMENT_FULFILLED, source=SOURCE_PEOPLE, subject=done.id, data=data.to_data()
        )
        await runtime.publish(session, [event])
        return done

    return await runtime.host.transaction(work)


async def lapse_overdue(runtime: Runtime, now: datetime | None = None) -> int:
    return await CommitmentStore(runtime.host.db).lapse_overdue(now or datetime.now(UTC))


def commitment_sweeper(runtime: Runtime, every_seconds: float) -> BackgroundTask:
    async def sweep_commitments() -> None:
        while True:
            try:
                lapsed = await lapse_overdue(runtime)
                if lapsed:
                    log.info("commitments lapsed", extra={"count": lapsed})
            except Exception:
                log.exception("commitment sweep failed; retrying next round")
            await asyncio.sleep(every_seconds)

    return sweep_commitments
