"""How many login attempts are checked, counted per client address, per phone at that address
and per phone from anywhere.

Each key counts attempts in rounds. An attempt is counted *before* its password is checked
(the adapter increments atomically and hands back the count), so however many arrive at once
only the first `attempts` of a round are checked; the next one locks the key, for a while that
doubles with every lock (`strikes`). A round that never reaches the limit is forgotten after
its window; a successful login forgives the phone's keys and takes its own count back from the
address.

The scopes are sized so that a stranger cannot lock an owner out for long: the per-phone lock
that one address can cause is keyed by that address too (the owner logs in from theirs); the
phone-wide key sees only attempts that passed the narrower ones, has a high limit and a short,
capped lock; an address that guesses many phones is what gets locked long.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum


class Scope(StrEnum):
    ADDRESS = "address"  # one client address, whatever phones it tries
    PHONE_AT_ADDRESS = "phone-at-address"  # one phone, from one address
    PHONE = "phone"  # one phone, from every address together


@dataclass(frozen=True)
class Limit:
    attempts: int  # checked per round; the next one locks the key
    window: timedelta  # a round that stays under the limit is forgotten after this
    first_lock: timedelta
    longest_lock: timedelta

    def lock(self, strikes: int) -> timedelta:
        return min(self.first_lock * (1 << min(strikes, 32)), self.longest_lock)


LIMITS: Mapping[Scope, Limit] = {
    # A shared address (an office, a carrier's NAT) takes back every successful login, so
    # only wrong guesses add up: 30 an hour, then 15 minutes that double up to a day.
    Scope.ADDRESS: Limit(30, timedelta(hours=1), timedelta(minutes=15), timedelta(hours=24)),
    # The owner's typos: 5 in 15 minutes, then 1 minute doubling up to 15.
    Scope.PHONE_AT_ADDRESS: Limit(
        5, timedelta(minutes=15), timedelta(minutes=1), timedelta(minutes=15)
    ),
    # Guesses from many addresses at one phone: short locks, so a botnet cannot keep the
    # owner out for long, but it cannot guess at full speed either.
    Scope.PHONE: Limit(20, timedelta(minutes=15), timedelta(minutes=1), timedelta(minutes=5)),
}
# The order attempts are counted in: a key refused stops the count, so a stranger's flood
# from one address never reaches the phone-wide key beyond the few the narrower ones let by.
ORDER = (Scope.ADDRESS, Scope.PHONE_AT_ADDRESS, Scope.PHONE)
# Scopes whose count a successful login clears; the address only takes that attempt back.
FORGIVEN_ON_SUCCESS = frozenset({Scope.PHONE_AT_ADDRESS, Scope.PHONE})
# A key untouched this long after its round ended is deleted, strikes and all.
MEMORY = timedelta(days=1)
# Longest client address kept in a key; anything longer is cut (an IPv6 address has 45).
MAX_ADDRESS_LENGTH = 64


@dataclass(frozen=True)
class Counter:
    """A key's state just after this attempt was counted."""

    attempts: int  # in the current round, this one included
    strikes: int  # locks so far
    resets_at: datetime  # when the round, or the lock, ends


@dataclass(frozen=True)
class Verdict:
    checked: bool  # the password may be verified
    retry_after: timedelta = timedelta(0)
    lock_until: datetime | None = None  # this attempt is the one that locks the key


def judge(limit: Limit, counter: Counter, now: datetime) -> Verdict:
    if counter.attempts <= limit.attempts:
        return Verdict(checked=True)
    if counter.attempts == limit.attempts + 1:  # exactly one attempt sees this count
        lock = limit.lock(counter.strikes)
        return Verdict(checked=False, retry_after=lock, lock_until=now + lock)
    return Verdict(checked=False, retry_after=max(counter.resets_at - now, timedelta(seconds=1)))


def key(scope: Scope, phone: str, address: str) -> str:
    """The counter's key; addresses and phones are never mixed up between scopes."""
    address = address[:MAX_ADDRESS_LENGTH]
    match scope:
        case Scope.ADDRESS:
            return f"address:{address}"
        case Scope.PHONE_AT_ADDRESS:
            return f"phone:{phone}@{address}"
        case Scope.PHONE:
            return f"phone:{phone}"


def keys(phone: str, address: str) -> list[tuple[Scope, str]]:
    return [(scope, key(scope, phone, address)) for scope in ORDER]
