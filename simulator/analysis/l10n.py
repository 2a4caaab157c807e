"""`check` on a pack's translations: missing, stale and broken lines, located at file:line.

Runs on packs that have a `locale/` folder with catalogues (a pack nobody translates gets no
translation warnings). Each problem points where it is fixed: a line with no id or no entry at
its YAML line, a translation at its entry in the PO file.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path

from simulator.content.catalogue import (
    LANGUAGE,
    LOCALE_DIR,
    CatalogueError,
    PackLine,
    Tagged,
    Translation,
    catalogue_languages,
    catalogue_path,
    extracted,
    pack_lines,
    read_catalogue,
    tagged_pack,
    tagged_personas,
)
from simulator.content.linetags import new_id
from simulator.content.loader import display_path
from simulator.content.problems import Problem
from simulator.content.translate import why_unusable

L10N_CODES: dict[str, tuple[str, str, str]] = {
    "l10n-untagged": (
        "warning",
        "a player-visible line has no line id, so it cannot be translated",
        "run `yesable l10n tag PACK`, then `yesable l10n extract PACK`",
    ),
    "l10n-untaggable": (
        "warning",
        (
            "a player-visible line ends on a line shared with other YAML (a flow list or "
            "mapping such as `[a, b]`), where no `#line:` comment can mark it"
        ),
        "write the text in block style, one item per line, then run `yesable l10n tag PACK`",
    ),
    "l10n-duplicate-id": (
        "error",
        "two lines carry the same line id (usually a line copied with its `#line:` comment)",
        "delete the copied `#line:...` comment and run `yesable l10n tag PACK`: it gives the copy a new id",
    ),
    "l10n-missing": (
        "warning",
        ("a line has no translation in a language the pack is translated into; it plays in the source language"),
        ("translate it in `locale/<lang>.po` (run `yesable l10n extract PACK` first if the line is new)"),
    ),
    "l10n-stale": (
        "warning",
        (
            "the source text of a line changed since it was translated (the entry is fuzzy or "
            "its msgid is not the current text); the line plays in the source language"
        ),
        (
            "run `yesable l10n extract PACK`, review the translation against the new text (shown as "
            "`#| msgid` above it) and remove the `fuzzy` flag"
        ),
    ),
    "l10n-placeholder-mismatch": (
        "error",
        (
            "a translation uses other template variables than its source line "
            "(`{{ ... }}` and `{% ... %}` must read the same names)"
        ),
        "use the same variables as the source line, as written; only the text around them changes",
    ),
    "l10n-template-syntax": (
        "error",
        "a translation is a template that Jinja2 cannot parse",
        "correct the `{{ ... }}` or `{% ... %}` in the translation",
    ),
    "l10n-unusable": (
        "error",
        "a translation holds a control character or is longer than a pack line may be",
        "remove control characters (escape sequences) and keep lines under 4,000 characters",
    ),
    "l10n-catalogue": (
        "error",
        ("a file in `locale/` is not a readable gettext PO catalogue, or is not named by a language code"),
        "name catalogues `<lang>.po` (`de.po`, `pt_BR.po`) and save them as UTF-8 PO files",
    ),
    "l10n-obsolete": (
        "warning",
        "a catalogue entry's line id is no longer in the pack",
        "run `yesable l10n extract PACK`: it keeps such entries as obsolete (`#~`), out of the way",
    ),
}
"""Every translation code: (severity, meaning, fix)."""


def _problem(path: Path, line: int, code: str, message: str) -> Problem:
    severity, _, fix = L10N_CODES[code]
    return Problem(
        display_path(path),
        line,
        1,
        message,
        code,
        "error" if severity == "error" else "warning",
        fix,
    )


def l10n_problems(pack_dir: Path, cast: Iterable[str] | None = None) -> list[Problem]:
    """Translation problems of the pack in `pack_dir` (none when it has no `locale/` folder);
    `cast`: the persona ids its scenarios cast, when the caller has loaded them."""
    folder = pack_dir / LOCALE_DIR
    if not folder.is_dir():
        return []
    problems = [
        _problem(p, 1, "l10n-catalogue", f"{p.name}: not named by a language code")
        for p in sorted(folder.glob("*.po"))
        if not LANGUAGE.match(p.stem)
    ]
    lines = list(pack_lines(pack_dir, cast=cast))
    problems += _tag_problems(lines)
    tagged = [pl for pl in lines if pl.line.id is not None]
    for lang in catalogue_languages(pack_dir):
        path = catalogue_path(pack_dir, lang)
        try:
            catalogue = read_catalogue(path)
        except CatalogueError as exc:
            problems.append(_problem(path, 1, "l10n-catalogue", f"cannot read the catalogue: {exc}"))
            continue
        problems += _language_problems(lang, path, tagged, catalogue)
    return problems


def _tag_problems(lines: list[PackLine]) -> list[Problem]:
    problems: list[Problem] = []
    seen: dict[str, PackLine] = {}
    for pl in lines:
        if pl.file.shared:
            continue  # shared personas are checked (and tagged) in their own folder
        if not pl.line.taggable:
            problems.append(
                _problem(
                    pl.file.path,
                    pl.line.line,
                    "l10n-untaggable",
                    "this line cannot carry a `#line:` id",
                )
            )
        elif pl.line.id is None:
            problems.append(_problem(pl.file.path, pl.line.line, "l10n-untagged", "this line has no line id"))
        elif pl.line.id in seen:
            first = seen[pl.line.id]
            problems.append(
                _problem(
                    pl.file.path,
                    pl.line.tag_line,
                    "l10n-duplicate-id",
                    f"line id {pl.line.id} is already used at {display_path(first.file.path)}:{first.line.tag_line}",
                )
            )
        else:
            seen[pl.line.id] = pl
    return problems


MAX_MISSING = 5
"""Missing lines of one file reported one by one; beyond, one warning at the first gives the count."""


def _missing(lang: str, file: Path, absent: list[PackLine]) -> list[Problem]:
    if len(absent) <= MAX_MISSING:
        return [
            _problem(
                file,
                pl.line.line,
                "l10n-missing",
                f"no {lang} translation of this line ({pl.line.id})",
            )
            for pl in absent
        ]
    return [
        _problem(
            file,
            absent[0].line.line,
            "l10n-missing",
            f"{len(absent)} lines of this file have no {lang} translation, the first here "
            f"(`yesable l10n status` counts them; the PO file lists them with empty msgstr)",
        )
    ]


_REASONS = {
    "stale": ("l10n-stale", "the source text changed since this translation was made"),
    "placeholder_mismatch": (
        "l10n-placeholder-mismatch",
        ("the translation reads other template variables than the source line"),
    ),
    "template_syntax": ("l10n-template-syntax", "the translation does not parse as a template"),
    "control_character": ("l10n-unusable", "the translation holds a control character"),
    "too_long": ("l10n-unusable", "the translation is longer than 4,000 characters"),
}


def _language_problems(
    lang: str, path: Path, lines: list[PackLine], catalogue: dict[str, Translation]
) -> list[Problem]:
    problems: list[Problem] = []
    missing: dict[Path, list[PackLine]] = {}
    for pl in lines:
        found = catalogue.get(str(pl.line.id))
        if found is None:
            missing.setdefault(pl.file.path, []).append(pl)
            continue
        reason = why_unusable(pl.line.text, found)
        if reason is not None:
            code, message = _REASONS[reason]
            problems.append(_problem(path, found.line, code, f"{message} ({pl.line.id})"))
    for file, absent in missing.items():
        problems += _missing(lang, file, absent)
    ids = {pl.line.id for pl in lines}
    for line_id, found in catalogue.items():
        if line_id not in ids:
            problems.append(_problem(path, found.line, "l10n-obsolete", f"line id {line_id} is no longer in the pack"))
    return problems


# ------------------------------------------------------------------ writing (through storage)


def tag_pack(pack_dir: Path, shared: Path | None = None, make_id: Callable[[], str] = new_id) -> list[tuple[Path, int]]:
    """Tag every untagged visible line of the pack's own files in place (`yesable l10n tag`);
    returns (file, tags added) per file changed or, with UNREADABLE, not readable."""
    return _write_tags(tagged_pack(pack_dir, shared, make_id))


def tag_personas(folder: Path, make_id: Callable[[], str] = new_id) -> list[tuple[Path, int]]:
    """Tag every persona file of a folder of shared personas in place."""
    return _write_tags(tagged_personas(folder, make_id))


def _write_tags(tagged: list[Tagged]) -> list[tuple[Path, int]]:
    from simulator.storage.files import SHARED, atomic_write

    for path, _count, data in tagged:
        if data is not None:
            atomic_write(path, data, mode=SHARED)
    return [(path, count) for path, count, _data in tagged]


def extract(pack_dir: Path, languages: list[str], pack_id: str = "", shared: Path | None = None) -> list[Path]:
    """Write `locale/messages.pot` and merge the pack's lines into `locale/<lang>.po` for each
    language (content.catalogue.extracted says how); returns the files written."""
    from simulator.storage.files import SHARED, atomic_write

    files = extracted(pack_dir, languages, pack_id, shared)
    for path, text in files.items():
        atomic_write(path, text, mode=SHARED)
    return list(files)
