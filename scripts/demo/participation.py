"""Stage: participation, the half of the practice a work order cannot fix (docs/participation.md).

- Yuanhui: the "Three Questions" (三问: ask needs, ask advice, ask results) household survey of
  滨河春天社区, answered by five households and closed; then the community's Friday discussion day
  (议事日), where the households of 滨河春天1栋 decide the parking-space lottery (停车位摇号) one
  household one vote, with a quorum, the survey's results on the agenda item.
- Shibei: the Harbin Road pipe, decided by its households and funded by a cost-sharing plan with
  the red partner covering the shortfall, then repaired and closed
  (scripts/demo/participation_harbin.py).
- Chunhua: the Tuesday "Good Neighbor Service Day" (好邻居服务日) of 金鼎山村, volunteers signed
  up and checked in by the village staff who organizes it on two Tuesdays; points awards each
  attendance by the rule the points stage sets (it runs after this one and replays the events),
  spendable at the village's points supermarket.

Runs after the cases stage (the pipe must have been sent to deliberation) and before points.
Idempotent: surveys, meetings and activities are found by title at their unit, votes by
`myVote`, answers by `answered`, sign-ups by `signedUpByMe` and attendances by the volunteer's
service record for the day.
"""

from __future__ import annotations

from datetime import date, timedelta
from functools import partial
from typing import Any

from scripts.demo import participation_harbin
from scripts.demo.auth import ensure_admin_token
from scripts.demo.cases import Cast
from scripts.demo.context import DemoContext
from scripts.demo.participation_common import (
    at,
    eventually,
    find_by_title,
    household_of,
    last_weekday,
    today,
)
from scripts.demo.people_cast import BINHE, JINDINGSHAN

# -- Yuanhui: the Three Questions survey and the Friday discussion day --------------------------

CONVENER = "Zeng Guoliang"  # party branch secretary of 滨河春天社区
# The six households of 滨河春天1栋, by who represents each at the discussion day.
BINHE_HOUSEHOLDS = (
    "Ma Jianguo", "Zhao Xiulan", "Li Deming", "Wang Guifang", "Zhang Haiyan", "Liu Zhigang",
)  # fmt: skip

SURVEY_TITLE = "滨河春天社区“三问”入户问卷（问需、问计、问效）"
SURVEY_QUESTIONS = (
    {"kind": "SINGLE_CHOICE", "text": "问需：您家眼下最盼着社区解决哪件事？",
     "options": ["停车难", "老楼加装电梯", "老年食堂", "环境卫生"]},
    {"kind": "SINGLE_CHOICE", "text": "问计：新划的停车位，您认为怎么分配最公平？",
     "options": ["一户一号公开摇号", "先到先得", "按楼栋轮换"]},
    {"kind": "SCALE", "text": "问效：您对社区这一年办的实事满意吗？（1很不满意，5很满意）"},
    {"kind": "FREE_TEXT", "text": "还有什么想对社区说的？", "required": False},
)  # fmt: skip
# Five of the six households answer: (who, need, fairest allocation, satisfaction, words).
SURVEY_ANSWERS = (
    ("Ma Jianguo", 0, 0, 4, "摇号要请业委会和监委会全程监督。"),
    ("Zhao Xiulan", 0, 0, 5, None),
    ("Li Deming", 1, 0, 4, "三单元老人多，盼着加装电梯。"),
    ("Wang Guifang", 0, 2, 3, None),
    ("Zhang Haiyan", 2, 0, 4, "希望老年食堂早点开起来。"),
)  # fmt: skip

MEETING_TITLE = "滨河春天社区周五议事日"
ITEM_TITLE = "新划停车位摇号分配方案"
ITEM_DESCRIPTION = (
    "小区内新划停车位40个，车位少、车多。社区党支部、居委会、业委会、物业、监委会和社会组织"
    "六方协商后提出：一户一号公开摇号，已有固定车位的户不参加，结果公示7天。请各户一户一票表决。"
)
# Five of six invited households vote (a quorum: more than half); four are for it.
VOTES = (
    ("Ma Jianguo", "FOR"), ("Zhao Xiulan", "FOR"), ("Li Deming", "FOR"),
    ("Wang Guifang", "AGAINST"), ("Zhang Haiyan", "FOR"),
)  # fmt: skip
DECISION = (
    "一户一票表决通过：新划的40个停车位按一户一号公开摇号分配，已有固定车位的户不参加；"
    "摇号由业委会、监委会现场监督，结果在小区公示栏公示7天。"
)
MINUTES = (
    "周五议事日，社区党支部书记曾国良主持。通报“三问”问卷结果：多数住户把停车难排在第一位，"
    "多数赞成一户一号公开摇号。6户受邀，5户到会表决，4户赞成、1户反对，超过半数，方案通过。"
)

SURVEYS = """query($unit: ID!) { orgUnit(id: $unit) { surveys(first: 100) {
  edges { node { id title status } } } } }"""
CREATE_SURVEY = """mutation($i: CreateSurveyInput!) { createSurvey(input: $i) {
  survey { id title status } } }"""
OPEN_SURVEY = """mutation($i: SurveyIdInput!) { openSurvey(input: $i) { survey { status } } }"""
CLOSE_SURVEY = """mutation($i: SurveyIdInput!) { closeSurvey(input: $i) { survey { status } } }"""
ANSWERED = """query($id: ID!) { survey(id: $id) { answered } }"""
ANSWER = """mutation($i: AnswerSurveyInput!) { answerSurvey(input: $i) {
  survey { responseCount } } }"""
MEETINGS = """query($unit: ID!) { orgUnit(id: $unit) { meetings(first: 100) {
  edges { node { id title status agenda { id title status } } } } } }"""
SCHEDULE = """mutation($i: ScheduleMeetingInput!) { scheduleMeeting(input: $i) {
  meeting { id title status agenda { id title status } } } }"""
ADD_ITEM = """mutation($i: AddAgendaItemInput!) { addAgendaItem(input: $i) {
  item { id title status } } }"""
ATTACH = """mutation($i: AttachSurveyInput!) { attachSurveyToAgendaItem(input: $i) {
  item { id } } }"""
MY_VOTE = """query($id: ID!) { meeting(id: $id) { agenda { id myVote } } }"""
VOTE = """mutation($i: CastVoteInput!) { castVote(input: $i) { choice } }"""
ATTEND = """mutation($i: RecordAttendanceInput!) { recordAttendance(input: $i) {
  meeting { id } } }"""
DECIDE = """mutation($i: RecordDecisionInput!) { recordDecision(input: $i) {
  decision { outcome } } }"""
CLOSE_MEETING = """mutation($i: CloseMeetingInput!) { closeMeeting(input: $i) {
  meeting { status } } }"""


def _survey(ctx: DemoContext, cast: Cast) -> tuple[str, int]:
    staff = cast[CONVENER]
    unit = ctx.unit(*BINHE)
    survey = find_by_title(staff, SURVEYS, unit, "surveys", SURVEY_TITLE)
    answered = 0
    if survey is None:
        opens = today()
        made = staff.execute(
            CREATE_SURVEY,
            {
                "i": {
                    "orgUnitId": unit,
                    "title": SURVEY_TITLE,
                    "description": "问需于民、问计于民、问效于民：每户一份，匿名填写。",
                    "questions": list(SURVEY_QUESTIONS),
                    "opensOn": opens.isoformat(),
                    "closesOn": (opens + timedelta(days=14)).isoformat(),
                    "anonymous": True,
                }
            },
        )
        survey = made["createSurvey"]["survey"]
    if survey["status"] == "DRAFT":
        staff.execute(OPEN_SURVEY, {"i": {"surveyId": survey["id"]}})
        survey["status"] = "OPEN"
    if survey["status"] == "OPEN":
        for who, need, allocation, satisfied, words in SURVEY_ANSWERS:
            if cast[who].execute(ANSWERED, {"id": survey["id"]})["survey"]["answered"]:
                continue
            answers: list[dict[str, Any]] = [
                {"questionId": "q1", "choices": [need]},
                {"questionId": "q2", "choices": [allocation]},
                {"questionId": "q3", "scale": satisfied},
            ]
            if words:
                answers.append({"questionId": "q4", "text": words})
            answer = {"i": {"surveyId": survey["id"], "answers": answers}}
            eventually(partial(cast[who].execute, ANSWER, answer))
            answered += 1
        staff.execute(CLOSE_SURVEY, {"i": {"surveyId": survey["id"]}})
    return str(survey["id"]), answered


def _discussion_day(ctx: DemoContext, cast: Cast, survey_id: str) -> bool:
    """Schedule, vote, decide and close the discussion day, unless that was done."""
    staff = cast[CONVENER]
    unit = ctx.unit(*BINHE)
    meeting = find_by_title(staff, MEETINGS, unit, "meetings", MEETING_TITLE)
    if meeting is not None and meeting["status"] == "CLOSED":
        return False
    households = {who: household_of(cast[who]) for who in BINHE_HOUSEHOLDS}
    if meeting is None:
        friday = last_weekday(4, today())
        invited = [{"householdId": h, "representativeId": p} for p, h in households.values()]
        meeting = eventually(
            lambda: staff.execute(
                SCHEDULE,
                {
                    "i": {
                        "orgUnitId": unit,
                        "kind": "DISCUSSION_DAY",
                        "title": MEETING_TITLE,
                        "startsAt": at(friday, 15),
                        "endsAt": at(friday, 17),
                        "location": "滨河春天社区党群服务中心议事厅",
                        "recurrence": {"weekday": "FRIDAY"},
                        "households": invited,
                    }
                },
            )
        )["scheduleMeeting"]["meeting"]
    items = [i for i in meeting["agenda"] if i["title"] == ITEM_TITLE]
    if items:
        item = items[0]
    else:
        added = {"meetingId": meeting["id"], "title": ITEM_TITLE, "description": ITEM_DESCRIPTION}
        item = staff.execute(ADD_ITEM, {"i": added})["addAgendaItem"]["item"]
    if item["status"] == "OPEN":
        on_item = {"meetingId": meeting["id"], "itemId": item["id"]}
        staff.execute(ATTACH, {"i": {**on_item, "surveyId": survey_id}})
        for who, choice in VOTES:
            agenda = cast[who].execute(MY_VOTE, {"id": meeting["id"]})["meeting"]["agenda"]
            if next(i for i in agenda if i["id"] == item["id"])["myVote"] is None:
                cast[who].execute(VOTE, {"i": {**on_item, "choice": choice}})
        present = [cast.id(CONVENER), *(households[who][0] for who, _ in VOTES)]
        staff.execute(ATTEND, {"i": {"meetingId": meeting["id"], "personIds": present}})
        decision = {**on_item, "method": "HOUSEHOLD_VOTE", "text": DECISION}
        staff.execute(DECIDE, {"i": decision})
    staff.execute(CLOSE_MEETING, {"i": {"meetingId": meeting["id"], "minutes": MINUTES}})
    return True


# -- Chunhua: the Tuesday Good Neighbor Service Day ---------------------------------------------

ORGANIZER = "Jin Mei"  # village staff of 金鼎山村 (she keeps its points supermarket too)
VOLUNTEERS = ("Huang Zhiqiang", "Tang Chunhua", "Li Guilan")
SERVICE_DAY = "金鼎山村好邻居服务日"
MINUTES_SERVED = 180  # a morning: 08:30 to 11:30
SERVICE_DAYS_CONFIRMED = 2  # the first two Tuesdays

ACTIVITIES = """query($unit: ID!) { orgUnit(id: $unit) { activities(first: 100) {
  edges { node { id title startsAt } } } } }"""
CREATE_ACTIVITY = """mutation($i: CreateActivityInput!) { createActivity(input: $i) {
  activity { id title startsAt } } }"""
SIGNED_UP = """query($id: ID!) { activity(id: $id) { signedUpByMe } }"""
SIGN_UP = """mutation($i: SignUpInput!) { signUp(input: $i) { activity { placesLeft } } }"""
# `until` is exclusive: the record of one day runs from it to the next.
SERVED = """query($d: Date!, $next: Date!) { me {
  serviceRecord(since: $d, until: $next) { attendances } } }"""
CONFIRM = """mutation($i: ConfirmAttendanceInput!) { confirmAttendance(input: $i) {
  attendance { minutesServed } } }"""


def _service_days(ctx: DemoContext, cast: Cast) -> int:
    organizer = cast[ORGANIZER]
    unit = ctx.unit(*JINDINGSHAN)
    activity = find_by_title(organizer, ACTIVITIES, unit, "activities", SERVICE_DAY)
    if activity is None:
        # weekly from the Tuesday a week before the latest one, so two have taken place
        first = last_weekday(1, today()) - timedelta(days=7)
        activity = organizer.execute(
            CREATE_ACTIVITY,
            {
                "i": {
                    "orgUnitId": unit,
                    "kind": "SERVICE_DAY",
                    "title": SERVICE_DAY,
                    "startsAt": at(first, 8, 30),
                    "endsAt": at(first, 11, 30),
                    "capacity": 30,
                    "location": "金鼎山村党群服务中心",
                    # WGS-84, Jindingshan Village, Chunhua, Changsha County (docs/places.md)
                    "point": {"lat": 28.3011, "lng": 113.2429, "accuracyMeters": 30.0},
                    "description": "每周二好邻居服务日：微宣传、微服务、微分享。"
                    "义务理发、清理沟渠、上门陪伴独居老人。",
                    "recurrence": {"weekday": "TUESDAY"},
                }
            },
        )["createActivity"]["activity"]
    first_day = date.fromisoformat(activity["startsAt"][:10])  # stored in UTC: 00:30 the same day
    days = [first_day + timedelta(days=7 * n) for n in range(SERVICE_DAYS_CONFIRMED)]
    confirmed = 0
    for who in VOLUNTEERS:
        volunteer = cast[who]
        if not volunteer.execute(SIGNED_UP, {"id": activity["id"]})["activity"]["signedUpByMe"]:
            join = {"i": {"activityId": activity["id"]}}
            eventually(partial(volunteer.execute, SIGN_UP, join))
        for day in days:
            one_day = {"d": day.isoformat(), "next": (day + timedelta(days=1)).isoformat()}
            served = volunteer.execute(SERVED, one_day)["me"]["serviceRecord"]
            if served["attendances"]:
                continue
            attendance = {
                "activityId": activity["id"],
                "personId": cast.id(who),
                "on": day.isoformat(),
                "minutesServed": MINUTES_SERVED,
            }
            organizer.execute(CONFIRM, {"i": attendance})
            confirmed += 1
    return confirmed


def load(ctx: DemoContext) -> str:
    ensure_admin_token(ctx)
    cast = Cast(ctx)
    survey_id, answered = _survey(ctx, cast)
    decided = _discussion_day(ctx, cast, survey_id)
    harbin = participation_harbin.load(ctx, cast)
    confirmed = _service_days(ctx, cast)
    return (
        f"Three Questions survey ({answered} answered now); discussion day on the parking "
        f"lottery ({'decided now' if decided else 'decided before'}); {harbin}; "
        f"Good Neighbor Service Day ({confirmed} attendances confirmed now)"
    )
