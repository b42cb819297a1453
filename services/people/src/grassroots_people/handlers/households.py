"""Use cases of households: create one, set its care level, log a visit and confirm it."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime

from grassroots_contracts.event_types import SOURCE_PEOPLE, VISIT_LOGGED
from grassroots_contracts.people_events import VisitLogged
from grassroots_kit.auth import Principal
from grassroots_kit.errors import BadUserInput, NotFound
from grassroots_kit.geo import GeoPoint
from grassroots_kit.i18n import msg
from grassroots_kit.media.library import UploadTicket
from grassroots_kit.media.ports import PhotoView, no_photos, photo_views, wanted_ids
from grassroots_kit.messaging.envelope import new_event

from grassroots_people.domain import access
from grassroots_people.domain.care import CareLevel
from grassroots_people.domain.ids import (
    HouseholdId,
    OrgUnitId,
    PersonId,
    VisitId,
    new_household_id,
    new_visit_id,
)
from grassroots_people.domain.org_units import OrgUnit
from grassroots_people.domain.people import Household, clean_needs, new_household
from grassroots_people.domain.visits import (
    DUPLICATE_WINDOW,
    Confirmer,
    Visit,
    check_not_duplicate,
    check_visit,
    check_visitor,
    confirmed,
)
from grassroots_people.handlers.loading import household_in, unit_in
from grassroots_people.handlers.ports import PeoplePorts, PeopleTx


@dataclass(frozen=True)
class CreateHousehold:
    org_unit_id: OrgUnitId
    address: str
    needs: list[str]


@dataclass(frozen=True)
class SetCareLevel:
    household_id: HouseholdId
    care_level: CareLevel
    needs: list[str] | None


@dataclass(frozen=True)
class LogVisit:
    household_id: HouseholdId
    at: datetime | None
    notes: str
    location: GeoPoint | None = None
    photo_ids: tuple[str, ...] = ()  # the visitor's own uploads (requestVisitPhotoUpload)


@dataclass(frozen=True)
class ConfirmVisit:
    visit_id: VisitId


MAX_BATCH = 200


async def create_households(
    ports: PeoplePorts, actor: Principal | None, commands: list[CreateHousehold]
) -> list[Household]:
    """One household or a batch of them, all or none."""
    if not 1 <= len(commands) <= MAX_BATCH:
        raise BadUserInput(
            msg("create 1 to {max_batch} households at a time", max_batch=MAX_BATCH),
            field="households",
        )

    async def work(tx: PeopleTx) -> list[Household]:
        now = ports.clock()
        loaded: dict[str, OrgUnit] = {}
        created = []
        for command in commands:
            unit = loaded.get(command.org_unit_id) or await unit_in(tx, command.org_unit_id)
            loaded[unit.id] = unit
            access.require_manage(actor, unit.path_with_self, msg("create households here"))
            created.append(
                new_household(
                    id=new_household_id(),
                    address=command.address,
                    unit=unit,
                    needs=command.needs,
                    now=now,
                )
            )
        await tx.households.insert_many(created)
        return created

    return await ports.uow.run(work)


async def set_care_level(
    ports: PeoplePorts, actor: Principal | None, command: SetCareLevel
) -> Household:
    async def work(tx: PeopleTx) -> Household:
        household = await household_in(tx, command.household_id)
        access.require_role_over(
            actor,
            access.CARING,
            household.org_unit_path,
            msg("set the care level of this household"),
        )
        now = ports.clock()
        changed = replace(
            household,
            care_level=command.care_level,
            needs=clean_needs(command.needs) if command.needs is not None else household.needs,
            care_since=now
            if command.care_level is not household.care_level
            else household.care_since,
        )
        changed = replace(
            changed,
            next_visit_due=ports.schedule.next_visit_due(
                changed.care_level,
                last_visit_at=changed.last_visit_at,
                care_since=changed.care_since,
            ),
        )
        await tx.households.save(changed)
        return changed

    return await ports.uow.run(work)


async def log_visit(
    ports: PeoplePorts, actor: Principal | None, command: LogVisit
) -> tuple[Visit, Household]:
    """Record a visit on the visitor's word: it changes no schedule and earns nothing until
    someone else confirms it (`confirm_visit`)."""

    photos = _wanted_photos(ports, command.photo_ids)

    async def work(tx: PeopleTx) -> tuple[Visit, Household]:
        household = await household_in(tx, command.household_id)
        visitor = access.require_role_over(
            actor, access.CARING, household.org_unit_path, msg("log visits to this household")
        )
        now = ports.clock()
        at = command.at or now
        if at.tzinfo is None:
            raise BadUserInput(msg("`at` needs a time zone"), field="at")
        notes = check_visit(at, now, command.notes)
        own = await tx.persons.get(visitor.person_id)
        check_visitor(own.household_id if own else None, household.id)
        await tx.households.count_visit_logged(household.id)
        check_not_duplicate(
            at,
            await tx.visits.times_near(visitor.person_id, household.id, at, DUPLICATE_WINDOW),
        )
        visit = Visit(
            id=new_visit_id(),
            household_id=household.id,
            visitor_id=PersonId(visitor.person_id),
            at=at,
            notes=notes,
            care_level=household.care_level,
            org_unit_id=household.org_unit_id,
            org_unit_path=household.org_unit_path,
            location=command.location,
            photo_ids=photos,
        )
        if photos:
            if tx.media is None:
                raise no_photos()
            await tx.media.attach(photos, visitor.person_id, visit_subject(visit.id), now)
        await tx.visits.insert(visit)
        return visit, household

    return await ports.uow.run(work)


async def confirm_visit(
    ports: PeoplePorts, actor: Principal | None, command: ConfirmVisit
) -> tuple[Visit, Household]:
    """A member of the household visited, or someone else serving it, confirms a visit: it then
    counts for the household's schedule and `visit.logged` carries who confirmed it."""

    async def work(tx: PeopleTx) -> tuple[Visit, Household]:
        caller = access.require_actor(actor)
        visit = await tx.visits.get(command.visit_id)
        if visit is None:
            raise NotFound(
                msg("no visit with id {visit_id}", visit_id=command.visit_id), field="visitId"
            )
        household = await household_in(tx, visit.household_id)
        me = await tx.persons.get(caller.person_id)
        visitor = await tx.persons.get(visit.visitor_id)
        now = ports.clock()
        done = confirmed(
            visit,
            confirmer=Confirmer(
                person_id=PersonId(caller.person_id),
                household_id=me.household_id if me else None,
                serves_household=access.has_role_over(
                    caller, access.CARING, household.org_unit_path
                ),
            ),
            visitor_household=visitor.household_id if visitor else None,
            now=now,
        )
        last = max(done.at, household.last_visit_at) if household.last_visit_at else done.at
        changed = replace(
            household,
            last_visit_at=last,
            next_visit_due=ports.schedule.next_visit_due(
                household.care_level, last_visit_at=last, care_since=household.care_since
            ),
        )
        await tx.visits.save(done)
        await tx.households.save(changed)
        assert done.confirmed_by is not None
        data = VisitLogged(
            id=done.id,
            household_id=done.household_id,
            visitor_id=done.visitor_id,
            care_level=done.care_level.value,
            org_unit_id=done.org_unit_id,
            org_unit_path=done.org_unit_path,
            at=done.at,
            confirmed_by=done.confirmed_by,
        )
        event = new_event(VISIT_LOGGED, source=SOURCE_PEOPLE, subject=done.id, data=data.to_data())
        tx.publish([event])
        return done, changed

    return await ports.uow.run(work)


def visit_subject(visit_id: str) -> str:
    """What a visit's photos belong to, in the media records."""
    return f"visit:{visit_id}"


def _wanted_photos(ports: PeoplePorts, given: tuple[str, ...]) -> tuple[str, ...]:
    if not given:
        return ()
    if ports.media is None:
        raise no_photos()
    return wanted_ids(given, ports.media.max_per_item)


async def request_visit_photo_upload(ports: PeoplePorts, actor: Principal | None) -> UploadTicket:
    """A single-use upload URL for one photo of a visit (signed in)."""
    caller = access.require_actor(actor)
    if ports.media is None:
        raise no_photos()
    return await ports.media.request_upload(caller.person_id, "VISIT")


async def visit_photos(ports: PeoplePorts, visit: Visit) -> list[PhotoView]:
    """The visit's photos with fresh URLs, for whoever the visit itself was shown to (its
    visitor, on logging it; its confirmer, on confirming it)."""
    if ports.media is None or not visit.photo_ids:
        return []
    return await photo_views(ports.media, visit.photo_ids, visit_subject(visit.id))
