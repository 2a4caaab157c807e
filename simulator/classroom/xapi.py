"""xAPI statements for transcripts, for a Learning Record Store (LRS) behind an LMS.

Per session: `attempted` the scenario when it started, `answered` for each move (with its grade,
quality as the scaled score and the reason), and at the end `passed` (an agreement that beat the
player's BATNA) or `completed`, with the session score scaled 0..1, raw 0-100, and the duration.
Verbs are ADL's; activity ids, activity types and extensions are IRIs under a base the trainer can
set (`--base-iri`); `.invalid` defaults are placeholders that are nobody's domain. Statement ids
are derived from the transcript, so exporting the same file twice gives the same statements and an
LRS stores them once.
"""

from __future__ import annotations

import uuid
from typing import Any
from urllib.parse import quote

from simulator.classroom.transcript import Transcript, TranscriptMove
from simulator.content.records import iso_time

DEFAULT_BASE = "https://yesable.invalid/xapi/"
DEFAULT_HOME_PAGE = "https://yesable.invalid/players"
LANG = "en-US"
_NAMESPACE = uuid.UUID("5b0c6a0e-8f1d-4d0e-9a43-2f6f0e1c7b55")

VERBS: dict[str, str] = {
    "attempted": "http://adlnet.gov/expapi/verbs/attempted",
    "answered": "http://adlnet.gov/expapi/verbs/answered",
    "completed": "http://adlnet.gov/expapi/verbs/completed",
    "passed": "http://adlnet.gov/expapi/verbs/passed",
}
SUCCESS_GRADES = frozenset({"best", "good", "strong", "sound"})
"""Labels that count as a success (best and good; strong and sound in transcripts of Yesable 0.1)."""


def iso_duration(seconds: float) -> str:
    """ISO 8601 duration as xAPI uses it: `PT1H2M3.5S` (no days, no negative)."""
    total = max(0.0, round(seconds, 2))
    hours, rest = divmod(total, 3600)
    minutes, secs = divmod(rest, 60)
    out = "PT"
    if hours:
        out += f"{int(hours)}H"
    if minutes:
        out += f"{int(minutes)}M"
    if secs or out == "PT":
        out += f"{secs:g}S"
    return out


class _Iris:
    def __init__(self, base: str) -> None:
        self.base = base if base.endswith(("/", ":", "#")) else base + "/"

    def __call__(self, *parts: str) -> str:
        """The IRI of `parts` under the base, each percent-encoded (a `pack/scenario` keeps its slash)."""
        return self.base + "/".join(quote(part, safe="/") for part in parts)

    def ext(self, name: str) -> str:
        return self("extension", name)


def _registration(t: Transcript) -> str:
    try:
        return str(uuid.UUID(hex=t.id))
    except ValueError:
        return str(uuid.uuid5(_NAMESPACE, t.id))


def _statement_id(t: Transcript, tag: str) -> str:
    return str(uuid.uuid5(_NAMESPACE, f"{t.id}:{tag}"))


def statements(
    t: Transcript, *, base: str = DEFAULT_BASE, home_page: str = DEFAULT_HOME_PAGE, names: bool = False
) -> list[dict[str, Any]]:
    """The statements for one transcript, in time order."""
    iri = _Iris(base)
    actor: dict[str, Any] = {"objectType": "Agent", "account": {"homePage": home_page, "name": t.label}}
    if names and t.player.name:
        actor["name"] = t.player.name
    scenario = {
        "objectType": "Activity",
        "id": iri("scenario", t.scenario),
        "definition": {
            "name": {LANG: t.scenario_title},
            "type": iri("activity-type", "scenario"),
            "extensions": {
                iri.ext("pack"): {"id": t.pack.id, "version": t.pack.version, "content_hash": t.pack.content_hash}
            },
        },
    }
    grouping = [
        {"objectType": "Activity", "id": iri("pack", t.pack.id), "definition": {"type": iri("activity-type", "pack")}}
    ]
    if t.round:
        grouping.append(
            {
                "objectType": "Activity",
                "id": iri("round", t.round),
                "definition": {"type": iri("activity-type", "round")},
            }
        )
    context_ext = {iri.ext("seed"): t.seed, iri.ext("transcript"): t.id}
    if t.round:
        context_ext[iri.ext("round")] = t.round

    def context(parent: bool) -> dict[str, Any]:
        activities: dict[str, Any] = {"grouping": grouping}
        if parent:
            activities["parent"] = [{"objectType": "Activity", "id": scenario["id"]}]
        return {"registration": _registration(t), "contextActivities": activities, "extensions": context_ext}

    def verb(name: str) -> dict[str, Any]:
        return {"id": VERBS[name], "display": {LANG: name}}

    out: list[dict[str, Any]] = [
        {
            "id": _statement_id(t, "attempted"),
            "actor": actor,
            "verb": verb("attempted"),
            "object": scenario,
            "context": context(False),
            "timestamp": iso_time(t.started_at),
        }
    ]
    for move in t.moves:
        out.append(
            {
                "id": _statement_id(t, f"move-{move.step}"),
                "actor": actor,
                "verb": verb("answered"),
                "object": _move_activity(iri, t, move),
                "result": _move_result(iri, move),
                "context": context(True),
                "timestamp": iso_time(move.at or t.started_at),
            }
        )
    if t.ended or t.timed_out:
        out.append(_final(iri, t, actor, verb, scenario, context(False)))
    return out


def _move_activity(iri: _Iris, t: Transcript, move: TranscriptMove) -> dict[str, Any]:
    return {
        "objectType": "Activity",
        "id": iri("scenario", t.scenario, "scene", move.scene, "choice", move.choice),
        "definition": {"name": {LANG: f"{move.scene}: {move.choice}"}, "type": iri("activity-type", "move")},
    }


def _move_result(iri: _Iris, move: TranscriptMove) -> dict[str, Any]:
    return {
        "response": move.choice,
        "success": (move.label or move.grade) in SUCCESS_GRADES,
        "score": {"scaled": round(move.quality, 4), "raw": round(100 * move.quality, 2), "min": 0, "max": 100},
        "extensions": {
            iri.ext("grade"): move.grade,
            iri.ext("label"): move.label or move.grade,
            iri.ext("regret"): move.regret,
            iri.ext("note"): move.note,
            iri.ext("reason"): move.reason,
            iri.ext("style"): move.style,
            iri.ext("principles"): move.principles,
            iri.ext("violates"): move.violates,
            iri.ext("power"): move.power,
            iri.ext("style-fits"): move.fits,
        },
    }


def _final(
    iri: _Iris, t: Transcript, actor: dict[str, Any], verb: Any, scenario: dict[str, Any], context: dict[str, Any]
) -> dict[str, Any]:
    player = next((p for p in t.parties if p.party == "player"), None)
    passed = t.ending_kind == "agreement" and player is not None and player.above_batna
    total = t.scores.get("total", 0)
    return {
        "id": _statement_id(t, "final"),
        "actor": actor,
        "verb": verb("passed" if passed else "completed"),
        "object": scenario,
        "result": {
            "score": {"scaled": round(total / 100, 4), "raw": total, "min": 0, "max": 100},
            "success": passed,
            "completion": True,
            "duration": iso_duration(t.duration_seconds),
            "extensions": {
                iri.ext("ending"): t.ending,
                iri.ext("ending-kind"): t.ending_kind,
                iri.ext("timed-out"): t.timed_out,
                iri.ext("scores"): dict(t.scores),
                iri.ext("styles"): dict(t.styles),
                iri.ext("hidden-found"): list(t.hidden_found),
                iri.ext("hidden-missed"): list(t.hidden_missed),
            },
        },
        "context": context,
        "timestamp": iso_time(t.finished_at),
    }
