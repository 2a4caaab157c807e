"""Text a terminal would obey (escape sequences) never gets in through a pack, and never gets out
through any output: the CLI, classroom documents, CSV, graphs or dialogue."""

from __future__ import annotations

import io
import shutil
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from simulator.analysis.graph import dot_text
from simulator.classroom.render import cell, md, render
from simulator.cli.main import InertStream, main
from simulator.content.inert import CONTROL, inert
from simulator.engine.dialogue import Dialogue

TINY = Path(__file__).parent / "data" / "valid" / "tiny"
ESCAPES = ["\x1b]0;pwned\x07", "\x1b[2J", "\x1b]52;c;cm0gLXJmIH4=\x07", "\x9b31m", "\x00", "\x7f"]


@pytest.mark.parametrize("escape", ["\\e]0;pwned\\a", "\\e[2J", "\\x1b]52;c;Zm9v\\x07", "\\x9b2J", "\\x00"])
def test_a_pack_with_an_escape_in_its_text_is_refused_at_its_line(
    escape: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    pack = tmp_path / "tiny"
    shutil.copytree(TINY, pack)
    deal = pack / "deal.yaml"
    deal.write_text(deal.read_text().replace("title: A tiny deal", f'title: "A tiny{escape} deal"'))
    assert main(["check", str(pack)]) == 1
    out = capsys.readouterr().out
    assert "deal.yaml:3:8: error[control-character]" in out
    assert "\x1b" not in out and "\x9b" not in out


def test_newlines_and_tabs_are_text_not_control() -> None:
    assert inert("a\tb\nc") == "a\tb\nc"


@given(st.text())
def test_inert_text_holds_no_control_character_and_keeps_everything_else(text: str) -> None:
    out = inert(text)
    assert not CONTROL.search(out)
    assert out == "".join(ch for ch in text if not CONTROL.match(ch))


@pytest.mark.parametrize("escape", ESCAPES)
def test_every_output_boundary_strips_control_characters(escape: str) -> None:
    text = f"Ana{escape} Lindqvist"
    stream = io.StringIO()
    InertStream(stream).write(text)
    outputs = [
        stream.getvalue(),
        md(text),
        cell(text),
        dot_text(text),
        Dialogue().render(text, {}),
        Dialogue().render("{{ name }}" + text, {"name": text}),
    ]
    for out in outputs:
        assert not CONTROL.search(out), repr(out)
        assert "Ana" in out and "Lindqvist" in out


def test_the_cli_filters_what_a_headless_command_prints(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", "/no/such/folder\x1b[2J"]) == 2
    err = capsys.readouterr().err
    assert "/no/such/folder[2J: no such file" in err and "\x1b" not in err


def test_documents_strip_control_characters_from_every_value(tmp_path: Path) -> None:
    from simulator.classroom import render as render_module

    (tmp_path / "t.html").write_text("<p>{{ name }}</p>")
    env = render_module.environment().overlay(loader=__import__("jinja2").FileSystemLoader(tmp_path))
    html = env.get_template("t.html").render(name="Ana\x1b[2J")
    assert html == "<p>Ana[2J</p>"
    assert callable(render)


def test_xapi_statements_carry_no_control_characters() -> None:
    from simulator.content.inert import inert_json

    cleaned = inert_json({"actor\x1b": {"name": ["Ana\x1b[2J", 3, None]}})
    assert cleaned == {"actor": {"name": ["Ana[2J", 3, None]}}
