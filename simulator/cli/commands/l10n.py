"""`yesable l10n tag|extract|status PACK`: line ids and gettext catalogues for translating a pack.

- `tag` writes a `#line:<id>` comment after every player-visible line that has none (and renews
  ids copied with their line), leaving everything else in the files as written;
- `extract --lang de [--lang es]` writes `locale/messages.pot` and creates or updates
  `locale/<lang>.po` (default: the languages the pack already has);
- `status` prints, per language, how many lines are translated, missing and stale.

docs/authoring.md ("Translating a pack") explains the workflow.
"""

from __future__ import annotations

import argparse
from pathlib import Path


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "action",
        choices=("tag", "extract", "status"),
        help="tag: give every player-visible line an id; extract: write the PO catalogues; "
        "status: translated, missing and stale lines per language",
    )
    parser.add_argument(
        "pack",
        metavar="PACK",
        type=Path,
        help="the pack folder (holding pack.yaml); for tag also a folder of shared personas",
    )
    parser.add_argument(
        "--lang",
        metavar="LANG",
        action="append",
        default=[],
        help="with extract: a language to write a catalogue for (`de`, `es`, `pt_BR`); "
        "repeatable; default: those in the pack's locale/ folder",
    )


def run(args: argparse.Namespace) -> int:
    from simulator.analysis.l10n import extract, tag_pack, tag_personas
    from simulator.cli.errors import UsageError
    from simulator.content.catalogue import LANGUAGE, catalogue_languages
    from simulator.content.locations import MANIFEST

    pack: Path = args.pack
    if args.action == "tag" and not (pack / MANIFEST).is_file() and any(pack.glob("*.yaml")):
        return _report_tags(tag_personas(pack))  # a folder of shared personas
    if not (pack / MANIFEST).is_file():
        raise UsageError(f"{pack}: not a pack folder (no {MANIFEST})")
    for lang in args.lang:
        if not LANGUAGE.match(lang):
            raise UsageError(f"--lang {lang!r}: expected a language code such as de, es or pt_BR")
    if args.action == "tag":
        return _report_tags(tag_pack(pack))
    if args.action == "extract":
        untagged = _untagged(pack)
        if untagged:
            print(f"{untagged} player-visible lines have no id and are left out: run `yesable l10n tag {pack}`")
        languages = args.lang or catalogue_languages(pack)
        for path in extract(pack, languages, _pack_id(pack)):
            print(f"wrote {path}")
        return 0
    return _status(pack, args.lang or catalogue_languages(pack))


def _report_tags(changed: list[tuple[Path, int]]) -> int:
    from simulator.content.catalogue import UNREADABLE

    tagged = [(path, count) for path, count in changed if count != UNREADABLE]
    for path, count in changed:
        if count == UNREADABLE:
            print(f"{path}: not tagged: not valid YAML (`yesable check` locates the problem)")
        else:
            print(f"{path}: {count} line id{'s' if count != 1 else ''} added")
    print(f"{sum(c for _, c in tagged)} line ids added in {len(tagged)} files")
    return 1 if len(tagged) < len(changed) else 0


def _pack_id(pack: Path) -> str:
    import yaml

    from simulator.content.locations import MANIFEST

    data = yaml.safe_load((pack / MANIFEST).read_text(encoding="utf-8-sig"))
    return str(data.get("id", "")) if isinstance(data, dict) else ""


def _untagged(pack: Path) -> int:
    from simulator.content.catalogue import pack_lines

    return sum(1 for pl in pack_lines(pack) if pl.line.id is None)


def _status(pack: Path, languages: list[str]) -> int:
    from simulator.content.catalogue import catalogue_path, pack_lines, read_catalogue
    from simulator.content.translate import why_unusable

    lines = [pl.line for pl in pack_lines(pack) if pl.line.id is not None]
    if not languages:
        print(f"{pack}: no catalogues yet (`yesable l10n extract {pack} --lang de`)")
    for lang in languages:
        catalogue = read_catalogue(catalogue_path(pack, lang))
        done = stale = 0
        for line in lines:
            found = catalogue.get(str(line.id))
            reason = why_unusable(line.text, found) if found is not None else "missing"
            done += reason is None
            stale += reason == "stale"
        missing = len(lines) - done - stale
        print(f"{lang}: {done}/{len(lines)} lines translated, {missing} missing or unusable, {stale} stale")
    return 0
