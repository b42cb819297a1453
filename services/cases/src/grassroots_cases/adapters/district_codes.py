"""Case-number codes of districts, assigned once and held for good (a unique index on the code)."""

from __future__ import annotations

from collections.abc import Iterable

from grassroots_kit.mongo import Database, Indexes
from pymongo import ASCENDING, IndexModel
from pymongo.errors import DuplicateKeyError

COLLECTION = "district_codes"
INDEXES = Indexes(
    COLLECTION,
    # What makes a shared series impossible: no two districts hold one code.
    (IndexModel([("code", ASCENDING)], unique=True),),
)


class MongoDistrictCodeStore:
    def __init__(self, db: Database) -> None:
        self._db = db

    async def code_for(self, district_id: str, candidates: Iterable[str]) -> str:
        codes = self._db[COLLECTION]
        for code in candidates:
            held = await codes.find_one({"_id": district_id})
            if held is not None:
                return str(held["code"])
            try:
                await codes.insert_one({"_id": district_id, "code": code})
                return code
            except DuplicateKeyError:
                # Another district holds this code, or this one was given a code meanwhile:
                # the next turn reads which.
                continue
        raise RuntimeError(f"no free case-number code for district {district_id}")
