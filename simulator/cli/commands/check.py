"""`yesable check [PATH ...]`: validate packs and print every problem as file:line:col: message.

Exit 0 when clean, 1 when a pack has errors (or warnings, with --strict, except the advisory codes
of `simulator.analysis.lint.ADVISORY`), 2 for a PATH that is not a pack (unless --skip-non-pack,
which the pre-commit hook in .pre-commit-hooks.yaml passes). The checks beyond loading are listed
in `simulator.analysis.checks`; `--strict` adds the pedagogy audit's findings (`yesable audit`) as
warnings, which it then treats as errors. `--format json|sarif` prints one document instead of
text (`simulator.cli.check_formats`), with the same exit code.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from simulator.content.loader import Library
    from simulator.content.problems import Problem


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "paths",
        nargs="*",
        metavar="PATH",
        help="a pack folder, a folder of packs, or a file inside a pack (default: every bundled and user pack)",
    )
    parser.add_argument(
        "--strict",
        action="store_true",
        help="treat warnings as errors (except advisory ones: agreement-below-batna), "
        "and run the pedagogy audit (`yesable audit`) too",
    )
    parser.add_argument(
        "--format",
        choices=("text", "json", "sarif"),
        default="text",
        help="text: file:line:col lines and a summary (the default); json: one object with "
        "every problem and a summary; sarif: a SARIF 2.1.0 log for code scanning",
    )
    parser.add_argument(
        "--skip-non-pack",
        action="store_true",
        help="ignore a PATH that lies in no pack instead of failing (for pre-commit, which "
        "passes every changed YAML file)",
    )


def run(args: argparse.Namespace) -> int:
    from dataclasses import replace

    from simulator.analysis.checks import pack_checks
    from simulator.analysis.lint import ADVISORY
    from simulator.content.loader import load_library
    from simulator.content.problems import count

    roots = [root for root in (_root(Path(p), args.skip_non_pack) for p in args.paths) if root]
    library = load_library(
        extra_paths=roots,
        include_bundled=not args.paths,
        include_user=not args.paths,
        checks=pack_checks(audit=args.strict),
    )
    problems = library.problems + _translation_problems(library)
    if args.strict:
        problems = [p if p.code in ADVISORY else replace(p, severity="error") for p in problems]
    if args.format != "text":
        return _print_document(args.format, problems, library.packs_checked, library.scenarios_checked)
    for problem in problems:
        print(problem.format())
    errors, warnings = count(problems)
    packs = _plural(library.packs_checked, "pack")
    scenarios = _plural(library.scenarios_checked, "scenario")
    verdict = "ok" if not problems else f"{_plural(errors, 'error')}, {_plural(warnings, 'warning')}"
    print(f"{packs}, {scenarios} checked: {verdict}")
    return 1 if errors else 0


def _translation_problems(library: Library) -> list[Problem]:
    """`l10n-*` problems of every pack checked that has translations (simulator.analysis.l10n)."""
    from simulator.analysis.l10n import l10n_problems

    return [
        p
        for pack in library.packs
        for p in l10n_problems(pack.path, {pid for s in pack.scenarios.values() for pid in s.personas})
    ]


def _print_document(form: str, problems: list[Problem], packs: int, scenarios: int) -> int:
    import json

    from simulator.cli.check_formats import check_json, check_sarif
    from simulator.content.problems import count

    document = check_json(problems, packs, scenarios) if form == "json" else check_sarif(problems)
    print(json.dumps(document, indent=2, ensure_ascii=False))
    return 1 if count(problems)[0] else 0


def _root(path: Path, skip_non_pack: bool) -> Path | None:
    from simulator.cli.errors import UsageError

    try:
        return pack_root(path)
    except UsageError:
        if skip_non_pack and path.exists():
            return None
        raise


def pack_root(path: Path) -> Path:
    """The pack folder (or folder of packs) that `path` names or lies in; UsageError if none."""
    from simulator.cli.errors import UsageError
    from simulator.content.locations import MANIFEST, bundled_personas, pack_dirs

    if not path.exists():
        raise UsageError(f"{path}: no such file or folder")
    if path.is_dir() and pack_dirs(path):
        return path
    if path.resolve().is_relative_to(bundled_personas().resolve()):
        return path  # the bundled personas are checked on every run
    for parent in list(path.absolute().parents)[:3]:
        if (parent / MANIFEST).is_file():
            return parent
    raise UsageError(f"{path}: not a pack (no {MANIFEST} here, above it or in the folders inside it)")


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"
