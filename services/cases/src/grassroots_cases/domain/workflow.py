"""The case state machine (DESIGN.md section 3): who may move a case where, and what it records.

Every function is pure: it takes a case and an actor and returns the changed case with the
events the change causes, or raises `Forbidden` (wrong person), `InvalidTransition` (wrong
status) or `BadUserInput` (bad argument). Nothing here reads a clock or a database.
"""

from __future__ import annotations

from collections.abc import Set
from dataclasses import dataclass, replace
from datetime import datetime, timedelta

from grassroots_kit.errors import BadUserInput, Conflict, Forbidden, InvalidTransition
from grassroots_kit.i18n import Text, msg

from grassroots_cases.domain import events as ev
from grassroots_cases.domain.ids import OrganizationId, PersonId
from grassroots_cases.domain.model import Actor, Case, Handler, Rating, TimelineEntry
from grassroots_cases.domain.vocabulary import (
    OPEN_STATUSES,
    ROLE_LEVEL,
    TAKER_ROLES,
    EscalationReason,
    Level,
    Role,
    Status,
)

ANSWER_WINDOW = timedelta(days=7)  # to rate, object or be closed automatically
LOW_RATING = 2  # a rating at or below this reopens the case
MAX_TEXT = 2000
# A case and its timeline are one MongoDB document (16 MB at most), rewritten whole on every
# change: comments are the one entry anyone who can see the case may add at will, so they are
# capped. 100 comments of MAX_TEXT characters (up to 4 bytes each in UTF-8) are under 1 MB; a
# conversation longer than that belongs in a meeting, not on the case.
MAX_COMMENTS = 100
# ...and no comment lands on a timeline this long, whatever made it long (reopen cycles,
# escalations): the document stays far from the wall and cheap to rewrite.
MAX_TIMELINE_FOR_COMMENTS = 500


@dataclass(frozen=True)
class Outcome:
    case: Case
    events: tuple[ev.DomainEvent, ...] = ()


# --- who may act -------------------------------------------------------------------------


def manages(actor: Actor, case: Case) -> bool:
    """Staff at the case's rung or above, over the case's org unit."""
    if actor.system:
        return True
    level = actor.level
    return level is not None and level.rank >= case.level.rank


def works(actor: Actor, case: Case) -> bool:
    """The assignee, or a member of the organization the case was dispatched to."""
    if actor.person_id is not None and actor.person_id == case.assignee_id:
        return True
    return case.organization_id is not None and case.organization_id in actor.organizations


def is_reporter(actor: Actor, case: Case) -> bool:
    return actor.person_id is not None and actor.person_id == case.reporter_id


def can_view(actor: Actor, case: Case) -> bool:
    if actor.system or is_reporter(actor, case) or works(actor, case):
        return True
    if any(role in ROLE_LEVEL for role in actor.roles):
        return True
    return bool(actor.roles & TAKER_ROLES) and case.status is Status.ON_ORDER_BOARD


def _require(allowed: bool, refusal: Text) -> None:
    if not allowed:
        raise Forbidden(refusal)


def _require_status(case: Case, allowed: Set[Status], refusal: Text) -> None:
    """`refusal` names the action (one message per action, so that each language words it
    whole); its `{status}` and `{allowed}` fields are filled here."""
    if case.status not in allowed:
        names = ", ".join(sorted(s.value for s in allowed))
        refused = Text(
            refusal.template, {**refusal.params, "status": case.status.value, "allowed": names}
        )
        raise InvalidTransition(refused, status=case.status.value)


@dataclass(frozen=True)
class TextField:
    """A free-text input: its name (`extensions.field`), its longest length, and how a bad
    value is refused, worded for that field (a translation cannot fit an English field name
    into its own sentence)."""

    name: str
    limit: int
    too_long: Text
    empty: Text | None = None  # None: the field may be left out


NOTE = TextField(
    "note", MAX_TEXT, msg("the note must be at most {limit} characters", limit=MAX_TEXT)
)
RATING_COMMENT = TextField(
    "comment", MAX_TEXT, msg("the comment must be at most {limit} characters", limit=MAX_TEXT)
)
COMMENT = TextField(
    "text",
    MAX_TEXT,
    msg("the comment must be at most {limit} characters", limit=MAX_TEXT),
    empty=msg("the comment must not be empty"),
)
RESOLUTION = TextField(
    "resolution",
    MAX_TEXT,
    msg("the resolution must be at most {limit} characters", limit=MAX_TEXT),
    empty=msg("the resolution must not be empty"),
)
REASON = TextField(
    "reason",
    MAX_TEXT,
    msg("the reason must be at most {limit} characters", limit=MAX_TEXT),
    empty=msg("the reason must not be empty"),
)


def clean_text(value: str | None, field: TextField) -> str | None:
    """`value` with its white space collapsed; None if empty and optional, else BadUserInput."""
    cleaned = " ".join(value.split()) if value else ""
    if not cleaned:
        if field.empty is not None:
            raise BadUserInput(field.empty, field=field.name)
        return None
    if len(cleaned) > field.limit:
        raise BadUserInput(field.too_long, field=field.name)
    return cleaned


def _moved(
    case: Case,
    actor: Actor,
    now: datetime,
    action: str,
    to: Status,
    note: str | None = None,
    **changes: object,
) -> Case:
    entry = TimelineEntry(now, actor.person_id, action, case.status, to, note)
    return replace(
        case,
        status=to,
        updated_at=now,
        timeline=(*case.timeline, entry),
        **changes,  # type: ignore[arg-type]
    )


def _with_handler(case: Case, person: PersonId | None, role: Role | None) -> tuple[Handler, ...]:
    if person is None or role is None:
        return case.handlers
    if any(h.person_id == person and not h.imported for h in case.handlers):
        return case.handlers
    # New here, or named only by an import until now: this live step is theirs.
    return (*(h for h in case.handlers if h.person_id != person), Handler(person, role))


def _handling_role(actor: Actor, case: Case) -> Role | None:
    """The role someone worked the case in: their taker role, else their lowest staff role."""
    if actor.person_id is not None and actor.person_id == case.order_taker_id:
        takers = sorted(actor.roles & TAKER_ROLES)
        if takers:
            return takers[0]
    staff = sorted((r for r in actor.roles if r in ROLE_LEVEL), key=lambda r: ROLE_LEVEL[r].rank)
    if staff:
        return staff[0]
    takers = sorted(actor.roles & TAKER_ROLES)
    return takers[0] if takers else None


# --- transitions -------------------------------------------------------------------------


def accept(case: Case, actor: Actor, now: datetime) -> Outcome:
    """Staff take up a reported case; or a dispatched organization reports for duty."""
    if case.status is Status.ASSIGNED and case.organization_id and case.assignee_id is None:
        _require(
            case.organization_id in actor.organizations and actor.person_id is not None,
            msg("only a member of the organization the case was dispatched to can accept it"),
        )
        role = next(
            iter(sorted(actor.roles & {Role.DEPARTMENT_STAFF, Role.RED_PARTNER_MEMBER})), None
        )
        changed = _moved(
            case,
            actor,
            now,
            "REPORTED_FOR_DUTY",
            Status.ASSIGNED,
            assignee_id=actor.person_id,
            handlers=_with_handler(case, actor.person_id, role or Role.DEPARTMENT_STAFF),
        )
        return Outcome(changed, (ev.CaseAssigned(changed),))
    _require_status(
        case,
        {Status.REPORTED},
        msg("cannot accept a case that is {status}; it must be one of: {allowed}"),
    )
    _require(
        manages(actor, case),
        msg(
            "only staff at the {level} rung or above can accept this case",
            level=case.level.value,
        ),
    )
    changed = _moved(
        case,
        actor,
        now,
        "ACCEPTED",
        Status.ACCEPTED,
        first_response_at=case.first_response_at or now,
    )
    return Outcome(changed)


def assign(
    case: Case, actor: Actor, now: datetime, assignee: PersonId, assignee_role: Role
) -> Outcome:
    _require_status(
        case,
        {Status.REPORTED, Status.ACCEPTED, Status.ASSIGNED},
        msg("cannot assign a case that is {status}; it must be one of: {allowed}"),
    )
    _require(
        manages(actor, case),
        msg(
            "only staff at the {level} rung or above can assign this case",
            level=case.level.value,
        ),
    )
    changed = _moved(
        case,
        actor,
        now,
        "ASSIGNED",
        Status.ASSIGNED,
        assignee_id=assignee,
        organization_id=None,
        first_response_at=case.first_response_at or now,
        handlers=_with_handler(case, assignee, assignee_role),
    )
    return Outcome(changed, (ev.CaseAssigned(changed),))


def start(case: Case, actor: Actor, now: datetime) -> Outcome:
    _require_status(
        case,
        {Status.ASSIGNED},
        msg("cannot start a case that is {status}; it must be one of: {allowed}"),
    )
    _require(
        works(actor, case), msg("only the assignee or the dispatched organization can start work")
    )
    assignee = case.assignee_id or actor.person_id
    changed = _moved(
        case,
        actor,
        now,
        "STARTED",
        Status.IN_PROGRESS,
        assignee_id=assignee,
        handlers=_with_handler(case, actor.person_id, _handling_role(actor, case)),
    )
    return Outcome(changed)


def escalate(
    case: Case,
    actor: Actor,
    now: datetime,
    *,
    reason: EscalationReason,
    new_due_at: datetime,
    to_level: Level | None = None,
    note: str | None = None,
) -> Outcome:
    """Move the case up the ladder; it waits there, unassigned, with a new deadline."""
    _require_status(
        case,
        OPEN_STATUSES,
        msg("cannot escalate a case that is {status}; it must be one of: {allowed}"),
    )
    if reason is EscalationReason.SLA_BREACH:
        _require(actor.system, msg("only the SLA sweeper escalates for a breach"))
    else:
        _require(
            manages(actor, case) or works(actor, case),
            msg("only staff over the case or the ones working it can escalate it"),
        )
    note = clean_text(note, NOTE)
    top = case.level.above() is None
    if to_level is None:
        target = case.level.above() or case.level
    else:
        target = to_level
        if target.rank <= case.level.rank:
            raise BadUserInput(
                msg(
                    "escalation goes up: {to_level} is not above {level}",
                    to_level=target.value,
                    level=case.level.value,
                ),
                field="toLevel",
            )
    if top and reason is not EscalationReason.SLA_BREACH:
        raise InvalidTransition(msg("the case is already at the top of the ladder"))
    changed = _moved(
        case,
        actor,
        now,
        f"ESCALATED:{reason.value}",
        Status.ACCEPTED,
        note=note,
        level=target,
        assignee_id=None,
        organization_id=None,
        order_taker_id=None,
        due_at=new_due_at,
        breach_count=case.breach_count + (reason is EscalationReason.SLA_BREACH),
    )
    return Outcome(changed, (ev.CaseEscalated(changed, case.level, reason, note),))


def dispatch(case: Case, actor: Actor, now: datetime, organization: OrganizationId) -> Outcome:
    """From the street up, hand the case to a department or a red-partner organization."""
    _require_status(
        case,
        {Status.REPORTED, Status.ACCEPTED, Status.ASSIGNED},
        msg("cannot dispatch a case that is {status}; it must be one of: {allowed}"),
    )
    if case.level.rank < Level.STREET.rank:
        raise InvalidTransition(
            msg("only a case at the STREET rung or above can be dispatched; escalate it first"),
            status=case.status.value,
        )
    _require(manages(actor, case), msg("only street staff or above can dispatch this case"))
    changed = _moved(
        case,
        actor,
        now,
        "DISPATCHED",
        Status.ASSIGNED,
        assignee_id=None,
        organization_id=organization,
        first_response_at=case.first_response_at or now,
    )
    return Outcome(changed, (ev.CaseAssigned(changed),))


def post_order(case: Case, actor: Actor, now: datetime) -> Outcome:
    _require_status(
        case,
        {Status.REPORTED, Status.ACCEPTED},
        msg("cannot post a case that is {status} as an order; it must be one of: {allowed}"),
    )
    level = actor.level
    _require(
        manages(actor, case) and level is not None and level.rank >= Level.COMMUNITY.rank,
        msg("only community staff or above can post a case on the order board"),
    )
    changed = _moved(
        case,
        actor,
        now,
        "ORDER_POSTED",
        Status.ON_ORDER_BOARD,
        first_response_at=case.first_response_at or now,
    )
    return Outcome(changed, (ev.OrderPosted(changed),))


def may_ask_to_take(actor: Actor, case: Case) -> bool:
    """Who learns that a case exists when asking to take it: whoever can see it, and a taker
    over its area once someone has taken it from the board. Takers see a case only while it is
    on the board (`can_view`); without this, the one who lost the race by a moment would be
    told the order never existed instead of that it was taken."""
    return can_view(actor, case) or bool(
        actor.roles & TAKER_ROLES and case.order_taker_id is not None
    )


def take_order(
    case: Case, actor: Actor, now: datetime, organization: OrganizationId | None
) -> Outcome:
    if case.order_taker_id is not None and case.status is not Status.ON_ORDER_BOARD:
        raise Conflict(
            msg("order {number} has already been taken by someone else", number=case.number)
        )
    _require_status(
        case,
        {Status.ON_ORDER_BOARD},
        msg("cannot take an order whose case is {status}; it must be one of: {allowed}"),
    )
    takers = sorted(actor.roles & TAKER_ROLES)
    _require(
        bool(takers) and actor.person_id is not None,
        msg("only red-partner members and volunteers within the case's area can take orders"),
    )
    changed = _moved(
        case,
        actor,
        now,
        "ORDER_TAKEN",
        Status.ASSIGNED,
        assignee_id=actor.person_id,
        order_taker_id=actor.person_id,
        organization_id=organization,
        handlers=_with_handler(case, actor.person_id, takers[0]),
    )
    return Outcome(changed, (ev.OrderTaken(changed), ev.CaseAssigned(changed)))


def resolve(
    case: Case, actor: Actor, now: datetime, resolution: str, photo_ids: tuple[str, ...] = ()
) -> Outcome:
    _require_status(
        case,
        {Status.ASSIGNED, Status.IN_PROGRESS},
        msg("cannot resolve a case that is {status}; it must be one of: {allowed}"),
    )
    _require(
        works(actor, case) or manages(actor, case),
        msg("only the ones working the case or staff over it can resolve it"),
    )
    text = clean_text(resolution, RESOLUTION)
    changed = _moved(
        case,
        actor,
        now,
        "RESOLVED",
        Status.RESOLVED,
        note=text,
        resolution=text,
        resolution_photo_ids=photo_ids,
        resolved_at=now,
        handlers=_with_handler(case, actor.person_id, _handling_role(actor, case)),
    )
    return Outcome(changed, (ev.CaseResolved(changed),))


def close(case: Case, actor: Actor, now: datetime, note: str | None = None) -> Outcome:
    _require_status(
        case,
        {Status.RESOLVED},
        msg("cannot close a case that is {status}; it must be one of: {allowed}"),
    )
    _require(
        manages(actor, case) or is_reporter(actor, case),
        msg("only the reporter or staff over the case can close it"),
    )
    changed = _moved(
        case,
        actor,
        now,
        "CLOSED" if not actor.system else "AUTO_CLOSED",
        Status.CLOSED,
        note=clean_text(note, NOTE),
        closed_at=now,
        closures=case.closures + 1,
    )
    return Outcome(changed, (ev.CaseClosed(changed),))


def auto_close_due(case: Case, now: datetime) -> bool:
    return (
        case.status is Status.RESOLVED
        and case.resolved_at is not None
        and now - case.resolved_at >= ANSWER_WINDOW
    )


def rate(
    case: Case,
    actor: Actor,
    now: datetime,
    score: int,
    comment: str | None,
    new_due_at: datetime,
) -> Outcome:
    """The reporter answers: a good rating closes the case, a low one reopens it."""
    _require(is_reporter(actor, case), msg("only the resident who reported the case can rate it"))
    if not 1 <= score <= 5:
        raise BadUserInput(msg("a rating is a whole number from 1 to 5"), field="score")
    comment = clean_text(comment, RATING_COMMENT)
    rating = Rating(score, comment, now)
    if case.status is Status.CLOSED:
        if case.rating is not None:
            raise InvalidTransition(
                msg("this case has already been rated"), status=case.status.value
            )
        _within_window(case, now)
    else:
        _require_status(
            case,
            {Status.RESOLVED},
            msg("cannot rate a case that is {status}; it must be one of: {allowed}"),
        )
    if score <= LOW_RATING:
        # The rating answers the resolution, so it closes the case (the closing carries the
        # rating), and its verdict reopens it: consumers see that closing undone.
        reason = f"low rating ({score}): {comment or 'no comment'}"
        rated = replace(case, rating=rating)
        closed = (
            close(rated, actor, now, note=f"rated {score}")
            if case.status is Status.RESOLVED
            else Outcome(rated)
        )
        reopened = reopen(closed.case, actor, now, reason, new_due_at)
        return Outcome(reopened.case, (*closed.events, *reopened.events))
    if case.status is Status.CLOSED:
        entry = TimelineEntry(now, actor.person_id, "RATED", case.status, case.status, comment)
        changed = replace(case, rating=rating, updated_at=now, timeline=(*case.timeline, entry))
        return Outcome(changed)
    rated = replace(case, rating=rating)
    outcome = close(rated, actor, now, note=f"rated {score}")
    return outcome


def _within_window(case: Case, now: datetime) -> None:
    answered = case.closed_at if case.status is Status.CLOSED else case.resolved_at
    if answered is not None and now - answered > ANSWER_WINDOW:
        raise InvalidTransition(
            msg("the {days} days to answer a resolution have passed", days=ANSWER_WINDOW.days),
            status=case.status.value,
        )


def reopen(case: Case, actor: Actor, now: datetime, reason: str, new_due_at: datetime) -> Outcome:
    """The reporter objects within 7 days (or staff reopen): the case goes back to work.

    `case.reopened` is published when a closing is undone (from CLOSED), naming that closing."""
    _require_status(
        case,
        {Status.RESOLVED, Status.CLOSED},
        msg("cannot reopen a case that is {status}; it must be one of: {allowed}"),
    )
    if is_reporter(actor, case):
        _within_window(case, now)
    else:
        _require(
            manages(actor, case), msg("only the reporter or staff over the case can reopen it")
        )
    text = clean_text(reason, REASON) or ""
    undone = case.status is Status.CLOSED
    changed = _moved(
        case,
        actor,
        now,
        "REOPENED",
        Status.ACCEPTED,
        note=text,
        assignee_id=None,
        organization_id=None,
        order_taker_id=None,
        resolved_at=None,
        closed_at=None,
        resolution=None,
        due_at=new_due_at,
    )
    # Only a closing can be undone: reopened from RESOLVED, nothing was awarded, nothing to say.
    return Outcome(changed, (ev.CaseReopened(changed, case.closures, text),) if undone else ())


def reject(case: Case, actor: Actor, now: datetime, reason: str) -> Outcome:
    _require_status(
        case,
        {Status.REPORTED, Status.ACCEPTED},
        msg("cannot reject a case that is {status}; it must be one of: {allowed}"),
    )
    _require(
        manages(actor, case),
        msg(
            "only staff at the {level} rung or above can reject this case",
            level=case.level.value,
        ),
    )
    text = clean_text(reason, REASON)
    changed = _moved(
        case,
        actor,
        now,
        "REJECTED",
        Status.REJECTED,
        note=text,
        rejection_reason=text,
        first_response_at=case.first_response_at or now,
    )
    return Outcome(changed)


def comment(
    case: Case, actor: Actor, now: datetime, text: str, photo_ids: tuple[str, ...] = ()
) -> Outcome:
    _require(can_view(actor, case), msg("you cannot see this case"))
    body = clean_text(text, COMMENT)
    comments = sum(1 for e in case.timeline if e.action == "COMMENTED")
    if comments >= MAX_COMMENTS or len(case.timeline) >= MAX_TIMELINE_FOR_COMMENTS:
        raise Conflict(
            msg(
                "this case takes no more comments (at most {max_comments} comments on a "
                "history of at most {max_entries} entries); continue in a meeting instead",
                max_comments=MAX_COMMENTS,
                max_entries=MAX_TIMELINE_FOR_COMMENTS,
            ),
            field="text",
            limit=MAX_COMMENTS,
        )
    entry = TimelineEntry(
        now, actor.person_id, "COMMENTED", case.status, case.status, body, photo_ids=photo_ids
    )
    return Outcome(replace(case, updated_at=now, timeline=(*case.timeline, entry)))
