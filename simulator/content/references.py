"""Cross-reference checks: every id a scenario mentions names something that exists, once.

Models validate one document; these checks need the whole scenario and the personas its cast
names. Each finding is reported at the YAML path of the offending value, so the loader can place
it at `file:line:col`.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping, Sequence

from simulator.content.models import (
    PLAYER,
    Choice,
    Condition,
    Effect,
    Persona,
    Scenario,
    Scene,
)
from simulator.content.problems import FileProblems, Loc, did_you_mean
from simulator.content.tables import check_tables
from simulator.content.vocabulary import EndingKind


def check_persona(persona: Persona, report: FileProblems) -> None:
    """Problems inside one persona file that its model cannot see: duplicate interest ids."""
    _unique(report, "interest", ((("interests", i, "id"), x.id) for i, x in enumerate(persona.interests)))


def check_scenario(
    scenario: Scenario, personas: Mapping[str, Persona], report: FileProblems, broken: Collection[str] = ()
) -> None:
    """Report every dangling or duplicate reference in `scenario`, given the personas available.

    `broken` are persona ids whose files have errors of their own: references to them are not
    reported again.
    """
    _ScenarioChecks(scenario, personas, report, broken).run()


def _unique(
    report: FileProblems, what: str, items: Iterable[tuple[Loc, str]], seen: dict[str, Loc] | None = None
) -> dict[str, Loc]:
    seen = {} if seen is None else seen
    for loc, ident in items:
        if ident in seen:
            report.error(loc, "duplicate-id", f"duplicate {what} id {ident!r}")
        else:
            seen[ident] = loc
    return seen


class _ScenarioChecks:
    def __init__(
        self, scenario: Scenario, personas: Mapping[str, Persona], report: FileProblems, broken: Collection[str]
    ) -> None:
        self.scenario = scenario
        self.personas = personas
        self.report = report
        self.broken = broken
        self.cast = [member.persona for member in scenario.cast]
        self.scenes = {scene.id for scene in scenario.scenes}
        self.endings = {ending.id for ending in scenario.endings}
        self.choices = {choice.id for scene in scenario.scenes for choice in scene.choices}
        self.issues = {issue.id: {o.id for o in issue.options} for issue in scenario.issues}
        self.interests = self._interests()

    def run(self) -> None:
        s, report = self.scenario, self.report
        self._cast()
        scene_ids = _unique(report, "scene", ((("scenes", i, "id"), x.id) for i, x in enumerate(s.scenes)))
        _unique(
            report, "scene or ending", ((("endings", i, "id"), x.id) for i, x in enumerate(s.endings)), dict(scene_ids)
        )
        _unique(report, "issue", ((("issues", i, "id"), x.id) for i, x in enumerate(s.issues)))
        self._issues()
        if s.start not in self.scenes:
            self._dangling(("start",), s.start, self.scenes, "scene", " (start must be a scene)")
        if s.walkout is not None and s.walkout not in self.endings:
            self._dangling(("walkout",), s.walkout, self.endings, "ending")
        for index, scene in enumerate(s.scenes):
            self._scene(("scenes", index), scene)
        self._refusals()
        if s.prep is not None:
            cast = [member.persona for member in s.cast]
            for index, who in enumerate(s.prep.meet_first):
                if who not in cast:
                    self._dangling(("prep", "meet_first", index), who, cast, "cast member")
        check_tables(s, report, self.interests, self._dangling)

    def _refusals(self) -> None:
        """Where refused agreements go (engine.agreement): a scene or a non-agreement ending."""
        s = self.scenario
        kinds = {ending.id: ending.kind for ending in s.endings}
        targets = self.scenes | self.endings
        for index, ending in enumerate(s.endings):
            loc: Loc = ("endings", index, "refused")
            if ending.refused is None:
                continue
            if ending.kind is not EndingKind.AGREEMENT:
                self.report.warning(
                    loc,
                    "unused-refused",
                    f"ending {ending.id!r} is a{'n' if ending.kind[0] in 'aei' else ''} "
                    f"{ending.kind}, not an agreement, so nobody refuses it and `refused` "
                    "is never used",
                    "remove `refused`, or make the ending an agreement",
                )
            elif ending.refused not in targets:
                self._dangling(loc, ending.refused, targets, "scene or ending")
            elif kinds.get(ending.refused) is EndingKind.AGREEMENT:
                self.report.error(
                    loc,
                    "refused-to-agreement",
                    f"a refused agreement cannot go to another agreement "
                    f"({ending.refused!r}): the same terms would be refused there too",
                    "point `refused` at a scene where the negotiation goes on, or at an "
                    "impasse, escalation or walkout ending",
                )
        if (
            not s.issues
            or any(k is EndingKind.IMPASSE for k in kinds.values())
            or all(m.batna_value == 0 for m in s.cast)
        ):  # nobody can ever refuse
            return
        walkout = (
            s.walkout
            if s.walkout in kinds
            else next(
                (e.id for kind in (EndingKind.WALKOUT, EndingKind.ESCALATION) for e in s.endings if e.kind is kind),
                s.endings[-1].id,
            )
        )
        if kinds[walkout] is not EndingKind.AGREEMENT:  # the default (engine.agreement.default_refusal)
            return
        for index, ending in enumerate(s.endings):
            if ending.kind is EndingKind.AGREEMENT and ending.refused is None:
                self.report.error(
                    ("endings", index, "id"),
                    "refused-to-agreement",
                    f"agreement {ending.id!r} has nowhere to go when a stakeholder refuses "
                    "it: the scenario has no impasse, escalation or walkout ending",
                    "give the ending `refused: <scene or ending>`, or add an impasse ending",
                )

    def _interests(self) -> dict[str, set[str]]:
        known: dict[str, set[str]] = {}
        for member in self.scenario.cast:
            persona = self.personas.get(member.persona)
            own = {i.id for i in persona.interests} if persona else set()
            known[member.persona] = own | {i.id for i in member.interests}
        return known

    def _cast(self) -> None:
        _unique(
            self.report, "cast persona", ((("cast", i, "persona"), m.persona) for i, m in enumerate(self.scenario.cast))
        )
        for index, member in enumerate(self.scenario.cast):
            persona = self.personas.get(member.persona)
            if persona is None and member.persona in self.broken:
                continue
            if persona is None:
                self._dangling(("cast", index, "persona"), member.persona, self.personas, "persona")
                continue
            seen: dict[str, Loc] = {i.id: ("cast", index) for i in persona.interests}
            items = ((("cast", index, "interests", j, "id"), x.id) for j, x in enumerate(member.interests))
            _unique(self.report, f"interest of {member.persona}", items, seen)

    def _issues(self) -> None:
        parties = [PLAYER, *self.cast]
        for i, issue in enumerate(self.scenario.issues):
            _unique(
                self.report,
                f"option of issue {issue.id!r}",
                ((("issues", i, "options", j, "id"), o.id) for j, o in enumerate(issue.options)),
            )
            for j, option in enumerate(issue.options):
                loc: Loc = ("issues", i, "options", j, "values")
                for party in option.values:
                    if party not in parties:
                        self._dangling(
                            (*loc, party, "[key]"),
                            party,
                            parties,
                            "party",
                            " (values are keyed by `player` or a cast persona id)",
                        )
                missing = [p for p in parties if p not in option.values]
                if missing:
                    self.report.error(
                        loc,
                        "missing-value",
                        f"option {option.id!r} has no value for {', '.join(missing)}",
                        "every party (player and each cast member) needs a value 0-100",
                    )

    def _scene(self, loc: Loc, scene: Scene) -> None:
        for i, who in enumerate(scene.present):
            self._cast_ref((*loc, "present", i), who)
        _unique(
            self.report,
            f"choice in scene {scene.id!r}",
            (((*loc, "choices", i, "id"), c.id) for i, c in enumerate(scene.choices)),
        )
        for i, line in enumerate(scene.lines):
            self._present_ref((*loc, "lines", i, "speaker"), line.speaker, scene)
            if line.if_ is not None:
                self._condition((*loc, "lines", i, "if"), line.if_)
        for i, choice in enumerate(scene.choices):
            self._choice((*loc, "choices", i), choice, scene)

    def _choice(self, loc: Loc, choice: Choice, scene: Scene) -> None:
        for i, who in enumerate(choice.to or []):
            self._present_ref((*loc, "to", i), who, scene)
        for who in choice.reply:
            self._present_ref((*loc, "reply", who, "[key]"), who, scene)
            if choice.to is not None and who in scene.present and who not in choice.to:
                self.report.warning(
                    (*loc, "reply", who, "[key]"),
                    "unused-reply",
                    f"{who!r} is not addressed by this choice (`to`), so this reply is never said",
                )
        if choice.if_ is not None:
            self._condition((*loc, "if"), choice.if_)
        self._effect((*loc, "effects"), choice.effects)
        targets = self.scenes | self.endings
        if isinstance(choice.next, str):
            if choice.next not in targets:
                self._dangling((*loc, "next"), choice.next, targets, "scene or ending")
            return
        last = len(choice.next) - 1
        for i, branch in enumerate(choice.next):
            branch_loc: Loc = (*loc, "next", i)
            if branch.to not in targets:
                self._dangling((*branch_loc, "to"), branch.to, targets, "scene or ending")
            if branch.if_ is not None:
                self._condition((*branch_loc, "if"), branch.if_)
                if i == last:
                    self.report.error(
                        (*branch_loc, "if"),
                        "branch-order",
                        "the last branch must have no `if`, so the choice always leads somewhere",
                    )
            elif i != last:
                self.report.error(
                    branch_loc,
                    "branch-order",
                    "a branch without `if` must come last: the branches after it can never be taken",
                )

    def _condition(self, loc: Loc, cond: Condition) -> None:
        self._condition_people(loc, cond)
        self._condition_facts(loc, cond)
        for i, nested in enumerate(cond.any):
            self._condition((*loc, "any", i), nested)

    def _condition_people(self, loc: Loc, cond: Condition) -> None:
        """The interests and cast members a condition names (its nested `any` aside)."""
        for key, refs in (("revealed", cond.revealed), ("not_revealed", cond.not_revealed)):
            for i, ref in enumerate(refs):
                self._interest_ref((*loc, key, i), ref)
        for key, meters in (
            ("trust_at_least", cond.trust_at_least),
            ("trust_below", cond.trust_below),
            ("satisfaction_at_least", cond.satisfaction_at_least),
            ("satisfaction_below", cond.satisfaction_below),
        ):
            for who in meters:
                self._cast_ref((*loc, key, who, "[key]"), who)

    def _condition_facts(self, loc: Loc, cond: Condition) -> None:
        """The choices, scenes and issues a condition names (its nested `any` aside)."""
        self._known_ids((*loc, "chosen"), cond.chosen, self.choices, "choice")
        self._known_ids((*loc, "not_chosen"), cond.not_chosen, self.choices, "choice")
        self._known_ids((*loc, "visited"), cond.visited, self.scenes, "scene")
        self._settled((*loc, "settled"), cond.settled)
        self._known_ids((*loc, "unsettled"), cond.unsettled, self.issues, "issue")

    def _known_ids(self, loc: Loc, ids: Sequence[str], known: Collection[str], what: str) -> None:
        """Each id of the list at `loc` is one of `known`, or a dangling reference to a `what`."""
        for i, ident in enumerate(ids):
            if ident not in known:
                self._dangling((*loc, i), ident, known, what)

    def _effect(self, loc: Loc, effect: Effect) -> None:
        for key, meters in (("trust", effect.trust), ("satisfaction", effect.satisfaction)):
            for who in meters:
                self._cast_ref((*loc, key, who, "[key]"), who)
        for i, ref in enumerate(effect.reveal):
            self._interest_ref((*loc, "reveal", i), ref)
        self._settled((*loc, "settle"), effect.settle)

    def _settled(self, loc: Loc, settled: Mapping[str, str]) -> None:
        for issue, option in settled.items():
            if issue not in self.issues:
                self._dangling((*loc, issue, "[key]"), issue, self.issues, "issue")
            elif option not in self.issues[issue]:
                self._dangling((*loc, issue), option, self.issues[issue], f"option of issue {issue!r}")

    def _interest_ref(self, loc: Loc, ref: str) -> None:
        who, _, interest = ref.partition(".")
        if who not in self.interests:
            self._dangling(loc, who, self.cast, "cast member", f" in {ref!r}")
        elif interest not in self.interests[who] and who not in self.broken:
            self._dangling(loc, interest, self.interests[who], f"interest of {who}", f" in {ref!r}")

    def _cast_ref(self, loc: Loc, who: str) -> bool:
        if who in self.cast:
            return True
        self._dangling(loc, who, self.cast, "cast member")
        return False

    def _present_ref(self, loc: Loc, who: str, scene: Scene) -> None:
        if self._cast_ref(loc, who) and who not in scene.present:
            self.report.error(
                loc,
                "not-present",
                f"{who!r} is not present in scene {scene.id!r}",
                f"present: {', '.join(scene.present)}",
            )

    def _dangling(self, loc: Loc, ident: str, known: Iterable[str], what: str, where: str = "") -> None:
        code = {
            "persona": "unknown-persona",
            "scene": "unknown-scene",
            "scene or ending": "unknown-scene",
            "ending": "unknown-scene",
        }.get(what, "unknown-ref")
        self.report.error(loc, code, f"unknown {what} {ident!r}{where}", did_you_mean(ident, known))
