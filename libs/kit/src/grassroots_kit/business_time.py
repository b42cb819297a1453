"""Business time: the day, week, month and year boundaries of the place the service serves.

Instants are stored and compared in UTC, but a day, a month and a year are the business time
zone's (setting BUSINESS_TIME_ZONE, Asia/Shanghai by default): cut at UTC midnight, a case
reported at 01:00 on 1 January in Beijing would count in the previous year. Pure functions of
an instant and a zone; every boundary comes back as an aware UTC instant, so stores keep
querying [since, until) in UTC. Weeks start on Monday (ISO 8601).
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

DEFAULT_ZONE_NAME = "Asia/Shanghai"


def zone(name: str) -> ZoneInfo:
    """The zone named `name` (an IANA name), or ValueError saying it is not one."""
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError) as error:
        raise ValueError(f"{name!r} is not an IANA time zone name (e.g. Asia/Shanghai)") from error


DEFAULT_ZONE = zone(DEFAULT_ZONE_NAME)


def _aware(at: datetime) -> datetime:
    if at.tzinfo is None:
        # A naive instant is ambiguous; the stores hand back naive UTC unless tz_aware is set.
        return at.replace(tzinfo=UTC)
    return at


def local(at: datetime, tz: ZoneInfo) -> datetime:
    """`at` on the business clock."""
    return _aware(at).astimezone(tz)


def business_date(at: datetime, tz: ZoneInfo) -> date:
    """The business day `at` falls on."""
    return local(at, tz).date()


def business_year(at: datetime, tz: ZoneInfo) -> int:
    return business_date(at, tz).year


def day_start(day: date, tz: ZoneInfo) -> datetime:
    """The UTC instant the business day `day` begins (its first local instant, DST-safe)."""
    # datetime.combine with a ZoneInfo resolves gaps and folds per PEP 495 (fold=0): a day
    # that begins in a DST gap begins at the first instant after it.
    start = datetime.combine(day, time(0), tzinfo=tz).astimezone(UTC)
    return start


def day_bounds(at: datetime, tz: ZoneInfo) -> tuple[datetime, datetime]:
    """[start, end) in UTC of the business day containing `at` (23 or 25 hours across DST)."""
    day = business_date(at, tz)
    return day_start(day, tz), day_start(day + timedelta(days=1), tz)


def week_bounds(at: datetime, tz: ZoneInfo) -> tuple[datetime, datetime]:
    """[start, end) in UTC of the business week (Monday to Sunday) containing `at`."""
    monday = business_date(at, tz)
    monday -= timedelta(days=monday.weekday())
    return day_start(monday, tz), day_start(monday + timedelta(days=7), tz)


def _next_month(first: date) -> date:
    return date(first.year + first.month // 12, first.month % 12 + 1, 1)


def month_bounds(at: datetime, tz: ZoneInfo) -> tuple[datetime, datetime]:
    """[start, end) in UTC of the business month containing `at`."""
    first = business_date(at, tz).replace(day=1)
    return day_start(first, tz), day_start(_next_month(first), tz)


def year_bounds_of(year: int, tz: ZoneInfo) -> tuple[datetime, datetime]:
    """[start, end) in UTC of business year `year`."""
    return day_start(date(year, 1, 1), tz), day_start(date(year + 1, 1, 1), tz)


def year_bounds(at: datetime, tz: ZoneInfo) -> tuple[datetime, datetime]:
    """[start, end) in UTC of the business year containing `at`."""
    return year_bounds_of(business_year(at, tz), tz)


def day_key(at: datetime, tz: ZoneInfo) -> str:
    """The business day as YYYY-MM-DD (the key statistics buckets use)."""
    return business_date(at, tz).isoformat()


def month_key(at: datetime, tz: ZoneInfo) -> str:
    """The business month as YYYY-MM."""
    return business_date(at, tz).strftime("%Y-%m")
