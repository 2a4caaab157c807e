"""`yesable check --format json|sarif`: the problems as one JSON document for machines.

json is Yesable's own shape (below); sarif is a SARIF 2.1.0 log, which GitHub code scanning, GitLab,
VS Code's SARIF viewer and other CI tools read. Both are plain dictionaries written with `json`: the
subset of SARIF used here is small, so no SARIF library is needed.

json:
    {"problems": [{"path", "line", "col", "severity", "code", "message", "hint", "doc"}, ...],
     "summary": {"packs", "scenarios", "errors", "warnings"}}
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any
from urllib.parse import quote

from simulator import __version__
from simulator.analysis.errors_doc import HOMEPAGE, Diagnostic, diagnostics, doc_url
from simulator.content.problems import Problem, count

SARIF_SCHEMA = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
SRCROOT = "%SRCROOT%"
"""The uriBaseId of every location: the working directory `check` ran in."""


def check_json(problems: Sequence[Problem], packs: int, scenarios: int) -> dict[str, Any]:
    """Every problem with the web address of its code's page, and the summary line's figures."""
    errors, warnings = count(problems)
    return {
        "problems": [
            {
                "path": p.path,
                "line": p.line,
                "col": p.col,
                "severity": p.severity,
                "code": p.code,
                "message": p.message,
                "hint": p.hint,
                "doc": doc_url(p.code),
            }
            for p in problems
        ],
        "summary": {"packs": packs, "scenarios": scenarios, "errors": errors, "warnings": warnings},
    }


def check_sarif(problems: Sequence[Problem], root: Path | None = None) -> dict[str, Any]:
    """A SARIF 2.1.0 log of one run: every code Yesable has as a rule, every problem as a result.

    Locations inside `root` (default: the working directory) are relative to it, with the
    uriBaseId `%SRCROOT%`, as code-scanning services expect; others are absolute `file:` URIs.
    """
    base = (root or Path.cwd()).resolve()
    registry = diagnostics()
    for p in problems:  # a code from a registry this build does not know still gets a rule
        if p.code not in registry:
            registry[p.code] = Diagnostic(p.code, p.severity, p.code, "see the message", "load")
    index = {code: i for i, code in enumerate(registry)}
    return {
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "yesable",
                        "version": __version__,
                        "semanticVersion": __version__,
                        "informationUri": HOMEPAGE,
                        "rules": [_rule(d) for d in registry.values()],
                    }
                },
                "originalUriBaseIds": {SRCROOT: {"uri": base.as_uri() + "/"}},
                "columnKind": "unicodeCodePoints",
                "results": [_result(p, index[p.code], base) for p in problems],
            }
        ],
    }


def _rule(d: Diagnostic) -> dict[str, Any]:
    meaning = d.meaning[:1].upper() + d.meaning[1:]
    fix = d.fix[:1].upper() + d.fix[1:]
    return {
        "id": d.code,
        "name": "".join(word.capitalize() for word in re.split(r"[^a-z0-9]+", d.code)),
        "shortDescription": {"text": meaning},
        "fullDescription": {"text": f"{meaning}. Reported by {d.reported_by.replace('`', '')}."},
        "help": {"text": f"{fix}. See {d.url}", "markdown": f"{fix}.\n\n[{d.code}]({d.url})"},
        "helpUri": d.url,
        "defaultConfiguration": {"level": d.severity},
        "properties": {"tags": ["yesable", d.stage]},
    }


def _result(p: Problem, rule_index: int, base: Path) -> dict[str, Any]:
    text = f"{p.message}; {p.hint}" if p.hint else p.message
    return {
        "ruleId": p.code,
        "ruleIndex": rule_index,
        "level": p.severity,
        "message": {"text": text},
        "locations": [
            {
                "physicalLocation": {
                    "artifactLocation": _artifact(p.path, base),
                    "region": {"startLine": max(p.line, 1), "startColumn": max(p.col, 1)},
                }
            }
        ],
    }


def _artifact(path: str, base: Path) -> dict[str, str]:
    absolute = Path(path).absolute()
    try:
        relative = absolute.relative_to(base)
    except ValueError:
        try:
            relative = absolute.resolve().relative_to(base)
        except ValueError:
            return {"uri": absolute.as_uri()}
    return {"uri": quote(relative.as_posix()), "uriBaseId": SRCROOT}
