"""What a library of scenarios covers: objectives, functions, difficulty, multi-party meetings.

`docs/library.md` is generated from this (`python -m simulator.analysis.coverage > docs/library.md`;
a test fails when the page drifts from the bundled packs), and the coverage tests read it too. So is
the table of bundled personas in docs/format.md (`python -m simulator.analysis.coverage --personas
docs/format.md` rewrites it between its markers; a test keeps it in sync).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from simulator.content.loaded import LoadedScenario
from simulator.content.models import Persona, Scenario, Scene
from simulator.content.vocabulary import OBJECTIVE_TITLES, Difficulty, Function, Objective


@dataclass(frozen=True)
class Row:
    ref: str
    title: str
    difficulty: Difficulty
    minutes: int
    objectives: list[Objective]
    functions: list[Function]
    multi_party: bool
    """Some scene puts two or more stakeholders in the room who want different options."""


def conflicting_meetings(scenario: Scenario) -> list[Scene]:
    """Scenes where two or more present stakeholders rank some issue's options differently at the top."""
    favourites = {
        member.persona: {
            issue.id: max(issue.options, key=lambda o: o.values.get(member.persona, 0)).id for issue in scenario.issues
        }
        for member in scenario.cast
    }
    found = []
    for scene in scenario.scenes:
        if len(scene.present) < 2:
            continue
        if any(len({favourites[p][issue.id] for p in scene.present}) > 1 for issue in scenario.issues):
            found.append(scene)
    return found


def row(loaded: LoadedScenario) -> Row:
    scenario = loaded.scenario
    functions = list(dict.fromkeys(loaded.personas[m.persona].function for m in scenario.cast))
    return Row(
        loaded.ref,
        scenario.title,
        scenario.difficulty,
        scenario.minutes,
        list(scenario.objectives),
        functions,
        bool(conflicting_meetings(scenario)),
    )


def dialogue(scenario: Scenario) -> Iterator[str]:
    """Every line of text a scenario itself has people say or narrate (persona voices excluded)."""
    for member in scenario.cast:
        for interest in member.interests:
            if interest.reveal_line:
                yield interest.reveal_line
    for scene in scenario.scenes:
        if scene.narration:
            yield scene.narration
        for line in scene.lines:
            yield line.text
        for choice in scene.choices:
            yield choice.text
            yield from choice.reply.values()
    for ending in scenario.endings:
        yield ending.text


def shared_lines(scenarios: Iterable[LoadedScenario]) -> dict[str, list[str]]:
    """Lines of dialogue that appear in more than one scenario, with the scenarios using them."""
    users: dict[str, set[str]] = {}
    for loaded in scenarios:
        for text in dialogue(loaded.scenario):
            key = " ".join(text.split()).casefold()
            users.setdefault(key, set()).add(loaded.ref)
    return {text: sorted(refs) for text, refs in users.items() if len(refs) > 1}


def library_markdown(scenarios: list[LoadedScenario]) -> str:
    rows = [row(s) for s in scenarios]
    out = [
        "# The scenario library",
        "",
        "Every bundled scenario with the learning objectives it trains (codes from the course, below),",
        "the functions of the stakeholders across the table, its difficulty and playing time. A scenario",
        "marked *multi-party* puts stakeholders who want different things in one meeting.",
        "Generated from the packs: `python -m simulator.analysis.coverage > docs/library.md`.",
        "",
        "| scenario | title | difficulty | minutes | objectives | functions | multi-party |",
        "|---|---|---|---:|---|---|---|",
    ]
    for r in rows:
        out.append(
            f"| `{r.ref}` | {r.title} | {r.difficulty} | {r.minutes} | "
            f"{', '.join(o.value for o in r.objectives)} | {', '.join(f.value for f in r.functions)} | "
            f"{'yes' if r.multi_party else ''} |"
        )
    out += ["", "## Objectives", "", "| code | objective | scenarios |", "|---|---|---|"]
    for objective in Objective:
        refs = [f"`{r.ref.split('/')[1]}`" for r in rows if objective in r.objectives]
        out.append(f"| {objective.value} | {OBJECTIVE_TITLES[objective]} | {', '.join(refs) or '—'} |")
    out += ["", "## Functions", "", "| function | scenarios |", "|---|---|"]
    for function in Function:
        refs = [f"`{r.ref.split('/')[1]}`" for r in rows if function in r.functions]
        out.append(f"| {function.value} | {', '.join(refs) or '—'} |")
    out += ["", "## Difficulty", ""]
    for level in Difficulty:
        refs = [f"`{r.ref.split('/')[1]}`" for r in rows if r.difficulty is level]
        out.append(f"- **{level.value}** ({len(refs)}): {', '.join(refs)}")
    return "\n".join(out) + "\n"


PERSONAS_START = (
    "<!-- bundled personas: generated by python -m simulator.analysis.coverage --personas docs/format.md -->"
)
PERSONAS_END = "<!-- end of bundled personas -->"


def persona_table(personas: Iterable[Persona]) -> str:
    """The bundled personas an author may cast, as a Markdown table ordered by id."""
    out = ["| id | name | title | function | quadrant |", "|---|---|---|---|---|"]
    for p in sorted(personas, key=lambda p: p.id):
        out.append(f"| `{p.id}` | {_cell(p.name)} | {_cell(p.title)} | {p.function.value} | {p.quadrant.value} |")
    return "\n".join(out) + "\n"


def with_persona_table(doc: str, table: str) -> str:
    """`doc` with the text between its persona markers replaced by `table`."""
    head, found, rest = doc.partition(PERSONAS_START + "\n")
    if not found or PERSONAS_END not in rest:
        raise ValueError("the page has no bundled-personas markers")
    return head + PERSONAS_START + "\n" + table + PERSONAS_END + rest.split(PERSONAS_END, 1)[1]


def bundled_persona_list() -> list[Persona]:
    from simulator.content.loader import load_personas
    from simulator.content.locations import bundled_personas

    return [f.persona for f in load_personas(bundled_personas()).files.values()]


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _main() -> None:
    import sys
    from pathlib import Path

    from simulator.content.loader import load_library

    if sys.argv[1:2] == ["--personas"]:
        page = Path(sys.argv[2]) if len(sys.argv) > 2 else None
        table = persona_table(bundled_persona_list())
        if page is None:
            print(table, end="")
        else:
            from simulator.storage.files import SHARED, atomic_write

            atomic_write(page, with_persona_table(page.read_text(encoding="utf-8"), table), mode=SHARED)
        return
    library = load_library(include_user=False)
    print(library_markdown(list(library.scenarios())), end="")


if __name__ == "__main__":
    _main()
