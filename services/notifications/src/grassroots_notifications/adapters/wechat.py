"""The WeChat channel: mini-program subscription messages.

An access token comes from `GET /cgi-bin/token?grant_type=client_credential&appid=…&secret=…`
(`{"access_token", "expires_in"}`) and is kept until shortly before it expires; a message is
`POST /cgi-bin/message/subscribe/send?access_token=…` with the JSON body `{touser (the openid),
template_id, page, data: {<key>: {value}}, lang}`. WeChat answers HTTP 200 with `errcode` 0 on
success; any other `errcode` is a failure, and an expired token (40001, 42001) is dropped so the
next attempt fetches a new one.
"""

from __future__ import annotations

import time

import httpx

from grassroots_notifications.domain.outbound import DeliveryFailed, Outbound

# Renew the token this long before WeChat says it expires (it lives 7200 s).
_EARLY_SECONDS = 300
_STALE_TOKEN_CODES = frozenset({40001, 42001})
# A `thing` field of a subscription template holds at most 20 characters.
_THING_CHARS = 20


class WeChatSender:
    def __init__(
        self,
        api_base: str,
        app_id: str,
        app_secret: str,
        template_id: str,
        *,
        timeout: float = 10.0,
    ) -> None:
        self._base = api_base.rstrip("/")
        self._app_id = app_id
        self._secret = app_secret
        self._template = template_id
        self._timeout = timeout
        self._token: tuple[str, float] | None = None

    async def _access_token(self, client: httpx.AsyncClient) -> str:
        if self._token is not None and self._token[1] > time.monotonic():
            return self._token[0]
        response = await client.get(
            f"{self._base}/cgi-bin/token",
            params={
                "grant_type": "client_credential",
                "appid": self._app_id,
                "secret": self._secret,
            },
        )
        reply = response.json()
        token = reply.get("access_token")
        if not token:
            raise DeliveryFailed(f"WeChat token: {reply.get('errcode')}: {reply.get('errmsg')}")
        expires = float(reply.get("expires_in", 7200))
        self._token = (token, time.monotonic() + max(expires - _EARLY_SECONDS, 0))
        return str(token)

    def body(self, message: Outbound) -> dict[str, object]:
        return {
            "touser": message.address,
            "template_id": self._template,
            "page": "pages/notices/index",
            "data": {
                "thing1": {"value": message.text[:_THING_CHARS]},
                "character_string2": {"value": message.number},
            },
            "lang": "zh_CN" if message.locale == "zh-CN" else "en_US",
        }

    async def send(self, message: Outbound) -> None:
        async with httpx.AsyncClient(timeout=self._timeout) as client:
            token = await self._access_token(client)
            response = await client.post(
                f"{self._base}/cgi-bin/message/subscribe/send",
                params={"access_token": token},
                json=self.body(message),
            )
        try:
            reply = response.json()
        except ValueError:
            raise DeliveryFailed(f"WeChat: HTTP {response.status_code}, not JSON") from None
        code = reply.get("errcode", -1)
        if code != 0:
            if code in _STALE_TOKEN_CODES:
                self._token = None
            raise DeliveryFailed(f"WeChat: {code}: {reply.get('errmsg')}")
