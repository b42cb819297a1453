"""Nobody earns from an imported history: only the importer attests who worked it."""

from __future__ import annotations

from datetime import timedelta

from grassroots_cases.domain import workflow
from grassroots_cases.domain.model import Handler, attested_by_import
from grassroots_cases.domain.vocabulary import Role, Status
from grassroots_cases.handlers.publishing import to_cloud_event

from tests.cases.unit.builders import ACTORS, ASSIGNEE, T0, case


def _closed_event_handlers(subject) -> list[object]:  # type: ignore[no-untyped-def]
    outcome = workflow.close(subject, ACTORS["district_admin"], T0 + timedelta(days=1), "done")
    closed = [to_cloud_event(e) for e in outcome.events if type(e).__name__ == "CaseClosed"]
    assert len(closed) == 1
    handlers: list[object] = closed[0].data["handlers"]
    return handlers


def test_handlers_named_by_an_import_earn_nothing_when_the_case_closes():
    imported = attested_by_import(
        case(Status.RESOLVED, handlers=(Handler(ASSIGNEE, Role.GRID_MEMBER),))
    )
    assert imported.earning_handlers == ()
    assert _closed_event_handlers(imported) == []


def test_live_handlers_still_earn():
    live = case(Status.RESOLVED, handlers=(Handler(ASSIGNEE, Role.GRID_MEMBER),))
    assert _closed_event_handlers(live) == [{"personId": ASSIGNEE, "role": "GRID_MEMBER"}]


def test_an_imported_handler_who_then_works_the_case_live_earns():
    imported = attested_by_import(
        case(Status.ACCEPTED, handlers=(Handler(ASSIGNEE, Role.GRID_MEMBER),))
    )
    outcome = workflow.assign(imported, ACTORS["community_staff"], T0, ASSIGNEE, Role.GRID_MEMBER)
    assert outcome.case.handlers == (Handler(ASSIGNEE, Role.GRID_MEMBER),)
    assert outcome.case.earning_handlers == outcome.case.handlers
