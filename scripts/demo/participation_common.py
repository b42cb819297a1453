"""What the participation stages share: business days, waiting for participation's projections,
and finding what an earlier run made (by title), so that a second run changes nothing."""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import date, datetime, timedelta
from typing import Any, TypeVar

from scripts.demo.cases import BEIJING
from scripts.demo.graphql_client import GraphQLClient, GraphQLFailure

T = TypeVar("T")

ME = "{ me { id household { id } } }"


def today() -> date:
    """Today in the business time zone (the demo's places are all in China)."""
    return datetime.now(BEIJING).date()


def last_weekday(weekday: int, on_or_before: date) -> date:
    """The latest date on or before `on_or_before` that falls on `weekday` (Monday is 0)."""
    return on_or_before - timedelta(days=(on_or_before.weekday() - weekday) % 7)


def at(day: date, hour: int, minute: int = 0) -> str:
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=BEIJING).isoformat()


def eventually(action: Callable[[], T], timeout: float = 60) -> T:
    """Run `action` until participation's projections of people's events (residents, roles)
    have caught up with what the people stage registered: until then it refuses."""
    deadline = time.monotonic() + timeout
    while True:
        try:
            return action()
        except GraphQLFailure as failure:
            if time.monotonic() > deadline or not failure.codes & {"BAD_USER_INPUT", "FORBIDDEN"}:
                raise
            time.sleep(0.5)


def wait_for(check: Callable[[], T | None], what: str, timeout: float = 60) -> T:
    """Poll until `check` answers something (an event has been consumed)."""
    deadline = time.monotonic() + timeout
    while True:
        found = check()
        if found is not None:
            return found
        if time.monotonic() > deadline:
            raise TimeoutError(f"demo data: still waiting for {what}")
        time.sleep(0.3)


def household_of(client: GraphQLClient) -> tuple[str, str]:
    """(person id, household id) of the person logged in."""
    me = client.execute(ME)["me"]
    return str(me["id"]), str(me["household"]["id"])


def find_by_title(
    client: GraphQLClient, query: str, unit: str, field: str, title: str
) -> dict[str, Any] | None:
    """The node of `orgUnit(id).<field>` titled `title` (first page of 100 is plenty here)."""
    connection = client.execute(query, {"unit": unit})["orgUnit"][field]
    found = [e["node"] for e in connection["edges"] if e["node"]["title"] == title]
    return found[0] if found else None
