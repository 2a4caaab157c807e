"""Reference checks of offer tables and negotiators: what a scene's `table` and a cast member's
`negotiator` name must exist, and where each is used must make sense.

Called by :mod:`simulator.content.references` for every scenario that validates. Whether a table
can ever reach a deal (its ZOPA) needs the offer rules and is checked by
:mod:`simulator.analysis.offer_checks`.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Mapping

from simulator.content.models import PLAYER, Scenario, Scene, Table
from simulator.content.problems import FileProblems, Loc

Dangling = Callable[[Loc, str, Iterable[str], str], None]
"""Reports an id that names nothing: (where, the id, the ids it could be, what kind of thing)."""


def table_issues(scenario: Scenario, table: Table) -> list[str]:
    """The issue ids on `table`, in the order written (default: every issue of the scenario)."""
    return list(table.issues) if table.issues is not None else [i.id for i in scenario.issues]


def table_parties(scene: Scene, table: Table) -> list[str]:
    """The cast members whose acceptance a package at `table` needs (default: all present)."""
    return list(table.parties) if table.parties is not None else list(scene.present)


def check_tables(
    scenario: Scenario,
    report: FileProblems,
    interests: Mapping[str, Collection[str]],
    dangling: Dangling,
) -> None:
    """Report every table and negotiator reference that names nothing, or names it where it
    cannot act."""
    issues = {issue.id for issue in scenario.issues}
    targets = {s.id for s in scenario.scenes} | {e.id for e in scenario.endings}
    for index, scene in enumerate(scenario.scenes):
        if scene.table is not None:
            _table(
                ("scenes", index, "table"),
                scenario,
                scene,
                scene.table,
                issues,
                targets,
                report,
                dangling,
            )
    for index, member in enumerate(scenario.cast):
        negotiator = member.negotiator
        if negotiator is None:
            continue
        loc: Loc = ("cast", index, "negotiator")
        for issue, interest in negotiator.serves.items():
            if issue not in issues:
                dangling((*loc, "serves", issue, "[key]"), issue, issues, "issue")
            elif interest not in interests.get(member.persona, ()):
                dangling(
                    (*loc, "serves", issue),
                    interest,
                    interests.get(member.persona, ()),
                    f"interest of {member.persona}",
                )
        if negotiator.bluff is not None and "deceptive" not in negotiator.strategies:
            report.warning(
                (*loc, "bluff"),
                "offer-unused-bluff",
                f"{member.persona!r} never plays deceptive, so `bluff` is never used",
                "add `deceptive` to `strategies`, or remove `bluff`",
            )


def _table(
    loc: Loc,
    scenario: Scenario,
    scene: Scene,
    table: Table,
    issues: set[str],
    targets: set[str],
    report: FileProblems,
    dangling: Dangling,
) -> None:
    if not scenario.issues:
        report.error(
            loc,
            "offer-empty-table",
            f"scene {scene.id!r} opens a table, but the scenario negotiates no issues",
            "add `issues` with options to the scenario, or remove `table`",
        )
    elif table.issues is not None and not table.issues:
        report.error(
            (*loc, "issues"),
            "offer-empty-table",
            "the table has no issues on it",
            "list at least one issue id, or leave `issues` out for all of them",
        )
    seen: set[str] = set()
    for i, issue in enumerate(table.issues or []):
        if issue not in issues:
            dangling((*loc, "issues", i), issue, issues, "issue")
        elif issue in seen:
            report.error((*loc, "issues", i), "duplicate-id", f"issue {issue!r} is on the table twice")
        seen.add(issue)
    parties = table_parties(scene, table)
    for i, who in enumerate(table.parties or []):
        if who not in scene.present:
            report.error(
                (*loc, "parties", i),
                "not-present",
                f"{who!r} is not present in scene {scene.id!r}",
                f"present: {', '.join(scene.present)}",
            )
    if table.parties is not None and not table.parties:
        report.error(
            (*loc, "parties"),
            "offer-empty-table",
            "the table has no parties: nobody could accept a package",
            "list at least one cast member present, or leave `parties` out for all of them",
        )
    if table.opens != PLAYER and table.opens not in parties:
        dangling((*loc, "opens"), table.opens, [PLAYER, *parties], "party at the table")
    for key in ("agreed", "no_deal"):
        target = getattr(table, key)
        if target is not None and target not in targets:
            dangling((*loc, key), target, targets, "scene or ending")
