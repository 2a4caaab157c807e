"""The story map (`graph --format html`) and line coverage (`simulate`): a self-contained page that
draws every scene, ending and choice, escapes hostile pack text and renders in a browser; line
and reply coverage that agrees with what the engine shows."""

from __future__ import annotations

import json
import random
import re
import shutil
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml
from analysis_kit import every_scenario
from browser import needs_chromium, png_is_not_blank, screenshot, wait_in_page

from simulator.analysis.graph import nodes_and_edges
from simulator.analysis.locate import locations
from simulator.analysis.simulate import MAX_RANDOM_MOVES, simulate
from simulator.analysis.storymap import to_html
from simulator.cli.main import main
from simulator.content.loaded import LoadedScenario
from simulator.content.loader import load_pack
from simulator.engine import Session
from simulator.engine.session import compiled

FIXTURE = Path(__file__).parent / "data" / "storymap" / "lines"
HOSTILE = '</text><script>alert("x")</script> it\'s "quoted" & <b>bold</b>'


@pytest.fixture(autouse=True)
def fixture_pack_installed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """The fixture pack findable by name (`lines/lines`), for this module only."""
    from simulator.classroom.installed import library

    monkeypatch.setenv("YESABLE_HOME", str(tmp_path / "home"))
    monkeypatch.setenv("YESABLE_PACKS", str(FIXTURE.parent))
    library.cache_clear()
    yield
    library.cache_clear()


def fixture() -> LoadedScenario:
    pack, problems = load_pack(FIXTURE)
    assert pack is not None and not [p for p in problems if p.severity == "error"], problems
    return pack.scenarios["lines"]


def hostile_pack(tmp_path: Path) -> Path:
    """The fixture pack with every scene, ending and the scenario titled with markup and quotes."""
    folder = tmp_path / "hostile"
    shutil.copytree(FIXTURE, folder)
    path = folder / "lines.yaml"
    data = yaml.safe_load(path.read_text())
    data["title"] = HOSTILE
    for part in (*data["scenes"], *data["endings"]):
        part["title"] = HOSTILE
    path.write_text(yaml.safe_dump(data, sort_keys=False))
    return folder


class Page(HTMLParser):
    """Elements with their attributes, and the text outside scripts and styles."""

    def __init__(self) -> None:
        super().__init__()
        self.elements: list[tuple[str, dict[str, str]]] = []
        self.text: list[str] = []
        self.stack: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.elements.append((tag, {k: v or "" for k, v in attrs}))
        if tag not in ("meta", "path", "rect", "circle", "line", "br"):
            self.stack.append(tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.elements.append((tag, {k: v or "" for k, v in attrs}))

    def handle_endtag(self, tag: str) -> None:
        while self.stack and self.stack.pop() != tag:
            pass

    def handle_data(self, data: str) -> None:
        if not self.stack or self.stack[-1] not in ("script", "style"):
            self.text.append(data)

    def with_class(self, name: str) -> list[dict[str, str]]:
        return [a for tag, a in self.elements if tag == "g" and name in a.get("class", "").split()]


def parsed(text: str) -> Page:
    page = Page()
    page.feed(text)
    page.close()
    return page


def story_map(loaded: LoadedScenario, runs: int = 300) -> str:
    return to_html(loaded, simulate(loaded, runs), locations(loaded))


# --------------------------------------------------------------------------- the page


def test_every_scene_ending_and_choice_is_drawn_with_its_file_and_line() -> None:
    loaded = fixture()
    page = parsed(story_map(loaded))
    scenario = loaded.scenario
    scenes = {a["data-name"]: a for a in page.with_class("scene")}
    endings = {a["data-name"]: a for a in page.with_class("ending")}
    assert set(scenes) == {s.id for s in scenario.scenes}
    assert set(endings) == {e.id for e in scenario.endings}
    _, edges = nodes_and_edges(scenario)
    drawn = page.with_class("edge")
    assert len(drawn) == len([e for e in edges if e.source != "start"])
    assert sorted(a["data-name"] for a in drawn) == sorted(e.choice for e in edges if e.choice)
    text = FIXTURE.joinpath("lines.yaml").read_text().splitlines()
    for ident, attrs in {**scenes, **endings}.items():
        path, line = attrs["data-loc"].rsplit(":", 1)
        assert path.endswith("lines.yaml") and f"id: {ident}" in text[int(line) - 1]
        assert attrs["data-link"].startswith("vscode://file/") and attrs["data-link"].endswith(f":{line}")
    give = next(a for a in drawn if a["data-name"] == "give")
    assert "id: give" in text[int(give["data-loc"].rsplit(":", 1)[1]) - 1]


def test_coverage_conditions_and_reveals_are_marked() -> None:
    page = parsed(story_map(fixture()))
    # `ask` always reveals the renewal, so `data` never falls through to `stuck`
    assert [a["data-info"].split(";")[0] for a in page.with_class("cold")] == ["data (integrating) → stuck"]
    dashed = {a["data-name"] for a in page.with_class("conditional")}
    assert dashed == {"data"}  # its branches have conditions
    ask = next(a for a in page.with_class("edge") if a["data-name"] == "ask")
    assert "can reveal tiny_sales.renewal" in ask["data-info"]
    opening = next(a for a in page.with_class("scene") if a["data-name"] == "open")
    assert "reached in 300 of 300 games" in opening["data-info"]
    assert "reveal tiny_sales.renewal" in opening["data-info"]


def test_never_reached_parts_are_highlighted(tmp_path: Path) -> None:
    folder = tmp_path / "cold"
    shutil.copytree(FIXTURE, folder)
    path = folder / "lines.yaml"
    data = yaml.safe_load(path.read_text())
    data["scenes"][1]["choices"][1]["if"] = {"chosen": ["give"]}  # `split` can never be offered
    path.write_text(yaml.safe_dump(data, sort_keys=False))
    pack, _ = load_pack(folder)
    assert pack is not None
    page = parsed(story_map(pack.scenarios["lines"]))
    cold = [a for a in page.with_class("cold")]
    assert sorted(a["data-name"] for a in cold) == ["data", "split"]
    assert "taken 0 times" in next(a for a in cold if a["data-name"] == "split")["data-info"]


def test_the_page_makes_no_network_request() -> None:
    text = story_map(fixture())
    page = parsed(text)
    for tag, attrs in page.elements:
        for name in ("src", "href", "xlink:href", "action", "poster", "data"):
            assert not re.match(r"\s*(https?:)?//", attrs.get(name, "")), (tag, name, attrs[name])
    assert not re.search(r"https?://", text)
    assert "@import" not in text and "@font-face" not in text
    assert all(u.startswith("#") for u in re.findall(r"url\(\s*['\"]?([^)'\"]*)", text))
    assert [tag for tag, _ in page.elements].count("script") == 1
    assert not [a for tag, a in page.elements if tag in ("link", "img", "iframe", "object", "embed")]


def test_hostile_titles_are_escaped(tmp_path: Path) -> None:
    pack, _ = load_pack(hostile_pack(tmp_path))
    assert pack is not None
    text = story_map(pack.scenarios["lines"])
    assert "<script>alert" not in text and "</text><script>" not in text and "<b>bold" not in text
    page = parsed(text)
    assert [tag for tag, _ in page.elements].count("script") == 1
    assert "b" not in [tag for tag, _ in page.elements]
    assert HOSTILE in "".join(page.text)  # shown as the author wrote it
    assert any(HOSTILE in a["data-info"] for a in page.with_class("scene"))


def test_graph_command_writes_the_page(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "map.html"
    assert main(["graph", "lines/lines", "--format", "html", "--out", str(out), "--runs", "50"]) == 0
    assert f"wrote {out}" in capsys.readouterr().out
    assert "of 50 games" in out.read_text()
    mermaid = tmp_path / "map.mmd"
    assert main(["graph", str(FIXTURE / "lines.yaml"), "--out", str(mermaid)]) == 0
    assert mermaid.read_text().startswith("flowchart TD")
    assert main(["graph", "lines/lines", "--format", "html", "--runs", "0"]) == 2


@needs_chromium
def test_the_story_map_renders_and_a_click_shows_the_place(tmp_path: Path) -> None:
    import asyncio

    out = tmp_path / "map.html"
    assert (
        main(["graph", "critical_supporters/release_scope", "--format", "html", "--out", str(out), "--runs", "200"])
        == 0
    )
    assert png_is_not_blank(screenshot(out.as_uri(), tmp_path / "map.png"))
    click = (
        "(function(){var n=document.querySelector('g.scene');"
        "n.dispatchEvent(new MouseEvent('click',{bubbles:true}));"
        "return document.getElementById('where').textContent})()"
    )
    value, png = asyncio.run(wait_in_page(out.as_uri(), click))
    assert re.fullmatch(r".*release_scope\.yaml:\d+", str(value))
    assert len(png) > 8_000


# --------------------------------------------------------------------------- line coverage


def test_a_line_that_can_never_show_and_a_rare_one() -> None:
    result = simulate(fixture(), 2_000, seed=0)
    table_runs = result.scene_runs["table"]
    waits = result.transitions[("open", "wait", "open")]  # unless the dev walks out
    assert result.line_shown[("open", 0)] == 2_000 + waits > 2_000  # shown on each arrival
    assert result.line_shown[("table", 0)] == table_runs > 0
    assert result.line_shown[("table", 1)] == 0  # `give` ends the session before `table`
    assert 0 < result.line_shown[("table", 2)] < 0.15 * 2_000  # `wait` then `ask`: about 1 in 12
    assert result.unshown_lines == [("table", 1)]
    assert result.reply_shown == {("table", "data", "tiny_dev"): result.choice_counts[("table", "data")]}


def test_simulate_lists_never_shown_lines_with_file_and_line(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["simulate", "lines/lines", "--runs", "500"]) == 0
    out = capsys.readouterr().out
    assert "Lines shown: 3 of 4; replies shown: 1 of 1" in out
    line = next(
        n for n, t in enumerate(FIXTURE.joinpath("lines.yaml").read_text().splitlines(), 1) if "You gave me my way" in t
    )
    assert re.search(rf"never shown: \S*lines\.yaml:{line}: table line 2, tiny_sales \(if chosen: give\)", out)
    assert main(["simulate", "lines/lines", "--runs", "500", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert [(x["scene"], x["line"]) for x in data["unshown_lines"]] == [("table", 1)]
    assert data["unshown_lines"][0]["at"].endswith(f"lines.yaml:{line}")
    assert {(x["scene"], x["line"]): x["shown"] for x in data["lines"]}[("table", 1)] == 0
    assert data["replies"] == [
        {
            "scene": "table",
            "choice": "data",
            "persona": "tiny_dev",
            "shown": data["replies"][0]["shown"],
            "at": data["replies"][0]["at"],
        }
    ]
    assert data["unshown_replies"] == []


@pytest.mark.parametrize("loaded", every_scenario(), ids=lambda s: s.ref)
def test_line_coverage_is_what_the_engine_shows(loaded: LoadedScenario) -> None:
    """Run i of a simulation shows the lines and replies that `run --choose random --seed i` does,
    as often."""
    runs = 25
    result = simulate(loaded, runs, seed=7)
    guards = compiled(loaded).line_guards
    lines: dict[tuple[str, int], int] = dict.fromkeys(result.line_shown, 0)
    replies: dict[tuple[str, str, str], int] = dict.fromkeys(result.reply_shown, 0)
    for seed in range(7, 7 + runs):
        session = Session.start(loaded, seed=seed)
        rng = random.Random(seed)

        def arrive(session: Session = session) -> None:
            scene = session.state.scene
            if scene is not None:
                for i, _line in enumerate(loaded.scenario.scene(scene).lines):
                    if guards[(scene, i)](session.state):
                        lines[(scene, i)] += 1

        arrive()
        while not session.ended and len(session.state.history) < MAX_RANDOM_MOVES:
            scene = session.state.scene
            assert scene is not None
            choice = rng.choice(session.available())
            moved = session.choose(choice.id)
            for reaction in moved.reactions:
                if reaction.persona in choice.reply and not reaction.walked_out:
                    replies[(scene, choice.id, reaction.persona)] += 1
            arrive()
    assert lines == result.line_shown
    assert replies == result.reply_shown
