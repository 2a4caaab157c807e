"""Translation: line tags in pack YAML, PO catalogues, play in another language line by line, checks."""

from __future__ import annotations

import itertools
import shutil
from pathlib import Path

import polib
import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from simulator.analysis.l10n import extract, l10n_problems, tag_pack
from simulator.content.catalogue import catalogue_path, pack_lines, read_catalogue
from simulator.content.linetags import read_lines, tag_text
from simulator.content.loader import load_pack
from simulator.content.locations import bundled_scenarios
from simulator.content.scaffold import SCENARIO_FILE, scaffold
from simulator.content.translate import template_names, translate
from simulator.engine import Session
from simulator.storage.files import write_new_tree


@pytest.fixture(autouse=True)
def english_afterwards():  # type: ignore[no-untyped-def]
    """`run --lang de` switches the program's strings to German: back to English after each test."""
    from simulator.i18n import set_language

    yield
    set_language(None)


# ------------------------------------------------------------------ tags in YAML text

words = st.text(alphabet="abcdefghij klmnop,.'", min_size=1, max_size=30).map(str.strip).filter(bool)


def item(text: str) -> str:
    """`- text` as YAML writes a list item holding `text` (quoted where it must be)."""
    return str(yaml.safe_dump([text], width=1000)).strip()


def persona_yaml(lines: list[str], comment: str = "") -> str:
    """A persona's voice as YAML, one line per item, with an author's comment on the first."""
    body = "\n".join(f"    {item(text)}" for text in lines)
    return f"id: p  # the persona\nvoice:\n  warm:{comment}\n{body}\n  neutral: [ok]\n"


def counter_ids() -> itertools.count[int]:
    return itertools.count()


@settings(max_examples=60, deadline=None)
@given(st.lists(words, min_size=1, max_size=8), st.data())
def test_tag_is_idempotent_and_ids_survive_edits_of_other_lines(lines: list[str], data: st.DataObject) -> None:
    counter = counter_ids()
    text = persona_yaml(lines, "   # lines she says when pleased")
    tagged, added = tag_text(text, "persona", set(), lambda: f"{next(counter):08x}")
    assert added == len(lines)
    assert yaml.safe_load(tagged) == yaml.safe_load(text)  # a tag is a comment: the data is unchanged
    assert "# lines she says when pleased" in tagged and "# the persona" in tagged
    assert tag_text(tagged, "persona", set())[0] == tagged  # idempotent
    ids = [s.id for s in read_lines(tagged, "persona") if s.loc[1] == "warm"]
    assert len(set(ids)) == len(lines) and None not in ids

    # edit one line's text and append a new line: every old id stays where it was
    edited = data.draw(st.integers(0, len(lines) - 1))
    new_text = data.draw(words)
    rows = tagged.splitlines(keepends=True)
    row = next(s.tag_line for s in read_lines(tagged, "persona") if s.loc == ("voice", "warm", edited))
    old = rows[row - 1]
    rows[row - 1] = f"    {item(new_text)}  {old[old.index('#line:') :]}"
    rows.insert(row, f"    {item('brand new line')}\n")
    retagged, added = tag_text("".join(rows), "persona", set(), lambda: f"{next(counter):08x}")
    assert added == 1
    after = {s.text: s.id for s in read_lines(retagged, "persona") if s.loc[1] == "warm"}
    assert after["brand new line"] not in ids
    kept = [s.id for s in read_lines(retagged, "persona") if s.loc[1] == "warm" and s.text != "brand new line"]
    assert kept == ids


def test_tags_go_after_block_scalar_headers_and_quoted_lines() -> None:
    text = (
        'title: "A \\"quoted\\" title"\nsummary: >-  # folded\n  Long text\n  on two lines.\n'
        "scenes:\n  - id: s\n    choices:\n      - id: c\n        text: |\n          Say it.\n"
        "        reply:\n          vp: 'Fine.'\n"
    )
    tagged, added = tag_text(text, "scenario", set(), iter(["t1", "s1", "c1", "r1"]).__next__)
    assert added == 4
    assert tagged.splitlines()[:2] == [
        'title: "A \\"quoted\\" title"  #line:t1',
        "summary: >-  # folded  #line:s1",
    ]
    assert "        text: |  #line:c1" in tagged and "          vp: 'Fine.'  #line:r1" in tagged
    assert yaml.safe_load(tagged) == yaml.safe_load(text)


def test_a_copied_tag_gets_a_new_id_and_flow_lists_are_untaggable() -> None:
    text = "voice:\n  warm:\n    - Yes.  #line:aaaa\n    - Yes, again.  #line:aaaa\n  neutral: [Hm., Well.]\n"
    lines = read_lines(text, "persona")
    assert [s.taggable for s in lines] == [True, True, False, False]
    tagged, added = tag_text(text, "persona", set(), iter(["bbbb"]).__next__)
    assert added == 1 and "Yes, again.  #line:bbbb" in tagged and "Yes.  #line:aaaa" in tagged


# ------------------------------------------------------------------ a pack translated


@pytest.fixture
def pack(tmp_path: Path) -> Path:
    folder = tmp_path / "tiny"
    write_new_tree(folder, scaffold("tiny"))
    counter = counter_ids()
    tag_pack(folder, make_id=lambda: f"id{next(counter):06d}")
    extract(folder, ["de"], "tiny")
    return folder


def translate_all(folder: Path, prefix: str = "DE ") -> None:
    """Fill the German catalogue: each line's text with a prefix (templates keep their names)."""
    po = polib.pofile(str(catalogue_path(folder, "de")))
    for entry in po:
        entry.msgstr = prefix + entry.msgid
    po.save()


def loaded_scenario(folder: Path):  # type: ignore[no-untyped-def]
    loaded_pack, problems = load_pack(folder)
    assert loaded_pack is not None, problems
    return next(iter(loaded_pack.scenarios.values()))


def test_extract_writes_one_entry_per_line_with_its_id_text_and_place(pack: Path) -> None:
    entries = {e.msgctxt: e for e in polib.pofile(str(catalogue_path(pack, "de")))}
    lines = list(pack_lines(pack))
    assert lines and len(entries) == len(lines)
    for pl in lines:
        entry = entries[pl.line.id]
        assert entry.msgid == pl.line.text and entry.msgstr == ""
        assert entry.occurrences == [(pl.file.reference(pack), str(pl.line.line))]
    assert (pack / "locale" / "messages.pot").is_file()


def test_a_translated_pack_plays_in_german_and_the_rules_do_not_change(pack: Path) -> None:
    translate_all(pack)
    source = loaded_scenario(pack)
    german = translate(source, "de")
    assert german.scenario.title == "DE " + source.scenario.title
    assert all(s.narration is None or s.narration.startswith("DE ") for s in german.scenario.scenes)
    persona = next(iter(german.personas.values()))
    assert all(line.startswith("DE ") for line in persona.voice.warm)
    assert translate(source, "en") is source and translate(source, None) is source
    # the same choices give the same state in both languages
    a, b = Session.start(source, seed=3), Session.start(german, seed=3)
    while not a.ended:
        choice = a.available()[0].id
        a.choose(choice)
        b.choose(choice)
    assert b.ended and a.state == b.state


def test_a_changed_line_turns_stale_and_falls_back_alone(pack: Path) -> None:
    translate_all(pack)
    scenario = pack / SCENARIO_FILE
    text = scenario.read_text(encoding="utf-8")
    title = yaml.safe_load(text)["title"]
    scenario.write_text(text.replace(f"title: {title}", "title: A new title", 1), encoding="utf-8")
    german = translate(loaded_scenario(pack), "de")
    assert german.scenario.title == "A new title"  # the stale line falls back to the source
    assert german.scenario.summary.startswith("DE ")  # every other line is still German
    problems = l10n_problems(pack)
    # not re-extracted yet: the entry's msgid is the old text, so the entry is stale
    assert [(p.code, Path(p.path).name) for p in problems] == [("l10n-stale", "de.po")]


def test_extract_marks_a_changed_line_fuzzy_with_the_old_text_and_check_reports_it(
    pack: Path,
) -> None:
    translate_all(pack)
    scenario = pack / SCENARIO_FILE
    text = scenario.read_text(encoding="utf-8")
    title = yaml.safe_load(text)["title"]
    scenario.write_text(text.replace(f"title: {title}", "title: A new title", 1), encoding="utf-8")
    extract(pack, ["de"], "tiny")
    entry = next(e for e in polib.pofile(str(catalogue_path(pack, "de"))) if e.msgid == "A new title")
    assert entry.fuzzy and entry.previous_msgid == title and entry.msgstr == "DE " + title
    stale = [p for p in l10n_problems(pack) if p.code == "l10n-stale"]
    assert len(stale) == 1 and stale[0].path.endswith("de.po") and stale[0].line == entry.linenum
    assert translate(loaded_scenario(pack), "de").scenario.title == "A new title"
    # the translator reviews it: the flag goes, the new translation plays
    po = polib.pofile(str(catalogue_path(pack, "de")))
    fixed = next(e for e in po if e.msgid == "A new title")
    fixed.msgstr, fixed.flags = "Ein neuer Titel", []
    po.save()
    assert translate(loaded_scenario(pack), "de").scenario.title == "Ein neuer Titel"
    assert not [p for p in l10n_problems(pack) if p.code == "l10n-stale"]


def test_a_translation_naming_other_template_variables_is_an_error_and_not_played(
    pack: Path,
) -> None:
    translate_all(pack)
    po = polib.pofile(str(catalogue_path(pack, "de")))
    templated = [e for e in po if "{{" in e.msgid]
    assert templated, "the scaffold has a template line"
    templated[0].msgstr = "Hallo {{ spieler }}"
    po.save()
    problems = [p for p in l10n_problems(pack) if p.code == "l10n-placeholder-mismatch"]
    assert len(problems) == 1 and problems[0].severity == "error" and problems[0].line == templated[0].linenum
    german = translate(loaded_scenario(pack), "de")
    assert "Hallo {{ spieler }}" not in str(german.scenario) + str(german.personas)


def test_template_names_compares_variables_not_text() -> None:
    assert template_names("Hi {{ cast.vp.name }}, {% if mood == 'warm' %}x{% endif %}") == {
        "cast.vp.name",
        "mood",
    }
    assert template_names("Hallo {{ cast.vp.name }}{% if mood == 'warm' %}y{% endif %}") == {
        "cast.vp.name",
        "mood",
    }
    assert template_names("{{ broken") is None and template_names("plain") == frozenset()


def test_missing_untagged_and_duplicate_ids_are_reported_where_they_are_fixed(pack: Path) -> None:
    scenario = pack / SCENARIO_FILE
    rows = scenario.read_text(encoding="utf-8").splitlines(keepends=True)
    tagged_rows = [i for i, row in enumerate(rows) if "#line:" in row]
    first_id = rows[tagged_rows[0]].split("#line:")[1].strip()
    rows[tagged_rows[1]] = rows[tagged_rows[1]].split("  #line:")[0] + f"  #line:{first_id}\n"
    rows[tagged_rows[2]] = rows[tagged_rows[2]].split("  #line:")[0] + "\n"
    scenario.write_text("".join(rows), encoding="utf-8")
    codes = {(p.code, p.line) for p in l10n_problems(pack)}
    assert ("l10n-duplicate-id", tagged_rows[1] + 1) in codes
    assert any(code == "l10n-untagged" for code, _ in codes)
    assert any(code == "l10n-missing" for code, _ in codes)


def test_a_pack_without_catalogues_gets_no_translation_warnings(tmp_path: Path) -> None:
    write_new_tree(tmp_path / "plain", scaffold("plain"))
    assert l10n_problems(tmp_path / "plain") == []


# ------------------------------------------------------------------ the bundled German


BUNDLED = bundled_scenarios() / "disruptors_and_accelerators"


def test_the_bundled_pack_is_tagged_and_its_german_is_clean() -> None:
    problems = l10n_problems(BUNDLED)
    assert [p.format() for p in problems if p.code != "l10n-missing"] == []
    catalogue = read_catalogue(catalogue_path(BUNDLED, "de"))
    supportability = [
        pl
        for pl in pack_lines(BUNDLED)
        if pl.file.path.name in ("supportability.yaml", "pack.yaml", "support_head.yaml", "support_engineer.yaml")
    ]
    assert supportability and all(pl.line.id in catalogue for pl in supportability)


def test_run_plays_supportability_in_german(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from simulator.cli.main import main

    monkeypatch.setenv("YESABLE_HOME", str(tmp_path))
    assert main(["run", "disruptors_and_accelerators/supportability", "--choose", "3", "--lang", "de"]) == 0
    out = capsys.readouterr().out
    assert "Montag, neun Uhr" in out and "Das geht aufs Produkt" in out
    assert main(["run", "disruptors_and_accelerators/supportability", "--choose", "3"]) == 0
    assert "Monday, nine o'clock" in capsys.readouterr().out
    (tmp_path / "settings.json").write_text('{"version": 1, "language": "de"}', encoding="utf-8")
    assert main(["run", "disruptors_and_accelerators/supportability", "--choose", "3"]) == 0
    assert "Montag, neun Uhr" in capsys.readouterr().out


def test_l10n_cli_tags_extracts_and_reports_status(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from simulator.cli.main import main

    folder = tmp_path / "copy"
    write_new_tree(folder, scaffold("copy"))
    assert main(["l10n", "tag", str(folder)]) == 0
    assert main(["l10n", "tag", str(folder)]) == 0
    assert "0 line ids added" in capsys.readouterr().out
    assert main(["l10n", "extract", str(folder), "--lang", "es"]) == 0
    assert catalogue_path(folder, "es").is_file()
    assert main(["l10n", "status", str(folder)]) == 0
    assert "es: 0/" in capsys.readouterr().out
    assert main(["l10n", "extract", str(folder), "--lang", "Deutsch"]) == 2


def test_copying_the_bundled_pack_keeps_its_ids(tmp_path: Path) -> None:
    copy = tmp_path / "copy"
    shutil.copytree(BUNDLED, copy)
    assert tag_pack(copy) == []  # every line already has an id: nothing to write


# ------------------------------------------------------------------ the app in German


async def test_the_app_plays_supportability_in_german_with_german_app_strings(
    tmp_path: Path,
) -> None:
    from textual.widgets import OptionList, Static
    from tui_kit import app_for

    from simulator.content.loader import load_library
    from simulator.i18n import set_language
    from simulator.tui.screens.brief import BriefScreen
    from simulator.tui.screens.conversation import ConversationScreen

    library = load_library([BUNDLED], include_bundled=False, include_user=False)
    app = app_for(tmp_path, library, scenario_ref="disruptors_and_accelerators/supportability")
    app.config.language = "de"
    try:
        async with app.run_test(size=(100, 40)) as pilot:
            await pilot.pause()
            assert isinstance(app.screen, BriefScreen)
            brief = "\n".join(str(s.render()) for s in app.screen.query(Static))
            assert "Die Warteschlange, die niemand eingeplant hat" in brief
            assert "Du bist: Produktmanager für Kestrel Payroll" in brief and "Ziele" in brief
            await pilot.press("enter")
            await pilot.pause()
            assert isinstance(app.screen, ConversationScreen)
            shown = "\n".join(str(s.render()) for s in app.screen.query(Static))
            assert "Montag, neun Uhr" in shown and "Vertrauen" in shown
            options = app.screen.query_one(OptionList)
            prompts = [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]
            assert any("Das geht aufs Produkt" in p for p in prompts)
            pick = next(i for i, p in enumerate(prompts) if "Das geht aufs Produkt" in p)
            await pilot.press(str(pick + 1))
            await pilot.pause()
            shown = "\n".join(str(s.render()) for s in app.screen.query(Static))
            assert "Ich hatte eine Rede vorbereitet" in shown  # Bronwen's reply, in German
    finally:
        set_language(None)


def test_the_settings_file_keeps_a_language_and_drops_a_bad_one(tmp_path: Path) -> None:
    from simulator.storage.settings import Settings, read_settings, write_settings

    path = tmp_path / "settings.json"
    write_settings(path, Settings(language="de"))
    assert read_settings(path) == (Settings(language="de"), [])
    path.write_text('{"version": 1, "language": "German", "blind": true}', encoding="utf-8")
    settings, problems = read_settings(path)
    assert settings == Settings(blind=True) and len(problems) == 1 and "language" in problems[0]


# ------------------------------------------------------------------ the program's own strings


def test_the_app_string_template_is_current_and_german_translates_every_string() -> None:
    from simulator.i18n import TEMPLATE, read_messages, source_strings, template_text

    assert TEMPLATE.read_text(encoding="utf-8") == template_text(), "run `python -m simulator.i18n`"
    german = read_messages("de")
    untranslated = sorted({m for m, _, _ in source_strings() if m not in german})
    assert untranslated == []
    for message, text in german.items():  # str.format placeholders survive translation
        assert template_fields(message) == template_fields(text), message


def template_fields(text: str) -> set[str]:
    import string

    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def test_set_language_switches_and_falls_back_string_by_string() -> None:
    from simulator.i18n import _, language, set_language

    try:
        set_language("de")
        assert language() == "de" and _("Goals") == "Ziele"
        assert _("A string nobody translated") == "A string nobody translated"
        set_language("de_AT")  # no Austrian catalogue: the German one
        assert _("Goals") == "Ziele"
        set_language("fr")
        assert _("Goals") == "Goals"
    finally:
        set_language(None)
    assert language() is None and _("Goals") == "Goals"


def test_a_transcript_played_in_german_replays_faithfully(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import json

    from simulator.cli.main import main

    monkeypatch.setenv("YESABLE_HOME", str(tmp_path / "home"))
    results = tmp_path / "results"
    assert (
        main(
            [
                "run",
                "disruptors_and_accelerators/supportability",
                "--choose",
                "random",
                "--seed",
                "2",
                "--lang",
                "de",
                "--results",
                str(results),
            ]
        )
        == 0
    )
    (written,) = results.glob("*.json")
    transcript = json.loads(written.read_text(encoding="utf-8"))
    assert transcript["language"] == "de"
    assert any(m["note"] and "Support" in m["note"] and " ist " in m["note"] for m in transcript["moves"])
    capsys.readouterr()
    assert main(["replay", str(written)]) == 0, capsys.readouterr()
    transcript["moves"][0]["note"] = "Edited by hand."
    written.write_text(json.dumps(transcript), encoding="utf-8")
    assert main(["replay", str(written)]) != 0  # a German transcript is still checked, field by field


def test_the_bundled_catalogue_is_current_extract_changes_nothing(tmp_path: Path) -> None:
    copy = tmp_path / "copy"
    shutil.copytree(BUNDLED, copy)
    extract(copy, ["de"], "disruptors_and_accelerators")
    for name in ("de.po", "messages.pot"):
        assert (copy / "locale" / name).read_text(encoding="utf-8") == (BUNDLED / "locale" / name).read_text(
            encoding="utf-8"
        ), f"run `yesable l10n extract {BUNDLED}`"


def test_a_regional_language_falls_back_to_its_base_catalogue(pack: Path) -> None:
    translate_all(pack)
    source = loaded_scenario(pack)
    assert translate(source, "de_AT").scenario.title == "DE " + source.scenario.title
    assert translate(source, "fr").scenario.title == source.scenario.title


def test_tag_keeps_line_endings_and_byte_order_mark_and_skips_broken_yaml(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from simulator.cli.main import main

    folder = tmp_path / "crlf"
    write_new_tree(folder, scaffold("crlf"))
    scenario = folder / SCENARIO_FILE
    original = b"\xef\xbb\xbf" + scenario.read_bytes().replace(b"\n", b"\r\n")
    scenario.write_bytes(original)
    assert main(["l10n", "tag", str(folder)]) == 0
    tagged = scenario.read_bytes()
    assert tagged.startswith(b"\xef\xbb\xbf") and b"#line:" in tagged
    assert tagged.count(b"\r\n") == original.count(b"\r\n") and b"\n" not in tagged.replace(b"\r\n", b"")
    assert yaml.safe_load(tagged.decode("utf-8-sig")) == yaml.safe_load(original.decode("utf-8-sig"))
    scenario.write_text("title: [unclosed\n", encoding="utf-8")
    capsys.readouterr()
    assert main(["l10n", "tag", str(folder)]) == 1
    assert "not tagged: not valid YAML" in capsys.readouterr().out


async def test_home_lists_a_translated_pack_in_the_chosen_language(tmp_path: Path) -> None:
    from textual.widgets import OptionList
    from tui_kit import app_for

    from simulator.catalog.index import entries_of
    from simulator.content.loader import load_library
    from simulator.tui.screens.home import HomeScreen

    library = load_library([BUNDLED], include_bundled=False, include_user=False)
    entry = next(e for e in entries_of(library) if e.ref.endswith("/supportability"))
    assert entry.in_language("de").title == "Die Warteschlange, die niemand eingeplant hat"
    assert entry.in_language("de_CH").pack_title == "Bremser und Beschleuniger"
    assert entry.in_language(None) == entry and entry.in_language("fr") == entry
    app = app_for(tmp_path, library)
    app.config.language = "de"
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        options = app.screen.query_one("#scenarios", OptionList)
        prompts = [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]
        assert "Bremser und Beschleuniger" in prompts[0]
        assert any("Die Warteschlange, die niemand eingeplant hat" in p for p in prompts)
