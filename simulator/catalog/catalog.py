"""`Catalog`: what there is to play and what the player did with it, for the app, `list` and `serve`."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from simulator.catalog.index import (
    Entry,
    current_fingerprint,
    entries_of,
    read_any_index,
    read_index,
    read_index_body,
    write_index,
)
from simulator.storage.paths import Paths

if TYPE_CHECKING:
    from collections.abc import Mapping

    from simulator.content.loaded import LoadedScenario
    from simulator.content.loader import Library
    from simulator.content.locations import Stamp
    from simulator.storage.progress import Progress
    from simulator.storage.saves import Saves


def store_compiled(folder: Path, loaded: LoadedScenario, files: Stamp) -> None:
    """Cache the compiled form of `loaded`, made from `files` (its pack's stamp before loading)."""
    from simulator.content.compiled import compiled_name, encode_compiled
    from simulator.storage.files import store_quietly

    store_quietly(folder / compiled_name(loaded.ref), encode_compiled(loaded, files))


def store_library(folder: Path, library: Library, stamps: Mapping[Path, Stamp]) -> None:
    """Cache every scenario of `library` compiled, and drop cached scenarios no longer in it."""
    from simulator.content.compiled import compile_library
    from simulator.storage.files import store_quietly

    texts = compile_library(library, stamps)
    for name, text in texts.items():
        store_quietly(folder / name, text)
    keep = {folder / name for name in texts}
    try:
        for path in folder.glob("*/*.json"):
            if path not in keep:
                path.unlink(missing_ok=True)
    except OSError:
        pass


class Catalog:
    """The packs of `pack_dirs` (None: bundled, user and `$YESABLE_PACKS` packs) seen from `paths`.

    `library`, when given, is used as it is (tests, embedding): nothing is loaded or cached.
    `on_errors(n)` is told how many pack errors kept scenarios out, after each load that found them.
    """

    def __init__(
        self,
        paths: Paths,
        pack_dirs: list[Path] | None = None,
        library: Library | None = None,
        on_errors: Callable[[int], None] = lambda n: None,
    ) -> None:
        self.paths = paths
        self.pack_dirs = pack_dirs
        self._library = library
        self.on_errors = on_errors
        self._alone: LoadedScenario | None = None
        """The last scenario loaded from its pack alone (the pack's other scenarios are not kept)."""
        self._pack_dirs: dict[str, Path] = {}
        """Folders of the packs loaded alone, by pack id."""
        self.fingerprint: Stamp | None = None
        """The pack files' fingerprint when the shown scenarios were read (None: not read yet)."""
        self._saves: Saves | None = None
        self._progress: Progress | None = None

    # ------------------------------------------------------------------ the player's files
    def use_paths(self, paths: Paths) -> None:
        """From now on read and write the player's files under `paths` (served play: their alias)."""
        self.paths = paths
        self._saves = self._progress = None

    @property
    def saves(self) -> Saves:
        if self._saves is None:
            from simulator.content.vocabulary import SCHEMA_VERSION
            from simulator.storage.saves import Saves

            self._saves = Saves(self.paths.saves, state_version=SCHEMA_VERSION)
        return self._saves

    @property
    def progress(self) -> Progress:
        if self._progress is None:
            from simulator.storage.progress import Progress

            self._progress = Progress(self.paths.progress)
        return self._progress

    def best(self) -> dict[str, tuple[int, int]]:
        """scenario ref -> (best total, attempts); raises ProgressError for an unusable database.
        No database yet: no attempts (and none is made just to say so)."""
        if not self.paths.progress.exists() and not self.paths.progress.is_symlink():
            return {}
        return self.progress.best()

    def in_progress(self, ref: str) -> bool:
        """Whether a game of `ref` is saved (a glance: an unreadable save counts as none)."""
        return self.saves.peek(ref) is not None

    # ------------------------------------------------------------------ packs
    @property
    def loaded(self) -> Library | None:
        """The whole library if it has been loaded (or was given), else None."""
        return self._library

    @property
    def library(self) -> Library:
        """The whole library, loaded on first use; each load rewrites the index and compiled cache."""
        if self._library is None:
            from simulator.content.compiled import stamp
            from simulator.content.loader import load_library
            from simulator.content.locations import default_pack_dirs

            before = current_fingerprint(self.pack_dirs)  # stamps first: an edit during the load
            folders = self.pack_dirs if self.pack_dirs is not None else default_pack_dirs()
            stamps = {folder: stamp(folder) for folder in (d.resolve() for d in folders)}
            if self.pack_dirs is not None:  # exactly these packs (tests, embedding)
                library = load_library(self.pack_dirs, include_bundled=False, include_user=False)
            else:
                library = load_library()
            self._library = library
            self.fingerprint = before
            errors = sum(1 for p in library.problems if p.severity == "error")
            write_index(self.paths.index, entries_of(library), before, errors)
            store_library(self.paths.compiled, library, stamps)
            self.on_errors(errors)
        return self._library

    def set_library(self, library: Library) -> None:
        """Use `library` from now on (`--watch` swapped a reloaded pack in)."""
        self._library = library

    def forget(self) -> None:
        """Read the packs afresh on next use."""
        self._library = None
        self._alone = None
        self._pack_dirs.clear()

    def current_entries(self) -> list[Entry] | None:
        """The scenarios to list if known without loading YAML (loaded, or a current index), else None."""
        if self._library is not None:
            return entries_of(self._library)
        cached = read_index(self.paths.index, self.pack_dirs)
        if cached is not None and self.fingerprint is None:
            self.fingerprint = current_fingerprint(self.pack_dirs)
        return cached

    def stale_entries(self) -> list[Entry]:
        """The last index's scenarios, current or not ([] when there is none): shown while it is remade."""
        found = read_any_index(self.paths.index)
        return found.entries if found is not None else []

    def entries(self) -> list[Entry]:
        """The scenarios to list: from a current index, else from a full load."""
        cached = self.current_entries()
        return cached if cached is not None else entries_of(self.library)

    def changed(self) -> bool:
        """Whether the pack files changed since the listed scenarios were read."""
        return self.fingerprint is not None and current_fingerprint(self.pack_dirs) != self.fingerprint

    def adopt_index(self) -> bool:
        """Take a current index another process wrote (`rebuild_command`); False when it is not current."""
        found = read_index_body(self.paths.index, self.pack_dirs)
        if found is None:
            return False
        self.fingerprint = current_fingerprint(self.pack_dirs)
        self.on_errors(found[1])
        return True

    def rebuild_command(self) -> list[str]:
        """A command that rebuilds this catalog's index and compiled cache in another process, so the
        app never parses YAML or imports pydantic to show home after a pack changed."""
        command = [
            sys.executable,
            "-m",
            "simulator.catalog.rebuild",
            "--cache",
            str(self.paths.cache),
        ]
        for folder in self.pack_dirs or []:
            command += ["--pack-dir", str(folder)]
        if self.pack_dirs is not None and not self.pack_dirs:
            command.append("--no-packs")
        return command

    def scenario(self, ref: str) -> LoadedScenario:
        """The scenario `ref` (`pack/scenario`, or an id one pack uses); raises ScenarioNotFound."""
        if self._library is None:
            alone = self._scenario_from_its_pack(ref)
            if alone is not None:
                return alone
        from simulator.content.resolve import resolve_scenario

        return resolve_scenario(self.library, ref)

    def _scenario_from_its_pack(self, ref: str) -> LoadedScenario | None:
        """`ref` loaded with its pack only, found through a current index; None: load the library.

        The index was written from a full load of these very pack files, so it names the pack a
        ref resolves to; one pack costs a fraction of the whole library's memory and time, and the
        scenario's compiled form, when current, a fraction of that pack's.
        """
        found = read_index_body(self.paths.index, self.pack_dirs)
        if found is None:
            return None
        entries, errors = found
        matches = [e for e in entries if e.ref == ref] or [e for e in entries if e.ref.split("/", 1)[1] == ref]
        if len(matches) != 1 or not matches[0].pack_dir:
            return None
        entry = matches[0]
        if self._alone is not None and self._alone.ref == entry.ref:
            return self._alone
        from simulator.content.compiled import read_compiled, stamp

        pack_dir = Path(entry.pack_dir)
        files = stamp(pack_dir)
        loaded = read_compiled(self.paths.compiled, entry.ref, files)
        if loaded is None:
            from simulator.content.loader import load_pack

            pack, _ = load_pack(pack_dir)
            loaded = pack.scenarios.get(entry.ref.split("/", 1)[1]) if pack is not None else None
            if loaded is None or loaded.ref != entry.ref:
                return None
            store_compiled(self.paths.compiled, loaded, files)
        self.on_errors(errors)
        self._pack_dirs[loaded.pack.id] = pack_dir
        self._alone = loaded
        return loaded

    def pack_dir(self, loaded: LoadedScenario) -> Path:
        """The folder of the pack `loaded` came from."""
        if self._library is None and loaded.pack.id in self._pack_dirs:
            return self._pack_dirs[loaded.pack.id]
        return next(p.path for p in self.library.packs if p.manifest.id == loaded.pack.id)
