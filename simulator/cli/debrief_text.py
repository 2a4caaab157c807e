"""Plain-text and JSON renderings of a played session, for `yesable run` and friends."""

from __future__ import annotations

import textwrap
from typing import TYPE_CHECKING, Any

from simulator.content.loaded import LoadedScenario
from simulator.content.vocabulary import Style
from simulator.engine import Session, Utterance
from simulator.scoring import COMPONENTS, Debrief, Lesson
from simulator.scoring.lesson import zopa_json, zopa_lines
from simulator.scoring.next_step import Candidate

if TYPE_CHECKING:
    from simulator.content.loader import Library
    from simulator.scoring.prep import PrepSheet

WIDTH = 78


def candidates_of(library: Library) -> list[Candidate]:
    """Every installed scenario, as the next-scenario rule sees it."""
    return [Candidate(loaded.ref, loaded.scenario.title, str(loaded.scenario.difficulty),
                      tuple(str(o) for o in loaded.scenario.objectives))
            for pack in library.packs for loaded in pack.scenarios.values()]


def speaker_name(loaded: LoadedScenario, speaker: str | None) -> str | None:
    if speaker is None:
        return None
    persona = loaded.personas.get(speaker)
    return persona.name if persona else speaker


def utterance_text(loaded: LoadedScenario, utterance: Utterance) -> str:
    name = speaker_name(loaded, utterance.speaker)
    if name is None:
        return textwrap.fill(utterance.text, WIDTH)
    return textwrap.fill(f"{name}: {utterance.text}", WIDTH, subsequent_indent="    ")


def move_verdict(lesson: Lesson, index: int) -> str:
    """`label` or `label, regret N`: what a move earned, in one bracket's worth of words."""
    label = lesson.labels[index]
    regret = lesson.regret(index)
    return f"{label}, regret {regret:.0f}" if regret else label


def prep_text(loaded: LoadedScenario, sheet: PrepSheet | None) -> list[str]:
    """The preparation sheet against the pack's truth, one item a line (none without a sheet)."""
    if sheet is None:
        return []
    from simulator.scoring.prep import grade_prep, grade_rows

    grade = grade_prep(loaded, sheet)
    out = [f"Preparation sheet: {grade.score}/100 (item: your read | the truth | credit)"]
    for item, answer, truth, credit in grade_rows(loaded, grade):
        out.append(textwrap.fill(f"{item}: {answer} | {truth} | {credit}%", WIDTH,
                                 initial_indent="  - ", subsequent_indent="      "))
    return out


def debrief_text(loaded: LoadedScenario, debrief: Debrief, lesson: Lesson,
                 prep: PrepSheet | None = None) -> str:
    scenario = loaded.scenario
    out: list[str] = ["", "=" * WIDTH, f"Debrief: {scenario.title}", "=" * WIDTH]
    if debrief.ending is None:
        out.append("The scenario has not ended yet.")
    else:
        ending = scenario.ending(debrief.ending)
        out.append(f"Ending: {ending.title} ({ending.kind})")
    scores = debrief.scores
    out.append(f"Total: {scores['total']}/100   " + "   ".join(f"{c} {scores[c]}" for c in COMPONENTS))
    if debrief.agreement:
        out.append("Agreement:")
        for issue in scenario.issues:
            option_id = debrief.agreement.get(issue.id)
            title = next((o.title for o in issue.options if o.id == option_id), "unsettled")
            out.append(f"  - {issue.title}: {title}")
    out.append("Against each side's BATNA:")
    for party in debrief.parties:
        value = "no agreement" if party.value is None else f"{party.value:.0f}"
        mark = "above" if party.above_batna else "below"
        out.append(f"  - {party.name}: {value} vs BATNA {party.batna_value} ({mark})")
    if lesson.zopa is not None:
        out += [textwrap.fill(line, WIDTH, initial_indent="  ", subsequent_indent="    ")
                for line in zopa_lines(loaded, lesson.zopa)]
    if debrief.hidden_found or debrief.hidden_missed:
        out.append(f"Hidden interests found: {len(debrief.hidden_found)} of "
                   f"{len(debrief.hidden_found) + len(debrief.hidden_missed)}")
        for ref in debrief.hidden_found:
            out.append(f"  + {interest_text(loaded, ref)}")
        hints = {h.interest: h for h in lesson.hints}
        for ref in debrief.hidden_missed:
            out.append(f"  - missed: {interest_text(loaded, ref)}")
            hint = hints.get(ref)
            if hint is not None:
                out.append(textwrap.fill(f"would have surfaced it: {hint.scene_title}: {hint.text}", WIDTH,
                                         initial_indent="      ", subsequent_indent="      "))
    out.append("Style profile:")
    for style in Style:
        share = debrief.styles[str(style)]
        out.append(f"  {style!s:<13} {'#' * round(share * 30):<30} {share:4.0%}")
    basis = ("labelled by regret: best 0, good <= 2, inaccuracy <= 5, mistake <= 10, blunder more"
             if lesson.basis == "regret" else "labelled by their tags: the scenario was not solved")
    out.append(f"Moves ({basis}):")
    for index, graded in enumerate(debrief.moves):
        move, grade = graded.move, graded.grade
        out.append(f"  {index + 1}. [{move_verdict(lesson, index)}] {move.scene} / {move.choice} ({move.style})")
        out.append(textwrap.fill(grade.reason, WIDTH, initial_indent="     ", subsequent_indent="     "))
        if move.refused_by:
            names = ", ".join(speaker_name(loaded, who) or who for who in move.refused_by)
            out.append(textwrap.fill(
                f"Refused by {names}: the terms were worth less to them than their BATNA, so the "
                f"move led to {move.to} instead.", WIDTH, initial_indent="     ", subsequent_indent="     "))
        note = lesson.notes[index]
        if note:
            out.append(textwrap.fill(f"Note: {note}", WIDTH, initial_indent="     ", subsequent_indent="     "))
        better = lesson.better(index)
        if better is not None:
            out.append(textwrap.fill(f"Better here (+{better.gain:.0f}): [{better.choice}] {better.text}", WIDTH,
                                     initial_indent="     ", subsequent_indent="       "))
    out += prep_text(loaded, prep)
    if lesson.next is not None:
        out.append(f"Next: {lesson.next.title} ({lesson.next.ref})")
        out.append(textwrap.fill(f"Why: {lesson.next.why}.", WIDTH, initial_indent="  ", subsequent_indent="  "))
    return "\n".join(out)


def interest_text(loaded: LoadedScenario, ref: str) -> str:
    who, interest_id = ref.split(".", 1)
    member = loaded.scenario.cast_member(who)
    for interest in (*member.interests, *loaded.personas[who].interests):
        if interest.id == interest_id:
            return f"{speaker_name(loaded, who)}: {interest.text}"
    return ref


def prep_json(loaded: LoadedScenario, sheet: PrepSheet) -> dict[str, Any]:
    """The sheet, its graded items and its score, as `run --json` gives them."""
    from simulator.scoring.prep import grade_prep, sheet_data

    grade = grade_prep(loaded, sheet)
    items = [{"who": i.who, "topic": i.topic, "credit": round(i.credit, 4), "answer": i.answer,
              "truth": i.truth} for i in grade.items]
    return {**sheet_data(sheet), "items": items, "score": grade.score}


def session_json(loaded: LoadedScenario, session: Session, debrief: Debrief, lesson: Lesson,
                 prep: PrepSheet | None = None) -> dict[str, Any]:
    moves = []
    for index, graded in enumerate(debrief.moves):
        move, grade = graded.move, graded.grade
        entry: dict[str, Any] = {
            "step": move.step,
            "scene": move.scene,
            "choice": move.choice,
            "style": str(move.style),
            "label": lesson.labels[index],
            "grade": grade.grade,
            "quality": round(grade.quality, 4),
            "reason": grade.reason,
            "note": lesson.notes[index],
            "principles": [str(p) for p in move.principles],
            "violates": [str(p) for p in move.violates],
            "power": None if move.power is None else str(move.power),
            "fits": move.fits,
            "trust": move.trust,
            "satisfaction": move.satisfaction,
            "revealed": move.revealed,
            "refused_by": move.refused_by,
            "to": move.to,
        }
        regret = lesson.regret(index)
        if regret is not None:
            entry["regret"] = round(regret, 2)
            better = lesson.better(index)
            entry["better"] = better.to_json() if better is not None else None
        moves.append(entry)
    return {
        "scenario": loaded.ref,
        "pack": {"id": loaded.pack.id, "version": loaded.pack.version, "content_hash": loaded.content_hash},
        "seed": session.state.seed,
        "label_basis": lesson.basis,
        "moves": moves,
        "ended": debrief.ended,
        "ending": debrief.ending,
        "ending_kind": debrief.ending_kind,
        "scores": dict(debrief.scores),
        "styles": dict(debrief.styles),
        "agreement": dict(debrief.agreement),
        "parties": [
            {"party": p.party, "name": p.name, "value": p.value, "batna_value": p.batna_value,
             "above_batna": p.above_batna}
            for p in debrief.parties
        ],
        "zopa": zopa_json(lesson.zopa),
        "hidden_found": debrief.hidden_found,
        "hidden_missed": debrief.hidden_missed,
        "missed_hints": [h.to_json() for h in lesson.hints],
        "next_scenario": (None if lesson.next is None
                          else {"ref": lesson.next.ref, "title": lesson.next.title, "why": lesson.next.why}),
        "available": [c.id for c in session.available()],
        "prep": None if prep is None else prep_json(loaded, prep),
    }
