"""A person's own inbox and preferences: every use case reads and writes the caller's only."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import time
from typing import Any

from grassroots_kit.auth import Principal
from grassroots_kit.cursors import Page
from grassroots_kit.errors import BadUserInput
from grassroots_kit.i18n import Locale, msg

from grassroots_notifications.domain.notices import Channel, Notice, NoticeKind
from grassroots_notifications.domain.preferences import (
    Preferences,
    QuietHours,
    checked,
    defaults,
)
from grassroots_notifications.handlers.ports import NotificationsPorts

MAX_IDS = 100


async def inbox(
    ports: NotificationsPorts,
    caller: Principal,
    unread_only: bool,
    first: int,
    after: Sequence[Any] | None,
) -> Page[Notice]:
    return await ports.notices.page(caller.person_id, unread_only, first, after)


async def unread_count(ports: NotificationsPorts, caller: Principal) -> int:
    return await ports.notices.unread_count(caller.person_id)


async def mark_read(
    ports: NotificationsPorts, caller: Principal, ids: Sequence[str] | None, everything: bool
) -> int:
    """Mark the caller's notices read: those of `ids`, or all when `everything`."""
    if everything == (ids is not None):
        raise BadUserInput(msg("give either `ids` or `all: true`"), field="ids")
    if ids is not None and len(ids) > MAX_IDS:
        raise BadUserInput(msg("at most {max} ids at once", max=MAX_IDS), field="ids")
    return await ports.notices.mark_read(caller.person_id, ids, ports.clock())


async def preferences(ports: NotificationsPorts, caller: Principal) -> Preferences:
    return await ports.preferences.get(caller.person_id) or defaults(caller.person_id)


async def set_preferences(
    ports: NotificationsPorts,
    caller: Principal,
    *,
    muted: frozenset[NoticeKind],
    channels: frozenset[Channel],
    email: str | None,
    phone: str | None,
    wechat_open_id: str | None,
    quiet: tuple[time, time] | None,
    locale: Locale | None,
) -> Preferences:
    current = await preferences(ports, caller)
    changed = checked(
        replace(
            current,
            muted=muted,
            channels=channels,
            email=email,
            phone=phone,
            wechat_open_id=wechat_open_id,
            quiet_hours=QuietHours(*quiet) if quiet else None,
            locale=locale or current.locale,
        )
    )
    await ports.preferences.save(changed)
    return changed
