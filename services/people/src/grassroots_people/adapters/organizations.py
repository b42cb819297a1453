"""MongoDB storage of organizations, their members and the units they are paired with."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from grassroots_kit.cursors import Page
from grassroots_kit.errors import Conflict
from grassroots_kit.i18n import msg
from grassroots_kit.mongo import Database, Document, Indexes, Session
from pymongo import ASCENDING, IndexModel
from pymongo.errors import DuplicateKeyError

from grassroots_people.adapters._paging import keyset_page
from grassroots_people.domain.granting import OrganizationTies
from grassroots_people.domain.ids import OrganizationId, OrgUnitId
from grassroots_people.domain.listing import OrganizationQuery
from grassroots_people.domain.organizations import Membership, Organization, OrganizationKind

COLLECTION = "organizations"
MEMBERS = "organization_members"
INDEXES = Indexes(
    COLLECTION,
    (
        IndexModel([("orgUnitId", ASCENDING), ("name", ASCENDING)], unique=True),
        IndexModel([("name", ASCENDING), ("_id", ASCENDING)]),
        IndexModel([("pairedOrgUnitIds", ASCENDING)]),
    ),
)
MEMBER_INDEXES = Indexes(
    MEMBERS,
    (
        IndexModel([("organizationId", ASCENDING), ("personId", ASCENDING)], unique=True),
        IndexModel([("personId", ASCENDING)]),
    ),
)


def _filter(wanted: OrganizationQuery) -> Document:
    query: Document = {}
    if wanted.kind is not None:
        query["kind"] = wanted.kind.value
    if wanted.within is not None:
        query["orgUnitPath"] = wanted.within
    if wanted.paired_with is not None:
        query["pairedOrgUnitIds"] = wanted.paired_with
    if wanted.name is not None:
        query["name"] = wanted.name
    return query


class OrganizationStore:
    def __init__(self, db: Database) -> None:
        self._organizations = db[COLLECTION]
        self._members = db[MEMBERS]

    async def get(self, org_id: str, session: Session | None = None) -> Organization | None:
        doc = await self._organizations.find_one({"_id": org_id}, session=session)
        return from_doc(doc) if doc else None

    async def get_many(self, ids: Iterable[str]) -> dict[str, Organization]:
        return {
            doc["_id"]: from_doc(doc)
            async for doc in self._organizations.find({"_id": {"$in": list(set(ids))}})
        }

    async def ties(self, org_id: str, session: Session | None = None) -> OrganizationTies | None:
        doc = await self._organizations.find_one(
            {"_id": org_id}, {"name": 1, "orgUnitId": 1, "pairedOrgUnitIds": 1}, session=session
        )
        if doc is None:
            return None
        return OrganizationTies(
            name=doc["name"],
            registered_at=OrgUnitId(doc["orgUnitId"]),
            paired_with=frozenset(OrgUnitId(u) for u in doc.get("pairedOrgUnitIds", [])),
        )

    async def insert(self, organization: Organization, session: Session) -> None:
        try:
            await self._organizations.insert_one(
                {**to_doc(organization), "pairedOrgUnitIds": []}, session=session
            )
        except DuplicateKeyError:
            raise Conflict(
                msg(
                    "an organization named {name!r} is already registered there",
                    name=organization.name,
                ),
                field="name",
            ) from None

    async def pair(self, org_id: str, unit_id: str, session: Session) -> bool:
        result = await self._organizations.update_one(
            {"_id": org_id}, {"$addToSet": {"pairedOrgUnitIds": unit_id}}, session=session
        )
        return result.modified_count == 1

    async def paired_units(self, org_ids: Iterable[str]) -> dict[str, list[str]]:
        docs = self._organizations.find(
            {"_id": {"$in": list(set(org_ids))}}, {"pairedOrgUnitIds": 1}
        )
        return {doc["_id"]: list(doc.get("pairedOrgUnitIds", [])) async for doc in docs}

    async def add_member(self, membership: Membership, session: Session) -> None:
        try:
            await self._members.insert_one(
                {
                    "organizationId": membership.organization_id,
                    "personId": membership.person_id,
                    "title": membership.title,
                    "since": membership.since,
                },
                session=session,
            )
        except DuplicateKeyError:
            raise Conflict(
                msg("this person is already a member of the organization"), field="personId"
            ) from None

    async def members_of(self, org_ids: Iterable[str]) -> dict[str, list[Membership]]:
        found: dict[str, list[Membership]] = {}
        docs = self._members.find({"organizationId": {"$in": list(set(org_ids))}})
        async for doc in docs.sort([("since", 1), ("_id", 1)]):
            found.setdefault(doc["organizationId"], []).append(
                Membership(doc["organizationId"], doc["personId"], doc["title"], doc["since"])
            )
        return found

    async def page(
        self, query: OrganizationQuery, first: int, after: Sequence[Any] | None
    ) -> Page[Organization]:
        return await keyset_page(
            self._organizations,
            _filter(query),
            field="name",
            first=first,
            after=after,
            from_doc=from_doc,
        )


def to_doc(organization: Organization) -> Document:
    return {
        "_id": organization.id,
        "kind": organization.kind.value,
        "name": organization.name,
        "orgUnitId": organization.org_unit_id,
        "orgUnitPath": list(organization.org_unit_path),
        "createdAt": organization.created_at,
    }


def from_doc(doc: Document) -> Organization:
    return Organization(
        id=OrganizationId(doc["_id"]),
        kind=OrganizationKind(doc["kind"]),
        name=doc["name"],
        org_unit_id=OrgUnitId(doc["orgUnitId"]),
        org_unit_path=tuple(OrgUnitId(p) for p in doc["orgUnitPath"]),
        created_at=doc["createdAt"],
    )
