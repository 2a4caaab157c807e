"""Run test plans (`<scenario>.testplan.yaml`, simulator.content.testplan) against their scenario.

`run_plan(loaded, path)` reads one plan file with the located loader, checks that every id it names
exists in the scenario, plays each test (a path through `Session`, so lines are rendered as a player
sees them; a random walk through the fast `advance`) and reports every expectation that does not
hold as a `Problem` at the plan's own line. `plan_check` is the same as a scenario check, so
`yesable check` (and `play --watch`) run the plans of every scenario they load; `yesable test` runs
them on their own and prints each test's result.

Expectations about labels and regrets (`move.label`, `move.regret`) and `score.within_best` run the
solver (one to several seconds for the largest bundled scenarios); everything else costs a few
milliseconds a test. `yesable test` checks them all; `yesable check` skips those three (it must stay
about a second a pack) and `check --strict`, which solves every scenario for its audit anyway, checks
them too.
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from simulator.content.loaded import LoadedScenario
from simulator.content.loader import display_path, read_model
from simulator.content.locations import MANIFEST
from simulator.content.problems import FileProblems, Loc, Problem, did_you_mean
from simulator.content.testplan import (
    Bound,
    Expect,
    HistoryExpect,
    MeterExpect,
    MoveExpect,
    PlanTest,
    RandomWalk,
    ScoreExpect,
    Step,
    TestPlan,
    plan_files,
)
from simulator.engine import Move, MoveResult, Session, advance, available_choices, initial_state
from simulator.scoring import Debrief, grade_move, move_label, score_session

__all__ = [
    "TESTPLAN_CODES",
    "PlanRun",
    "TestResult",
    "full_plan_check",
    "pack_folder",
    "plan_check",
    "run_plan",
    "run_plans",
]

TESTPLAN_CODES: dict[str, tuple[str, str]] = {
    "testplan-failed": (
        "an expectation of a test plan does not hold when the test is played",
        (
            "play the test's path (`yesable run SCENARIO --choose ...`) and either fix the scenario or, "
            "if the scenario is right, the expectation"
        ),
    ),
    "testplan-unavailable": (
        (
            "a step of a test plan's path chooses a choice the scene does not offer at that point "
            "(or the game has already ended)"
        ),
        (
            "check the choices before it: an earlier step may have led elsewhere, or a condition "
            "(`if`) of the choice does not hold on this path"
        ),
    ),
    "testplan-unknown-ref": (
        ("a test plan names a choice, scene, ending, stakeholder, issue, option, interest or test that does not exist"),
        "use an id from the scenario (the hint suggests the nearest one)",
    ),
    "testplan-too-large": (
        (
            "a test plan asks for more random play than a check may spend: its random tests' runs times "
            "max_moves add up to more than 400,000 moves"
        ),
        "use fewer runs: a few hundred seeded plays cover a scenario's endings and scenes",
    ),
    "testplan-no-scenario": (
        "a test plan's file name does not start with the id of a scenario of its pack",
        "name the file `<scenario id>.testplan.yaml` or `<scenario id>.<name>.testplan.yaml`",
    ),
}
"""Every code a test plan run reports: (meaning, fix). Errors; the plan's own format errors use the
loader's codes (unknown-key, wrong-type, ...)."""


@dataclass(frozen=True)
class TestResult:
    name: str
    passed: bool
    seconds: float

    __test__ = False


@dataclass
class PlanRun:
    """The outcome of one plan file: each test's result and every problem, located in the plan."""

    path: Path
    tests: list[TestResult] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    skipped: int = 0
    """Expectations not checked because they need the solver (`run_plan(solver=False)`)."""

    @property
    def passed(self) -> bool:
        return not any(p.severity == "error" for p in self.problems)


def pack_folder(loaded: LoadedScenario) -> Path:
    """The pack folder of `loaded`: the nearest folder above its file holding pack.yaml."""
    for parent in loaded.path.absolute().parents:
        if (parent / MANIFEST).is_file():
            return parent
    return loaded.path.absolute().parent


def plan_check(loaded: LoadedScenario, report: FileProblems) -> None:
    """The scenario check `yesable check` runs: every plan of `loaded` without the expectations that
    need the solver (see `run_plan`), its problems added to `report`'s list (each located in its plan
    file, not the scenario's)."""
    for path in plan_files(pack_folder(loaded), loaded.scenario.id):
        report.problems.extend(run_plan(loaded, path, solver=False).problems)


def full_plan_check(loaded: LoadedScenario, report: FileProblems) -> None:
    """`plan_check` with every expectation, the solver's too (`check --strict`)."""
    for path in plan_files(pack_folder(loaded), loaded.scenario.id):
        report.problems.extend(run_plan(loaded, path).problems)


def run_plans(loaded: LoadedScenario, solver: bool = True) -> list[PlanRun]:
    """Every plan of `loaded`, run."""
    return [run_plan(loaded, path, solver) for path in plan_files(pack_folder(loaded), loaded.scenario.id)]


def run_plan(loaded: LoadedScenario, path: Path, solver: bool = True) -> PlanRun:
    """Read and run the plan in `path` on `loaded`.

    Without `solver`, the expectations that need the solver (`move.label`, `move.regret`,
    `score.within_best`: a second or more for a large scenario) are skipped and counted in
    `PlanRun.skipped`.
    """
    report = FileProblems(display_path(path))
    plan, _ = read_model(path, TestPlan, report)
    run = PlanRun(path)
    if plan is not None:
        _check_refs(loaded, plan, report)
        _check_budget(plan, report)
    if plan is not None and not report.has_errors:
        runner = _Runner(loaded, plan, report, solver)
        for index, test in enumerate(plan.tests):
            began = time.perf_counter()
            before = len(report.problems)
            runner.run(index, test)
            failed = any(p.severity == "error" for p in report.problems[before:])
            run.tests.append(TestResult(test.name, not failed, time.perf_counter() - began))
        run.skipped = runner.skipped
    run.problems = report.problems
    return run


MAX_RANDOM_MOVES = 400_000
"""Random moves a plan may ask for in all (runs x max_moves of its random tests): plans are untrusted,
and `check` runs them; the bundled plans ask for at most 24,000 each."""


def _check_budget(plan: TestPlan, report: FileProblems) -> None:
    walks = [(t, test.random) for t, test in enumerate(plan.tests) if test.random is not None]
    asked = sum(r.runs * r.max_moves for _, r in walks)
    if asked > MAX_RANDOM_MOVES:
        report.error(
            ("tests", walks[-1][0], "random", "runs"),
            "testplan-too-large",
            f"the plan's random tests ask for up to {asked:,} moves; the limit is {MAX_RANDOM_MOVES:,}",
        )


# --------------------------------------------------------------------------- references


def _check_refs(loaded: LoadedScenario, plan: TestPlan, report: FileProblems) -> None:
    """Report every id the plan names that the scenario does not have, with the nearest one."""
    known = _known(loaded, plan)
    for loc, kind, value in _refs(plan):
        if value not in known[kind]:
            report.error(
                loc,
                "testplan-unknown-ref",
                f"no {kind} {value!r} in {loaded.ref}",
                did_you_mean(value, known[kind]),
            )


def _known(loaded: LoadedScenario, plan: TestPlan) -> dict[str, set[str]]:
    scenario = loaded.scenario
    scenes = {s.id for s in scenario.scenes}
    endings = {e.id for e in scenario.endings}
    cast = {m.persona for m in scenario.cast}
    interests = {
        f"{m.persona}.{i.id}" for m in scenario.cast for i in (*m.interests, *loaded.personas[m.persona].interests)
    }
    return {
        "choice": {c.id for s in scenario.scenes for c in s.choices},
        "scene": scenes,
        "ending": endings,
        "scene or ending": scenes | endings,
        "stakeholder": cast,
        "party": cast | {"player"},
        "issue": {i.id for i in scenario.issues},
        "option": {f"{i.id}.{o.id}" for i in scenario.issues for o in i.options},
        "interest": interests,
        "test": {t.name for t in plan.tests},
    }


Ref = tuple[Loc, str, str]


def _refs(plan: TestPlan) -> Iterator[Ref]:
    for t, test in enumerate(plan.tests):
        base: Loc = ("tests", t)
        for s, step in enumerate(test.path or []):
            choice = step if isinstance(step, str) else step.choose
            at: Loc = (*base, "path", s) if isinstance(step, str) else (*base, "path", s, "choose")
            yield at, "choice", choice
            if isinstance(step, Step) and step.expect is not None:
                yield from _expect_refs((*base, "path", s, "expect"), step.expect)
        if test.expect is not None:
            yield from _expect_refs((*base, "expect"), test.expect)
        if test.random is not None:
            yield from _random_refs((*base, "random"), test.random)
    seen: set[str] = set()
    for t, test in enumerate(plan.tests):
        if test.name in seen:
            yield ("tests", t, "name"), "unique test name (a second)", test.name
        seen.add(test.name)


def _ids(loc: Loc, kind: str, ids: list[str]) -> Iterator[Ref]:
    for i, value in enumerate(ids):
        yield (*loc, i), kind, value


def _keys(loc: Loc, kind: str, keys: Iterator[str] | list[str]) -> Iterator[Ref]:
    for key in keys:
        yield (*loc, key, "[key]"), kind, key


def _expect_refs(loc: Loc, e: Expect) -> Iterator[Ref]:
    for name, kind in (("scene", "scene"), ("ending", "ending")):
        value = getattr(e, name)
        if value is not None:
            yield (*loc, name), kind, value
    for name, kind in (
        ("offered", "choice"),
        ("not_offered", "choice"),
        ("only_offered", "choice"),
        ("revealed", "interest"),
        ("not_revealed", "interest"),
        ("hidden_found", "interest"),
        ("visited", "scene"),
        ("not_visited", "scene"),
        ("not_settled", "issue"),
    ):
        yield from _ids((*loc, name), kind, getattr(e, name) or [])
    for name, settled in (("settled", e.settled), ("agreement", e.agreement or {})):
        yield from _keys((*loc, name), "issue", list(settled))
        for issue, option in settled.items():
            yield (*loc, name, issue), "option", f"{issue}.{option}"
    yield from _keys((*loc, "above_batna"), "party", list(e.above_batna))
    yield from _keys((*loc, "terms_above_batna"), "party", list(e.terms_above_batna))
    yield from _keys((*loc, "meters"), "stakeholder", list(e.meters))
    if e.move is not None:
        yield from _move_refs((*loc, "move"), e.move)
    if e.score is not None:
        yield from _keys((*loc, "score", "below"), "test", list(e.score.below))
        yield from _keys((*loc, "score", "above"), "test", list(e.score.above))
    if e.history is not None:
        yield from _keys((*loc, "history", "principles"), "choice", list(e.history.principles))


def _move_refs(loc: Loc, m: MoveExpect) -> Iterator[Ref]:
    yield from _keys((*loc, "trust"), "stakeholder", list(m.trust))
    yield from _keys((*loc, "satisfaction"), "stakeholder", list(m.satisfaction))
    yield from _ids((*loc, "revealed"), "interest", m.revealed)
    yield from _ids((*loc, "not_revealed"), "interest", m.not_revealed)
    yield from _ids((*loc, "refused_by"), "stakeholder", m.refused_by or [])
    if m.to is not None:
        yield (*loc, "to"), "scene or ending", m.to


def _random_refs(loc: Loc, r: RandomWalk) -> Iterator[Ref]:
    for name, kind in (
        ("endings", "ending"),
        ("not_endings", "ending"),
        ("every_ending_except", "ending"),
        ("scenes", "scene"),
        ("every_scene_except", "scene"),
    ):
        yield from _ids((*loc, name), kind, getattr(r, name) or [])


# --------------------------------------------------------------------------- running


def _within(value: float, bound: int | Bound) -> bool:
    if isinstance(bound, int):
        return value == bound
    low_ok = bound.at_least is None or value >= bound.at_least
    return low_ok and (bound.at_most is None or value <= bound.at_most)


def _shown(bound: int | Bound) -> str:
    if isinstance(bound, int):
        return f"exactly {bound}"
    if bound.at_most is None:
        return f"at least {bound.at_least}"
    if bound.at_least is None:
        return f"at most {bound.at_most}"
    return f"between {bound.at_least} and {bound.at_most}"


def _listed(ids: object) -> str:
    items = sorted(str(i) for i in ids) if isinstance(ids, (set, list, tuple, frozenset)) else []
    return ", ".join(items) if items else "none"


@dataclass
class _Point:
    """What the checks of one expectation see: the session and the move just played."""

    session: Session
    result: MoveResult | None
    debrief: Callable[[], Debrief]
    labels: Callable[[], list[str]]
    regrets: Callable[[], list[float]]


class _Runner:
    def __init__(self, loaded: LoadedScenario, plan: TestPlan, report: FileProblems, solver: bool) -> None:
        self.loaded = loaded
        self.solver = solver
        self.skipped = 0
        self.plan = plan
        self.report = report
        self.test_name = ""
        self.totals: dict[str, int | None] = {}

    def fail(self, loc: Loc, message: str, hint: str | None = None) -> None:
        self.report.error(loc, "testplan-failed", f"test {self.test_name!r}: {message}", hint)

    def run(self, index: int, test: PlanTest) -> None:
        self.test_name = test.name
        base: Loc = ("tests", index)
        if test.random is not None:
            self.walk((*base, "random"), test.random)
            return
        played = self.play(base, test, check=True)
        if played is not None and test.expect is not None:
            self.check((*base, "expect"), test.expect, self.point(*played))

    def play(self, base: Loc, test: PlanTest, check: bool) -> tuple[Session, MoveResult | None] | None:
        """Play the test's path (checking each step's expectations when `check`): the session and
        the last move's result; None when a step cannot be played (reported when `check`)."""
        session = Session.start(self.loaded, test.seed)
        result: MoveResult | None = None
        for s, step in enumerate(test.path or []):
            choice = step if isinstance(step, str) else step.choose
            loc: Loc = (*base, "path", s) if isinstance(step, str) else (*base, "path", s, "choose")
            offered = [c.id for c in session.available()]
            if choice not in offered:
                if check:
                    self.unavailable(loc, session, choice, offered)
                return None
            result = session.choose(choice)
            if check and isinstance(step, Step) and step.expect is not None:
                self.check((*base, "path", s, "expect"), step.expect, self.point(session, result))
        return session, result

    def unavailable(self, loc: Loc, session: Session, choice: str, offered: list[str]) -> None:
        where = (
            f"the game has already ended at {session.state.ending!r}"
            if session.ended
            else f"scene {session.state.scene!r} offers {_listed(offered)}"
        )
        self.report.error(
            loc,
            "testplan-unavailable",
            f"test {self.test_name!r}: cannot choose {choice!r} at step {session.state.step + 1}: {where}",
            did_you_mean(choice, offered),
        )

    def point(self, session: Session, result: MoveResult | None) -> _Point:
        state = session.state
        debriefs: list[Debrief] = []
        found: list[list[float]] = []

        def debrief() -> Debrief:
            if not debriefs:
                debriefs.append(score_session(self.loaded, state))
            return debriefs[0]

        def move_regrets() -> list[float]:
            if not found:
                from simulator.analysis.solve import regrets

                found.append(regrets(self.loaded, state.history))
            return found[0]

        def move_labels() -> list[str]:
            scenario = self.loaded.scenario
            return [
                move_label(grade_move(scenario, m).quality, bool(m.violates), r)
                for m, r in zip(state.history, move_regrets(), strict=True)
            ]

        return _Point(session, result, debrief, move_labels, move_regrets)

    def total_of(self, name: str) -> int | None:
        """The debrief total of playing test `name`'s path (None if it cannot be played)."""
        if name not in self.totals:
            index, test = next((i, t) for i, t in enumerate(self.plan.tests) if t.name == name)
            played = self.play(("tests", index), test, check=False) if test.path is not None else None
            self.totals[name] = score_session(self.loaded, played[0].state).total if played else None
        return self.totals[name]

    # ------------------------------------------------------------------ expectations

    def check(self, loc: Loc, e: Expect, at: _Point) -> None:
        self.check_place(loc, e, at.session)
        self.check_found(loc, e, at.session)
        for persona, meter in e.meters.items():
            self.check_meter((*loc, "meters", persona), persona, meter, at.session)
        if e.move is not None:
            self.check_move((*loc, "move"), e.move, at)
        if e.history is not None:
            self.check_history((*loc, "history"), e.history, at.session)
        if _needs_debrief(e):
            self.check_debrief(loc, e, at.debrief())
        if e.score is not None:
            self.check_score((*loc, "score"), e.score, at.debrief())

    def check_place(self, loc: Loc, e: Expect, session: Session) -> None:
        state = session.state
        where = f"the ending {state.ending!r}" if state.ended else f"scene {state.scene!r}"
        if e.scene is not None and state.scene != e.scene:
            self.fail((*loc, "scene"), f"expected to be in scene {e.scene!r}, but is at {where}")
        if e.ended is not None and state.ended != e.ended:
            self.fail(
                (*loc, "ended"),
                f"expected {'an ending' if e.ended else 'no ending yet'}, but is at {where}",
            )
        if e.ending is not None and state.ending != e.ending:
            self.fail((*loc, "ending"), f"expected the ending {e.ending!r}, but is at {where}")
        if e.offered or e.not_offered or e.only_offered is not None:
            offered = {c.id for c in session.available()}
            self.contains((*loc, "offered"), "offered choices", offered, e.offered, True)
            self.contains((*loc, "not_offered"), "offered choices", offered, e.not_offered, False)
            if e.only_offered is not None and offered != set(e.only_offered):
                self.fail(
                    (*loc, "only_offered"),
                    f"expected exactly {_listed(e.only_offered)} offered, got {_listed(offered)}",
                )

    def check_found(self, loc: Loc, e: Expect, session: Session) -> None:
        state = session.state
        self.contains((*loc, "revealed"), "revealed interests", state.revealed, e.revealed, True)
        self.contains((*loc, "not_revealed"), "revealed interests", state.revealed, e.not_revealed, False)
        self.contains((*loc, "flags"), "flags", state.flags, e.flags, True)
        self.contains((*loc, "not_flags"), "flags", state.flags, e.not_flags, False)
        self.contains((*loc, "visited"), "visited scenes", state.visited, e.visited, True)
        self.contains((*loc, "not_visited"), "visited scenes", state.visited, e.not_visited, False)
        self.check_terms(loc, e, session)
        for issue, option in e.settled.items():
            if state.settled.get(issue) != option:
                self.fail(
                    (*loc, "settled", issue),
                    f"expected {issue!r} settled as {option!r}, got {state.settled.get(issue) or 'nothing'}",
                )
        open_wrong = [i for i in e.not_settled if i in state.settled]
        if open_wrong:
            self.fail(
                (*loc, "not_settled"),
                f"expected {_listed(open_wrong)} open, but settled as {_listed(state.settled[i] for i in open_wrong)}",
            )

    def check_terms(self, loc: Loc, e: Expect, session: Session) -> None:
        from simulator.engine.agreement import party_value

        scenario = self.loaded.scenario
        batnas = {m.persona: m.batna_value for m in scenario.cast} | {"player": scenario.player.batna_value}
        for party, above in e.terms_above_batna.items():
            value = party_value(scenario, session.state.settled, party) or 0.0
            if (value >= batnas[party]) != above:
                self.fail(
                    (*loc, "terms_above_batna", party),
                    f"the terms settled ({_listed(session.state.settled.values())}) are worth "
                    f"{value:.1f} to {party}, whose BATNA is {batnas[party]}",
                )

    def contains(self, loc: Loc, what: str, have: object, wanted: list[str], present: bool) -> None:
        held = set(have) if isinstance(have, (list, set, dict)) else set()
        wrong = [w for w in wanted if (w in held) != present]
        if wrong:
            verb = "missing from" if present else "unexpectedly among"
            self.fail(loc, f"{_listed(wrong)} {verb} the {what} ({_listed(held)})")

    def check_meter(self, loc: Loc, persona: str, e: MeterExpect, session: Session) -> None:
        meter = session.state.meters[persona]
        for name in ("trust", "satisfaction", "strikes"):
            bound = getattr(e, name)
            value = getattr(meter, name)
            if bound is not None and not _within(value, bound):
                self.fail((*loc, name), f"expected {persona}'s {name} {_shown(bound)}, got {value}")
        if e.walked_out is not None and meter.walked_out != e.walked_out:
            self.fail(
                (*loc, "walked_out"),
                f"expected {persona} {'to have' if e.walked_out else 'not to have'} walked out",
            )

    def check_move(self, loc: Loc, e: MoveExpect, at: _Point) -> None:
        history = at.session.state.history
        if not history:
            self.fail(loc, "no move has been played yet")
            return
        move = history[-1]
        self.check_move_tags(loc, e, move)
        for name in ("trust", "satisfaction"):
            for persona, bound in getattr(e, name).items():
                change = getattr(move, name).get(persona, 0)
                if not _within(change, bound):
                    self.fail(
                        (*loc, name, persona),
                        f"expected {move.choice!r} to change {persona}'s {name} by {_shown(bound)}, got {change:+d}",
                    )
        self.contains(
            (*loc, "revealed"),
            f"interests {move.choice!r} revealed",
            move.revealed,
            e.revealed,
            True,
        )
        self.contains(
            (*loc, "not_revealed"),
            f"interests {move.choice!r} revealed",
            move.revealed,
            e.not_revealed,
            False,
        )
        if e.refused_by is not None and move.refused_by != e.refused_by:
            self.fail(
                (*loc, "refused_by"),
                f"expected refused by {_listed(e.refused_by)}, got {_listed(move.refused_by)}",
            )
        if e.to is not None and move.to != e.to:
            self.fail((*loc, "to"), f"expected {move.choice!r} to lead to {e.to!r}, got {move.to!r}")
        self.check_move_cost(loc, e, move, at)
        if e.lines or e.not_lines:
            said = " \n ".join(" ".join(u.text.split()) for u in (at.result.lines if at.result else []))
            self.check_lines(loc, e, said)

    def check_move_cost(self, loc: Loc, e: MoveExpect, move: Move, at: _Point) -> None:
        """The move's regret and label, from the solver (skipped and counted without it)."""
        if not self.solver:
            self.skipped += (e.regret is not None) + (e.label is not None)
            return
        if e.regret is not None:
            regret = at.regrets()[-1]
            if not _within(regret, e.regret):
                self.fail(
                    (*loc, "regret"),
                    f"expected {move.choice!r} to give away {_shown(e.regret)} "
                    f"points of the best reachable total, got {regret:g}",
                )
        if e.label is not None:
            label = at.labels()[-1]
            if label != e.label:
                self.fail((*loc, "label"), f"expected {move.choice!r} labelled {e.label!r}, got {label!r}")

    def check_move_tags(self, loc: Loc, e: MoveExpect, move: Move) -> None:
        if e.style is not None and move.style != e.style:
            self.fail((*loc, "style"), f"expected {move.choice!r} {e.style}, got {move.style}")
        if e.fits is not None and move.fits != e.fits:
            self.fail(
                (*loc, "fits"),
                f"expected {move.choice!r} {'to fit' if e.fits else 'not to fit'} scene {move.scene!r}",
            )
        self.contains(
            (*loc, "principles"),
            f"principles {move.choice!r} applies",
            move.principles,
            [str(p) for p in e.principles],
            True,
        )
        self.contains(
            (*loc, "violates"),
            f"principles {move.choice!r} breaks",
            move.violates,
            [str(p) for p in e.violates],
            True,
        )
        if e.power is not None and move.power != e.power:
            self.fail(
                (*loc, "power"),
                f"expected {move.choice!r} to draw on {e.power} power, got {move.power}",
            )
        if e.violates_nothing is not None and (not move.violates) != e.violates_nothing:
            self.fail((*loc, "violates_nothing"), f"{move.choice!r} breaks {_listed(move.violates)}")

    def check_lines(self, loc: Loc, e: MoveExpect, said: str) -> None:
        for i, text in enumerate(e.lines):
            if " ".join(text.split()) not in said:
                self.fail((*loc, "lines", i), f"no line says {text!r}", f"what was said: {said[:300]!r}")
        for i, text in enumerate(e.not_lines):
            if " ".join(text.split()) in said:
                self.fail((*loc, "not_lines", i), f"a line says {text!r}")

    def check_history(self, loc: Loc, e: HistoryExpect, session: Session) -> None:
        moves = session.state.history
        styles = [m.style for m in moves]
        if e.moves is not None and not _within(len(moves), e.moves):
            self.fail((*loc, "moves"), f"expected {_shown(e.moves)} moves, got {len(moves)}")
        misfits = [m.choice for m in moves if not m.fits]
        if e.all_fit is not None and (not misfits) != e.all_fit:
            self.fail(
                (*loc, "all_fit"),
                f"moves that did not fit: {_listed(misfits)}" if misfits else "every move fit its scene",
            )
        broke = [m.choice for m in moves if m.violates]
        if e.violates_nothing is not None and (not broke) != e.violates_nothing:
            self.fail(
                (*loc, "violates_nothing"),
                f"moves that broke a principle: {_listed(broke)}" if broke else "no move broke a principle",
            )
        if e.styles is not None and set(styles) != set(e.styles):
            self.fail(
                (*loc, "styles"),
                f"expected the styles {_listed(e.styles)}, got {_listed(set(styles))}",
            )
        others = [m.choice for m in moves if e.only_style is not None and m.style != e.only_style]
        if others:
            self.fail((*loc, "only_style"), f"moves not {e.only_style}: {_listed(others)}")
        for style, most in e.at_most.items():
            if styles.count(style) > most:
                self.fail(
                    (*loc, "at_most", style),
                    f"{styles.count(style)} {style} moves, more than {most}",
                )
        self.check_history_tags(loc, e, session)

    def check_history_tags(self, loc: Loc, e: HistoryExpect, session: Session) -> None:
        moves = session.state.history
        powers = [str(m.power) for m in moves if m.power is not None]
        self.contains((*loc, "powers"), "power bases used", powers, [str(p) for p in e.powers], True)
        self.contains((*loc, "not_powers"), "power bases used", powers, [str(p) for p in e.not_powers], False)
        for choice, principles in e.principles.items():
            move = next((m for m in moves if m.choice == choice), None)
            if move is None:
                self.fail((*loc, "principles", choice, "[key]"), f"{choice!r} was not played")
                continue
            self.contains(
                (*loc, "principles", choice),
                f"principles {choice!r} applies",
                move.principles,
                [str(p) for p in principles],
                True,
            )

    def check_debrief(self, loc: Loc, e: Expect, debrief: Debrief) -> None:
        if e.ending_kind is not None and debrief.ending_kind != e.ending_kind:
            self.fail(
                (*loc, "ending_kind"),
                f"expected a {e.ending_kind} ending, got {debrief.ending_kind}",
            )
        if e.hidden_found is not None and set(debrief.hidden_found) != set(e.hidden_found):
            self.fail(
                (*loc, "hidden_found"),
                f"expected exactly {_listed(e.hidden_found)} found, got {_listed(debrief.hidden_found)}",
            )
        if e.agreement is not None and debrief.agreement != e.agreement:
            self.fail(
                (*loc, "agreement"),
                f"expected the agreement {e.agreement}, got {debrief.agreement}",
            )
        parties = {p.party: p for p in debrief.parties}
        for party, above in e.above_batna.items():
            if parties[party].above_batna != above:
                value = parties[party].value
                self.fail(
                    (*loc, "above_batna", party),
                    f"expected {party} {'above' if above else 'not above'} their BATNA "
                    f"({parties[party].batna_value}); the agreement is worth "
                    f"{'nothing (none)' if value is None else round(value, 1)} to them",
                )
        if e.best_joint_value is not None:
            best = abs(debrief.joint_value - debrief.best_joint_value) < 1e-6
            if best != e.best_joint_value:
                self.fail(
                    (*loc, "best_joint_value"),
                    f"joint value {debrief.joint_value:.1f}, the best "
                    f"any agreement reaches is {debrief.best_joint_value:.1f}",
                )

    def check_score(self, loc: Loc, e: ScoreExpect, debrief: Debrief) -> None:
        for name in ("total", "outcome", "relationship", "discovery", "process"):
            bound = getattr(e, name)
            if bound is not None and not _within(debrief.scores[name], bound):
                self.fail(
                    (*loc, name),
                    f"expected the {name} score {_shown(bound)}, got {debrief.scores[name]}",
                )
        total = debrief.total
        for sign, name, tests in ((-1, "below", e.below), (1, "above", e.above)):
            for other, points in tests.items():
                theirs = self.total_of(other)
                if theirs is None:
                    self.fail((*loc, name, other, "[key]"), f"test {other!r} cannot be played to compare")
                elif sign * (total - theirs) < points:
                    self.fail(
                        (*loc, name, other),
                        f"expected a total at least {points} points {name} {other!r}'s {theirs}, got {total}",
                    )
        if e.within_best is not None and not self.solver:
            self.skipped += 1
        elif e.within_best is not None:
            from simulator.analysis.solve import solve

            best = solve(self.loaded).score
            if total < best - e.within_best:
                self.fail(
                    (*loc, "within_best"),
                    f"expected a total within {e.within_best} of the best achievable {best}, got {total}",
                )

    # ------------------------------------------------------------------ random walks

    def walk(self, loc: Loc, r: RandomWalk) -> None:
        loaded = self.loaded
        endings: set[str] = set()
        scenes: set[str] = set()
        for seed in range(r.seed, r.seed + r.runs):
            rng = random.Random(seed)
            state = initial_state(loaded, seed)
            for _ in range(r.max_moves):
                if state.ended:
                    break
                choices = available_choices(loaded, state)
                if not choices:
                    self.fail(loc, f"seed {seed}: dead end in scene {state.scene!r} (nothing offered)")
                    return
                advance(loaded, state, rng.choice(choices).id)
            if state.ending is None:
                moves = ",".join(m.choice for m in state.history)
                self.fail(
                    (*loc, "max_moves"),
                    f"seed {seed}: still playing after {r.max_moves} moves",
                    f"replay with `yesable run {loaded.ref} --seed {seed} --choose {moves}`",
                )
                return
            endings.add(state.ending)
            scenes.update(state.visited)
        self.reached(loc, r, endings, scenes)

    def reached(self, loc: Loc, r: RandomWalk, endings: set[str], scenes: set[str]) -> None:
        scenario = self.loaded.scenario
        every_ending = {e.id for e in scenario.endings}
        every_scene = {s.id for s in scenario.scenes}
        runs = f"{r.runs} random plays"
        self.contains((*loc, "endings"), f"endings {runs} reach", endings, r.endings, True)
        self.contains((*loc, "not_endings"), f"endings {runs} reach", endings, r.not_endings, False)
        self.contains((*loc, "scenes"), f"scenes {runs} visit", scenes, r.scenes, True)
        if r.every_ending_except is not None:
            missing = every_ending - set(r.every_ending_except) - endings
            if missing:
                self.fail((*loc, "every_ending_except"), f"{runs} never reach {_listed(missing)}")
        if r.every_scene_except is not None:
            missing = every_scene - set(r.every_scene_except) - scenes
            if missing:
                self.fail((*loc, "every_scene_except"), f"{runs} never visit {_listed(missing)}")


def _needs_debrief(e: Expect) -> bool:
    return (
        e.ending_kind is not None
        or e.hidden_found is not None
        or e.agreement is not None
        or bool(e.above_batna)
        or e.best_joint_value is not None
    )
