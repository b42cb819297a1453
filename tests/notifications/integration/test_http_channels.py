"""The SMS (Alibaba Cloud SendSms) and WeChat (subscription message) adapters against local HTTP
servers that check each request's shape as the providers document it."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import threading
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qsl, quote, urlsplit

import pytest
from grassroots_notifications.adapters.sms import AliyunSmsSender
from grassroots_notifications.adapters.wechat import WeChatSender
from grassroots_notifications.domain.outbound import DeliveryFailed, Outbound

MESSAGE = Outbound(
    address="+8613800000000",
    subject="Grassroots notice: case WC-2026-000001",
    text="案件 WC-2026-000001 已派给您。",
    number="WC-2026-000001",
    locale="zh-CN",
)
Reply = Callable[[str, str, dict[str, str], bytes], tuple[int, dict[str, Any]]]


class Provider:
    """A local HTTP server: records each request and answers with `reply(...)`."""

    def __init__(self, reply: Reply) -> None:
        self.requests: list[tuple[str, str, dict[str, str], bytes]] = []
        provider = self

        class Handler(BaseHTTPRequestHandler):
            def _serve(self) -> None:
                length = int(self.headers.get("content-length") or 0)
                body = self.rfile.read(length)
                headers = {k.lower(): v for k, v in self.headers.items()}
                provider.requests.append((self.command, self.path, headers, body))
                status, answer = reply(self.command, self.path, headers, body)
                raw = json.dumps(answer).encode()
                self.send_response(status)
                self.send_header("content-type", "application/json")
                self.send_header("content-length", str(len(raw)))
                self.end_headers()
                self.wfile.write(raw)

            do_GET = do_POST = _serve

            def log_message(self, *args: Any) -> None:
                return

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self._server.server_address[1]}"
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    def __enter__(self) -> Provider:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._server.shutdown()
        self._server.server_close()


SECRET = "testsecret"


def aliyun(
    method: str, path: str, headers: dict[str, str], body: bytes
) -> tuple[int, dict[str, Any]]:
    """SendSms as documented: a signed form POST; `Code` OK, or the reason it was refused."""
    if method != "POST" or headers.get("content-type") != "application/x-www-form-urlencoded":
        return 400, {"Code": "BadRequest", "Message": "expected a form POST"}
    params = dict(parse_qsl(body.decode(), keep_blank_values=True))
    given = params.pop("Signature", "")
    canonical = "&".join(
        f"{quote(k, safe='~')}={quote(v, safe='~')}" for k, v in sorted(params.items())
    )
    to_sign = f"POST&%2F&{quote(canonical, safe='~')}"
    expected = base64.b64encode(
        hmac.new(f"{SECRET}&".encode(), to_sign.encode(), hashlib.sha1).digest()
    ).decode()
    if given != expected:
        return 400, {"Code": "SignatureDoesNotMatch", "Message": "bad signature"}
    required = {
        "Action": "SendSms",
        "Version": "2017-05-25",
        "SignatureMethod": "HMAC-SHA1",
        "SignatureVersion": "1.0",
        "Format": "JSON",
        "AccessKeyId": "test-key",
        "SignName": "基层治理",
        "TemplateCode": "SMS_0001",
    }
    wrong = [k for k, v in required.items() if params.get(k) != v]
    template = json.loads(params.get("TemplateParam", "{}"))
    if wrong or not params.get("SignatureNonce") or not params.get("Timestamp", "").endswith("Z"):
        return 400, {"Code": "MissingParameter", "Message": ",".join(wrong)}
    if params["PhoneNumbers"] == "+8613999999999":
        return 200, {"Code": "isv.BUSINESS_LIMIT_CONTROL", "Message": "too many"}
    assert template == {"number": "WC-2026-000001", "text": MESSAGE.text}
    return 200, {"Code": "OK", "Message": "OK", "BizId": "1", "RequestId": "r"}


@pytest.fixture
def sms_provider() -> Iterator[Provider]:
    with Provider(aliyun) as provider:
        yield provider


def sms(url: str) -> AliyunSmsSender:
    return AliyunSmsSender(
        f"{url}/",
        "test-key",
        SECRET,
        "基层治理",
        "SMS_0001",
        clock=lambda: datetime(2026, 12, 8, 2, 0, tzinfo=UTC),
    )


async def test_sms_sends_a_signed_send_sms_request(sms_provider: Provider):
    await sms(sms_provider.url).send(MESSAGE)
    [(method, path, _, body)] = sms_provider.requests
    assert (method, path) == ("POST", "/")
    assert dict(parse_qsl(body.decode()))["PhoneNumbers"] == "+8613800000000"


async def test_sms_refused_by_the_provider_is_a_failed_delivery(sms_provider: Provider):
    limited = Outbound(**{**MESSAGE.__dict__, "address": "+8613999999999"})
    with pytest.raises(DeliveryFailed, match="BUSINESS_LIMIT_CONTROL"):
        await sms(sms_provider.url).send(limited)


class WeChat:
    """The two WeChat endpoints: a token for the AppID and secret, then subscribe/send."""

    def __init__(self) -> None:
        self.tokens = 0
        self.expire_next = False

    def __call__(
        self, method: str, path: str, headers: dict[str, str], body: bytes
    ) -> tuple[int, dict[str, Any]]:
        url = urlsplit(path)
        query = dict(parse_qsl(url.query))
        if url.path == "/cgi-bin/token":
            expected = {"grant_type": "client_credential", "appid": "wx-app", "secret": "wx-secret"}
            if method != "GET" or query != expected:
                return 200, {"errcode": 40013, "errmsg": "invalid appid"}
            self.tokens += 1
            return 200, {"access_token": f"token-{self.tokens}", "expires_in": 7200}
        if url.path == "/cgi-bin/message/subscribe/send":
            if method != "POST" or query.get("access_token") != f"token-{self.tokens}":
                return 200, {"errcode": 40001, "errmsg": "invalid credential"}
            if self.expire_next:
                self.expire_next = False
                return 200, {"errcode": 42001, "errmsg": "access_token expired"}
            sent = json.loads(body)
            assert headers["content-type"] == "application/json"
            assert set(sent) >= {"touser", "template_id", "data"}
            assert sent["touser"] == "openid-1"
            assert sent["template_id"] == "tmpl-1"
            assert all(set(v) == {"value"} for v in sent["data"].values())
            assert sent["data"]["character_string2"]["value"] == "WC-2026-000001"
            assert len(sent["data"]["thing1"]["value"]) <= 20
            return 200, {"errcode": 0, "errmsg": "ok"}
        return 404, {"errcode": -1, "errmsg": "not found"}


async def test_wechat_gets_a_token_once_and_sends_subscription_messages():
    wechat = WeChat()
    with Provider(wechat) as provider:
        sender = WeChatSender(provider.url, "wx-app", "wx-secret", "tmpl-1")
        message = Outbound(**{**MESSAGE.__dict__, "address": "openid-1"})
        await sender.send(message)
        await sender.send(message)
        assert wechat.tokens == 1
        paths = [urlsplit(p).path for _, p, _, _ in provider.requests]
        assert paths == [
            "/cgi-bin/token",
            "/cgi-bin/message/subscribe/send",
            "/cgi-bin/message/subscribe/send",
        ]
        # An expired token fails this attempt and is fetched again for the next.
        wechat.expire_next = True
        with pytest.raises(DeliveryFailed, match="42001"):
            await sender.send(message)
        await sender.send(message)
        assert wechat.tokens == 2
