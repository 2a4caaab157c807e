"""Every diagnostic code Yesable reports, in one registry, and its page under docs/errors/.

The codes come from six registries: the loader's `simulator.content.problems.CODES`, the graph
lint's `simulator.analysis.lint.LINT_CODES`, the pedagogy audit's
`simulator.analysis.audit.AUDIT_CODES`, the test plans' `simulator.analysis.testplan.TESTPLAN_CODES`
and the translation check's
`simulator.analysis.l10n.L10N_CODES`. `diagnostics()` joins them (with a severity, a meaning and a
fix for each), `page(code)` renders a code's Markdown page from its registry entry and its example in
`simulator.analysis.error_examples`, and running the module rewrites the pages:

    python -m simulator.analysis.errors_doc            # rewrite docs/errors/
    python -m simulator.analysis.errors_doc --check    # exit 1 when a page is missing, stale or orphaned

A code added to any registry gets a page the next time this runs (with an example once one is written
in `error_examples`); tests/test_errors_doc.py fails until then.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from simulator.analysis.error_examples import EXAMPLES
from simulator.content.problems import CODES, Severity
from simulator.storage.files import SHARED, atomic_write

Stage = Literal["load", "lint", "audit", "test", "l10n"]

HOMEPAGE = "https://github.com/yesable/yesable"
"""Where Yesable lives; SARIF's `informationUri`."""
DOCS_URL = f"{HOMEPAGE}/blob/main/docs/errors/"
"""The base of every code's page on the web: SARIF's `helpUri` and `check --format json`'s `doc`."""
DOCS_DIR = "docs/errors"
"""Where the pages are, relative to the repository root."""
INDEX = "README.md"
"""The page that lists every code (not a code's page)."""

_STAGES: dict[Stage, str] = {
    "load": "`yesable check` (loading: files, YAML, the format, references)",
    "lint": "`yesable check` (graph lint)",
    "audit": "`yesable audit` and `yesable check --strict` (pedagogy audit)",
    "test": "`yesable test` and `yesable check` (test plans)",
    "l10n": "`yesable check` (translations, for packs with a `locale/` folder)",
}
_REGISTRIES: dict[Stage, str] = {
    "load": "`simulator.content.problems.CODES`",
    "lint": "`simulator.analysis.lint.LINT_CODES`",
    "audit": "`simulator.analysis.audit.AUDIT_CODES`",
    "test": "`simulator.analysis.testplan.TESTPLAN_CODES`",
    "l10n": "`simulator.analysis.l10n.L10N_CODES`",
}


@dataclass(frozen=True)
class Diagnostic:
    code: str
    severity: Severity
    """The severity it is reported with (`check --strict` makes every warning an error)."""
    meaning: str
    fix: str
    stage: Stage

    @property
    def doc(self) -> str:
        """The page's path relative to the repository root."""
        return f"{DOCS_DIR}/{self.code}.md"

    @property
    def url(self) -> str:
        return doc_url(self.code)

    @property
    def reported_by(self) -> str:
        """Which command and stage reports it, in Markdown."""
        return _STAGES[self.stage]


def doc_url(code: str) -> str:
    """The web address of `code`'s page."""
    return f"{DOCS_URL}{code}.md"


def diagnostics() -> dict[str, Diagnostic]:
    """Every code, in registry order: the loader's, the graph lint's, the audit's, the test plans',
    the translations'."""
    from simulator.analysis.audit import AUDIT_CODES
    from simulator.analysis.l10n import L10N_CODES
    from simulator.analysis.lint import LINT_CODES
    from simulator.analysis.testplan import TESTPLAN_CODES

    out: dict[str, Diagnostic] = {}
    for code, text in CODES.items():
        warning = text.startswith("(warning)")
        meaning = text.removeprefix("(warning)").strip()
        example = EXAMPLES.get(code)
        fix = example.fix if example and example.fix else "see the message and its hint"
        out[code] = Diagnostic(code, "warning" if warning else "error", meaning, fix, "load")
    for code, (severity, meaning, fix) in LINT_CODES.items():
        out[code] = Diagnostic(code, severity, meaning, fix, "lint")
    for code, (meaning, fix) in AUDIT_CODES.items():
        severity = "warning" if code == "audit-too-large" else "error"
        out[code] = Diagnostic(code, severity, meaning, fix, "audit")
    for code, (meaning, fix) in TESTPLAN_CODES.items():
        out[code] = Diagnostic(code, "error", meaning, fix, "test")
    for code, (level, meaning, fix) in L10N_CODES.items():
        out[code] = Diagnostic(code, "error" if level == "error" else "warning", meaning, fix, "l10n")
    return out


def _sentence(text: str) -> str:
    text = text.strip()
    text = text[:1].upper() + text[1:]
    return text if text.endswith((".", "?", "!")) else f"{text}."


def _yaml(text: str) -> str:
    return f"```yaml\n{text.rstrip()}\n```"


def page(diagnostic: Diagnostic) -> str:
    """The Markdown page of one code."""
    d = diagnostic
    parts = [
        f"# `{d.code}`",
        f"**Severity:** {d.severity} · **Reported by:** {d.reported_by}",
        _sentence(d.meaning),
    ]
    example = EXAMPLES.get(d.code)
    if example is not None:
        parts += ["## Example", f"In `{example.file}`:", _yaml(example.bad)]
    parts += ["## Fix", _sentence(d.fix)]
    if example is not None:
        parts.append(_yaml(example.good))
        if example.note:
            parts.append(example.note)
    else:
        parts.append("*No example has been written for this code yet (`simulator/analysis/error_examples.py`).*")
    parts += [
        "---",
        (f"Generated from {_REGISTRIES[d.stage]} by `python -m simulator.analysis.errors_doc`; [every code]({INDEX})."),
    ]
    return "\n\n".join(parts) + "\n"


def index(registry: dict[str, Diagnostic]) -> str:
    """docs/errors/README.md: every code with its severity and meaning, linked to its page."""
    lines = [
        "# Diagnostic codes",
        "",
        (
            "Every problem `yesable check` (and `yesable audit`) reports carries a code, printed as "
            "`error[code]` and given as `code` by `--format json` and as `ruleId` by `--format sarif`. "
            "Each has a page here: what it means, YAML that triggers it, and the fix."
        ),
        "",
        "| Code | Severity | Reported by | Meaning |",
        "|---|---|---|---|",
    ]
    for d in registry.values():
        lines.append(f"| [`{d.code}`]({d.code}.md) | {d.severity} | {d.stage} | {_sentence(d.meaning)} |")
    lines += ["", "Generated by `python -m simulator.analysis.errors_doc`; do not edit by hand."]
    return "\n".join(lines) + "\n"


def pages() -> dict[str, str]:
    """File name -> content of every page, the index included."""
    registry = diagnostics()
    out = {f"{code}.md": page(d) for code, d in registry.items()}
    out[INDEX] = index(registry)
    return out


def problems(folder: Path) -> list[str]:
    """What is wrong with the pages in `folder`: missing, stale (not as generated) or orphaned."""
    wanted = pages()
    found = {p.name for p in folder.glob("*.md")}
    out = [f"{folder / name}: missing" for name in wanted if name not in found]
    out += [
        f"{folder / name}: stale, regenerate it"
        for name, text in wanted.items()
        if name in found and (folder / name).read_text(encoding="utf-8") != text
    ]
    out += [f"{folder / name}: no such code, remove it" for name in sorted(found - set(wanted))]
    return out


def write(folder: Path) -> list[Path]:
    """Write every page into `folder` and remove pages of codes that no longer exist."""
    folder.mkdir(parents=True, exist_ok=True)
    wanted = pages()
    for stale in folder.glob("*.md"):
        if stale.name not in wanted:
            stale.unlink()
    written = []
    for name, text in wanted.items():
        path = folder / name
        atomic_write(path, text, mode=SHARED)
        written.append(path)
    return written


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m simulator.analysis.errors_doc", description="Write one Markdown page per diagnostic code."
    )
    default = Path(__file__).resolve().parents[2] / DOCS_DIR
    parser.add_argument("--out", type=Path, default=default, help=f"folder (default: {default})")
    parser.add_argument(
        "--check", action="store_true", help="write nothing; exit 1 when a page is missing, stale or orphaned"
    )
    args = parser.parse_args(argv)
    if args.check:
        found = problems(args.out)
        for line in found:
            print(line)
        return 1 if found else 0
    print(f"{len(write(args.out))} pages written to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
