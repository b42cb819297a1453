"""The organizers' photos of an activity: uploaded once, added by whoever organizes it, shown
(without EXIF) to whoever may see the activity; a volunteer cannot add them."""

from __future__ import annotations

from grassroots_kit.media.images import gps_from_bytes

from tests.participation.activity_helpers import CREATE_ACTIVITY, service_day_input
from tests.participation.helpers import C1, C1_STAFF, Participation
from tests.support.photos import photo

STAFF = {"as_person": "staff-c1", "grants": (C1_STAFF,)}
UPLOAD = """mutation { requestActivityPhotoUpload { mediaId uploadUrl } }"""
ADD = """mutation($input: AddActivityPhotosInput!) { addActivityPhotos(input: $input) {
  activity { id photos { id url thumbnailUrl } } } }"""
SEE = """query($id: ID!) { activity(id: $id) { photos { id url } } }"""


async def upload(p: Participation, **who: object) -> str:
    ticket = (await p.ok(UPLOAD, **who))["requestActivityPhotoUpload"]
    path = ticket["uploadUrl"].replace("/media/participation/", "/media/")
    answer = await p.service.client.put(path, content=photo("PNG", lat=28.24, lng=113.35))
    assert answer.status_code == 201, answer.text
    return str(ticket["mediaId"])


async def test_the_organizer_adds_photos_a_resident_of_the_unit_sees(participation):
    p: Participation = participation
    await p.ladder([("v1", "h1", C1)])
    created = await p.ok(CREATE_ACTIVITY, service_day_input(capacity=3), **STAFF)
    activity_id = created["createActivity"]["activity"]["id"]
    media_id = await upload(p, **STAFF)

    added = await p.ok(ADD, {"input": {"activityId": activity_id, "mediaIds": [media_id]}}, **STAFF)
    seen = await p.ok(SEE, {"id": activity_id}, as_person="v1")

    assert [ph["id"] for ph in added["addActivityPhotos"]["activity"]["photos"]] == [media_id]
    [shown] = seen["activity"]["photos"]
    answer = await p.service.client.get(shown["url"].replace("/media/participation/", "/media/"))
    assert answer.status_code == 200
    assert gps_from_bytes(answer.content) is None


async def test_a_volunteer_cannot_add_photos_to_an_activity(participation):
    p: Participation = participation
    await p.ladder([("v1", "h1", C1)])
    created = await p.ok(CREATE_ACTIVITY, service_day_input(capacity=3), **STAFF)
    activity_id = created["createActivity"]["activity"]["id"]
    media_id = await upload(p, as_person="v1")

    code = await p.refused(
        ADD, {"input": {"activityId": activity_id, "mediaIds": [media_id]}}, as_person="v1"
    )

    assert code == "FORBIDDEN"
    record = await p.db["media"].find_one({"_id": media_id})
    assert record["status"] == "STORED"
