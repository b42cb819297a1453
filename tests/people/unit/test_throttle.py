"""The login throttle's rule (domain/throttle.py): no database, no clock but the one given."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from grassroots_people.domain.throttle import (
    FORGIVEN_ON_SUCCESS,
    LIMITS,
    ORDER,
    Counter,
    Scope,
    judge,
    keys,
)

NOW = datetime(2026, 12, 7, 9, 0, tzinfo=UTC)
AT_ADDRESS = LIMITS[Scope.PHONE_AT_ADDRESS]


def counted(attempts: int, strikes: int = 0, resets_in: timedelta = timedelta(minutes=15)):
    return Counter(attempts=attempts, strikes=strikes, resets_at=NOW + resets_in)


def test_the_first_attempts_of_a_round_are_checked():
    for attempts in range(1, AT_ADDRESS.attempts + 1):
        verdict = judge(AT_ADDRESS, counted(attempts), NOW)
        assert verdict.checked
        assert verdict.lock_until is None


def test_the_attempt_just_over_the_limit_locks_the_key_and_is_not_checked():
    verdict = judge(AT_ADDRESS, counted(AT_ADDRESS.attempts + 1), NOW)

    assert not verdict.checked
    assert verdict.lock_until == NOW + timedelta(minutes=1)
    assert verdict.retry_after == timedelta(minutes=1)


def test_attempts_beyond_it_are_refused_until_the_lock_ends_without_locking_again():
    verdict = judge(AT_ADDRESS, counted(40, strikes=1, resets_in=timedelta(seconds=42)), NOW)

    assert not verdict.checked
    assert verdict.lock_until is None
    assert verdict.retry_after == timedelta(seconds=42)


def test_a_refusal_never_says_retry_in_zero_seconds():
    verdict = judge(AT_ADDRESS, counted(40, resets_in=timedelta(0)), NOW)

    assert verdict.retry_after == timedelta(seconds=1)


def test_each_lock_doubles_up_to_the_longest():
    locks = [AT_ADDRESS.lock(strikes) for strikes in range(6)]

    assert locks[:4] == [timedelta(minutes=m) for m in (1, 2, 4, 8)]
    assert locks[4:] == [timedelta(minutes=15)] * 2
    assert AT_ADDRESS.lock(10_000) == timedelta(minutes=15)


def test_a_stranger_cannot_keep_the_owner_out_for_long_but_a_guessing_address_is_locked_long():
    address, phone = LIMITS[Scope.ADDRESS], LIMITS[Scope.PHONE]

    # The lock a single address causes on a phone is its own (keyed by that address too);
    # the phone-wide lock needs more attempts than one address's key lets through, and is short.
    assert phone.attempts > AT_ADDRESS.attempts
    assert phone.longest_lock <= timedelta(minutes=5)
    assert address.first_lock > phone.longest_lock
    assert address.longest_lock >= timedelta(hours=24)


def test_keys_are_counted_narrowest_first_and_never_collide_between_scopes():
    found = keys("13800000011", "203.0.113.9")

    assert (
        [scope for scope, _ in found]
        == list(ORDER)
        == [
            Scope.ADDRESS,
            Scope.PHONE_AT_ADDRESS,
            Scope.PHONE,
        ]
    )
    assert [key for _, key in found] == [
        "address:203.0.113.9",
        "phone:13800000011@203.0.113.9",
        "phone:13800000011",
    ]
    assert len(keys("1" * 11, "x" * 500)[0][1]) <= len("address:") + 64


def test_a_success_forgives_the_phone_but_only_takes_its_own_attempt_back_from_the_address():
    assert {Scope.PHONE_AT_ADDRESS, Scope.PHONE} == FORGIVEN_ON_SUCCESS
