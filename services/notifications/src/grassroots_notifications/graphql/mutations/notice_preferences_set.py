from __future__ import annotations

from datetime import time

import strawberry
from grassroots_kit.errors import BadUserInput
from grassroots_kit.graphql.locale import GraphLocale, chosen_locale
from grassroots_kit.i18n import msg
from strawberry.types import Info

from grassroots_notifications.domain.notices import Channel, NoticeKind
from grassroots_notifications.graphql.context import Context
from grassroots_notifications.graphql.types import (
    NoticeChannel,
    NoticePreferences,
)
from grassroots_notifications.graphql.types import (
    NoticeKind as GraphNoticeKind,
)
from grassroots_notifications.handlers import inbox


@strawberry.input(description="Quiet hours in business time (Beijing time), `HH:MM` each.")
class QuietHoursInput:
    start: str = strawberry.field(description="When they start, e.g. `22:00`.")
    end: str = strawberry.field(description="When they end, e.g. `07:00` (the next morning).")


@strawberry.input(description="Your notice preferences, replacing the ones you had.")
class SetNoticePreferencesInput:
    muted_kinds: list[GraphNoticeKind] = strawberry.field(  # type: ignore[valid-type]
        default_factory=list, description="Kinds you do not want at all."
    )
    channels: list[NoticeChannel] = strawberry.field(  # type: ignore[valid-type]
        default_factory=list,
        description="Outbound channels besides the inbox; each needs its address below.",
    )
    email: str | None = strawberry.field(default=None, description="Where email notices go.")
    phone: str | None = strawberry.field(default=None, description="Where SMS notices go.")
    wechat_open_id: str | None = strawberry.field(
        default=None, description="Your openid for WeChat subscription messages."
    )
    quiet_hours: QuietHoursInput | None = strawberry.field(
        default=None, description="None: outbound notices go at any hour."
    )
    locale: GraphLocale | None = strawberry.field(
        default=None, description="The language of outbound notices; unset: the request's."
    )


@strawberry.type(description="The result of setNoticePreferences.")
class SetNoticePreferencesPayload:
    preferences: NoticePreferences = strawberry.field(description="Your preferences now.")


def _clock_time(value: str, field: str) -> time:
    try:
        parsed = time.fromisoformat(value)
    except ValueError:
        parsed = None
    if parsed is None or len(value) != 5 or parsed.tzinfo is not None:
        raise BadUserInput(msg("give a time as HH:MM, not {value}", value=value), field=field)
    return parsed


async def resolve_set_notice_preferences(
    info: Info[Context, None], input: SetNoticePreferencesInput
) -> SetNoticePreferencesPayload:
    ctx = info.context
    caller = ctx.require_caller()
    quiet = None
    if input.quiet_hours is not None:
        quiet = (
            _clock_time(input.quiet_hours.start, "quietHours.start"),
            _clock_time(input.quiet_hours.end, "quietHours.end"),
        )
    prefs = await inbox.set_preferences(
        ctx.ports,
        caller,
        muted=frozenset(NoticeKind(k) for k in input.muted_kinds),
        channels=frozenset(Channel(c) for c in input.channels),
        email=input.email,
        phone=input.phone,
        wechat_open_id=input.wechat_open_id,
        quiet=quiet,
        locale=chosen_locale(input.locale),
    )
    return SetNoticePreferencesPayload(
        preferences=NoticePreferences.from_domain(prefs, ctx.ports.channels)
    )
