"""`check` for offer tables: a stakeholder no package can satisfy, a table with no ZOPA.

Runs on scenarios that loaded cleanly (registered in `simulator.analysis.checks`). What is settled
before a table depends on play, so each party is credited, on every issue off the table, with its
best option there; with that, and trust at its best (no distrust premium), a stakeholder who still
cannot reach its BATNA value on any package can never accept one (`offer-unacceptable`), and a
table whose Pareto frontier holds no package every stakeholder accepts has no deal to find
(`offer-no-zopa`). Both are certain, never guesses; both are warnings, because a table with no
deal can be the lesson (walk away to your BATNA). The player's own BATNA is not required here: a
deal below it is a bad deal, not an impossible one.
"""

from __future__ import annotations

import dataclasses

from simulator.content.loaded import LoadedScenario
from simulator.content.models import Scenario, Scene
from simulator.content.problems import FileProblems, Loc
from simulator.engine.offers import Board, Party, build_board
from simulator.engine.packages import pareto_frontier


def check_offer_tables(loaded: LoadedScenario, report: FileProblems) -> None:
    """Report every table of `loaded` that a stakeholder can never accept or that has no ZOPA."""
    scenario = loaded.scenario
    if not scenario.issues:
        return  # offer-empty-table was reported while loading
    for index, scene in enumerate(scenario.scenes):
        if scene.table is not None:
            _table(("scenes", index, "table"), scenario, scene, report)


def optimistic_board(scenario: Scenario, scene: Scene) -> Board:
    """The board of `scene`'s table with every party at its best off the table and full trust."""
    board = build_board(scenario, scene, {}, {m.persona: 100 for m in scenario.cast})
    on_table = set(board.issues)

    def best_off(party: Party) -> Party:
        base = sum(
            max(o.values.get(party.id, 0) for o in issue.options)
            for issue in scenario.issues
            if issue.id not in on_table
        )
        return dataclasses.replace(party, base=base)

    return dataclasses.replace(board, player=best_off(board.player), parties=tuple(best_off(p) for p in board.parties))


def _table(loc: Loc, scenario: Scenario, scene: Scene, report: FileProblems) -> None:
    assert scene.table is not None
    try:
        board = optimistic_board(scenario, scene)
    except (KeyError, StopIteration):
        return  # a dangling reference, reported while loading
    explicit = scene.table.parties is not None
    never = []
    for index, party in enumerate(board.parties):
        best = party.best_total / board.n
        if best < party.reservation:
            never.append(party.id)
            where: Loc = (*loc, "parties", index) if explicit else loc
            report.warning(
                where,
                "offer-unacceptable",
                f"no package on the table is worth {party.id!r}'s BATNA value "
                f"({party.batna}): the best is worth {best:.1f}, so every proposal "
                "will be refused",
                "raise their option values on the table's issues, lower their "
                "`batna_value`, or put more issues on the table",
            )
    if never or len(board.parties) < 2:
        return
    frontier = pareto_frontier(board)
    stakeholders_ok = any(
        all(p.total(package) >= p.reservation * board.n - 1e-9 for p in board.parties) for package in frontier.packages
    )
    if frontier.complete and not stakeholders_ok:
        report.warning(
            loc,
            "offer-no-zopa",
            f"no package on the table of scene {scene.id!r} is worth their BATNA to "
            f"every party ({', '.join(p.id for p in board.parties)}): there is no "
            "ZOPA, so no proposal can be accepted by all",
            "add an option that creates value for several parties, or lower a "
            "`batna_value`; if walking away is the lesson, give the scene a choice "
            "that leaves the table",
        )
