"""Households and residents: registering, moving, searching, and what each viewer may see."""

from __future__ import annotations

from grassroots_people.adapters.persons import COLLECTION, PersonStore

from tests.people.integration.graph import PeopleGraph

PERSON = "query($id: ID!) { person(id: $id) { name phone phoneVisible household { address } } }"
PEOPLE = """query($f: PersonFilter, $first: Int) { people(filter: $f, first: $first) {
  totalCount edges { node { name phone } } } }"""


async def test_a_registered_person_lives_in_a_household_and_is_announced(graph: PeopleGraph):
    area = await graph.area()
    household = await graph.household(area.neighborhood, "Liaoyuan Road No. 26, Room 301")

    person = await graph.person("Long Wei", "13800000031", household=household, party_member=True)

    [event] = await graph.events("person.registered")
    assert event["subject"] == person
    assert event["data"] == {
        "id": person,
        "name": "Long Wei",
        "householdId": household,
        "orgUnitId": area.neighborhood,
        "orgUnitPath": [
            area.district,
            area.street,
            area.community,
            area.grid,
            area.piece,
            area.group,
            area.neighborhood,
        ],
        "partyMember": True,
        "version": 1,
    }
    assert "phone" not in event["data"]


async def test_a_duplicate_phone_or_unknown_household_writes_nothing(graph: PeopleGraph):
    area = await graph.area()
    household = await graph.household(area.neighborhood, "Liaoyuan Road No. 26, Room 301")
    await graph.person("Long Wei", "13800000031", household=household)
    register = "mutation($i: RegisterPersonInput!) { registerPerson(input: $i) { person { id } } }"

    duplicate = await graph.error(
        register,
        {"i": {"name": "Other", "phone": "138 0000 0031", "householdId": household}},
        graph.admin,
    )
    unknown = await graph.error(
        register,
        {"i": {"name": "Other", "phone": "13800000032", "householdId": "nope"}},
        graph.admin,
    )
    bad_phone = await graph.error(
        register, {"i": {"name": "Other", "phone": "12345", "householdId": household}}, graph.admin
    )

    assert duplicate["extensions"] == {"code": "CONFLICT", "field": "phone"}
    assert unknown["extensions"] == {"code": "NOT_FOUND", "field": "householdId"}
    assert bad_phone["extensions"] == {"code": "BAD_USER_INPUT", "field": "phone"}
    assert await graph.count("persons", {"name": "Other"}) == 0
    assert len(await graph.events("person.registered")) == 1


async def test_moving_a_person_publishes_their_new_place(graph: PeopleGraph):
    area = await graph.area()
    old = await graph.household(area.neighborhood, "Liaoyuan Road No. 26, Room 301")
    new = await graph.household(area.building, "North Gate Block, Room 102")
    person = await graph.person("Shi Kai", "13800000041", household=old)

    data = await graph.ok(
        "mutation($i: MovePersonInput!) { movePerson(input: $i) { person { household { id } } } }",
        {"i": {"personId": person, "householdId": new}},
        graph.admin,
    )

    assert data["movePerson"]["person"]["household"] == {"id": new}
    [event] = await graph.events("person.moved")
    assert event["data"]["householdId"] == new
    assert event["data"]["orgUnitId"] == area.building
    assert event["data"]["version"] == 2


async def test_people_are_searched_by_name_or_phone_prefix_within_a_subtree(graph: PeopleGraph):
    area = await graph.area()
    here = await graph.household(area.neighborhood, "Liaoyuan Road No. 26, Room 301")
    there = await graph.household(area.other_community, "Wangfu Road No. 1")
    await graph.person("Wang Feng", "13800000051", household=here, password=None)
    await graph.person("Wang Li", "13900000052", household=here, password=None)
    await graph.person("Wang Outside", "13800000053", household=there, password=None)

    by_name = await graph.ok(
        PEOPLE, {"f": {"within": area.community, "nameStartsWith": "Wang"}}, graph.admin
    )
    by_phone = await graph.ok(
        PEOPLE, {"f": {"within": area.community, "phoneStartsWith": "139"}}, graph.admin
    )

    assert [e["node"]["name"] for e in by_name["people"]["edges"]] == ["Wang Feng", "Wang Li"]
    assert [e["node"]["name"] for e in by_phone["people"]["edges"]] == ["Wang Li"]


PEOPLE_PAGE = """query($f: PersonFilter, $first: Int, $after: String) {
  people(filter: $f, first: $first, after: $after) {
    edges { node { name } } pageInfo { endCursor hasNextPage } } }"""


async def test_a_chinese_name_is_found_by_itself_its_pinyin_and_its_initials(graph: PeopleGraph):
    area = await graph.area()
    home = await graph.household(area.neighborhood, "哈尔滨路3号301室")
    await graph.person("张三", "13800000061", household=home, password=None)
    await graph.person("李四", "13800000062", household=home, password=None)
    await graph.person("赵森", "13800000063", household=home, password=None)

    async def names(prefix: str) -> list[str]:
        data = await graph.ok(
            PEOPLE, {"f": {"within": area.community, "nameStartsWith": prefix}}, graph.admin
        )
        return [e["node"]["name"] for e in data["people"]["edges"]]

    assert await names("zhangsan") == ["张三"]
    assert await names("Zhang San") == ["张三"]
    assert await names("张") == ["张三"]
    assert await names("zs") == ["张三", "赵森"]  # both initials are zs, in pinyin order
    assert await names("ls") == ["李四"]
    assert await names("三") == []  # Han text matches the name from its start, not pinyin


async def test_people_are_listed_and_paged_in_pinyin_order(graph: PeopleGraph):
    area = await graph.area()
    home = await graph.household(area.neighborhood, "哈尔滨路3号302室")
    # In code point order: 安 U+5B89, 张 U+5F20, 李 U+674E, 王 U+738B.
    for i, name in enumerate(["王五", "张三", "李四", "安娜"]):
        await graph.person(name, f"1380000007{i}", household=home, password=None)

    seen: list[str] = []
    after = None
    while True:
        data = await graph.ok(
            PEOPLE_PAGE,
            {"f": {"within": area.neighborhood}, "first": 3, "after": after},
            graph.admin,
        )
        seen += [e["node"]["name"] for e in data["people"]["edges"]]
        if not data["people"]["pageInfo"]["hasNextPage"]:
            break
        after = data["people"]["pageInfo"]["endCursor"]

    assert [n for n in seen if n in {"王五", "张三", "李四", "安娜"}] == [
        "安娜",
        "李四",
        "王五",
        "张三",
    ]


async def test_a_resident_knows_their_household_and_no_one_else(graph: PeopleGraph):
    area = await graph.area()
    home = await graph.household(area.neighborhood, "Liaoyuan Road No. 26, Room 301")
    next_door = await graph.household(area.neighborhood, "Liaoyuan Road No. 26, Room 302")
    me = await graph.person("Shi Kai", "13812345678", household=home)
    wife = await graph.person("Shi Mei", "13812340000", household=home, password=None)
    neighbour = await graph.person("Long Wei", "13887654321", household=next_door, password=None)
    token = await graph.token("13812345678")

    mine = await graph.ok(PERSON, {"id": me}, token)
    family = await graph.ok(PERSON, {"id": wife}, token)
    other = await graph.ok(PERSON, {"id": neighbour}, token)
    listing = await graph.error(PEOPLE, {"f": {"within": area.neighborhood}}, token)
    household = await graph.ok(PEOPLE, {"f": {"householdId": home}}, token)
    phone_search = await graph.ok(
        PEOPLE, {"f": {"householdId": home, "phoneStartsWith": "1381234"}}, token
    )

    assert mine["person"]["phone"] == "13812345678"
    # A phone shows in full only to its owner and those who serve them, a housemate included.
    assert family["person"]["name"] == "Shi Mei"
    assert family["person"]["phone"] == "138****0000"
    assert family["person"]["household"] == {"address": "Liaoyuan Road No. 26, Room 301"}
    assert other["person"] == {
        "name": "****",
        "phone": None,
        "phoneVisible": False,
        "household": None,
    }
    assert listing["extensions"]["code"] == "FORBIDDEN"
    assert household["people"]["totalCount"] == 2
    # No spelling out a housemate's masked phone by prefix: the search is limited to one's scope.
    assert phone_search["people"]["totalCount"] == 0


async def test_a_grid_member_sees_their_grid_in_full_and_nothing_beyond(graph: PeopleGraph):
    area = await graph.area()
    inside = await graph.household(area.neighborhood, "Liaoyuan Road No. 26, Room 301")
    outside = await graph.household(area.other_community, "Wangfu Road No. 1")
    resident = await graph.person("Shi Kai", "13812345678", household=inside, password=None)
    stranger = await graph.person("Far Away", "13887654321", household=outside, password=None)
    token = await graph.staff("Grid Member", "13800000061", "GRID_MEMBER", area.grid)

    seen = await graph.ok(PERSON, {"id": resident}, token)
    hidden = await graph.ok(PERSON, {"id": stranger}, token)
    listed = await graph.ok(PEOPLE, {}, token)
    beyond = await graph.error(PEOPLE, {"f": {"within": area.other_community}}, token)

    assert seen["person"]["phone"] == "13812345678"
    assert hidden["person"] == {
        "name": "****",
        "phone": None,
        "phoneVisible": False,
        "household": None,
    }
    assert {e["node"]["name"] for e in listed["people"]["edges"]} == {"Shi Kai", "Grid Member"}
    assert beyond["extensions"]["code"] == "FORBIDDEN"


async def test_a_grid_member_may_not_register_people_or_create_households(graph: PeopleGraph):
    area = await graph.area()
    token = await graph.staff("Grid Member", "13800000061", "GRID_MEMBER", area.grid)

    household = await graph.error(
        "mutation($i: CreateHouseholdInput!) { createHousehold(input: $i) { household { id } } }",
        {"i": {"orgUnitId": area.neighborhood, "address": "Somewhere 1"}},
        token,
    )

    assert household["extensions"]["code"] == "FORBIDDEN"
    assert await graph.count("households") == 0


async def test_people_are_registered_in_batches_all_or_none(graph: PeopleGraph):
    area = await graph.area()
    household = await graph.household(area.neighborhood, "Liaoyuan Road No. 26, Room 301")
    batch = "mutation($i: RegisterPeopleInput!) { registerPeople(input: $i) { people { name } } }"
    people = [
        {"name": f"Resident {i}", "phone": f"1370000{i:04}", "householdId": household}
        for i in range(50)
    ]

    data = await graph.ok(batch, {"i": {"people": people}}, graph.admin)
    clash = await graph.error(
        batch,
        {
            "i": {
                "people": [
                    {"name": "New", "phone": "13700009999", "householdId": household},
                    people[0],
                ]
            }
        },
        graph.admin,
    )

    assert len(data["registerPeople"]["people"]) == 50
    assert clash["extensions"]["code"] == "CONFLICT"
    assert await graph.count("persons", {"name": "New"}) == 0


async def test_staff_from_elsewhere_are_registered_without_a_place_by_the_platform_admin(
    graph: PeopleGraph,
):
    area = await graph.area()
    staff = await graph.staff("Zhou Min", "13800000012", "COMMUNITY_STAFF", area.community)
    register = "mutation($i: RegisterPersonInput!) { registerPerson(input: $i) { person { id } } }"

    refused = await graph.error(register, {"i": {"name": "Nowhere Man"}}, staff)
    person = await graph.person("Peng Tao", "13800000024")

    [_, event] = await graph.events("person.registered")
    assert refused["extensions"]["code"] == "FORBIDDEN"
    assert event["subject"] == person
    assert event["data"]["orgUnitId"] is None
    assert event["data"]["orgUnitPath"] == []


UPDATE_PERSON = """mutation($i: UpdatePersonInput!) { updatePerson(input: $i) {
  person { name phone partyMember } } }"""
UPDATE_HOUSEHOLD = """mutation($i: UpdateHouseholdInput!) { updateHousehold(input: $i) {
  household { address needs } } }"""


async def test_a_resident_edits_themselves_and_their_household_but_not_their_neighbours(
    graph: PeopleGraph,
):
    area = await graph.area()
    home = await graph.household(area.neighborhood, "Liaoyuan Road No. 26, Room 301")
    next_door = await graph.household(area.neighborhood, "Liaoyuan Road No. 26, Room 302")
    me = await graph.person("Shi Kai", "13812345678", household=home)
    neighbour = await graph.person("Long Wei", "13887654321", household=next_door, password=None)
    token = await graph.token("13812345678")

    renamed = await graph.ok(UPDATE_PERSON, {"i": {"personId": me, "name": "Shi Kai Jr"}}, token)
    needs = await graph.ok(
        UPDATE_HOUSEHOLD, {"i": {"householdId": home, "needs": ["stall licence"]}}, token
    )
    not_theirs = await graph.error(
        UPDATE_PERSON, {"i": {"personId": neighbour, "name": "Renamed"}}, token
    )
    not_their_home = await graph.error(
        UPDATE_HOUSEHOLD, {"i": {"householdId": next_door, "address": "Mine now"}}, token
    )
    party = await graph.error(UPDATE_PERSON, {"i": {"personId": me, "partyMember": True}}, token)

    assert renamed["updatePerson"]["person"]["name"] == "Shi Kai Jr"
    assert needs["updateHousehold"]["household"]["needs"] == ["stall licence"]
    assert not_theirs["extensions"]["code"] == "FORBIDDEN"
    assert not_their_home["extensions"]["code"] == "FORBIDDEN"
    assert party["extensions"]["code"] == "FORBIDDEN"
    [event] = await graph.events("person.updated")
    assert event["data"]["name"] == "Shi Kai Jr"
    assert event["data"]["version"] == 2


async def test_households_are_created_in_batches_all_or_none(graph: PeopleGraph):
    area = await graph.area()
    staff = await graph.staff("Zhou Min", "13800000012", "COMMUNITY_STAFF", area.community)
    batch = """mutation($i: CreateHouseholdsInput!) {
      createHouseholds(input: $i) { households { address orgUnit { name } } } }"""

    made = await graph.ok(
        batch,
        {"i": {"households": [
            {"orgUnitId": area.neighborhood, "address": "Lane 1, No. 1"},
            {"orgUnitId": area.building, "address": "Block 1, Room 1"},
        ]}},
        staff,
    )  # fmt: skip
    refused = await graph.error(
        batch,
        {"i": {"households": [
            {"orgUnitId": area.neighborhood, "address": "Lane 1, No. 2"},
            {"orgUnitId": area.other_community, "address": "Not theirs"},
        ]}},
        staff,
    )  # fmt: skip

    assert [h["orgUnit"]["name"] for h in made["createHouseholds"]["households"]] == [
        "Neighborhood 1-1",
        "North Gate Block",
    ]
    assert refused["extensions"]["code"] == "FORBIDDEN"
    assert await graph.count("households") == 2


async def test_people_written_before_search_keys_get_them_at_start(graph: PeopleGraph):
    area = await graph.area()
    home = await graph.household(area.neighborhood, "哈尔滨路3号303室")
    person = await graph.person("龙伟", "13800000081", household=home, password=None)
    persons = graph.service.host.db[COLLECTION]
    await persons.update_one({"_id": person}, {"$unset": {"nameKeys": 1}})

    filled = await PersonStore(graph.service.host.db).backfill_search_keys()

    assert filled >= 1
    doc = await persons.find_one({"_id": person})
    assert doc is not None
    assert doc["nameKeys"] == ["longwei", "lw"]
    assert await PersonStore(graph.service.host.db).backfill_search_keys() == 0
