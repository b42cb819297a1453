"""Per-request context: the handlers' ports, who is calling, and the request's DataLoaders."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from grassroots_kit.auth import Principal, TokenVerifier, bearer_token
from grassroots_kit.errors import Unauthenticated
from grassroots_kit.host import ServiceHost
from starlette.requests import Request
from strawberry.dataloader import DataLoader

from grassroots_cases.domain.model import Case
from grassroots_cases.handlers.composition import cases_ports
from grassroots_cases.handlers.ports import CasesPorts
from grassroots_cases.handlers.reading import cases_by_id


@dataclass
class Context:
    host: ServiceHost
    request: Request
    principal: Principal | None = None
    auth_error: Unauthenticated | None = None
    ports: CasesPorts = field(init=False)
    cases: DataLoader[str, Case | None] = field(init=False)

    def __post_init__(self) -> None:
        # A handful of small objects over the host's database: cheap enough per request.
        ports = self.ports = cases_ports(self.host)

        async def load_cases(ids: Sequence[str]) -> list[Case | None]:
            return await cases_by_id(ports, ids)

        self.cases = DataLoader(load_fn=load_cases)

    @property
    def caller(self) -> Principal | None:
        """The verified caller, None when anonymous; a bad token fails where it is used."""
        if self.auth_error is not None:
            raise self.auth_error
        return self.principal


async def build_context(host: ServiceHost, verifier: TokenVerifier, request: Request) -> Context:
    context = Context(host=host, request=request)
    try:
        token = bearer_token(request.headers.get("authorization"))
        if token is not None:
            context.principal = await verifier.verify(token)
    except Unauthenticated as exc:
        context.auth_error = exc
    return context
