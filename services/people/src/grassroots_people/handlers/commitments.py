"""Use cases of commitments: make one, claim it fulfilled, confirm that claim, lapse the
overdue ones."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Coroutine
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from grassroots_contracts.event_types import COMMITMENT_FULFILLED, SOURCE_PEOPLE
from grassroots_contracts.people_events import CommitmentFulfilled
from grassroots_kit.auth import Principal
from grassroots_kit.errors import NotFound
from grassroots_kit.i18n import msg
from grassroots_kit.messaging.envelope import new_event

from grassroots_people.domain import access
from grassroots_people.domain.commitments import (
    Commitment,
    Verifier,
    claimed,
    confirmed,
    new_commitment,
)
from grassroots_people.domain.ids import CommitmentId, PersonId, new_commitment_id
from grassroots_people.handlers.loading import person_in
from grassroots_people.handlers.ports import PeoplePorts, PeopleTx

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


@dataclass(frozen=True)
class ConfirmCommitment:
    commitment_id: CommitmentId


def _is_self_or_manager(actor: Principal | None, person_id: str, path: tuple[str, ...]) -> bool:
    return (actor is not None and actor.person_id == person_id) or access.can_manage(actor, path)


async def make_commitment(
    ports: PeoplePorts, actor: Principal | None, command: MakeCommitment
) -> Commitment:
    async def work(tx: PeopleTx) -> Commitment:
        caller = access.require_actor(actor)
        person = await person_in(tx, command.person_id or caller.person_id)
        access.require(
            _is_self_or_manager(caller, person.id, person.org_unit_path),
            msg("publish a commitment for this person"),
        )
        if person.org_unit_id is None:
            access.require(False, msg("publish a commitment for someone outside the ladder"))
        assert person.org_unit_id is not None
        commitment = new_commitment(
            id=new_commitment_id(),
            person_id=person.id,
            party_member=person.party_member,
            text=command.text,
            due_by=command.due_by,
            org_unit_id=person.org_unit_id,
            org_unit_path=person.org_unit_path,
            now=ports.clock(),
        )
        await tx.commitments.insert(commitment)
        return commitment

    return await ports.uow.run(work)


async def _load(tx: PeopleTx, commitment_id: str) -> Commitment:
    commitment = await tx.commitments.get(commitment_id)
    if commitment is None:
        raise NotFound(
            msg("no commitment with id {commitment_id}", commitment_id=commitment_id),
            field="commitmentId",
        )
    return commitment


async def fulfill_commitment(
    ports: PeoplePorts, actor: Principal | None, command: FulfillCommitment
) -> Commitment:
    """The promiser (or a manager for them) claims it kept; it earns nothing yet."""

    async def work(tx: PeopleTx) -> Commitment:
        commitment = await _load(tx, command.commitment_id)
        access.require(
            _is_self_or_manager(
                access.require_actor(actor), commitment.person_id, commitment.org_unit_path
            ),
            msg("mark this commitment fulfilled"),
        )
        done = claimed(commitment, command.evidence, ports.clock())
        await tx.commitments.save(done)
        return done

    return await ports.uow.run(work)


async def confirm_commitment(
    ports: PeoplePorts, actor: Principal | None, command: ConfirmCommitment
) -> Commitment:
    """Someone else serving the unit confirms the claim: the commitment is FULFILLED and
    `commitment.fulfilled` carries who confirmed it."""

    async def work(tx: PeopleTx) -> Commitment:
        caller = access.require_actor(actor)
        commitment = await _load(tx, command.commitment_id)
        me = await tx.persons.get(caller.person_id)
        promiser = await tx.persons.get(commitment.person_id)
        done = confirmed(
            commitment,
            verifier=Verifier(
                person_id=PersonId(caller.person_id),
                household_id=me.household_id if me else None,
                serves_unit=access.has_role_over(caller, access.CARING, commitment.org_unit_path),
            ),
            promiser_household=promiser.household_id if promiser else None,
            now=ports.clock(),
        )
        await tx.commitments.save(done)
        assert done.fulfilled_at is not None
        assert done.confirmed_by is not None
        data = CommitmentFulfilled(
            id=done.id,
            person_id=done.person_id,
            text=done.text,
            due_by=done.due_by,
            fulfilled_at=done.fulfilled_at,
            on_time=done.on_time,
            org_unit_id=done.org_unit_id,
            org_unit_path=done.org_unit_path,
            confirmed_by=done.confirmed_by,
        )
        event = new_event(
            COMMITMENT_FULFILLED, source=SOURCE_PEOPLE, subject=done.id, data=data.to_data()
        )
        tx.publish([event])
        return done

    return await ports.uow.run(work)


async def lapse_overdue(ports: PeoplePorts, now: datetime | None = None) -> int:
    return await ports.commitments.lapse_overdue(now or ports.clock())


def commitment_sweeper(
    ports: PeoplePorts, every_seconds: float
) -> Callable[[], Coroutine[Any, Any, None]]:
    async def sweep_commitments() -> None:
        while True:
            try:
                lapsed = await lapse_overdue(ports)
                if lapsed:
                    log.info("commitments lapsed", extra={"count": lapsed})
            except Exception:
                log.exception("commitment sweep failed; retrying next round")
            await asyncio.sleep(every_seconds)

    return sweep_commitments
