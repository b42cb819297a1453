"""What demo stages share: the client and the ids learned by earlier stages."""

from __future__ import annotations

from dataclasses import dataclass, field

from scripts.demo.graphql_client import GraphQLClient


@dataclass
class DemoContext:
    client: GraphQLClient
    # Org unit ids by name path, e.g. ("望城区", "高塘岭街道").
    org_units: dict[tuple[str, ...], str] = field(default_factory=dict)
    # Anything later stages need from earlier ones (people ids, tokens, ...), by name.
    ids: dict[str, str] = field(default_factory=dict)

    def unit(self, *names: str) -> str:
        return self.org_units[names]
