"""Surveys and their responses in MongoDB: one document per survey, one per response. A unique
index on (survey, respondent key) is what holds one response per household (or person), also
under concurrent answers."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from typing import Any

from grassroots_kit import cursors
from grassroots_kit.cursors import Page
from grassroots_kit.mongo import Database, Document, Indexes, Session
from pymongo import ASCENDING, IndexModel
from pymongo.errors import DuplicateKeyError

from grassroots_participation.adapters.people_projection import PEOPLE
from grassroots_participation.domain.surveys import (
    AlreadyAnswered,
    Answer,
    Question,
    QuestionKind,
    Respondents,
    Response,
    StaleSurvey,
    Survey,
    SurveyQuery,
    SurveyStatus,
)

SURVEYS = "surveys"
RESPONSES = "survey_responses"
INDEXES = (
    Indexes(
        SURVEYS,
        (
            # A unit's subtree by close time: OrgUnit.surveys.
            IndexModel([("orgUnitPath", ASCENDING), ("closesAt", ASCENDING), ("_id", ASCENDING)]),
            # The close-date sweep: open and draft surveys whose close time has passed.
            IndexModel([("status", ASCENDING), ("closesAt", ASCENDING)]),
        ),
    ),
    # Households and residents of a unit's subtree, for response rates.
    Indexes(PEOPLE, (IndexModel([("orgUnitPath", ASCENDING), ("householdId", ASCENDING)]),)),
    Indexes(
        RESPONSES,
        (
            IndexModel(
                [("surveyId", ASCENDING), ("respondentKey", ASCENDING)],
                unique=True,
                name="one_response_per_respondent",
            ),
        ),
    ),
)


def to_document(survey: Survey) -> Document:
    return {
        "_id": survey.id,
        "orgUnitId": survey.org_unit_id,
        "orgUnitPath": list(survey.org_unit_path),
        "title": survey.title,
        "description": survey.description,
        "questions": [
            {
                "id": q.id,
                "kind": q.kind.value,
                "text": q.text,
                "options": list(q.options),
                "scaleMin": q.scale_min,
                "scaleMax": q.scale_max,
                "required": q.required,
            }
            for q in survey.questions
        ],
        "respondents": survey.respondents.value,
        "anonymous": survey.anonymous,
        "opensOn": survey.opens_on.isoformat(),
        "closesOn": survey.closes_on.isoformat(),
        "opensAt": survey.opens_at,
        "closesAt": survey.closes_at,
        "salt": survey.salt,
        "createdBy": survey.created_by,
        "createdAt": survey.created_at,
        "status": survey.status.value,
        "openedAt": survey.opened_at,
        "closedAt": survey.closed_at,
        "closedBy": survey.closed_by,
        "responseCount": survey.response_count,
    }


def from_document(doc: Document) -> Survey:
    return Survey(
        id=doc["_id"],
        org_unit_id=doc["orgUnitId"],
        org_unit_path=tuple(doc["orgUnitPath"]),
        title=doc["title"],
        description=doc.get("description", ""),
        questions=tuple(
            Question(
                id=q["id"],
                kind=QuestionKind(q["kind"]),
                text=q["text"],
                options=tuple(q.get("options", ())),
                scale_min=q.get("scaleMin", 1),
                scale_max=q.get("scaleMax", 5),
                required=q.get("required", True),
            )
            for q in doc["questions"]
        ),
        respondents=Respondents(doc["respondents"]),
        anonymous=doc["anonymous"],
        opens_on=date.fromisoformat(doc["opensOn"]),
        closes_on=date.fromisoformat(doc["closesOn"]),
        opens_at=doc["opensAt"],
        closes_at=doc["closesAt"],
        salt=doc["salt"],
        created_by=doc["createdBy"],
        created_at=doc["createdAt"],
        status=SurveyStatus(doc["status"]),
        opened_at=doc.get("openedAt"),
        closed_at=doc.get("closedAt"),
        closed_by=doc.get("closedBy"),
        response_count=doc.get("responseCount", 0),
    )


def _answer(doc: Document) -> Answer:
    return Answer(
        question_id=doc["q"],
        choices=tuple(doc.get("choices", ())),
        scale=doc.get("scale"),
        text=doc.get("text"),
    )


def response_document(response: Response) -> Document:
    answers: list[Document] = []
    for a in response.answers:
        stored: Document = {"q": a.question_id}
        if a.choices:
            stored["choices"] = list(a.choices)
        if a.scale is not None:
            stored["scale"] = a.scale
        if a.text is not None:
            stored["text"] = a.text
        answers.append(stored)
    doc: Document = {
        "_id": response.id,
        "surveyId": response.survey_id,
        "respondentKey": response.respondent_key,
        "homeUnitPath": list(response.home_unit_path),
        "answers": answers,
    }
    # An anonymous survey's response has no respondent, household or time at all.
    if response.respondent_id is not None:
        doc["respondentId"] = response.respondent_id
    if response.household_id is not None:
        doc["householdId"] = response.household_id
    if response.at is not None:
        doc["at"] = response.at
    return doc


def response_from_document(doc: Document) -> Response:
    return Response(
        id=doc["_id"],
        survey_id=doc["surveyId"],
        respondent_key=doc["respondentKey"],
        home_unit_path=tuple(doc.get("homeUnitPath", ())),
        answers=tuple(_answer(a) for a in doc.get("answers", ())),
        respondent_id=doc.get("respondentId"),
        household_id=doc.get("householdId"),
        at=doc.get("at"),
    )


def to_mongo(query: SurveyQuery) -> Document:
    found: Document = {"orgUnitPath": query.within}
    statuses = [s.value for s in query.statuses]
    if not query.drafts:
        statuses = [s for s in statuses or [s.value for s in SurveyStatus]]
        statuses = [s for s in statuses if s != SurveyStatus.DRAFT.value]
    if statuses:
        found["status"] = {"$in": statuses}
    if query.held_at is not None:
        found["orgUnitId"] = {"$in": sorted(query.held_at)}
    return found


class SurveyStore:
    def __init__(self, db: Database, session: Session | None = None) -> None:
        self._session = session
        self._surveys = db[SURVEYS]

    async def insert(self, survey: Survey) -> None:
        await self._surveys.insert_one(to_document(survey), session=self._session)

    async def get(self, survey_id: str) -> Survey | None:
        doc = await self._surveys.find_one({"_id": survey_id}, session=self._session)
        return from_document(doc) if doc else None

    async def save(self, survey: Survey, expected: str) -> None:
        fields = to_document(survey)
        del fields["_id"], fields["responseCount"]  # the count moves only by count_response
        result = await self._surveys.update_one(
            {"_id": survey.id, "status": expected}, {"$set": fields}, session=self._session
        )
        if result.matched_count != 1:
            raise StaleSurvey(survey.id)

    async def count_response(self, survey_id: str) -> bool:
        result = await self._surveys.update_one(
            {"_id": survey_id, "status": SurveyStatus.OPEN.value},
            {"$inc": {"responseCount": 1}},
            session=self._session,
        )
        return result.matched_count == 1

    async def due(self, now: datetime, limit: int) -> list[Survey]:
        query = {
            "status": {"$in": [SurveyStatus.DRAFT.value, SurveyStatus.OPEN.value]},
            "closesAt": {"$lte": now},
        }
        found = self._surveys.find(query, session=self._session).sort("closesAt", ASCENDING)
        return [from_document(d) async for d in found.limit(limit)]

    async def page(
        self, query: SurveyQuery, first: int, after: Sequence[Any] | None
    ) -> Page[Survey]:
        base = to_mongo(query)
        paged = dict(base)
        if after is not None:
            at, last = cursors.keyset(after, datetime, str)
            paged["$or"] = [{"closesAt": {"$gt": at}}, {"closesAt": at, "_id": {"$gt": last}}]
        docs = [
            d
            async for d in self._surveys.find(paged, session=self._session)
            .sort([("closesAt", ASCENDING), ("_id", ASCENDING)])
            .limit(first + 1)
        ]
        return Page(
            items=[from_document(d) for d in docs[:first]],
            has_next=len(docs) > first,
            has_previous=after is not None,
            total_count=await self._surveys.count_documents(base, session=self._session),
        )


class ResponseStore:
    def __init__(self, db: Database, session: Session | None = None) -> None:
        self._session = session
        self._responses = db[RESPONSES]

    async def insert(self, response: Response, respondents: Respondents) -> None:
        try:
            await self._responses.insert_one(response_document(response), session=self._session)
        except DuplicateKeyError:
            # The transaction is aborted by now: nothing more is read in it.
            raise AlreadyAnswered(respondents) from None

    async def of_survey(self, survey_id: str) -> list[Response]:
        found = self._responses.find({"surveyId": survey_id}, session=self._session)
        return [response_from_document(d) async for d in found]

    async def find(self, survey_id: str, respondent_key: str) -> Response | None:
        doc = await self._responses.find_one(
            {"surveyId": survey_id, "respondentKey": respondent_key}, session=self._session
        )
        return response_from_document(doc) if doc else None


class HouseholdCounts:
    """How many households and residents live in units' subtrees, from the people projection."""

    def __init__(self, db: Database) -> None:
        self._people = db[PEOPLE]

    async def _count(self, unit_ids: Sequence[str], households: bool) -> dict[str, int]:
        counts: dict[str, int] = {}
        for unit in unit_ids:
            if households:
                pipeline: list[Document] = [
                    {"$match": {"orgUnitPath": unit, "householdId": {"$ne": None}}},
                    {"$group": {"_id": "$householdId"}},
                    {"$count": "n"},
                ]
                docs = [d async for d in await self._people.aggregate(pipeline)]
                counts[unit] = int(docs[0]["n"]) if docs else 0
            else:
                counts[unit] = await self._people.count_documents({"orgUnitPath": unit})
        return counts

    async def households_in(self, unit_ids: Sequence[str]) -> dict[str, int]:
        return await self._count(unit_ids, households=True)

    async def residents_in(self, unit_ids: Sequence[str]) -> dict[str, int]:
        return await self._count(unit_ids, households=False)
