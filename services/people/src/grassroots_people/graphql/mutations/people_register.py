from __future__ import annotations

import strawberry
from strawberry.types import Info

from grassroots_people.graphql.context import Context
from grassroots_people.graphql.mutations.person_register import RegisterPersonInput
from grassroots_people.graphql.types.person import Person
from grassroots_people.handlers.people import MAX_BATCH, register_people


@strawberry.input(description=f"Up to {MAX_BATCH} people registered together: all or none.")
class RegisterPeopleInput:
    people: list[RegisterPersonInput] = strawberry.field(description="The people.")


@strawberry.type(description="The result of registerPeople.")
class RegisterPeoplePayload:
    people: list[Person] = strawberry.field(description="The people registered, in input order.")


async def resolve_register_people(
    info: Info[Context, None], input: RegisterPeopleInput
) -> RegisterPeoplePayload:
    people = await register_people(
        info.context.runtime.ports, info.context.caller, [p.to_command() for p in input.people]
    )
    return RegisterPeoplePayload(people=[Person.from_domain(p) for p in people])
