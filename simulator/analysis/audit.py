"""The pedagogy audit (`yesable audit`): can a scenario be won without judging the situation?

`check` proves a pack well-formed; the audit proves its grading teaches. It plays the strategies a
learner who guesses would use, each choosing by the form of a line rather than by the moment, and
measures how much of the worst-to-best range each one closes:

- form strategies: always the longest line, the shortest, the second-longest, the second-shortest,
  the line with the most of the course's vocabulary, the politest line, the firmest line, the
  first line that asks a question, the first or the last line as written in the file;
- one-style strategies: always the first offered choice in one conflict style.

A strategy's *share* is `(its mean total - worst) / (best - worst)`, where best and worst are the
exact highest and lowest totals any way through the scenario reaches (`simulator.analysis.solve`),
and its mean total is taken over `seeds` sessions (each seed shuffles the offered order, as play
does). Beside the strategies it measures, per scenario:

- the correlation, within scenes, between a line's length and its move quality;
- the style-fit spread: the share of scenes each style fits;
- grade/regret contradictions: moves the tags praise that cost more than a mistake's worth of
  points wherever the audit met them, and moves that break a principle yet lose nothing;
- agreements that leave a stakeholder below their BATNA, in random play.

Every threshold is in `LIMITS` and docs/authoring.md ("Auditing the teaching"); every finding has a
code in `AUDIT_CODES`. Findings are reported like `check`'s problems, at the scenario or choice
they concern.
"""

from __future__ import annotations

import math
import random
import re
import statistics
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from simulator.analysis.solve import SolveError, solve, solver_for, worst_total
from simulator.analysis.table import NODE, SETTLED, Edge, State, Table, table_for
from simulator.content.loaded import LoadedScenario
from simulator.content.models import Scenario
from simulator.content.problems import FileProblems, Loc
from simulator.content.vocabulary import EndingKind, Style
from simulator.engine.agreement import refusers
from simulator.scoring.grades import grade_move, static_move

SEEDS = 20
"""Sessions (seeds 0..SEEDS-1) each strategy plays; their offered orders differ."""
RANDOM_GAMES = 1000
"""Random games played to look for agreements below a stakeholder's BATNA."""
STRATEGY_MOVES = 80
"""After this many moves a strategy that has not finished plays randomly to an ending (it loops)."""
LIVE_MARGIN = 10
"""A state is live while a total within this many points of the best is still reachable from it."""
PRAISED = ("strong", "sound")
"""What the tags alone call a good move (simulator.scoring.grades)."""
MIN_SCENES = 8
"""Scenarios with fewer scenes are too small for the per-scenario thresholds (a strategy's share
over three scenes is noise); they are measured and reported, never flagged."""


@dataclass(frozen=True)
class Limits:
    form_share: float = 0.40
    """No form strategy may close more of the gap on any scenario."""
    form_mean: float = 0.30
    """Nor more than this on average over the audited scenarios."""
    style_share: float = 0.60
    """No one-style strategy may close more of the gap on any scenario."""
    style_mean: float = 0.50
    """Nor more than this on average over the audited scenarios."""
    length_correlation: float = 0.30
    """Within scenes, length may not predict move quality more strongly than this."""
    style_fit: float = 0.08
    """Each style must fit at least this share of scenes."""
    contradictions: float = 0.10
    """At most this share of a scenario's choices may be graded against their consequences."""
    mistake_regret: float = 5.0
    """A move that loses more than this many points is a mistake, whatever its tags say."""


LIMITS = Limits()

AUDIT_CODES: dict[str, tuple[str, str]] = {
    "audit-form-strategy": (
        (
            "a strategy that picks lines by their form (length, vocabulary, a question mark, position) "
            "closes more than 40% of the worst-to-best gap"
        ),
        (
            "write eloquent, reasonable-sounding wrong moves and terse right ones, and vary where the best "
            "line stands in the file"
        ),
    ),
    "audit-one-style": (
        "always choosing one conflict style closes more than 60% of the worst-to-best gap",
        (
            "give other styles their moments (fits) and write scenes where this style's move is premature, "
            "naive or mistimed, with consequences that cost points"
        ),
    ),
    "audit-length-quality": (
        "within scenes, the longer line is the better move (correlation above 0.30)",
        "shorten some right answers and give some wrong answers the most words",
    ),
    "audit-style-spread": (
        "a conflict style fits fewer than 8% of the scenes",
        (
            "write scenes where that style is what the literature prescribes (see docs/authoring.md) "
            "and list it alone in `fits`"
        ),
    ),
    "audit-grade-regret": (
        (
            "more than 10% of the choices are graded against their consequences: the tags praise a move "
            "(strong or sound, no principle broken) that costs more than 5 points"
        ),
        "make the tags tell the truth (`fits`, `violates`) or change what the move leads to",
    ),
    "audit-below-batna": (
        "random play reaches agreements that leave a stakeholder below their BATNA",
        "route such agreements elsewhere, or change the option values so the deal is worth signing",
    ),
    "audit-form-average": (
        "over the audited scenarios, form strategies close more than 30% of the gap on average",
        "fix the scenarios with the highest shares first",
    ),
    "audit-style-average": (
        "over the audited scenarios, a one-style strategy closes more than 50% of the gap on average",
        "fix the scenarios with the highest shares first",
    ),
    "audit-too-large": (
        "the scenario is too large to solve, so the audit cannot measure it (a note, not a failure)",
        "split the scenario, or raise --max-states",
    ),
}
"""code -> (what it means, how to fix it); docs/authoring.md lists them and a test checks."""

VOCABULARY = re.compile(
    r"\b(interests?|options?|criteria|data|evidence|both|together|fair|mutual|why|understand|share|"
    r"align|batna|alternatives?|help|customers?|concerns?|agree|partners?|win)\b",
    re.IGNORECASE,
)
"""Words a keyword-hunting learner looks for: the course's vocabulary and its polite cousins."""
POLITE = re.compile(
    r"\b(please|thank|thanks|appreciate|sorry|happy|glad|we|let's|together|understand)\b", re.IGNORECASE
)
"""Words of a learner who thinks the nicest line wins."""
FIRM = re.compile(r"\b(no|not|won't|can't|cannot|must|now|stop|never|final)\b", re.IGNORECASE)
"""Words of a learner who has heard that firmness is sometimes right, and plays it everywhere."""


# --------------------------------------------------------------------------- strategies

Pick = Callable[[list[Edge], random.Random], Edge]


@dataclass(frozen=True)
class Strategy:
    name: str
    kind: str
    """`form` or `style`."""
    description: str
    pick: Pick


def strategies(scenario: Scenario) -> list[Strategy]:
    """The naive strategies the audit plays, in report order."""
    return _form_strategies(scenario) + _style_strategies(scenario)


def _form_strategies(scenario: Scenario) -> list[Strategy]:
    """The strategies that pick by a line's form: its length, its words, where it is written."""
    text = {(s.id, c.id): c.text for s in scenario.scenes for c in s.choices}
    written = {(s.id, c.id): i for s in scenario.scenes for i, c in enumerate(s.choices)}

    def words(e: Edge) -> str:
        return text[(e.scene, e.choice)]

    def longest(offered: list[Edge], _rng: random.Random) -> Edge:
        return max(offered, key=lambda e: len(words(e)))

    def shortest(offered: list[Edge], _rng: random.Random) -> Edge:
        return min(offered, key=lambda e: len(words(e)))

    def most(pattern: re.Pattern[str]) -> Pick:
        def pick(offered: list[Edge], _rng: random.Random) -> Edge:
            return max(offered, key=lambda e: len(pattern.findall(words(e))))

        return pick

    def question(offered: list[Edge], _rng: random.Random) -> Edge:
        return next((e for e in offered if "?" in words(e)), offered[0])

    def first_listed(offered: list[Edge], _rng: random.Random) -> Edge:
        return min(offered, key=lambda e: written[(e.scene, e.choice)])

    def last_listed(offered: list[Edge], _rng: random.Random) -> Edge:
        return max(offered, key=lambda e: written[(e.scene, e.choice)])

    return [
        Strategy("longest", "form", "always the longest line", longest),
        Strategy("shortest", "form", "always the shortest line", shortest),
        Strategy("keyword", "form", "always the line with the most course vocabulary", most(VOCABULARY)),
        Strategy("polite", "form", "always the politest line (most courteous words)", most(POLITE)),
        Strategy("firm", "form", "always the firmest line (most words of refusal and insistence)", most(FIRM)),
        Strategy("question", "form", "always the first line that asks a question", question),
        Strategy("first-listed", "form", "always the first line as written in the file", first_listed),
        Strategy("last-listed", "form", "always the last line as written in the file", last_listed),
        Strategy("second-longest", "form", "always the second-longest line", _by_length(text, 1)),
        Strategy("second-shortest", "form", "always the second-shortest line", _by_length(text, -2)),
    ]


def _by_length(text: dict[tuple[str, str], str], rank: int) -> Pick:
    """The line `rank` places from the longest (negative: from the shortest)."""

    def pick(offered: list[Edge], _rng: random.Random) -> Edge:
        ranked = sorted(offered, key=lambda e: len(text[(e.scene, e.choice)]), reverse=True)
        return ranked[min(rank, len(ranked) - 1)] if rank >= 0 else ranked[max(rank, -len(ranked))]

    return pick


def _style_strategies(scenario: Scenario) -> list[Strategy]:
    """One strategy per conflict style: always the first offered move of that style."""
    style = {(s.id, c.id): c.style for s in scenario.scenes for c in s.choices}

    def one_style(wanted: Style) -> Pick:
        def pick(offered: list[Edge], _rng: random.Random) -> Edge:
            return next((e for e in offered if style[(e.scene, e.choice)] is wanted), offered[0])

        return pick

    return [Strategy(f"always-{s}", "style", f"always the first offered {s} move", one_style(s)) for s in Style]


def play(table: Table, pick: Pick, seed: int, cap: int = STRATEGY_MOVES) -> tuple[State, int, int]:
    """One session played by `pick` with offered order `seed`: (final state, moves, summed quality).

    After `cap` moves (a strategy stuck in a loop) it plays randomly; a session that still has not
    ended after ten times `STRATEGY_MOVES` stops where it is (and scores as unfinished).
    """
    rng = random.Random(seed)
    state, moves, quality = table.start, 0, 0
    while not table.is_ending(state) and moves < 10 * STRATEGY_MOVES:
        offered = table.offered(state, seed)
        if not offered:
            break
        edge = pick(offered, rng) if moves < cap else rng.choice(offered)
        state = table.step(state, edge)
        moves += 1
        quality += edge.quality
    return state, moves, quality


def _total(table: Table, state: State, moves: int, quality: int) -> int:
    return table.total(table.final_part(state), moves, quality)


# --------------------------------------------------------------------------- results


@dataclass(frozen=True)
class StrategyResult:
    name: str
    kind: str
    description: str
    mean: float
    """Mean total over the seeds."""
    share: float
    """Share of the worst-to-best gap it closes (0 = as bad as the worst play, 1 = the best)."""
    limit: float


@dataclass(frozen=True)
class Contradiction:
    scene: str
    choice: str
    kind: str
    """`praised-but-costly`."""
    regret: float
    """The least regret the audit saw for the move in a live state."""
    label: str
    """What the tags alone say (strong, sound, weak, costly)."""


@dataclass(frozen=True)
class Finding:
    code: str
    message: str
    loc: Loc = ("id",)
    """Where in the scenario file (a YAML path)."""

    @property
    def hint(self) -> str:
        return AUDIT_CODES[self.code][1]


@dataclass
class ScenarioAudit:
    ref: str
    scenes: int
    choices: int
    best: int | None = None
    worst: int | None = None
    strategies: list[StrategyResult] = field(default_factory=list)
    length_correlation: float = 0.0
    longest_is_top: int = 0
    """Scenes (with two or more choices) whose longest line has the top tag quality."""
    style_fit: dict[str, float] = field(default_factory=dict)
    contradictions: list[Contradiction] = field(default_factory=list)
    random_games: int = 0
    agreements: int = 0
    below_batna: int = 0
    findings: list[Finding] = field(default_factory=list)
    measured: bool = True
    """False when the scenario could not be solved (too large): only the static measures exist."""

    @property
    def gap(self) -> int:
        return (self.best or 0) - (self.worst or 0)

    def share(self, name: str) -> float:
        return next(r.share for r in self.strategies if r.name == name)

    def to_json(self) -> dict[str, Any]:
        return {
            "scenario": self.ref,
            "scenes": self.scenes,
            "choices": self.choices,
            "measured": self.measured,
            "best": self.best,
            "worst": self.worst,
            "strategies": [
                {
                    "name": r.name,
                    "kind": r.kind,
                    "description": r.description,
                    "mean_total": round(r.mean, 2),
                    "share": round(r.share, 3),
                    "limit": r.limit,
                }
                for r in self.strategies
            ],
            "length_quality_correlation": round(self.length_correlation, 3),
            "longest_is_top": self.longest_is_top,
            "style_fit": {k: round(v, 3) for k, v in self.style_fit.items()},
            "contradictions": [
                {"scene": c.scene, "choice": c.choice, "kind": c.kind, "regret": c.regret, "tag_grade": c.label}
                for c in self.contradictions
            ],
            "random_games": self.random_games,
            "agreements": self.agreements,
            "agreements_below_batna": self.below_batna,
            "findings": [{"code": f.code, "message": f.message} for f in self.findings],
        }


# --------------------------------------------------------------------------- measuring


def audit_scenario(
    loaded: LoadedScenario,
    seeds: int = SEEDS,
    games: int = RANDOM_GAMES,
    limits: Limits = LIMITS,
    max_states: int | None = None,
) -> ScenarioAudit:
    """Measure one scenario; `findings` holds what crosses a limit."""
    from simulator.analysis import DEFAULT_MAX_STATES

    scenario = loaded.scenario
    audit = ScenarioAudit(loaded.ref, len(scenario.scenes), sum(len(s.choices) for s in scenario.scenes))
    audit.length_correlation, audit.longest_is_top = length_quality(scenario)
    audit.style_fit = style_fit(scenario)
    table = table_for(loaded)
    bound = max_states or DEFAULT_MAX_STATES
    try:
        audit.best = solve(loaded, bound).score
        audit.worst = worst_total(loaded, bound)
    except SolveError:
        audit.measured = False
        audit.findings.append(
            Finding(
                "audit-too-large",
                f"{loaded.ref} is too large to solve within {bound:,} states: strategies were not measured",
            )
        )
        return audit
    gap = max(1, audit.gap)
    finals: list[tuple[State, int, int]] = []
    for strategy in strategies(scenario):
        totals = []
        for seed in range(seeds):
            final = play(table, strategy.pick, seed)
            finals.append(final)
            totals.append(_total(table, *final))
        mean = statistics.fmean(totals)
        limit = limits.form_share if strategy.kind == "form" else limits.style_share
        audit.strategies.append(
            StrategyResult(strategy.name, strategy.kind, strategy.description, mean, (mean - audit.worst) / gap, limit)
        )
    audit.random_games, audit.agreements, audit.below_batna = below_batna(loaded, table, games)
    audit.contradictions = contradictions(loaded, table, seeds, limits, bound)
    audit.findings += scenario_findings(audit, scenario, limits)
    return audit


def length_quality(scenario: Scenario) -> tuple[float, int]:
    """(Pearson correlation of length and move quality within scenes, scenes whose longest is top)."""
    xs: list[float] = []
    ys: list[float] = []
    top = 0
    for scene in scenario.scenes:
        if len(scene.choices) < 2:
            continue
        lengths = [len(c.text) for c in scene.choices]
        qualities = [tag_grade(scenario, scene.id, c.id).quality for c in scene.choices]
        longest = max(range(len(lengths)), key=lambda i: lengths[i])
        top += qualities[longest] == max(qualities)
        mean_length, mean_quality = statistics.fmean(lengths), statistics.fmean(qualities)
        xs += [n - mean_length for n in lengths]
        ys += [q - mean_quality for q in qualities]
    spread = math.sqrt(sum(x * x for x in xs) * sum(y * y for y in ys))
    correlation = sum(x * y for x, y in zip(xs, ys, strict=True)) / spread if spread else 0.0
    return correlation, top


def style_fit(scenario: Scenario) -> dict[str, float]:
    """Each style -> the share of scenes that list it in `fits` and offer a move in it."""
    scenes = scenario.scenes
    return {
        str(style): sum(1 for s in scenes if style in s.fits and any(c.style is style for c in s.choices)) / len(scenes)
        for style in Style
    }


def tag_grade(scenario: Scenario, scene_id: str, choice_id: str) -> Any:
    """The grade the move's tags alone give it (simulator.scoring.grades), wherever it is played."""
    scene = scenario.scene(scene_id)
    choice = next(c for c in scene.choices if c.id == choice_id)
    return grade_move(scenario, static_move(scene, choice))


def below_batna(loaded: LoadedScenario, table: Table, games: int) -> tuple[int, int, int]:
    """(games played, agreements reached, agreements leaving a stakeholder below their BATNA).

    The engine refuses such agreements (simulator.engine.agreement), so the last number is 0 unless
    the rule is broken; the audit measures it rather than trusting it."""
    scenario = loaded.scenario
    kinds = {e.id: e.kind for e in scenario.endings}
    agreements = below = 0
    for seed in range(games):
        state, _moves, _quality = play(table, lambda offered, r: r.choice(offered), seed, cap=0)
        if kinds.get(str(state[NODE])) is not EndingKind.AGREEMENT:
            continue
        agreements += 1
        below += bool(refusers(scenario, dict(zip(table.issues, state[SETTLED], strict=True))))
    return games, agreements, below


def contradictions(
    loaded: LoadedScenario, table: Table, seeds: int, limits: Limits, max_states: int
) -> list[Contradiction]:
    """Moves whose tags and consequences disagree, judged where the game is still there to win.

    A move's regret in a state is the best total reachable before it minus the best after it. Only
    *live* states count: those met by the audit's sessions (the strategies', random play's and the
    best path's) from which a total within `LIVE_MARGIN` of the scenario's best is still reachable
    (once a game is lost, every move is free). A move is `praised-but-costly` when its tags grade
    it strong or sound and it breaks no principle, yet wherever it was open in a live state it cost
    more than a mistake's worth. (The reverse, a move that breaks a principle yet costs nothing, is
    not reported: one move's share of the process score can round away to nothing.)
    """
    scenario = loaded.scenario
    solver = solver_for(loaded)
    best = solve(loaded, max_states).score
    least: dict[tuple[str, str], float] = {}
    seen: set[tuple[State, int, int]] = set()

    def visit(state: State, moves: int, quality: int) -> None:
        key = (state, moves, quality)
        if key in seen or table.is_ending(state):
            return
        seen.add(key)
        open_now = table.available(state)
        if len(open_now) < 2:
            return
        before = solver.best(state, moves, quality, max_states)
        if before < best - LIVE_MARGIN:
            return
        for e in open_now:
            after = solver.best(table.step(state, e), moves + 1, quality + e.quality, max_states)
            slot = (e.scene, e.choice)
            least[slot] = min(least.get(slot, math.inf), float(before - after))

    def walk(pick: Pick, seed: int) -> None:
        rng = random.Random(seed)
        state, moves, quality = table.start, 0, 0
        while not table.is_ending(state) and moves < STRATEGY_MOVES:
            offered = table.offered(state, seed)
            if not offered:
                break
            visit(state, moves, quality)
            edge = pick(offered, rng)
            state, moves, quality = table.step(state, edge), moves + 1, quality + edge.quality

    for seed in range(seeds):
        for strategy in strategies(scenario):
            walk(strategy.pick, seed)
        walk(lambda offered, r: r.choice(offered), seed)
    state, moves, quality = table.start, 0, 0
    for choice_id in solve(loaded, max_states).path:  # the best path, where judgement matters most
        visit(state, moves, quality)
        edge = table.edge[(str(state[NODE]), choice_id)]
        state, moves, quality = table.step(state, edge), moves + 1, quality + edge.quality
    return _praised_but_costly(scenario, least, limits)


def _praised_but_costly(scenario: Scenario, least: dict[tuple[str, str], float], limits: Limits) -> list[Contradiction]:
    """The moves graded strong or sound by their tags, breaking no principle, whose least regret
    in a live state (`least`, by (scene id, choice id)) is more than a mistake's worth."""
    out: list[Contradiction] = []
    for (scene_id, choice_id), regret in sorted(least.items()):
        grade = tag_grade(scenario, scene_id, choice_id)
        choice = next(c for c in scenario.scene(scene_id).choices if c.id == choice_id)
        if grade.grade in PRAISED and not choice.violates and regret > limits.mistake_regret:
            out.append(Contradiction(scene_id, choice_id, "praised-but-costly", regret, grade.grade))
    return out


def scenario_findings(audit: ScenarioAudit, scenario: Scenario, limits: Limits) -> list[Finding]:
    out: list[Finding] = []
    if audit.scenes < MIN_SCENES:
        return out
    gap = f"{audit.worst} to {audit.best}"
    for r in audit.strategies:
        if r.share > r.limit:
            code = "audit-form-strategy" if r.kind == "form" else "audit-one-style"
            out.append(
                Finding(
                    code,
                    f"{r.description} scores {r.mean:.1f} on average, {r.share:.0%} of the "
                    f"gap from {gap} (limit {r.limit:.0%})",
                )
            )
    if audit.length_correlation > limits.length_correlation:
        out.append(
            Finding(
                "audit-length-quality",
                f"within scenes, line length and move quality correlate at "
                f"{audit.length_correlation:.2f} (limit {limits.length_correlation:.2f}); the longest "
                f"line is the best-graded one in {audit.longest_is_top} of {audit.scenes} scenes",
            )
        )
    for style, share in audit.style_fit.items():
        if share < limits.style_fit:
            out.append(
                Finding(
                    "audit-style-spread",
                    f"{style} fits {share:.0%} of the scenes (at least {limits.style_fit:.0%} wanted)",
                    ("scenes",),
                )
            )
    if audit.contradictions and len(audit.contradictions) > limits.contradictions * audit.choices:
        for c in audit.contradictions:
            out.append(Finding("audit-grade-regret", _contradiction_text(c), _choice_loc(scenario, c)))
    if audit.below_batna:
        out.append(
            Finding(
                "audit-below-batna",
                f"{audit.below_batna} of {audit.agreements} agreements in {audit.random_games} random "
                f"games leave a stakeholder below their BATNA",
                ("endings",),
            )
        )
    return out


def _contradiction_text(c: Contradiction) -> str:
    return (
        f"choice {c.choice!r} in scene {c.scene!r} is graded {c.label} by its tags but costs at least "
        f"{c.regret:g} points of the best total wherever the audit met it while the game was still open"
    )


def _choice_loc(scenario: Scenario, c: Contradiction) -> Loc:
    for i, scene in enumerate(scenario.scenes):
        if scene.id == c.scene:
            for j, choice in enumerate(scene.choices):
                if choice.id == c.choice:
                    return ("scenes", i, "choices", j, "id")
    return ("scenes",)


def library_findings(audits: Sequence[ScenarioAudit], limits: Limits = LIMITS) -> list[Finding]:
    """Findings over all the audited scenarios together (averages of the shares, style spread)."""
    measured = [a for a in audits if a.measured and a.scenes >= MIN_SCENES]
    if len(measured) < 2:
        return []
    out: list[Finding] = []
    by_name: dict[str, list[float]] = {}
    kinds: dict[str, str] = {}
    for audit in measured:
        for r in audit.strategies:
            by_name.setdefault(r.name, []).append(r.share)
            kinds[r.name] = r.kind
    for name, shares in by_name.items():
        mean = statistics.fmean(shares)
        limit = limits.form_mean if kinds[name] == "form" else limits.style_mean
        if mean > limit:
            code = "audit-form-average" if kinds[name] == "form" else "audit-style-average"
            out.append(
                Finding(
                    code,
                    f"over {len(shares)} scenarios, {name} closes {mean:.0%} of the gap on average (limit {limit:.0%})",
                )
            )
    for style, share in library_style_fit(measured).items():
        if share < limits.style_fit:
            out.append(
                Finding(
                    "audit-style-spread",
                    f"over {len(measured)} scenarios, {style} fits {share:.0%} "
                    f"of the scenes (at least {limits.style_fit:.0%} wanted)",
                )
            )
    return out


def library_style_fit(audits: Sequence[ScenarioAudit]) -> dict[str, float]:
    """Each style -> the share of all the audited scenarios' scenes it fits."""
    scenes = sum(a.scenes for a in audits)
    return {
        str(style): sum(a.style_fit[str(style)] * a.scenes for a in audits) / scenes if scenes else 0.0
        for style in Style
    }


def mean_shares(audits: Iterable[ScenarioAudit]) -> dict[str, float]:
    """Each strategy -> its mean share over the measured scenarios."""
    by_name: dict[str, list[float]] = {}
    for audit in audits:
        if audit.measured:
            for r in audit.strategies:
                by_name.setdefault(r.name, []).append(r.share)
    return {name: statistics.fmean(v) for name, v in by_name.items()}


def audit_check(loaded: LoadedScenario, report: FileProblems) -> None:
    """The audit as a `check` scenario check: its findings as located warnings."""
    for finding in audit_scenario(loaded).findings:
        report.warning(finding.loc, finding.code, finding.message, finding.hint)
