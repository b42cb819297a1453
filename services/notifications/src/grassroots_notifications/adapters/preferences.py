"""Notice preferences in MongoDB, one document per person."""

from __future__ import annotations

from datetime import time
from typing import Any

from grassroots_kit.mongo import Database, Document, Session

from grassroots_notifications.domain.notices import Channel, NoticeKind
from grassroots_notifications.domain.preferences import Preferences, QuietHours

PREFERENCES = "preferences"


def to_document(prefs: Preferences) -> Document:
    quiet = prefs.quiet_hours
    return {
        "_id": prefs.person_id,
        "muted": sorted(k.value for k in prefs.muted),
        "channels": sorted(c.value for c in prefs.channels),
        "email": prefs.email,
        "phone": prefs.phone,
        "wechatOpenId": prefs.wechat_open_id,
        "quietHours": (
            {"start": quiet.start.isoformat("minutes"), "end": quiet.end.isoformat("minutes")}
            if quiet
            else None
        ),
        "locale": prefs.locale,
    }


def from_document(doc: dict[str, Any]) -> Preferences:
    quiet = doc.get("quietHours")
    return Preferences(
        person_id=doc["_id"],
        muted=frozenset(NoticeKind(k) for k in doc.get("muted") or ()),
        channels=frozenset(Channel(c) for c in doc.get("channels") or ()),
        email=doc.get("email"),
        phone=doc.get("phone"),
        wechat_open_id=doc.get("wechatOpenId"),
        quiet_hours=(
            QuietHours(time.fromisoformat(quiet["start"]), time.fromisoformat(quiet["end"]))
            if quiet
            else None
        ),
        locale=doc.get("locale") or "zh-CN",
    )


class PreferenceStore:
    def __init__(self, db: Database, session: Session | None = None) -> None:
        self._prefs = db[PREFERENCES]
        self._session = session

    async def get(self, person_id: str) -> Preferences | None:
        doc = await self._prefs.find_one({"_id": person_id}, session=self._session)
        return from_document(doc) if doc else None

    async def save(self, prefs: Preferences) -> None:
        await self._prefs.replace_one(
            {"_id": prefs.person_id}, to_document(prefs), upsert=True, session=self._session
        )
