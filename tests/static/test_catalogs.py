"""Every message a person can read has zh-CN and en: each error is raised with a `msg("...")`
template Babel can extract, and every extracted template is translated (scripts/catalogs.py)."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

from babel.messages.catalog import Catalog

from scripts import catalogs

ROOT = Path(__file__).resolve().parents[2]
ERRORS = frozenset(
    {
        "UserError",
        "BadUserInput",
        "Unauthenticated",
        "Forbidden",
        "NotFound",
        "Conflict",
        "InvalidTransition",
        "RateLimited",
    }
)
SOURCES = [ROOT / "libs", ROOT / "services"]


def _name(node: ast.expr) -> str | None:
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        return node.attr
    return None


def _untranslatable_errors(tree: ast.AST) -> list[int]:
    """Lines raising a user error whose message is not a `msg()` of a literal (or a name bound
    to one, checked where it is bound)."""
    bad: list[int] = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        if _name(node.func) == "msg":
            if not node.args or not (
                isinstance(node.args[0], ast.Constant) and isinstance(node.args[0].value, str)
            ):
                bad.append(node.lineno)
            continue
        if _name(node.func) not in ERRORS or not node.args:
            continue
        first = node.args[0]
        if isinstance(first, ast.Call) and _name(first.func) == "msg":
            continue
        if isinstance(first, ast.Name | ast.Attribute):
            continue
        bad.append(node.lineno)
    return bad


def test_every_user_error_is_raised_with_an_extractable_template():
    offenders = [
        f"{path.relative_to(ROOT)}:{line}"
        for source in SOURCES
        for path in sorted(source.glob("*/src/**/*.py"))
        for line in _untranslatable_errors(ast.parse(path.read_text(encoding="utf-8")))
    ]
    assert offenders == [], 'raise errors with msg("literal {field}", field=...): ' + ", ".join(
        offenders
    )


def test_the_check_catches_an_f_string_and_a_bare_string():
    tree = ast.parse(
        'raise NotFound(f"no case {case_id}")\n'
        'raise Forbidden("staff only")\n'
        'raise Conflict(msg(f"taken by {who}"))\n'
        'raise NotFound(msg("no case {id}", id=case_id), field="caseId")\n'
    )
    assert _untranslatable_errors(tree) == [1, 2, 3]


def test_every_catalog_is_current_and_complete():
    run = subprocess.run(
        [sys.executable, "scripts/catalogs.py", "--check"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert run.returncode == 0, run.stdout + run.stderr


def test_the_catalog_check_refuses_a_missing_or_misfielded_translation():
    catalog = Catalog(locale="zh_CN")
    catalog.add("no case with id {id}", "")
    catalog.add("{count} cases", "{n} 件")
    catalog.add("the case is closed", "案件已办结")
    found = {str(p.message): p.why for p in catalogs.problems("pkg", ROOT, "zh_CN", catalog)}
    assert found == {
        "no case with id {id}": "not translated",
        "{count} cases": "translation has other {fields}",
    }


def test_the_check_refuses_one_text_translated_two_ways():
    found = {
        "zh_CN:Closed": {"grassroots_cases": "已结案", "grassroots_contracts": "已办结"},
        "zh_CN:Open": {"grassroots_cases": "未办结", "grassroots_points": "未办结"},
    }
    assert [line.split(":")[0] for line in catalogs.disagreements(found)] == [
        "translated differently"
    ]
