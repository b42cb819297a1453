from __future__ import annotations

import strawberry
from strawberry.types import Info

from grassroots_participation.graphql.context import Context
from grassroots_participation.graphql.types import AgendaItem, Meeting
from grassroots_participation.handlers.meetings import add_agenda_item


@strawberry.input(description="An item to add to a meeting's agenda.")
class AddAgendaItemInput:
    meeting_id: strawberry.ID = strawberry.field(description="The meeting.")
    title: str = strawberry.field(description="What is to be discussed.")
    description: str = strawberry.field(default="", description="Background and options.")


@strawberry.type(description="The result of addAgendaItem.")
class AddAgendaItemPayload:
    meeting: Meeting = strawberry.field(description="The meeting with its agenda.")
    item: AgendaItem = strawberry.field(description="The item just added.")


async def resolve_add_agenda_item(
    info: Info[Context, None], input: AddAgendaItemInput
) -> AddAgendaItemPayload:
    meeting, item_id = await add_agenda_item(
        info.context.ports,
        info.context.require_caller(),
        str(input.meeting_id),
        input.title,
        input.description,
    )
    return AddAgendaItemPayload(
        meeting=Meeting.from_domain(meeting),
        item=AgendaItem.from_domain(meeting, meeting.item(item_id)),
    )
