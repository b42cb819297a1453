"""What every event payload shares: the model base, ids, paths and RFC 3339 times.

A payload is a frozen pydantic model whose Python names are snake_case and whose wire names are
camelCase (`org_unit_path` <-> `orgUnitPath`). Reading is strict about types: a string is not an
int, an int is not a bool, and a time without a zone is refused. Fields a payload does not know
are ignored, so that a producer adding a field never breaks a consumer.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Annotated, Any, Self

from pydantic import (
    AwareDatetime,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    GetCoreSchemaHandler,
    GetJsonSchemaHandler,
    PlainSerializer,
    StringConstraints,
    ValidationError,
    WithJsonSchema,
)
from pydantic.alias_generators import to_camel
from pydantic.json_schema import JsonSchemaValue
from pydantic_core import core_schema


class InvalidPayload(ValueError):
    """An event's data does not match the contract."""


Id = Annotated[str, StringConstraints(min_length=1)]


def _read_time(value: object) -> object:
    # JSON carries times as text; strict mode would refuse any string for a datetime.
    if isinstance(value, str):
        try:
            return datetime.fromisoformat(value.replace("Z", "+00:00"))
        except ValueError:
            raise ValueError("not an RFC 3339 time") from None
    return value


def _write_time(at: datetime) -> str:
    # `Z` rather than `+00:00`: what every payload has carried since the first release.
    return at.isoformat().replace("+00:00", "Z")


Timestamp = Annotated[
    AwareDatetime,
    BeforeValidator(_read_time),
    PlainSerializer(_write_time, return_type=str),
    WithJsonSchema({"type": "string", "format": "date-time"}),
]

# Lists on the wire, tuples in Python; lax only about the container, the ids stay strict.
Ids = Annotated[tuple[Id, ...], Field(strict=False)]


@dataclass(frozen=True)
class OneOf:
    """Metadata for `Annotated[str, OneOf(...)]`: a string from a closed vocabulary, documented
    as an `enum`."""

    values: tuple[str, ...]
    description: str | None = None

    def __get_pydantic_core_schema__(
        self, source: Any, handler: GetCoreSchemaHandler
    ) -> core_schema.CoreSchema:
        return core_schema.no_info_after_validator_function(self._check, handler(source))

    def __get_pydantic_json_schema__(
        self, schema: core_schema.CoreSchema, handler: GetJsonSchemaHandler
    ) -> JsonSchemaValue:
        documented: JsonSchemaValue = {"type": "string", "enum": list(self.values)}
        if self.description:
            documented["description"] = self.description
        return documented

    def _check(self, value: str) -> str:
        if value not in self.values:
            raise ValueError(f"unknown value {value!r}")
        return value


class Payload(BaseModel):
    """The `data` of one event type, as producers build it and consumers read it."""

    model_config = ConfigDict(
        alias_generator=to_camel,
        validate_by_name=True,
        validate_by_alias=True,
        serialize_by_alias=True,
        strict=True,
        frozen=True,
        extra="ignore",
        use_attribute_docstrings=True,
        # The document describes what producers send, and they send every key.
        json_schema_serialization_defaults_required=True,
    )

    def to_data(self) -> dict[str, Any]:
        """The JSON object that goes into a CloudEvent's `data`."""
        return self.model_dump(mode="json", by_alias=True)

    @classmethod
    def from_data(cls, data: object) -> Self:
        """Read `data` (a CloudEvent's), or raise `InvalidPayload` saying what breaks the
        contract."""
        try:
            return cls.model_validate(data)
        except ValidationError as exc:
            raise InvalidPayload(describe(exc)) from None


def describe(exc: ValidationError) -> str:
    """A one-line reason, with wire names, for a parking queue's `x-death-reason`."""
    parts = []
    for error in exc.errors(include_url=False):
        where = ".".join(str(p) for p in error["loc"]) or "data"
        if error["type"] == "missing":
            parts.append(f"missing field {where!r}")
        else:
            parts.append(f"{where}: {error['msg']}")
    return "; ".join(parts)
