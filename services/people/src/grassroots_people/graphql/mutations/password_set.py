from __future__ import annotations

import strawberry
from grassroots_kit.gateway_signature import client_address
from strawberry.types import Info

from grassroots_people.domain.ids import PersonId
from grassroots_people.graphql.context import Context
from grassroots_people.graphql.types.person import Person
from grassroots_people.handlers.identity import SetPassword, set_password


@strawberry.input(
    description="Your own password (give the current one), or, for an administrator, the "
    "password of someone whose roles you could have granted."
)
class SetPasswordInput:
    new_password: str = strawberry.field(description="8 to 128 characters.")
    current_password: str | None = strawberry.field(
        default=None, description="Your current password, when changing your own."
    )
    person_id: strawberry.ID | None = strawberry.field(
        default=None, description="Whose password; default your own."
    )


@strawberry.type(description="The result of setPassword; their refresh tokens are revoked.")
class SetPasswordPayload:
    person: Person = strawberry.field(description="Whose password was set.")


async def resolve_set_password(
    info: Info[Context, None], input: SetPasswordInput
) -> SetPasswordPayload:
    person = await set_password(
        info.context.runtime.ports,
        info.context.caller,
        SetPassword(
            person_id=PersonId(str(input.person_id)) if input.person_id else None,
            current_password=input.current_password,
            new_password=input.new_password,
        ),
        client_address(info.context.request),
    )
    return SetPasswordPayload(person=Person.from_domain(person))
