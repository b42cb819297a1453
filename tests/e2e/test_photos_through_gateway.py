"""Photos through the gateway (issue 20, "what it must show"): a case reported with a photo; a
viewer who may see it gets the photo and its thumbnail without EXIF location, one who may not
gets nothing; oversized, truncated and non-image uploads are refused with a typed error and
nothing stored; an upload URL cannot be used twice or after it expires."""

from __future__ import annotations

import io
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
import pytest
from grassroots_kit.media.images import gps_from_bytes, sniff
from PIL import Image
from pymongo import AsyncMongoClient

from tests.cases.e2e_area import Area, make_area
from tests.support.photos import photo
from tests.support.stack import Stack

UPLOAD = """mutation($i: RequestPhotoUploadInput!) {
  requestPhotoUpload(input: $i) { mediaId uploadUrl expiresAt } }"""
PHOTOS = """query($id: ID!) { case(id: $id) { id
  photos { id contentType width height url thumbnailUrl urlsExpireAt takenAt }
  resolutionPhotos { id }
  timeline { action photos { id thumbnailUrl } } } }"""
COMMENT = """mutation($i: CommentOnCaseInput!) { commentOnCase(input: $i) {
  case { timeline { action photos { id } } } } }"""
HARBIN = (45.756967, 126.642464)


@pytest.fixture(scope="module")
def area(stack: Stack) -> Area:
    return make_area(f"{stack.gateway.url}/graphql")


@pytest.fixture
async def cases_db(stack: Stack, mongo_url: str) -> Any:
    client: AsyncMongoClient[dict[str, Any]] = AsyncMongoClient(mongo_url, tz_aware=True)
    yield client[stack.database("cases")]
    await client.close()


def ask_upload(area: Area, who: str = "resident", purpose: str = "REPORT") -> dict[str, Any]:
    ticket: dict[str, Any] = area.act(who, UPLOAD, {"i": {"purpose": purpose}})[
        "requestPhotoUpload"
    ]
    return ticket


def put(stack: Stack, path: str, body: bytes) -> httpx.Response:
    return httpx.put(f"{stack.gateway.url}{path}", content=body, timeout=60)


def get(stack: Stack, path: str) -> httpx.Response:
    return httpx.get(f"{stack.gateway.url}{path}", timeout=60)


async def nothing_stored(cases_db: Any, media_id: str) -> bool:
    record = await cases_db["media"].find_one({"_id": media_id})
    files = await cases_db["media.files"].count_documents({"filename": {"$regex": f"^{media_id}"}})
    return record is None and files == 0


async def test_a_photo_reported_with_a_case_reaches_those_who_may_see_it(
    stack: Stack, area: Area, cases_db: Any
) -> None:
    # given a resident who uploads a photo with GPS in its EXIF
    ticket = ask_upload(area)
    assert ticket["uploadUrl"].startswith("/media/cases/upload/")
    uploaded = put(
        stack, ticket["uploadUrl"], photo("JPEG", (640, 480), lat=HARBIN[0], lng=HARBIN[1])
    )
    assert uploaded.status_code == 201, uploaded.text
    # when they report a case with it, agreeing to place the case by it
    case = area.report(
        "Burst pipe by the gate", mediaIds=[ticket["mediaId"]], usePhotoLocation=True
    )

    # then staff of the community see the photo, and its bytes carry no location
    body = area.act("staff", PHOTOS, {"id": case["id"]})
    photos = body["case"]["photos"]
    assert [p["id"] for p in photos] == [ticket["mediaId"]]
    assert (photos[0]["width"], photos[0]["height"], photos[0]["contentType"]) == (
        640,
        480,
        "image/jpeg",
    )
    full = get(stack, photos[0]["url"])
    thumb = get(stack, photos[0]["thumbnailUrl"])
    assert full.status_code == 200
    assert thumb.status_code == 200
    assert full.headers["content-type"] == "image/jpeg"
    assert sniff(full.content) == "image/jpeg"
    for data in (full.content, thumb.content):
        assert gps_from_bytes(data) is None
        with Image.open(io.BytesIO(data)) as seen:
            assert not seen.getexif()
    with Image.open(io.BytesIO(thumb.content)) as small:
        assert max(small.size) == 320
    # and the point stays private on the media record
    record = await cases_db["media"].find_one({"_id": ticket["mediaId"]})
    assert record["location"]["lat"] == pytest.approx(HARBIN[0], abs=1e-5)
    assert "location" not in str(body)
    # the reporter agreed: the case is placed there, shown with the case to those who read it
    placed = area.act(
        "staff",
        """query($id: ID!) { case(id: $id) { location { lat lng } } }""",
        {"id": case["id"]},
    )
    assert placed["case"]["location"] == {
        "lat": pytest.approx(HARBIN[0], abs=1e-5),
        "lng": pytest.approx(HARBIN[1], abs=1e-5),
    }


async def test_a_viewer_of_another_community_gets_no_case_and_no_photo(
    stack: Stack, area: Area
) -> None:
    ticket = ask_upload(area)
    assert put(stack, ticket["uploadUrl"], photo("PNG")).status_code == 201
    case = area.report("Broken bench", mediaIds=[ticket["mediaId"]])
    elsewhere = make_area(f"{stack.gateway.url}/graphql")

    body = elsewhere.call("staff", PHOTOS, {"id": case["id"]})

    assert body["data"] == {"case": None}
    assert ticket["mediaId"] not in str(body)


async def test_progress_notes_carry_their_own_photos(stack: Stack, area: Area) -> None:
    case = area.report("Leaking hydrant")
    ticket = ask_upload(area, "gridder", "PROGRESS")
    assert put(stack, ticket["uploadUrl"], photo("WEBP")).status_code == 201

    area.act(
        "gridder",
        COMMENT,
        {"i": {"caseId": case["id"], "text": "Valve ordered", "mediaIds": [ticket["mediaId"]]}},
    )

    body = area.act("staff", PHOTOS, {"id": case["id"]})
    notes = [e for e in body["case"]["timeline"] if e["action"] == "COMMENTED"]
    assert [p["id"] for p in notes[0]["photos"]] == [ticket["mediaId"]]
    assert get(stack, notes[0]["photos"][0]["thumbnailUrl"]).status_code == 200


@pytest.mark.parametrize(
    ("body", "status", "reason"),
    [
        (b"%PDF-1.7 not a photo at all", 400, "NOT_AN_IMAGE"),
        (photo("JPEG", (900, 700))[:3000], 400, "CORRUPT"),
        (b"\xff\xd8\xff\xe0" + b"\0" * 10_000_000, 413, "TOO_LARGE"),
    ],
    ids=["non-image", "truncated", "oversized"],
)
async def test_a_bad_upload_is_refused_with_a_typed_error_and_nothing_stored(
    stack: Stack, area: Area, cases_db: Any, body: bytes, status: int, reason: str
) -> None:
    ticket = ask_upload(area)

    answer = put(stack, ticket["uploadUrl"], body)

    assert answer.status_code == status, answer.text
    error = answer.json()["errors"][0]
    assert error["extensions"]["code"] == "BAD_USER_INPUT"
    assert error["extensions"]["reason"] == reason
    assert await nothing_stored(cases_db, ticket["mediaId"])


async def test_an_upload_over_the_gateways_cap_is_refused_unread(
    stack: Stack, area: Area, cases_db: Any
) -> None:
    ticket = ask_upload(area)

    answer = put(stack, ticket["uploadUrl"], b"\xff\xd8\xff" + b"\0" * 10_100_000)

    assert answer.status_code == 413
    assert answer.json()["errors"][0]["extensions"]["code"] == "PAYLOAD_TOO_LARGE"
    assert await cases_db["media.files"].count_documents({"filename": ticket["mediaId"]}) == 0


async def test_an_upload_url_works_once(stack: Stack, area: Area, cases_db: Any) -> None:
    ticket = ask_upload(area)
    assert put(stack, ticket["uploadUrl"], photo("PNG")).status_code == 201
    stored = await cases_db["media.files"].find_one({"filename": ticket["mediaId"]})

    again = put(stack, ticket["uploadUrl"], photo("JPEG", (50, 50)))

    assert again.status_code == 409
    assert again.json()["errors"][0]["extensions"]["code"] == "CONFLICT"
    # the first photo is untouched
    assert await cases_db["media.files"].find_one({"filename": ticket["mediaId"]}) == stored


async def test_an_expired_upload_url_stores_nothing(
    stack: Stack, area: Area, cases_db: Any
) -> None:
    ticket = ask_upload(area)
    # the record's deadline passes (the token's own expiry is tested in tests/kit/unit)
    past = datetime.now(UTC) - timedelta(seconds=1)
    await cases_db["media"].update_one(
        {"_id": ticket["mediaId"]}, {"$set": {"uploadExpiresAt": past}}
    )

    answer = put(stack, ticket["uploadUrl"], photo("PNG"))

    assert answer.status_code == 409
    assert answer.json()["errors"][0]["extensions"]["code"] == "CONFLICT"
    assert await cases_db["media.files"].count_documents({"filename": ticket["mediaId"]}) == 0


async def test_a_resolution_carries_after_photos_beside_the_reports_before_photos(
    stack: Stack, area: Area
) -> None:
    before = ask_upload(area)
    assert put(stack, before["uploadUrl"], photo("JPEG", colour=(90, 90, 90))).status_code == 201
    case = area.report("Drying rack collapsed", mediaIds=[before["mediaId"]])
    ref = {"caseId": case["id"]}
    area.act(
        "staff", "mutation($i: PostOrderInput!) { postOrder(input: $i) { __typename } }", {"i": ref}
    )
    area.act(
        "partner",
        "mutation($i: TakeOrderInput!) { takeOrder(input: $i) { __typename } }",
        {"i": ref},
    )
    after = ask_upload(area, "partner", "RESOLUTION")
    assert put(stack, after["uploadUrl"], photo("PNG", colour=(20, 200, 20))).status_code == 201

    area.act(
        "partner",
        "mutation($i: ResolveCaseInput!) { resolveCase(input: $i) { case { status } } }",
        {"i": {**ref, "resolution": "Rack rebuilt", "mediaIds": [after["mediaId"]]}},
    )

    body = area.act("resident", PHOTOS, {"id": case["id"]})["case"]
    assert [p["id"] for p in body["photos"]] == [before["mediaId"]]
    assert [p["id"] for p in body["resolutionPhotos"]] == [after["mediaId"]]


@pytest.mark.parametrize(
    ("method", "path", "status"),
    [
        ("GET", "/media/points/file/abc.def", 404),  # points keeps no photos
        ("GET", "/media/cases/other/abc.def", 404),
        ("GET", "/media/cases/file/not-a-token", 404),
        ("GET", "/media/cases/file/abc.def/more", 404),
        ("PUT", "/media/cases/file/abc.def", 405),
        ("GET", "/media/cases/upload/abc.def", 405),
    ],
)
def test_the_gateway_forwards_only_the_photo_routes(
    stack: Stack, method: str, path: str, status: int
) -> None:
    answer = httpx.request(method, f"{stack.gateway.url}{path}", timeout=30)

    assert answer.status_code == status
    if status == 404:
        assert answer.json()["errors"][0]["extensions"]["code"] == "NOT_FOUND"


async def test_a_chunked_upload_over_the_gateways_cap_is_cut_off(
    stack: Stack, area: Area, cases_db: Any
) -> None:
    ticket = ask_upload(area)

    def chunks() -> Any:
        yield b"\xff\xd8\xff"
        for _ in range(11):
            yield b"\0" * 1_000_000

    # a generator body goes out chunked, with no Content-Length to refuse it by
    answer = put(stack, ticket["uploadUrl"], chunks())  # type: ignore[arg-type]

    assert answer.status_code == 413
    assert answer.json()["errors"][0]["extensions"]["code"] == "PAYLOAD_TOO_LARGE"
    assert await cases_db["media.files"].count_documents({"filename": ticket["mediaId"]}) == 0
