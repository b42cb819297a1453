"""Photos of a visit: the visitor uploads them, names them in logVisit, and the confirmer sees
them (without EXIF) when confirming; someone else's upload cannot be named."""

from __future__ import annotations

import io

from grassroots_kit.media.images import gps_from_bytes
from PIL import Image

from tests.people.integration.graph import PeopleGraph
from tests.support.photos import photo

UPLOAD = """mutation { requestVisitPhotoUpload { mediaId uploadUrl } }"""
VISIT = """mutation($i: LogVisitInput!) { logVisit(input: $i) {
  visit { id photos { id width height url thumbnailUrl } } } }"""
CONFIRM = """mutation($i: ConfirmVisitInput!) { confirmVisit(input: $i) {
  visit { photos { id url } } } }"""


async def upload(graph: PeopleGraph, token: str) -> str:
    ticket = (await graph.ok(UPLOAD, token=token))["requestVisitPhotoUpload"]
    path = ticket["uploadUrl"].replace("/media/people/", "/media/")
    answer = await graph.service.client.put(path, content=photo("JPEG", lat=28.35, lng=112.81))
    assert answer.status_code == 201, answer.text
    return str(ticket["mediaId"])


async def test_the_confirmer_sees_the_visitors_photos_without_their_location(
    graph: PeopleGraph,
) -> None:
    area = await graph.area()
    household = await graph.household(area.neighborhood, "Liaoyuan Road No. 26, Room 302")
    chief = await graph.staff("Group Chief", "13800000183", "GROUP_CHIEF", area.group)
    await graph.person("Shi Kai", "13800000114", household=household)
    member = await graph.token("13800000114")
    media_id = await upload(graph, chief)

    logged = await graph.ok(
        VISIT, {"i": {"householdId": household, "notes": "Stairs fixed", "mediaIds": [media_id]}},
        chief,
    )  # fmt: skip
    visit = logged["logVisit"]["visit"]
    confirmed = await graph.ok(CONFIRM, {"i": {"visitId": visit["id"]}}, member)

    assert [p["id"] for p in visit["photos"]] == [media_id]
    [seen] = confirmed["confirmVisit"]["visit"]["photos"]
    path = seen["url"].replace("/media/people/", "/media/")
    answer = await graph.service.client.get(path)
    assert answer.status_code == 200
    assert gps_from_bytes(answer.content) is None
    with Image.open(io.BytesIO(answer.content)) as shown:
        assert not shown.getexif()


async def test_someone_elses_upload_cannot_be_named_in_a_visit(graph: PeopleGraph) -> None:
    area = await graph.area()
    household = await graph.household(area.neighborhood, "Liaoyuan Road No. 26, Room 303")
    chief = await graph.staff("Group Chief", "13800000283", "GROUP_CHIEF", area.group)
    await graph.person("Shi Kai", "13800000214", household=household)
    member = await graph.token("13800000214")
    theirs = await upload(graph, member)

    error = await graph.error(VISIT, {"i": {"householdId": household, "mediaIds": [theirs]}}, chief)

    assert error["extensions"]["code"] == "NOT_FOUND"
