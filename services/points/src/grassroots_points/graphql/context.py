"""Per-request context: the service host, the caller (verified lazily) and DataLoaders."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from grassroots_kit.auth import Principal, TokenVerifier, bearer_token
from grassroots_kit.errors import Unauthenticated
from grassroots_kit.host import ServiceHost
from starlette.requests import Request
from strawberry.dataloader import DataLoader

from grassroots_points.domain.ledger import Account
from grassroots_points.domain.rewards import Reward
from grassroots_points.handlers import reading
from grassroots_points.handlers.ports import PointsPorts


@dataclass
class Context:
    host: ServiceHost
    request: Request
    verifier: TokenVerifier
    ports: PointsPorts
    accounts: DataLoader[str, Account | None] = field(init=False)
    rewards: DataLoader[str, Reward | None] = field(init=False)
    _principal: Principal | None = field(default=None, init=False)

    def __post_init__(self) -> None:
        host = self.host

        async def load_accounts(ids: Sequence[str]) -> list[Account | None]:
            return await reading.accounts_by_id(host, ids)

        async def load_rewards(ids: Sequence[str]) -> list[Reward | None]:
            return await reading.rewards_by_id(host, ids)

        self.accounts = DataLoader(load_fn=load_accounts)
        self.rewards = DataLoader(load_fn=load_rewards)

    async def maybe_caller(self) -> Principal | None:
        """The verified caller, or None without a token. A bad token is always an error."""
        if self._principal is None:
            token = bearer_token(self.request.headers.get("authorization"))
            if token is None:
                return None
            self._principal = await self.verifier.verify(token)
        return self._principal

    async def caller(self) -> Principal:
        principal = await self.maybe_caller()
        if principal is None:
            raise Unauthenticated("sign in first: send `Authorization: Bearer <access token>`")
        return principal
