"""Where a loaded scenario's parts are written: the line of each scene, ending, choice and line.

The loader validates a parsed document and keeps only the models; this re-reads the scenario's
file with the same located parser (`simulator.content.yamlnodes`) that `check` uses to place its
problems, so a report can point at `path:line`. A file that no longer parses (edited since it was
loaded) locates everything at line 1.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from simulator.content.loaded import LoadedScenario
from simulator.content.loader import display_path
from simulator.content.problems import FileProblems, Loc
from simulator.content.yamlnodes import Document, decode, parse

__all__ = ["Locations", "locations"]


@dataclass(frozen=True)
class Locations:
    path: Path
    """The scenario file, absolute."""
    shown: str
    """The path as a report shows it (relative to the working directory when inside it)."""
    document: Document | None

    def line(self, loc: Loc) -> int:
        """The 1-based line where the value at `loc` (or its nearest present parent) starts."""
        return self.document.locate(loc)[0] if self.document is not None else 1

    def at(self, loc: Loc) -> str:
        """`path:line` of the value at `loc`."""
        return f"{self.shown}:{self.line(loc)}"


def locations(loaded: LoadedScenario) -> Locations:
    """The located document of `loaded`'s scenario file."""
    path = loaded.path.absolute()
    report = FileProblems(display_path(path))
    try:
        text = decode(path.read_bytes(), report)
    except OSError:
        text = None
    document = parse(text, report) if text is not None else None
    return Locations(path, display_path(path), document)
