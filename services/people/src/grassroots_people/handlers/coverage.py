"""Care coverage: how many households of each care level a unit has, and how many of them are
visited on schedule on a business day (domain/care.py `care_coverage`)."""

from __future__ import annotations

from datetime import date

from grassroots_kit.auth import Principal
from grassroots_kit.business_time import business_date
from grassroots_kit.errors import NotFound
from grassroots_kit.i18n import msg

from grassroots_people.domain import access
from grassroots_people.domain.care import CareCoverage, care_coverage, check_as_of
from grassroots_people.handlers.ports import PeoplePorts


async def coverage_of(
    ports: PeoplePorts, actor: Principal | None, unit_id: str, as_of: date | None = None
) -> CareCoverage:
    """For staff over the unit (grid members upward); `as_of` is today (business time) when
    not given."""
    access.require_actor(actor)
    unit = await ports.coverage.unit(unit_id)
    if unit is None:
        raise NotFound(msg("no org unit with id {unit_id}", unit_id=unit_id), field="orgUnitId")
    access.require_role_over(
        actor,
        access.STAFF_CARING,
        unit.path_with_self,
        msg("read the care coverage of this org unit"),
    )
    schedule = ports.schedule
    today = business_date(ports.clock(), schedule.zone)
    day = check_as_of(as_of, today) if as_of is not None else today
    rows = await ports.coverage.care_rows(unit.id)
    since, until = schedule.visits_window(day)
    scheduled = [row.household_id for row in rows if schedule.interval(row.care_level)]
    last = await ports.coverage.last_visits(scheduled, since, until) if scheduled else {}
    return care_coverage(
        unit.id,
        await ports.coverage.child_ids(unit.id),
        rows,
        last,
        schedule=schedule,
        as_of=day,
    )
