"""`notice.created` built from the contract payload, by keyword."""

from __future__ import annotations

from grassroots_contracts import notification_events as contract
from grassroots_contracts.event_types import NOTICE_CREATED, SOURCE_NOTIFICATIONS
from grassroots_kit.messaging.envelope import CloudEvent, new_event

from grassroots_notifications.domain.notices import Notice


def notice_created(notice: Notice) -> CloudEvent:
    data = contract.NoticeCreated(
        notice_id=notice.id,
        recipient_id=notice.recipient_id,
        kind=notice.kind.value,
        about_id=notice.about_id,
        source_event_id=notice.event_id,
        created_at=notice.created_at,
    ).to_data()
    return new_event(
        NOTICE_CREATED,
        source=SOURCE_NOTIFICATIONS,
        subject=notice.id,
        data=data,
        time=notice.created_at,
    )
