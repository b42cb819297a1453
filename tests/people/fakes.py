"""In-memory stores behind people's ports (`handlers/ports.py`), for handler tests in the fast
lane. They pass the same contract tests as the MongoDB adapters (tests/people/contracts.py).

Every fake reaches its data through the one `PeopleState` object (never keeps a part of it):
`InMemoryUnitOfWork` restores that object in place when a handler fails.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime, timedelta
from functools import cache
from typing import Any

from grassroots_kit import cursors
from grassroots_kit.cursors import Page
from grassroots_kit.errors import Conflict
from grassroots_kit.unit_of_work import InMemoryUnitOfWork
from grassroots_people.adapters.credentials import RefreshRecord
from grassroots_people.adapters.signing_keys import SigningKey, generate_pem, load_key
from grassroots_people.domain.care import CareRow, VisitSchedule
from grassroots_people.domain.commitments import Board, Commitment, CommitmentStatus
from grassroots_people.domain.granting import OrganizationTies
from grassroots_people.domain.ids import OrgUnitId
from grassroots_people.domain.org_units import OrgUnit
from grassroots_people.domain.organizations import Membership, Organization
from grassroots_people.domain.people import Household, Person
from grassroots_people.domain.roles import Role, RoleAssignment
from grassroots_people.domain.throttle import Counter
from grassroots_people.domain.visits import Visit
from grassroots_people.handlers.ports import PeoplePorts, PeopleTx


@dataclass
class PeopleState:
    org_units: dict[str, OrgUnit] = field(default_factory=dict)
    organizations: dict[str, Organization] = field(default_factory=dict)
    paired_units: dict[str, set[str]] = field(default_factory=dict)  # by organization
    members: dict[str, list[Membership]] = field(default_factory=dict)  # by organization
    roles: dict[str, RoleAssignment] = field(default_factory=dict)
    persons: dict[str, Person] = field(default_factory=dict)
    password_hashes: dict[str, str] = field(default_factory=dict)
    attempts: dict[str, Counter] = field(default_factory=dict)  # login attempts by key
    households: dict[str, Household] = field(default_factory=dict)
    visits_logged: dict[str, int] = field(default_factory=dict)
    commitments: dict[str, Commitment] = field(default_factory=dict)
    visits: dict[str, Visit] = field(default_factory=dict)
    refresh: dict[str, RefreshRecord] = field(default_factory=dict)  # by token hash


class FakeOrgUnits:
    def __init__(self, state: PeopleState) -> None:
        self._state = state

    async def get(self, unit_id: str) -> OrgUnit | None:
        return self._state.org_units.get(unit_id)

    def _require_name_free(self, unit: OrgUnit) -> None:
        # MongoDB's unique (parentId, name) index
        if any(
            u.parent_id == unit.parent_id and u.name == unit.name and u.id != unit.id
            for u in self._state.org_units.values()
        ):
            raise Conflict(f"an org unit named {unit.name!r} already exists there", field="name")

    async def insert(self, unit: OrgUnit) -> None:
        if unit.id in self._state.org_units:
            raise AssertionError(f"duplicate org unit id {unit.id}")
        self._require_name_free(unit)
        self._state.org_units[unit.id] = unit

    async def subtree(self, unit_id: str) -> list[OrgUnit]:
        below = [u for u in self._state.org_units.values() if unit_id in u.path]
        return sorted(below, key=lambda u: (len(u.path), u.id))

    async def replace(self, unit: OrgUnit) -> None:
        self._require_name_free(unit)
        stored = self._state.org_units.get(unit.id)
        if stored is None or stored.version != unit.version - 1:
            raise Conflict("the org unit changed meanwhile; try again", field="id")
        self._state.org_units[unit.id] = unit

    async def follow_move(self, unit_id: str, new_ancestors: Sequence[str]) -> None:
        ancestors = tuple(OrgUnitId(a) for a in new_ancestors)
        state = self._state

        def rebased(path: tuple[OrgUnitId, ...]) -> tuple[OrgUnitId, ...]:
            return (*ancestors, *path[path.index(OrgUnitId(unit_id)) :])

        placed: list[dict[str, Any]] = [
            state.households,
            state.persons,
            state.roles,
            state.organizations,
            state.visits,
            state.commitments,
        ]
        for items in placed:
            for key, item in items.items():
                if unit_id in item.org_unit_path:
                    items[key] = replace(item, org_unit_path=rebased(item.org_unit_path))


class FakeOrganizations:
    def __init__(self, state: PeopleState) -> None:
        self._state = state

    async def get(self, org_id: str) -> Organization | None:
        return self._state.organizations.get(org_id)

    async def insert(self, organization: Organization) -> None:
        if any(
            o.org_unit_id == organization.org_unit_id and o.name == organization.name
            for o in self._state.organizations.values()
        ):
            raise Conflict(
                f"an organization named {organization.name!r} is already registered there",
                field="name",
            )
        self._state.organizations[organization.id] = organization

    async def pair(self, org_id: str, unit_id: str) -> bool:
        if org_id not in self._state.organizations:
            return False
        paired = self._state.paired_units.setdefault(org_id, set())
        if unit_id in paired:
            return False
        paired.add(unit_id)
        return True

    async def add_member(self, membership: Membership) -> None:
        members = self._state.members.setdefault(membership.organization_id, [])
        if any(m.person_id == membership.person_id for m in members):
            raise Conflict("this person is already a member of the organization", field="personId")
        members.append(membership)

    async def ties(self, org_id: str) -> OrganizationTies | None:
        organization = self._state.organizations.get(org_id)
        if organization is None:
            return None
        return OrganizationTies(
            name=organization.name,
            registered_at=organization.org_unit_id,
            paired_with=frozenset(
                OrgUnitId(u) for u in self._state.paired_units.get(org_id, set())
            ),
        )


class FakeRoles:
    def __init__(self, state: PeopleState) -> None:
        self._state = state

    async def get(self, assignment_id: str) -> RoleAssignment | None:
        return self._state.roles.get(assignment_id)

    async def insert(self, assignment: RoleAssignment) -> None:
        if assignment.id in self._state.roles:
            raise AssertionError(f"duplicate role assignment id {assignment.id}")
        self._state.roles[assignment.id] = assignment

    async def save(self, assignment: RoleAssignment) -> None:
        if assignment.id in self._state.roles:
            self._state.roles[assignment.id] = assignment

    async def active_for(self, person_id: str, now: datetime) -> list[RoleAssignment]:
        held = [
            a for a in self._state.roles.values() if a.person_id == person_id and a.active_at(now)
        ]
        return sorted(held, key=lambda a: (a.since, a.id))

    async def holding(
        self,
        role: Role,
        org_unit_id: str,
        now: datetime,
        *,
        person_id: str | None = None,
        organization_id: str | None = None,
    ) -> list[RoleAssignment]:
        return [
            a
            for a in self._state.roles.values()
            if a.role is role
            and a.org_unit_id == org_unit_id
            and a.active_at(now)
            and (
                person_id is None
                or (a.person_id == person_id and a.organization_id == organization_id)
            )
        ]


class FakePersons:
    def __init__(self, state: PeopleState) -> None:
        self._state = state

    async def get(self, person_id: str) -> Person | None:
        return self._state.persons.get(person_id)

    async def by_phone(self, phone: str) -> Person | None:
        return next((p for p in self._state.persons.values() if p.phone == phone), None)

    def _require_phone_free(self, person: Person) -> None:
        if person.phone is not None and any(
            p.phone == person.phone and p.id != person.id for p in self._state.persons.values()
        ):
            raise Conflict("a person with this phone number is already registered", field="phone")

    async def insert_many(self, people: Sequence[Person]) -> None:
        # one at a time, as MongoDB's ordered insert does: the unit of work undoes the rest
        for person in people:
            if person.id in self._state.persons:
                raise AssertionError(f"duplicate person id {person.id}")
            self._require_phone_free(person)
            self._state.persons[person.id] = person

    async def save(self, person: Person) -> None:
        if person.id in self._state.persons:
            self._require_phone_free(person)
            self._state.persons[person.id] = person


class FakePhoneBook:
    def __init__(self, state: PeopleState) -> None:
        self._state = state

    async def by_phone(self, phone: str) -> Person | None:
        return next((p for p in self._state.persons.values() if p.phone == phone), None)


class FakePasswords:
    def __init__(self, state: PeopleState) -> None:
        self._state = state

    async def password_hash(self, person_id: str) -> str | None:
        return self._state.password_hashes.get(person_id)


class FakeLoginAttempts:
    def __init__(self, state: PeopleState) -> None:
        self._state = state

    async def count_attempt(self, key: str, window: timedelta, now: datetime) -> Counter:
        known = self._state.attempts.get(key)
        if known is None or known.resets_at <= now:
            counted = Counter(1, known.strikes if known else 0, now + window)
        else:
            counted = replace(known, attempts=known.attempts + 1)
        self._state.attempts[key] = counted
        return counted

    async def lock(self, key: str, until: datetime) -> None:
        known = self._state.attempts.get(key)
        if known is not None:
            self._state.attempts[key] = Counter(known.attempts, known.strikes + 1, until)

    async def forgive(self, key: str) -> None:
        self._state.attempts.pop(key, None)

    async def take_back(self, key: str) -> None:
        known = self._state.attempts.get(key)
        if known is not None and known.attempts > 0:
            self._state.attempts[key] = replace(known, attempts=known.attempts - 1)


class FakeCredentials:
    def __init__(self, state: PeopleState) -> None:
        self._state = state

    async def store_refresh(self, record: RefreshRecord) -> None:
        if record.token_hash in self._state.refresh:
            raise AssertionError("duplicate refresh token")
        self._state.refresh[record.token_hash] = record

    async def mark_used(self, hashed: str, now: datetime) -> bool:
        record = self._state.refresh.get(hashed)
        if record is None or record.used_at is not None or record.revoked_at is not None:
            return False
        self._state.refresh[hashed] = replace(record, used_at=now)
        return True

    async def revoke_person(self, person_id: str, now: datetime) -> None:
        _revoke(self._state, lambda r: r.person_id == person_id, now)

    async def set_password_hash(self, person_id: str, password_hash: str, now: datetime) -> None:
        self._state.password_hashes[person_id] = password_hash


def _revoke(state: PeopleState, which: Callable[[RefreshRecord], bool], now: datetime) -> None:
    for hashed, record in state.refresh.items():
        if which(record) and record.revoked_at is None:
            state.refresh[hashed] = replace(record, revoked_at=now)


class FakeRefreshTokens:
    def __init__(self, state: PeopleState) -> None:
        self._state = state

    async def refresh_record(self, hashed: str) -> RefreshRecord | None:
        return self._state.refresh.get(hashed)

    async def revoke_family(self, family_id: str, now: datetime) -> None:
        _revoke(self._state, lambda r: r.family_id == family_id, now)


@cache
def _test_key() -> SigningKey:
    return load_key(generate_pem())  # generating an RSA key takes a while: once per run


class FakeKeys:
    async def signing_key(self) -> SigningKey:
        return _test_key()


class FakeHasher:
    """Not a hash at all: enough to tell which password a stored value came from."""

    def __init__(self) -> None:
        self.hashed = 0

    async def hash(self, password: str) -> str:
        self.hashed += 1
        return f"hashed:{password}"

    async def verify(self, password_hash: str | None, password: str) -> bool:
        return password_hash == f"hashed:{password}"


class FakeHouseholds:
    def __init__(self, state: PeopleState) -> None:
        self._state = state

    async def get(self, household_id: str) -> Household | None:
        return self._state.households.get(household_id)

    async def ids_in_unit(self, unit_id: str) -> set[str]:
        return {h.id for h in self._state.households.values() if h.org_unit_id == unit_id}

    async def insert_many(self, households: Sequence[Household]) -> None:
        for household in households:
            if household.id in self._state.households:
                raise AssertionError(f"duplicate household id {household.id}")
            self._state.households[household.id] = household

    async def save(self, household: Household) -> None:
        # replace_one without upsert: saving one that is not there changes nothing
        if household.id in self._state.households:
            self._state.households[household.id] = household

    async def count_visit_logged(self, household_id: str) -> None:
        logged = self._state.visits_logged
        logged[household_id] = logged.get(household_id, 0) + 1


class FakeCommitments:
    def __init__(self, state: PeopleState) -> None:
        self._state = state

    async def get(self, commitment_id: str) -> Commitment | None:
        return self._state.commitments.get(commitment_id)

    async def insert(self, commitment: Commitment) -> None:
        if commitment.id in self._state.commitments:
            raise AssertionError(f"duplicate commitment id {commitment.id}")
        self._state.commitments[commitment.id] = commitment

    async def save(self, commitment: Commitment) -> None:
        if commitment.id in self._state.commitments:
            self._state.commitments[commitment.id] = commitment


class FakeCommitmentReader:
    def __init__(self, state: PeopleState) -> None:
        self._state = state

    def _in(self, unit_id: str) -> list[Commitment]:
        return [c for c in self._state.commitments.values() if unit_id in c.org_unit_path]

    async def board(self, unit_id: str, now: datetime) -> Board:
        found = self._in(unit_id)
        return Board(
            made=len(found),
            fulfilled=sum(c.status is CommitmentStatus.FULFILLED for c in found),
            lapsed=sum(c.status_at(now) is CommitmentStatus.LAPSED for c in found),
        )

    async def page(self, unit_id: str, first: int, after: Sequence[Any] | None) -> Page[Commitment]:
        ordered = sorted(self._in(unit_id), key=lambda c: (c.due_by, c.id))
        total = len(ordered)
        if after is not None:
            due, last_id = cursors.keyset(after, cursors.Nullable(datetime), str)
            ordered = [c for c in ordered if (c.due_by, c.id) > (due, last_id)]
        return Page(
            items=ordered[:first],
            has_next=len(ordered) > first,
            has_previous=after is not None,
            total_count=total,
        )

    async def lapse_overdue(self, now: datetime) -> int:
        overdue = [
            c
            for c in self._state.commitments.values()
            if c.status is CommitmentStatus.PROMISED and c.claimed_at is None and c.due_by < now
        ]
        for c in overdue:
            self._state.commitments[c.id] = replace(c, status=CommitmentStatus.LAPSED)
        return len(overdue)


class FakeVisits:
    def __init__(self, state: PeopleState) -> None:
        self._state = state

    async def get(self, visit_id: str) -> Visit | None:
        return self._state.visits.get(visit_id)

    async def times_near(
        self, visitor_id: str, household_id: str, at: datetime, window: timedelta
    ) -> list[datetime]:
        return [
            v.at
            for v in self._state.visits.values()
            if v.visitor_id == visitor_id
            and v.household_id == household_id
            and at - window < v.at < at + window
        ]

    async def insert(self, visit: Visit) -> None:
        if visit.id in self._state.visits:
            raise AssertionError(f"duplicate visit id {visit.id}")
        self._state.visits[visit.id] = visit

    async def save(self, visit: Visit) -> None:
        if visit.id in self._state.visits:
            self._state.visits[visit.id] = visit


class FakeCoverage:
    def __init__(self, state: PeopleState) -> None:
        self._state = state

    async def unit(self, unit_id: str) -> OrgUnit | None:
        return self._state.org_units.get(unit_id)

    async def child_ids(self, unit_id: str) -> list[str]:
        children = [u for u in self._state.org_units.values() if u.parent_id == unit_id]
        return [u.id for u in sorted(children, key=lambda u: u.name)]

    async def care_rows(self, unit_id: str) -> list[CareRow]:
        return [
            CareRow(h.id, tuple(h.org_unit_path), h.care_level, h.care_since)
            for h in self._state.households.values()
            if unit_id in h.org_unit_path
        ]

    async def last_visits(
        self, household_ids: Sequence[str], since: datetime, until: datetime
    ) -> dict[str, datetime]:
        wanted, found = set(household_ids), dict[str, datetime]()
        for v in self._state.visits.values():
            if v.household_id in wanted and v.confirmed and since <= v.at < until:
                found[v.household_id] = max(v.at, found.get(v.household_id, v.at))
        return found


def bind(state: PeopleState) -> PeopleTx:
    return PeopleTx(
        org_units=FakeOrgUnits(state),
        organizations=FakeOrganizations(state),
        persons=FakePersons(state),
        credentials=FakeCredentials(state),
        roles=FakeRoles(state),
        households=FakeHouseholds(state),
        commitments=FakeCommitments(state),
        visits=FakeVisits(state),
    )


BOOTSTRAP_PHONE = "10000000000"
ACCESS_TTL, REFRESH_TTL = timedelta(minutes=15), timedelta(days=30)
SCHEDULE = VisitSchedule(red=timedelta(days=7), yellow=timedelta(days=30), green=timedelta(days=91))


class Clock:
    """A clock a test moves by hand."""

    def __init__(self, now: datetime | None = None) -> None:
        self.now = now or datetime(2026, 3, 2, 9, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.now

    def advance(self, by: timedelta) -> None:
        self.now += by


@dataclass
class FakePeople:
    """Ports over one in-memory state, and what a test inspects: the state and the events."""

    state: PeopleState
    uow: InMemoryUnitOfWork[PeopleState, PeopleTx]
    ports: PeoplePorts
    clock: Clock
    hasher: FakeHasher

    @classmethod
    def create(cls, clock: Clock | None = None) -> FakePeople:
        state = PeopleState()
        uow: InMemoryUnitOfWork[PeopleState, PeopleTx] = InMemoryUnitOfWork(state, bind)
        ticking = clock or Clock()
        hasher = FakeHasher()
        ports = PeoplePorts(
            uow=uow,
            commitments=FakeCommitmentReader(state),
            coverage=FakeCoverage(state),
            schedule=SCHEDULE,
            hashing=hasher,
            bootstrap_phone=BOOTSTRAP_PHONE,
            phone_book=FakePhoneBook(state),
            passwords=FakePasswords(state),
            attempts=FakeLoginAttempts(state),
            refresh_tokens=FakeRefreshTokens(state),
            held_roles=FakeRoles(state),
            keys=FakeKeys(),
            access_ttl=ACCESS_TTL,
            refresh_ttl=REFRESH_TTL,
            clock=ticking,
        )
        return cls(state=state, uow=uow, ports=ports, clock=ticking, hasher=hasher)
