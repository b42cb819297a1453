"""The MongoDB adapters of the handlers' ports (`handlers.ports`), each bound to one session.

A store built with a session is a repository inside that transaction; one built without reads
outside any. They wrap the collection-level code of the modules next to this one, which the
rollup rebuild and the benchmarks use too.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from grassroots_kit.business_time import DEFAULT_ZONE
from grassroots_kit.cursors import Page
from grassroots_kit.mongo import Database, Session

from grassroots_cases.adapters import counters, places, rollups
from grassroots_cases.adapters.case_documents import to_doc
from grassroots_cases.adapters.case_queries import filter_query, page_of_cases, readable_by
from grassroots_cases.adapters.cases import COLLECTION, CaseRepository
from grassroots_cases.adapters.role_projection import Assignment, RoleProjection
from grassroots_cases.adapters.sla_policies import SlaPolicies
from grassroots_cases.adapters.statistics import case_statistics
from grassroots_cases.domain.access import Reader
from grassroots_cases.domain.ids import OrgUnitId
from grassroots_cases.domain.listing import CaseFilter, CaseSort
from grassroots_cases.domain.model import Case
from grassroots_cases.domain.places import CellCount
from grassroots_cases.domain.sla import SlaPolicy
from grassroots_cases.domain.statistics import CaseStatistics
from grassroots_cases.domain.vocabulary import Category, Status


class MongoCaseStore:
    def __init__(
        self, db: Database, session: Session | None = None, *, tz: ZoneInfo = DEFAULT_ZONE
    ) -> None:
        self._db = db
        self._repository = CaseRepository(db, tz)
        self._session = session

    def _bound(self) -> Session:
        # Writes happen only inside a transaction: a store without one is for reading.
        assert self._session is not None, "a case store writes only inside a transaction"
        return self._session

    async def get(self, case_id: str) -> Case | None:
        return await self._repository.get(case_id, self._session)

    async def get_many(self, ids: Iterable[str]) -> dict[str, Case]:
        return await self._repository.get_many(ids)

    async def by_number(self, number: str) -> Case | None:
        return await self._repository.by_number(number)

    async def recent_open(
        self, org_unit_id: OrgUnitId, category: Category, since: datetime, limit: int = 50
    ) -> list[Case]:
        return await self._repository.recent_open(org_unit_id, category, since, limit)

    async def overdue(self, now: datetime, limit: int) -> list[Case]:
        return await self._repository.overdue(now, limit)

    async def resolved_before(self, before: datetime, limit: int) -> list[Case]:
        return await self._repository.resolved_before(before, limit)

    async def imported_refs(self, refs: Sequence[str]) -> set[str]:
        query = {"importRef": {"$in": list(refs)}}
        found = self._db[COLLECTION].find(query, {"importRef": 1}, session=self._session)
        return {doc["importRef"] async for doc in found}

    async def insert(self, case: Case) -> None:
        await self._repository.insert(case, self._bound())

    async def insert_imported(self, cases: Sequence[tuple[Case, str]]) -> None:
        docs = [{**to_doc(case), "importRef": ref} for case, ref in cases]
        await self._repository.insert_many(docs, self._bound())

    async def save(self, case: Case) -> Case:
        return await self._repository.save(case, self._bound())

    async def save_if_still_due(self, case: Case, due_at: datetime) -> Case | None:
        return await self._repository.save_if_still_due(case, due_at, self._bound())

    async def move_org_unit(self, org_unit_id: str, path_with_self: Sequence[str]) -> None:
        await self._repository.move_org_unit(org_unit_id, list(path_with_self), self._bound())


class MongoRoleProjectionStore:
    """The role projection bound to the consumer's session."""

    def __init__(self, db: Database, session: Session) -> None:
        self._roles = RoleProjection(db)
        self._session = session

    async def active_over(self, path_with_self: Iterable[str]) -> list[Assignment]:
        return await self._roles.active_over(path_with_self, self._session)

    async def of_person_over(
        self, person_id: str, path_with_self: Iterable[str]
    ) -> list[Assignment]:
        return await self._roles.of_person_over(person_id, path_with_self, self._session)

    async def organization_known(self, organization_id: str) -> bool:
        return await self._roles.organization_known(organization_id)

    async def assigned(self, assignment: Assignment, since: str | None, until: str | None) -> None:
        data = {"since": since, "until": until}
        await self._roles.assigned(assignment, data, self._session)

    async def revoked(self, assignment: Assignment, revoked_at: str) -> None:
        await self._roles.revoked(assignment, {"revokedAt": revoked_at}, self._session)

    async def move_org_unit(self, org_unit_id: str, path_with_self: Sequence[str]) -> None:
        await self._roles.move_org_unit(org_unit_id, list(path_with_self), self._session)


class MongoCounterStore:
    def __init__(self, db: Database, session: Session) -> None:
        self._db = db
        self._session = session

    async def next_value(self, key: str, count: int = 1) -> int:
        return await counters.next_value(self._db, key, self._session, count)


class MongoSlaPolicyStore:
    def __init__(self, db: Database, session: Session | None = None) -> None:
        self._policies = SlaPolicies(db)
        self._session = session

    async def for_district(self, district_id: str) -> SlaPolicy:
        return await self._policies.for_district(district_id, self._session)

    async def put(self, district_id: str, policy: SlaPolicy, by: str | None, now: datetime) -> None:
        assert self._session is not None, "a policy is written only inside a transaction"
        await self._policies.put(district_id, policy, by, now, self._session)


class MongoCaseQueries:
    def __init__(self, db: Database, *, tz: ZoneInfo = DEFAULT_ZONE) -> None:
        self._db = db
        self._tz = tz

    async def page(
        self,
        filter: CaseFilter,
        reader: Reader,
        sort: CaseSort,
        first: int,
        after: Sequence[Any] | None,
        now: datetime,
        total_count: int | None = None,
    ) -> Page[Case]:
        query = {"$and": [filter_query(filter, now), readable_by(reader)]}
        return await page_of_cases(self._db, query, sort, first, after, total_count=total_count)

    async def order_board(
        self, org_unit_id: str, reader: Reader, first: int, after: Sequence[Any] | None
    ) -> Page[Case]:
        board = {"orgUnitPath": org_unit_id, "status": Status.ON_ORDER_BOARD.value}
        query = {"$and": [board, readable_by(reader)]}
        return await page_of_cases(self._db, query, CaseSort.CREATED, first, after)

    async def summaries(
        self, org_unit_id: str, first: int, after: Sequence[Any] | None
    ) -> Page[Case]:
        query = {"orgUnitPath": org_unit_id, "status": {"$ne": Status.REJECTED.value}}
        return await page_of_cases(self._db, query, CaseSort.CREATED, first, after)

    async def cases_in(self, org_unit_id: str) -> int | None:
        if not await rollups.serve_reads(self._db, self._tz):
            return None
        return await rollups.cases_in(self._db, org_unit_id)

    async def statistics(
        self, org_unit_id: str, since: datetime, until: datetime, now: datetime, *, depth: int
    ) -> CaseStatistics:
        return await case_statistics(
            self._db, org_unit_id, since, until, now, depth=depth, tz=self._tz
        )

    async def cells(
        self,
        org_unit_id: str,
        size_micro: int,
        since: datetime,
        until: datetime,
        statuses: Sequence[Status],
        limit: int,
    ) -> list[CellCount]:
        return await places.cell_counts(
            self._db, org_unit_id, size_micro, since, until, statuses, limit
        )
