"""The deadline sweeper: escalates overdue cases and closes unanswered resolutions.

Safe with any number of replicas: each pass reads only what is due (indexes `status, dueAt`
and `status, resolvedAt`), and claims a case by a conditional write on the version and the
deadline it read, so one breach escalates exactly once, whoever gets there first.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from dataclasses import dataclass

from grassroots_kit.errors import Conflict

from grassroots_cases.domain import workflow
from grassroots_cases.domain.model import SYSTEM, Case
from grassroots_cases.domain.vocabulary import EscalationReason
from grassroots_cases.domain.working_days import CalendarNotCovered
from grassroots_cases.handlers.ports import CasesPorts, CasesTx
from grassroots_cases.handlers.publishing import to_cloud_event
from grassroots_cases.handlers.unit_of_work import Clock, commit_outcome

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class SweepResult:
    escalated: int
    closed: int


class Sweeper:
    def __init__(self, ports: CasesPorts, *, clock: Clock | None = None, batch: int = 100) -> None:
        self._ports = ports
        self._clock = clock or ports.clock
        self._batch = batch
        self._cases = ports.cases

    async def sweep_once(self) -> SweepResult:
        escalated = closed = 0
        now = self._clock()
        for case in await self._cases.overdue(now, self._batch):
            escalated += await self._escalate(case)
        before = now - workflow.ANSWER_WINDOW
        for case in await self._cases.resolved_before(before, self._batch):
            closed += await self._close(case)
        return SweepResult(escalated, closed)

    async def _escalate(self, case: Case) -> int:
        now = self._clock()
        policy = await self._ports.sla_policies.for_district(case.district_id)
        try:
            new_due_at = policy.due_at(case.priority, case.category, now, self._ports.working_time)
        except CalendarNotCovered as e:
            # No guessed deadline: the case stays overdue (and listed as such) and the error
            # says the calendar package needs its yearly update; the next pass tries again.
            log.error("cannot escalate case %s: %s", case.id, e)
            return 0
        outcome = workflow.escalate(
            case,
            SYSTEM,
            now,
            reason=EscalationReason.SLA_BREACH,
            new_due_at=new_due_at,
            note=f"deadline {case.due_at.isoformat()} passed",
        )

        async def work(tx: CasesTx) -> bool:
            saved = await tx.cases.save_if_still_due(outcome.case, case.due_at)
            if saved is None:
                return False  # another replica (or a person) got there first
            tx.publish(to_cloud_event(e) for e in outcome.events)
            return True

        return int(await self._ports.uow.run(work))

    async def _close(self, case: Case) -> int:
        outcome = workflow.close(case, SYSTEM, self._clock(), "no rating within 7 days")
        try:
            await commit_outcome(self._ports.uow, outcome)
        except Conflict:
            return 0
        return 1

    async def run(self, interval: float) -> None:
        while True:
            try:
                result = await self.sweep_once()
                if result.escalated or result.closed:
                    log.info(
                        "sweep", extra={"escalated": result.escalated, "closed": result.closed}
                    )
                # A full batch means more may be waiting: go again without sleeping.
                if max(result.escalated, result.closed) >= self._batch:
                    continue
            except asyncio.CancelledError:
                raise
            except Exception:
                log.warning("sweep failed; retrying", exc_info=True)
            with contextlib.suppress(TimeoutError):
                await asyncio.sleep(interval)
