from __future__ import annotations

import strawberry
from strawberry.types import Info

from grassroots_people.domain.ids import HouseholdId, PersonId
from grassroots_people.graphql.context import Context
from grassroots_people.graphql.types.person import Person
from grassroots_people.handlers.people import MovePerson, move_person


@strawberry.input(description="Move a person to another household.")
class MovePersonInput:
    person_id: strawberry.ID = strawberry.field(description="Who moves.")
    household_id: strawberry.ID = strawberry.field(description="Their new household.")


@strawberry.type(description="The result of movePerson.")
class MovePersonPayload:
    person: Person = strawberry.field(description="The person in their new household.")


async def resolve_move_person(
    info: Info[Context, None], input: MovePersonInput
) -> MovePersonPayload:
    person = await move_person(
        info.context.runtime.ports,
        info.context.caller,
        MovePerson(
            person_id=PersonId(str(input.person_id)),
            household_id=HouseholdId(str(input.household_id)),
        ),
    )
    return MovePersonPayload(person=Person.from_domain(person))
