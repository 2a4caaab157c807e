"""The program's own strings in the player's language, through gettext catalogues.

User-visible strings of the app and the command line are written in English inside `_()`:

    from simulator.i18n import _
    yield Button(_("Start"), id="start")

`set_language("de")` makes `_()` return the German of each string that `simulator/locale/de.po`
translates (and the English otherwise, string by string). The catalogues are committed as PO
files and read with polib when a language is chosen, not compiled to .mo files at build time: the
package then ships nothing generated, a catalogue edited in a checkout takes effect at once, and
reading one (a few hundred entries) takes milliseconds. Fuzzy entries are not used, as in gettext.

`simulator/locale/yesable.pot` lists every string passed to `_()` (written by `python -m
simulator.i18n`, which reads the source with `ast`; a test fails when it is out of date).
"""

from __future__ import annotations

import ast
import sys
from pathlib import Path

LOCALE = Path(__file__).with_name("locale")
TEMPLATE = LOCALE / "yesable.pot"
SOURCE_LANGUAGE = "en"

_state: dict[str, object] = {"language": None, "messages": {}}
_loaded: dict[str, dict[str, str]] = {}


def app_languages() -> list[str]:
    """Languages the program's own strings are translated into (besides English)."""
    return sorted(p.stem for p in LOCALE.glob("*.po"))


def read_messages(lang: str) -> dict[str, str]:
    """msgid -> msgstr of the program's catalogue for `lang` (empty when there is none)."""
    if lang not in _loaded:
        import polib

        path = LOCALE / f"{lang}.po"
        try:
            po = polib.pofile(str(path), encoding="utf-8") if path.is_file() else []
        except (OSError, ValueError):
            po = []
        _loaded[lang] = {e.msgid: e.msgstr for e in po if e.msgstr and not e.fuzzy and not e.obsolete}
    return _loaded[lang]


def set_language(lang: str | None) -> None:
    """Translate the program's strings into `lang` from now on (None or "en": English)."""
    base = lang.split("_")[0] if lang else None
    if not lang or base == SOURCE_LANGUAGE:
        _state.update(language=None, messages={})
        return
    messages = read_messages(lang) or (read_messages(base) if base else {})
    _state.update(language=lang, messages=messages)


def language() -> str | None:
    """The language chosen with `set_language` (None: English)."""
    chosen = _state["language"]
    return chosen if isinstance(chosen, str) else None


def _(message: str) -> str:
    """`message` in the chosen language, or as written when it has no translation."""
    messages = _state["messages"]
    assert isinstance(messages, dict)
    found = messages.get(message)
    return found if isinstance(found, str) else message


def N_(message: str) -> str:
    """Mark `message` for the catalogue without translating it here (gettext's `N_`): for words
    chosen at run time, such as a style's name, translated later with `_(word)`."""
    return message


def source_strings(root: Path | None = None) -> list[tuple[str, str, int]]:
    """(message, file, line) of every `_("...")` and `N_("...")` call with a literal in the package."""
    root = root or Path(__file__).parent
    found: list[tuple[str, str, int]] = []
    for path in sorted(root.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Name)
                and node.func.id in ("_", "N_")
                and node.args
                and isinstance(node.args[0], ast.Constant)
                and isinstance(node.args[0].value, str)
            ):
                found.append((node.args[0].value, path.relative_to(root.parent).as_posix(), node.lineno))
    return found


def template_text() -> str:
    """The text `simulator/locale/yesable.pot` must hold."""
    import polib

    pot = polib.POFile(wrapwidth=0)
    pot.metadata = {
        "Project-Id-Version": "yesable",
        "MIME-Version": "1.0",
        "Content-Type": "text/plain; charset=UTF-8",
        "Content-Transfer-Encoding": "8bit",
    }
    entries: dict[str, polib.POEntry] = {}
    for message, file, line in sorted(source_strings(), key=lambda m: (m[1], m[2])):
        if message not in entries:
            entries[message] = polib.POEntry(msgid=message, msgstr="")
            pot.append(entries[message])
        entries[message].occurrences.append((file, str(line)))
    return str(pot) + "\n"


if __name__ == "__main__":  # python -m simulator.i18n: rewrite the template
    from simulator.storage.files import SHARED, atomic_write

    atomic_write(TEMPLATE, template_text(), mode=SHARED)
    print(f"wrote {TEMPLATE}")
    sys.exit(0)
