"""Per-request context: the service host, who is calling and the ports."""

from __future__ import annotations

from dataclasses import dataclass, field

from grassroots_kit.auth import Principal, TokenVerifier
from grassroots_kit.graphql.loaders import by_id
from grassroots_kit.host import ServiceHost
from grassroots_kit.request_auth import ANONYMOUS, RequestAuth, authenticate
from starlette.requests import Request
from strawberry.dataloader import DataLoader

from grassroots_participation.domain.cost_share_access import PlanView
from grassroots_participation.domain.cost_shares import CostSharePlan
from grassroots_participation.handlers import cost_shares
from grassroots_participation.handlers.activity_ports import ActivityPorts
from grassroots_participation.handlers.ports import ParticipationPorts
from grassroots_participation.handlers.survey_ports import SurveyPorts


@dataclass
class Context:
    host: ServiceHost
    request: Request
    ports: ParticipationPorts
    activities: ActivityPorts
    auth: RequestAuth = ANONYMOUS
    # Case.costShare of a list of cases: one query for all of them.
    case_plans: DataLoader[str, tuple[CostSharePlan, PlanView] | None] = field(init=False)

    def __post_init__(self) -> None:
        self.case_plans = by_id(
            lambda ids: cost_shares.plans_of_cases(self.ports, self.require_caller(), ids)
        )

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
    activities: ActivityPorts,
    surveys: SurveyPorts | None = None,
) -> Context:
    auth = await authenticate(verifier, request)
    return Context(
        host=host,
        request=request,
        ports=ports,
        activities=activities,
        auth=auth,
        surveys=surveys,
    )
