"""YAML the loader refuses, each with the position an author needs to fix it."""

from __future__ import annotations

import pytest

from simulator.content.problems import FileProblems
from simulator.content.yamlnodes import MAX_BYTES, decode, parse


def problems(data: bytes) -> list[str]:
    report = FileProblems("f.yaml")
    text = decode(data, report)
    if text is not None:
        parse(text, report)
    return [p.format() for p in report.problems]


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (
            b"a: 1\n---\nb: 2\n",
            (
                "f.yaml:2:1: error[yaml-syntax]: YAML syntax error: expected a single "
                "document in the stream but found another document"
            ),
        ),
        (
            b"a: \x01\n",
            (
                "f.yaml:1:4: error[yaml-syntax]: YAML syntax error: unacceptable character #x0001: "
                "control characters are not allowed"
            ),
        ),
        (b"<<: {a: 1}\n", "f.yaml:1:1: error[merge-key]: merge keys (<<) are not supported; write the keys out"),
        (b"? [a]\n: b\n", "f.yaml:1:3: error[complex-key]: a key must be plain text, not a list or mapping"),
        (
            b"text: {{ player }}\n",
            (
                "f.yaml:1:8: error[complex-key]: a key must be plain text, not a list or "
                "mapping; quote text that starts with {{: unquoted, YAML reads { as a mapping"
            ),
        ),
        (
            b"text: {{ player }} says hi\n",
            (
                "f.yaml:1:20: error[yaml-syntax]: YAML syntax error: did not find "
                "expected key (while parsing a block mapping at line 1); quote text that starts with {{ or {%: "
                "unquoted, YAML reads { as the start of a mapping"
            ),
        ),
        (
            b"a:\n\tb: 1\n",
            (
                "f.yaml:2:1: error[yaml-syntax]: YAML syntax error: found character that cannot "
                "start any token (while scanning for the next token at line 2); indent with spaces: YAML does not "
                "allow tabs for indentation"
            ),
        ),
        (
            b"text: Look: this\n",
            (
                "f.yaml:1:11: error[yaml-syntax]: YAML syntax error: mapping values are not "
                'allowed in this context; quote text that contains ": " (e.g. text: "Look: this")'
            ),
        ),
        (
            b'text: "open\n',
            (
                "f.yaml:2:1: error[yaml-syntax]: YAML syntax error: found unexpected end of "
                "stream (while scanning a quoted scalar at line 1); a quote is opened but never closed"
            ),
        ),
        (
            b"a: !!binary aGk=\n",
            (
                "f.yaml:1:4: error[unsafe-tag]: tag !!binary is not allowed in a pack; "
                "packs use plain YAML only: text, numbers, true/false, lists and mappings"
            ),
        ),
        (
            b"a: !!set {x}\n",
            (
                "f.yaml:1:4: error[unsafe-tag]: tag !!set is not allowed in a pack; "
                "packs use plain YAML only: text, numbers, true/false, lists and mappings"
            ),
        ),
        (
            b"a: !local x\n",
            (
                "f.yaml:1:4: error[unsafe-tag]: tag !local is not allowed in a pack; "
                "packs use plain YAML only: text, numbers, true/false, lists and mappings"
            ),
        ),
        (
            b"a: 2024-02-30\n",
            ("f.yaml:1:4: error[yaml-syntax]: cannot read '2024-02-30' as timestamp; quote it if it is text"),
        ),
        (b"a: &x 1\nb: *x\n", "f.yaml:2:4: error[alias]: alias *x is not allowed in a pack; write the value out"),
        (b"a: &x [*x]\n", "f.yaml:1:8: error[alias]: alias *x is not allowed in a pack; write the value out"),
        (
            b"\n\n# only a comment\n",
            ("f.yaml:1:1: error[empty-file]: file has no content (only comments); expected a YAML mapping"),
        ),
        (
            b"ok: 1\nbad: caf\xc3\n",
            (
                "f.yaml:2:9: error[not-utf8]: not UTF-8: byte 0xc3 at offset 14 cannot "
                "be decoded; save the file as UTF-8"
            ),
        ),
        (b"[" * 5000, "f.yaml:1:401: error[too-deep]: nesting deeper than 64 levels"),
        (b"x: " + b"- " * 5000 + b"y\n", "f.yaml:1:1: error[too-deep]: nesting deeper than 64 levels"),
        (b"a:\n" + b"".join(b"  " * i + b"- \n" for i in range(1, 80)), None),
    ],
)
def test_refused_yaml_is_located(data: bytes, expected: str | None) -> None:
    found = problems(data)
    if expected is None:  # deep but within the parser's reach: refused by our own depth limit
        assert len(found) == 1 and "error[too-deep]" in found[0], found
    else:
        assert found == [expected]


def test_oversized_file_is_refused_before_parsing() -> None:
    assert problems(b"a: " + b"x" * MAX_BYTES) == [
        f"f.yaml:1:1: error[file-too-large]: file is {MAX_BYTES + 3:,} bytes; the limit is {MAX_BYTES:,}"
    ]


def test_byte_order_mark_is_accepted() -> None:
    assert problems("\ufeffa: 1\n".encode()) == []
