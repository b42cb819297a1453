"""The platform admin people creates at start: no fixed password, never reset by a restart,
never a promotion of someone who took its phone."""

from __future__ import annotations

import pytest
from grassroots_people.handlers.bootstrap import (
    PhoneTaken,
    bootstrap_at_start,
    ensure_platform_admin,
)

from tests.people.integration.graph import PeopleGraph
from tests.support.people_auth import ADMIN_PASSWORD, ADMIN_PHONE

UPDATE = "mutation($i: UpdatePersonInput!) { updatePerson(input: $i) { person { id phone } } }"
REGISTER = "mutation($i: RegisterPersonInput!) { registerPerson(input: $i) { person { id } } }"


async def test_without_a_password_one_is_generated_once_and_only_its_hash_is_kept(
    graph: PeopleGraph,
):
    runtime = graph.service.app.state.runtime

    first = await ensure_platform_admin(runtime.ports, "10000000001", None)
    again = await ensure_platform_admin(runtime.ports, "10000000001", None)

    assert first.created
    assert first.generated_password
    assert again.generated_password is None
    stored = await graph.service.host.db["passwords"].find_one({"_id": first.person_id})
    assert first.generated_password not in stored["hash"]
    assert (await graph.login("10000000001", first.generated_password))["accessToken"]


async def test_a_restart_with_another_password_does_not_reset_the_admins(graph: PeopleGraph):
    runtime = graph.service.app.state.runtime

    await ensure_platform_admin(runtime.ports, ADMIN_PHONE, "a different one")

    assert (await graph.login(ADMIN_PHONE, ADMIN_PASSWORD))["accessToken"]


async def test_the_operator_command_resets_the_admins_password(graph: PeopleGraph):
    runtime = graph.service.app.state.runtime

    await ensure_platform_admin(runtime.ports, ADMIN_PHONE, "a different one", reset_password=True)

    assert (await graph.login(ADMIN_PHONE, "a different one"))["accessToken"]


async def test_a_person_holding_the_phone_is_not_made_platform_admin(graph: PeopleGraph):
    area = await graph.area()
    resident = await graph.person("Li Lang", "13800000099", unit=area.community)
    runtime = graph.service.app.state.runtime

    with pytest.raises(PhoneTaken):
        await ensure_platform_admin(
            runtime.ports, "13800000099", "made admin?", reset_password=True
        )

    assert await graph.count("role_assignments", {"personId": resident}) == 0


async def test_nobody_registers_with_or_changes_to_the_admins_phone(graph: PeopleGraph):
    area = await graph.area()
    resident = await graph.person("Li Lang", "13800000098", unit=area.community)
    token = (await graph.login("13800000098"))["accessToken"]

    changed = await graph.error(UPDATE, {"i": {"personId": resident, "phone": ADMIN_PHONE}}, token)
    registered = await graph.error(
        REGISTER,
        {"i": {"name": "Fake Admin", "phone": ADMIN_PHONE, "orgUnitId": area.community}},
        graph.admin,
    )

    assert changed["extensions"]["code"] == "CONFLICT"
    assert "reserved" in changed["message"]
    assert registered["extensions"]["code"] == "CONFLICT"
    assert await graph.count("persons", {"phone": ADMIN_PHONE}) == 1


async def test_a_restart_creates_no_second_admin_once_one_exists(graph: PeopleGraph):
    runtime = graph.service.app.state.runtime

    bootstrapped = await bootstrap_at_start(runtime.ports, "10000000002", None)

    assert bootstrapped is None
    assert await graph.count("persons", {"phone": "10000000002"}) == 0


async def test_the_admin_may_leave_the_phone_and_come_back_but_nobody_else_may_take_it(
    graph: PeopleGraph,
):
    area = await graph.area()
    resident = await graph.person("Li Lang", "13800000097", unit=area.community)
    token = (await graph.login("13800000097"))["accessToken"]
    admin = (await graph.ok("{ me { id } }", token=graph.admin))["me"]["id"]
    await graph.ok(UPDATE, {"i": {"personId": admin, "phone": "13900000001"}}, graph.admin)

    taken = await graph.error(UPDATE, {"i": {"personId": resident, "phone": ADMIN_PHONE}}, token)
    back = await graph.ok(UPDATE, {"i": {"personId": admin, "phone": ADMIN_PHONE}}, graph.admin)

    assert taken["extensions"]["code"] == "CONFLICT"
    assert back["updatePerson"]["person"]["id"] == admin
