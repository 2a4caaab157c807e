"""The bot protocol (`run --stdio`) and `tournament`: what a bot sees, what it may send, what it leaves."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import textwrap
import time
from pathlib import Path
from typing import Any

import pytest
from classroom_kit import random_transcript

from simulator.classroom.installed import find_scenario
from simulator.classroom.protocol import PROTOCOL, Channel, Stop, play_over
from simulator.classroom.replay import replay_transcript
from simulator.classroom.tournament import (
    Bot,
    play_bot,
    run_tournament,
    tournament_json,
    tournament_text,
)
from simulator.classroom.transcript import collect_transcripts, read_transcript
from simulator.cli.main import main
from simulator.engine import Session

SCENARIO = "disruptors_and_accelerators/supportability"
"""Small enough that the solver labelling the moves answers in a fraction of a second."""
DOCS = Path(__file__).parent.parent / "docs" / "bots.md"
GRADE_KEYS = {"label", "grade", "reason", "note", "regret", "quality", "last"}


def _yesable(*args: str, input: bytes | None = None, timeout: float = 120) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", "simulator", *args], input=input, capture_output=True, timeout=timeout, check=False
    )


class Scripted:
    """A channel fed from a list of answers; records every message sent."""

    def __init__(self, answers: list[str]) -> None:
        self.answers = list(answers)
        self.sent: list[dict[str, Any]] = []
        self.channel = Channel(self._send, self._receive)

    def _send(self, line: str) -> None:
        assert "\n" not in line
        self.sent.append(json.loads(line))

    def _receive(self) -> str | None:
        return self.answers.pop(0) if self.answers else None


def _keys(value: object) -> set[str]:
    if isinstance(value, dict):
        return set(value) | {k for v in value.values() for k in _keys(v)}
    if isinstance(value, list):
        return {k for v in value for k in _keys(v)}
    return set()


def test_a_bot_in_the_test_plays_a_session_over_stdio_and_leaves_a_persons_transcript(tmp_path: Path) -> None:
    loaded = find_scenario(SCENARIO)
    mirror = Session.start(loaded, seed=4)  # what a person playing the same moves sees
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "simulator",
            "run",
            SCENARIO,
            "--stdio",
            "--seed",
            "4",
            "--results",
            str(tmp_path),
            "--player",
            "lastbot",
        ],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert proc.stdin is not None and proc.stdout is not None
    messages: list[dict[str, Any]] = []
    forms = ['{"choice": "%s"}', "%s", "index"]
    lines = mirror.opening()
    while True:
        message = json.loads(proc.stdout.readline())
        messages.append(message)
        assert message["protocol"] == PROTOCOL
        if message["type"] == "end":
            break
        assert message["type"] == "step"
        offered = mirror.available()
        assert [(c["index"], c["id"], c["text"]) for c in message["choices"]] == [
            (i, c.id, mirror.choice_text(c)) for i, c in enumerate(offered, 1)
        ]
        assert [(x["speaker"], x["text"]) for x in message["lines"]] == [(u.speaker, u.text) for u in lines]
        assert message["scene"]["id"] == mirror.state.scene
        assert {m["persona"] for m in message["meters"]} == set(mirror.scene.present)  # type: ignore[union-attr]
        assert not _keys(message) & GRADE_KEYS, "no grades unless --grades"
        pick = offered[-1]
        form = forms[message["step"] % 3]
        proc.stdin.write((str(len(offered)) if form == "index" else form % pick.id) + "\n")
        proc.stdin.flush()
        lines = mirror.choose(pick.id).lines
    proc.stdin.close()
    assert proc.wait(timeout=30) == 0 and proc.stderr is not None
    errors = proc.stderr.read()
    proc.stdout.close()
    proc.stderr.close()
    assert errors == ""
    end = messages[-1]
    assert end["ending"]["id"] == mirror.state.ending and end["moves"] == len(mirror.state.history)
    assert [(x["speaker"], x["text"]) for x in end["lines"]] == [(u.speaker, u.text) for u in lines]
    path = Path(end["transcript"])
    assert path.parent == tmp_path and path.exists()
    transcript = read_transcript(path)
    assert transcript.player.alias == "lastbot" and transcript.seed == 4
    assert [m.choice for m in transcript.moves] == [m.choice for m in mirror.state.history]
    assert end["debrief"]["scores"] == transcript.scores
    assert replay_transcript(transcript, loaded).ok
    # ... as `yesable replay` says, and as a person's headless run of the same moves scores it
    assert _yesable("replay", str(path)).returncode == 0
    person = _yesable(
        "run", SCENARIO, "--seed", "4", "--json", "--choose", ",".join(m.choice for m in transcript.moves)
    )
    played = json.loads(person.stdout)
    assert played["scores"] == transcript.scores and played["ending"] == transcript.ending
    assert [m["label"] for m in played["moves"]] == [m.label for m in transcript.moves]


def test_bad_answers_get_an_error_and_the_same_step_waits() -> None:
    loaded = find_scenario(SCENARIO)
    first = Session.start(loaded, seed=2).available()[0].id
    bad = [
        "",
        "   ",
        "no_such_choice",
        "{not json",
        "[1]",
        '{"move": 1}',
        '{"choice": true}',
        '{"choice": null}',
        "0",
        "99",
        "x" * 20_000,
        '"still_not_a_choice"',
    ]
    script = Scripted([*bad, first])
    outcome = play_over(loaded, script.channel, seed=2)
    assert outcome.stop is Stop.EOF and outcome.invalid == len(bad) and outcome.moves == 1
    kinds = [m["type"] for m in script.sent]
    assert kinds == ["step", *["error"] * len(bad), "step"]
    for error in script.sent[1:-1]:
        assert error["protocol"] == PROTOCOL and error["message"]
        assert error["error"] in ("bad-answer", "unknown-choice")
        assert error["choices"] == [c["id"] for c in script.sent[0]["choices"]]
    assert script.sent[-1]["step"] == 1


def test_bad_bytes_over_stdio_are_answered_not_crashed_on() -> None:
    result = _yesable("run", SCENARIO, "--stdio", input=b'\xff\xfe\x00garbage\n{"choice": [\n\x1b[31m\n')
    assert result.returncode == 0, result.stderr
    assert result.stderr == b""
    sent = [json.loads(line) for line in result.stdout.decode().splitlines()]
    assert [m["type"] for m in sent] == ["step", "error", "error", "error"]


def test_end_of_input_ends_cleanly_without_a_transcript(tmp_path: Path) -> None:
    result = _yesable("run", SCENARIO, "--stdio", "--results", str(tmp_path), input=b"1\n")
    assert result.returncode == 0 and result.stderr == b""
    sent = [json.loads(line) for line in result.stdout.decode().splitlines()]
    assert [m["type"] for m in sent] == ["step", "step"]
    assert list(tmp_path.iterdir()) == []
    assert _yesable("run", SCENARIO, "--stdio", input=b"").returncode == 0


def test_grades_come_only_when_asked() -> None:
    loaded = find_scenario(SCENARIO)
    script = Scripted(["1"] * 50)
    play_over(loaded, script.channel, seed=1)
    assert not _keys(script.sent) & GRADE_KEYS
    graded = Scripted(["1"] * 50)
    outcome = play_over(loaded, graded.channel, seed=1, grades=True)
    assert outcome.stop is Stop.END and "last" not in graded.sent[0]
    last = graded.sent[1]["last"]
    assert last["choice"] == graded.sent[0]["choices"][0]["id"] and last["label"] and last["reason"]
    assert len(graded.sent[-1]["debrief"]["moves"]) == outcome.moves
    assert [m["type"] for m in graded.sent] == [m["type"] for m in script.sent]


def test_run_refuses_stdio_mixed_with_choose(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["run", SCENARIO, "--stdio", "--choose", "1"]) == 2
    assert main(["run", SCENARIO, "--grades", "--choose", "1"]) == 2  # grades belong to the bot protocol
    assert main(["run", SCENARIO, "--stdio", "--player", "a/b"]) == 2
    assert "--stdio" in capsys.readouterr().err


def _doc_bot(tmp_path: Path) -> Path:
    text = DOCS.read_text(encoding="utf-8")
    code = re.search(r"## An example bot.*?```python\n(.*?)```", text, re.DOTALL)
    assert code is not None
    assert len(code.group(1).splitlines()) <= 25, "the example stays about 20 lines"
    path = tmp_path / "ask_first.py"
    path.write_text(code.group(1), encoding="utf-8")
    return path


def _env_with_yesable() -> dict[str, str]:
    bin_dir = str(Path(sys.executable).parent)  # the venv's scripts, where `yesable` is installed
    return os.environ | {"PATH": bin_dir + os.pathsep + os.environ.get("PATH", "")}


def test_the_example_bot_in_the_docs_drives_a_session(tmp_path: Path) -> None:
    bot = _doc_bot(tmp_path)
    result = subprocess.run(
        [sys.executable, str(bot), SCENARIO, "3"],
        capture_output=True,
        text=True,
        env=_env_with_yesable(),
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    loaded = find_scenario(SCENARIO)
    titles = [e.title for e in loaded.scenario.endings]
    assert any(result.stdout.startswith(title + " {") for title in titles), result.stdout
    assert "'total':" in result.stdout


def test_the_example_bot_in_the_docs_plays_in_a_tournament(tmp_path: Path) -> None:
    bot = _doc_bot(tmp_path)
    game = play_bot(find_scenario(SCENARIO), Bot("ask", f"{sys.executable} {bot}"), 0)
    assert game.status == "finished" and game.transcript is not None, game.detail


FIRST = """
import json, sys
for line in sys.stdin:
    message = json.loads(line)
    if message["type"] == "step":
        print(json.dumps({"choice": message["choices"][0]["id"]}), flush=True)
"""

RANDOM = """
import json, random, sys
rng = random.Random(7)
for line in sys.stdin:
    message = json.loads(line)
    if message["type"] == "step":
        print(rng.choice(message["choices"])["index"], flush=True)
"""


def _bot(tmp_path: Path, name: str, code: str) -> Bot:
    path = tmp_path / f"bot_{name}.py"  # not random.py: a script's folder comes first on sys.path
    path.write_text(textwrap.dedent(code), encoding="utf-8")
    return Bot(name, f"{sys.executable} {path}")


def test_a_tournament_of_two_toy_bots_over_three_seeds(tmp_path: Path) -> None:
    loaded = find_scenario(SCENARIO)
    bots = [_bot(tmp_path, "random", RANDOM), _bot(tmp_path, "first", FIRST)]
    results = tmp_path / "results"
    result = run_tournament(bots, [loaded], range(3), results=results)
    assert [(r.bot, r.scenario, [g.status for g in r.games]) for r in result.rows] == [
        ("random", SCENARIO, ["finished"] * 3),
        ("first", SCENARIO, ["finished"] * 3),
    ]
    first = result.rows[1]
    expected = []
    for seed in range(3):  # always-first is deterministic: what a person picking 1 each time scores
        session = Session.start(loaded, seed=seed)
        while not session.ended:
            session.choose("1")
        expected.append(read_transcript(first.games[seed].path).scores["total"])  # type: ignore[arg-type]
        assert [m.choice for m in session.state.history] == [m.choice for m in first.games[seed].transcript.moves]  # type: ignore[union-attr]
    assert first.figures is not None
    assert (first.figures.total.low, first.figures.total.high) == (min(expected), max(expected))
    assert first.figures.total.mean == pytest.approx(sum(expected) / 3)
    found, errors = collect_transcripts([results])
    assert not errors and len(found) == 6
    assert {t.player.alias for _, t in found} == {"random", "first"}
    assert all(replay_transcript(t, loaded).ok for _, t in found)
    data = tournament_json(result)
    assert data["protocol"] == PROTOCOL and data["seeds"] == [0, 1, 2]
    row = data["results"][1]
    assert row["finished"] == 3 and row["problems"] == {}
    assert set(row["figures"]) == {"sessions", "total", "agreement_share", "process_mean", "styles"}
    assert 0 <= row["figures"]["agreement_share"] <= 1
    assert abs(sum(row["figures"]["styles"].values()) - 1) < 0.01
    text = tournament_text(result)
    assert "random" in text and "first" in text and SCENARIO in text


def test_bad_bots_are_reported_not_fatal(tmp_path: Path) -> None:
    loaded = find_scenario(SCENARIO)
    bots = [
        _bot(tmp_path, "sleepy", "import time\ntime.sleep(60)\n"),
        _bot(tmp_path, "crashy", "import sys\nsys.stdin.readline()\nsys.exit('boom: no model loaded')\n"),
        _bot(tmp_path, "quitter", "import sys\nsys.stdin.readline()\n"),
        Bot("junk", f"{sys.executable} -c \"while True: print('nonsense', flush=True)\""),
        Bot("missing", "/no/such/bot --please"),
        _bot(tmp_path, "first", FIRST),
    ]
    started = time.monotonic()
    result = run_tournament(bots, [loaded], [0], move_timeout=1.0, game_timeout=20, max_invalid=2)
    assert time.monotonic() - started < 60
    status = {r.bot: r.games[0] for r in result.rows}
    assert status["sleepy"].status == "timeout" and "1 s per move" in (status["sleepy"].detail or "")
    assert status["crashy"].status == "crash" and "boom: no model loaded" in (status["crashy"].detail or "")
    assert status["quitter"].status == "quit"
    assert status["junk"].status == "invalid" and status["junk"].invalid == 3
    assert status["missing"].status == "crash"
    assert status["first"].status == "finished"
    assert [r.figures is None for r in result.rows] == [True] * 5 + [False]
    text = tournament_text(result)
    assert "seed 0: timeout" in text and "seed 0: crash" in text


def test_a_bot_that_outlasts_the_game_time_limit_is_stopped(tmp_path: Path) -> None:
    slow = _bot(
        tmp_path,
        "slow",
        """
        import json, sys, time
        for line in sys.stdin:
            message = json.loads(line)
            if message["type"] == "step":
                time.sleep(0.4)
                print(1, flush=True)
    """,
    )
    started = time.monotonic()
    game = play_bot(find_scenario(SCENARIO), slow, 0, move_timeout=5, game_timeout=0.6)
    assert game.status == "timeout" and "game" in (game.detail or "")
    assert time.monotonic() - started < 5


def test_tournament_command_reports_bots_beside_the_class(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    klass = tmp_path / "class"
    from simulator.classroom.transcript import write_transcript

    for seed in range(4):
        write_transcript(random_transcript(seed, f"p{seed}", scenario=SCENARIO), klass)
    first = tmp_path / "first.py"
    first.write_text(FIRST, encoding="utf-8")
    out = tmp_path / "report.json"
    code = main(
        [
            "tournament",
            "--bot",
            f"first={sys.executable} {first}",
            "--scenario",
            SCENARIO,
            "--seeds",
            "2",
            "--class",
            str(klass),
            "--json",
            "--out",
            str(out),
        ]
    )
    assert code == 0
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["class"][SCENARIO]["sessions"] == 4
    assert data["results"][0]["figures"]["sessions"] == 2
    assert (
        main(
            [
                "tournament",
                "--bot",
                f"first={sys.executable} {first}",
                "--scenario",
                SCENARIO,
                "--seeds",
                "1",
                "--class",
                str(klass),
            ]
        )
        == 0
    )
    printed = capsys.readouterr()
    assert "class (people)" in printed.out and "first" in printed.out
    assert "seed 0: finished" in printed.err


@pytest.mark.parametrize(
    "argv",
    [
        ["tournament", "--bot", "noequals"],
        ["tournament", "--bot", "a/b=python3 x.py"],
        ["tournament", "--bot", "a=x", "--bot", "a=y"],
        ["tournament", "--bot", "a=x", "--seeds", "0"],
        ["tournament", "--bot", "a=x", "--scenario", "no_such_scenario"],
    ],
)
def test_tournament_usage_errors(argv: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    assert main(argv) == 2
    assert "yesable tournament: error:" in capsys.readouterr().err
