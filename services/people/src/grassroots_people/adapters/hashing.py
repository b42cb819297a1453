"""Password hashing (Argon2), bounded: each hash holds 64 MiB and a core for a tenth of a
second, so at most `concurrency` run at once per process, in threads off the event loop, and
a request that cannot get a slot within `wait` is refused rather than queued without end."""

from __future__ import annotations

import asyncio
import math
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta
from functools import cached_property
from typing import TypeVar

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from grassroots_kit.errors import RateLimited
from grassroots_kit.i18n import msg

T = TypeVar("T")


class PasswordHashing:
    def __init__(self, concurrency: int, wait: timedelta) -> None:
        self._hasher = PasswordHasher()
        self._slots = asyncio.Semaphore(concurrency)
        self._threads = ThreadPoolExecutor(concurrency, thread_name_prefix="argon2")
        self._wait = wait

    @cached_property
    def _dummy_hash(self) -> str:
        # Verified against when the phone is unknown, so a miss costs as long as a wrong password.
        return self._hasher.hash("not a password anyone has")

    async def hash(self, password: str) -> str:
        return await self._run(lambda: self._hasher.hash(password))

    async def verify(self, password_hash: str | None, password: str) -> bool:
        """False for a wrong password and for no hash at all (after the same work)."""

        def verify() -> bool:
            try:
                return self._hasher.verify(password_hash or self._dummy_hash, password)
            except (VerificationError, InvalidHashError, UnicodeEncodeError):
                return False

        ok = await self._run(verify)
        return ok and password_hash is not None

    async def _run(self, work: Callable[[], T]) -> T:
        try:
            await asyncio.wait_for(self._slots.acquire(), self._wait.total_seconds())
        except TimeoutError:
            seconds = max(1, math.ceil(self._wait.total_seconds()))
            raise RateLimited(
                msg(
                    "too many passwords are being checked right now; try again in {seconds} s",
                    seconds=seconds,
                ),
                retryAfterSeconds=seconds,
            ) from None
        loop = asyncio.get_running_loop()
        try:
            job = self._threads.submit(work)
        except BaseException:
            self._slots.release()
            raise
        # The slot is freed when the hash is done, not when the caller stops waiting: a request
        # cancelled mid-hash still holds its 64 MiB until the thread finishes.
        job.add_done_callback(lambda _: loop.call_soon_threadsafe(self._slots.release))
        return await asyncio.wrap_future(job)
