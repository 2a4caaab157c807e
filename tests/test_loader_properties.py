"""Whatever bytes a pack file holds, loading never raises: it only reports located problems."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_loader import VALID

from simulator.content.loader import Personas, load_pack

DEAL = (VALID / "deal.yaml").read_text()
LINES = DEAL.splitlines(keepends=True)
FORMAT = re.compile(r"^[^:]+:\d+:\d+: (error|warning)\[[a-z0-9-]+\]: .+", re.DOTALL)
YAML_BITS = st.sampled_from(
    [
        ": ",
        "- ",
        "[",
        "]",
        "{",
        "}",
        "&a ",
        "*a",
        "!!python/object:os.system ",
        "? ",
        "|\n",
        "'",
        '"',
        "yes",
        "~",
        "\t",
        "\n  ",
        "#",
        "<<: ",
        "---\n",
        "%YAML 1.1\n",
        "!foo ",
        "0x1F",
        "2024-02-30",
    ]
)
FAST = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@pytest.fixture(scope="module")
def pack(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("props") / "tiny"
    shutil.copytree(VALID, folder)
    return folder


FILES = ["deal.yaml", "pack.yaml", "personas/tiny_dev.yaml"]


def load_with(pack: Path, data: bytes, name: str = "deal.yaml") -> None:
    original = (VALID / name).read_bytes()
    (pack / name).write_bytes(data)
    try:
        loaded, problems = load_pack(pack, Personas())
    finally:
        (pack / name).write_bytes(original)
    for problem in problems:
        assert problem.line >= 1 and problem.col >= 1
        assert FORMAT.match(problem.format()), problem.format()
    if loaded is None or "deal" not in loaded.scenarios:
        assert any(p.severity == "error" for p in problems)


@FAST
@given(st.sampled_from(FILES), st.binary(max_size=300))
def test_any_bytes_in_any_pack_file_load_without_raising(pack: Path, name: str, data: bytes) -> None:
    load_with(pack, data, name)


@FAST
@given(st.binary(max_size=400))
def test_any_bytes_load_without_raising(pack: Path, data: bytes) -> None:
    load_with(pack, data)


@FAST
@given(st.text(max_size=400))
def test_any_text_loads_without_raising(pack: Path, text: str) -> None:
    load_with(pack, text.encode("utf-8", "surrogatepass"))


@FAST
@given(
    st.lists(
        st.tuples(st.integers(0, len(LINES) - 1), st.integers(0, 80), st.one_of(YAML_BITS, st.text(max_size=6))),
        min_size=1,
        max_size=4,
    )
)
def test_mutated_scenario_loads_without_raising(pack: Path, edits: list[tuple[int, int, str]]) -> None:
    lines = list(LINES)
    for line, col, bit in edits:
        lines[line] = lines[line][:col] + bit + lines[line][col:]
    load_with(pack, "".join(lines).encode("utf-8", "surrogatepass"))


@FAST
@given(st.lists(st.integers(0, len(LINES) - 1), min_size=1, max_size=5, unique=True))
def test_scenario_with_lines_removed_loads_without_raising(pack: Path, dropped: list[int]) -> None:
    kept = [line for number, line in enumerate(LINES) if number not in dropped]
    load_with(pack, "".join(kept).encode())
