"""The demo's data, read without a stack: one cast with one password, in Chinese, in the seeds'
real places, and a generated history that says it is generated and looks like a district's."""

from __future__ import annotations

import re
from collections import Counter
from datetime import UTC, datetime

from scripts.demo import cases, people_cast
from scripts.demo.area import AREA, Unit
from scripts.demo.people_cast import BY_PINYIN, CAST, PASSWORD
from tests.support.demo import DEMO_PASSWORD

HAN = re.compile(r"[\u4e00-\u9fff]")


def _kinds(units: tuple[Unit, ...]) -> dict[str, str]:
    found: dict[str, str] = {}
    for unit in units:
        found[unit.name] = unit.kind
        found |= _kinds(unit.children)
    return found


def test_the_places_are_the_seeds_with_chunhua_a_town_of_villages():
    kinds = _kinds(AREA)
    assert {u.name for u in AREA} == {"渌口区", "望城区", "长沙县", "市北区", "源汇区"}
    assert kinds["春华镇"] == "TOWN"
    assert kinds["金鼎山村"] == kinds["龙王庙村"] == "VILLAGE"
    assert kinds["渌口镇"] == "TOWN"
    assert all(HAN.search(name) for name in kinds)


def test_one_cast_one_password_in_chinese():
    assert PASSWORD == DEMO_PASSWORD
    assert len({m.phone for m in CAST}) == len(CAST)
    assert len(BY_PINYIN) == len(CAST)
    assert all(HAN.fullmatch(m.name[0]) for m in CAST)
    # Long Wei lives by the Harbin Road pipe, in Yichun Road Community (Shibei).
    long_wei = BY_PINYIN["Long Wei"]
    assert long_wei.home is not None
    assert long_wei.home[0][:3] == ("市北区", "敦化路街道", "宜春路社区")
    # Everyone a named case names is of the cast.
    for named in cases.NAMED:
        for who in {named.reporter, named.filed_by, *(step[0] for step in named.steps)} - {None}:
            assert who in BY_PINYIN, who


def test_the_jingchengyuan_collapse_is_lukous_and_resolved():
    named = cases.JINGCHENGYUAN_COLLAPSE
    assert named.unit[:3] == ("渌口区", "渌口镇", "京城苑社区")
    assert [m for _, m, _ in named.steps][-2:] == ["resolveCase", "rateCase"]


def test_the_harbin_road_pipe_is_declined_then_deliberated_then_covered():
    from scripts.demo import participation_harbin as harbin

    steps = cases.HARBIN_ROAD.steps
    repair = cases.HARBIN_ROAD_REPAIR
    notes = [
        str(fields.get("text") or fields.get("note") or fields.get("reason") or "")
        for _, _, fields in steps
    ]
    declined = next(i for i, n in enumerate(notes) if "不予维修" in n)
    sent = next(i for i, (_, m, _) in enumerate(steps) if m == "sendCaseToDeliberation")
    assert steps[declined][0] == "Peng Tao"  # the Sewage Management Office
    assert declined < sent == len(steps) - 1  # participation takes it from there
    # The households' decision and plan: six pledges and the red partner's cover make the total.
    assert len(set(harbin.HOUSEHOLDS)) == 6
    for who in harbin.HOUSEHOLDS:
        home = BY_PINYIN[who].home
        assert home is not None, who
        assert home[0] == cases.HARBIN, who
    pledged = harbin.PLEDGE_FEN * len(harbin.HOUSEHOLDS)
    assert (pledged, harbin.TOTAL_FEN - pledged) == (480_000, 240_000)
    assert "2400" in harbin.DECISION
    assert "4800" in harbin.DECISION
    # Only then does the red partner get it and repair it; the resident closes it.
    assert repair[0] == ("Han Xue", "dispatchCase", {"organizationId": "org:haiyue"})
    assert [m for _, m, _ in repair][-2:] == ["resolveCase", "rateCase"]
    texts = [*notes, harbin.DECISION]
    texts += [str(f.get("text") or f.get("resolution") or "") for _, _, f in repair]
    days = [int(d) for n in texts for d in re.findall(r"【第(\d)天】", n)]
    assert days == sorted(days)
    assert days[-1] == 5


def test_the_discussion_day_has_a_quorum_and_adopts_the_lottery():
    from scripts.demo import participation

    invited = participation.BINHE_HOUSEHOLDS
    voted = [who for who, _ in participation.VOTES]
    assert set(voted) <= set(invited)
    assert len(set(voted)) == len(voted)
    assert len(voted) > len(invited) / 2  # quorum: more than half of the invited households
    assert sum(c == "FOR" for _, c in participation.VOTES) > len(voted) / 2
    for who in invited:
        home = BY_PINYIN[who].home
        assert home is not None, who
        assert home[0][:3] == people_cast.BINHE, who
    # the survey's answers fit its questions, one a household
    answering = [a[0] for a in participation.SURVEY_ANSWERS]
    assert len(set(answering)) == len(answering)
    assert set(answering) <= set(invited)
    questions = participation.SURVEY_QUESTIONS
    for _, need, allocation, satisfied, _ in participation.SURVEY_ANSWERS:
        assert 0 <= need < len(questions[0]["options"])
        assert 0 <= allocation < len(questions[1]["options"])
        assert 1 <= satisfied <= 5


def test_generated_history_is_marked_varied_and_spread():
    for district in ("望城区", "渌口区"):
        plan = cases.plan_history(district)
        assert plan
        assert all(c.title.startswith(cases.GENERATED_MARK) for c in plan)
        assert not any(re.search(r"\(\d+\)", c.title) for c in plan)
        assert len({c.title for c in plan}) >= 40
        handlers = Counter(c.handler[0] for c in plan if c.handler)
        assert len(handlers) >= 5
        assert len({c.unit for c in plan}) >= 10
        assert {c.unit[2] for c in plan} == {
            "望城区": {"王府路社区", "桃花井社区"},
            "渌口区": {"京城苑社区", "黄龙村"},
        }[district]
        for c in plan:
            assert c.handler is None or c.handler[0] in BY_PINYIN


def test_figures_are_counted_from_the_plan_not_set():
    plan = cases.plan_history("望城区")
    figures = cases.expected_figures("望城区", datetime(2026, 12, 1, tzinfo=UTC))
    assert figures.collected == len(plan) + len(cases.HISTORICAL) + 1  # the night market
    assert figures.handled == sum(c.handled for c in plan) + len(cases.HISTORICAL) + 1
    assert 0.9 < figures.handled / figures.collected < 1


def test_points_are_spent_where_they_are_earned():
    from scripts.demo.points import SUPERMARKETS

    places = {unit for unit, _ in SUPERMARKETS}
    assert people_cast.CARE_UNIT[:3] in places  # the visits
    assert cases.HARBIN_ROAD.unit[:3] in places  # the red partner
    assert cases.JINDINGSHAN_DITCH.unit[:3] in places  # the village's group chief
    assert cases.JINGCHENGYUAN_COLLAPSE.unit[:3] in places
    # the Tuesday service day's volunteers earn where they live
    from scripts.demo import participation

    assert (
        next(k for u, k in SUPERMARKETS if u == people_cast.JINDINGSHAN) == participation.ORGANIZER
    )
    for who in participation.VOLUNTEERS:
        home = BY_PINYIN[who].home
        assert home is not None, who
        assert home[0][:3] in places, who
