"""Minimal valid-looking arguments for any field, built from the schema by introspection, so a
test can call every mutation without knowing it (and reach its authorization check)."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

INTROSPECT = """{ __schema {
  mutationType { fields { name args { name type { ...T } } } }
  types { name kind enumValues { name } inputFields { name defaultValue type { ...T } } }
} }
fragment T on __Type { kind name ofType { kind name ofType { kind name ofType { kind name
  ofType { kind name } } } } }"""

SCALARS: dict[str, Any] = {
    "String": "hostile",
    "ID": "000000000000000000000000",
    "Int": 1,
    "Float": 1.0,
    "Boolean": False,
    "DateTime": datetime(2026, 1, 1, tzinfo=UTC).isoformat(),
    "Date": "2026-01-01",
    "JSON": {},
}


class InputBuilder:
    def __init__(self, schema: dict[str, Any]) -> None:
        self._types = {t["name"]: t for t in schema["types"]}
        self.mutations: list[dict[str, Any]] = schema["mutationType"]["fields"]

    def type_text(self, ref: dict[str, Any]) -> str:
        if ref["kind"] == "NON_NULL":
            return f"{self.type_text(ref['ofType'])}!"
        if ref["kind"] == "LIST":
            return f"[{self.type_text(ref['ofType'])}]"
        return str(ref["name"])

    def value(self, ref: dict[str, Any], depth: int = 0) -> Any:
        kind = ref["kind"]
        if kind == "NON_NULL":
            return self.value(ref["ofType"], depth)
        if kind == "LIST":
            return [self.value(ref["ofType"], depth + 1)]
        named = self._types.get(ref["name"], {})
        if kind == "ENUM":
            return named["enumValues"][0]["name"]
        if kind == "INPUT_OBJECT":
            return {
                field["name"]: self.value(field["type"], depth + 1)
                for field in named.get("inputFields") or []
                if field["type"]["kind"] == "NON_NULL" and field["defaultValue"] is None
            }
        return SCALARS.get(ref["name"], "hostile")

    def call(self, mutation: dict[str, Any]) -> tuple[str, dict[str, Any]]:
        """The document and variables calling `mutation` with every required argument."""
        args = [a for a in mutation["args"] if a["type"]["kind"] == "NON_NULL"]
        params = ", ".join(f"${a['name']}: {self.type_text(a['type'])}" for a in args)
        passed = ", ".join(f"{a['name']}: ${a['name']}" for a in args)
        head = f"mutation Probe({params})" if params else "mutation Probe"
        call = f"{mutation['name']}({passed})" if passed else mutation["name"]
        return (
            f"{head} {{ {call} {{ __typename }} }}",
            {a["name"]: self.value(a["type"]) for a in args},
        )
