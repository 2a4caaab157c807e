"""The SCENARIO argument of headless commands: a name typed by the user, turned into a scenario."""

from __future__ import annotations

from simulator.content.loaded import LoadedScenario


def chosen_language(flag: str | None) -> str | None:
    """The language to play in: `--lang`, else the settings file's `language`, else None (English).

    Also makes it the language of the program's own strings (simulator.i18n)."""
    from simulator.cli.errors import UsageError
    from simulator.content.locations import user_data_dir
    from simulator.i18n import set_language
    from simulator.storage.settings import LANGUAGE_CODE, read_settings, settings_path

    if flag is not None and not LANGUAGE_CODE.match(flag):
        raise UsageError(f"--lang {flag!r}: expected a language code such as de, es or pt_BR")
    lang = flag if flag is not None else read_settings(settings_path(user_data_dir()))[0].language
    set_language(lang)
    return lang


def load_scenario(ref: str, lang: str | None = None) -> LoadedScenario:
    """The installed scenario named `ref` (`pack/scenario` or a unique id); UsageError otherwise.

    With `lang`, each line that the pack translates into `lang` is in that language
    (simulator.content.translate); the others stay as written.

    A scenario whose files have errors is not installed as far as play is concerned: the message
    points at `yesable check`, which locates every problem.
    """
    from simulator.classroom.installed import find_scenario, library
    from simulator.cli.errors import UsageError
    from simulator.content.resolve import ScenarioNotFound
    from simulator.content.translate import translate

    try:
        return translate(find_scenario(ref), lang)
    except ScenarioNotFound as exc:
        hint = "; some packs have problems (`yesable check` locates them)" if library().problems else ""
        raise UsageError(f"{exc}{hint}") from None
