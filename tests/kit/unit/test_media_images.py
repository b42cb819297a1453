"""Photos are judged by their bytes, cleaned of EXIF, turned upright and thumbnailed."""

from __future__ import annotations

import io

import pytest
from grassroots_kit.errors import BadUserInput
from grassroots_kit.media.images import ImageLimits, gps_from_bytes, prepare, sniff
from PIL import Image

from tests.support.photos import photo

LIMITS = ImageLimits(max_bytes=2_000_000, max_pixels=5_000_000, thumbnail_pixels=32)
HARBIN = (45.756967, 126.642464)


@pytest.mark.parametrize(
    ("fmt", "content_type"),
    [("JPEG", "image/jpeg"), ("PNG", "image/png"), ("WEBP", "image/webp"), ("HEIF", "image/heic")],
)
def test_the_type_comes_from_the_bytes(fmt: str, content_type: str) -> None:
    assert sniff(photo(fmt)) == content_type


def test_text_and_pdf_are_not_photos() -> None:
    assert sniff(b"%PDF-1.7\n") is None
    assert sniff(b"<svg xmlns='http://www.w3.org/2000/svg'/>") is None
    with pytest.raises(BadUserInput) as refused:
        prepare(b"GIF89a" + b"\0" * 100, LIMITS)
    assert refused.value.extensions["reason"] == "NOT_AN_IMAGE"


def test_gps_is_read_from_exif() -> None:
    point = gps_from_bytes(photo("JPEG", lat=HARBIN[0], lng=HARBIN[1]))
    assert point is not None
    assert point.lat == pytest.approx(HARBIN[0], abs=1e-5)
    assert point.lng == pytest.approx(HARBIN[1], abs=1e-5)


def test_southern_and_western_points_are_negative() -> None:
    point = gps_from_bytes(photo("JPEG", lat=-33.8568, lng=-70.6483))
    assert point is not None
    assert point.lat == pytest.approx(-33.8568, abs=1e-5)
    assert point.lng == pytest.approx(-70.6483, abs=1e-5)


def test_a_photo_without_gps_has_no_location() -> None:
    assert gps_from_bytes(photo("JPEG")) is None
    assert gps_from_bytes(b"not a photo") is None


@pytest.mark.parametrize("fmt", ["JPEG", "PNG", "WEBP", "HEIF"])
def test_what_is_kept_has_no_exif_but_the_location_is_known(fmt: str) -> None:
    prepared = prepare(photo(fmt, lat=HARBIN[0], lng=HARBIN[1]), LIMITS)
    assert prepared.location is not None
    assert prepared.location.lat == pytest.approx(HARBIN[0], abs=1e-5)
    for data in (prepared.data, prepared.thumbnail):
        with Image.open(io.BytesIO(data)) as kept:
            assert not kept.getexif()
            assert "exif" not in kept.info
        assert gps_from_bytes(data) is None
        assert b"TestCam" not in data


def test_heic_is_kept_as_jpeg() -> None:
    prepared = prepare(photo("HEIF"), LIMITS)
    assert prepared.sniffed == "image/heic"
    assert prepared.content_type == "image/jpeg"
    assert sniff(prepared.data) == "image/jpeg"


def test_orientation_is_applied_to_the_pixels() -> None:
    # Orientation 6: the camera was turned; the picture is shown rotated 90° clockwise.
    prepared = prepare(photo("JPEG", size=(64, 48), orientation=6), LIMITS)
    assert (prepared.width, prepared.height) == (48, 64)
    with Image.open(io.BytesIO(prepared.data)) as kept:
        assert kept.size == (48, 64)


def test_the_thumbnail_fits_its_box() -> None:
    prepared = prepare(photo("PNG", size=(200, 100)), LIMITS)
    with Image.open(io.BytesIO(prepared.thumbnail)) as thumb:
        assert thumb.format == "JPEG"
        assert max(thumb.size) == 32


def test_a_truncated_photo_is_refused() -> None:
    data = photo("JPEG", size=(300, 200))
    with pytest.raises(BadUserInput) as refused:
        prepare(data[: len(data) // 2], LIMITS)
    assert refused.value.extensions["reason"] == "CORRUPT"


def test_a_truncated_png_is_refused() -> None:
    data = photo("PNG", size=(300, 200))
    with pytest.raises(BadUserInput) as refused:
        prepare(data[: len(data) - 40], LIMITS)
    assert refused.value.extensions["reason"] == "CORRUPT"


def test_too_many_bytes_are_refused() -> None:
    with pytest.raises(BadUserInput) as refused:
        prepare(photo("PNG"), ImageLimits(max_bytes=100))
    assert refused.value.extensions["reason"] == "TOO_LARGE"


def test_too_many_pixels_are_refused() -> None:
    with pytest.raises(BadUserInput) as refused:
        prepare(photo("PNG", size=(400, 400)), ImageLimits(max_pixels=100_000))
    assert refused.value.extensions["reason"] == "TOO_LARGE"


def test_a_jpeg_header_on_other_bytes_is_refused() -> None:
    with pytest.raises(BadUserInput) as refused:
        prepare(b"\xff\xd8\xff\xe0" + b"x" * 200, LIMITS)
    assert refused.value.extensions["reason"] in {"NOT_AN_IMAGE", "CORRUPT"}
