"""`yesable handouts`: a brief per role and a facilitator guide, in Markdown and printable HTML."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import pytest
from browser import needs_chromium, pdf, png_is_not_blank, screenshot, wait_in_page
from engine_kit import mini_deal

from simulator.classroom.handouts import write_handouts
from simulator.cli.main import main


def test_handouts_for_a_bundled_scenario(tmp_path: Path, capsys) -> None:
    assert main(["handouts", "critical_supporters/release_scope", "--out", str(tmp_path)]) == 0
    names = sorted(p.name for p in tmp_path.iterdir())
    assert names == sorted(
        [
            "facilitator-guide.md",
            "facilitator-guide.html",
            "brief-product-manager.md",
            "brief-product-manager.html",
            "brief-dev_lead.md",
            "brief-dev_lead.html",
            "brief-qa_lead.md",
            "brief-qa_lead.html",
            "results-sheet.md",
            "results-sheet.html",
            "index.html",
            "prep-sheet.md",
            "prep-sheet.html",
        ]
    )
    assert "Facilitator guide" in capsys.readouterr().out


def test_each_brief_keeps_other_roles_secrets(tmp_path: Path) -> None:
    write_handouts(mini_deal(), tmp_path)
    player = (tmp_path / "brief-product-manager.md").read_text()
    rae = (tmp_path / "brief-rae.md").read_text()
    ike = (tmp_path / "brief-ike.md").read_text()
    secret = "The client renews in March."
    assert secret in rae and "trust 40+" in rae
    assert secret not in player and secret not in ike
    assert "Escalate to the CEO." in rae and "Escalate to the CEO." not in player  # their BATNA
    assert "Ship the roadmap as planned." in player and "| Configure it | 80 |" in player
    assert "| Configure it | 70 |" in rae


def test_facilitator_guide_has_objectives_timing_best_outcome_questions_and_mistakes(tmp_path: Path) -> None:
    write_handouts(mini_deal(), tmp_path)
    guide = (tmp_path / "facilitator-guide.md").read_text()
    assert "**EO5** Sales and distribution" in guide
    assert "Timing for a 60-minute round" in guide
    assert "The custom feature: **Configure it**" in guide  # everyone above BATNA
    assert "Debrief questions" in guide and "BATNA" in guide
    assert "Common mistakes" in guide and "“No.”" in guide and "coercive" in guide
    assert "The client renews in March." in guide


def test_results_sheet_lets_a_live_group_score_its_agreement(tmp_path: Path) -> None:
    write_handouts(mini_deal(), tmp_path)
    sheet = (tmp_path / "results-sheet.md").read_text()
    assert "| ☐ | Configure it | 80 | 70 | 70 |" in sheet
    assert "| Product manager | | | 40 | ☐ yes ☐ no |" in sheet
    assert "after" in sheet


def test_the_blank_prep_sheet_lists_the_statements_in_the_rounds_order_and_gives_nothing_away(tmp_path: Path) -> None:
    from simulator.classroom.handout_data import round_seed
    from simulator.scoring.prep import statements

    loaded = mini_deal()
    write_handouts(loaded, tmp_path / "a", round_id="r1")
    write_handouts(loaded, tmp_path / "b", round_id="r2")
    md = (tmp_path / "a" / "prep-sheet.md").read_text()
    html = (tmp_path / "a" / "prep-sheet.html").read_text()
    for member in loaded.scenario.cast:
        persona = loaded.personas[member.persona]
        assert f"## {persona.name}" in md and member.position in md and persona.kpis[0] in md
        section = md.split(f"## {persona.name}")[1].split("\n## ")[0]
        offered = [f"- [ ] {s.text}" for s in statements(loaded, member.persona, round_seed("r1"))]
        at = [section.index(line) for line in offered]
        assert at == sorted(at), "the statements in the round's order"
        assert str(persona.quadrant).replace("_", " ") in md  # offered among the five, not marked
    assert md.count("- [ ] potential disruptor") == len(loaded.scenario.cast)
    assert "- [ ] informational" in md and "Your reservation value" in md and "meet first" in md
    assert "trust 40+" not in md and "Escalate to the CEO." not in md  # no role's secrets
    assert "☐ critical supporter" in html and "Your BATNA value (0-100)" in html
    other = (tmp_path / "b" / "prep-sheet.md").read_text()
    assert sorted(other.splitlines()) == sorted(md.splitlines())  # the same lines ...
    orders = {
        tuple(s.key for s in statements(loaded, m.persona, round_seed(r)))
        for r in ("r1", "r2")
        for m in loaded.scenario.cast
    }
    assert len(orders) > len(loaded.scenario.cast) or other == md  # ... in another order if it can


def test_the_guide_has_the_prep_sheet_s_answers_and_the_sheet_does_not(tmp_path: Path) -> None:
    from simulator.scoring.prep import interest_keys, strong_power

    loaded = mini_deal()
    write_handouts(loaded, tmp_path)
    guide = (tmp_path / "facilitator-guide.md").read_text()
    sheet = (tmp_path / "prep-sheet.md").read_text()
    assert "The preparation sheet's answers" in guide and "answers" not in sheet
    answers = guide.split("The preparation sheet's answers")[1]
    for member in loaded.scenario.cast:
        persona = loaded.personas[member.persona]
        row = next(line for line in answers.splitlines() if line.startswith(f"| {persona.name} | "))
        assert str(persona.quadrant).replace("_", " ") in row
        assert all(text in row for text in interest_keys(loaded, member.persona).values())
        assert ", ".join(sorted(strong_power(loaded, member.persona))) in row
    batna = loaded.scenario.player.batna_value
    assert f"BATNA value: {batna} (right within 10 points)" in guide
    assert "The preparation sheet's answers" in (tmp_path / "facilitator-guide.html").read_text()


def test_pack_text_cannot_inject_html_or_markdown(tmp_path: Path) -> None:
    loaded = mini_deal()
    evil = "<script>alert(1)</script> | **bold** [link](http://x)"
    scenario = dataclasses.replace(loaded.scenario, summary=evil, title="<img src=x onerror=alert(1)>")
    write_handouts(dataclasses.replace(loaded, scenario=scenario), tmp_path)
    for html in tmp_path.glob("*.html"):
        text = html.read_text()
        assert "<script>" not in text and "<img" not in text, html.name
        assert "&lt;img src=x" in text, html.name
    md = (tmp_path / "brief-product-manager.md").read_text()
    assert "<script>" not in md and "\\*\\*bold\\*\\*" in md and "\\[link\\]" in md


def test_html_is_self_contained(tmp_path: Path) -> None:
    write_handouts(mini_deal(), tmp_path)
    for html in tmp_path.glob("*.html"):
        text = html.read_text()
        assert "http://" not in text and "https://" not in text and "<script" not in text
        assert "@page" in text


def test_unknown_scenario_is_a_usage_error(tmp_path: Path, capsys) -> None:
    assert main(["handouts", "no_such_scenario", "--out", str(tmp_path)]) == 2
    assert "no scenario 'no_such_scenario'" in capsys.readouterr().err


@needs_chromium
def test_handouts_render_and_print_in_chromium(tmp_path: Path) -> None:
    assert main(["handouts", "release_scope", "--out", str(tmp_path / "h")]) == 0
    guide = (tmp_path / "h" / "facilitator-guide.html").as_uri()
    assert png_is_not_blank(screenshot(guide, tmp_path / "guide.png"))
    printed = pdf((tmp_path / "h" / "brief-dev_lead.html").as_uri(), tmp_path / "brief.pdf")
    assert printed.read_bytes().startswith(b"%PDF") and printed.stat().st_size > 10_000


PAPER_PX = {"A4": 688, "Letter": 710}
"""Printable width at 96 px/inch: A4 210 mm and Letter 8.5 in, less the 14 mm side margins."""


@needs_chromium
@pytest.mark.parametrize("paper", sorted(PAPER_PX))
def test_handouts_fit_the_printed_page(tmp_path: Path, paper: str) -> None:
    """With print styles at the paper's printable width, nothing sticks out to the right."""
    import asyncio

    assert main(["handouts", "release_scope", "--out", str(tmp_path)]) == 0
    width = PAPER_PX[paper]
    setup = [
        ("Emulation.setEmulatedMedia", {"media": "print"}),
        (
            "Emulation.setDeviceMetricsOverride",
            {"width": width, "height": 1000, "deviceScaleFactor": 1, "mobile": False},
        ),
    ]
    fits = (
        "document.readyState === 'complete' && "
        "JSON.stringify([document.documentElement.scrollWidth, window.innerWidth])"
    )
    pages = ("facilitator-guide.html", "brief-dev_lead.html", "results-sheet.html", "prep-sheet.html")
    for name in pages:
        value, _ = asyncio.run(wait_in_page((tmp_path / name).as_uri(), fits, setup=setup))
        scroll, inner = json.loads(str(value))
        assert inner == width and scroll <= inner, f"{name} is {scroll}px wide on {paper}"


def test_facilitator_guide_labels_every_choice_from_the_best_path(tmp_path: Path) -> None:
    from simulator.analysis.review import best_path_labels
    from simulator.classroom.handout_data import NOT_OFFERED, OFF_PATH, build_handouts
    from simulator.classroom.installed import find_scenario

    loaded = find_scenario("leading_upward_and_across/cost_cut")
    guide = build_handouts(loaded).guide
    labels = best_path_labels(loaded)
    entries = [m for _, scene in guide.moves for m in scene]
    assert len(entries) == sum(len(s.choices) for s in loaded.scenario.scenes)
    on_path = [m for m in entries if not m.where]
    assert len(on_path) == len(labels) and {m.grade for m in on_path} <= {
        "best",
        "good",
        "inaccuracy",
        "mistake",
        "blunder",
    }
    assert sum(m.grade == "best" for m in on_path) >= len({s for s, _ in labels})  # one per scene at least
    assert {m.where for m in entries} - {""} <= {OFF_PATH, NOT_OFFERED}
    write_handouts(loaded, tmp_path)
    text = (tmp_path / "facilitator-guide.md").read_text()
    assert "## Every move, labelled" in text and "| best |" in text
    labels_column = [
        row.split(" | ")[2]
        for row in text.split("## Every move", 1)[1].splitlines()
        if row.startswith("| ") and not row.startswith("| Scene")
    ]
    assert labels_column and all(
        cell.split(" (")[0] in {"best", "good", "inaccuracy", "mistake", "blunder"} for cell in labels_column
    )
