"""How a case is stored: one document per case, flat fields for the indexes."""

from __future__ import annotations

from grassroots_kit.geo import GeoPoint
from grassroots_kit.mongo import Document

from grassroots_cases.domain.ids import CaseId, OrganizationId, OrgUnitId, PersonId
from grassroots_cases.domain.model import Case, Handler, MeetingDecision, Rating, TimelineEntry
from grassroots_cases.domain.search import search_terms
from grassroots_cases.domain.vocabulary import Category, Channel, Level, Priority, Role, Status


def to_doc(case: Case) -> Document:
    return {
        # a GeoJSON Point ([lng, lat]) under the 2dsphere index; absent, not null, when unplaced
        **location_fields(case.location),
        "_id": case.id,
        "number": case.number,
        "title": case.title,
        "description": case.description,
        # what text search matches (domain/search.py), rewritten with the text on every write
        "searchTerms": search_terms(case.title, case.description),
        "category": case.category.value,
        "channel": case.channel.value,
        "priority": case.priority.value,
        "status": case.status.value,
        "level": case.level.value,
        "orgUnitId": case.org_unit_id,
        "orgUnitPath": list(case.org_unit_path),
        "reporterId": case.reporter_id,
        "reportedById": case.reported_by_id,
        "address": case.address,
        "dueAt": case.due_at,
        "createdAt": case.created_at,
        "updatedAt": case.updated_at,
        "assigneeId": case.assignee_id,
        "organizationId": case.organization_id,
        "orderTakerId": case.order_taker_id,
        "handlers": [
            {
                "personId": h.person_id,
                "role": h.role.value,
                **({"imported": True} if h.imported else {}),
            }
            for h in case.handlers
        ],
        "breachCount": case.breach_count,
        "firstResponseAt": case.first_response_at,
        "resolvedAt": case.resolved_at,
        "closedAt": case.closed_at,
        "closures": case.closures,
        "rating": (
            {"score": case.rating.score, "comment": case.rating.comment, "at": case.rating.at}
            if case.rating
            else None
        ),
        "resolution": case.resolution,
        "rejectionReason": case.rejection_reason,
        "timeline": [
            {
                "at": e.at,
                "actorId": e.actor_id,
                "action": e.action,
                "fromStatus": e.from_status.value if e.from_status else None,
                "toStatus": e.to_status.value,
                "note": e.note,
                **({"decision": _decision_doc(e.decision)} if e.decision else {}),
                **({"photoIds": list(e.photo_ids)} if e.photo_ids else {}),
            }
            for e in case.timeline
        ],
        "version": case.version,
        "photoIds": list(case.photo_ids),
        "resolutionPhotoIds": list(case.resolution_photo_ids),
        # Retention finds closed cases with photos by this (adapters/photo_retention.py).
        **({"photosKept": True} if _has_photos(case) else {}),
    }


def _has_photos(case: Case) -> bool:
    return bool(
        case.photo_ids or case.resolution_photo_ids or any(e.photo_ids for e in case.timeline)
    )


def from_doc(doc: Document) -> Case:
    rating = doc.get("rating")
    return Case(
        id=CaseId(doc["_id"]),
        number=doc["number"],
        title=doc["title"],
        description=doc.get("description", ""),
        category=Category(doc["category"]),
        channel=Channel(doc["channel"]),
        priority=Priority(doc["priority"]),
        status=Status(doc["status"]),
        level=Level(doc["level"]),
        org_unit_id=OrgUnitId(doc["orgUnitId"]),
        org_unit_path=tuple(OrgUnitId(p) for p in doc["orgUnitPath"]),
        reporter_id=_person(doc.get("reporterId")),
        reported_by_id=_person(doc.get("reportedById")),
        address=doc.get("address"),
        due_at=doc["dueAt"],
        created_at=doc["createdAt"],
        updated_at=doc["updatedAt"],
        assignee_id=_person(doc.get("assigneeId")),
        organization_id=(
            OrganizationId(doc["organizationId"]) if doc.get("organizationId") else None
        ),
        order_taker_id=_person(doc.get("orderTakerId")),
        handlers=tuple(
            Handler(PersonId(h["personId"]), Role(h["role"]), bool(h.get("imported", False)))
            for h in doc.get("handlers", [])
        ),
        breach_count=doc.get("breachCount", 0),
        first_response_at=doc.get("firstResponseAt"),
        resolved_at=doc.get("resolvedAt"),
        closed_at=doc.get("closedAt"),
        closures=doc.get("closures", 0),
        rating=Rating(rating["score"], rating.get("comment"), rating["at"]) if rating else None,
        resolution=doc.get("resolution"),
        rejection_reason=doc.get("rejectionReason"),
        timeline=tuple(
            TimelineEntry(
                at=e["at"],
                actor_id=_person(e.get("actorId")),
                action=e["action"],
                from_status=Status(e["fromStatus"]) if e.get("fromStatus") else None,
                to_status=Status(e["toStatus"]),
                note=e.get("note"),
                decision=_decision(e.get("decision")),
                photo_ids=tuple(e.get("photoIds", ())),
            )
            for e in doc.get("timeline", [])
        ),
        version=doc["version"],
        location=location_of(doc),
        photo_ids=tuple(doc.get("photoIds", ())),
        resolution_photo_ids=tuple(doc.get("resolutionPhotoIds", ())),
    )


def location_fields(point: GeoPoint | None) -> Document:
    if point is None:
        return {}
    return {"location": point.to_geojson(), "locationAccuracy": point.accuracy_m}


def location_of(doc: Document) -> GeoPoint | None:
    place = doc.get("location")
    return GeoPoint.from_geojson(place, doc.get("locationAccuracy")) if place else None


def _person(value: str | None) -> PersonId | None:
    return PersonId(value) if value else None


def _decision_doc(d: MeetingDecision) -> Document:
    return {
        "decisionId": d.decision_id,
        "meetingId": d.meeting_id,
        "method": d.method,
        "outcome": d.outcome,
        "text": d.text,
        "votesFor": d.votes_for,
        "votesAgainst": d.votes_against,
        "abstentions": d.abstentions,
        "householdsInvited": d.households_invited,
    }


def _decision(doc: Document | None) -> MeetingDecision | None:
    if not doc:
        return None
    return MeetingDecision(
        decision_id=doc["decisionId"],
        meeting_id=doc["meetingId"],
        method=doc["method"],
        outcome=doc["outcome"],
        text=doc.get("text", ""),
        votes_for=doc.get("votesFor", 0),
        votes_against=doc.get("votesAgainst", 0),
        abstentions=doc.get("abstentions", 0),
        households_invited=doc.get("householdsInvited", 0),
    )
