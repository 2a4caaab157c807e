"""Plain-text and JSON renderings of a played session, for `yesable run` and friends."""

from __future__ import annotations

import textwrap
from typing import TYPE_CHECKING, Any

from simulator.content.loaded import LoadedScenario
from simulator.content.vocabulary import Style
from simulator.engine import Session, Utterance
from simulator.i18n import N_, _
from simulator.scoring import COMPONENTS, Debrief, Lesson
from simulator.scoring.lesson import zopa_json, zopa_lines
from simulator.scoring.next_step import Candidate

if TYPE_CHECKING:
    from simulator.content.loader import Library
    from simulator.scoring.prep import PrepSheet

WIDTH = 78
VOCABULARY = (
    N_("best"),
    N_("good"),
    N_("inaccuracy"),
    N_("mistake"),
    N_("blunder"),
    N_("integrating"),
    N_("obliging"),
    N_("dominating"),
    N_("avoiding"),
    N_("compromising"),
)
"""The course's words for move labels and styles: the text debrief shows them through `_()`."""
INDENT = " " * 5


def candidates_of(library: Library) -> list[Candidate]:
    """Every installed scenario, as the next-scenario rule sees it."""
    return [
        Candidate(
            loaded.ref,
            loaded.scenario.title,
            str(loaded.scenario.difficulty),
            tuple(str(o) for o in loaded.scenario.objectives),
        )
        for pack in library.packs
        for loaded in pack.scenarios.values()
    ]


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
    label = _(lesson.labels[index])
    regret = lesson.regret(index)
    if not regret:
        return label
    return _("{label}, regret {regret}").format(label=label, regret=f"{regret:.0f}")


def prep_text(loaded: LoadedScenario, sheet: PrepSheet | None) -> list[str]:
    """The preparation sheet against the pack's truth, one item a line (none without a sheet)."""
    if sheet is None:
        return []
    from simulator.scoring.prep import grade_prep, grade_rows

    grade = grade_prep(loaded, sheet)
    out = [_("Preparation sheet: {score}/100 (item: your read | the truth | credit)").format(score=grade.score)]
    for item, answer, truth, credit in grade_rows(loaded, grade):
        out.append(
            textwrap.fill(
                f"{item}: {answer} | {truth} | {credit}%", WIDTH, initial_indent="  - ", subsequent_indent="      "
            )
        )
    return out


def debrief_text(loaded: LoadedScenario, debrief: Debrief, lesson: Lesson, prep: PrepSheet | None = None) -> str:
    scenario = loaded.scenario
    title = _("Debrief: {title}").format(title=scenario.title)
    out: list[str] = ["", "=" * WIDTH, title, "=" * WIDTH]
    out += _outcome_lines(loaded, debrief, lesson)
    out += _discovery_lines(loaded, debrief, lesson)
    out += _style_lines(debrief)
    out += _move_lines(loaded, debrief, lesson)
    out += prep_text(loaded, prep)
    if lesson.next is not None:
        out.append(_("Next: {title} ({ref})").format(title=lesson.next.title, ref=lesson.next.ref))
        why = _("Why: {why}.").format(why=lesson.next.why)
        out.append(textwrap.fill(why, WIDTH, initial_indent="  ", subsequent_indent="  "))
    return "\n".join(out)


def _outcome_lines(loaded: LoadedScenario, debrief: Debrief, lesson: Lesson) -> list[str]:
    """The ending, the scores, the agreement's terms and each side's value against their BATNA."""
    scenario = loaded.scenario
    out: list[str] = []
    if debrief.ending is None:
        out.append(_("The scenario has not ended yet."))
    else:
        ending = scenario.ending(debrief.ending)
        out.append(_("Ending: {title} ({kind})").format(title=ending.title, kind=ending.kind))
    scores = debrief.scores
    out.append(
        _("Total: {total}/100").format(total=scores["total"])
        + "   "
        + "   ".join(f"{c} {scores[c]}" for c in COMPONENTS)
    )
    if debrief.agreement:
        out.append(_("Agreement:"))
        for issue in scenario.issues:
            option_id = debrief.agreement.get(issue.id)
            title = next((o.title for o in issue.options if o.id == option_id), _("unsettled"))
            out.append(f"  - {issue.title}: {title}")
    out.append(_("Against each side's BATNA:"))
    for party in debrief.parties:
        value = _("no agreement") if party.value is None else f"{party.value:.0f}"
        mark = _("above") if party.above_batna else _("below")
        against = _("{value} vs BATNA {batna} ({mark})").format(value=value, batna=party.batna_value, mark=mark)
        out.append(f"  - {party.name}: {against}")
    if lesson.zopa is not None:
        out += [
            textwrap.fill(line, WIDTH, initial_indent="  ", subsequent_indent="    ")
            for line in zopa_lines(loaded, lesson.zopa)
        ]
    return out


def _discovery_lines(loaded: LoadedScenario, debrief: Debrief, lesson: Lesson) -> list[str]:
    """The hidden interests found and missed, with where a missed one would have surfaced."""
    if not (debrief.hidden_found or debrief.hidden_missed):
        return []
    found = len(debrief.hidden_found)
    out = [
        _("Hidden interests found: {found} of {total}").format(found=found, total=found + len(debrief.hidden_missed))
    ]
    for ref in debrief.hidden_found:
        out.append(f"  + {interest_text(loaded, ref)}")
    hints = {h.interest: h for h in lesson.hints}
    for ref in debrief.hidden_missed:
        out.append("  - " + _("missed: {interest}").format(interest=interest_text(loaded, ref)))
        hint = hints.get(ref)
        if hint is not None:
            surfaced = _("would have surfaced it: {scene}: {choice}").format(scene=hint.scene_title, choice=hint.text)
            out.append(textwrap.fill(surfaced, WIDTH, initial_indent="      ", subsequent_indent="      "))
    return out


def _style_lines(debrief: Debrief) -> list[str]:
    """The five-style profile as bars."""
    out = [_("Style profile:")]
    pad = max(13, *(len(_(str(style))) + 1 for style in Style))
    for style in Style:
        share = debrief.styles[str(style)]
        out.append(f"  {_(str(style)):<{pad}} {'#' * round(share * 30):<30} {share:4.0%}")
    return out


def _move_lines(loaded: LoadedScenario, debrief: Debrief, lesson: Lesson) -> list[str]:
    """Each move with its label, the grade's reason, refusals, the lesson's note and a better move."""
    by_regret = _("labelled by regret: best 0, good <= 2, inaccuracy <= 5, mistake <= 10, blunder more")
    by_tags = _("labelled by their tags: the scenario was not solved")
    basis = by_regret if lesson.basis == "regret" else by_tags
    out = [_("Moves ({basis}):").format(basis=basis)]
    for index, graded in enumerate(debrief.moves):
        move, grade = graded.move, graded.grade
        out.append(
            f"  {index + 1}. [{move_verdict(lesson, index)}] {move.scene} / {move.choice} ({_(str(move.style))})"
        )
        out.append(textwrap.fill(grade.reason, WIDTH, initial_indent="     ", subsequent_indent="     "))
        if move.refused_by:
            names = ", ".join(speaker_name(loaded, who) or who for who in move.refused_by)
            refused = _(
                "Refused by {names}: the terms were worth less to them than their BATNA, "
                "so the move led to {to} instead."
            ).format(names=names, to=move.to)
            out.append(textwrap.fill(refused, WIDTH, initial_indent=INDENT, subsequent_indent=INDENT))
        note = lesson.notes[index]
        if note:
            noted = _("Note: {note}").format(note=note)
            out.append(textwrap.fill(noted, WIDTH, initial_indent=INDENT, subsequent_indent=INDENT))
        better = lesson.better(index)
        if better is not None:
            line = _("Better here (+{gain}): [{choice}] {text}").format(
                gain=f"{better.gain:.0f}", choice=better.choice, text=better.text
            )
            out.append(textwrap.fill(line, WIDTH, initial_indent=INDENT, subsequent_indent=INDENT + "  "))
    return out


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
    items = [
        {"who": i.who, "topic": i.topic, "credit": round(i.credit, 4), "answer": i.answer, "truth": i.truth}
        for i in grade.items
    ]
    return {**sheet_data(sheet), "items": items, "score": grade.score}


def session_json(
    loaded: LoadedScenario, session: Session, debrief: Debrief, lesson: Lesson, prep: PrepSheet | None = None
) -> dict[str, Any]:
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
            {
                "party": p.party,
                "name": p.name,
                "value": p.value,
                "batna_value": p.batna_value,
                "above_batna": p.above_batna,
            }
            for p in debrief.parties
        ],
        "zopa": zopa_json(lesson.zopa),
        "hidden_found": debrief.hidden_found,
        "hidden_missed": debrief.hidden_missed,
        "missed_hints": [h.to_json() for h in lesson.hints],
        "next_scenario": (
            None
            if lesson.next is None
            else {"ref": lesson.next.ref, "title": lesson.next.title, "why": lesson.next.why}
        ),
        "available": [c.id for c in session.available()],
        "prep": None if prep is None else prep_json(loaded, prep),
    }
