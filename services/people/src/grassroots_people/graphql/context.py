"""Per-request context: the service host and the request's DataLoaders."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from grassroots_kit.host import ServiceHost
from starlette.requests import Request
from strawberry.dataloader import DataLoader

from grassroots_people.adapters.org_units import OrgUnitStore
from grassroots_people.domain.org_units import OrgUnit


@dataclass
class Context:
    host: ServiceHost
    request: Request
    org_units: DataLoader[str, OrgUnit | None] = field(init=False)

    def __post_init__(self) -> None:
        store = OrgUnitStore(self.host.db)

        async def load_org_units(ids: Sequence[str]) -> list[OrgUnit | None]:
            found = await store.get_many(ids)
            return [found.get(i) for i in ids]

        self.org_units = DataLoader(load_fn=load_org_units)
