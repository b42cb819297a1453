"""The Prometheus alert rules and the Grafana dashboard use only what the services export."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
import yaml
from grassroots_kit import metrics
from prometheus_client.metrics import MetricWrapperBase

ROOT = Path(__file__).resolve().parents[2]
ALERTS = ROOT / "deploy" / "observability" / "alerts.yml"
DASHBOARD = ROOT / "deploy" / "observability" / "grafana-dashboard.json"

_SUFFIXES = {
    "counter": ("_total", "_created"),
    "gauge": ("",),
    "histogram": ("_bucket", "_count", "_sum", "_created"),
}
# PromQL functions and aggregations the files may use.
_FUNCTIONS = {
    "sum", "min", "max", "avg", "count", "topk", "bottomk", "by", "without",
    "rate", "increase", "irate", "deriv", "delta", "histogram_quantile", "clamp_min",
    "clamp_max", "max_over_time", "min_over_time", "avg_over_time", "abs", "absent",
    "label_values",
}  # fmt: skip
_DURATION = re.compile(r"^\d+[smhd]$")
_METRIC = re.compile(r"\b(grassroots_[a-z0-9_]+)\b(\{[^}]*\})?")
_GROUPING = re.compile(r"\b(?:by|without)\s*\(([^)]*)\)")


def exported() -> dict[str, set[str]]:
    """Every series name the kit's metrics produce, with the labels each carries."""
    names: dict[str, set[str]] = {}
    for value in vars(metrics).values():
        if not isinstance(value, MetricWrapperBase):
            continue
        family = value.describe()[0]
        labels = set(value._labelnames)
        for suffix in _SUFFIXES[family.type]:
            names[family.name + suffix] = labels | ({"le"} if suffix == "_bucket" else set())
    return names


def check_expression(expr: str) -> None:
    known = exported()
    used = _METRIC.findall(expr)
    assert used, f"no Grassroots metric in {expr!r}"
    labels_in_scope: set[str] = set()
    for name, matchers in used:
        assert name in known, f"{name} is not exported by grassroots_kit.metrics ({expr!r})"
        labels_in_scope |= known[name]
        for label in re.findall(r"([a-z_]+)\s*(?:=~|!~|!=|=)", matchers):
            assert label in known[name], f"{name} has no label {label!r} ({expr!r})"
    for group in _GROUPING.findall(expr):
        for label in filter(None, (part.strip() for part in group.split(","))):
            assert label in labels_in_scope, f"no metric in {expr!r} has label {label!r}"
    for function in re.findall(r"\b([a-z_]+)\s*\(", expr):
        assert function in _FUNCTIONS, f"unknown PromQL function {function!r} in {expr!r}"
    without_strings = re.sub(r'"[^"]*"', '""', expr)
    for opening, closing in ("()", "[]", "{}"):
        depth = 0
        for char in without_strings:
            depth += (char == opening) - (char == closing)
            assert depth >= 0, f"unbalanced {opening}{closing} in {expr!r}"
        assert depth == 0, f"unbalanced {opening}{closing} in {expr!r}"


def alert_rules() -> list[dict[str, Any]]:
    document = yaml.safe_load(ALERTS.read_text())
    return [rule for group in document["groups"] for rule in group["rules"]]


def dashboard_targets() -> list[str]:
    dashboard = json.loads(DASHBOARD.read_text())
    return [t["expr"] for p in dashboard["panels"] for t in p.get("targets", [])]


def test_the_alert_file_is_a_prometheus_rule_file():
    document = yaml.safe_load(ALERTS.read_text())

    groups = document["groups"]
    assert len({g["name"] for g in groups}) == len(groups)
    names = [rule["alert"] for rule in alert_rules()]
    assert len(set(names)) == len(names)
    for rule in alert_rules():
        assert set(rule) <= {"alert", "expr", "for", "labels", "annotations"}, rule["alert"]
        assert rule["labels"]["severity"] in {"warning", "critical"}
        assert rule["annotations"]["summary"]
        if "for" in rule:
            assert _DURATION.match(rule["for"]), rule["alert"]


@pytest.mark.parametrize("rule", alert_rules(), ids=lambda r: r["alert"])
def test_each_alert_expression_uses_only_exported_metrics_and_labels(rule):
    check_expression(rule["expr"])


def test_the_alerts_cover_the_signals_that_matter():
    exprs = " ".join(rule["expr"] for rule in alert_rules())

    for signal in (
        "grassroots_outbox_backlog",
        "grassroots_outbox_oldest_unsent_seconds",
        "grassroots_dead_letter_queue_messages",
        'type="case.escalated"',
        'status=~"5.."',
        "grassroots_dependency_up",
        "grassroots_queue_messages_ready",
    ):
        assert signal in exprs, signal


def test_the_dashboard_is_grafana_json_with_unique_panels_on_the_grid():
    dashboard = json.loads(DASHBOARD.read_text())

    ids = [panel["id"] for panel in dashboard["panels"]]
    assert len(set(ids)) == len(ids)
    for panel in dashboard["panels"]:
        grid = panel["gridPos"]
        assert grid["x"] + grid["w"] <= 24, panel["title"]
        if panel["type"] != "row":
            assert panel["targets"], panel["title"]
            assert [t["refId"] for t in panel["targets"]] == [
                chr(65 + i) for i in range(len(panel["targets"]))
            ]
    variables = {v["name"] for v in dashboard["templating"]["list"]}
    text = DASHBOARD.read_text()
    for used in set(re.findall(r"\$\{?([a-z_]+)", text)):
        assert used in variables or used.startswith("__"), f"undefined variable ${used}"


@pytest.mark.parametrize("expr", dashboard_targets())
def test_each_dashboard_query_uses_only_exported_metrics_and_labels(expr):
    check_expression(expr.replace("$__rate_interval", "5m"))
