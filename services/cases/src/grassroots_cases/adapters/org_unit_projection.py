"""The local copy of people's org units, kept from their events, for subtree questions."""

from __future__ import annotations

from grassroots_kit.mongo import Indexes
from pymongo import ASCENDING, IndexModel

COLLECTION = "org_units"
INDEXES = Indexes(COLLECTION, (IndexModel([("path", ASCENDING)]),))
