"""Per-request context: the handlers' ports, who is calling, and the request's DataLoaders."""

from __future__ import annotations

from dataclasses import dataclass, field

from grassroots_kit.auth import Principal, TokenVerifier
from grassroots_kit.graphql.loaders import by_id
from grassroots_kit.host import ServiceHost
from grassroots_kit.request_auth import ANONYMOUS, RequestAuth, authenticate
from starlette.requests import Request
from strawberry.dataloader import DataLoader

from grassroots_cases.domain.following import FollowCounts
from grassroots_cases.domain.model import Case
from grassroots_cases.handlers.following import counts_of
from grassroots_cases.handlers.ports import CasesPorts
from grassroots_cases.handlers.reading import cases_by_id


@dataclass
class Context:
    host: ServiceHost
    request: Request
    ports: CasesPorts
    auth: RequestAuth = ANONYMOUS
    verifier: TokenVerifier | None = None
    cases: DataLoader[str, Case | None] = field(init=False)
    # Case.followerCount and friends of a list of cases: one aggregation for all of them.
    follow_counts: DataLoader[str, FollowCounts | None] = field(init=False)

    def __post_init__(self) -> None:
        self.cases = by_id(lambda ids: cases_by_id(self.ports, ids))
        self.follow_counts = by_id(lambda ids: counts_of(self.ports, self.caller, ids))

    @property
    def caller(self) -> Principal | None:
        """The verified caller, None when anonymous; a bad token fails where it is used."""
        return self.auth.optional()

    async def recheck_caller(self) -> None:
        """Verify the request's token again (expiry, revoked roles): a live subscription calls
        it while it runs; UNAUTHENTICATED ends the subscription."""
        if self.verifier is not None:
            (await authenticate(self.verifier, self.request)).required()


async def build_context(
    host: ServiceHost, verifier: TokenVerifier, ports: CasesPorts, request: Request
) -> Context:
    auth = await authenticate(verifier, request)
    return Context(host=host, request=request, ports=ports, auth=auth, verifier=verifier)
