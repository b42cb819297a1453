"""The notifications subgraph's types: a person's notices and their preferences."""

from __future__ import annotations

from datetime import datetime

import strawberry
from grassroots_kit.graphql.locale import GraphLocale

from grassroots_notifications.domain import notices as domain
from grassroots_notifications.domain.preferences import Preferences

NoticeKind = strawberry.enum(
    domain.NoticeKind, name="NoticeKind", description="What a notice is about."
)
NoticeChannel = strawberry.enum(
    domain.Channel,
    name="NoticeChannel",
    description="An outbound channel a notice can also go out on (the inbox always has it).",
)


@strawberry.type(description="Something you should know, in your inbox.")
class Notice:
    id: strawberry.ID = strawberry.field(description="The notice.")
    kind: NoticeKind = strawberry.field(description="What it is about.")  # type: ignore[valid-type]
    text: str = strawberry.field(description="What happened, in the request's language.")
    case_id: strawberry.ID | None = strawberry.field(
        description="The case (or order) it is about, if any."
    )
    case_number: str | None = strawberry.field(description="That case's number.")
    created_at: datetime = strawberry.field(description="When it was put in the inbox.")
    read: bool = strawberry.field(description="Whether you marked it read.")
    read_at: datetime | None = strawberry.field(description="When you marked it read.")

    @classmethod
    def from_domain(cls, notice: domain.Notice) -> Notice:
        number = notice.params.get("number")
        return cls(
            id=strawberry.ID(notice.id),
            kind=notice.kind,
            text=notice.render(),
            case_id=strawberry.ID(notice.about_id) if notice.about_id else None,
            case_number=str(number) if number is not None else None,
            created_at=notice.created_at,
            read=notice.read,
            read_at=notice.read_at,
        )


@strawberry.type(description="Quiet hours, in the deployment's business time (Beijing time).")
class QuietHours:
    start: str = strawberry.field(description="When they start, `HH:MM`.")
    end: str = strawberry.field(description="When they end, `HH:MM` (before `start`: next day).")


@strawberry.type(description="Which notices you get, where, and when outbound ones may go.")
class NoticePreferences:
    muted_kinds: list[NoticeKind] = strawberry.field(  # type: ignore[valid-type]
        description="Kinds you do not want at all."
    )
    channels: list[NoticeChannel] = strawberry.field(  # type: ignore[valid-type]
        description="Outbound channels you opted into, besides the inbox."
    )
    email: str | None = strawberry.field(description="Where email notices go.")
    phone: str | None = strawberry.field(description="Where SMS notices go.")
    wechat_open_id: str | None = strawberry.field(
        description="Your openid for WeChat subscription messages."
    )
    quiet_hours: QuietHours | None = strawberry.field(
        description="While they hold, outbound notices wait; they go out when they end."
    )
    locale: GraphLocale = strawberry.field(description="The language of outbound notices.")
    available_channels: list[NoticeChannel] = strawberry.field(  # type: ignore[valid-type]
        description="The outbound channels this deployment has configured."
    )

    @classmethod
    def from_domain(
        cls, prefs: Preferences, available: frozenset[domain.Channel]
    ) -> NoticePreferences:
        quiet = prefs.quiet_hours
        return cls(
            muted_kinds=sorted(prefs.muted),
            channels=sorted(prefs.channels),
            email=prefs.email,
            phone=prefs.phone,
            wechat_open_id=prefs.wechat_open_id,
            quiet_hours=(
                QuietHours(start=quiet.start.strftime("%H:%M"), end=quiet.end.strftime("%H:%M"))
                if quiet
                else None
            ),
            locale=GraphLocale(prefs.locale),
            available_channels=sorted(available),
        )
