"""Problems found in pack files, each located at `file:line:col`, collected rather than raised.

Every stage of loading (reading bytes, parsing YAML, validating models, checking references,
parse-checking templates) adds `Problem`s to a list; nothing a pack contains makes the loader raise.
The codes are listed, with what each means, in docs/format.md ("Problem codes").
"""

from __future__ import annotations

import difflib
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Literal

Severity = Literal["error", "warning"]
Loc = tuple[str | int, ...]
"""A path into a YAML document: mapping keys and list indices, as pydantic reports them."""
Locate = Callable[[Loc], tuple[int, int]]
"""Turns a path into the (line, column) where its value starts, both 1-based."""

CODES: dict[str, str] = {
    # reading the file
    "unreadable": "the file cannot be read (permissions, a folder where a file should be)",
    "file-too-large": "the file is larger than 2 MB",
    "binary-file": "the file contains NUL bytes: it is not text",
    "not-utf8": "the file is not UTF-8 text",
    "empty-file": "the file is empty or holds only comments",
    # YAML
    "yaml-syntax": "the text is not valid YAML (or holds more than one document)",
    "too-deep": "nesting deeper than 64 levels",
    "duplicate-key": "a key appears twice in one mapping",
    "merge-key": "a `<<` merge key",
    "complex-key": "a list or mapping used as a key",
    "unsafe-tag": "an explicit tag such as `!!python/object` or `!custom`",
    "alias": "an alias (`*name`); aliases can expand explosively (billion laughs)",
    "control-character": "text holding a control character other than newline and tab (an escape sequence)",
    # the model
    "not-a-mapping": "the file's top level is not a mapping",
    "unknown-key": "a key the model does not have (with the nearest valid key)",
    "missing-key": "a required key is missing",
    "wrong-type": "a value of the wrong type (text, number, list, mapping)",
    "yaml-boolean": "an unquoted yes/no/on/off/true/false where text is expected",
    "invalid-value": "a value outside its range, pattern or list of allowed words",
    # references
    "unknown-persona": "a cast member names no persona the pack can see",
    "unknown-scene": "`start`, `next`, a branch's `to`, `walkout` or an ending's `refused` names no scene or ending",
    "unknown-ref": "an id names no cast member, interest, issue, option, choice or scene",
    "duplicate-id": "two things of one kind share an id",
    "not-present": "a speaker, addressee or reply names someone not present in the scene",
    "branch-order": "the last branch has an `if`, or an unconditional branch is not last",
    "missing-value": "an option has no value for the player or a cast member",
    "unused-reply": "(warning) a reply for someone the choice does not address",
    "refused-to-agreement": "a refused agreement would go to another agreement (or has nowhere else to go)",
    "unused-refused": "(warning) `refused` on an ending that is not an agreement",
    # offer tables (the ZOPA codes are reported by `check` only: simulator.analysis.offer_checks)
    "offer-empty-table": "a scene opens a table with no issues on it or no parties at it",
    "offer-unused-bluff": "(warning) `bluff` on a negotiator who never plays deceptive",
    "offer-unacceptable": "(warning) a party at a table whom no package on it gives their reservation value",
    "offer-no-zopa": "(warning) a table where no one package gives every party its reservation value",
    # packs
    "missing-manifest": "a pack folder without pack.yaml",
    "missing-file": "pack.yaml lists a scenario file that does not exist",
    "path-escape": "a scenario or persona file outside the pack folder (`..`, absolute, symlink)",
    "duplicate-pack": "two packs share an id; the second is skipped",
    "ignored-file": "(warning) a YAML file beside pack.yaml that is not loaded",
    # check only
    "template-syntax": "a template that Jinja2 cannot parse",
}
"""Every problem code, with what it means (docs/format.md lists them; a test keeps both in step)."""


@dataclass(frozen=True)
class Problem:
    path: str
    line: int
    col: int
    message: str
    code: str
    severity: Severity = "error"
    hint: str | None = None

    def format(self) -> str:
        """`file:line:col: error[code]: message; hint`: what editors and terminals link to."""
        text = f"{self.path}:{self.line}:{self.col}: {self.severity}[{self.code}]: {self.message}"
        return f"{text}; {self.hint}" if self.hint else text

    @property
    def sort_key(self) -> tuple[str, int, int, str]:
        return (self.path, self.line, self.col, self.code)


def did_you_mean(word: object, choices: Iterable[str]) -> str | None:
    """`did you mean 'x'?` for the closest of `choices`, or None when nothing is close."""
    if not isinstance(word, str):
        return None
    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f"did you mean {close[0]!r}?" if close else None


@dataclass
class FileProblems:
    """Problems of one file: callers name a place by its YAML path, this finds its line and column."""

    path: str
    locate: Locate = field(default=lambda loc: (1, 1))
    problems: list[Problem] = field(default_factory=list)

    def error(self, loc: Loc, code: str, message: str, hint: str | None = None) -> None:
        self.add(loc, code, message, "error", hint)

    def warning(self, loc: Loc, code: str, message: str, hint: str | None = None) -> None:
        self.add(loc, code, message, "warning", hint)

    def add(self, loc: Loc, code: str, message: str, severity: Severity, hint: str | None) -> None:
        line, col = self.locate(loc)
        self.problems.append(Problem(self.path, line, col, message, code, severity, hint))

    def at(self, line: int, col: int, code: str, message: str, hint: str | None = None) -> None:
        """An error at a known position (for problems found before there is a document)."""
        self.problems.append(Problem(self.path, line, col, message, code, "error", hint))

    @property
    def has_errors(self) -> bool:
        return any(p.severity == "error" for p in self.problems)


def count(problems: Iterable[Problem]) -> tuple[int, int]:
    """(errors, warnings)."""
    errors = warnings = 0
    for problem in problems:
        if problem.severity == "error":
            errors += 1
        else:
            warnings += 1
    return errors, warnings
