"""Photo clean-up: uploads never referenced go after their TTL; with retention set, the photos of
cases closed long enough ago go too, and only once."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from grassroots_cases.adapters.photo_retention import MongoPhotoRetention
from grassroots_cases.handlers.composition import cases_ports
from grassroots_cases.handlers.photo_sweeper import PhotoSweeper
from grassroots_cases.handlers.unit_of_work import utc_now
from grassroots_kit.media.library import MediaLibrary
from grassroots_kit.media.records import MediaRecords
from grassroots_kit.media.store import GridFSMediaStore

from tests.cases.integration.conftest import Cases
from tests.support.photos import photo

UPLOAD = """mutation { requestPhotoUpload(input: {purpose: REPORT}) { mediaId uploadUrl } }"""


async def upload(cases: Cases, who: str = "res-1") -> str:
    body = await cases.gql(who, UPLOAD)
    ticket = body["data"]["requestPhotoUpload"]
    token = ticket["uploadUrl"].rsplit("/", 1)[1]
    answer = await cases.svc.client.put(f"/media/upload/{token}", content=photo("JPEG"))
    assert answer.status_code == 201, answer.text
    return str(ticket["mediaId"])


def sweeper(cases: Cases, *, hours_later: float, retention_days: int) -> PhotoSweeper:
    host = cases.svc.host
    settings: Any = host.settings

    def clock() -> Any:
        return utc_now() + timedelta(hours=hours_later)

    library = MediaLibrary(
        service="cases",
        records=MediaRecords(host.db),
        store=GridFSMediaStore(host.db),
        settings=settings,
        clock=clock,
    )
    return PhotoSweeper(
        cases_ports(host, clock=clock, media=library),
        MongoPhotoRetention(host.db),
        retention_days=retention_days,
    )


async def files(cases: Cases, media_id: str) -> int:
    return int(await cases.db["media.files"].count_documents({"filename": media_id}))


async def test_an_upload_never_referenced_is_deleted_after_its_ttl(cases: Cases) -> None:
    attached = await upload(cases)
    await cases.report(mediaIds=[attached])
    orphan = await upload(cases)

    assert await sweeper(cases, hours_later=1, retention_days=0).sweep_once() == (0, 0)
    assert await sweeper(cases, hours_later=25, retention_days=0).sweep_once() == (1, 0)

    assert await files(cases, orphan) == 0
    assert await cases.db["media"].find_one({"_id": orphan}) is None
    assert await files(cases, attached) == 1


async def test_retention_deletes_the_photos_of_long_closed_cases_once(cases: Cases) -> None:
    old = await upload(cases)
    old_case = await cases.report(mediaIds=[old])
    recent = await upload(cases)
    recent_case = await cases.report(mediaIds=[recent])
    now = utc_now()
    for case_id, closed_at in ((old_case["id"], now - timedelta(days=40)),
                               (recent_case["id"], now - timedelta(days=5))):  # fmt: skip
        await cases.db["cases"].update_one(
            {"_id": case_id}, {"$set": {"status": "CLOSED", "closedAt": closed_at}}
        )

    first = await sweeper(cases, hours_later=0, retention_days=30).sweep_once()
    again = await sweeper(cases, hours_later=0, retention_days=30).sweep_once()

    assert first == (0, 1)
    assert again == (0, 0)
    assert await files(cases, old) == 0
    assert await files(cases, recent) == 1
    doc = await cases.db["cases"].find_one({"_id": old_case["id"]})
    assert "photosKept" not in doc
    assert doc["photoIds"] == [old]  # the case keeps its history; the photo lists nothing now
