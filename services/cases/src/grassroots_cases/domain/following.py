"""Following a case and "me too": a resident who has the same problem adds their "me too"
instead of reporting it again, and whoever follows a case is told when it moves.

One record per (case, person): whether they follow it now, and whether they said "me too"
(once per person, never taken back; saying it follows the case too). Only someone who may see
the case in full may follow it or add their "me too" (domain.access, checked by the handler).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime

from grassroots_kit.errors import Conflict
from grassroots_kit.i18n import msg


@dataclass(frozen=True)
class Follow:
    case_id: str
    person_id: str
    following: bool = False
    me_too: bool = False
    since: datetime | None = None
    me_too_at: datetime | None = None


@dataclass(frozen=True)
class FollowCounts:
    followers: int = 0
    me_too: int = 0
    followed_by_me: bool = False
    me_too_by_me: bool = False


def follow(current: Follow, at: datetime) -> Follow | None:
    """Follow the case; None when already following (nothing changes, nothing is published)."""
    if current.following:
        return None
    return replace(current, following=True, since=at)


def unfollow(current: Follow) -> Follow | None:
    """Stop following; None when not following."""
    if not current.following:
        return None
    return replace(current, following=False, since=None)


def add_me_too(current: Follow, reporter_id: str | None, at: datetime) -> Follow:
    """Say "me too" (and follow): once per person, and not on one's own report."""
    if current.person_id == reporter_id:
        raise Conflict(msg("you reported this case yourself"), field="caseId")
    if current.me_too:
        raise Conflict(msg('you already said "me too" to this case'), field="caseId")
    return replace(
        current,
        following=True,
        since=current.since or at,
        me_too=True,
        me_too_at=at,
    )
