"""Tournaments: bots (shell commands speaking the bot protocol) played across scenarios and seeds.

Each game starts the bot's command in a fresh process (its own process group), sends it the steps
of one session (simulator.classroom.protocol) on its stdin and reads its moves from its stdout, with
a time limit per move and per game. A bot that crashes, times out, quits early or keeps answering
with moves that are not offered is recorded with the reason; the tournament goes on. Finished games
leave ordinary transcripts (the bot's name as the player's alias), and the figures per bot and
scenario are those of the class report (simulator.classroom.report_data), so a bot can be read
beside a human class.
"""

from __future__ import annotations

import contextlib
import os
import queue
import signal
import subprocess
import tempfile
import threading
import time
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from simulator.classroom.protocol import MAX_LINE, Channel, Stop, play_over
from simulator.classroom.report_data import Distribution, histogram, style_profile
from simulator.classroom.transcript import Transcript

if TYPE_CHECKING:
    from simulator.content.loaded import LoadedScenario

MOVE_TIMEOUT = 10.0
GAME_TIMEOUT = 120.0
MAX_INVALID = 3


@dataclass(frozen=True)
class Bot:
    name: str
    command: str


class BotTimeout(Exception):
    """The bot did not answer within the move's or the game's time limit."""


class BotGone(Exception):
    """The bot closed its stdin (it exited) while the game was sending it a step."""


@dataclass
class Game:
    """One bot's session of one scenario with one seed."""

    bot: str
    scenario: str
    seed: int
    status: str
    """finished, timeout, crash, quit, invalid, moves or stuck."""
    moves: int = 0
    invalid: int = 0
    seconds: float = 0.0
    detail: str | None = None
    transcript: Transcript | None = None
    path: Path | None = None

    @property
    def ok(self) -> bool:
        return self.status == "finished"


class _Process:
    """A bot's process: lines to its stdin, lines from its stdout with a deadline."""

    def __init__(self, command: str, cwd: Path | None) -> None:
        self.stderr = tempfile.TemporaryFile()  # noqa: SIM115 - open for the game; stderr_tail closes it
        try:  # the command is the trainer's own bot command, run by their shell
            self.proc = subprocess.Popen(
                command,
                shell=True,
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=self.stderr,
                cwd=cwd,
                start_new_session=True,
            )
        except BaseException:
            self.stderr.close()
            raise
        self.lines: queue.Queue[str | None] = queue.Queue()
        self.reader = threading.Thread(target=self._read, args=(self.proc.stdout,), daemon=True)
        self.reader.start()

    def _read(self, stream: IO[bytes] | None) -> None:
        assert stream is not None
        try:
            while True:
                raw = stream.readline(MAX_LINE + 1)
                if not raw:
                    break
                if len(raw) > MAX_LINE and not raw.endswith(b"\n"):
                    while (rest := stream.readline(MAX_LINE)) and not rest.endswith(b"\n"):
                        pass
                self.lines.put(raw.decode("utf-8", errors="replace"))
        except (OSError, ValueError):
            pass
        self.lines.put(None)

    def send(self, line: str) -> None:
        assert self.proc.stdin is not None
        try:
            self.proc.stdin.write(line.encode() + b"\n")
            self.proc.stdin.flush()
        except (BrokenPipeError, OSError, ValueError):
            raise BotGone() from None

    def receive(self, move_timeout: float, deadline: float) -> str | None:
        left = deadline - time.monotonic()
        wait = min(move_timeout, left)
        try:
            return self.lines.get(timeout=max(0.0, wait))
        except queue.Empty:
            which = "game" if left <= move_timeout else "move"
            limit = f"{move_timeout:g} s per move" if which == "move" else "the game's time limit"
            raise BotTimeout(f"no answer within {limit}") from None

    def close(self, grace: float = 1.0) -> int | None:
        """Close its stdin, give it `grace` seconds to exit, then kill its process group."""
        try:
            if self.proc.stdin is not None:
                self.proc.stdin.close()
        except OSError:
            pass
        try:
            code: int | None = self.proc.wait(timeout=grace)
        except subprocess.TimeoutExpired:
            code = None
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(self.proc.pid, signal.SIGKILL)  # the group this game started, and only it
        if code is None:
            self.proc.wait()
        self.reader.join(timeout=grace)  # the group is gone, so its stdout is at its end
        if self.proc.stdout is not None and not self.reader.is_alive():
            self.proc.stdout.close()
        return code

    def stderr_tail(self, limit: int = 300) -> str:
        self.stderr.seek(0, os.SEEK_END)
        size = self.stderr.tell()
        self.stderr.seek(max(0, size - limit))
        text = self.stderr.read().decode("utf-8", errors="replace").strip()
        self.stderr.close()
        return " ".join(text.split())


def play_bot(
    loaded: LoadedScenario,
    bot: Bot,
    seed: int,
    *,
    move_timeout: float = MOVE_TIMEOUT,
    game_timeout: float = GAME_TIMEOUT,
    max_invalid: int = MAX_INVALID,
    grades: bool = False,
    results: Path | None = None,
    cwd: Path | None = None,
) -> Game:
    """One game of `bot` on `loaded` with `seed`; never raises for anything the bot does."""
    started = time.monotonic()
    deadline = started + game_timeout
    game = Game(bot.name, loaded.ref, seed, "finished")
    try:
        process = _Process(bot.command, cwd)
    except OSError as exc:
        game.status, game.detail = "crash", f"could not start: {exc}"
        return game
    channel = Channel(process.send, lambda: process.receive(move_timeout, deadline))
    outcome = None
    try:
        outcome = play_over(
            loaded, channel, seed=seed, grades=grades, player=bot.name, results=results, max_invalid=max_invalid
        )
    except BotTimeout as exc:
        game.status, game.detail = "timeout", str(exc)
    except BotGone:
        game.status = "crash"
    code = process.close()
    tail = process.stderr_tail()
    game.seconds = time.monotonic() - started
    if outcome is not None:
        game.moves, game.invalid = outcome.moves, outcome.invalid
        game.transcript, game.path = outcome.transcript, outcome.path
        if outcome.stop is Stop.EOF:
            game.status = "quit" if code == 0 else "crash"
        elif outcome.stop is Stop.INVALID:
            game.status = "invalid"
            game.detail = f"{outcome.invalid} invalid answers; last: {outcome.errors[-1]}"
        elif outcome.stop in (Stop.MOVES, Stop.STUCK):
            game.status = str(outcome.stop)
            game.detail = outcome.detail
    if game.status == "quit":
        game.detail = f"stopped answering after {game.moves} moves (exit 0)"
    elif game.status == "crash":
        exit_text = "still running" if code is None else f"exit {code}"
        game.detail = f"{exit_text} after {game.moves} moves" + (f": {tail}" if tail else "")
    return game


@dataclass(frozen=True)
class Figures:
    """What the class report says of a group of sessions, in brief."""

    sessions: int
    total: Distribution
    process: Distribution
    agreements: int
    styles: list[tuple[str, float]]

    @property
    def agreement_share(self) -> float:
        return self.agreements / self.sessions

    def to_json(self) -> dict[str, Any]:
        return {
            "sessions": self.sessions,
            "total": {"mean": round(self.total.mean, 2), "min": self.total.low, "max": self.total.high},
            "agreement_share": round(self.agreement_share, 4),
            "process_mean": round(self.process.mean, 2),
            "styles": {name: round(share, 4) for name, share in self.styles},
        }


def figures(transcripts: Sequence[Transcript]) -> Figures | None:
    """Mean/min/max total, agreements, process and the style profile; None for no sessions."""
    if not transcripts:
        return None

    def dist(name: str) -> Distribution:
        values = [t.scores.get(name, 0) for t in transcripts]
        return Distribution(name, values, histogram(values))

    return Figures(
        len(transcripts),
        dist("total"),
        dist("process"),
        sum(t.ending_kind == "agreement" for t in transcripts),
        style_profile(transcripts),
    )


@dataclass
class Row:
    bot: str
    scenario: str
    games: list[Game]
    figures: Figures | None

    @property
    def problems(self) -> dict[str, int]:
        return dict(Counter(g.status for g in self.games if not g.ok))


@dataclass
class Tournament:
    rows: list[Row]
    seeds: list[int]
    scenarios: list[str]
    bots: list[Bot]
    humans: dict[str, Figures] = field(default_factory=dict)
    """Scenario ref: the figures of the human class's transcripts of it (`--class`)."""
    human_notes: list[str] = field(default_factory=list)


def run_tournament(
    bots: Sequence[Bot],
    scenarios: Sequence[LoadedScenario],
    seeds: Sequence[int],
    *,
    move_timeout: float = MOVE_TIMEOUT,
    game_timeout: float = GAME_TIMEOUT,
    max_invalid: int = MAX_INVALID,
    results: Path | None = None,
    humans: Sequence[Transcript] = (),
    cwd: Path | None = None,
    progress: Callable[[Game], None] | None = None,
) -> Tournament:
    """Every bot on every scenario with every seed, one game at a time."""
    rows: list[Row] = []
    for bot in bots:
        for loaded in scenarios:
            games = []
            for seed in seeds:
                game = play_bot(
                    loaded,
                    bot,
                    seed,
                    move_timeout=move_timeout,
                    game_timeout=game_timeout,
                    max_invalid=max_invalid,
                    results=results,
                    cwd=cwd,
                )
                games.append(game)
                if progress is not None:
                    progress(game)
            done = [g.transcript for g in games if g.transcript is not None]
            rows.append(Row(bot.name, loaded.ref, games, figures(done)))
    tournament = Tournament(rows, list(seeds), [s.ref for s in scenarios], list(bots))
    for loaded in scenarios:
        mine = [t for t in humans if t.scenario == loaded.ref]
        same = [t for t in mine if t.pack.content_hash == loaded.content_hash]
        if len(same) < len(mine):
            tournament.human_notes.append(
                f"{loaded.ref}: {len(mine) - len(same)} class transcripts were played on other content and are left out"
            )
        if (f := figures(same)) is not None:
            tournament.humans[loaded.ref] = f
    return tournament


def tournament_json(t: Tournament) -> dict[str, Any]:
    def game_json(g: Game) -> dict[str, Any]:
        return {
            "seed": g.seed,
            "status": g.status,
            "moves": g.moves,
            "invalid": g.invalid,
            "seconds": round(g.seconds, 3),
            "detail": g.detail,
            "ending": None if g.transcript is None else g.transcript.ending,
            "total": None if g.transcript is None else g.transcript.scores.get("total"),
            "transcript": None if g.path is None else str(g.path),
        }

    return {
        "kind": "yesable.tournament",
        "protocol": 1,
        "seeds": t.seeds,
        "scenarios": t.scenarios,
        "bots": [{"name": b.name, "command": b.command} for b in t.bots],
        "results": [
            {
                "bot": r.bot,
                "scenario": r.scenario,
                "games": len(r.games),
                "finished": sum(g.ok for g in r.games),
                "problems": r.problems,
                "figures": None if r.figures is None else r.figures.to_json(),
                "sessions": [game_json(g) for g in r.games],
            }
            for r in t.rows
        ],
        "class": {ref: f.to_json() for ref, f in t.humans.items()},
        "class_notes": t.human_notes,
    }


def tournament_text(t: Tournament) -> str:
    """A table per scenario: one line per bot, the human class's line beneath when given."""
    out: list[str] = []
    head = (
        f"  {'player':<18} {'games':>5} {'ended':>5}  {'total mean (min-max)':<21} {'agree':>5} "
        f"{'process':>7}  style profile"
    )
    for ref in t.scenarios:
        out += [f"{ref} (seeds {', '.join(map(str, t.seeds))})", head]
        for row in (r for r in t.rows if r.scenario == ref):
            out.append(_line(row.bot, len(row.games), sum(g.ok for g in row.games), row.figures))
            for game in row.games:
                if not game.ok:
                    out.append(f"      seed {game.seed}: {game.status}" + (f": {game.detail}" if game.detail else ""))
        human = t.humans.get(ref)
        if human is not None:
            out.append(_line("class (people)", human.sessions, human.sessions, human))
        out.append("")
    out += [f"note: {n}" for n in t.human_notes]
    return "\n".join(out).rstrip() + "\n"


def _line(who: str, games: int, ended: int, f: Figures | None) -> str:
    if f is None:
        return f"  {who[:18]:<18} {games:>5} {ended:>5}  {'-':<21} {'-':>5} {'-':>7}  -"
    total = f"{f.total.mean:5.1f} ({f.total.low}-{f.total.high})"
    styles = ", ".join(f"{name} {share:.0%}" for name, share in f.styles[:3] if share > 0)
    return (
        f"  {who[:18]:<18} {games:>5} {ended:>5}  {total:<21} {f.agreement_share:>5.0%} "
        f"{f.process.mean:>7.1f}  {styles}"
    )
