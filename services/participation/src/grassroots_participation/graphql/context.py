"""Per-request context: the service host, who is calling and the ports."""

from __future__ import annotations

from dataclasses import dataclass

from grassroots_kit.auth import Principal, TokenVerifier
from grassroots_kit.host import ServiceHost
from grassroots_kit.request_auth import ANONYMOUS, RequestAuth, authenticate
from starlette.requests import Request

from grassroots_participation.handlers.ports import ParticipationPorts
from grassroots_participation.handlers.survey_ports import SurveyPorts


@dataclass
class Context:
    host: ServiceHost
    request: Request
    ports: ParticipationPorts
    auth: RequestAuth = ANONYMOUS
    surveys: SurveyPorts | None = None
    """The survey ports (graphql/surveys.py); set by the app."""

    def survey_ports(self) -> SurveyPorts:
        assert self.surveys is not None, "the app sets the survey ports"
        return self.surveys

    @property
    def caller(self) -> Principal | None:
        """The verified caller, None when anonymous; a bad token fails where it is used."""
        return self.auth.optional()

    def require_caller(self) -> Principal:
        return self.auth.required()


async def build_context(
    host: ServiceHost,
    verifier: TokenVerifier,
    ports: ParticipationPorts,
    request: Request,
    surveys: SurveyPorts | None = None,
) -> Context:
    auth = await authenticate(verifier, request)
    return Context(host=host, request=request, ports=ports, auth=auth, surveys=surveys)
