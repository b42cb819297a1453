"""A person's notice preferences: which kinds they want, on which channels, where, and the quiet
hours (business time, Beijing by default) during which outbound deliveries wait."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from grassroots_kit.errors import BadUserInput
from grassroots_kit.i18n import DEFAULT_LOCALE, Locale, msg

from grassroots_notifications.domain.notices import Channel, NoticeKind

MAX_ADDRESS = 254  # RFC 5321's longest forward path


@dataclass(frozen=True)
class QuietHours:
    """From `start` to `end`, local wall-clock time; `start > end` spans midnight."""

    start: time
    end: time

    def __post_init__(self) -> None:
        if self.start == self.end:
            raise BadUserInput(
                msg("quiet hours must start and end at different times"), field="quietHours"
            )

    def holds(self, at: datetime, zone: ZoneInfo) -> bool:
        local = at.astimezone(zone).time()
        if self.start < self.end:
            return self.start <= local < self.end
        return local >= self.start or local < self.end

    def ends_after(self, at: datetime, zone: ZoneInfo) -> datetime:
        """The first end of quiet hours after `at` (the instant, in UTC as given)."""
        local = at.astimezone(zone)
        end = datetime.combine(local.date(), self.end, tzinfo=zone)
        if end <= local:
            end = datetime.combine(local.date() + timedelta(days=1), self.end, tzinfo=zone)
        return end.astimezone(at.tzinfo)


@dataclass(frozen=True)
class Preferences:
    person_id: str
    muted: frozenset[NoticeKind] = field(default_factory=frozenset)
    channels: frozenset[Channel] = field(default_factory=frozenset)
    email: str | None = None
    phone: str | None = None
    wechat_open_id: str | None = None
    quiet_hours: QuietHours | None = None
    locale: Locale = DEFAULT_LOCALE

    def wants(self, kind: NoticeKind) -> bool:
        return kind not in self.muted

    def address(self, channel: Channel) -> str | None:
        match channel:
            case Channel.EMAIL:
                return self.email
            case Channel.SMS:
                return self.phone
            case Channel.WECHAT:
                return self.wechat_open_id

    def outbound(self, available: frozenset[Channel]) -> list[tuple[Channel, str]]:
        """The channels a notice goes out on: chosen, configured here, with an address."""
        chosen = []
        for channel in sorted(self.channels & available):
            address = self.address(channel)
            if address:
                chosen.append((channel, address))
        return chosen

    def not_before(self, at: datetime, zone: ZoneInfo) -> datetime:
        """When an outbound delivery made at `at` may go: now, or when quiet hours end."""
        if self.quiet_hours is not None and self.quiet_hours.holds(at, zone):
            return self.quiet_hours.ends_after(at, zone)
        return at


def defaults(person_id: str) -> Preferences:
    """Everyone starts with every kind in the inbox and no outbound channel."""
    return Preferences(person_id)


def checked(prefs: Preferences) -> Preferences:
    """Refuse addresses no channel could use, with the field to fix."""
    if prefs.email is not None:
        local, at, domain = prefs.email.rpartition("@")
        if (
            not at
            or not local
            or "." not in domain
            or len(prefs.email) > MAX_ADDRESS
            or any(c.isspace() for c in prefs.email)
        ):
            raise BadUserInput(
                msg("not an email address: {email}", email=prefs.email), field="email"
            )
    if prefs.phone is not None:
        digits = prefs.phone.removeprefix("+")
        if not digits.isdigit() or not 5 <= len(digits) <= 15:
            raise BadUserInput(msg("not a phone number: {phone}", phone=prefs.phone), field="phone")
    if prefs.wechat_open_id is not None and not 1 <= len(prefs.wechat_open_id) <= 128:
        raise BadUserInput(msg("not a WeChat openid"), field="wechatOpenId")
    for channel in prefs.channels:
        if not prefs.address(channel):
            raise BadUserInput(
                msg("give an address for the channel {channel}", channel=channel.value),
                field="channels",
            )
    return prefs
