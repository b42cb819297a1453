"""Every collection and index the people service declares, created when it starts."""

from __future__ import annotations

from grassroots_kit.media import hosting as media_hosting
from grassroots_kit.mongo import Indexes

from grassroots_people.adapters import (
    commitments,
    credentials,
    households,
    org_units,
    organizations,
    persons,
    roles,
    signing_keys,
    visits,
)

COLLECTIONS: list[str] = [
    org_units.COLLECTION,
    households.COLLECTION,
    persons.COLLECTION,
    roles.COLLECTION,
    organizations.COLLECTION,
    organizations.MEMBERS,
    visits.COLLECTION,
    commitments.COLLECTION,
    credentials.PASSWORDS,
    credentials.REFRESH_TOKENS,
    credentials.LOGIN_ATTEMPTS,
    signing_keys.COLLECTION,
    *media_hosting.COLLECTIONS,
]
INDEXES: list[Indexes] = [
    org_units.INDEXES,
    households.INDEXES,
    persons.INDEXES,
    roles.INDEXES,
    organizations.INDEXES,
    organizations.MEMBER_INDEXES,
    visits.INDEXES,
    commitments.INDEXES,
    *credentials.INDEXES,
    signing_keys.INDEXES,
    media_hosting.INDEXES,
]
