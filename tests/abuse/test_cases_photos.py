"""Photos on cases, attacked: an anonymous upload, a viewer of another community, a reused
upload URL, someone else's upload named in a report, a caller straight to the cases port, and a
forged download URL. Each sends the real request and checks that nothing was written or shown.

The stack is this module's own, with the gateway signing every subgraph request (as in
production), so the photo route's signature is exercised end to end.
"""

from __future__ import annotations

import time
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from grassroots_kit.gateway_signature import sign
from grassroots_kit.media.tokens import Claims, issue
from pymongo import AsyncMongoClient

from tests.cases.e2e_area import Area, make_area
from tests.support.photos import photo
from tests.support.stack import SERVICES, Stack, remove_stack_state

pytestmark = pytest.mark.e2e

SECRET = "abuse-photos-signing-secret-0123456789abcdef"
UPLOAD = """mutation($i: RequestPhotoUploadInput!) {
  requestPhotoUpload(input: $i) { mediaId uploadUrl } }"""
REPORT = """mutation($i: ReportCaseInput!) { reportCase(input: $i) { case { id } } }"""
PHOTOS = """query($id: ID!) { case(id: $id) { photos { id url thumbnailUrl } } }"""


@pytest.fixture(scope="module")
def photo_stack(
    mongo_url: str, rabbit_url: str, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Stack]:
    workdir: Path = tmp_path_factory.mktemp("abuse-photos")
    stack = Stack(mongo_url, rabbit_url, workdir, env={"SUBGRAPH_SIGNING_SECRET": SECRET})
    try:
        for service in SERVICES:
            stack.start_service(service)
        stack.start_gateway()
        yield stack
    finally:
        stack.stop()


@pytest.fixture(scope="module")
async def photo_cleanup(photo_stack: Stack, mongo_url: str) -> AsyncIterator[None]:
    yield
    await remove_stack_state(photo_stack, mongo_url)


@pytest.fixture(scope="module")
def area(photo_stack: Stack, photo_cleanup: None) -> Area:
    return make_area(f"{photo_stack.gateway.url}/graphql")


@pytest.fixture
async def cases_db(photo_stack: Stack, mongo_url: str) -> AsyncIterator[Any]:
    client: AsyncMongoClient[dict[str, Any]] = AsyncMongoClient(mongo_url, tz_aware=True)
    yield client[photo_stack.database("cases")]
    await client.close()


def send(method: str, url: str, **options: Any) -> httpx.Response:
    """One blocking HTTP request (the tests' requests go one at a time)."""
    return httpx.request(method, url, timeout=60, **options)


def uploaded(stack: Stack, area: Area, who: str = "resident") -> dict[str, Any]:
    ticket: dict[str, Any] = area.act(who, UPLOAD, {"i": {"purpose": "REPORT"}})[
        "requestPhotoUpload"
    ]
    answer = send("PUT", f"{stack.gateway.url}{ticket['uploadUrl']}", content=photo("JPEG"))
    assert answer.status_code == 201, answer.text
    return ticket


def codes(body: dict[str, Any]) -> set[str]:
    return {e["extensions"]["code"] for e in body.get("errors") or []}


async def test_anonymous_caller_cannot_get_an_upload_url_or_upload(
    photo_stack: Stack, area: Area, cases_db: Any
) -> None:
    before = await cases_db["media"].count_documents({})

    asked = area.call(None, UPLOAD, {"i": {"purpose": "REPORT"}})
    # a made-up upload URL: any token not signed by the service
    made_up = issue(b"a guess at the key, 32 bytes long", Claims("up", "x" * 32, "full", 2**40))
    put = send("PUT", f"{photo_stack.gateway.url}/media/cases/upload/{made_up}", content=photo())

    assert codes(asked) == {"UNAUTHENTICATED"}
    assert put.status_code == 403
    assert await cases_db["media"].count_documents({}) == before
    assert await cases_db["media.files"].count_documents({"filename": "x" * 32}) == 0


async def test_viewer_of_another_community_sees_neither_case_nor_photo(
    photo_stack: Stack, area: Area
) -> None:
    ticket = uploaded(photo_stack, area)
    case = area.act(
        "resident",
        REPORT,
        {"i": {"title": "Cracked step", "category": "INFRASTRUCTURE",
               "orgUnitId": area.units["building"], "mediaIds": [ticket["mediaId"]]}},
    )["reportCase"]["case"]  # fmt: skip
    stranger = make_area(f"{photo_stack.gateway.url}/graphql")

    for who in ("resident", "staff", "gridder"):
        body = stranger.call(who, PHOTOS, {"id": case["id"]})
        assert body["data"] == {"case": None}
        assert ticket["mediaId"] not in str(body)


async def test_an_upload_url_cannot_be_reused(
    photo_stack: Stack, area: Area, cases_db: Any
) -> None:
    ticket = uploaded(photo_stack, area)
    stored = await cases_db["media.files"].find_one({"filename": ticket["mediaId"]})

    again = send(
        "PUT", f"{photo_stack.gateway.url}{ticket['uploadUrl']}", content=photo("PNG", (90, 90))
    )

    assert again.status_code == 409
    assert again.json()["errors"][0]["extensions"]["code"] == "CONFLICT"
    assert await cases_db["media.files"].find_one({"filename": ticket["mediaId"]}) == stored


async def test_someone_elses_upload_cannot_be_named_in_a_report(
    photo_stack: Stack, area: Area, cases_db: Any
) -> None:
    # given the grid member's upload
    theirs = uploaded(photo_stack, area, "gridder")
    cases_before = await cases_db["cases"].count_documents({})

    # when the resident names it in their report
    body = area.call(
        "resident",
        REPORT,
        {"i": {"title": "Not my photo", "category": "OTHER",
               "orgUnitId": area.units["building"], "mediaIds": [theirs["mediaId"]]}},
    )  # fmt: skip

    # then NOT_FOUND, no case, and the upload is still the grid member's, unattached
    assert codes(body) == {"NOT_FOUND"}
    assert await cases_db["cases"].count_documents({}) == cases_before
    record = await cases_db["media"].find_one({"_id": theirs["mediaId"]})
    assert record["status"] == "STORED"
    assert "subject" not in record


async def test_an_attached_photo_cannot_be_attached_again(
    photo_stack: Stack, area: Area, cases_db: Any
) -> None:
    ticket = uploaded(photo_stack, area)
    first = {"title": "Pothole", "category": "INFRASTRUCTURE", "orgUnitId": area.units["building"]}
    area.act("resident", REPORT, {"i": {**first, "mediaIds": [ticket["mediaId"]]}})

    body = area.call("resident", REPORT, {"i": {**first, "mediaIds": [ticket["mediaId"]]}})

    assert codes(body) == {"NOT_FOUND"}


async def test_direct_caller_of_the_cases_port_cannot_upload_or_download(
    photo_stack: Stack, area: Area, cases_db: Any
) -> None:
    ticket: dict[str, Any] = area.act("resident", UPLOAD, {"i": {"purpose": "REPORT"}})[
        "requestPhotoUpload"
    ]
    token = ticket["uploadUrl"].rsplit("/", 1)[1]
    cases_port = photo_stack.processes["cases"][0].url
    body = photo()
    # unsigned, and signed with a wrong key
    unsigned = send("PUT", f"{cases_port}/media/upload/{token}", content=body)
    stamp = str(int(time.time()))
    forged = send(
        "PUT",
        f"{cases_port}/media/upload/{token}",
        content=body,
        headers={
            "x-gateway-timestamp": stamp,
            "x-gateway-signature": sign(b"not-the-secret-" * 3, stamp, "", "", body),
        },
    )
    download = send("GET", f"{cases_port}/media/file/{token}")

    assert unsigned.status_code == 401
    assert forged.status_code == 403
    assert download.status_code == 401
    record = await cases_db["media"].find_one({"_id": ticket["mediaId"]})
    assert record["status"] == "PENDING"  # the URL is still unused
    assert await cases_db["media.files"].count_documents({"filename": ticket["mediaId"]}) == 0


async def test_a_forged_download_url_is_refused(photo_stack: Stack, area: Area) -> None:
    # given two photos, one on a case the attacker may see, one on a case they may not
    mine = uploaded(photo_stack, area)
    case = area.act(
        "resident",
        REPORT,
        {"i": {"title": "Fallen sign", "category": "INFRASTRUCTURE",
               "orgUnitId": area.units["building"], "mediaIds": [mine["mediaId"]]}},
    )["reportCase"]["case"]  # fmt: skip
    seen = area.act("resident", PHOTOS, {"id": case["id"]})["case"]["photos"][0]
    other = uploaded(photo_stack, area, "gridder")
    base = f"{photo_stack.gateway.url}/media/cases/file/"
    claims, mac = seen["url"].rsplit("/", 1)[1].split(".")
    theirs_claims = issue(b"k" * 32, Claims("get", other["mediaId"], "full", 2**40)).split(".")[0]

    attempts = {
        # another photo's claims under my signature
        "swapped": f"{theirs_claims}.{mac}",
        # my photo, signed with a guessed key and a far expiry
        "guessed key": issue(b"k" * 32, Claims("get", mine["mediaId"], "full", 2**40)),
        # the upload URL used as a download URL
        "upload token": other["uploadUrl"].rsplit("/", 1)[1],
        # a token cut short
        "truncated": f"{claims}.{mac[:-4]}",
    }
    for name, token in attempts.items():
        answer = send("GET", base + token)
        assert answer.status_code == 403, (name, answer.text)
        assert answer.json()["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    # while the genuine URL works
    assert send("GET", f"{photo_stack.gateway.url}{seen['url']}").status_code == 200
