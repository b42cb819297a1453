"""The production wiring of the notifications ports: MongoDB adapters and the outbound
channels the settings configure, composed once per process."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta

from grassroots_contracts.producers import PRODUCERS
from grassroots_kit.host import ServiceHost
from grassroots_kit.live.stream import LiveFeed
from grassroots_kit.messaging.consumer import Handler, Subscription
from grassroots_kit.messaging.envelope import CloudEvent
from grassroots_kit.mongo import Session
from grassroots_kit.unit_of_work import MongoUnitOfWork

from grassroots_notifications.adapters.deliveries import DeliveryStore
from grassroots_notifications.adapters.directory import DirectoryStore
from grassroots_notifications.adapters.email import SmtpSender
from grassroots_notifications.adapters.notices import NoticeStore, SuppressionStore
from grassroots_notifications.adapters.preferences import PreferenceStore
from grassroots_notifications.adapters.sms import AliyunSmsSender
from grassroots_notifications.adapters.wechat import WeChatSender
from grassroots_notifications.domain.deliveries import RetryPolicy
from grassroots_notifications.domain.limits import RateLimit
from grassroots_notifications.domain.notices import Channel
from grassroots_notifications.handlers import reactions
from grassroots_notifications.handlers.ports import NotificationsPorts, NotificationsTx, Sender
from grassroots_notifications.settings import NotificationsSettings


def senders(settings: NotificationsSettings) -> dict[Channel, Sender]:
    """Each channel whose settings are given; the others stay off."""
    configured: dict[Channel, Sender] = {}
    timeout = settings.delivery_timeout_seconds
    if settings.smtp_host:
        configured[Channel.EMAIL] = SmtpSender(
            settings.smtp_host,
            settings.smtp_port,
            settings.smtp_sender,
            username=settings.smtp_username,
            password=(
                settings.smtp_password.get_secret_value() if settings.smtp_password else None
            ),
            use_tls=settings.smtp_tls,
            start_tls=settings.smtp_starttls,
            timeout=timeout,
        )
    if settings.sms_access_key_id and settings.sms_access_key_secret:
        configured[Channel.SMS] = AliyunSmsSender(
            settings.sms_endpoint,
            settings.sms_access_key_id,
            settings.sms_access_key_secret.get_secret_value(),
            settings.sms_sign_name,
            settings.sms_template_code,
            timeout=timeout,
        )
    if settings.wechat_app_id and settings.wechat_app_secret:
        configured[Channel.WECHAT] = WeChatSender(
            settings.wechat_api_base,
            settings.wechat_app_id,
            settings.wechat_app_secret.get_secret_value(),
            settings.wechat_template_id,
            timeout=timeout,
        )
    return configured


def compose(
    host: ServiceHost,
    clock: Callable[[], datetime] | None = None,
    live: LiveFeed | None = None,
) -> tuple[NotificationsPorts, MongoUnitOfWork[NotificationsTx]]:
    db = host.db
    settings = host.settings
    assert isinstance(settings, NotificationsSettings)

    def bind(session: Session) -> NotificationsTx:
        return NotificationsTx(
            notices=NoticeStore(db, session),
            suppressions=SuppressionStore(db, session),
            deliveries=DeliveryStore(db, session),
            preferences=PreferenceStore(db, session),
            directory=DirectoryStore(db, session),
        )

    uow = MongoUnitOfWork(host, bind)
    if clock is None and settings.clock_offset_seconds:
        offset = timedelta(seconds=settings.clock_offset_seconds)

        def shifted() -> datetime:
            return datetime.now(UTC) + offset

        clock = shifted
    ports = NotificationsPorts(
        uow=uow,
        notices=NoticeStore(db),
        deliveries=DeliveryStore(db),
        preferences=PreferenceStore(db),
        rate_limit=RateLimit(
            settings.notice_rate_limit, timedelta(seconds=settings.notice_rate_window_seconds)
        ),
        retry=RetryPolicy(
            settings.delivery_max_attempts, timedelta(seconds=settings.delivery_backoff_seconds)
        ),
        senders=senders(settings),
        max_recipients=settings.max_recipients_per_event,
        send_timeout=settings.delivery_timeout_seconds,
        # A held delivery is let go well after its send could have timed out.
        lease=timedelta(seconds=settings.delivery_timeout_seconds * 6),
        batch=settings.delivery_batch,
        business_zone=settings.business_zone,
        live=live,
        **({"clock": clock} if clock else {}),
    )
    return ports, uow


def notices_subscription(
    ports: NotificationsPorts, uow: MongoUnitOfWork[NotificationsTx]
) -> Subscription:
    """`notifications.notices`: cases' events, each in the consumer's own transaction."""

    async def handle(event: CloudEvent, session: Session) -> None:
        async def work(tx: NotificationsTx) -> None:
            await reactions.react(ports, tx, event)

        await uow.within(session, work)

    types = (*reactions.CASE_EVENTS, *reactions.FOLLOW_EVENTS)
    handlers: dict[str, Handler] = {event_type: handle for event_type in types}
    return Subscription(purpose=reactions.PURPOSE, handlers=handlers, producers=PRODUCERS)
