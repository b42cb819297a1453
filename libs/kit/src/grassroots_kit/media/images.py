"""What an uploaded photo is, decided from its bytes alone, and the copy others may see.

Pure: bytes in, bytes and facts out. The declared content type is never trusted; the magic
numbers say what a file is, Pillow must decode all of it, and what is kept is re-encoded
without any metadata (EXIF, GPS, XMP, comments) with its orientation applied to the pixels.
"""

from __future__ import annotations

import io
import math
import warnings
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Final, Literal

from PIL import Image, ImageOps, UnidentifiedImageError

from grassroots_kit.errors import BadUserInput
from grassroots_kit.i18n import msg

ContentType = Literal["image/jpeg", "image/png", "image/webp", "image/heic"]
CONTENT_TYPES: Final[tuple[ContentType, ...]] = (
    "image/jpeg",
    "image/png",
    "image/webp",
    "image/heic",
)
# ISO base media brands of HEIF stills (HEVC-coded: heic/heix, sequences: hevc/hevx, the
# generic image brand mif1 that iPhones also list).
_HEIF_BRANDS: Final = frozenset({b"heic", b"heix", b"heim", b"heis", b"hevc", b"hevx", b"mif1"})

# EXIF tags (CIPA DC-008): the GPS and Exif sub-IFDs and the fields read from them.
_GPS_IFD: Final = 0x8825
_EXIF_IFD: Final = 0x8769
_DATE_TIME_ORIGINAL: Final = 0x9003
_GPS_LAT_REF, _GPS_LAT, _GPS_LNG_REF, _GPS_LNG = 1, 2, 3, 4


@dataclass(frozen=True)
class ImageLimits:
    max_bytes: int = 10_000_000
    # A small file can decode into an enormous bitmap (a "decompression bomb"): 40 Mpx is
    # beyond any phone camera sold today.
    max_pixels: int = 40_000_000
    thumbnail_pixels: int = 320


@dataclass(frozen=True)
class GeoPoint:
    """WGS-84 degrees, as a camera's GPS wrote them."""

    lat: float
    lng: float


@dataclass(frozen=True)
class PreparedImage:
    content_type: ContentType  # of `data`: HEIC is re-encoded as JPEG, which browsers show
    sniffed: ContentType  # what the upload was
    data: bytes
    width: int
    height: int
    thumbnail: bytes
    thumbnail_type: ContentType
    location: GeoPoint | None  # from the EXIF that `data` no longer carries
    taken_at: datetime | None


def sniff(data: bytes) -> ContentType | None:
    """The image type the bytes begin with, or None."""
    if data.startswith(b"\xff\xd8\xff"):
        return "image/jpeg"
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "image/png"
    if len(data) >= 12 and data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "image/webp"
    if len(data) >= 12 and data[4:8] == b"ftyp" and data[8:12] in _HEIF_BRANDS:
        return "image/heic"
    return None


def _not_an_image() -> BadUserInput:
    return BadUserInput(
        msg("the upload is not a JPEG, PNG, WebP or HEIC photo"), reason="NOT_AN_IMAGE"
    )


def _corrupt() -> BadUserInput:
    return BadUserInput(
        msg("the photo is truncated or damaged: upload the whole file again"), reason="CORRUPT"
    )


def too_large(limit: int) -> BadUserInput:
    return BadUserInput(
        msg("the photo is larger than {limit} bytes", limit=limit), reason="TOO_LARGE"
    )


_heif_registered = False


def _register_heif() -> None:
    global _heif_registered
    if not _heif_registered:
        import pillow_heif

        pillow_heif.register_heif_opener()
        _heif_registered = True


def prepare(data: bytes, limits: ImageLimits) -> PreparedImage:
    """The upload checked, cleaned and thumbnailed, or BadUserInput with a `reason`."""
    if len(data) > limits.max_bytes:
        raise too_large(limits.max_bytes)
    sniffed = sniff(data)
    if sniffed is None:
        raise _not_an_image()
    if sniffed == "image/heic":
        _register_heif()
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(io.BytesIO(data))
            if image.width * image.height > limits.max_pixels:
                raise BadUserInput(
                    msg("the photo has more than {limit} pixels", limit=limits.max_pixels),
                    reason="TOO_LARGE",
                )
            if _format_type(image.format) != sniffed:
                raise _not_an_image()
            image.load()  # a truncated file fails here (LOAD_TRUNCATED_IMAGES stays off)
    except BadUserInput:
        raise
    except (UnidentifiedImageError, Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise _not_an_image() from None
    except (OSError, SyntaxError, ValueError, EOFError):
        raise _corrupt() from None
    exif = image.getexif()
    location = gps_location(exif)
    taken_at = _taken_at(exif)
    upright = ImageOps.exif_transpose(image)
    kept_type: ContentType = "image/jpeg" if sniffed == "image/heic" else sniffed
    clean = _encode(upright, kept_type, quality=90)
    thumb = upright.copy()
    thumb.thumbnail((limits.thumbnail_pixels, limits.thumbnail_pixels))
    thumbnail = _encode(thumb, "image/jpeg", quality=80)
    return PreparedImage(
        content_type=kept_type,
        sniffed=sniffed,
        data=clean,
        width=upright.width,
        height=upright.height,
        thumbnail=thumbnail,
        thumbnail_type="image/jpeg",
        location=location,
        taken_at=taken_at,
    )


_FORMATS: Final[dict[str, ContentType]] = {
    "JPEG": "image/jpeg",
    "PNG": "image/png",
    "WEBP": "image/webp",
    "HEIF": "image/heic",
}


def _format_type(name: str | None) -> ContentType | None:
    return _FORMATS.get(name or "")


def _encode(image: Image.Image, content_type: ContentType, *, quality: int) -> bytes:
    """Pillow writes no EXIF, XMP or comment unless asked to; nothing is passed here."""
    out = io.BytesIO()
    if content_type == "image/jpeg":
        if image.mode not in ("RGB", "L"):
            image = image.convert("RGB")
        image.save(out, "JPEG", quality=quality, optimize=True)
    elif content_type == "image/png":
        image.save(out, "PNG", optimize=True)
    else:
        image.save(out, "WEBP", quality=quality)
    return out.getvalue()


def gps_location(exif: Image.Exif) -> GeoPoint | None:
    """The GPS position an EXIF block records, or None when it has none or it is malformed."""
    try:
        gps = exif.get_ifd(_GPS_IFD)
    except (KeyError, ValueError, TypeError):
        return None
    if not gps:
        return None
    lat = _degrees(gps.get(_GPS_LAT), gps.get(_GPS_LAT_REF), "N", "S", 90.0)
    lng = _degrees(gps.get(_GPS_LNG), gps.get(_GPS_LNG_REF), "E", "W", 180.0)
    if lat is None or lng is None:
        return None
    return GeoPoint(lat=lat, lng=lng)


def gps_from_bytes(data: bytes) -> GeoPoint | None:
    """The GPS position in a photo file's EXIF, or None (also for files Pillow cannot open)."""
    if sniff(data) == "image/heic":
        _register_heif()
    try:
        with Image.open(io.BytesIO(data)) as image:
            return gps_location(image.getexif())
    except (UnidentifiedImageError, OSError, ValueError, SyntaxError):
        return None


def _degrees(value: Any, ref: Any, positive: str, negative: str, bound: float) -> float | None:
    try:
        d, m, s = (float(part) for part in value)
    except (TypeError, ValueError, ZeroDivisionError):
        return None
    if isinstance(ref, bytes):
        ref = ref.decode("ascii", "replace")
    ref = str(ref or positive).strip().upper()[:1]
    if ref not in (positive, negative):
        return None
    degrees = d + m / 60 + s / 3600
    if not math.isfinite(degrees) or degrees > bound:
        return None
    return -degrees if ref == negative else degrees


def _taken_at(exif: Image.Exif) -> datetime | None:
    """The camera's DateTimeOriginal: local time of an unknown zone, kept naive."""
    try:
        raw = exif.get_ifd(_EXIF_IFD).get(_DATE_TIME_ORIGINAL)
        return datetime.strptime(str(raw).strip("\x00 "), "%Y:%m:%d %H:%M:%S") if raw else None
    except (KeyError, ValueError, TypeError):
        return None
