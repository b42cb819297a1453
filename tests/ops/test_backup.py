"""`make backup` / `make restore`: a round trip through the real MongoDB keeps every document
byte for byte, the indexes and the collection options."""

from __future__ import annotations

import sys
import uuid
from datetime import UTC, datetime
from pathlib import Path

import pytest
from bson import Binary, CodecOptions, Decimal128, Int64, ObjectId, Regex
from bson.raw_bson import RawBSONDocument
from pymongo import ASCENDING, DESCENDING, IndexModel, MongoClient

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from scripts import backup as tool  # noqa: E402

DOCUMENTS = [
    {
        "_id": ObjectId(),
        "number": 0,
        "at": datetime(2026, 11, 23, 19, 5, 7, 123000, tzinfo=UTC),
        "amount": Decimal128("1234.5600"),
        "big": Int64(2**40),
        "small": 7,
        "ratio": 0.1,
        "nested": {"list": [1, "two", {"three": None}], "flag": True},
        "uuid": uuid.UUID("12345678-1234-5678-1234-567812345678"),
        "legacy": Binary(uuid.UUID(int=7).bytes, 3),
        "blob": Binary(b"\xff\x00bytes"),
        "pattern": Regex("^ab", "i"),
        "text": "नमस्ते, grassroots",
    },
    {"_id": "case-1", "number": 1, "status": "OPEN", "dueAt": datetime(1969, 1, 1, tzinfo=UTC)},
    {"_id": "case-2", "number": 2, "status": "CLOSED", "sentAt": None},
]
INDEXES = [
    IndexModel([("number", ASCENDING)], unique=True),
    IndexModel([("status", ASCENDING), ("dueAt", DESCENDING)], name="open_by_due"),
    IndexModel(
        [("sentAt", ASCENDING)],
        expireAfterSeconds=3600,
        partialFilterExpression={"status": "CLOSED"},
        name="ttl_closed",
    ),
]


def raw(collection) -> list[bytes]:
    as_bytes = collection.with_options(codec_options=CodecOptions(document_class=RawBSONDocument))
    return [doc.raw for doc in as_bytes.find({}).sort("_id", 1)]


def index_info(collection) -> list[dict]:
    return sorted(
        ({k: v for k, v in dict(i).items() if k != "v"} for i in collection.list_indexes()),
        key=lambda i: i["name"],
    )


@pytest.fixture
def client(mongo_url: str):
    with MongoClient(mongo_url, tz_aware=True, uuidRepresentation="standard") as client:
        yield client


@pytest.fixture
def database(client: MongoClient, db_name: str):
    db = client[db_name]
    db.create_collection(
        "validated", validator={"$jsonSchema": {"required": ["name"]}}, validationLevel="strict"
    )
    db["validated"].insert_one({"name": "kept"})
    db["things"].insert_many(DOCUMENTS)
    db["things"].create_indexes(INDEXES)
    db["empty"].create_index("x")
    db.command(
        {"create": "open_things", "viewOn": "things", "pipeline": [{"$match": {"status": "OPEN"}}]}
    )
    try:
        yield db
    finally:
        client.drop_database(db_name)


def test_a_restored_database_equals_the_backed_up_one(
    database, client, mongo_url: str, db_name: str, tmp_path: Path
):
    before = {name: raw(database[name]) for name in ("things", "validated", "empty")}
    indexes = {name: index_info(database[name]) for name in ("things", "empty")}
    options = {c["name"]: c["options"] for c in database.list_collections()}
    # Given a backup of a database,
    manifest = tool.backup(mongo_url, [db_name], tmp_path / "b")
    assert manifest["databases"][db_name] == {
        "things": 3, "validated": 1, "empty": 0, "open_things": 0
    }  # fmt: skip
    # when the data changes afterwards (a document lost, one added, an index and a
    # collection gone, a stray collection created),
    database["things"].delete_one({"_id": "case-1"})
    database["things"].insert_one({"_id": "case-3", "number": 3})
    database["things"].drop_index("open_by_due")
    database["validated"].drop()
    database["stray"].insert_one({"x": 1})

    # and the backup is restored,
    loaded = tool.restore(mongo_url, tmp_path / "b")

    # then every document is back byte for byte (types, dates, decimals, binaries, key order),
    assert loaded[db_name] == {"things": 3, "validated": 1, "empty": 0}
    assert {name: raw(database[name]) for name in before} == before
    # the indexes and collection options (validator, view) are as they were,
    assert {name: index_info(database[name]) for name in indexes} == indexes
    assert {c["name"]: c["options"] for c in database.list_collections()} == options
    assert [d["_id"] for d in database["open_things"].find()] == ["case-1"]
    # and what was not in the backup is gone.
    assert "stray" not in database.list_collection_names()


def test_the_command_line_writes_a_timestamped_backup_and_restores_the_newest(
    database, mongo_url: str, db_name: str, tmp_path: Path, monkeypatch, capsys
):
    monkeypatch.setattr(tool, "BACKUPS", tmp_path)
    assert tool.main(["--url", mongo_url, "--database", db_name, "backup"]) == 0
    assert "backed up 4 documents" in capsys.readouterr().out
    database["things"].delete_many({})

    # Restore refuses to drop anything without --yes,
    assert tool.main(["--url", mongo_url, "restore"]) == 1
    assert "add --yes" in capsys.readouterr().err
    assert database["things"].count_documents({}) == 0
    # and with it, loads the newest backup.
    assert tool.main(["--url", mongo_url, "restore", "--yes"]) == 0
    assert database["things"].count_documents({}) == 3
    (backup_dir,) = tmp_path.iterdir()
    assert backup_dir.name.endswith("Z")
    assert (backup_dir / db_name / "things.jsonl").read_text().count("\n") == 3


def test_the_backup_never_contains_the_url_credentials(database, mongo_url, db_name, tmp_path):
    tool.backup(mongo_url, [db_name], tmp_path / "b")

    assert "mongodb://" not in (tmp_path / "b" / "manifest.json").read_text()
