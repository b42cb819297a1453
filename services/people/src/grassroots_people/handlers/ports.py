"""The stores the use cases and the GraphQL reads depend on, as protocols.

Domain objects in and out; no MongoDB field names and no sessions. The readers serve the
GraphQL layer's lists and DataLoaders outside any transaction. A repository a write uses is
bound to its transaction already: it is reached through `PeopleTx`, which `UnitOfWork.run`
hands to the work. The MongoDB adapters implement these; `tests/people/fakes.py` has in-memory
ones that pass the same contract tests.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any, Protocol

from grassroots_kit.cursors import Page
from grassroots_kit.media.ports import Media, MediaAttachments
from grassroots_kit.unit_of_work import Transaction, UnitOfWork

from grassroots_people.adapters.credentials import RefreshRecord
from grassroots_people.adapters.signing_keys import SigningKey
from grassroots_people.domain.care import CareRow, VisitSchedule
from grassroots_people.domain.commitments import Board, Commitment
from grassroots_people.domain.granting import OrganizationTies
from grassroots_people.domain.listing import (
    HouseholdQuery,
    OrganizationQuery,
    OrgUnitQuery,
    PersonQuery,
)
from grassroots_people.domain.org_units import OrgUnit
from grassroots_people.domain.organizations import Membership, Organization
from grassroots_people.domain.people import Household, Person
from grassroots_people.domain.roles import Role, RoleAssignment
from grassroots_people.domain.throttle import Counter
from grassroots_people.domain.visits import Visit

# --- reads outside a transaction (lists, DataLoaders) ---


class OrgUnitReader(Protocol):
    async def get_many(self, ids: Iterable[str]) -> dict[str, OrgUnit]: ...

    async def page(
        self, query: OrgUnitQuery, first: int, after: Sequence[Any] | None
    ) -> Page[OrgUnit]: ...


class HouseholdReader(Protocol):
    async def get_many(self, ids: Iterable[str]) -> dict[str, Household]: ...

    async def page(
        self, query: HouseholdQuery, first: int, after: Sequence[Any] | None
    ) -> Page[Household]: ...


class PersonReader(Protocol):
    async def get_many(self, ids: Iterable[str]) -> dict[str, Person]: ...

    async def in_households(self, household_ids: Iterable[str]) -> dict[str, list[Person]]: ...

    async def page(
        self, query: PersonQuery, first: int, after: Sequence[Any] | None
    ) -> Page[Person]: ...


class RoleReader(Protocol):
    async def active_for_many(
        self, person_ids: Iterable[str], now: datetime
    ) -> dict[str, list[RoleAssignment]]: ...

    async def serving(
        self, path_with_self: Sequence[str], roles: Sequence[Role], now: datetime
    ) -> list[RoleAssignment]: ...

    async def in_organizations(
        self, organization_ids: Iterable[str], now: datetime
    ) -> dict[str, list[RoleAssignment]]: ...


class OrganizationReader(Protocol):
    async def get_many(self, ids: Iterable[str]) -> dict[str, Organization]: ...

    async def members_of(self, org_ids: Iterable[str]) -> dict[str, list[Membership]]: ...

    async def paired_units(self, org_ids: Iterable[str]) -> dict[str, list[str]]: ...

    async def page(
        self, query: OrganizationQuery, first: int, after: Sequence[Any] | None
    ) -> Page[Organization]: ...


class CommitmentReader(Protocol):
    async def board(self, unit_id: str, now: datetime) -> Board: ...

    async def page(
        self, unit_id: str, first: int, after: Sequence[Any] | None
    ) -> Page[Commitment]: ...

    async def lapse_overdue(self, now: datetime) -> int:
        """Mark every promise past due (and not claimed) lapsed; how many were."""
        ...


class CoverageReader(Protocol):
    """What care coverage reads, outside any transaction."""

    async def unit(self, unit_id: str) -> OrgUnit | None: ...

    async def child_ids(self, unit_id: str) -> list[str]:
        """The unit's children, by name."""
        ...

    async def care_rows(self, unit_id: str) -> list[CareRow]:
        """Every household of the unit's subtree."""
        ...

    async def last_visits(
        self, household_ids: Sequence[str], since: datetime, until: datetime
    ) -> dict[str, datetime]:
        """Each household's last confirmed visit in [since, until); those with none left out."""
        ...


class PhoneBook(Protocol):
    async def by_phone(self, phone: str) -> Person | None: ...


class Passwords(Protocol):
    async def password_hash(self, person_id: str) -> str | None: ...


class LoginAttempts(Protocol):
    """Counters of login attempts per key (domain/throttle.py), outside any transaction: an
    attempt counts even when the login fails."""

    async def count_attempt(self, key: str, window: timedelta, now: datetime) -> Counter:
        """Count one attempt atomically (a new round once the last one ended); the state
        with it, so that concurrent attempts each see a different count."""
        ...

    async def lock(self, key: str, until: datetime) -> None:
        """Lock the key until then, one strike more."""
        ...

    async def forgive(self, key: str) -> None:
        """Forget the key altogether."""
        ...

    async def take_back(self, key: str) -> None:
        """One attempt fewer in the current round (never below none)."""
        ...


class RefreshTokens(Protocol):
    """Refresh tokens by the hash they are stored under, outside any transaction: a token
    shown again is revoked with its family even when the refresh itself fails."""

    async def refresh_record(self, hashed: str) -> RefreshRecord | None: ...

    async def revoke_family(self, family_id: str, now: datetime) -> None:
        """Revoke every token rotated from the same login (those revoked already stay so)."""
        ...


class HeldRoles(Protocol):
    async def active_for(self, person_id: str, now: datetime) -> list[RoleAssignment]:
        """The person's assignments active at `now`, oldest first."""
        ...


class SigningKeys(Protocol):
    async def signing_key(self) -> SigningKey:
        """The key access tokens are signed with now."""
        ...


# --- repositories bound to one transaction ---


class OrgUnitRepository(Protocol):
    async def get(self, unit_id: str) -> OrgUnit | None: ...

    async def insert(self, unit: OrgUnit) -> None:
        """Conflict (field `name`) when its parent has a unit of that name."""
        ...

    async def subtree(self, unit_id: str) -> list[OrgUnit]:
        """Every unit below `unit_id`, shallowest first."""
        ...

    async def replace(self, unit: OrgUnit) -> None:
        """Store a changed unit, which must still have the version before the change:
        Conflict (field `name`) when its parent has another unit of that name, (field `id`)
        when the stored one changed meanwhile."""
        ...

    async def follow_move(self, unit_id: str, new_ancestors: Sequence[str]) -> None:
        """Re-path everything placed in the moved unit's subtree (households, people, role
        assignments, organizations, visits, commitments): `new_ancestors`, then the path
        from the unit down."""
        ...


class OrganizationRepository(Protocol):
    async def get(self, org_id: str) -> Organization | None: ...

    async def insert(self, organization: Organization) -> None:
        """Conflict (field `name`) when one of that name is registered at the same unit."""
        ...

    async def pair(self, org_id: str, unit_id: str) -> bool:
        """Pair it with the unit; False when it already was."""
        ...

    async def add_member(self, membership: Membership) -> None:
        """Conflict (field `personId`) when the person is a member already."""
        ...

    async def ties(self, org_id: str) -> OrganizationTies | None:
        """Where the organization is registered and the units it is paired with."""
        ...


class PersonRepository(Protocol):
    async def get(self, person_id: str) -> Person | None: ...

    async def by_phone(self, phone: str) -> Person | None: ...

    async def insert_many(self, people: Sequence[Person]) -> None:
        """All of them, or Conflict (field `phone`) when a phone number is taken."""
        ...

    async def save(self, person: Person) -> None:
        """Replace the stored person; Conflict (field `phone`) when the phone is taken."""
        ...


class CredentialRepository(Protocol):
    async def set_password_hash(self, person_id: str, password_hash: str, now: datetime) -> None:
        """Set (or replace) the person's password hash."""
        ...

    async def store_refresh(self, record: RefreshRecord) -> None: ...

    async def mark_used(self, hashed: str, now: datetime) -> bool:
        """True only for the one caller that used a fresh (unused, unrevoked) token."""
        ...

    async def revoke_person(self, person_id: str, now: datetime) -> None:
        """Revoke every refresh token of the person."""
        ...


class RoleRepository(Protocol):
    async def get(self, assignment_id: str) -> RoleAssignment | None: ...

    async def insert(self, assignment: RoleAssignment) -> None: ...

    async def save(self, assignment: RoleAssignment) -> None: ...

    async def holding(
        self,
        role: Role,
        org_unit_id: str,
        now: datetime,
        *,
        person_id: str | None = None,
        organization_id: str | None = None,
    ) -> list[RoleAssignment]:
        """The assignments of `role` held at the unit (not above) and active at `now`; with
        `person_id`, only that person's on behalf of `organization_id` (None: their own)."""
        ...


class HouseholdRepository(Protocol):
    async def get(self, household_id: str) -> Household | None: ...

    async def ids_in_unit(self, unit_id: str) -> set[str]:
        """The households registered at the unit itself (not below)."""
        ...

    async def insert_many(self, households: Sequence[Household]) -> None: ...

    async def save(self, household: Household) -> None: ...

    async def count_visit_logged(self, household_id: str) -> None:
        """A write on the household, so that two visits logged to it at once conflict."""
        ...


class CommitmentRepository(Protocol):
    async def get(self, commitment_id: str) -> Commitment | None: ...

    async def insert(self, commitment: Commitment) -> None: ...

    async def save(self, commitment: Commitment) -> None: ...


class VisitRepository(Protocol):
    async def get(self, visit_id: str) -> Visit | None: ...

    async def times_near(
        self, visitor_id: str, household_id: str, at: datetime, window: timedelta
    ) -> list[datetime]:
        """When the visitor's other visits to the household within `window` of `at` were."""
        ...

    async def insert(self, visit: Visit) -> None: ...

    async def save(self, visit: Visit) -> None: ...


@dataclass(init=False)
class PeopleTx(Transaction):
    """The repositories of one transaction, and the events it will publish."""

    org_units: OrgUnitRepository
    organizations: OrganizationRepository
    persons: PersonRepository
    credentials: CredentialRepository
    roles: RoleRepository
    households: HouseholdRepository
    commitments: CommitmentRepository
    visits: VisitRepository

    def __init__(
        self,
        *,
        org_units: OrgUnitRepository,
        organizations: OrganizationRepository,
        persons: PersonRepository,
        credentials: CredentialRepository,
        roles: RoleRepository,
        households: HouseholdRepository,
        commitments: CommitmentRepository,
        visits: VisitRepository,
        media: MediaAttachments | None = None,
    ) -> None:
        super().__init__()
        # None where no photo store is composed (the in-memory fakes): attaching is refused.
        self.media = media
        self.org_units = org_units
        self.organizations = organizations
        self.roles = roles
        self.persons = persons
        self.credentials = credentials
        self.households = households
        self.commitments = commitments
        self.visits = visits


class PasswordHasher(Protocol):
    async def hash(self, password: str) -> str: ...

    async def verify(self, password_hash: str | None, password: str) -> bool:
        """Whether `password` matches; with no hash, as slow as a wrong password, and False."""
        ...


def utc_now() -> datetime:
    return datetime.now(UTC)


@dataclass(frozen=True)
class PeoplePorts:
    """What the converted use cases receive instead of the host: the unit of work for writes,
    the stores they read outside one, the clock and the configured policies. Composed once
    from the host with the MongoDB adapters (`handlers/composition.py`), in tests from fakes."""

    uow: UnitOfWork[PeopleTx]
    commitments: CommitmentReader
    coverage: CoverageReader
    schedule: VisitSchedule
    hashing: PasswordHasher
    bootstrap_phone: str  # reserved for the platform admin
    phone_book: PhoneBook
    passwords: Passwords
    attempts: LoginAttempts
    refresh_tokens: RefreshTokens
    held_roles: HeldRoles
    keys: SigningKeys
    access_ttl: timedelta
    refresh_ttl: timedelta
    clock: Callable[[], datetime] = utc_now
    media: Media | None = None  # visit photos (docs/media.md); None: this process keeps none
