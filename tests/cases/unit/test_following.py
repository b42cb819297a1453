"""Following a case and "me too" over the fakes: who may, once per person, and what is
published."""

from __future__ import annotations

import pytest
from grassroots_cases.handlers.following import add_me_too, counts_of, follow_case, unfollow_case
from grassroots_cases.handlers.report_case import report_case
from grassroots_kit.auth import Principal
from grassroots_kit.errors import Conflict, NotFound, Unauthenticated

from tests.cases.fakes import FakeCases
from tests.cases.unit.fake_area import area, new_case, who


async def _reported() -> tuple[FakeCases, str]:
    fakes = area()
    case = (await report_case(fakes.ports, who("res-1"), new_case())).case
    fakes.uow.published.clear()
    return fakes, case.id


async def test_a_neighbour_follows_once_and_unfollows():
    fakes, case_id = await _reported()
    _, counts = await follow_case(fakes.ports, who("res-2"), case_id)
    assert (counts.followers, counts.followed_by_me) == (1, True)
    _, again = await follow_case(fakes.ports, who("res-2"), case_id)
    assert again.followers == 1
    _, gone = await unfollow_case(fakes.ports, who("res-2"), case_id)
    assert (gone.followers, gone.followed_by_me) == (0, False)
    published = fakes.uow.published
    assert [e.type for e in published] == ["case.followed", "case.unfollowed"]
    assert published[0].data["personId"] == "res-2"
    assert published[0].data["meToo"] is False


async def test_me_too_is_once_per_person_and_follows_the_case():
    fakes, case_id = await _reported()
    _, counts = await add_me_too(fakes.ports, who("res-2"), case_id)
    assert (counts.me_too, counts.followers, counts.me_too_by_me) == (1, 1, True)
    with pytest.raises(Conflict):
        await add_me_too(fakes.ports, who("res-2"), case_id)
    published = fakes.uow.published
    assert [(e.type, e.data["meToo"]) for e in published] == [("case.followed", True)]
    # Unfollowing keeps the "me too".
    _, gone = await unfollow_case(fakes.ports, who("res-2"), case_id)
    assert (gone.me_too, gone.followers) == (1, 0)


async def test_the_reporter_cannot_say_me_too_to_their_own_case():
    fakes, case_id = await _reported()
    with pytest.raises(Conflict):
        await add_me_too(fakes.ports, who("res-1"), case_id)


async def test_only_those_who_may_see_the_case_may_follow_it():
    fakes, case_id = await _reported()
    stranger = Principal("stranger", ())
    with pytest.raises(NotFound):
        await follow_case(fakes.ports, stranger, case_id)
    with pytest.raises(NotFound):
        await add_me_too(fakes.ports, stranger, case_id)
    with pytest.raises(Unauthenticated):
        await follow_case(fakes.ports, None, case_id)
    counts = await counts_of(fakes.ports, None, [case_id])
    assert counts[case_id].followers == 0
    assert fakes.uow.published == []
