"""Meetings and the decisions they reach. Pure: no I/O, no framework.

A meeting is held at an org unit, convened by its community staff, for invited households (each
through one representative) and organizations. Its agenda items are decided either by consensus,
recorded by whoever runs the meeting, or by a household vote: one household, one vote, cast only
by that household's representative; the vote decides only when a quorum of the invited households
(more than half) has voted, and the item is adopted when more than half of the households that
voted are for it. A decided item, like a closed meeting, takes no more votes or decisions.

Every refusal is a typed `UserError` with a message for the person who tried; nothing changes.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from enum import StrEnum
from typing import Final
from zoneinfo import ZoneInfo

from grassroots_kit.business_time import local
from grassroots_kit.errors import BadUserInput, Conflict, Forbidden, InvalidTransition, NotFound
from grassroots_kit.i18n import msg

MAX_TITLE = 200
MAX_TEXT = 4000
MAX_MINUTES = 20000
MAX_HOUSEHOLDS = 300
MAX_ORGANIZATIONS = 30
MAX_AGENDA_ITEMS = 50
MAX_ATTENDANCE = 1000
MAX_OCCURRENCES = 52
MAX_ID = 64


class MeetingKind(StrEnum):
    COUNCIL = "COUNCIL"
    DISCUSSION_DAY = "DISCUSSION_DAY"
    MASS_MEETING = "MASS_MEETING"
    NIGHT_TALK = "NIGHT_TALK"
    SIX_PARTY_NEGOTIATION = "SIX_PARTY_NEGOTIATION"


class MeetingStatus(StrEnum):
    SCHEDULED = "SCHEDULED"
    CLOSED = "CLOSED"


class ItemStatus(StrEnum):
    OPEN = "OPEN"
    DECIDED = "DECIDED"


class DecisionMethod(StrEnum):
    CONSENSUS = "CONSENSUS"
    HOUSEHOLD_VOTE = "HOUSEHOLD_VOTE"


class Outcome(StrEnum):
    ADOPTED = "ADOPTED"
    REJECTED = "REJECTED"


class Choice(StrEnum):
    FOR = "FOR"
    AGAINST = "AGAINST"
    ABSTAIN = "ABSTAIN"


class Weekday(StrEnum):
    MONDAY = "MONDAY"
    TUESDAY = "TUESDAY"
    WEDNESDAY = "WEDNESDAY"
    THURSDAY = "THURSDAY"
    FRIDAY = "FRIDAY"
    SATURDAY = "SATURDAY"
    SUNDAY = "SUNDAY"

    @property
    def number(self) -> int:
        """0 for Monday, as `date.weekday()` counts."""
        return list(Weekday).index(self)


WEEKDAYS: Final = tuple(Weekday)


# --- refusals -------------------------------------------------------------------------------


class MeetingClosed(InvalidTransition):
    def __init__(self) -> None:
        super().__init__(
            msg("this meeting is closed: it takes no more changes, votes or decisions")
        )


class ItemAlreadyDecided(InvalidTransition):
    def __init__(self) -> None:
        super().__init__(
            msg("this agenda item has already been decided: it takes no more votes or decisions"),
            field="itemId",
        )


class NotARepresentative(Forbidden):
    def __init__(self) -> None:
        super().__init__(
            msg(
                "only the representative of a household invited to this meeting may vote, "
                "one vote per household"
            )
        )


class AlreadyVoted(Conflict):
    def __init__(self) -> None:
        super().__init__(
            msg("your household has already voted on this agenda item: one household, one vote"),
            field="itemId",
        )


class QuorumNotMet(InvalidTransition):
    def __init__(self, voted: int, invited: int, quorum: int) -> None:
        super().__init__(
            msg(
                "the vote has no quorum: {voted} of {invited} invited households voted, "
                "at least {quorum} must",
                voted=voted,
                invited=invited,
                quorum=quorum,
            ),
            voted=voted,
            invited=invited,
            quorum=quorum,
        )


class UnknownItem(NotFound):
    def __init__(self, item_id: str) -> None:
        super().__init__(
            msg("this meeting has no agenda item with id {item_id}", item_id=item_id),
            field="itemId",
        )


# --- values ---------------------------------------------------------------------------------


def check_ids(ids: Sequence[str], field_name: str) -> None:
    """Ids a caller names that are stored as given (organizations, attendees): bounded, so a
    meeting document cannot be grown with long strings."""
    if any(not i or len(i) > MAX_ID for i in ids):
        raise BadUserInput(msg("an id has 1 to {max} characters", max=MAX_ID), field=field_name)


def clean_title(title: str, field_name: str = "title") -> str:
    cleaned = " ".join(title.split())
    if not cleaned:
        raise BadUserInput(msg("a title is required"), field=field_name)
    if len(cleaned) > MAX_TITLE:
        raise BadUserInput(
            msg("a title is at most {max} characters", max=MAX_TITLE), field=field_name
        )
    return cleaned


def clean_text(text: str, field_name: str, limit: int = MAX_TEXT) -> str:
    cleaned = text.strip()
    if len(cleaned) > limit:
        raise BadUserInput(
            msg("this text is at most {max} characters", max=limit), field=field_name
        )
    return cleaned


@dataclass(frozen=True)
class Recurrence:
    """Weekly on one weekday of the business time zone, at the first meeting's local time,
    until a date (included) or without end."""

    weekday: Weekday
    until: date | None = None


def check_schedule(
    starts_at: datetime, ends_at: datetime | None, recurrence: Recurrence | None, tz: ZoneInfo
) -> None:
    if starts_at.tzinfo is None or (ends_at is not None and ends_at.tzinfo is None):
        raise BadUserInput(msg("times must carry a time zone offset"), field="startsAt")
    if ends_at is not None and ends_at <= starts_at:
        raise BadUserInput(msg("a meeting must end after it starts"), field="endsAt")
    if recurrence is None:
        return
    first = local(starts_at, tz)
    if first.weekday() != recurrence.weekday.number:
        raise BadUserInput(
            msg(
                "a weekly meeting must first take place on the weekday it repeats on "
                "(in the business time zone)"
            ),
            field="recurrence",
        )
    if recurrence.until is not None and recurrence.until < first.date():
        raise BadUserInput(
            msg("a recurrence must not end before the first meeting"), field="recurrence"
        )


def occurrences(
    starts_at: datetime,
    recurrence: Recurrence | None,
    tz: ZoneInfo,
    *,
    after: datetime,
    count: int,
) -> list[datetime]:
    """The next `count` (at most MAX_OCCURRENCES) starts at or after `after`: one for a single
    meeting, weekly at the same wall-clock time of the business zone for a recurring one (so a
    change of UTC offset does not move it)."""
    count = max(0, min(count, MAX_OCCURRENCES))
    if recurrence is None:
        return [starts_at] if starts_at >= after and count else []
    first = local(starts_at, tz)
    found: list[datetime] = []
    week = 0
    if after > starts_at:
        week = max(0, (after - starts_at).days // 7 - 1)
    while len(found) < count:
        day = first.date() + timedelta(weeks=week)
        if recurrence.until is not None and day > recurrence.until:
            break
        at = datetime.combine(day, first.timetz().replace(tzinfo=None), tzinfo=tz)
        if at >= after:
            found.append(at)
        week += 1
    return found


@dataclass(frozen=True)
class InvitedHousehold:
    household_id: str
    representative_id: str


@dataclass(frozen=True)
class Vote:
    household_id: str
    person_id: str
    choice: Choice
    at: datetime


@dataclass(frozen=True)
class Tally:
    """The households' votes on one item against the invited households."""

    votes_for: int
    votes_against: int
    abstentions: int
    invited: int

    @property
    def voted(self) -> int:
        return self.votes_for + self.votes_against + self.abstentions

    @property
    def quorum(self) -> int:
        """More than half of the invited households."""
        return self.invited // 2 + 1

    @property
    def quorum_met(self) -> bool:
        return self.invited > 0 and self.voted >= self.quorum

    @property
    def outcome(self) -> Outcome:
        """Adopted when more than half of the households that voted are for it."""
        return Outcome.ADOPTED if self.votes_for * 2 > self.voted else Outcome.REJECTED

    @classmethod
    def of(cls, votes: Sequence[Vote], invited: int) -> Tally:
        return cls(
            votes_for=sum(1 for v in votes if v.choice is Choice.FOR),
            votes_against=sum(1 for v in votes if v.choice is Choice.AGAINST),
            abstentions=sum(1 for v in votes if v.choice is Choice.ABSTAIN),
            invited=invited,
        )


@dataclass(frozen=True)
class Decision:
    id: str
    item_id: str
    method: DecisionMethod
    outcome: Outcome
    text: str
    decided_by: str
    decided_at: datetime
    tally: Tally | None = None
    """The count a household vote decided by; None for consensus."""


@dataclass
class AgendaItem:
    id: str
    title: str
    description: str
    proposed_by: str
    added_at: datetime
    status: ItemStatus = ItemStatus.OPEN
    votes: list[Vote] = field(default_factory=list)
    decision: Decision | None = None
    proposal_id: str | None = None
    """The deliberation-list proposal it was put on the agenda from (domain/deliberation.py)."""
    case_id: str | None = None
    """The case that proposal came from, carried on `decision.made` back to cases."""
    survey_id: str | None = None
    """A survey whose results the item discusses (domain/surveys.py)."""


@dataclass
class Meeting:
    id: str
    org_unit_id: str
    org_unit_path: tuple[str, ...]
    """Ancestors and the unit itself, root first (what grants are checked against)."""
    kind: MeetingKind
    title: str
    starts_at: datetime
    convener_id: str
    created_at: datetime
    ends_at: datetime | None = None
    location: str = ""
    recurrence: Recurrence | None = None
    households: tuple[InvitedHousehold, ...] = ()
    organization_ids: tuple[str, ...] = ()
    agenda: list[AgendaItem] = field(default_factory=list)
    attendance: list[str] = field(default_factory=list)
    minutes: str = ""
    status: MeetingStatus = MeetingStatus.SCHEDULED
    closed_at: datetime | None = None
    version: int = 1

    # --- reading ---

    def item(self, item_id: str) -> AgendaItem:
        for item in self.agenda:
            if item.id == item_id:
                return item
        raise UnknownItem(item_id)

    def household_represented_by(self, person_id: str) -> str | None:
        for household in self.households:
            if household.representative_id == person_id:
                return household.household_id
        return None

    def is_invited(self, person_id: str) -> bool:
        return self.household_represented_by(person_id) is not None

    def tally(self, item: AgendaItem) -> Tally:
        return Tally.of(item.votes, len(self.households))

    # --- changing ---

    def _open(self) -> None:
        if self.status is MeetingStatus.CLOSED:
            raise MeetingClosed()

    def _open_item(self, item_id: str) -> AgendaItem:
        self._open()
        item = self.item(item_id)
        if item.status is ItemStatus.DECIDED:
            raise ItemAlreadyDecided()
        return item

    def add_item(
        self, item_id: str, title: str, description: str, proposed_by: str, at: datetime
    ) -> AgendaItem:
        self._open()
        if len(self.agenda) >= MAX_AGENDA_ITEMS:
            raise BadUserInput(
                msg("a meeting has at most {max} agenda items", max=MAX_AGENDA_ITEMS),
                field="title",
            )
        item = AgendaItem(
            id=item_id,
            title=clean_title(title),
            description=clean_text(description, "description"),
            proposed_by=proposed_by,
            added_at=at,
        )
        self.agenda.append(item)
        return item

    def record_attendance(self, person_ids: Sequence[str]) -> list[str]:
        """Add those present (once each); returns who was added."""
        self._open()
        check_ids(person_ids, "personIds")
        added = [p for p in dict.fromkeys(person_ids) if p not in self.attendance]
        if len(self.attendance) + len(added) > MAX_ATTENDANCE:
            raise BadUserInput(
                msg("a meeting records at most {max} attendees", max=MAX_ATTENDANCE),
                field="personIds",
            )
        self.attendance.extend(added)
        return added

    def cast_vote(self, item_id: str, voter_id: str, choice: Choice, at: datetime) -> Vote:
        item = self._open_item(item_id)
        household_id = self.household_represented_by(voter_id)
        if household_id is None:
            raise NotARepresentative()
        if any(v.household_id == household_id for v in item.votes):
            raise AlreadyVoted()
        vote = Vote(household_id=household_id, person_id=voter_id, choice=choice, at=at)
        item.votes.append(vote)
        return vote

    def decide(
        self,
        item_id: str,
        decision_id: str,
        method: DecisionMethod,
        text: str,
        decided_by: str,
        at: datetime,
        outcome: Outcome = Outcome.ADOPTED,
    ) -> Decision:
        """Record an item's decision. By consensus the outcome is what the meeting agreed
        (`outcome`); by household vote it is the tally's, and only with a quorum."""
        item = self._open_item(item_id)
        tally: Tally | None = None
        if method is DecisionMethod.HOUSEHOLD_VOTE:
            tally = self.tally(item)
            if not tally.quorum_met:
                raise QuorumNotMet(tally.voted, tally.invited, tally.quorum)
            outcome = tally.outcome
        decision = Decision(
            id=decision_id,
            item_id=item.id,
            method=method,
            outcome=outcome,
            text=clean_text(text, "text"),
            decided_by=decided_by,
            decided_at=at,
            tally=tally,
        )
        item.decision = decision
        item.status = ItemStatus.DECIDED
        return decision

    def attach_survey(self, item_id: str, survey_id: str | None) -> AgendaItem:
        """Point an item at a survey's results (None detaches); a decided item keeps its own."""
        item = self._open_item(item_id)
        item.survey_id = survey_id
        return item

    def record_minutes(self, minutes: str) -> None:
        """Minutes may be written or corrected after the meeting closed, too."""
        self.minutes = clean_text(minutes, "minutes", MAX_MINUTES)

    def close(self, at: datetime, minutes: str | None = None) -> None:
        self._open()
        if minutes is not None:
            self.record_minutes(minutes)
        self.status = MeetingStatus.CLOSED
        self.closed_at = at


def check_invitations(
    households: Sequence[InvitedHousehold], organization_ids: Sequence[str]
) -> None:
    """Bounded lists, each household invited once with one representative, no one representing
    two households."""
    if len(households) > MAX_HOUSEHOLDS:
        raise BadUserInput(
            msg("a meeting invites at most {max} households", max=MAX_HOUSEHOLDS),
            field="households",
        )
    if len(organization_ids) > MAX_ORGANIZATIONS:
        raise BadUserInput(
            msg("a meeting invites at most {max} organizations", max=MAX_ORGANIZATIONS),
            field="organizationIds",
        )
    check_ids(organization_ids, "organizationIds")
    if len({h.household_id for h in households}) != len(households):
        raise BadUserInput(msg("each household is invited once"), field="households")
    if len({h.representative_id for h in households}) != len(households):
        raise BadUserInput(
            msg("one person represents one household at a meeting"), field="households"
        )
