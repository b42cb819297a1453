from __future__ import annotations

import strawberry
from strawberry.types import Info

from grassroots_people.domain.ids import PersonId
from grassroots_people.graphql.context import Context
from grassroots_people.graphql.types.person import Person
from grassroots_people.handlers.editing import UpdatePerson, update_person


@strawberry.input(
    description="Correct a person's record: oneself, or anyone where you manage; "
    "party membership only where you manage."
)
class UpdatePersonInput:
    person_id: strawberry.ID = strawberry.field(description="Whose record.")
    name: str | None = strawberry.field(default=None, description="New full name.")
    phone: str | None = strawberry.field(default=None, description="New mobile number.")
    party_member: bool | None = strawberry.field(default=None, description="Party membership.")


@strawberry.type(description="The result of updatePerson.")
class UpdatePersonPayload:
    person: Person = strawberry.field(description="The person as updated.")


async def resolve_update_person(
    info: Info[Context, None], input: UpdatePersonInput
) -> UpdatePersonPayload:
    person = await update_person(
        info.context.runtime.ports,
        info.context.caller,
        UpdatePerson(
            person_id=PersonId(str(input.person_id)),
            name=input.name,
            phone=input.phone,
            party_member=input.party_member,
        ),
    )
    return UpdatePersonPayload(person=Person.from_domain(person))
