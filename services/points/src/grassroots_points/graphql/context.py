"""Per-request context: the service host, who is calling and the request's DataLoaders."""

from __future__ import annotations

from dataclasses import dataclass, field

from grassroots_kit.auth import Principal, TokenVerifier
from grassroots_kit.graphql.loaders import by_id
from grassroots_kit.host import ServiceHost
from grassroots_kit.request_auth import ANONYMOUS, RequestAuth, authenticate
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
    ports: PointsPorts
    auth: RequestAuth = ANONYMOUS
    accounts: DataLoader[str, Account | None] = field(init=False)
    rewards: DataLoader[str, Reward | None] = field(init=False)

    def __post_init__(self) -> None:
        self.accounts = by_id(lambda ids: reading.accounts_by_id(self.ports, ids))
        self.rewards = by_id(lambda ids: reading.rewards_by_id(self.ports, ids))

    @property
    def caller(self) -> Principal | None:
        """The verified caller, None when anonymous; a bad token fails where it is used."""
        return self.auth.optional()

    def require_caller(self) -> Principal:
        return self.auth.required()


async def build_context(
    host: ServiceHost, verifier: TokenVerifier, ports: PointsPorts, request: Request
) -> Context:
    auth = await authenticate(verifier, request)
    return Context(host=host, request=request, ports=ports, auth=auth)
