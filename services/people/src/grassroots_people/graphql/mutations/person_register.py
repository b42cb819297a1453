from __future__ import annotations

import strawberry
from strawberry.types import Info

from grassroots_people.domain.ids import HouseholdId, OrgUnitId
from grassroots_people.graphql.context import Context
from grassroots_people.graphql.types.person import Person
from grassroots_people.handlers.people import RegisterPerson, register_people


@strawberry.input(description="A person living in a household, or serving an org unit.")
class RegisterPersonInput:
    name: str = strawberry.field(description="Full name.")
    phone: str | None = strawberry.field(
        default=None, description="Mobile number (11 digits); unique, used to log in."
    )
    household_id: strawberry.ID | None = strawberry.field(
        default=None, description="The household they live in."
    )
    org_unit_id: strawberry.ID | None = strawberry.field(
        default=None,
        description="Where they serve, for someone not registered in a household here.",
    )
    party_member: bool = strawberry.field(default=False, description="Party member.")
    password: str | None = strawberry.field(
        default=None, description="An initial password, to let them log in."
    )

    def to_command(self) -> RegisterPerson:
        return RegisterPerson(
            name=self.name,
            phone=self.phone,
            household_id=HouseholdId(str(self.household_id)) if self.household_id else None,
            org_unit_id=OrgUnitId(str(self.org_unit_id)) if self.org_unit_id else None,
            party_member=self.party_member,
            password=self.password,
        )


@strawberry.type(description="The result of registerPerson.")
class RegisterPersonPayload:
    person: Person = strawberry.field(description="The person just registered.")


async def resolve_register_person(
    info: Info[Context, None], input: RegisterPersonInput
) -> RegisterPersonPayload:
    people = await register_people(
        info.context.runtime.ports, info.context.caller, [input.to_command()]
    )
    return RegisterPersonPayload(person=Person.from_domain(people[0]))
