"""The loader reports every broken pack in tests/data/broken at the exact file:line:col.

Each case folder holds the files that replace those of the valid pack tests/data/valid/tiny, and
`expected.txt`, the problems `yesable check` must print (paths relative to the pack's parent).
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from simulator.content.loader import Personas, load_pack
from simulator.content.problems import Problem

DATA = Path(__file__).parent / "data"
VALID = DATA / "valid" / "tiny"
CASES = sorted(p.name for p in (DATA / "broken").iterdir() if p.is_dir())


def make_pack(tmp_path: Path, overlay: Path | None = None, **texts: str) -> Path:
    """A copy of the valid pack under tmp_path/tiny, with files replaced from `overlay` or `texts`."""
    pack = tmp_path / "tiny"
    shutil.copytree(VALID, pack)
    if overlay is not None:
        for file in overlay.rglob("*"):
            if file.is_file() and file.name != "expected.txt":
                (pack / file.relative_to(overlay)).write_bytes(file.read_bytes())
    for name, text in texts.items():  # broken__yaml="..." writes broken.yaml
        (pack / name.replace("__", ".")).write_text(text)
    return pack


def problems_of(pack: Path, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    monkeypatch.chdir(pack.parent)
    _, problems = load_pack(Path(pack.name), Personas())
    return [p.format() for p in problems]


@pytest.mark.parametrize("case", CASES)
def test_broken_pack_reports_located_problems(case: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = DATA / "broken" / case
    pack = make_pack(tmp_path, folder)
    expected = (folder / "expected.txt").read_text().splitlines()
    assert problems_of(pack, monkeypatch) == expected


def test_every_listed_case_exists() -> None:
    wanted = {
        "yaml_syntax",
        "duplicate_key",
        "unknown_key",
        "wrong_type",
        "unquoted_yes",
        "dangling_scene",
        "unknown_persona",
        "duplicate_scene",
        "empty_file",
        "binary_file",
        "non_utf8",
        "python_tag",
        "alias_bomb",
        "escaping_path",
    }
    assert wanted <= set(CASES)
    for case in CASES:
        assert (DATA / "broken" / case / "expected.txt").read_text().strip(), case


def test_valid_pack_loads_with_its_own_personas(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    pack, problems = load_pack(VALID, Personas())
    assert problems == []
    assert pack is not None and pack.manifest.id == "tiny"
    loaded = pack.scenarios["deal"]
    assert loaded.ref == "tiny/deal"
    assert set(loaded.personas) == {"tiny_sales", "tiny_dev"}
    assert len(loaded.content_hash) == 64


def test_content_hash_follows_the_files(tmp_path: Path) -> None:
    first, _ = load_pack(make_pack(tmp_path / "a"), Personas())
    same, _ = load_pack(make_pack(tmp_path / "b"), Personas())
    edited_persona = make_pack(tmp_path / "c")
    persona = edited_persona / "personas" / "tiny_dev.yaml"
    persona.write_text(persona.read_text().replace("Dana Dev", "Dana Devi"))
    changed, _ = load_pack(edited_persona, Personas())
    assert first and same and changed
    assert first.scenarios["deal"].content_hash == same.scenarios["deal"].content_hash
    assert first.scenarios["deal"].content_hash != changed.scenarios["deal"].content_hash


def test_good_scenarios_load_beside_a_broken_one(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    make_pack(tmp_path, broken__yaml="id: [\n")
    monkeypatch.chdir(tmp_path)
    pack, problems = load_pack(Path("tiny"), Personas())
    assert pack is not None and list(pack.scenarios) == ["deal"]
    assert [p.path for p in problems] == ["tiny/broken.yaml"]


def test_scenario_link_leaving_the_pack_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    pack = make_pack(tmp_path)
    outside = tmp_path / "outside.yaml"
    outside.write_text((pack / "deal.yaml").read_text())
    (pack / "deal.yaml").unlink()
    (pack / "deal.yaml").symlink_to(outside)
    (pack / "pack.yaml").write_text((pack / "pack.yaml").read_text() + "scenarios: [deal.yaml]\n")
    assert problems_of(pack, monkeypatch) == [
        "tiny/pack.yaml:8:13: error[path-escape]: 'deal.yaml' is a link to a file outside the pack folder"
    ]


def test_missing_scenario_file_is_located_in_the_manifest(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    pack = make_pack(tmp_path)
    (pack / "pack.yaml").write_text((pack / "pack.yaml").read_text() + "scenarios:\n  - deal.yaml\n  - gone.yaml\n")
    assert problems_of(pack, monkeypatch) == [
        "tiny/pack.yaml:10:5: error[missing-file]: scenario file 'gone.yaml' does not exist in the pack"
    ]


def test_pack_persona_may_not_redefine_a_shared_one(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    shared_dir = tmp_path / "shared"
    shared_dir.mkdir()
    shutil.copy(VALID / "personas" / "tiny_dev.yaml", shared_dir / "tiny_dev.yaml")
    from simulator.content.loader import load_personas

    shared = load_personas(shared_dir)
    make_pack(tmp_path)
    monkeypatch.chdir(tmp_path)
    _, problems = load_pack(Path("tiny"), shared)
    assert [p.format() for p in problems] == [
        (
            "tiny/personas/tiny_dev.yaml:2:5: error[duplicate-id]: persona id 'tiny_dev' is already "
            "defined in shared/tiny_dev.yaml"
        )
    ]


def test_problem_format_and_hint() -> None:
    problem = Problem("a.yaml", 3, 7, "unknown key 'x'", "unknown-key", hint="did you mean 'y'?")
    assert problem.format() == "a.yaml:3:7: error[unknown-key]: unknown key 'x'; did you mean 'y'?"


def test_links_leaving_the_pack_are_refused_without_a_manifest_list(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pack = make_pack(tmp_path)
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    (outside / "x.yaml").write_text("id: x\n")
    (pack / "x.yaml").symlink_to(outside / "x.yaml")
    (pack / "personas" / "y.yaml").symlink_to(outside / "x.yaml")
    assert problems_of(pack, monkeypatch) == [
        "tiny/x.yaml:1:1: error[path-escape]: a link to a file outside the pack folder",
        "tiny/personas/y.yaml:1:1: error[path-escape]: persona file links outside its pack",
    ]


def test_yaml_files_that_will_not_load_are_warned_about(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    pack = make_pack(tmp_path)
    (pack / "draft.yml").write_text("id: draft\n")
    assert problems_of(pack, monkeypatch) == [
        "tiny/draft.yml:1:1: warning[ignored-file]: not loaded: scenario files end in .yaml"
    ]
    (pack / "draft.yml").unlink()
    (pack / "draft.yaml").write_text("id: draft\n")
    (pack / "pack.yaml").write_text((pack / "pack.yaml").read_text() + "scenarios: [deal.yaml]\n")
    assert problems_of(pack, monkeypatch) == [
        "tiny/draft.yaml:1:1: warning[ignored-file]: not loaded: pack.yaml `scenarios:` does not list it"
    ]


def test_a_broken_persona_is_reported_once_not_in_every_scenario(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pack = make_pack(tmp_path)
    persona = pack / "personas" / "tiny_sales.yaml"
    persona.write_text(persona.read_text().replace("function: sales", "function: sails"))
    assert problems_of(pack, monkeypatch) == [
        (
            "tiny/personas/tiny_sales.yaml:4:11: error[invalid-value]: expected one of: engineering, ux, "
            "marketing, sales, distribution, support, customer_success, finance, hr, operations, "
            "executive; got 'sails'; did you mean 'sales'?"
        )
    ]
    loaded, _ = load_pack(Path("tiny"), Personas())
    assert loaded is not None and loaded.scenarios == {}
