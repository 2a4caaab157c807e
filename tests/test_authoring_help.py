"""Authoring help (issue 15, part 8): `check` warns, with codes, about lists YAML split at a comma,
agreements that leave issues open, and agreements worth less to the player than their BATNA;
docs/format.md lists the bundled personas and says what `{{ player }}` holds; the scaffold uses it
the right way."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from simulator.analysis.coverage import bundled_persona_list, persona_table, with_persona_table
from simulator.analysis.lint import ADVISORY, LINT_CODES
from simulator.cli.main import main
from simulator.content.scaffold import SCENARIO

DOCS = Path(__file__).resolve().parents[1] / "docs"


@pytest.fixture(autouse=True)
def no_user_packs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("YESABLE_HOME", str(tmp_path / "home"))
    monkeypatch.setenv("YESABLE_PACKS", "")


@pytest.fixture
def pack(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    assert main(["new", "my_pack", "--dir", str(tmp_path / "work")]) == 0
    capsys.readouterr()
    return tmp_path / "work" / "my_pack"


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def check(pack: Path, capsys: pytest.CaptureFixture[str], *flags: str) -> tuple[int, list[str]]:
    code = main(["check", *flags, str(pack)])
    return code, [line for line in capsys.readouterr().out.splitlines() if "[" in line]


def codes(lines: list[str]) -> list[str]:
    return [m.group(1) for line in lines if (m := re.search(r"(?:warning|error)\[([a-z-]+)\]", line))]


SCENARIO_FILE = "first_meeting.yaml"
INTERESTS = (
    "  interests:                 # one per line: in [a, b] brackets a comma would end the item\n"
    "    - A product that fits the market, not one customer"
)


# --- lists split at a comma ---------------------------------------------------------------------


def test_the_scaffold_as_it_was_is_flagged_at_the_split_item(pack: Path, capsys: pytest.CaptureFixture[str]) -> None:
    edit(pack / SCENARIO_FILE, INTERESTS, "  interests: [A product that fits the market, not one customer]")
    code, lines = check(pack, capsys)
    assert codes(lines) == ["yaml-comma-split"]
    [line] = lines
    text = (pack / SCENARIO_FILE).read_text(encoding="utf-8").splitlines()
    row, col = (int(n) for n in re.search(r":(\d+):(\d+): warning", line).groups())  # type: ignore[union-attr]
    assert text[row - 1][col - 1 :].startswith("not one customer")
    assert "'A product that fits the market' and 'not one customer' are two items" in line
    assert code == 0  # a warning
    assert check(pack, capsys, "--strict")[0] == 1  # not advisory: --strict fails the pack


@pytest.mark.parametrize(
    "written",
    [
        '  interests: ["A product that fits the market, not one customer"]',
        "  interests: [A product that fits the market, Not one customer]",
        "  interests: [Fits the market, 'not one customer']",
        "  interests:\n    - A product that fits the market, not one customer",
    ],
)
def test_quoted_capitalised_or_one_per_line_is_not_flagged(
    pack: Path, capsys: pytest.CaptureFixture[str], written: str
) -> None:
    edit(pack / SCENARIO_FILE, INTERESTS, written)
    assert check(pack, capsys, "--strict") == (0, [])


def test_a_number_split_at_its_thousands_comma_is_flagged(pack: Path, capsys: pytest.CaptureFixture[str]) -> None:
    edit(pack / SCENARIO_FILE, "  goals:\n    - Keep the roadmap intact", "  goals: [Reach 1,000 users]")
    _, lines = check(pack, capsys)
    assert codes(lines) == ["yaml-comma-split"] and "'Reach 1' and '000 users'" in lines[0]


def test_a_persona_kpi_list_is_checked_too(pack: Path, capsys: pytest.CaptureFixture[str]) -> None:
    [persona] = (pack / "personas").glob("*.yaml")
    edit(
        persona,
        "kpis:                        # what they are measured on\n  - Quarterly bookings",
        "kpis: [Quarterly bookings, net of discounts]",
    )
    _, lines = check(pack, capsys)
    assert codes(lines) == ["yaml-comma-split"] and persona.name in lines[0]


# --- agreements -------------------------------------------------------------------------------


def test_an_agreement_that_leaves_an_issue_open_names_it(pack: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (pack / "tests" / "first_meeting.testplan.yaml").unlink()  # its plan pins the deal this edit breaks
    edit(pack / SCENARIO_FILE, "        effects: {settle: {feature: config}}", "        effects: {}")
    edit(pack / SCENARIO_FILE, "    batna_value: 30", "    batna_value: 0")  # nobody refuses it
    code, lines = check(pack, capsys)
    assert "agreement-leaves-issues-open" in codes(lines)
    line = next(x for x in lines if "agreement-leaves-issues-open" in x)
    assert "agreement 'deal' can be reached with issue 'feature' never settled" in line
    assert "feature: open" in line
    assert code == 0


def test_an_agreement_below_the_players_batna_is_named(pack: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (pack / "tests" / "first_meeting.testplan.yaml").unlink()  # its plan pins the deal this edit breaks
    edit(pack / SCENARIO_FILE, "values: {player: 80,", "values: {player: 30,")
    code, lines = check(pack, capsys, "--strict")
    line = next(x for x in lines if "agreement-below-player-batna" in x)
    assert "agreement 'deal' can be reached on terms worth 30 to the player, below their BATNA of 40" in line
    assert "(feature: config)" in line
    assert "agreement-below-player-batna" in ADVISORY and code == 0  # advisory: a deliberate bad deal is a lesson


def test_an_agreement_at_the_batna_is_not_flagged(pack: Path, capsys: pytest.CaptureFixture[str]) -> None:
    edit(pack / SCENARIO_FILE, "values: {player: 80,", "values: {player: 40,")
    assert check(pack, capsys, "--strict") == (0, [])


def test_new_codes_are_warnings_with_a_fix() -> None:
    for code in ("yaml-comma-split", "agreement-leaves-issues-open", "agreement-below-player-batna"):
        severity, meaning, fix = LINT_CODES[code]
        assert severity == "warning" and meaning and fix


def test_no_false_alarm_on_the_bundled_packs_lists() -> None:
    """Bundled content writes its lists one item per line or with capitals; nothing is split."""
    from simulator.analysis.lint import comma_splits
    from simulator.content.locations import bundled_personas, bundled_scenarios
    from simulator.content.problems import FileProblems

    for path in [*bundled_scenarios().rglob("*.yaml"), *bundled_personas().glob("*.yaml")]:
        report = FileProblems(str(path))
        comma_splits(path, report)
        assert [p.format() for p in report.problems] == []


# --- {{ player }} and the scaffold --------------------------------------------------------------


def test_the_scaffold_never_addresses_the_player_by_role() -> None:
    from simulator.content.scaffold import PERSONA

    for text in (SCENARIO, PERSONA):
        content = "\n".join(line.split(" #")[0] for line in text.splitlines() if not line.startswith("#"))
        assert not re.search(r",\s*\{\{\s*player\s*\}\}\s*[.!?:]", content)
    role = yaml.safe_load(SCENARIO.replace("@PERSONA@", "p").replace("@PACK@", "x"))["player"]["role"]
    assert not role.startswith(("the ", "a ")), role  # reads right after "As"


def test_the_scaffold_interests_are_not_split() -> None:
    data = yaml.safe_load(SCENARIO.replace("@PERSONA@", "p").replace("@PACK@", "x"))
    assert data["player"]["interests"] == ["A product that fits the market, not one customer"]


def test_format_doc_says_what_player_holds() -> None:
    doc = (DOCS / "format.md").read_text(encoding="utf-8")
    row = next(line for line in doc.splitlines() if line.startswith("| `player` |"))
    assert "player.role" in row and "not a name or a form of address" in row
    assert '"I need it by Friday, {{ player }}."' in doc  # the wrong way, shown as such


def test_format_doc_lists_the_bundled_personas() -> None:
    doc = (DOCS / "format.md").read_text(encoding="utf-8")
    table = persona_table(bundled_persona_list())
    assert with_persona_table(doc, table) == doc, (
        "docs/format.md's persona table is stale: python -m simulator.analysis.coverage --personas docs/format.md"
    )
    for persona in bundled_persona_list():
        assert f"| `{persona.id}` | {persona.name} |" in doc
