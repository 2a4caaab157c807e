"""Graph lint for `yesable check`: what a scenario's scene graph and templates get wrong.

Runs on scenarios that loaded cleanly (through the loader's `Checks`), on top of the schema and
reference checks. Reachability comes from `simulator.analysis.reach`, a sound over-approximation:
every "never" reported here is a proof, so a pack that plays fine is never told otherwise. Every
code is in `LINT_CODES` with its severity and a one-line fix (docs/format.md lists them).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from pathlib import Path

import yaml
from jinja2 import meta, nodes

from simulator.analysis.graph import summarise
from simulator.analysis.reach import Failure, Reach, refine
from simulator.analysis.refusals import agreement_search
from simulator.content.loaded import LoadedScenario
from simulator.content.models import Choice, Persona
from simulator.content.problems import FileProblems, Loc, Severity, did_you_mean
from simulator.content.templates import parse_template, persona_templates, scenario_templates
from simulator.content.vocabulary import EndingKind
from simulator.engine.agreement import party_value, value_bounds
from simulator.engine.dialogue import MAX_STEPS, TEMPLATE_VARIABLES, Dialogue, unsupported

LINT_CODES: dict[str, tuple[Severity, str, str]] = {
    "unreachable-scene": (
        "warning",
        "no path from `start` reaches this scene",
        "lead a choice's `next` here, or remove the scene",
    ),
    "never-available": (
        "warning",
        "a choice whose `if` can never hold where it is offered",
        "make something earlier set what the `if` asks for, or loosen the `if`",
    ),
    "dead-branch": (
        "warning",
        "a branch of `next` that can never be taken",
        "loosen its `if`, or move it before the branch that always wins",
    ),
    "never-shown": (
        "warning",
        "a line whose `if` can never hold in its scene",
        "make something earlier set what the `if` asks for, or drop the `if`",
    ),
    "dead-end": (
        "error",
        "a scene (not an ending) where no choice can ever be offered: the player is stuck",
        "give the scene a choice without `if`",
    ),
    "no-exit": (
        "error",
        "a loop of scenes from which no ending can be reached",
        "give a scene of the loop a choice that leads out of it",
    ),
    "unreachable-ending": (
        "warning",
        "no path reaches this ending",
        "lead a choice's `next` here, or remove the ending",
    ),
    "no-agreement": (
        "error",
        "no path reaches an ending of kind `agreement`: the scenario cannot be won",
        "add an agreement ending and a path of choices that leads to it",
    ),
    "unknown-variable": (
        "error",
        "a template uses a name templates do not have, or `cast.<id>` with no such cast member",
        "use a name from the Templates table, or a persona id of the cast",
    ),
    "template-budget": (
        "warning",
        (
            "a template uses what dialogue does not run (macros, call blocks, recursive loops, "
            "includes) or loops more than a rendering may: the line will show as written"
        ),
        "write the line with `if` and simple loops over short lists; keep `range` under 10,000",
    ),
    "unrevealable-interest": (
        "warning",
        "a hidden interest that nothing can reveal (no probe reaches it, no `reveal`)",
        "address the stakeholder with a probing choice their trust allows, or add a `reveal` effect",
    ),
    "agreement-below-batna": (
        "warning",
        (
            "an agreement ending that some play reaches with a stakeholder below their BATNA, "
            "so they refuse it and the session goes to the ending's `refused` instead"
        ),
        (
            "settle terms worth their BATNA to everyone on the paths to this ending, or point `refused` "
            "at a scene where the negotiation can go on"
        ),
    ),
    "agreement-leaves-issues-open": (
        "warning",
        (
            "an agreement ending that some play reaches with issues never settled: each open "
            "issue counts 0 for every party in the outcome"
        ),
        (
            "settle every issue on the paths to this ending (an `effects: settle` on the choices), or "
            "guard the choice that leads here with `if: {settled: ...}`"
        ),
    ),
    "agreement-below-player-batna": (
        "warning",
        (
            "an agreement ending that some play reaches on terms worth less to the player than "
            "their BATNA (`player.batna_value`): walking away would have served them better"
        ),
        (
            "raise the player's option values on the terms reached here, lower `player.batna_value`, or "
            "make it a deliberate lesson (the debrief shows the agreement below the BATNA)"
        ),
    ),
    "yaml-comma-split": (
        "warning",
        (
            "a list written in brackets (`[a, b]`) that YAML split at a comma inside one item: "
            "`[Keep the date, not one customer]` is two items, the second `not one customer`"
        ),
        (
            'quote the item (`["Keep the date, not one customer"]`) or write the list one item per '
            "line (`- Keep the date, not one customer`)"
        ),
    ),
}
"""code -> (severity, what it means, how to fix it): docs/format.md lists them, a test checks."""

ADVISORY: frozenset[str] = frozenset(
    {"agreement-below-batna", "agreement-below-player-batna", "agreement-leaves-issues-open", "l10n-missing"}
)
"""Codes that stay warnings under `check --strict`: they describe how a scenario plays (a refusal, a
partial agreement or a bad deal for the player can be the lesson, not a defect), so a pack is not
failed for them; an untranslated line plays in the source language (`l10n-missing`).
`yaml-comma-split` is not among them: a split list is never what the author meant."""

_CONTRADICTION = "drop one of the parts that contradict each other"
_KNOWN_NAMES = frozenset(TEMPLATE_VARIABLES) | frozenset(Dialogue.globals())


def lint_scenario(loaded: LoadedScenario, report: FileProblems) -> None:
    """Every graph and template problem of a scenario that loaded cleanly, located in its file."""
    _GraphLint(loaded, report).run()
    comma_splits(loaded.path, report)
    cast = {m.persona for m in loaded.scenario.cast}
    for loc, text in scenario_templates(loaded):
        _template(loc, text, cast, report)
    for index, member in enumerate(loaded.scenario.cast):
        persona = loaded.personas[member.persona]
        for _, text in persona_templates(persona):
            for ident in _cast_refs(text) - cast:
                _report(
                    report,
                    ("cast", index, "persona"),
                    "unknown-variable",
                    f"persona {persona.id!r} says `cast.{ident}` in one of its lines, but "
                    f"{ident!r} is not in this scenario's cast",
                    did_you_mean(ident, cast),
                )


def lint_persona(persona: Persona, report: FileProblems) -> None:
    """Template names in a persona file (which cast ids exist depends on the scenario), and lists
    YAML split at a comma."""
    for loc, text in persona_templates(persona):
        _template(loc, text, None, report)
    comma_splits(Path(report.path), report)


# --------------------------------------------------------------------------- lists split at a comma

TEXT_LISTS = frozenset({"goals", "interests", "constraints", "kpis", "authors"})
"""Keys whose value is a list of plain text (the player's brief, a persona's KPIs, a pack's authors)."""


def comma_splits(path: Path, report: FileProblems) -> None:
    """Warn where a bracketed list of text (`[a, b]`) under one of `TEXT_LISTS` was split by YAML
    at a comma inside what reads as one item.

    Heuristic, from the raw YAML: an unquoted item after the first that starts with a lower-case
    letter (`[Keep the date, not one customer]`: sentences in these lists start with a capital),
    or with a digit right after an item ending in a digit (`[Reach 1,000 users]`). An author who
    means separate items can quote them or write one item per line, which is never flagged."""
    try:
        text = path.read_text(encoding="utf-8")
        root = yaml.compose(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except (OSError, UnicodeDecodeError, yaml.YAMLError, RecursionError):
        return  # the loader reports unreadable files itself
    for loc, items in _flow_text_lists(root, ()):
        for index in range(1, len(items)):
            item, before = items[index], items[index - 1]
            if item.style or before.style or not item.value or not before.value:
                continue  # quoted: the author chose where items end
            first = item.value[0]
            split_word = first.isalpha() and first.islower()
            split_number = first.isdigit() and before.value[-1:].isdigit()
            if split_word or split_number:
                joined = f"{before.value}, {item.value}"
                _report(
                    report,
                    (*loc, index),
                    "yaml-comma-split",
                    f"YAML split this bracketed list at a comma: {before.value!r} and {item.value!r} "
                    f"are two items; if you meant one ({joined!r}), quote it",
                    f'write `"{joined}"` in quotes, or the list one item per line',
                )


def _flow_text_lists(node: yaml.Node, loc: Loc) -> Iterable[tuple[Loc, list[yaml.ScalarNode]]]:
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            if not isinstance(key, yaml.ScalarNode):
                continue
            here = (*loc, key.value)
            if (
                key.value in TEXT_LISTS
                and isinstance(value, yaml.SequenceNode)
                and value.flow_style
                and all(isinstance(v, yaml.ScalarNode) for v in value.value)
            ):
                yield here, list(value.value)
            else:
                yield from _flow_text_lists(value, here)
    elif isinstance(node, yaml.SequenceNode):
        for index, value in enumerate(node.value):
            yield from _flow_text_lists(value, (*loc, index))


def _report(report: FileProblems, loc: Loc, code: str, message: str, hint: str | None = None) -> None:
    severity, _, fix = LINT_CODES[code]
    report.add(loc, code, message, severity, hint or fix)


# --------------------------------------------------------------------------- templates


def _parse(text: str) -> nodes.Template | None:
    parsed = parse_template(text)
    return parsed if isinstance(parsed, nodes.Template) else None  # template-syntax reports errors


def _template(loc: Loc, text: str, cast: set[str] | None, report: FileProblems) -> None:
    ast = _parse(text)
    if ast is None:
        return
    for name in sorted(meta.find_undeclared_variables(ast) - _KNOWN_NAMES):
        _report(
            report,
            loc,
            "unknown-variable",
            f"template uses unknown name {name!r}",
            did_you_mean(name, TEMPLATE_VARIABLES),
        )
    refused = unsupported(ast)
    if refused is not None:
        _report(
            report,
            loc,
            "template-budget",
            f"template uses {refused}, which dialogue does not run: the line will show as written",
        )
    for call in ast.find_all(nodes.Call):
        assert isinstance(call, nodes.Call)
        constant = all(isinstance(a, nodes.Const) and isinstance(a.value, int) for a in call.args)
        if (
            isinstance(call.node, nodes.Name)
            and call.node.name == "range"
            and constant
            and len(range(*(a.value for a in call.args))) > MAX_STEPS  # type: ignore[attr-defined]
        ):
            _report(
                report,
                loc,
                "template-budget",
                f"`range` of more than {MAX_STEPS:,} items: the line will show as written",
            )
    if cast is not None:
        for ident in sorted(_cast_refs_in(ast) - cast):
            _report(
                report,
                loc,
                "unknown-variable",
                f"`cast.{ident}`: {ident!r} is not in the cast",
                did_you_mean(ident, cast),
            )


def _cast_refs(text: str) -> set[str]:
    ast = _parse(text)
    return set() if ast is None else _cast_refs_in(ast)


def _cast_refs_in(ast: nodes.Template) -> set[str]:
    """Persona ids read as `cast.x` or `cast['x']` (dynamic keys cannot be checked)."""
    found: set[str] = set()
    for node in ast.find_all(nodes.Getattr):
        assert isinstance(node, nodes.Getattr)
        if isinstance(node.node, nodes.Name) and node.node.name == "cast":
            found.add(node.attr)
    for item in ast.find_all(nodes.Getitem):
        assert isinstance(item, nodes.Getitem)
        if (
            isinstance(item.node, nodes.Name)
            and item.node.name == "cast"
            and isinstance(item.arg, nodes.Const)
            and isinstance(item.arg.value, str)
        ):
            found.add(item.arg.value)
    return found


# --------------------------------------------------------------------------- the graph


class _GraphLint:
    def __init__(self, loaded: LoadedScenario, report: FileProblems) -> None:
        self.loaded = loaded
        self.scenario = loaded.scenario
        self.report = report
        self.reach = Reach(loaded)
        self.terms: dict[str, set[tuple[str | None, ...]]] = {}
        """Agreement ending -> the terms reachable plays end it with (for the suspects only)."""

    def run(self) -> None:
        s, reach = self.scenario, self.reach
        reachable = reach.reachable_scenes()
        for i, scene in enumerate(s.scenes):
            if scene.id not in reachable:
                _report(
                    self.report,
                    ("scenes", i, "id"),
                    "unreachable-scene",
                    f"scene {scene.id!r} is never reached from the start ({s.start!r})",
                )
                continue
            self._scene(i)
        edges = reach.edges()
        endings = reach.reachable_endings()
        refused = self._refusals()
        for i, ending in enumerate(s.endings):
            if ending.id not in endings and ending.id not in refused:
                _report(
                    self.report, ("endings", i, "id"), "unreachable-ending", f"ending {ending.id!r} is never reached"
                )
        self._trapped(edges)
        agreements = [i for i, e in enumerate(s.endings) if e.kind is EndingKind.AGREEMENT]
        if not agreements:
            _report(
                self.report,
                ("endings",),
                "no-agreement",
                "the scenario has no ending of kind `agreement`, so it cannot be won",
            )
        elif not any(s.endings[i].id in endings for i in agreements):
            names = ", ".join(repr(s.endings[i].id) for i in agreements)
            _report(
                self.report,
                ("endings", agreements[0], "kind"),
                "no-agreement",
                f"no path reaches an agreement ending ({names}), so the scenario cannot be won",
            )
        self._interests()
        self._agreement_terms()

    def _suspects(self) -> set[str]:
        """Agreement endings the reachability analysis says may be reached with an issue open or on
        terms below the player's BATNA (an over-approximation, proved or not by the search)."""
        s = self.scenario
        if not s.issues:
            return set()
        possible: dict[str, dict[str, set[str | None]]] = {}
        for outcome in self.reach.outcomes.values():
            if outcome.available is None:
                continue
            for dest, arrived in outcome.arrivals:
                if s.is_ending(dest) and s.ending(dest).kind is EndingKind.AGREEMENT:
                    merged = possible.setdefault(dest, {i.id: set() for i in s.issues})
                    for issue in s.issues:
                        merged[issue.id] |= arrived.settled.get(issue.id, frozenset({None}))
        suspects = set()
        for ending, settled in possible.items():
            bounds = value_bounds(s, settled, "player")
            if any(None in options for options in settled.values()) or (
                bounds is not None and bounds[0] < s.player.batna_value
            ):
                suspects.add(ending)
        return suspects

    def _agreement_terms(self) -> None:
        """Agreements some play ends with issues left open, or on terms worth less to the player than
        their BATNA, each proved by a concrete play the search found (nothing past its bound)."""
        s = self.scenario
        index = {ending.id: i for i, ending in enumerate(s.endings)}
        issues = [i.id for i in s.issues]
        for ending_id, all_terms in self.terms.items():
            if not all_terms:
                continue
            ordered = sorted(all_terms, key=lambda t: tuple("" if o is None else o for o in t))
            loc: Loc = ("endings", index[ending_id], "id")
            open_issues = [issue for k, issue in enumerate(issues) if any(t[k] is None for t in ordered)]
            if open_issues:
                example = next(t for t in ordered if any(o is None for o in t))
                _report(
                    self.report,
                    loc,
                    "agreement-leaves-issues-open",
                    f"agreement {ending_id!r} can be reached with {_names(open_issues)} never settled "
                    f"(e.g. {_terms(issues, example)}): an open issue counts 0 for every party",
                )
            values = [(party_value(s, dict(zip(issues, t, strict=True)), "player") or 0.0, t) for t in ordered]
            worst, terms = min(values, key=lambda v: v[0])
            if worst < s.player.batna_value:
                _report(
                    self.report,
                    loc,
                    "agreement-below-player-batna",
                    f"agreement {ending_id!r} can be reached on terms worth {worst:g} to the player, "
                    f"below their BATNA of {s.player.batna_value} ({_terms(issues, terms)})",
                )

    def _refusals(self) -> set[str]:
        """Report agreements some play reaches with a stakeholder below their BATNA (proved by the
        exhaustive table search; nothing when the scenario is too large to search); returns the
        endings every path to which is refused (reported here rather than as unreachable)."""
        searched = agreement_search(self.loaded, self._suspects(), possible=self.reach.refusals())
        if searched is None:
            return set()
        found, self.terms = searched
        if not found:
            return set()
        index = {ending.id: i for i, ending in enumerate(self.scenario.endings)}
        names = {pid: p.name for pid, p in self.loaded.personas.items()}
        for r in found:
            terms = ", ".join(f"{issue}: {option or 'open'}" for issue, option in r.terms.items())
            always = " (every path to it is refused)" if r.always else ""
            _report(
                self.report,
                ("endings", index[r.ending], "id"),
                "agreement-below-batna",
                f"agreement {r.ending!r} can be reached with {r.persona} ({names.get(r.persona, r.persona)}) "
                f"below their BATNA: the terms ({terms}) are worth {r.value:g} to them against "
                f"{r.batna_value} for walking away, so they refuse and the session goes to "
                f"{r.goes_to!r} instead{always}",
            )
        return {r.ending for r in found if r.always}

    def _scene(self, index: int) -> None:
        scene = self.scenario.scenes[index]
        state = self.reach.states[scene.id]
        for j, line in enumerate(scene.lines):
            shown, why = refine(state, line.if_)
            if shown is None and why is not None:
                _report(
                    self.report,
                    ("scenes", index, "lines", j, "if"),
                    "never-shown",
                    f"this line is never shown: {self._why(why, scene.id)}",
                    _CONTRADICTION if why.contradictory else None,
                )
        offered = False
        for j, choice in enumerate(scene.choices):
            loc: Loc = ("scenes", index, "choices", j)
            outcome = self.reach.outcomes[(scene.id, choice.id)]
            if outcome.available is None:
                if outcome.why_not is not None:
                    _report(
                        self.report,
                        (*loc, "if"),
                        "never-available",
                        f"choice {choice.id!r} is never offered: {self._why(outcome.why_not, scene.id)}",
                        _CONTRADICTION if outcome.why_not.contradictory else None,
                    )
                continue
            offered = True
            if isinstance(choice.next, str):
                continue
            for k, (dest, arrived, why, shadowed) in enumerate(outcome.branches):
                if arrived is not None:
                    continue
                if shadowed is not None:
                    earlier = choice.branches[shadowed]
                    condition = f" (`{summarise(earlier.if_)}`)" if earlier.if_ is not None else ""
                    message = f"the earlier branch to {earlier.to!r} always holds here{condition}"
                elif why is not None:
                    message = self._why(why, scene.id, after=choice.id)
                else:  # pragma: no cover - a branch fails only for a reason
                    continue
                _report(
                    self.report,
                    (*loc, "next", k),
                    "dead-branch",
                    f"the branch to {dest!r} is never taken: {message}",
                    _CONTRADICTION if why is not None and why.contradictory else _own_effect_hint(choice, why),
                )
        if not offered:
            _report(
                self.report,
                ("scenes", index, "id"),
                "dead-end",
                f"no choice of scene {scene.id!r} can ever be offered: the player is stuck here",
            )

    def _trapped(self, edges: Mapping[str, set[str]]) -> None:
        """Reachable scenes from which no ending can be reached, reported once per loop."""
        s = self.scenario
        can_end: set[str] = set()
        changed = True
        while changed:
            changed = False
            for sid, dests in edges.items():
                if sid not in can_end and any(s.is_ending(d) or d in can_end for d in dests):
                    can_end.add(sid)
                    changed = True
        trapped = [scene.id for scene in s.scenes if scene.id in edges and scene.id not in can_end]
        done: set[str] = set()
        index = {scene.id: i for i, scene in enumerate(s.scenes)}
        for sid in trapped:
            if sid in done:
                continue
            loop = _cycle_through(sid, edges, set(trapped))
            if not loop:
                continue
            done.update(loop)
            if len(loop) == 1:
                what = f"scene {sid!r} leads only back to itself"
            else:
                names = ", ".join(repr(x) for x in _ordered(loop, index)[:6])
                what = f"scenes {names}{' ...' if len(loop) > 6 else ''} lead only to each other"
            _report(self.report, ("scenes", index[sid], "id"), "no-exit", f"{what}: no ending can be reached from here")

    def _interests(self) -> None:
        revealable = self.reach.revealable()
        for i, member in enumerate(self.scenario.cast):
            for j, interest in enumerate(member.interests):
                if interest.hidden and f"{member.persona}.{interest.id}" not in revealable:
                    _report(
                        self.report,
                        ("cast", i, "interests", j, "id"),
                        "unrevealable-interest",
                        f"hidden interest {member.persona}.{interest.id} can never be revealed: "
                        f"{self._reveal_why(member.persona, interest.reveal_trust)}",
                    )
            persona = self.loaded.personas[member.persona]
            for interest in persona.interests:
                if interest.hidden and f"{member.persona}.{interest.id}" not in revealable:
                    _report(
                        self.report,
                        ("cast", i, "persona"),
                        "unrevealable-interest",
                        f"{member.persona}'s hidden interest {interest.id!r} can never be "
                        f"revealed in this scenario: "
                        f"{self._reveal_why(member.persona, interest.reveal_trust)}",
                    )

    def _reveal_why(self, who: str, needed: int) -> str:
        probes = [p for p in self.reach.plans.values() if any(q.who == who for q in p.probes)]
        if not probes:
            return f"no probing choice addresses {who} and no `reveal` effect names it"
        return (
            f"no probing choice addressing {who} is offered when their trust can be "
            f"{needed} or more, and no `reveal` effect names it"
        )

    def _why(self, failure: Failure, scene: str, after: str | None = None) -> str:
        """Why a condition cannot hold, in an author's words."""
        f = failure
        where = f"after choice {after!r}" if after else f"in scene {scene!r}"
        if f.kind == "any":
            return f"none of the `any` alternatives can hold {where}"
        if f.contradictory:
            return _contradiction(f)
        if f.kind == "flag":
            if f.wanted == "set" and f.ident not in self.reach.sets_flag:
                return f"it needs flag {f.ident!r}, which no choice sets"
            return f"flag {f.ident!r} is {_never(f.wanted)} {where}"
        if f.kind == "revealed":
            if f.wanted == "revealed" and f.ident not in self.reach.revealable():
                return f"it needs {f.ident} revealed, which nothing can reveal"
            return f"{f.ident} is {_never(f.wanted)} {where}"
        if f.kind == "chosen":
            if f.wanted == "chosen" and not any(
                o.available is not None for (_, cid), o in self.reach.outcomes.items() if cid == f.ident
            ):
                return f"it needs choice {f.ident!r}, which is never offered"
            return f"choice {f.ident!r} is {_never(f.wanted)} {where}"
        if f.kind == "visited":
            if f.ident not in self.reach.states:
                return f"it needs scene {f.ident!r} visited, which is never reached"
            return f"scene {f.ident!r} is never visited {where}"
        if f.kind in ("trust", "satisfaction"):
            return f"{f.ident}'s {f.kind} is never {f.wanted} {where}"
        return f"issue {f.ident!r} is never {f.wanted} {where}"


def _contradiction(f: Failure) -> str:
    """Why a condition whose own parts contradict each other cannot hold."""
    what = {"flag": "flag", "revealed": "interest", "chosen": "choice", "visited": "scene", "settled": "issue"}.get(
        f.kind, f"{f.ident}'s"
    )
    part = f"{f.kind}" if f.kind in ("trust", "satisfaction") else repr(f.ident)
    if f.kind in ("trust", "satisfaction"):
        return f"its parts contradict each other (or the 0-100 range) on {what} {part}"
    return f"its parts contradict each other on {what} {part}"


def _names(ids: list[str]) -> str:
    quoted = [repr(i) for i in ids]
    return ("issue " + quoted[0]) if len(quoted) == 1 else "issues " + ", ".join(quoted[:-1]) + " and " + quoted[-1]


def _terms(issues: list[str], terms: tuple[str | None, ...]) -> str:
    return ", ".join(f"{issue}: {option or 'open'}" for issue, option in zip(issues, terms, strict=True))


def _own_effect_hint(choice: Choice, why: Failure | None) -> str | None:
    """A hint when a branch fails on what its own choice just did (branches see the effects)."""
    if why is None:
        return None
    effects = choice.effects
    own = (
        why.kind == "flag"
        and why.ident in (*effects.set, *effects.clear)
        or why.kind == "revealed"
        and why.ident in effects.reveal
        or why.kind == "settled"
        and why.ident in effects.settle
    )
    if not own:
        return None
    return f"branches are tried after the choice's effects, and {choice.id!r} changes {why.ident!r} itself"


def _never(wanted: str) -> str:
    """ "never set" for a condition asking `set`, "always set" for one asking `not set`."""
    return f"always {wanted[4:]}" if wanted.startswith("not ") else f"never {wanted}"


def _cycle_through(start: str, edges: Mapping[str, Iterable[str]], within: set[str]) -> set[str]:
    """The strongly connected part of `within` holding `start`, if it is a loop (else empty)."""
    forward = _closure(start, lambda x: (d for d in edges.get(x, ()) if d in within))
    backward = _closure(start, lambda x: (s for s in within if x in edges.get(s, ())))
    loop = forward & backward
    if loop == {start} and start not in edges.get(start, ()):
        return set()
    return loop


def _closure(start: str, step: Callable[[str], Iterable[str]]) -> set[str]:
    seen = {start}
    todo = [start]
    while todo:
        for nxt in step(todo.pop()):
            if nxt not in seen:
                seen.add(nxt)
                todo.append(nxt)
    return seen


def _ordered(ids: Iterable[str], index: Mapping[str, int]) -> list[str]:
    return sorted(ids, key=lambda x: index[x])
