"""Case statistics as arithmetic on counters: what one case adds, and how counters become figures.

A case counts in the period it was *reported* in (its cohort), with its current state: when it
changes, the counters of its report day and month, at its org unit and every ancestor, change by
`contribution(after) - contribution(before)`. Counters add up, so any set of days and months (and
any set of cases) sums to the figures of their union. Durations go into histogram buckets
(`bucket`): a percentile read from the counters is the exact nearest-rank percentile rounded
down to its bucket, at most 1/32 (3.1%) below it, and exact for whole minutes below 2.5 hours,
whole quarter-hours below 32 hours, whole hours below 8 days.

Days and months are the business time zone's (`grassroots_kit.business_time`), passed in as
`tz`: a case reported at 01:00 on 1 January in Beijing counts in January of the new year.

Pure: no I/O, no clock.
"""

from __future__ import annotations

import math
import zlib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from grassroots_kit import business_time

from grassroots_cases.domain.model import Case
from grassroots_cases.domain.vocabulary import HANDLED_STATUSES, OPEN_STATUSES, Status

# A district's current month is written by every change to its recent cases; spreading each
# period over a few documents (by case id) keeps concurrent transactions off one document. Below
# the street level writers are few: one document per period.
SHARDS = 4
SHARDED_LEVELS = 2  # district, street
# Days are kept down to the community: a ragged period of a grid or below reads the cases of
# its partial months (a grid has a few hundred a month), not a day document per case.
DAILY_LEVELS = 3  # district, street, community
DAY, MONTH = "D", "M"

# Bucket steps in seconds; a duration takes the largest step at most 1/32 of it.
_STEPS = (1, 5, 15, 60, 300, 900, 3600, 6 * 3600, 24 * 3600)
_RESOLUTION = 32


@dataclass(frozen=True)
class Facts:
    """What one case contributes to the statistics of its report day."""

    case_id: str
    org_unit_path: tuple[str, ...]
    created_at: datetime
    category: str
    status: Status
    breaches: int = 0
    rating: int | None = None
    first_response_at: datetime | None = None
    resolved_at: datetime | None = None

    @classmethod
    def of(cls, case: Case) -> Facts:
        return cls(
            case_id=case.id,
            org_unit_path=tuple(case.org_unit_path),
            created_at=case.created_at,
            category=case.category.value,
            status=case.status,
            breaches=case.breach_count,
            rating=case.rating.score if case.rating else None,
            first_response_at=case.first_response_at,
            resolved_at=case.resolved_at,
        )

    @property
    def shard(self) -> int:
        return zlib.crc32(self.case_id.encode()) % SHARDS


@dataclass(frozen=True, order=True)
class RollupKey:
    """The counters of one org unit (with its subtree) for one report day or month."""

    unit: str
    period: str  # YYYY-MM-DD (a day) or YYYY-MM (a month), in the business time zone
    shard: int

    @property
    def grain(self) -> str:
        return DAY if len(self.period) == 10 else MONTH

    @property
    def id(self) -> str:
        return f"{self.unit}|{self.period}|{self.shard}"


Counters = dict[str, int]


def bucket(seconds: float) -> int:
    """The histogram bucket of a duration: rounded down to a step at most 1/32 of it."""
    whole = max(0, math.floor(seconds))
    step = 1
    for candidate in _STEPS:
        if candidate * _RESOLUTION <= whole:
            step = candidate
    return whole // step * step


def _seconds(since: datetime, until: datetime | None) -> float | None:
    return None if until is None else (until - since).total_seconds()


def contribution(facts: Facts, tz: ZoneInfo) -> Counters:
    """The counters one case adds to its cohort, by dotted name (as stored)."""
    handled = int(facts.status in HANDLED_STATUSES)
    month = business_time.month_key(facts.created_at, tz)
    counters: Counters = {
        "collected": 1,
        "handled": handled,
        "rejected": int(facts.status is Status.REJECTED),
        "open": int(facts.status in OPEN_STATUSES),
        "breaches": facts.breaches,
        "ratingSum": facts.rating or 0,
        "ratings": int(facts.rating is not None),
        f"cat.{facts.category}.c": 1,
        f"cat.{facts.category}.h": handled,
        f"month.{month}.c": 1,
        f"month.{month}.h": handled,
    }
    for name, until in (("fr", facts.first_response_at), ("res", facts.resolved_at)):
        seconds = _seconds(facts.created_at, until)
        if seconds is not None:
            counters[f"{name}.{bucket(seconds)}"] = 1
    return counters


def add(total: Counters, part: Mapping[str, int], sign: int = 1) -> Counters:
    for name, value in part.items():
        total[name] = total.get(name, 0) + sign * value
    return total


def has_days(depth: int) -> bool:
    """Whether a unit this deep in the ladder (the district is 0) has day rollups."""
    return depth < DAILY_LEVELS


def rollup_keys(path: Sequence[str], day: str, shard: int) -> list[RollupKey]:
    """The rollups a case reported on `day` (YYYY-MM-DD) at the end of `path` counts in."""
    keys = []
    for depth, unit in enumerate(path):
        in_shard = shard if depth < SHARDED_LEVELS else 0
        keys.append(RollupKey(unit, day[:7], in_shard))
        if has_days(depth):
            keys.append(RollupKey(unit, day, in_shard))
    return keys


def day_of(at: datetime, tz: ZoneInfo) -> str:
    return business_time.day_key(at, tz)


def keys_of(facts: Facts, tz: ZoneInfo) -> list[RollupKey]:
    return rollup_keys(facts.org_unit_path, day_of(facts.created_at, tz), facts.shard)


def changes(
    pairs: Iterable[tuple[Facts | None, Facts | None]], tz: ZoneInfo
) -> dict[RollupKey, Counters]:
    """The increments that take the counters from each case's `before` to its `after`.

    A new case is `(None, after)`; a moved one changes only the ancestors it left and joined.
    Counters that end at zero change are left out, and so are keys with nothing left.
    """
    out: dict[RollupKey, Counters] = {}
    for before, after in pairs:
        for facts, sign in ((before, -1), (after, 1)):
            if facts is None:
                continue
            part = contribution(facts, tz)
            for key in keys_of(facts, tz):
                add(out.setdefault(key, {}), part, sign)
    return {
        key: nonzero
        for key, counters in out.items()
        if (nonzero := {n: v for n, v in counters.items() if v})
    }


# --- reading -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Cover:
    """A period as whole months, whole days and the partial days at its ends."""

    periods: list[str]
    edges: list[tuple[datetime, datetime]]


def _next_month(first: date) -> date:
    return date(first.year + first.month // 12, first.month % 12 + 1, 1)


def cover(since: datetime, until: datetime, tz: ZoneInfo, *, days: bool = True) -> Cover:
    """Without day rollups (`days=False`) the partial months at the ends are read as cases.

    Whole days and months are the business zone's, so the edges are cut at its midnights.
    """
    start = business_time.day_start
    if days:
        first = business_time.business_date(since, tz)
        if start(first, tz) < since:
            first += timedelta(days=1)
        last = business_time.business_date(until, tz)
    else:
        first = business_time.business_date(since, tz).replace(day=1)
        if start(first, tz) < since:
            first = _next_month(first)
        last = business_time.business_date(until, tz).replace(day=1)
    if first >= last:
        return Cover([], [(since, until)] if since < until else [])
    edges = [(a, b) for a, b in ((since, start(first, tz)), (start(last, tz), until)) if a < b]
    periods: list[str] = []
    day = first
    while day < last:
        month_end = _next_month(day)
        if day.day == 1 and month_end <= last:
            periods.append(day.strftime("%Y-%m"))
            day = month_end
        else:
            periods.append(day.isoformat())
            day += timedelta(days=1)
    return Cover(periods, edges)


@dataclass(frozen=True)
class Breakdown:
    key: str
    collected: int
    handled: int


@dataclass(frozen=True)
class Percentiles:
    median_seconds: float | None
    p90_seconds: float | None


@dataclass(frozen=True)
class CaseStatistics:
    collected: int
    handled: int
    rejected: int
    open: int
    overdue_now: int
    sla_breaches: int
    average_rating: float | None
    ratings: int
    first_response: Percentiles
    resolution: Percentiles
    by_category: list[Breakdown]
    by_month: list[Breakdown]

    @property
    def completion_rate(self) -> float | None:
        return self.handled / self.collected if self.collected else None


def _nearest_rank(histogram: Mapping[int, int], p: float) -> float | None:
    """The ceil(p * n)-th of the n sorted values (the definition the aggregation used)."""
    n = sum(histogram.values())
    if n == 0:
        return None
    rank = max(math.ceil(p * n), 1)
    seen = 0
    for value in sorted(histogram):
        seen += histogram[value]
        if seen >= rank:
            return float(value)
    raise AssertionError("unreachable")


def _sections(total: Mapping[str, int]) -> dict[str, dict[str, int]]:
    """`{"cat.X.c": 1, "fr.60": 2}` → `{"cat": {"X.c": 1}, "fr": {"60": 2}}`, in one pass."""
    sections: dict[str, dict[str, int]] = {}
    for name, value in total.items():
        head, _, rest = name.partition(".")
        if rest:
            sections.setdefault(head, {})[rest] = value
    return sections


def _breakdown(section: Mapping[str, int]) -> list[Breakdown]:
    groups: dict[str, dict[str, int]] = {}
    for name, value in section.items():
        key, field = name.rsplit(".", 1)
        groups.setdefault(key, {})[field] = value
    return [
        Breakdown(key, g.get("c", 0), g.get("h", 0))
        for key, g in sorted(groups.items())
        if g.get("c", 0) > 0
    ]


def _percentiles(section: Mapping[str, int]) -> Percentiles:
    histogram = {int(name): value for name, value in section.items() if value > 0}
    return Percentiles(_nearest_rank(histogram, 0.5), _nearest_rank(histogram, 0.9))


def summarize(total: Mapping[str, int], overdue_now: int) -> CaseStatistics:
    """The figures of summed counters (`overdue_now` depends on the clock: counted apart)."""
    ratings = total.get("ratings", 0)
    sections = _sections(total)
    return CaseStatistics(
        collected=total.get("collected", 0),
        handled=total.get("handled", 0),
        rejected=total.get("rejected", 0),
        open=total.get("open", 0),
        overdue_now=overdue_now,
        sla_breaches=total.get("breaches", 0),
        average_rating=total.get("ratingSum", 0) / ratings if ratings else None,
        ratings=ratings,
        first_response=_percentiles(sections.get("fr", {})),
        resolution=_percentiles(sections.get("res", {})),
        by_category=_breakdown(sections.get("cat", {})),
        by_month=_breakdown(sections.get("month", {})),
    )
