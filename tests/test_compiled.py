"""Compiled scenarios: the app plays from a validated JSON copy only while it is exactly current.

A stale copy (a pack or persona file changed), a damaged copy or one from another version of the
records must never be played: `read_compiled` then answers None and the app loads the YAML.
"""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from simulator.catalog.catalog import store_compiled as write_compiled
from simulator.catalog.catalog import store_library as write_library
from simulator.content import compiled
from simulator.content.compiled import compiled_path, read_compiled, stamp
from simulator.content.loader import load_library, load_pack
from simulator.content.locations import bundled_personas, bundled_scenarios

LIBRARY = load_library(include_user=False)
STAMPS = {pack.path: stamp(pack.path) for pack in LIBRARY.packs}
REF = "critical_supporters/release_scope"


@pytest.fixture
def pack(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of release_scope's pack and of the bundled personas, free to edit."""
    folder = tmp_path / "packs" / "critical_supporters"
    shutil.copytree(bundled_scenarios() / "critical_supporters", folder)
    personas = tmp_path / "personas"
    shutil.copytree(bundled_personas(), personas)
    monkeypatch.setattr(compiled, "bundled_personas", lambda: personas)
    return folder


def loaded_from(pack: Path):  # type: ignore[no-untyped-def]
    found, _ = load_pack(pack)
    assert found is not None
    return found.scenarios["release_scope"]


def test_every_bundled_scenario_reads_back_equal_to_its_yaml(tmp_path: Path) -> None:
    write_library(tmp_path, LIBRARY, STAMPS)
    for pack in LIBRARY.packs:
        for loaded in pack.scenarios.values():
            assert read_compiled(tmp_path, loaded.ref, stamp(pack.path)) == loaded


def test_a_changed_pack_file_makes_the_copy_stale(tmp_path: Path, pack: Path) -> None:
    write_compiled(tmp_path / "c", loaded_from(pack), stamp(pack))
    assert read_compiled(tmp_path / "c", REF, stamp(pack)) is not None
    scenario = pack / "release_scope.yaml"
    scenario.write_text(scenario.read_text().replace("Release scope", "Release scope, edited", 1))
    assert read_compiled(tmp_path / "c", REF, stamp(pack)) is None


def test_a_file_edited_while_the_pack_loads_makes_the_copy_stale(tmp_path: Path, pack: Path) -> None:
    before = stamp(pack)  # as the app does: stamp first, then load
    scenario = pack / "release_scope.yaml"
    scenario.write_text(scenario.read_text().replace("Release scope", "Release scope, edited", 1))
    write_compiled(tmp_path / "c", loaded_from(pack), before)
    assert read_compiled(tmp_path / "c", REF, stamp(pack)) is None


def test_a_changed_persona_makes_the_copy_stale(tmp_path: Path, pack: Path) -> None:
    write_compiled(tmp_path / "c", loaded_from(pack), stamp(pack))
    persona = next((tmp_path / "personas").glob("*.yaml"))
    info = persona.stat()
    os.utime(persona, ns=(info.st_atime_ns, info.st_mtime_ns + 1_000_000_000))
    assert read_compiled(tmp_path / "c", REF, stamp(pack)) is None


def test_a_copy_from_other_records_is_not_used(tmp_path: Path, pack: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write_compiled(tmp_path / "c", loaded_from(pack), stamp(pack))
    monkeypatch.setattr(compiled, "_version", lambda: [compiled.COMPILED_VERSION, 1, "another shape"])
    assert read_compiled(tmp_path / "c", REF, stamp(pack)) is None


def test_library_writing_removes_copies_of_scenarios_that_are_gone(tmp_path: Path) -> None:
    gone = compiled_path(tmp_path, "old_pack/removed")
    gone.parent.mkdir(parents=True)
    gone.write_text("{}\n{}\n")
    write_library(tmp_path, LIBRARY, STAMPS)
    assert not gone.exists()
    assert compiled_path(tmp_path, REF).is_file()


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.data())
def test_a_damaged_copy_is_never_played(tmp_path: Path, data: st.DataObject) -> None:
    pack = bundled_scenarios() / "critical_supporters"
    loaded = next(s for s in LIBRARY.scenarios() if s.ref == REF)
    folder = tmp_path / "damaged"
    write_compiled(folder, loaded, stamp(pack))
    path = compiled_path(folder, REF)
    raw = bytearray(path.read_bytes())
    if data.draw(st.booleans(), label="truncate"):
        raw = raw[: data.draw(st.integers(0, len(raw) - 1), label="length")]
    else:
        at = data.draw(st.integers(0, len(raw) - 1), label="at")
        raw[at] = data.draw(st.integers(0, 255).filter(lambda b: b != raw[at]), label="byte")
    path.write_bytes(bytes(raw))
    assert read_compiled(folder, REF, stamp(pack)) in (None, loaded)


def test_a_file_edited_while_the_app_loads_its_packs_leaves_index_and_copy_stale(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from simulator.catalog.index import read_index
    from simulator.content import loader
    from simulator.tui.app import make_app

    pack = tmp_path / "home" / "packs" / "copy"
    shutil.copytree(bundled_scenarios() / "critical_supporters", pack)
    manifest = pack / "pack.yaml"
    manifest.write_text(manifest.read_text().replace("id: critical_supporters", "id: copy", 1))
    monkeypatch.setenv("YESABLE_HOME", str(tmp_path / "home"))
    monkeypatch.setenv("YESABLE_PACKS", "")
    real_load = loader.load_library

    def load_while_an_author_saves(*args: object, **kwargs: object) -> object:
        library = real_load(*args, **kwargs)  # type: ignore[arg-type]
        scenario = pack / "release_scope.yaml"
        scenario.write_text(scenario.read_text().replace("Release scope", "Release scope, edited", 1))
        return library

    monkeypatch.setattr(loader, "load_library", load_while_an_author_saves)
    app = make_app(data_dir=tmp_path / "data")
    assert any(p.manifest.id == "copy" for p in app.library.packs)
    assert read_index(app.index_path) is None
    assert read_compiled(app.compiled_dir, "copy/release_scope", stamp(pack.resolve())) is None
    assert read_compiled(app.compiled_dir, REF, stamp(bundled_scenarios().resolve() / "critical_supporters"))


def test_a_copy_holding_an_escape_sequence_is_never_played(tmp_path: Path, pack: Path) -> None:
    """A copy whose checksum was redone by hand around text a terminal would obey is not used."""
    import hashlib

    write_compiled(tmp_path / "c", loaded_from(pack), stamp(pack))
    path = compiled.compiled_path(tmp_path / "c", REF)
    head, body = path.read_text(encoding="utf-8").split("\n", 1)
    body = body.rstrip("\n").replace("Features, tech debt", "Features\\u001b]0;pwned\\u0007, tech debt", 1)
    header = json.loads(head) | {"sha256": hashlib.sha256(body.encode()).hexdigest()}
    path.write_text(json.dumps(header) + "\n" + body + "\n", encoding="utf-8")
    assert read_compiled(tmp_path / "c", REF, stamp(pack)) is None
