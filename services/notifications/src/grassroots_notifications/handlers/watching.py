"""`myNotices`: a signed-in person's new notices, live.

Authorized when it opens (a caller must be signed in) and on every event: a `notice.created` is
delivered only when its recipient is the subscriber, and only once the notice it names is
stored as theirs. The notice is loaded once per replica for all its subscribers.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass

from grassroots_contracts.event_types import NOTICE_CREATED
from grassroots_kit.auth import Principal
from grassroots_kit.errors import NotFound
from grassroots_kit.i18n import msg
from grassroots_kit.live.cursor import LiveCursor
from grassroots_kit.live.hub import LiveEvent
from grassroots_kit.live.stream import LiveQuery, watch
from grassroots_kit.messaging.envelope import CloudEvent
from grassroots_kit.request_auth import required

from grassroots_notifications.domain.notices import Notice
from grassroots_notifications.handlers.ports import NotificationsPorts

# What the feed of the notifications service carries (main.py binds each replica's queue to it).
LIVE_TYPES = frozenset({NOTICE_CREATED})

Recheck = Callable[[], Awaitable[None]]


@dataclass(frozen=True)
class NoticeArrived:
    """One new notice of the subscriber's, as stored."""

    cursor: str
    notice: Notice


def addressed_to(person_id: str) -> Callable[[CloudEvent], bool]:
    """The per-event filter: a `notice.created` whose recipient is `person_id`, nothing else."""

    def matches(event: CloudEvent) -> bool:
        return event.type == NOTICE_CREATED and event.data.get("recipientId") == person_id

    return matches


async def watch_notices(
    ports: NotificationsPorts,
    principal: Principal | None,
    after: str | None,
    recheck: Recheck | None = None,
) -> AsyncIterator[NoticeArrived]:
    """The caller's new notices (after `after`'s, when given), and no one else's."""
    principal = required(principal)
    if ports.live is None:
        raise NotFound(msg("live updates are not served here"))
    person_id = principal.person_id
    cursor = LiveCursor.decode(after) if after else None

    async def allowed(item: LiveEvent) -> bool:
        notice = await _notice(ports, item)
        return notice is not None and notice.recipient_id == person_id

    query = LiveQuery(
        owner=person_id,
        matches=addressed_to(person_id),
        allowed=allowed,
        after=cursor,
        recheck=recheck,
    )
    async for item in watch(ports.live, query):
        notice = await _notice(ports, item)
        if notice is not None and notice.recipient_id == person_id:
            yield NoticeArrived(item.cursor, notice)


async def _notice(ports: NotificationsPorts, item: LiveEvent) -> Notice | None:
    notice_id = item.event.data.get("noticeId")
    if not isinstance(notice_id, str):
        return None

    async def load() -> Notice | None:
        return (await ports.notices.get_many([notice_id])).get(notice_id)

    found: Notice | None = await item.shared.get("notice", load)
    return found
