"""Demo photos: pictures drawn with Pillow for the named cases, uploaded as a resident would
(`requestPhotoUpload`, then a PUT of the bytes to the gateway), with the case's real place in
their EXIF GPS, which the service strips from what others see (docs/media.md).

Pillow comes with the kit; a loader run where it is missing reports the cases without photos.
"""

from __future__ import annotations

import io
import urllib.request
from fractions import Fraction
from typing import Any

from scripts.demo.graphql_client import GraphQLClient

UPLOAD = """mutation($i: RequestPhotoUploadInput!) {
  requestPhotoUpload(input: $i) { mediaId uploadUrl } }"""

# Where the named cases are (WGS-84, approximate: the street or village, not a door).
PLACES: dict[str, tuple[float, float]] = {
    "哈尔滨路3号院内污水管道破裂外溢": (36.0876, 120.3768),  # Harbin Road, Shibei, Qingdao
    "辽源路26号院内公共晾衣架倒塌": (36.0905, 120.3741),  # Liaoyuan Road, Shibei
    "60多个流动摊贩堵住桃花井北门": (28.3542, 112.8180),  # Taohuajing, Wangcheng, Changsha
    "京城苑5栋楼前路面塌陷": (27.7380, 113.1460),  # Jingchengyuan, Lukou, Zhuzhou
    "金鼎山村一组村道排水沟堵塞": (28.2450, 113.3540),  # Jindingshan village, Chunhua
}


def _dms(value: float) -> tuple[Fraction, Fraction, Fraction]:
    value = abs(value)
    degrees = int(value)
    minutes = int((value - degrees) * 60)
    seconds = Fraction(round((value - degrees - minutes / 60) * 3600 * 100), 100)
    return Fraction(degrees), Fraction(minutes), seconds


def picture(seed: str, *, after: bool, place: tuple[float, float] | None) -> bytes | None:
    """A 960x720 JPEG: a scene in the case's colours, EXIF GPS at `place`; None without Pillow."""
    try:
        from PIL import Image, ImageDraw
    except ImportError:
        return None
    tone = sum(seed.encode()) % 360
    sky = (90 + tone % 60, 130 + tone % 50, 170) if after else (120, 110 + tone % 40, 100)
    image = Image.new("RGB", (960, 720), sky)
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 430, 960, 720), fill=(110, 105, 95) if not after else (150, 150, 140))
    for i in range(6):
        x = 60 + i * 150
        draw.rectangle((x, 180 + (tone + i * 37) % 90, x + 110, 430), fill=(200, 190, 170))
    if after:
        draw.ellipse((380, 500, 580, 620), outline=(40, 160, 60), width=14)  # fixed
    else:
        draw.polygon(((300, 520), (660, 560), (540, 660), (340, 640)), fill=(60, 50, 40))
    exif = Image.Exif()
    if place is not None:
        lat, lng = place
        exif[0x8825] = {1: "N", 2: _dms(lat), 3: "E", 4: _dms(lng)}
    out = io.BytesIO()
    image.save(out, "JPEG", quality=85, exif=exif.tobytes())
    return out.getvalue()


def upload(client: GraphQLClient, data: bytes, purpose: str) -> str:
    """Upload one photo as `client`'s person; its media id, to name in a mutation."""
    ticket: dict[str, Any] = client.execute(UPLOAD, {"i": {"purpose": purpose}})[
        "requestPhotoUpload"
    ]
    base = client.url.rsplit("/graphql", 1)[0]
    request = urllib.request.Request(
        base + ticket["uploadUrl"],
        data=data,
        method="PUT",
        headers={"content-type": "image/jpeg"},
    )
    with urllib.request.urlopen(request, timeout=60) as response:
        if response.status != 201:
            raise RuntimeError(f"photo upload answered {response.status}")
    return str(ticket["mediaId"])


def with_photo(
    client: GraphQLClient, fields: dict[str, Any], title: str, *, after: bool
) -> dict[str, Any]:
    """`fields` of a report (or a resolution, `after`) with a demo photo attached."""
    data = picture(title, after=after, place=PLACES.get(title))
    if data is None:
        return fields
    media_id = upload(client, data, "RESOLUTION" if after else "REPORT")
    extra: dict[str, Any] = {"mediaIds": [media_id]}
    if not after and title in PLACES:
        extra["usePhotoLocation"] = True
    return {**fields, **extra}
