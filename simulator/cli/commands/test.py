"""`yesable test [TARGET ...]`: run the test plans (`*.testplan.yaml`) of packs or scenarios.

A TARGET is a pack folder (or a file or folder inside one), a pack id, or a scenario
(`pack/scenario` or a unique scenario id); without one, every installed pack is tested. Each plan
prints one line with its tests' results, then every failure as `file:line:col: error[code]:
message` at the plan's own line (`yesable check` reports the same failures).

Exit 0 when every test passes, 1 when a test fails or a tested scenario does not load (its
problems are printed: `yesable check` explains them), 2 for a TARGET that names nothing.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from simulator.analysis.testplan import PlanRun
    from simulator.content.loaded import LoadedPack, LoadedScenario
    from simulator.content.loader import Library
    from simulator.content.problems import Problem


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "targets",
        nargs="*",
        metavar="TARGET",
        help="a pack folder, a pack id, or a scenario (`pack/scenario` or a unique id); "
        "default: every bundled and user pack",
    )
    parser.add_argument(
        "--json",
        action="store_true",
        help="print one JSON object: each plan with its tests and problems, and a summary",
    )


def run(args: argparse.Namespace) -> int:
    from simulator.errors import EXIT_FAILED, EXIT_OK

    library, selected = _select(args.targets)
    runs: list[PlanRun] = []
    problems: list[Problem] = [
        p for p in library.problems if p.severity == "error" and _in_packs(p, [pack for pack, _ in selected])
    ]
    for pack, scenarios in selected:
        problems += _orphans(pack, library)
        for loaded in scenarios:
            from simulator.analysis.testplan import run_plans

            runs += run_plans(loaded)
    failed = bool(problems) or any(not r.passed for r in runs)
    if args.json:
        _print_json(runs, problems)
    else:
        _print_text(runs, problems)
    return EXIT_FAILED if failed else EXIT_OK


def _select(targets: list[str]) -> tuple[Library, list[tuple[LoadedPack, list[LoadedScenario]]]]:
    """The library and, for each pack tested, the scenarios whose plans run."""
    from simulator.cli.commands.check import pack_root
    from simulator.content.loader import load_library

    paths = [Path(t) for t in targets if Path(t).exists()]
    roots = [pack_root(p) for p in paths]
    library = load_library(extra_paths=roots)
    if not targets:
        return library, [(pack, list(pack.scenarios.values())) for pack in library.packs]
    selected: dict[str, tuple[LoadedPack, list[LoadedScenario]]] = {}
    for target in targets:
        for pack, scenarios in _named(library, target):
            entry = selected.setdefault(pack.manifest.id, (pack, []))
            entry[1].extend(s for s in scenarios if s not in entry[1])
    return library, list(selected.values())


def _named(library: Library, target: str) -> list[tuple[LoadedPack, list[LoadedScenario]]]:
    from simulator.cli.errors import UsageError
    from simulator.content.resolve import ScenarioNotFound, resolve_scenario

    path = Path(target)
    if path.exists():
        from simulator.cli.commands.check import pack_root

        root = pack_root(path).resolve()
        packs = [p for p in library.packs if p.path.resolve() == root or p.path.resolve().parent == root]
        if not packs:
            raise UsageError(f"{target}: the pack did not load (`yesable check {target}` says why)")
        return [(p, list(p.scenarios.values())) for p in packs]
    for pack in library.packs:
        if pack.manifest.id == target:
            return [(pack, list(pack.scenarios.values()))]
    try:
        loaded = resolve_scenario(library, target)
    except ScenarioNotFound as exc:
        raise UsageError(f"{exc} (nor a pack id or folder)") from None
    pack = next(p for p in library.packs if loaded in p.scenarios.values())
    return [(pack, [loaded])]


def _in_packs(problem: Problem, packs: list[LoadedPack]) -> bool:
    where = Path(problem.path).absolute().resolve()
    return any(where.is_relative_to(pack.path.resolve()) for pack in packs)


def _orphans(pack: LoadedPack, library: Library) -> list[Problem]:
    """Plans of `pack` named after no scenario of it (a scenario that failed to load is not one:
    its problems are reported already)."""
    from simulator.content.loader import display_path
    from simulator.content.problems import Problem
    from simulator.content.testplan import plan_files, plan_scenario

    broken = {Path(p.path).stem for p in library.problems if p.severity == "error"}
    out = []
    for path in plan_files(pack.path):
        scenario = plan_scenario(path)
        if scenario not in pack.scenarios and scenario not in broken:
            out.append(
                Problem(
                    display_path(path),
                    1,
                    1,
                    f"no scenario {scenario!r} in pack {pack.manifest.id!r} for this plan",
                    "testplan-no-scenario",
                    hint="name a plan `<scenario id>.testplan.yaml`",
                )
            )
    return out


def _print_text(runs: list[PlanRun], problems: list[Problem]) -> None:
    from simulator.content.loader import display_path

    for problem in problems:
        print(problem.format())
    for plan in runs:
        passed = sum(t.passed for t in plan.tests)
        seconds = sum(t.seconds for t in plan.tests)
        verdict = "ok" if plan.passed else "FAILED"
        print(
            f"{display_path(plan.path)}: {passed} of {_plural(len(plan.tests), 'test')} passed "
            f"({seconds:.2f} s) {verdict}"
        )
        for test in plan.tests:
            if not test.passed:
                print(f"  failed: {test.name}")
        for problem in plan.problems:
            print(problem.format())
    tests = sum(len(r.tests) for r in runs)
    failed = sum(not t.passed for r in runs for t in r.tests)
    broken = sum(1 for r in runs if not r.tests and not r.passed)
    parts = [f"{_plural(len(runs), 'plan')}, {_plural(tests, 'test')}: {tests - failed} passed, {failed} failed"]
    if broken:
        parts.append(f"{_plural(broken, 'plan')} could not be read")
    if problems:
        parts.append(f"{_plural(len(problems), 'other error')}")
    print("; ".join(parts))


def _print_json(runs: list[PlanRun], problems: list[Problem]) -> None:
    import json

    from simulator.content.loader import display_path

    def shown(p: Problem) -> dict[str, object]:
        return {
            "path": p.path,
            "line": p.line,
            "col": p.col,
            "severity": p.severity,
            "code": p.code,
            "message": p.message,
            "hint": p.hint,
        }

    document = {
        "plans": [
            {
                "path": display_path(r.path),
                "passed": r.passed,
                "tests": [{"name": t.name, "passed": t.passed, "seconds": round(t.seconds, 4)} for t in r.tests],
                "problems": [shown(p) for p in r.problems],
            }
            for r in runs
        ],
        "problems": [shown(p) for p in problems],
        "summary": {
            "plans": len(runs),
            "tests": sum(len(r.tests) for r in runs),
            "failed": sum(not t.passed for r in runs for t in r.tests),
            "passed": not problems and all(r.passed for r in runs),
        },
    }
    print(json.dumps(document, indent=2, ensure_ascii=False))


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"
