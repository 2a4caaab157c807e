"""`yesable audit [TARGET ...] [--json]`: can a scenario be won without judging the situation?

TARGET is a scenario (`pack/scenario` or a unique id), an installed pack's id, or a pack folder;
without one, every bundled and user pack. For each scenario it plays the naive strategies of
`simulator.analysis.audit` and prints the share of the worst-to-best gap each closes, the
length-quality correlation, the style-fit spread, grade/regret contradictions and agreements
below a stakeholder's BATNA; then every finding over a documented limit, located like `check`'s
problems. Exit 0 when nothing crosses a limit, 1 when something does, 2 for usage errors.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from simulator.analysis.audit import ScenarioAudit
    from simulator.content.loaded import LoadedScenario
    from simulator.content.problems import FileProblems, Severity


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {text!r}") from None
    if not 1 <= value <= 10_000:
        raise argparse.ArgumentTypeError(f"must be from 1 to 10000, not {value}")
    return value


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "targets",
        nargs="*",
        metavar="TARGET",
        help="a scenario (`pack/scenario` or a unique id), a pack id or a pack folder "
        "(default: every bundled and user pack)",
    )
    parser.add_argument("--json", action="store_true", help="print one JSON object instead of text")
    parser.add_argument(
        "--seeds",
        type=_positive,
        default=None,
        metavar="N",
        help="sessions each strategy plays, each with its own offered order (default 20)",
    )


def run(args: argparse.Namespace) -> int:
    import json
    from dataclasses import asdict

    from simulator.analysis.audit import (
        LIMITS,
        SEEDS,
        audit_scenario,
        library_findings,
        mean_shares,
    )
    from simulator.cli.commands.check import pack_root
    from simulator.cli.errors import UsageError
    from simulator.content.loader import Checks, load_library
    from simulator.content.problems import Problem

    roots = [pack_root(Path(t)) for t in args.targets if Path(t).exists()]
    names = [t for t in args.targets if not Path(t).exists()]
    if roots and names:
        raise UsageError("name either pack folders or installed scenarios and packs, not both")
    wanted = _wanted(names) if names else None
    seeds = args.seeds or SEEDS
    audits: dict[str, ScenarioAudit] = {}

    def collect(loaded: LoadedScenario, report: FileProblems) -> None:
        if wanted is None or loaded.ref in wanted:
            audit = audit_scenario(loaded, seeds=seeds)
            audits[loaded.ref] = audit
            for finding in audit.findings:
                severity: Severity = "warning" if finding.code == "audit-too-large" else "error"
                report.add(finding.loc, finding.code, finding.message, severity, finding.hint)

    library = load_library(
        extra_paths=roots, include_bundled=not roots, include_user=not roots, checks=Checks(scenario=[collect])
    )
    if not audits:
        raise UsageError("nothing to audit: no scenario loaded cleanly (`yesable check` locates the problems)")
    problems: list[Problem] = [p for p in library.problems if p.code.startswith("audit-")]
    overall = library_findings(list(audits.values()))
    errors = sum(p.severity == "error" for p in problems) + len(overall)
    if args.json:
        print(
            json.dumps(
                {
                    "limits": asdict(LIMITS),
                    "scenarios": [a.to_json() for a in audits.values()],
                    "mean_shares": {k: round(v, 3) for k, v in mean_shares(audits.values()).items()},
                    "findings": [
                        {
                            "path": p.path,
                            "line": p.line,
                            "col": p.col,
                            "severity": p.severity,
                            "code": p.code,
                            "message": p.message,
                        }
                        for p in problems
                    ]
                    + [{"path": None, "severity": "error", "code": f.code, "message": f.message} for f in overall],
                },
                indent=2,
            )
        )
        return 1 if errors else 0
    for audit in audits.values():
        print(_text(audit))
    if len(audits) > 1:
        shares = mean_shares(audits.values())
        print(
            "Mean share of the gap over the audited scenarios: "
            + ", ".join(f"{name} {share:.0%}" for name, share in shares.items())
        )
        print()
    for problem in problems:
        print(problem.format())
    for finding in overall:
        print(f"audit: error[{finding.code}]: {finding.message}; {finding.hint}")
    verdict = "ok" if not errors else f"{errors} finding{'s' if errors != 1 else ''} over the limits"
    print(f"{len(audits)} scenario{'s' if len(audits) != 1 else ''} audited: {verdict}")
    return 1 if errors else 0


def _wanted(names: list[str]) -> set[str]:
    """The `pack/scenario` refs the names stand for: pack ids give all their scenarios."""
    from simulator.classroom.installed import library
    from simulator.cli.scenario_arg import load_scenario

    installed = library()
    out: set[str] = set()
    for name in names:
        pack = [loaded.ref for loaded in installed.scenarios() if loaded.ref.split("/")[0] == name]
        out.update(pack or [load_scenario(name).ref])
    return out


def _text(audit: ScenarioAudit) -> str:
    lines = [f"{audit.ref}: {audit.scenes} scenes, {audit.choices} choices"]
    if not audit.measured:
        lines.append("  too large to solve: strategies not measured")
    else:
        lines.append(f"  best {audit.best}, worst {audit.worst}: the gap is {audit.gap} points")
        lines.append(f"  {'strategy':<52} {'mean':>6} {'share':>6} {'limit':>6}")
        for r in audit.strategies:
            flag = "  over" if r.share > r.limit else ""
            lines.append(f"  {r.description:<52} {r.mean:6.1f} {r.share:6.0%} {r.limit:6.0%}{flag}")
    lines.append(
        f"  length-quality correlation within scenes: {audit.length_correlation:.2f}; the longest line "
        f"is the best-graded in {audit.longest_is_top} of {audit.scenes} scenes"
    )
    lines.append("  scenes each style fits: " + ", ".join(f"{k} {v:.0%}" for k, v in audit.style_fit.items()))
    if audit.measured:
        lines.append(f"  grade/regret contradictions: {len(audit.contradictions)} of {audit.choices} choices")
        lines.append(
            f"  agreements below a stakeholder's BATNA: {audit.below_batna} of {audit.agreements} "
            f"agreements in {audit.random_games} random games"
        )
    return "\n".join(lines) + "\n"
