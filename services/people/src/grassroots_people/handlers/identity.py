"""Use cases of identity: log in, refresh, log out, set a password."""

from __future__ import annotations

import math
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import datetime

from grassroots_kit.auth import Principal
from grassroots_kit.errors import BadUserInput, RateLimited, Unauthenticated
from grassroots_kit.i18n import msg

from grassroots_people.adapters.credentials import token_hash
from grassroots_people.domain import access, throttle
from grassroots_people.domain.ids import PersonId
from grassroots_people.domain.passwords import MAX_LENGTH, check_password
from grassroots_people.domain.people import PHONE_LENGTH, Person
from grassroots_people.domain.throttle import Scope
from grassroots_people.handlers.loading import person_in
from grassroots_people.handlers.ports import LoginAttempts, PeoplePorts, PeopleTx
from grassroots_people.handlers.tokens import Tokens, issue

_WRONG = msg("the phone number or the password is wrong")


@dataclass(frozen=True)
class SetPassword:
    person_id: PersonId | None  # None: the caller's own password
    current_password: str | None
    new_password: str


async def login(
    ports: PeoplePorts,
    issue_tokens: Callable[[str], Awaitable[Tokens]],
    phone: str,
    password: str,
    address: str,
) -> Tokens:
    """Every attempt is counted before its password is checked, per client address, per phone
    at that address and per phone, known or not (domain/throttle.py); an unknown phone costs
    the same hash as a wrong password, through the same bounded hashing. `issue_tokens` gives
    the person who logged in their tokens (`tokens.login_issuer`)."""
    phone = "".join(phone.split())
    if not (phone.isascii() and phone.isdigit() and len(phone) == PHONE_LENGTH):
        raise Unauthenticated(_WRONG)  # no phone number we store looks otherwise: no hash needed
    if len(password) > MAX_LENGTH:
        raise Unauthenticated(_WRONG)  # longer than any password we accept: no hash needed
    keys = throttle.keys(phone, address)
    await _count_attempt(ports.attempts, keys, ports.clock())
    person = await ports.phone_book.by_phone(phone)
    password_hash = await ports.passwords.password_hash(person.id) if person else None
    if not await ports.hashing.verify(password_hash, password) or person is None:
        raise Unauthenticated(_WRONG)
    await _forgive(ports.attempts, keys)
    return await issue_tokens(person.id)


async def _forgive(credentials: LoginAttempts, keys: list[tuple[Scope, str]]) -> None:
    for scope, key in keys:
        if scope in throttle.FORGIVEN_ON_SUCCESS:
            await credentials.forgive(key)
        else:
            await credentials.take_back(key)


async def _count_attempt(
    credentials: LoginAttempts, keys: list[tuple[Scope, str]], now: datetime
) -> None:
    """Counts the attempt on each key in turn; the first key that refuses stops it."""
    for scope, key in keys:
        limit = throttle.LIMITS[scope]
        verdict = throttle.judge(
            limit, await credentials.count_attempt(key, limit.window, now), now
        )
        if verdict.lock_until is not None:
            await credentials.lock(key, verdict.lock_until)
        if not verdict.checked:
            seconds = math.ceil(verdict.retry_after.total_seconds())
            raise RateLimited(
                msg("too many login attempts; try again in {seconds} s", seconds=seconds),
                retryAfterSeconds=seconds,
            )


async def refresh(ports: PeoplePorts, refresh_token: str) -> Tokens:
    """Each refresh token works once; showing a used one again revokes its whole family."""
    tokens = ports.refresh_tokens
    hashed = token_hash(refresh_token)
    now = ports.clock()
    record = await tokens.refresh_record(hashed)
    if record is None or record.revoked_at is not None or record.expires_at <= now:
        raise Unauthenticated(msg("the refresh token is not valid; log in again"))
    if record.used_at is not None:
        await tokens.revoke_family(record.family_id, now)
        raise Unauthenticated(msg("the refresh token was already used; log in again"))

    async def work(tx: PeopleTx) -> Tokens | None:
        if not await tx.credentials.mark_used(hashed, now):
            return None
        return await issue(ports, tx, record.person_id, family_id=record.family_id)

    issued = await ports.uow.run(work)
    if issued is None:
        await tokens.revoke_family(record.family_id, now)
        raise Unauthenticated(msg("the refresh token was already used; log in again"))
    return issued


async def logout(ports: PeoplePorts, refresh_token: str) -> None:
    """Revokes the refresh token and every token rotated from the same login."""
    record = await ports.refresh_tokens.refresh_record(token_hash(refresh_token))
    if record is not None:
        await ports.refresh_tokens.revoke_family(record.family_id, ports.clock())


async def _require_may_set(
    ports: PeoplePorts, actor: Principal, target: Person, current: str | None, address: str
) -> None:
    if target.id == actor.person_id:
        stored = await ports.passwords.password_hash(target.id)
        if stored is None:
            return
        # The current password is a login of its own: counted on the same keys, so a stolen
        # access token is no faster a way to guess it.
        keys = throttle.keys(target.phone or target.id, address)
        await _count_attempt(ports.attempts, keys, ports.clock())
        if not await ports.hashing.verify(stored, current or ""):
            raise BadUserInput(msg("the current password is wrong"), field="currentPassword")
        await _forgive(ports.attempts, keys)
        return
    # Setting another person's password takes over their account: allowed only to someone
    # who manages where they live and could have granted every role they hold.
    access.require_manage(actor, target.org_unit_path, msg("set this person's password"))
    for assignment in await ports.held_roles.active_for(target.id, ports.clock()):
        access.require_can_grant(actor, assignment.role, assignment.org_unit_path)


async def set_password(
    ports: PeoplePorts, actor: Principal | None, command: SetPassword, address: str
) -> Person:
    actor = access.require_actor(actor)
    check_password(command.new_password)
    target_id = command.person_id or actor.person_id
    target = await ports.uow.run(lambda tx: person_in(tx, target_id))
    await _require_may_set(ports, actor, target, command.current_password, address)
    password_hash = await ports.hashing.hash(command.new_password)

    async def work(tx: PeopleTx) -> Person:
        now = ports.clock()
        await tx.credentials.set_password_hash(target.id, password_hash, now)
        await tx.credentials.revoke_person(target.id, now)
        return target

    return await ports.uow.run(work)
