"""Back up and restore the Grassroots databases without mongodump; see docs/operations.md.

    python scripts/backup.py backup  [--url URL] [--database NAME ...] [--into DIR]
    python scripts/backup.py restore [DIR] --yes [--url URL] [--database NAME ...]

`backup` writes `.local/backups/<UTC time>/` (or DIR): for each database, every collection as
canonical MongoDB Extended JSON, one document per line (`<db>/<collection>.jsonl`, every BSON
type kept exactly: ObjectId, dates, Decimal128, 64-bit integers, binary), its indexes and
collection options (`<db>/<collection>.meta.json`), and `manifest.json` with the counts. All
collections are read in one snapshot session, so the backup is one point in time (MongoDB
keeps a snapshot for about five minutes: a longer backup fails rather than mixing times).

`restore` drops each database it restores, then recreates its collections with their options,
loads the documents and creates the indexes. Without DIR it takes the newest backup.
The URL defaults to MONGODB_URL, else the local stack's MongoDB; the databases default to the
five services' (`grassroots_people`, `grassroots_cases`, `grassroots_points`,
`grassroots_participation`, `grassroots_notifications`).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Iterator, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from bson import json_util
from bson.binary import UuidRepresentation
from bson.codec_options import DatetimeConversion
from pymongo import MongoClient
from pymongo.client_session import ClientSession
from pymongo.database import Database

REPO_ROOT = Path(__file__).resolve().parent.parent
BACKUPS = REPO_ROOT / ".local" / "backups"
DEFAULT_URL = "mongodb://127.0.0.1:27017/?replicaSet=rs0"
DATABASES = (
    "grassroots_people",
    "grassroots_cases",
    "grassroots_points",
    "grassroots_participation",
    "grassroots_notifications",
)
FORMAT = "grassroots-backup/1"
BATCH = 1000

# Binary values stay Binary whatever their subtype (no UUID conversion, which would turn the
# legacy subtype 3 into 4), and dates outside Python's range stay dates.
JSON_OPTIONS = json_util.CANONICAL_JSON_OPTIONS.with_options(
    tz_aware=True,
    tzinfo=UTC,
    uuid_representation=UuidRepresentation.UNSPECIFIED,
    datetime_conversion=DatetimeConversion.DATETIME_AUTO,
)
Document = dict[str, Any]


class BackupError(Exception):
    """Something the operator has to fix; printed without a traceback."""


def connect(url: str) -> MongoClient[Document]:
    return MongoClient(
        url,
        tz_aware=True,
        tzinfo=UTC,
        uuidRepresentation="unspecified",
        datetime_conversion=DatetimeConversion.DATETIME_AUTO,
        serverSelectionTimeoutMS=10_000,
    )


def backup(url: str, databases: Sequence[str], target: Path) -> dict[str, Any]:
    """Write every collection of `databases` under `target`; returns the manifest."""
    target.mkdir(parents=True, exist_ok=False)
    manifest: dict[str, Any] = {
        "format": FORMAT,
        "createdAt": datetime.now(UTC).isoformat(),
        "databases": {},
    }
    with connect(url) as client, client.start_session(snapshot=True) as session:
        for name in databases:
            manifest["databases"][name] = _backup_database(client[name], session, target / name)
    (target / "manifest.json").write_text(json.dumps(manifest, indent=2) + "\n")
    return manifest


def _backup_database(db: Database[Document], session: ClientSession, folder: Path) -> Document:
    folder.mkdir()
    counts: Document = {}
    for info in db.list_collections():
        name = info["name"]
        if name.startswith("system."):
            continue
        meta = {
            "name": name,
            "type": info.get("type", "collection"),
            "options": info.get("options", {}),
        }
        count = 0
        if meta["type"] == "collection":
            meta["indexes"] = [
                _index_spec(index) for index in db[name].list_indexes() if index["name"] != "_id_"
            ]
            with (folder / f"{name}.jsonl").open("w", encoding="utf-8") as out:
                for document in db[name].find({}, session=session).sort("_id", 1):
                    out.write(json_util.dumps(document, json_options=JSON_OPTIONS) + "\n")
                    count += 1
        (folder / f"{name}.meta.json").write_text(
            json_util.dumps(meta, json_options=JSON_OPTIONS, indent=2) + "\n"
        )
        counts[name] = count
    return counts


def _index_spec(index: Any) -> Document:
    return {k: v for k, v in dict(index).items() if k not in ("v", "ns")}


def restore(url: str, source: Path, databases: Sequence[str] | None = None) -> Document:
    """Drop and reload each database of the backup at `source` (or only `databases`)."""
    manifest = _read_manifest(source)
    wanted = list(databases) if databases else list(manifest["databases"])
    missing = [name for name in wanted if name not in manifest["databases"]]
    if missing:
        raise BackupError(f"{source} holds no database {', '.join(missing)}")
    loaded: Document = {}
    with connect(url) as client:
        for name in wanted:
            client.drop_database(name)
            loaded[name] = _restore_database(client[name], source / name)
    return loaded


def _restore_database(db: Database[Document], folder: Path) -> Document:
    counts: Document = {}
    metas = [
        json_util.loads(path.read_text(), json_options=JSON_OPTIONS)
        for path in sorted(folder.glob("*.meta.json"))
    ]
    # Views read from collections: create the collections first.
    for meta in sorted(metas, key=lambda m: m["type"] == "view"):
        name = meta["name"]
        db.create_collection(name, **meta["options"])
        if meta["type"] != "collection":
            continue
        count = 0
        for batch in _batches(folder / f"{name}.jsonl"):
            db[name].insert_many(batch, ordered=True, bypass_document_validation=True)
            count += len(batch)
        if meta.get("indexes"):
            db.command({"createIndexes": name, "indexes": meta["indexes"]})
        counts[name] = count
    return counts


def _batches(path: Path) -> Iterator[list[Document]]:
    batch: list[Document] = []
    with path.open(encoding="utf-8") as lines:
        for line in lines:
            batch.append(json_util.loads(line, json_options=JSON_OPTIONS))
            if len(batch) == BATCH:
                yield batch
                batch = []
    if batch:
        yield batch


def _read_manifest(source: Path) -> Document:
    path = source / "manifest.json"
    if not path.exists():
        raise BackupError(f"{source} is not a backup (no manifest.json)")
    manifest: Document = json.loads(path.read_text())
    if manifest.get("format") != FORMAT:
        raise BackupError(f"{path}: unknown format {manifest.get('format')!r}")
    return manifest


def latest(folder: Path | None = None) -> Path:
    folder = folder or BACKUPS
    candidates = sorted(p for p in folder.glob("*/manifest.json")) if folder.exists() else []
    if not candidates:
        raise BackupError(f"no backup in {folder}; run `make backup` first")
    return candidates[-1].parent


def _redact(url: str) -> str:
    scheme, sep, rest = url.partition("://")
    return f"{scheme}://***@{rest.rsplit('@', 1)[1]}" if sep and "@" in rest else url


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--url", default=os.environ.get("MONGODB_URL") or DEFAULT_URL)
    parser.add_argument(
        "--database", action="append", help="a database to include (repeatable; default: all)"
    )
    commands = parser.add_subparsers(dest="command", required=True)
    take = commands.add_parser("backup", help="write a new backup")
    take.add_argument("--into", type=Path, help="the folder to create (default: timestamped)")
    back = commands.add_parser("restore", help="drop the databases and load a backup")
    back.add_argument("source", nargs="?", type=Path, help="a backup folder (default: newest)")
    back.add_argument("--yes", action="store_true", help="really drop and replace the data")
    args = parser.parse_args(argv)
    try:
        if args.command == "backup":
            target = args.into or BACKUPS / datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
            manifest = backup(args.url, args.database or DATABASES, target)
            total = sum(sum(c.values()) for c in manifest["databases"].values())
            print(f"backed up {total} documents from {_redact(args.url)} into {target}")
            return 0
        source = args.source or latest()
        if not args.yes:
            raise BackupError(f"restore drops the databases in {source}: add --yes to proceed")
        loaded = restore(args.url, source, args.database)
        total = sum(sum(c.values()) for c in loaded.values())
        print(f"restored {total} documents into {', '.join(loaded)} from {source}")
        return 0
    except BackupError as exc:
        print(f"backup: {exc}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
