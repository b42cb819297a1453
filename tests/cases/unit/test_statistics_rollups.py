"""The rollup arithmetic: what a case adds, how changes move counters, how counters read back."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from grassroots_cases.domain.statistics import (
    SHARDS,
    Facts,
    RollupKey,
    add,
    bucket,
    changes,
    contribution,
    cover,
    summarize,
)
from grassroots_cases.domain.vocabulary import Status

from tests.cases.unit.builders import PATH, case

H = timedelta(hours=1)
# Most tests here cut days at UTC midnight, to read plainly; the business zone's own are below.
UTC_ZONE = ZoneInfo("UTC")
SHANGHAI = ZoneInfo("Asia/Shanghai")
T = datetime(2026, 3, 2, 8, 0, tzinfo=UTC)


def facts(status: Status = Status.REPORTED, **changes: object) -> Facts:
    base = Facts("c1", tuple(PATH), T, "SEWAGE_WATER", status)
    return replace(base, **changes)  # type: ignore[arg-type]


def test_a_new_case_counts_once_at_its_unit_and_every_ancestor_by_month_and_down_to_the_community_by_day():
    new = facts()

    increments = changes([(None, new)], UTC_ZONE)

    shard = new.shard
    assert set(increments) == {
        RollupKey("district", "2026-03", shard),
        RollupKey("district", "2026-03-02", shard),
        RollupKey("street", "2026-03", shard),
        RollupKey("street", "2026-03-02", shard),
        RollupKey("community", "2026-03", 0),  # below the street: one document, no shards
        RollupKey("community", "2026-03-02", 0),
        RollupKey("grid", "2026-03", 0),  # below the community: months only
    }
    assert increments[RollupKey("district", "2026-03", shard)] == {
        "collected": 1,
        "open": 1,
        "cat.SEWAGE_WATER.c": 1,
        "month.2026-03.c": 1,
    }


def test_a_resolution_moves_the_case_from_open_to_handled_and_adds_its_duration():
    before = facts(Status.IN_PROGRESS, first_response_at=T + H)
    after = replace(before, status=Status.RESOLVED, resolved_at=T + 20 * H)

    increments = changes([(before, after)], UTC_ZONE)

    assert increments[RollupKey("grid", "2026-03", 0)] == {
        "handled": 1,
        "open": -1,
        "cat.SEWAGE_WATER.h": 1,
        "month.2026-03.h": 1,
        "res.72000": 1,
    }


def test_a_change_that_does_not_touch_the_figures_changes_no_counter():
    before = facts(Status.ACCEPTED, first_response_at=T + H)

    assert changes([(before, replace(before, status=Status.ASSIGNED))], UTC_ZONE) == {}


def test_a_moved_case_leaves_only_the_ancestors_it_no_longer_has():
    before = facts(Status.CLOSED, rating=4)
    after = replace(before, org_unit_path=("district", "street2", "community"))

    increments = changes([(before, after)], UTC_ZONE)

    units = {key.unit for key in increments}
    assert units == {"street", "street2", "grid"}
    assert increments[RollupKey("street2", "2026-03", before.shard)]["ratingSum"] == 4
    assert increments[RollupKey("grid", "2026-03", 0)]["collected"] == -1


def test_the_shard_is_a_function_of_the_case_id():
    shards = {replace(facts(), case_id=f"case-{n}").shard for n in range(100)}

    assert shards == set(range(SHARDS))


def test_facts_of_a_case_carry_what_the_statistics_need():
    closed = case(Status.CLOSED, breach_count=2)

    f = Facts.of(closed)

    assert (f.status, f.breaches, f.resolved_at) == (Status.CLOSED, 2, closed.resolved_at)
    assert f.org_unit_path == PATH


@pytest.mark.parametrize(
    ("seconds", "expected"),
    [
        (0, 0),
        (31.9, 31),
        (59, 59),  # whole seconds below 160 s, then 5 s steps
        (161, 160),
        (7 * 60, 420),
        (4 * 3600, 4 * 3600),
        (40 * 3600, 40 * 3600),
        (40 * 3600 + 59 * 60, 40 * 3600),
        (10 * 86400 + 5, 10 * 86400),
    ],
)
def test_a_bucket_rounds_a_duration_down_to_its_step(seconds: float, expected: int):
    assert bucket(seconds) == expected


def test_a_bucket_is_never_more_than_a_32nd_below_the_duration():
    for seconds in range(0, 3 * 366 * 86400, 7919):
        value = bucket(seconds)
        assert value <= seconds
        assert seconds - value <= seconds / 32
    assert [bucket(s) for s in range(0, 100_000, 37)] == sorted(
        bucket(s) for s in range(0, 100_000, 37)
    )


def test_an_aligned_year_reads_twelve_months_and_no_cases():
    year = cover(datetime(2026, 1, 1, tzinfo=UTC), datetime(2027, 1, 1, tzinfo=UTC), UTC_ZONE)

    assert year.periods == [f"2026-{m:02d}" for m in range(1, 13)]
    assert year.edges == []


def test_a_ragged_period_reads_partial_days_from_the_cases_and_whole_ones_from_rollups():
    since = datetime(2026, 1, 30, 12, tzinfo=UTC)
    until = datetime(2026, 3, 2, 6, tzinfo=UTC)

    period = cover(since, until, UTC_ZONE)

    assert period.periods == ["2026-01-31", "2026-02", "2026-03-01"]
    assert period.edges == [
        (since, datetime(2026, 1, 31, tzinfo=UTC)),
        (datetime(2026, 3, 2, tzinfo=UTC), until),
    ]


def test_without_day_rollups_the_partial_months_are_read_from_the_cases():
    since = datetime(2026, 1, 30, 12, tzinfo=UTC)
    until = datetime(2026, 4, 2, 6, tzinfo=UTC)

    period = cover(since, until, UTC_ZONE, days=False)

    assert period.periods == ["2026-02", "2026-03"]
    assert period.edges == [
        (since, datetime(2026, 2, 1, tzinfo=UTC)),
        (datetime(2026, 4, 1, tzinfo=UTC), until),
    ]
    assert cover(since, datetime(2026, 2, 20, tzinfo=UTC), UTC_ZONE, days=False).periods == []


def test_a_period_within_one_day_is_read_from_the_cases():
    since, until = T, T + H

    assert cover(since, until, UTC_ZONE).periods == []
    assert cover(since, until, UTC_ZONE).edges == [(since, until)]


def test_summed_counters_give_the_figures_with_nearest_rank_percentiles():
    total: dict[str, int] = {}
    for hours in (1, 2, 3, 4, 5, 6, 8):  # first responses: median the 4th, p90 the 7th
        add(total, contribution(facts(Status.ASSIGNED, first_response_at=T + hours * H), UTC_ZONE))
    closed = facts(Status.CLOSED, rating=5, resolved_at=T + 10 * H, category="ENVIRONMENT")
    add(total, contribution(closed, UTC_ZONE))
    add(total, contribution(facts(Status.REJECTED, breaches=1), UTC_ZONE))

    stats = summarize(total, overdue_now=3)

    assert (stats.collected, stats.handled, stats.rejected, stats.open) == (9, 1, 1, 7)
    assert (stats.sla_breaches, stats.overdue_now, stats.ratings) == (1, 3, 1)
    assert stats.average_rating == 5.0
    assert stats.first_response.median_seconds == 4 * 3600.0
    assert stats.first_response.p90_seconds == 8 * 3600.0
    assert stats.resolution.median_seconds == 10 * 3600.0
    assert [(b.key, b.collected, b.handled) for b in stats.by_category] == [
        ("ENVIRONMENT", 1, 1),
        ("SEWAGE_WATER", 8, 0),
    ]
    assert [(b.key, b.collected, b.handled) for b in stats.by_month] == [("2026-03", 9, 1)]


def test_nothing_counted_reads_as_zeros_and_no_percentiles():
    stats = summarize({"collected": 0, "fr.60": 0}, overdue_now=0)

    assert stats.collected == 0
    assert stats.completion_rate is None
    assert stats.first_response.median_seconds is None
    assert stats.by_category == []


def test_a_case_reported_at_01_00_on_new_years_day_in_beijing_counts_in_the_new_year():
    new = facts(created_at=datetime(2026, 12, 31, 17, tzinfo=UTC))

    increments = changes([(None, new)], SHANGHAI)

    assert RollupKey("district", "2027-01-01", new.shard) in increments
    assert RollupKey("district", "2027-01", new.shard) in increments
    assert not any(key.period.startswith("2026") for key in increments)
    assert increments[RollupKey("district", "2027-01", new.shard)]["month.2027-01.c"] == 1


def test_beijing_days_and_months_are_cut_at_16_00_utc():
    year = cover(
        datetime(2026, 12, 31, 16, tzinfo=UTC), datetime(2027, 12, 31, 16, tzinfo=UTC), SHANGHAI
    )
    assert year.periods == [f"2027-{m:02d}" for m in range(1, 13)]
    assert year.edges == []

    since = datetime(2026, 12, 31, 17, tzinfo=UTC)  # 01:00 on 1 January in Beijing
    until = datetime(2027, 1, 3, 16, tzinfo=UTC)
    period = cover(since, until, SHANGHAI)
    assert period.periods == ["2027-01-02", "2027-01-03"]
    assert period.edges == [(since, datetime(2027, 1, 1, 16, tzinfo=UTC))]
