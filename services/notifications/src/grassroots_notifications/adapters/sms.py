"""The SMS channel: Alibaba Cloud SMS `SendSms` (API version 2017-05-25), RPC style.

The request is a form POST to the endpoint with the common parameters (AccessKeyId, Action,
Format, SignatureMethod HMAC-SHA1, SignatureNonce, SignatureVersion 1.0, Timestamp in UTC,
Version) and SendSms's own (PhoneNumbers, SignName, TemplateCode, TemplateParam as JSON). The
signature is HMAC-SHA1, keyed with `<AccessKeySecret>&`, over
`POST&%2F&<percent-encoded canonical query>`, where the canonical query is the parameters sorted
by name, each name and value percent-encoded (RFC 3986, space as %20, `~` kept). A reply whose
`Code` is not `OK` is a failure.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import uuid
from collections.abc import Callable, Mapping
from datetime import UTC, datetime
from urllib.parse import quote

import httpx

from grassroots_notifications.domain.outbound import DeliveryFailed, Outbound

API_VERSION = "2017-05-25"


def percent(value: str) -> str:
    return quote(value, safe="~")


def signature(params: Mapping[str, str], secret: str, method: str = "POST") -> str:
    canonical = "&".join(f"{percent(k)}={percent(v)}" for k, v in sorted(params.items()))
    to_sign = f"{method}&{percent('/')}&{percent(canonical)}"
    digest = hmac.new(f"{secret}&".encode(), to_sign.encode(), hashlib.sha1).digest()
    return base64.b64encode(digest).decode()


class AliyunSmsSender:
    def __init__(
        self,
        endpoint: str,
        access_key_id: str,
        access_key_secret: str,
        sign_name: str,
        template_code: str,
        *,
        timeout: float = 10.0,
        clock: Callable[[], datetime] = lambda: datetime.now(UTC),
    ) -> None:
        self._endpoint = endpoint
        self._key_id = access_key_id
        self._secret = access_key_secret
        self._sign_name = sign_name
        self._template = template_code
        self._timeout = timeout
        self._clock = clock

    def request_params(self, message: Outbound) -> dict[str, str]:
        params = {
            "AccessKeyId": self._key_id,
            "Action": "SendSms",
            "Format": "JSON",
            "PhoneNumbers": message.address,
            "SignName": self._sign_name,
            "SignatureMethod": "HMAC-SHA1",
            "SignatureNonce": uuid.uuid4().hex,
            "SignatureVersion": "1.0",
            "TemplateCode": self._template,
            "TemplateParam": json.dumps(
                {"number": message.number, "text": message.text}, ensure_ascii=False
            ),
            "Timestamp": self._clock().astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
            "Version": API_VERSION,
        }
        params["Signature"] = signature(params, self._secret)
        return params

    async def send(self, message: Outbound) -> None:
        async with httpx.AsyncClient(timeout=self._timeout) as client:
            response = await client.post(self._endpoint, data=self.request_params(message))
        try:
            reply = response.json()
        except ValueError:
            raise DeliveryFailed(f"SMS: HTTP {response.status_code}, not JSON") from None
        if response.status_code != 200 or reply.get("Code") != "OK":
            raise DeliveryFailed(f"SMS: {reply.get('Code')}: {reply.get('Message')}")
