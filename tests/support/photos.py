"""Small real photos made with Pillow for tests: JPEG, PNG, WebP, HEIC, with EXIF GPS if asked."""

from __future__ import annotations

import io
from fractions import Fraction

from PIL import Image

GPS_IFD = 0x8825
ORIENTATION = 0x0112


def _dms(value: float) -> tuple[Fraction, Fraction, Fraction]:
    value = abs(value)
    degrees = int(value)
    minutes = int((value - degrees) * 60)
    seconds = Fraction(round((value - degrees - minutes / 60) * 3600 * 10_000), 10_000)
    return Fraction(degrees), Fraction(minutes), seconds


def exif_with(
    lat: float | None = None, lng: float | None = None, orientation: int | None = None
) -> Image.Exif:
    exif = Image.Exif()
    if lat is not None and lng is not None:
        exif[GPS_IFD] = {
            1: "N" if lat >= 0 else "S",
            2: _dms(lat),
            3: "E" if lng >= 0 else "W",
            4: _dms(lng),
        }
    if orientation is not None:
        exif[ORIENTATION] = orientation
    exif[0x010F] = "TestCam"  # Make
    return exif


def photo(
    fmt: str = "JPEG",
    size: tuple[int, int] = (64, 48),
    *,
    lat: float | None = None,
    lng: float | None = None,
    orientation: int | None = None,
    colour: tuple[int, int, int] = (200, 60, 40),
) -> bytes:
    """A photo in `fmt` (JPEG, PNG, WEBP, HEIF) with a gradient, and EXIF when asked."""
    if fmt == "HEIF":
        import pillow_heif

        pillow_heif.register_heif_opener()
    image = Image.new("RGB", size, colour)
    for x in range(size[0]):
        image.putpixel((x, 0), (x % 256, 255 - x % 256, 0))
    out = io.BytesIO()
    exif = exif_with(lat, lng, orientation)
    image.save(out, fmt, exif=exif.tobytes())
    return out.getvalue()
