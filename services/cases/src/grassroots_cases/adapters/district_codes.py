"""Case-number codes of districts, assigned once and held for good (a unique index on the code)."""

from __future__ import annotations

from collections.abc import Iterable

from grassroots_kit.mongo import Database, Document, Indexes
from pymongo import ASCENDING, IndexModel
from pymongo.errors import DuplicateKeyError

from grassroots_cases.adapters.cases import COLLECTION as CASES

COLLECTION = "district_codes"
INDEXES = Indexes(
    COLLECTION,
    # What makes a shared series impossible: no two districts hold one code.
    (IndexModel([("code", ASCENDING)], unique=True),),
)


async def adopt_existing(db: Database) -> int:
    """Give each district the code its cases were numbered with before codes were stored.

    Runs once, while no code is stored: a district keeps the code of its earliest case; where
    two districts shared one (every Chinese name once got XX), the earlier keeps it and the
    other takes a code of its own when it next numbers a case. XX is adopted by no one.
    Returns how many districts kept their code.
    """
    codes = db[COLLECTION]
    if await codes.find_one({}) is not None:
        return 0
    pipeline: list[Document] = [
        {
            "$group": {
                "_id": {
                    "district": {"$arrayElemAt": ["$orgUnitPath", 0]},
                    "code": {"$arrayElemAt": [{"$split": ["$number", "-"]}, 0]},
                },
                "since": {"$min": "$createdAt"},
            }
        },
        {"$sort": {"since": 1, "_id.district": 1}},
    ]
    kept = 0
    async for group in await db[CASES].aggregate(pipeline):
        district, code = group["_id"].get("district"), group["_id"].get("code")
        if not isinstance(district, str) or not isinstance(code, str) or code == "XX":
            continue
        try:
            await codes.insert_one({"_id": district, "code": code})
            kept += 1
        except DuplicateKeyError:  # the district has a code already, or the code a district
            continue
    return kept


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
