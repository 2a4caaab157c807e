"""`yesable list`, where packs are found, and how a SCENARIO argument is resolved."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest
from test_loader import VALID

from simulator.cli.main import main
from simulator.content import locations
from simulator.content.loader import load_library
from simulator.content.resolve import ScenarioNotFound, resolve_scenario


@pytest.fixture
def user_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A user data folder holding the fixture pack; no extra pack folders."""
    home = tmp_path / "home"
    shutil.copytree(VALID, home / "packs" / "tiny")
    monkeypatch.setenv("YESABLE_HOME", str(home))
    monkeypatch.setenv("YESABLE_PACKS", "")
    return home


def test_list_json_shape(user_home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["list", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert list(data) == ["packs"]
    tiny = next(p for p in data["packs"] if p["id"] == "tiny")
    assert tiny == {
        "id": "tiny",
        "title": "Tiny test pack",
        "version": "1.0.0",
        "scenarios": [
            {
                "id": "deal",
                "title": "A tiny deal",
                "summary": "Sales wants a feature; development wants sleep.",
                "difficulty": "introductory",
                "minutes": 5,
                "objectives": ["EO5", "EO2.4"],
                "functions": ["sales", "engineering"],
                "ref": "tiny/deal",
                "best": None,
                "in_progress": False,
            }
        ],
    }
    for pack in data["packs"]:
        assert set(pack) == {"id", "title", "version", "scenarios"}


def test_list_text_and_problems_on_stderr(user_home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    broken = user_home / "packs" / "broken"
    shutil.copytree(VALID, broken)
    (broken / "pack.yaml").write_text((broken / "pack.yaml").read_text().replace("id: tiny", "id: broken"))
    (broken / "deal.yaml").write_text("id: [")
    assert main(["list"]) == 0
    out, err = capsys.readouterr()
    assert "tiny/deal  A tiny deal  introductory  5 min  EO5 EO2.4" in out
    assert "broken/deal.yaml:2:1: error[yaml-syntax]" in err
    assert "yaml-syntax" not in out


def test_extra_pack_dirs_from_the_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    one, two = tmp_path / "one", tmp_path / "two"
    shutil.copytree(VALID, one / "tiny")
    monkeypatch.setenv("YESABLE_PACKS", os.pathsep.join([str(one), str(two)]))
    monkeypatch.setenv("YESABLE_HOME", str(tmp_path / "home"))
    assert locations.extra_pack_dirs() == [one, two]
    assert (one / "tiny").resolve() in [p.resolve() for p in locations.default_pack_dirs()]
    assert locations.user_packs() == tmp_path / "home" / "packs"


def test_bundled_folders_exist_in_a_checkout() -> None:
    assert locations.bundled_scenarios().is_dir()
    assert locations.bundled_personas().is_dir()


def test_resolve_by_ref_or_unique_id(user_home: Path) -> None:
    library = load_library(include_bundled=False)
    assert resolve_scenario(library, "tiny/deal").ref == "tiny/deal"
    assert resolve_scenario(library, "deal").ref == "tiny/deal"
    with pytest.raises(ScenarioNotFound, match="did you mean 'deal'"):
        resolve_scenario(library, "dael")


def test_resolve_names_candidates_when_ambiguous(user_home: Path) -> None:
    twin = user_home / "packs" / "twin"
    shutil.copytree(VALID, twin)
    (twin / "pack.yaml").write_text((twin / "pack.yaml").read_text().replace("id: tiny", "id: twin"))
    (twin / "personas" / "tiny_dev.yaml").unlink()
    (twin / "personas" / "tiny_sales.yaml").unlink()
    library = load_library(include_bundled=False)
    # the twin pack's personas are its own: without them its scenario cannot load
    assert [p.code for p in library.problems] == ["unknown-persona", "unknown-persona"]
    shutil.copytree(VALID / "personas", twin / "personas", dirs_exist_ok=True)
    library = load_library(include_bundled=False)
    with pytest.raises(ScenarioNotFound, match="several packs; name one of: tiny/deal, twin/deal"):
        resolve_scenario(library, "deal")


def test_duplicate_pack_id_is_reported_once(user_home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    copy = tmp_path / "extra" / "tiny_again"
    shutil.copytree(VALID, copy)
    monkeypatch.setenv("YESABLE_PACKS", str(tmp_path / "extra"))
    library = load_library(include_bundled=False)
    assert [p.code for p in library.problems] == ["duplicate-pack"]
    assert [p.manifest.id for p in library.packs] == ["tiny"]


def test_list_json_gives_best_scores_and_games_in_progress(user_home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """`list` reads the headless catalog: the player's best total, attempts and saved games."""
    from simulator.storage.progress import Progress
    from simulator.storage.saves import Saves

    progress = Progress(user_home / "progress.sqlite3")
    for total in (40, 75):
        progress.record("tiny/deal", {"total": total}, None)
    Saves(user_home / "saves").write("tiny/deal", '{"history": [1, 2]}')
    assert main(["list", "--json"]) == 0
    deal = next(p for p in json.loads(capsys.readouterr().out)["packs"] if p["id"] == "tiny")["scenarios"][0]
    assert deal["best"] == {"total": 75, "attempts": 2} and deal["in_progress"] is True
    assert (user_home / "index.json").is_file()  # the same catalog the app starts from
