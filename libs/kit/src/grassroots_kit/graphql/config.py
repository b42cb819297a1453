"""The Strawberry configuration every subgraph schema uses."""

from __future__ import annotations

from strawberry.schema.config import StrawberryConfig
from strawberry.schema.name_converter import NameConverter


class _RememberingNameConverter(NameConverter):
    """Strawberry converts each argument's Python name to camelCase again every time a resolver
    with arguments runs; the schema's names are few and fixed, so each is converted once."""

    def __init__(self) -> None:
        super().__init__(auto_camel_case=True)
        self._converted: dict[str, str] = {}

    def apply_naming_config(self, name: str) -> str:
        converted = self._converted.get(name)
        if converted is None:
            converted = self._converted[name] = super().apply_naming_config(name)
        return converted


def subgraph_config() -> StrawberryConfig:
    return StrawberryConfig(name_converter=_RememberingNameConverter())
