"""Pack templates render under a budget enforced while they render: a hostile line shows as
written, quickly and in little memory, and never hangs, crashes or floods the screen."""

from __future__ import annotations

import time
import tracemalloc
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from simulator.cli.main import main
from simulator.engine.dialogue import MAX_RENDERED, Dialogue

CONTEXT = {"name": "Ana", "trust": 60, "flags": ["a"], "player": "the product manager"}

ATTACKS = {
    "nested ranges": "{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}x",
    "nested ranges under the range cap": "{% for i in range(9000) %}{% for j in range(9000) %}{% endfor %}{% endfor %}",
    "nested loops over long strings": "{% for i in 'x'*8000 %}{% for j in 'x'*8000 %}{{ '' }}{% endfor %}{% endfor %}",
    "recursive macro": "{% macro f(n) %}{{ f(n+1) }}{% endmacro %}{{ f(1) }}",
    "recursive loop": "{% for x in [[1]] recursive %}{{ loop(x) }}{% endfor %}",
    "namespace doubling": "{% set ns = namespace(s='x') %}{% for i in range(60) %}{% set ns.s = ns.s ~ ns.s %}"
    "{% endfor %}{{ ns.s|length }}",
    "concatenation doubling": "{% set a = 'x'*8000 %}" + "{% set a = a ~ a %}" * 40 + "{{ a|length }}",
    "plus doubling": "{% set a = 'x'*8000 %}" + "{% set a = a + a %}" * 40 + "{{ a|length }}",
    "center filter": "{{ 'x'|center(10**8) }}",
    "format method": "{{ '{:>100000000}'.format('x') }}",
    "percent format": "{{ '%100000000s' % 'x' }}",
    "format filter": "{{ '%100000000s'|format('x') }}",
    "ljust method": "{{ 'x'.ljust(100000000) }}",
    "wordwrap": "{{ 'x'|wordwrap(100000000) }}",
    "output flood": "{% for i in range(9000) %}xxxxxxxxxx{% endfor %}",
    "power": "{{ 7 ** 100000 }}",
}


@pytest.mark.parametrize("source", list(ATTACKS.values()), ids=list(ATTACKS))
def test_a_hostile_template_shows_as_written_quickly_and_in_little_memory(source: str) -> None:
    tracemalloc.start()
    began = time.perf_counter()
    try:
        text = Dialogue().render(source, CONTEXT)
    finally:
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
    assert time.perf_counter() - began < 1.0
    assert peak < 10_000_000
    assert text == source


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("Hello {{ name }}.", "Hello Ana."),
        ("{% if trust > 50 %}warm{% else %}cold{% endif %}", "warm"),
        ("{% for i in range(3) %}{{ i }}{% endfor %}", "012"),
        ("{{ 'a' ~ 'b' }} {{ 'x' * 3 }} {{ '%5s' % 'y' }} {{ 'z'|center(3) }}", "ab xxx     y  z "),
        ("{{ '{:>4}'.format('q') }}", "   q"),
        ("{% for f in flags %}[{{ f|upper }}]{% endfor %} {{ player }}", "[A] the product manager"),
    ],
)
def test_ordinary_templates_still_render(source: str, expected: str) -> None:
    assert Dialogue().render(source, CONTEXT) == expected


@settings(max_examples=60, deadline=None)
@given(
    outer=st.integers(0, 50_000),
    inner=st.integers(0, 50_000),
    width=st.integers(0, 10**9),
    body=st.sampled_from(["x", "{{ i }}", "{{ 'ab' ~ 'cd' }}", ""]),
)
def test_any_loop_nest_renders_within_the_budget(outer: int, inner: int, width: int, body: str) -> None:
    source = (
        f"{{% for i in range({outer}) %}}{{% for j in range({inner}) %}}{body}{{% endfor %}}{{% endfor %}}"
        f"{{{{ 'y'|center({width}) }}}}"
    )
    began = time.perf_counter()
    text = Dialogue().render(source, CONTEXT)
    assert time.perf_counter() - began < 1.0
    assert len(text) <= max(MAX_RENDERED, len(source))


def test_check_warns_about_macros_and_huge_ranges_and_strict_fails(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = Path(__file__).parent / "data" / "valid" / "tiny"
    pack = tmp_path / "tiny"
    for path in source.rglob("*"):
        target = pack / path.relative_to(source)
        if path.is_dir():
            target.mkdir(parents=True, exist_ok=True)
        else:
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(path.read_bytes())
    deal = pack / "deal.yaml"
    text = deal.read_text()
    text = text.replace(
        '"{{ cast.tiny_sales }} is waiting."',
        '"{% macro m() %}hi{% endmacro %}{{ m() }} {% for i in range(10**6) %}{% endfor %}"',
    )
    deal.write_text(text)
    assert main(["check", str(pack)]) == 0
    out = capsys.readouterr().out
    assert "warning[template-budget]" in out and "macros" in out
    assert main(["check", "--strict", str(pack)]) == 1
