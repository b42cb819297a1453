from __future__ import annotations

from typing import Self

from grassroots_kit.settings import ServiceSettings
from pydantic import Field, SecretStr, model_validator


class NotificationsSettings(ServiceSettings):
    service_name: str = Field("notifications", description="Name used in logs, metrics and queues.")
    port: int = Field(4005, ge=1, le=65535, description="HTTP port.")
    mongodb_database: str = Field("grassroots_notifications", description="The service's database.")

    notice_rate_limit: int = Field(
        30,
        ge=1,
        description="Notices one person receives per NOTICE_RATE_WINDOW_SECONDS at most; the "
        "excess is dropped with a record (`suppressed_notices`).",
    )
    notice_rate_window_seconds: float = Field(
        3600.0, gt=0, description="The window of NOTICE_RATE_LIMIT."
    )
    max_recipients_per_event: int = Field(
        200,
        ge=1,
        description="Most people one event notifies (takers near an order, holders of an "
        "area): bounds the work a single event causes.",
    )

    delivery_poll_seconds: float = Field(
        1.0,
        ge=0,
        description="How often the delivery worker looks for due outbound deliveries (email, "
        "SMS, WeChat); 0 = no worker in this process.",
    )
    delivery_batch: int = Field(
        50, ge=1, description="Deliveries one pass of the worker claims at most."
    )
    delivery_timeout_seconds: float = Field(
        10.0, gt=0, description="Longest one channel send may take before it counts as failed."
    )
    delivery_max_attempts: int = Field(
        6,
        ge=1,
        description="Attempts at one delivery before it is marked dead (a dead-letter record "
        "with the last error).",
    )
    delivery_backoff_seconds: float = Field(
        30.0,
        gt=0,
        description="Wait before the first retry of a failed delivery; doubled after each "
        "further failure, at most an hour.",
    )

    clock_offset_seconds: float = Field(
        0.0,
        description="Shifts what the service takes for now (quiet hours, back-off, the rate "
        "limit's window) by this many seconds: for end-to-end tests and rehearsals that move "
        "time instead of waiting. Refused in production.",
    )

    smtp_host: str | None = Field(
        None, description="SMTP server of the email channel; unset, no email is sent."
    )
    smtp_port: int = Field(25, ge=1, le=65535, description="SMTP port.")
    smtp_username: str | None = Field(None, description="SMTP login, if the server wants one.")
    smtp_password: SecretStr | None = Field(None, description="SMTP password.")
    smtp_sender: str = Field(
        "noreply@grassroots.local", description="The From address of notice emails."
    )
    smtp_tls: bool = Field(False, description="Connect with implicit TLS (port 465).")
    smtp_starttls: bool = Field(False, description="Upgrade the connection with STARTTLS.")

    sms_access_key_id: str | None = Field(
        None,
        description="Alibaba Cloud AccessKey id of the SMS channel (SendSms); unset, no SMS is "
        "sent.",
    )
    sms_access_key_secret: SecretStr | None = Field(
        None, description="Alibaba Cloud AccessKey secret that signs SendSms requests."
    )
    sms_endpoint: str = Field(
        "https://dysmsapi.aliyuncs.com/", description="Alibaba Cloud SMS API endpoint."
    )
    sms_sign_name: str = Field("", description="The approved SMS signature (SignName).")
    sms_template_code: str = Field(
        "",
        description="The approved SMS template (TemplateCode); it receives `number` and `text`.",
    )

    wechat_app_id: str | None = Field(
        None,
        description="WeChat mini program AppID of the subscription-message channel; unset, no "
        "WeChat message is sent.",
    )
    wechat_app_secret: SecretStr | None = Field(
        None, description="WeChat AppSecret, exchanged for an access token."
    )
    wechat_api_base: str = Field("https://api.weixin.qq.com", description="WeChat API base URL.")
    wechat_template_id: str = Field(
        "",
        description="Subscription message template; it receives `thing1` and `character_string2`.",
    )

    @model_validator(mode="after")
    def _real_time_in_production(self) -> Self:
        if self.environment == "production" and self.clock_offset_seconds:
            raise ValueError("CLOCK_OFFSET_SECONDS must be 0 in production")
        return self
