"""The class debrief's numbers: outcomes, score distributions, styles, costly moves, missed interests.

Transcripts are grouped by scenario and by the exact content they were played on (pack content
hash), so results from two versions of a pack are never mixed or re-scored; a group played on
content other than the installed pack is flagged. Scores come from the transcripts themselves.
"""

from __future__ import annotations

import statistics
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from simulator.classroom.transcript import Transcript
from simulator.content.loaded import LoadedScenario
from simulator.content.vocabulary import Style
from simulator.scoring import COMPONENTS
from simulator.scoring.labels import move_label, rank

SCORES: tuple[str, ...] = ("total", *COMPONENTS)
BINS = 10


@dataclass(frozen=True)
class Distribution:
    name: str
    values: list[int]
    histogram: list[int]
    """Counts per band of 10 points: 0-9, 10-19, ..., 90-100."""

    @property
    def low(self) -> int:
        return min(self.values)

    @property
    def high(self) -> int:
        return max(self.values)

    @property
    def median(self) -> float:
        return statistics.median(self.values)

    @property
    def mean(self) -> float:
        return statistics.fmean(self.values)


@dataclass(frozen=True)
class MoveStat:
    scene: str
    choice: str
    text: str
    count: int
    players: int
    reason: str
    regret: float | None
    label: str = "mistake"
    """The worst label it earned in the class (mistake or blunder)."""
    note: str | None = None
    """The author's note on the move (its `feedback`)."""


@dataclass(frozen=True)
class ChoiceCount:
    """One choice of a scene, with how many of the class made it there."""

    choice: str
    text: str
    players: int
    """Sessions that made this choice in this scene (once each, however often they came back)."""
    label: str | None
    """Its label (best ... blunder) as the facilitator guide gives it; None without the played pack."""
    best: bool


@dataclass(frozen=True)
class SceneChoices:
    """The class's choices in one scene, beside the best one."""

    scene: str
    title: str
    reached: int
    """Sessions that made a move in this scene."""
    choices: list[ChoiceCount]
    basis: str
    """What "best" rests on: the solver's best path, the moves' tags (a scene off that path), or
    nothing ("") when the pack played is not installed."""


BASIS_PATH = "the solver's best path"
BASIS_TAGS = "the moves' tags (off the best path)"


@dataclass(frozen=True)
class InterestStat:
    who: str
    text: str
    found: int
    missed: int


@dataclass
class PlayerRow:
    label: str
    round: str | None
    ending: str
    ending_kind: str
    scores: dict[str, int]
    moves: int
    minutes: float
    style: str
    above_batna: bool | None
    paper: bool = False
    """Played on paper (`yesable record`): only the outcome was measured; the other scores show as "paper"."""

    def score(self, name: str) -> int | str:
        """The score as the report shows it: "paper" for what a paper session does not measure."""
        value = self.scores.get(name)
        return value if value is not None else ("paper" if self.paper else "")


@dataclass
class Group:
    scenario: str
    title: str
    pack: str
    content_hash: str
    installed: bool
    flag: str | None
    size: int
    endings: list[tuple[str, str, int]]
    agreements: int
    player_above_batna: int
    all_above_batna: int
    parties_above_batna: list[tuple[str, int]]
    """(party name, sessions whose agreement beat that party's BATNA), player first."""
    timed_out: int
    distributions: list[Distribution]
    styles: list[tuple[str, float]]
    costly: list[MoveStat]
    regret_available: bool
    interests: list[InterestStat]
    players: list[PlayerRow]
    best_score: Any = None
    rounds: list[str] = field(default_factory=list)
    paper: int = 0
    """Sessions played on paper: their outcome and total count, the other scores only for played ones."""
    scenes: list[SceneChoices] = field(default_factory=list)
    """Per scene the class reached, in scenario order: which choices it made, the best marked."""
    prep: Any = None
    """How well the class read the room (classroom.report_prep.ClassPrep); None: nobody prepared."""


def histogram(values: Sequence[int]) -> list[int]:
    counts = [0] * BINS
    for v in values:
        counts[min(BINS - 1, max(0, v) // 10)] += 1
    return counts


def style_profile(transcripts: Sequence[Transcript]) -> list[tuple[str, float]]:
    """The mean share of moves per conflict style over `transcripts`, largest first."""
    styles = {str(s): statistics.fmean(t.styles.get(str(s), 0.0) for t in transcripts) for s in Style}
    return sorted(styles.items(), key=lambda kv: -kv[1])


def ending_label(t: Transcript) -> str:
    """The ending's title, marked when the round's time box closed the session."""
    title = t.ending_title or "Unfinished"
    return f"{title} (time ran out)" if t.timed_out else title


def _label(t: Transcript, names: bool) -> str:
    return (t.player.name or t.label) if names else t.label


def _loaded_texts(loaded: LoadedScenario | None) -> tuple[dict[tuple[str, str], str], dict[str, tuple[str, str]]]:
    """Choice texts by (scene, choice) (scene titles by (scene, "")) and interest (who, text) by
    reference, from the installed pack."""
    choices: dict[tuple[str, str], str] = {}
    interests: dict[str, tuple[str, str]] = {}
    if loaded is None:
        return choices, interests
    from simulator.classroom.handout_data import say

    for scene in loaded.scenario.scenes:
        choices[(scene.id, "")] = scene.title or scene.id
        for choice in scene.choices:
            choices[(scene.id, choice.id)] = say(loaded, choice.text)
    for member in loaded.scenario.cast:
        persona = loaded.personas[member.persona]
        for interest in (*member.interests, *persona.interests):
            interests[f"{member.persona}.{interest.id}"] = (persona.name, interest.text)
    return choices, interests


def solver_regrets(loaded: LoadedScenario, t: Transcript) -> list[float] | None:
    """Per-move regret from the solver; None when the scenario cannot be solved or replayed."""
    from simulator.analysis.solve import regrets
    from simulator.engine import EngineError, Session

    session = Session.start(loaded, seed=t.seed)
    try:
        for move in t.moves:
            session.choose(move.choice)
        return [float(r) for r in regrets(loaded, session.state.history)]
    except (EngineError, ValueError, RecursionError, MemoryError):
        return None


def build_group(transcripts: list[Transcript], installed: LoadedScenario | None, names: bool) -> Group:
    first = transcripts[0]
    matching = installed if installed and installed.content_hash == first.pack.content_hash else None
    if installed is None:
        flag = f"scenario {first.scenario} is not installed: texts shown as ids"
    elif matching is None:
        flag = (
            f"played on pack {first.pack.id} {first.pack.version} (content {first.pack.content_hash[:12]}), "
            f"not the installed {installed.pack.version}: scores as recorded, not re-scored"
        )
    else:
        flag = None
    choice_texts, interest_texts = _loaded_texts(matching)
    feedback = (
        {(scene.id, c.id): c.feedback for scene in matching.scenario.scenes for c in scene.choices} if matching else {}
    )

    ending_counts = Counter((ending_label(t), t.ending_kind or "unfinished") for t in transcripts)
    played = [t for t in transcripts if not t.paper] or transcripts

    costly: Counter[tuple[str, str]] = Counter()
    costly_players: dict[tuple[str, str], set[str]] = {}
    reasons: dict[tuple[str, str], str] = {}
    labels: dict[tuple[str, str], str] = {}
    notes: dict[tuple[str, str], str | None] = {}
    regret_sum: dict[tuple[str, str], list[float]] = {}
    regret_available = False
    for t in transcripts:
        regrets = solver_regrets(matching, t) if matching else None
        regret_available = regret_available or regrets is not None
        for index, move in enumerate(t.moves):
            key = (move.scene, move.choice)
            regret = regrets[index] if regrets and index < len(regrets) else None
            if regret is not None:
                regret_sum.setdefault(key, []).append(regret)
            # labelled as in docs/scoring.md: by regret when the solver answered, else by the tags
            label = move_label(move.quality, bool(move.violates), regret)
            if label in ("mistake", "blunder"):
                costly[key] += 1
                costly_players.setdefault(key, set()).add(t.id)
                reasons[key] = move.reason
                labels[key] = max(label, labels.get(key, label), key=rank)
                notes[key] = move.note if move.note is not None else feedback.get(key)

    def regret_of(key: tuple[str, str]) -> float | None:
        values = regret_sum.get(key)
        return statistics.fmean(values) if values else None

    ranked = sorted(costly, key=lambda k: (-(regret_of(k) or 0) * costly[k], -costly[k], k))
    interest_refs = list(dict.fromkeys(r for t in transcripts for r in (*t.hidden_found, *t.hidden_missed)))
    players = [
        PlayerRow(
            label=_label(t, names),
            round=t.round,
            ending=ending_label(t),
            ending_kind=t.ending_kind or "unfinished",
            scores=dict(t.scores),
            moves=len(t.moves),
            minutes=t.duration_seconds / 60,
            style=max(t.styles, key=lambda s: t.styles[s]) if t.moves and t.styles else "-",
            above_batna=next((p.above_batna for p in t.parties if p.party == "player"), None),
            paper=t.paper,
        )
        for t in transcripts
    ]
    players.sort(key=lambda p: (-p.scores.get("total", 0), p.label))
    return Group(
        scenario=first.scenario,
        title=first.scenario_title,
        pack=f"{first.pack.id} {first.pack.version}",
        content_hash=first.pack.content_hash,
        installed=matching is not None,
        flag=flag,
        size=len(transcripts),
        endings=[(title, kind, n) for (title, kind), n in ending_counts.most_common()],
        agreements=sum(t.ending_kind == "agreement" for t in transcripts),
        player_above_batna=sum(any(p.party == "player" and p.above_batna for p in t.parties) for t in transcripts),
        all_above_batna=sum(bool(t.parties) and all(p.above_batna for p in t.parties) for t in transcripts),
        timed_out=sum(t.timed_out for t in transcripts),
        parties_above_batna=_parties_above_batna(transcripts),
        distributions=_distributions(transcripts),
        styles=style_profile(played),
        costly=[
            MoveStat(
                choice_texts.get((scene, ""), scene),
                choice,
                choice_texts.get((scene, choice), choice),
                costly[(scene, choice)],
                len(costly_players[(scene, choice)]),
                reasons[(scene, choice)],
                regret_of((scene, choice)),
                labels[(scene, choice)],
                notes[(scene, choice)],
            )
            for scene, choice in ranked[:10]
        ],
        regret_available=regret_available,
        interests=[
            InterestStat(
                *interest_texts.get(ref, (ref.split(".")[0], ref)),
                found=sum(ref in t.hidden_found for t in transcripts),
                missed=sum(ref in t.hidden_missed for t in transcripts),
            )
            for ref in interest_refs
        ],
        players=players,
        rounds=sorted({t.round for t in transcripts if t.round}),
        paper=sum(t.paper for t in transcripts),
        scenes=scene_choices(transcripts, matching, choice_texts),
    )


def scene_choices(
    transcripts: Sequence[Transcript], loaded: LoadedScenario | None, texts: dict[tuple[str, str], str]
) -> list[SceneChoices]:
    """Which choices the class made in each scene it reached, beside the best one.

    "Best" is what the facilitator guide says: a scene on the solver's best path is labelled from
    the state that path reaches it with; a scene off it by the moves' tags. Without the pack the
    transcripts were played on, only the counts (by choice id)."""
    made: Counter[tuple[str, str]] = Counter()
    reached: Counter[str] = Counter()
    for t in transcripts:
        pairs = {(m.scene, m.choice) for m in t.moves}
        made.update(pairs)
        reached.update({scene for scene, _ in pairs})
    if loaded is None:
        order = list(dict.fromkeys(m.scene for t in transcripts for m in t.moves))
        return [
            SceneChoices(
                scene,
                scene,
                reached[scene],
                [ChoiceCount(c, c, n, None, False) for (sc, c), n in made.most_common() if sc == scene],
                "",
            )
            for scene in order
        ]
    from simulator.classroom.handout_data import best_path_labels

    on_path = best_path_labels(loaded)
    out = []
    for scene in loaded.scenario.scenes:
        if reached[scene.id]:
            labels = _scene_labels(loaded, scene.id, on_path)
            offered = [c for c in labels if (scene.id, c) in on_path]  # where the best path reaches it
            basis = BASIS_PATH if offered else BASIS_TAGS
            top = min((rank(labels[c]) for c in offered or labels), default=0)
            choices = [
                ChoiceCount(
                    c.id,
                    texts.get((scene.id, c.id), c.id),
                    made[(scene.id, c.id)],
                    labels[c.id],
                    rank(labels[c.id]) == top and (not offered or c.id in offered),
                )
                for c in scene.choices
            ]
            out.append(SceneChoices(scene.id, scene.title or scene.id, reached[scene.id], choices, basis))
    return out


def _scene_labels(loaded: LoadedScenario, scene_id: str, on_path: dict[tuple[str, str], str]) -> dict[str, str]:
    """Each choice's label in `scene_id`: from the best path where it offers the choice, else by its tags."""
    from simulator.scoring import grade_move
    from simulator.scoring.grades import static_move

    scene = loaded.scenario.scene(scene_id)
    return {
        c.id: on_path.get((scene_id, c.id)) or grade_move(loaded.scenario, static_move(scene, c)).grade
        for c in scene.choices
    }


def _distributions(transcripts: Sequence[Transcript]) -> list[Distribution]:
    """Each score over the sessions that measured it: a paper session counts in total and outcome only."""
    out = []
    for name in SCORES:
        values = [t.scores.get(name, 0) for t in transcripts if not t.paper or name in t.scores]
        if values:
            out.append(Distribution(name, values, histogram(values)))
    return out


def _parties_above_batna(transcripts: Sequence[Transcript]) -> list[tuple[str, int]]:
    counts: dict[str, int] = {}
    names: dict[str, str] = {}
    for t in transcripts:
        for p in t.parties:
            names.setdefault(p.party, "Product manager" if p.party == "player" else p.name)
            counts[p.party] = counts.get(p.party, 0) + p.above_batna
    return [(names[party], counts[party]) for party in names]


def group_transcripts(transcripts: Sequence[Transcript]) -> list[list[Transcript]]:
    """By scenario, then by the content hash played on; in order of first appearance."""
    groups: dict[tuple[str, str], list[Transcript]] = {}
    for t in transcripts:
        groups.setdefault((t.scenario, t.pack.content_hash), []).append(t)
    return list(groups.values())
