"""Markdown tables of settings and indexes, generated from the code that defines them.

scripts/settings_table.py writes docs/configuration.md and docs/indexes.md with these;
tests/ops fails when either file no longer matches the code. A build-time tool: it lives here,
not in the runtime kit, which the service images install.
"""

from __future__ import annotations

import json
import types
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Literal, Union, get_args, get_origin

from annotated_types import Ge, Gt, Le, Lt, MinLen
from grassroots_kit.mongo import Indexes
from grassroots_kit.settings import ServiceSettings
from pydantic.fields import FieldInfo

_PROBE = "probe://probe:probe@probe"


@dataclass(frozen=True)
class Setting:
    variable: str
    default: object
    kind: str
    meaning: str
    secret: bool


def settings_of(cls: type[ServiceSettings]) -> dict[str, Setting]:
    secrets = secret_fields(cls)
    return {
        name: Setting(
            variable=name.upper(),
            default=field.get_default(call_default_factory=True),
            kind=_kind(field),
            meaning=field.description or "",
            secret=name in secrets,
        )
        for name, field in cls.model_fields.items()
    }


def secret_fields(cls: type[ServiceSettings]) -> set[str]:
    """The fields that `redacted()` hides, found by asking it about a probe value."""
    text_fields = [name for name, field in cls.model_fields.items() if _accepts_text(field)]
    values: dict[str, Any] = dict.fromkeys(text_fields, _PROBE)
    probe = cls.model_construct(**values)
    shown = probe.redacted()
    return {name for name in text_fields if shown.get(name) != _PROBE}


def render_settings(services: Mapping[str, type[ServiceSettings]]) -> str:
    """Settings every service shares, then each service's own, as Markdown."""
    base = settings_of(ServiceSettings)
    per_service = {service: settings_of(cls) for service, cls in services.items()}
    lines = [
        "## Every service",
        "",
        "| variable | default | type | meaning |",
        "|---|---|---|---|",
    ]
    for name, setting in base.items():
        defaults = {service: own[name].default for service, own in per_service.items()}
        if len({_literal(value) for value in defaults.values()}) > 1:
            default = ", ".join(f"{service} {_cell(value)}" for service, value in defaults.items())
        else:
            default = _cell(next(iter(defaults.values()), setting.default))
        lines.append(_row(setting, default))
    for service, own in per_service.items():
        extra = [setting for name, setting in own.items() if name not in base]
        lines += ["", f"## {service}", ""]
        if not extra:
            lines.append("No settings of its own.")
            continue
        lines += ["| variable | default | type | meaning |", "|---|---|---|---|"]
        lines += [_row(setting, _cell(setting.default)) for setting in extra]
    return "\n".join(lines) + "\n"


def render_indexes(services: Mapping[str, Sequence[Indexes]]) -> str:
    """The indexes each service ensures at start, as Markdown."""
    lines: list[str] = []
    for service, declared in services.items():
        lines += [f"## {service}", ""]
        lines += ["| collection | name | keys | options |", "|---|---|---|---|"]
        for spec in declared:
            for model in spec.models:
                document = dict(model.document)
                keys = ", ".join(f"`{key}: {order}`" for key, order in document["key"].items())
                name = document.pop("name")
                document.pop("key")
                options = ", ".join(f"`{key}: {_json(value)}`" for key, value in document.items())
                lines.append(f"| `{spec.collection}` | `{name}` | {keys} | {options or '—'} |")
        lines.append("")
    return "\n".join(lines)


def _row(setting: Setting, default: str) -> str:
    meaning = setting.meaning.replace("|", "\\|")
    if setting.secret:
        meaning = f"{meaning} **Secret:** never logged.".strip()
    return f"| `{setting.variable}` | {default} | {setting.kind} | {meaning} |"


def _cell(value: object) -> str:
    if value is None:
        return "unset"
    if value == "":
        return "empty"
    return f"`{_literal(value)}`"


def _literal(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _json(value: object) -> str:
    return json.dumps(value, default=str, sort_keys=True)


def _kind(field: FieldInfo) -> str:
    annotation = field.annotation
    optional = False
    if _is_union(annotation):
        members = [arg for arg in get_args(annotation) if arg is not type(None)]
        optional = len(members) < len(get_args(annotation))
        annotation = members[0] if len(members) == 1 else annotation
    if get_origin(annotation) is Literal:
        kind = "one of " + ", ".join(f"`{value}`" for value in get_args(annotation))
    else:
        names: dict[object, str] = {
            int: "integer",
            float: "number",
            bool: "`true`/`false`",
            str: "text",
        }
        kind = names.get(annotation, str(annotation))
        bounds = [_bound(constraint) for constraint in field.metadata]
        kind = " ".join([kind, *filter(None, bounds)])
    return f"{kind}, optional" if optional else kind


def _bound(constraint: Any) -> str | None:
    if isinstance(constraint, Ge):
        return f"≥ {constraint.ge}"
    if isinstance(constraint, Gt):
        return f"> {constraint.gt}"
    if isinstance(constraint, Le):
        return f"≤ {constraint.le}"
    if isinstance(constraint, Lt):
        return f"< {constraint.lt}"
    if isinstance(constraint, MinLen) and constraint.min_length == 1:
        return "(not empty)"
    pattern = getattr(constraint, "pattern", None)
    if isinstance(pattern, str) and pattern.startswith("^") and "://" in pattern:
        return "(URL)"
    return None


def _is_union(annotation: object) -> bool:
    return get_origin(annotation) in (Union, types.UnionType)


def _accepts_text(field: FieldInfo) -> bool:
    annotation = field.annotation
    if annotation is str:
        return True
    return _is_union(annotation) and str in get_args(annotation)
