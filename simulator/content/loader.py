"""Load packs from disk into validated models, collecting every problem with its location.

`load_pack(path)` reads one pack folder (manifest, scenario files, pack-local personas) against
the bundled personas; `load_library()` loads the bundled, user and extra packs together. Neither
raises on bad content: a scenario with errors is left out of its pack and its problems are
returned, while the pack's good scenarios still load. Templates are not compiled here (that is
the slow part of a pack); `check` parse-checks them through `Checks`.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

from simulator.content.loaded import LoadedPack, LoadedScenario
from simulator.content.locations import MANIFEST, bundled_personas, default_pack_dirs, pack_dirs
from simulator.content.models import Manifest, Persona, Scenario
from simulator.content.problems import FileProblems, Loc, Problem, Severity
from simulator.content.references import check_persona, check_scenario
from simulator.content.testplan import SUFFIX as PLAN_SUFFIX
from simulator.content.validation import validate
from simulator.content.yamlnodes import MAX_BYTES, decode, parse

M = TypeVar("M")

ScenarioCheck = Callable[[LoadedScenario, FileProblems], None]
"""An extra check of a loaded scenario, reporting at YAML paths of its file (lint, templates)."""
PersonaCheck = Callable[[Persona, FileProblems], None]


@dataclass(frozen=True)
class Checks:
    """Checks beyond loading, run by `yesable check` (loading for play skips them: speed)."""

    scenario: Sequence[ScenarioCheck] = ()
    persona: Sequence[PersonaCheck] = ()


@dataclass(frozen=True)
class PersonaFile:
    persona: Persona
    path: Path
    name: str
    """Path inside its folder set, as hashed: `personas/<file>`."""
    data: bytes


@dataclass
class Personas:
    """Personas by id, plus the ids of persona files that failed (so no cascade of errors)."""

    files: dict[str, PersonaFile] = field(default_factory=dict)
    broken: set[str] = field(default_factory=set)
    problems: list[Problem] = field(default_factory=list)


@dataclass(frozen=True)
class Library:
    packs: list[LoadedPack]
    problems: list[Problem]
    personas: dict[str, Persona]
    packs_checked: int = 0
    """Pack folders read, including those that failed to load."""
    scenarios_checked: int = 0
    """Scenario files read, including those that failed to load."""

    def scenarios(self) -> Iterator[LoadedScenario]:
        for pack in self.packs:
            yield from pack.scenarios.values()


def display_path(path: Path) -> str:
    """`path` relative to the working directory when inside it, as users typed it."""
    try:
        return str(path.absolute().relative_to(Path.cwd()))
    except ValueError:
        return str(path)


def read_model(path: Path, model: type[M], report: FileProblems) -> tuple[M | None, bytes]:
    """The validated model in `path` (None on errors, reported) and the file's bytes."""
    try:
        if path.stat().st_size > MAX_BYTES:
            report.at(1, 1, "file-too-large", f"file is {path.stat().st_size:,} bytes; the limit is {MAX_BYTES:,}")
            return None, b""
        data = path.read_bytes()
    except OSError as exc:
        report.at(1, 1, "unreadable", f"cannot read the file: {exc.strerror or exc}")
        return None, b""
    text = decode(data, report)
    doc = parse(text, report) if text is not None else None
    if doc is None:
        return None, data
    report.locate = doc.locate
    return validate(model, doc, report), data


def load_personas(
    folder: Path, checks: Checks | None = None, into: Personas | None = None, inside: Path | None = None
) -> Personas:
    """Every `*.yaml` persona in `folder`, added to `into`; a repeated id is an error."""
    personas = into if into is not None else Personas()
    for path in _yaml_files(folder):
        report = FileProblems(display_path(path))
        if inside is not None and not _is_inside(path, inside):
            report.at(1, 1, "path-escape", "persona file links outside its pack")
            personas.problems += report.problems
            continue
        persona, data = read_model(path, Persona, report)
        if persona is not None:
            check_persona(persona, report)
            for check in checks.persona if checks else ():
                check(persona, report)
        if persona is None or report.has_errors:
            personas.broken.add(persona.id if persona else path.stem)
        elif persona.id in personas.files:
            other = display_path(personas.files[persona.id].path)
            report.error(("id",), "duplicate-id", f"persona id {persona.id!r} is already defined in {other}")
        else:
            personas.files[persona.id] = PersonaFile(persona, path, f"personas/{path.name}", data)
        personas.problems += _sorted(report.problems)
    return personas


def load_pack(
    path: Path, shared: Personas | None = None, checks: Checks | None = None
) -> tuple[LoadedPack | None, list[Problem]]:
    """The pack in folder `path` with every scenario that loaded cleanly, and all problems found.

    `shared` are the personas every pack may use (default: the bundled ones, whose problems are
    then included); a pack-local persona with the same id as a shared one is an error.
    """
    pack, problems, _ = _load_pack(path, shared, checks)
    return pack, problems


def _load_pack(
    path: Path, shared: Personas | None, checks: Checks | None
) -> tuple[LoadedPack | None, list[Problem], int]:
    problems: list[Problem] = []
    if shared is None:
        shared = load_personas(bundled_personas(), checks)
        problems += shared.problems
    manifest_report = FileProblems(display_path(path / MANIFEST))
    if not (path / MANIFEST).is_file():
        manifest_report.at(
            1,
            1,
            "missing-manifest",
            f"no {MANIFEST} in {display_path(path)}",
            "a pack is a folder with pack.yaml beside its scenario files",
        )
        return None, manifest_report.problems, 0
    manifest, manifest_bytes = read_model(path / MANIFEST, Manifest, manifest_report)
    files, notes = _scenario_files(path, manifest, manifest_report)
    problems += notes
    local = load_personas(path / "personas", checks, Personas(dict(shared.files), set(shared.broken)), inside=path)
    problems += local.problems
    available = {pid: f.persona for pid, f in local.files.items()}

    validated: list[tuple[Scenario, Path, FileProblems]] = []
    seen: dict[str, str] = {}
    hashed: list[tuple[str, bytes]] = [(MANIFEST, manifest_bytes)]
    hashed += [(f.name, f.data) for pid, f in local.files.items() if pid not in shared.files]
    for file in files:
        report = FileProblems(display_path(file))
        scenario, data = read_model(file, Scenario, report)
        hashed.append((file.relative_to(path).as_posix(), data))
        if scenario is not None:
            check_scenario(scenario, available, report, local.broken)
            if scenario.id in seen:
                report.error(
                    ("id",), "duplicate-id", f"scenario id {scenario.id!r} is already used by {seen[scenario.id]}"
                )
            seen.setdefault(scenario.id, report.path)
            if not report.has_errors and not any(m.persona in local.broken for m in scenario.cast):
                validated.append((scenario, file, report))
        problems += _sorted(report.problems)
    problems = _sorted(manifest_report.problems) + problems
    if manifest is None:
        return None, problems, len(files)

    used = {m.persona for scenario, _, _ in validated for m in scenario.cast}
    hashed += [(shared.files[pid].name, shared.files[pid].data) for pid in sorted(used & shared.files.keys())]
    digest = content_hash(hashed)
    pack = LoadedPack(manifest, path)
    for scenario, file, report in validated:
        cast = {m.persona: available[m.persona] for m in scenario.cast}
        loaded = LoadedScenario(manifest, scenario, cast, file, digest)
        before = len(report.problems)
        for check in checks.scenario if checks else ():
            check(loaded, report)
        problems += _sorted(report.problems[before:])
        pack.scenarios[scenario.id] = loaded
    return pack, problems, len(files)


def load_library(
    extra_paths: Iterable[Path] = (),
    include_bundled: bool = True,
    include_user: bool = True,
    checks: Checks | None = None,
) -> Library:
    """Bundled, user (`$YESABLE_HOME/packs`, `$YESABLE_PACKS`) and `extra_paths` packs together."""
    shared = load_personas(bundled_personas(), checks)
    problems = list(shared.problems)
    dirs = default_pack_dirs(include_bundled, include_user)
    dirs += [pack for extra in extra_paths for pack in pack_dirs(Path(extra))]
    packs: list[LoadedPack] = []
    by_id: dict[str, Path] = {}
    folders = list(dict.fromkeys(d.resolve() for d in dirs))
    scenarios_checked = 0
    for folder in folders:
        pack, found, files = _load_pack(folder, shared, checks)
        problems += found
        scenarios_checked += files
        if pack is None:
            continue
        if pack.manifest.id in by_id:
            report = FileProblems(display_path(folder / MANIFEST))
            read_model(folder / MANIFEST, Manifest, report)
            report.error(
                ("id",),
                "duplicate-pack",
                f"pack id {pack.manifest.id!r} is already used by {display_path(by_id[pack.manifest.id])}",
                "this pack is skipped; give it another id",
            )
            problems += report.problems
            continue
        by_id[pack.manifest.id] = folder
        packs.append(pack)
    personas = {pid: f.persona for pid, f in shared.files.items()}
    return Library(packs, problems, personas, len(folders), scenarios_checked)


def content_hash(files: Iterable[tuple[str, bytes]]) -> str:
    """SHA-256 over (name, bytes) pairs in name order, each length-prefixed: stable and unambiguous."""
    digest = hashlib.sha256()
    for name, data in sorted(files):
        encoded = name.encode()
        digest.update(len(encoded).to_bytes(4, "big") + encoded + len(data).to_bytes(8, "big") + data)
    return digest.hexdigest()


def _scenario_files(pack: Path, manifest: Manifest | None, report: FileProblems) -> tuple[list[Path], list[Problem]]:
    """The scenario files of a pack, kept inside it: those the manifest lists, else all beside it.

    Also warns about YAML files beside pack.yaml that will not be loaded, so a forgotten
    `scenarios:` entry or a `.yml` extension does not make a scenario silently disappear.
    """
    beside = [p for p in _yaml_files(pack, "*.yaml") if p.name != MANIFEST and not p.name.endswith(PLAN_SUFFIX)]
    if manifest is None or manifest.scenarios is None:
        notes = [
            _file_problem(p, "ignored-file", "not loaded: scenario files end in .yaml", "warning")
            for p in _yaml_files(pack, "*.yml")
        ]
        inside = [p for p in beside if _is_inside(p, pack)]
        notes += [
            _file_problem(p, "path-escape", "a link to a file outside the pack folder")
            for p in beside
            if p not in inside
        ]
        return inside, notes
    files: list[Path] = []
    for index, name in enumerate(manifest.scenarios):
        loc: Loc = ("scenarios", index)
        relative = Path(name)
        if relative.is_absolute() or ".." in relative.parts or name.startswith("~"):
            report.error(
                loc,
                "path-escape",
                f"{name!r} leaves the pack folder",
                "scenario files are named relative to pack.yaml, inside the pack",
            )
        elif not (pack / relative).is_file():
            report.error(loc, "missing-file", f"scenario file {name!r} does not exist in the pack")
        elif not _is_inside(pack / relative, pack):
            report.error(loc, "path-escape", f"{name!r} is a link to a file outside the pack folder")
        else:
            files.append(pack / relative)
    listed = {pack / name for name in manifest.scenarios}
    unlisted = [p for p in beside if p not in listed]
    notes = [
        _file_problem(p, "ignored-file", "not loaded: pack.yaml `scenarios:` does not list it", "warning")
        for p in unlisted
    ]
    return files, notes


def _file_problem(path: Path, code: str, message: str, severity: Severity = "error") -> Problem:
    return Problem(display_path(path), 1, 1, message, code, severity)


def _yaml_files(folder: Path, pattern: str = "*.yaml") -> list[Path]:
    try:
        return sorted(p for p in folder.glob(pattern) if p.is_file()) if folder.is_dir() else []
    except OSError:
        return []


def _is_inside(path: Path, root: Path) -> bool:
    return path.resolve().is_relative_to(root.resolve())


def _sorted(problems: list[Problem]) -> list[Problem]:
    return sorted(problems, key=lambda p: (p.line, p.col))
