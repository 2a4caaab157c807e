"""The headless catalog (simulator.catalog): what the app, `list` and `serve` know of the packs, and
the app's first frame after a pack changed (the old list at once, the new one from a child process)."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from test_loader import VALID
from textual.widgets import OptionList

from simulator.catalog import rebuild
from simulator.catalog.catalog import Catalog
from simulator.catalog.index import read_index
from simulator.storage.paths import Paths
from simulator.tui.app import YesableApp, make_app


@pytest.fixture
def pack(tmp_path: Path) -> Path:
    folder = tmp_path / "packs" / "tiny"
    shutil.copytree(VALID, folder)
    return folder


def edit_title(pack: Path, title: str) -> None:
    scenario = pack / "deal.yaml"
    scenario.write_text(scenario.read_text(encoding="utf-8").replace("A tiny deal", title, 1), encoding="utf-8")


def home_labels(app: YesableApp) -> str:
    options = app.screen.query_one("#scenarios", OptionList)
    return "\n".join(str(options.get_option_at_index(i).prompt) for i in range(options.option_count))


def test_a_catalog_lists_from_its_index_without_loading_and_plays_one_pack(tmp_path: Path, pack: Path) -> None:
    paths = Paths(tmp_path / "data")
    first = Catalog(paths, [pack])
    assert [e.ref for e in first.entries()] == ["tiny/deal"] and first.loaded is not None
    second = Catalog(paths, [pack])
    assert [e.title for e in second.entries()] == ["A tiny deal"]
    loaded = second.scenario("deal")
    assert second.loaded is None, "the whole library was loaded"
    assert loaded.ref == "tiny/deal" and second.pack_dir(loaded) == pack
    assert not second.changed()
    edit_title(pack, "A tiny deal, edited")
    assert second.changed() and second.current_entries() is None
    assert [e.title for e in second.stale_entries()] == ["A tiny deal"]  # what home shows meanwhile


def test_the_rebuild_process_makes_the_index_current(
    tmp_path: Path, pack: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    paths = Paths(tmp_path / "data")
    Catalog(paths, [pack]).entries()
    edit_title(pack, "A tiny deal, edited")
    catalog = Catalog(paths, [pack])
    assert not catalog.adopt_index()
    assert rebuild.main(["--cache", str(paths.cache), "--pack-dir", str(pack)]) == 0
    assert capsys.readouterr().out.strip() == "0"  # pack errors found
    assert catalog.adopt_index() and not catalog.changed()
    assert [e.title for e in catalog.entries()] == ["A tiny deal, edited"] and catalog.loaded is None
    command = catalog.rebuild_command()
    assert command[:3] == [sys.executable, "-m", "simulator.catalog.rebuild"] and str(pack) in command


async def test_after_a_pack_change_home_shows_the_old_list_then_the_new(tmp_path: Path, pack: Path) -> None:
    make_app(data_dir=tmp_path / "data", pack_dirs=[pack]).entries()  # the index of the first start
    edit_title(pack, "A tiny deal, edited")
    app = make_app(data_dir=tmp_path / "data", pack_dirs=[pack])
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert "A tiny deal" in home_labels(app) and "edited" not in home_labels(app)
        for _ in range(300):
            if "edited" in home_labels(app):
                break
            await pilot.pause(0.1)
        assert "A tiny deal, edited" in home_labels(app)
        assert app.catalog.loaded is None, "the app loaded the YAML itself"
        assert read_index(app.index_path, [pack]) is not None


FIRST_FRAME_AFTER_A_CHANGE = """
import sys
from pathlib import Path
from simulator.tui.app import AppConfig, YesableApp
class Probe(YesableApp):
    def on_ready(self):
        super().on_ready()
        print(sorted(m for m in ("pydantic", "yaml") if m in sys.modules), self._rebuild is not None)
        self.exit()
Probe(AppConfig(Path(sys.argv[1]))).run(headless=True, size=(80, 24))
"""


def test_the_first_frame_after_a_pack_change_needs_neither_yaml_nor_pydantic(tmp_path: Path, pack: Path) -> None:
    import os

    env = os.environ | {"YESABLE_PACKS": str(pack)}
    data = str(tmp_path / "data")
    first_start = (
        "import sys; from pathlib import Path; from simulator.tui.app import make_app; "
        "make_app(data_dir=Path(sys.argv[1])).entries()"
    )
    subprocess.run([sys.executable, "-c", first_start, data], check=True, env=env)
    edit_title(pack, "A tiny deal, edited")
    out = subprocess.run(
        [sys.executable, "-c", FIRST_FRAME_AFTER_A_CHANGE, data],
        check=True,
        env=env,
        capture_output=True,
        text=True,
    ).stdout
    assert out.strip() == "[] True"  # the stale list shown, the index remade by a child process
