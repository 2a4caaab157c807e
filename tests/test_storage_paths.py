"""storage/ owns every file Yesable writes: one paths module, one atomic write, and content/ writes nothing."""

from __future__ import annotations

import ast
import os
import stat
from pathlib import Path

import pytest

from simulator.storage.files import SHARED, atomic_write, write_new_tree
from simulator.storage.paths import Paths, data_home

PACKAGE = Path(__file__).resolve().parents[1] / "simulator"
WRITERS = {
    "write_text",
    "write_bytes",
    "atomic_write",
    "store_quietly",
    "write_new_tree",
    "mkdir",
    "unlink",
    "rmtree",
    "makedirs",
    "mkstemp",
    "touch",
    "symlink_to",
}
OS_WRITERS = {"replace", "rename", "remove"}
"""Called as `os.NAME` (str.replace and dataclasses.replace write nothing)."""


def _writes(tree: ast.AST) -> list[str]:
    """Calls in `tree` that write files: the writers above, and open() with a mode that writes."""
    found = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        name = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", "")
        on_os = isinstance(node.func, ast.Attribute) and getattr(node.func.value, "id", "") == "os"
        if name in WRITERS or on_os and name in OS_WRITERS:
            found.append(f"{name}() at line {node.lineno}")
        if name in {"open", "fdopen"} and not on_os:  # os.open: a descriptor (e.g. to /dev/null)
            modes = [a for a in node.args[1:2]] + [k.value for k in node.keywords if k.arg == "mode"]
            if any(not isinstance(m, ast.Constant) or set(str(m.value)) & set("wax+") for m in modes):
                found.append(f"open(..., mode) at line {node.lineno}")
    return found


@pytest.mark.parametrize("path", sorted((PACKAGE / "content").rglob("*.py")), ids=lambda p: p.name)
def test_content_writes_no_file(path: Path) -> None:
    """The pack format returns data; the storage layer writes it (simulator.storage.files)."""
    assert _writes(ast.parse(path.read_text(encoding="utf-8"))) == []


def test_the_check_finds_a_write() -> None:
    code = "from pathlib import Path\nPath('x').write_text('y')\nopen('z', 'w')\nopen('r')\nos.replace(a, b)\n"
    assert _writes(ast.parse(code)) == [
        "write_text() at line 2",
        "open(..., mode) at line 3",
        "replace() at line 5",
    ]


def test_no_module_outside_storage_writes_a_file_but_through_storage() -> None:
    """Every other module writes through storage.files (atomic), never with open/write_text."""
    offenders = []
    for path in sorted(PACKAGE.rglob("*.py")):
        if path.is_relative_to(PACKAGE / "storage"):
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        raw = [w for w in _writes(tree) if w.startswith(("write_text", "write_bytes", "open("))]
        offenders += [f"{path.relative_to(PACKAGE)}: {w}" for w in raw]
    assert offenders == []


def test_the_data_folder_is_yesable_home_when_set(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("YESABLE_HOME", str(tmp_path / "h"))
    paths = Paths.default()
    assert data_home() == paths.root == tmp_path / "h"
    assert paths.saves == tmp_path / "h" / "saves" and paths.progress.parent == paths.root
    assert paths.index.parent == paths.compiled.parent == paths.root  # caches: same folder by default


def test_the_platform_folder_without_yesable_home(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv("YESABLE_HOME", raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    assert data_home() == tmp_path / "xdg" / "yesable"


def test_a_served_player_has_their_own_files_and_shares_the_caches(tmp_path: Path) -> None:
    shared = Paths(tmp_path / "_before-alias")
    mine = shared.for_player(tmp_path, "  Ada ")
    theirs = shared.for_player(tmp_path, "ada_x")
    assert mine.root == tmp_path / "ada" and mine.saves != theirs.saves
    assert mine.index == theirs.index == shared.index


def test_atomic_write_replaces_whole_and_keeps_the_old_file_on_failure(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "deep" / "file.json"
    atomic_write(target, "old")
    assert target.read_text() == "old" and stat.S_IMODE(target.stat().st_mode) == 0o600
    atomic_write(target, b"\x00bytes", mode=SHARED)
    assert target.read_bytes() == b"\x00bytes" and stat.S_IMODE(target.stat().st_mode) == SHARED

    def boom(*args: object) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(os, "fsync", boom)
    with pytest.raises(OSError):
        atomic_write(target, "new")
    assert target.read_bytes() == b"\x00bytes"
    assert [p.name for p in target.parent.iterdir()] == ["file.json"]  # no temporary file left


def test_a_new_tree_never_overwrites(tmp_path: Path) -> None:
    written = write_new_tree(tmp_path / "pack", {Path("a.yaml"): "a", Path("sub") / "b.yaml": "b"})
    assert [p.read_text() for p in written] == ["a", "b"]
    with pytest.raises(FileExistsError):
        write_new_tree(tmp_path / "pack", {Path("a.yaml"): "changed"})
    assert (tmp_path / "pack" / "a.yaml").read_text() == "a"
