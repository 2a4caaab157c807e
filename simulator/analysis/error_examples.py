"""For each diagnostic code: a small piece of a pack that triggers it and the same piece fixed.

`simulator.analysis.errors_doc` turns these into docs/errors/<code>.md. The snippets are excerpts
(the rest of the file is assumed correct), in the vocabulary of the complete small pack of
docs/format.md. A code without an entry here still gets a page, from its registry's text alone.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Example:
    file: str
    """Which file the snippets come from, e.g. `my_pack/feature_ask.yaml`."""
    bad: str
    """YAML that triggers the code."""
    good: str
    """The same YAML, fixed."""
    fix: str = ""
    """How to fix it, for codes whose registry has no fix of its own (the loader's `CODES`)."""
    note: str = ""
    """Anything else an author should know (shown under the example)."""


SCENARIO = "my_pack/feature_ask.yaml"
PERSONA = "my_pack/personas/sales_vp.yaml"
MANIFEST = "my_pack/pack.yaml"
PLAN = "my_pack/tests/feature_ask.testplan.yaml"

EXAMPLES: dict[str, Example] = {
    # ------------------------------------------------------------------ reading the file
    "unreadable": Example(
        MANIFEST,
        "scenarios: [feature_ask.yaml]   # but feature_ask.yaml is a folder, or not readable",
        "scenarios: [feature_ask.yaml]   # a regular file the user running yesable may read",
        fix="make the path a regular file you can read (check its permissions, `chmod a+r`)",
    ),
    "file-too-large": Example(
        SCENARIO,
        "# 3 MB of scenes in one file",
        "# split the scenario into several files, each listed in pack.yaml",
        fix="keep each file under 2 MB: split a huge scenario or remove pasted data",
    ),
    "binary-file": Example(
        SCENARIO,
        "id: feature_ask\\0   # a NUL byte, e.g. a file saved as UTF-16 or a word-processor document",
        "id: feature_ask",
        fix="save the file as plain UTF-8 text from a text editor",
    ),
    "not-utf8": Example(
        SCENARIO,
        "title: Caf\\xe9 talks   # saved as Latin-1: the byte 0xe9 is not UTF-8",
        "title: Café talks      # saved as UTF-8",
        fix="save the file as UTF-8 (your editor's encoding setting); the position is the first bad byte",
    ),
    "empty-file": Example(
        SCENARIO,
        "# TODO: write this scenario",
        "id: feature_ask\ntitle: The one-off feature\n# ... the rest of the scenario",
        fix="write the file's content, or remove it from `scenarios:` in pack.yaml",
    ),
    # ------------------------------------------------------------------ YAML
    "yaml-syntax": Example(
        SCENARIO,
        "objectives: [EO5, EO2.4\ndifficulty: introductory",
        "objectives: [EO5, EO2.4]\ndifficulty: introductory",
        fix="correct the YAML at the position given (an unclosed bracket or quote, a tab, bad indentation); "
        "keep one document per file (no `---` separating a second one)",
    ),
    "too-deep": Example(
        SCENARIO,
        "if: {any: [{any: [{any: [{any: [ ... 64 levels ... ]}]}]}]}",
        "if: {any: [{flags: [asked]}, {trust_at_least: {sales_vp: 60}}]}",
        fix="flatten the structure: a condition rarely needs more than two levels of `any`",
    ),
    "duplicate-key": Example(
        SCENARIO,
        "minutes: 5\nminutes: 10",
        "minutes: 10",
        fix="keep one of the two keys: YAML would silently use only the last value",
    ),
    "merge-key": Example(
        SCENARIO,
        "choices:\n  - &base {style: integrating, next: options}\n  - <<: *base\n    id: why",
        'choices:\n  - {id: ask, text: "What\'s behind it?", style: integrating, next: options}\n'
        '  - {id: why, text: "What happens on Friday?", style: integrating, next: options}',
        fix="write each mapping out in full; packs do not use `<<` merge keys",
    ),
    "complex-key": Example(
        SCENARIO,
        "values: {[player, sales_vp]: 50}",
        "values: {player: 50, sales_vp: 50}",
        fix="use a plain word as the key",
    ),
    "unsafe-tag": Example(
        SCENARIO,
        'title: !!python/object/apply:os.system ["echo hi"]',
        "title: The one-off feature",
        fix="remove the tag: packs use plain YAML only (text, numbers, true/false, lists and mappings)",
    ),
    "alias": Example(
        SCENARIO,
        "fits: &usual [integrating, compromising]\n# ...\nfits: *usual",
        "fits: [integrating, compromising]\n# ...\nfits: [integrating, compromising]",
        fix="write the value out where it is used",
    ),
    "control-character": Example(
        SCENARIO,
        'narration: "\\e[2J{{ cast.sales_vp }} is at your desk."',
        'narration: "{{ cast.sales_vp }} is at your desk."',
        fix="remove the escape: a terminal would obey it (clear the screen, rename the window)",
    ),
    # ------------------------------------------------------------------ the model
    "not-a-mapping": Example(
        SCENARIO,
        "- id: feature_ask\n  title: The one-off feature",
        "id: feature_ask\ntitle: The one-off feature",
        fix="make the top level a mapping of keys to values (no leading `-`)",
    ),
    "unknown-key": Example(
        PERSONA,
        "responds_to:\n  styles: {avoiding: -2}\n  principals: {criteria: 1}",
        "responds_to:\n  styles: {avoiding: -2}\n  principles: {criteria: 1}",
        fix="use the key the hint suggests, or look the model up in docs/format.md",
    ),
    "missing-key": Example(
        SCENARIO,
        '- id: why\n  text: "What happens on Friday?"\n  next: options',
        '- id: why\n  text: "What happens on Friday?"\n  style: integrating\n  next: options',
        fix="add the key; docs/format.md marks the required keys of each part",
    ),
    "wrong-type": Example(
        SCENARIO,
        "minutes: five",
        "minutes: 5",
        fix="give a value of the type docs/format.md names for the key",
    ),
    "yaml-boolean": Example(
        SCENARIO,
        "- id: agree\n  text: yes",
        '- id: agree\n  text: "yes"',
        fix="quote the word: YAML 1.1 reads an unquoted yes/no/on/off as true or false",
    ),
    "invalid-value": Example(
        SCENARIO,
        "difficulty: easy\nplayer:\n  batna_value: 140",
        "difficulty: introductory\nplayer:\n  batna_value: 40",
        fix="use one of the allowed words (see Vocabularies in docs/format.md) or a number in range",
    ),
    # ------------------------------------------------------------------ references
    "unknown-persona": Example(
        SCENARIO,
        "cast:\n  - persona: sales_vpp",
        "cast:\n  - persona: sales_vp",
        fix="name a persona of the pack's `personas/` folder or a bundled one (`yesable list` shows them)",
    ),
    "unknown-scene": Example(
        SCENARIO,
        "start: aks",
        "start: ask",
        fix="name a scene or ending of this scenario (the hint suggests the nearest)",
    ),
    "unknown-ref": Example(
        SCENARIO,
        "if: {revealed: [sales_vp.quarter_ends]}",
        "if: {revealed: [sales_vp.quarter_end]}",
        fix="name an id that exists: a cast member, one of their interests, an issue, an option, a choice or a scene",
    ),
    "duplicate-id": Example(
        SCENARIO,
        "scenes:\n  - id: ask\n    # ...\n  - id: ask",
        "scenes:\n  - id: ask\n    # ...\n  - id: ask_again",
        fix="rename one of them (and the references meant for it)",
    ),
    "not-present": Example(
        SCENARIO,
        "cast:\n  - persona: sales_vp\n  - persona: dev_lead\n# ...\nscenes:\n  - id: ask\n"
        '    present: [sales_vp]\n    lines:\n      - {speaker: dev_lead, text: "Not by Friday."}',
        "cast:\n  - persona: sales_vp\n  - persona: dev_lead\n# ...\nscenes:\n  - id: ask\n"
        '    present: [sales_vp, dev_lead]\n    lines:\n      - {speaker: dev_lead, text: "Not by Friday."}',
        fix="add the stakeholder to the scene's `present`, or name someone who is there",
    ),
    "branch-order": Example(
        SCENARIO,
        "next:\n  - {to: no_deal}\n  - {to: deal, if: {revealed: [sales_vp.quarter_end]}}",
        "next:\n  - {to: deal, if: {revealed: [sales_vp.quarter_end]}}\n  - {to: no_deal}",
        fix="put the branch without `if` last, and give every other branch an `if`",
    ),
    "missing-value": Example(
        SCENARIO,
        "- {id: custom, title: Build it for this customer, values: {player: 10}}",
        "- {id: custom, title: Build it for this customer, values: {player: 10, sales_vp: 90}}",
        fix="give the option a value 0-100 for the player and for every cast member",
    ),
    "unused-reply": Example(
        SCENARIO,
        "- id: ask\n  present: [sales_vp, dev_lead]\n  choices:\n    - id: why\n      to: [sales_vp]\n"
        '      reply: {dev_lead: "Good question."}   # dev_lead is not addressed, so never answers',
        "- id: ask\n  present: [sales_vp, dev_lead]\n  choices:\n    - id: why\n      to: [sales_vp, dev_lead]\n"
        '      reply: {dev_lead: "Good question."}',
        fix="add the stakeholder to the choice's `to`, or drop the reply: only those addressed answer",
    ),
    # ------------------------------------------------------------------ offer tables
    "offer-empty-table": Example(
        SCENARIO,
        "- id: table\n  present: [sales_vp]\n  table: {issues: [], agreed: deal}",
        "- id: table\n  present: [sales_vp]\n  table: {issues: [scope, date], agreed: deal}",
        fix="put at least one issue and one party on the table (leave `issues` or `parties` out "
        "for all of them), or remove `table`",
    ),
    "offer-unused-bluff": Example(
        SCENARIO,
        "negotiator: {strategies: [cooperative], bluff: 15}",
        "negotiator: {strategies: [cooperative, deceptive], bluff: 15}",
        fix="add `deceptive` to the negotiator's `strategies`, or remove `bluff`",
    ),
    "offer-unacceptable": Example(
        SCENARIO,
        "cast:\n  - {persona: sales_vp, batna_value: 80, ...}\nissues:\n  - id: scope\n    options:\n"
        "      - {id: custom, values: {player: 10, sales_vp: 70}}\n"
        "      - {id: config, values: {player: 80, sales_vp: 50}}",
        "cast:\n  - {persona: sales_vp, batna_value: 60, ...}\nissues:\n  - id: scope\n    options:\n"
        "      - {id: custom, values: {player: 10, sales_vp: 70}}\n"
        "      - {id: config, values: {player: 80, sales_vp: 50}}",
        fix="give the stakeholder an option on the table worth their BATNA value, or lower their `batna_value`",
        note="Each party is credited with its best option on every issue off the table and with "
        "full trust, so the warning is certain: no play can reach a package they accept.",
    ),
    "offer-no-zopa": Example(
        SCENARIO,
        "# sales_vp needs custom (BATNA 60), dev_lead needs config (BATNA 60)\n"
        "- {id: custom, values: {player: 10, sales_vp: 90, dev_lead: 10}}\n"
        "- {id: config, values: {player: 80, sales_vp: 20, dev_lead: 90}}",
        "- {id: custom, values: {player: 10, sales_vp: 90, dev_lead: 10}}\n"
        "- {id: config, values: {player: 80, sales_vp: 20, dev_lead: 90}}\n"
        "- {id: phased, values: {player: 70, sales_vp: 65, dev_lead: 70}}   # room for both",
        fix="add an option (or an issue) that creates value for several parties, or lower a "
        "`batna_value`; if walking away is the lesson, give the scene a choice that leaves",
    ),
    # ------------------------------------------------------------------ packs
    "missing-manifest": Example(
        "my_pack/",
        "my_pack/\n  feature_ask.yaml\n  personas/sales_vp.yaml",
        "my_pack/\n  pack.yaml\n  feature_ask.yaml\n  personas/sales_vp.yaml",
        fix="add a pack.yaml (`yesable new` writes one)",
    ),
    "missing-file": Example(
        MANIFEST,
        "scenarios: [feature_ask.yaml, budget.yaml]   # budget.yaml does not exist",
        "scenarios: [feature_ask.yaml]",
        fix="create the file, correct its name, or remove it from `scenarios:`",
    ),
    "path-escape": Example(
        MANIFEST,
        "scenarios: [../shared/feature_ask.yaml]",
        "scenarios: [feature_ask.yaml]   # copied into the pack folder",
        fix="keep scenario and persona files inside the pack folder (no `..`, absolute paths or "
        "symbolic links leading out)",
    ),
    "duplicate-pack": Example(
        MANIFEST,
        "id: my_pack   # another pack checked or installed has the id my_pack too",
        "id: my_pack_two",
        fix="give one of the packs another id",
    ),
    "ignored-file": Example(
        MANIFEST,
        "scenarios: [feature_ask.yaml]   # budget.yaml lies beside it but is not listed",
        "scenarios: [feature_ask.yaml, budget.yaml]",
        fix="list the file in `scenarios:` (and name it `.yaml`), or move it out of the pack folder",
    ),
    "template-syntax": Example(
        SCENARIO,
        'narration: "{{ cast.sales_vp is at your desk."',
        'narration: "{{ cast.sales_vp }} is at your desk."',
        fix="correct the Jinja2 expression at the position given (an unclosed `{{`, `{%` or string)",
    ),
    # ------------------------------------------------------------------ graph lint
    "unreachable-scene": Example(
        SCENARIO,
        "start: ask\nscenes:\n  - id: ask\n    # every choice leads to options\n"
        "  - id: options\n    # ...\n  - id: side_deal   # no choice's next names it",
        'start: ask\nscenes:\n  - id: ask\n    choices:\n      # ...\n      - {id: offer, text: "Can we talk '
        'about a side deal?", style: compromising, next: side_deal}\n  - id: side_deal',
    ),
    "never-available": Example(
        SCENARIO,
        "- id: configurable\n  if: {flags: [asked_why]}   # no effect anywhere sets asked_why",
        "# the earlier choice sets it:\n- id: why\n  effects: {set: [asked_why]}\n"
        "# ...\n- id: configurable\n  if: {flags: [asked_why]}",
    ),
    "dead-branch": Example(
        SCENARIO,
        "next:\n  - {to: deal, if: {trust_at_least: {sales_vp: 0}}}   # always holds\n"
        "  - {to: no_deal}                                      # never taken",
        "next:\n  - {to: deal, if: {revealed: [sales_vp.quarter_end]}}\n  - {to: no_deal}",
    ),
    "never-shown": Example(
        SCENARIO,
        'lines:\n  - {speaker: sales_vp, text: "Thanks for asking.", if: {chosen: [why]}}\n'
        "# ... in the scene `ask`, where `why` is offered: it cannot have been chosen yet",
        "# the line moves to the scene `why` leads to:\n- id: options\n  lines:\n"
        '    - {speaker: sales_vp, text: "Thanks for asking.", if: {chosen: [why]}}',
    ),
    "dead-end": Example(
        SCENARIO,
        '- id: options\n  choices:\n    - {id: configurable, text: "Configurable?", style: integrating,\n'
        "       if: {flags: [never_set]}, next: deal}",
        '- id: options\n  choices:\n    - {id: configurable, text: "Configurable?", style: integrating,\n'
        "       if: {flags: [never_set]}, next: deal}\n"
        '    - {id: pause, text: "Let me think about it.", style: avoiding, next: no_deal}',
    ),
    "no-exit": Example(
        SCENARIO,
        "- id: ask\n  fits: [integrating]\n"
        '  choices: [{id: again, text: "Tell me more.", style: integrating, next: more}]\n'
        "- id: more\n  fits: [integrating]\n"
        '  choices: [{id: back, text: "Go on.", style: integrating, next: ask}]',
        "- id: ask\n  fits: [integrating]\n"
        '  choices: [{id: again, text: "Tell me more.", style: integrating, next: more}]\n'
        "- id: more\n  fits: [integrating]\n  choices:\n"
        '    - {id: back, text: "Go on.", style: integrating, next: ask}\n'
        '    - {id: close, text: "Let\'s agree.", style: compromising, next: deal}',
        note="A loop counts as having a way out when some move in it can cost trust: the stakeholder "
        "may then walk out, to the scenario's `walkout` ending.",
    ),
    "unreachable-ending": Example(
        SCENARIO,
        "endings:\n  # ...\n"
        '  - {id: postponed, title: Postponed, kind: impasse, text: "You agree to talk next week."}\n'
        "# no choice's next names postponed",
        '# a choice leads there:\n- {id: later, text: "Can this wait until Monday?", style: avoiding, next: postponed}',
    ),
    "no-agreement": Example(
        SCENARIO,
        'endings:\n  - {id: no_deal, title: No deal yet, kind: impasse, text: "Sam isn\'t convinced."}',
        'endings:\n  - {id: deal, title: A deal, kind: agreement, text: "Every customer gets it."}\n'
        '  - {id: no_deal, title: No deal yet, kind: impasse, text: "Sam isn\'t convinced."}\n'
        "# ... and a choice whose next leads to deal",
    ),
    "unknown-variable": Example(
        SCENARIO,
        'narration: "{{ cast.sales_vpp }} is at your desk, {{ playr }}."',
        'narration: "{{ cast.sales_vp }} is at your desk, {{ player }}."',
    ),
    "template-budget": Example(
        SCENARIO,
        'text: "{% macro ask() %}Why?{% endmacro %}{{ ask() }}"',
        'text: "Why?"',
    ),
    "unrevealable-interest": Example(
        PERSONA,
        "interests:\n  - id: quarter_end\n    hidden: true\n    reveal_trust: 95   "
        "# no probing move can raise trust this far",
        "interests:\n  - id: quarter_end\n    hidden: true\n    reveal_trust: 55",
        note="Or, in the scenario, a choice with `effects: {reveal: [sales_vp.quarter_end]}`.",
    ),
    "agreement-below-batna": Example(
        SCENARIO,
        "cast:\n  - {persona: finance_controller, batna_value: 60}\nissues:\n  - id: discount\n    options:\n"
        "      - {id: forty, values: {player: 70, finance_controller: 20}}   # the deal a yielding path settles",
        "endings:\n  - id: deal\n    kind: agreement\n    refused: back_to_terms   # the negotiation goes on there\n"
        'cast:\n  - persona: finance_controller\n    refusal: "Forty off leaves me worse off than no deal."',
        note="The warning is advisory: a refusal is often the lesson. Give the ending a `refused:` scene and "
        "the stakeholder a `refusal:` line, or change the option values if the deal should stand.",
    ),
    "yaml-comma-split": Example(
        SCENARIO,
        "player:\n  interests: [Keep the date, not one customer]   # YAML reads two interests",
        'player:\n  interests:\n    - "Keep the date, not one customer"',
    ),
    "agreement-leaves-issues-open": Example(
        SCENARIO,
        "- id: quick_yes\n  effects: {settle: {scope: core}}   # `date` is never settled on this path\n  next: deal",
        "- id: quick_yes\n  effects: {settle: {scope: core, date: gate}}\n  next: deal",
        note="An open issue is worth 0 to everyone in the outcome; settle it, or route such paths to an impasse.",
    ),
    "agreement-below-player-batna": Example(
        SCENARIO,
        "player: {batna_value: 50}\n...\n- {id: give_in, effects: {settle: {scope: all_custom}}, next: deal}"
        "   # worth 20 to you",
        "- {id: give_in, effects: {settle: {scope: all_custom}}, next: yielded}   # an ending that names it",
        note='Advisory: fine when the ending is the lesson ("you gave in"); otherwise the player should walk away.',
    ),
    "refused-to-agreement": Example(
        SCENARIO,
        "endings:\n  - {id: deal, kind: agreement, refused: other_deal}\n  - {id: other_deal, kind: agreement}",
        "endings:\n  - {id: deal, kind: agreement, refused: no_deal}\n  - {id: no_deal, kind: impasse}",
        fix="point `refused` at a scene where the negotiation goes on, or at an impasse, escalation or "
        "walkout ending (and give a scenario with issues at least one such ending)",
    ),
    "unused-refused": Example(
        SCENARIO,
        "endings:\n  - {id: walked, kind: walkout, refused: table}   # only agreements are refused",
        "endings:\n  - {id: walked, kind: walkout}",
        fix="remove `refused` from an ending that is not an agreement: only agreements can be refused",
    ),
    # ------------------------------------------------------------------ pedagogy audit
    "audit-form-strategy": Example(
        SCENARIO,
        "choices:\n  - {id: best, text: \"I understand your concerns; let's look at the options and "
        'criteria together so we both win.", style: integrating, principles: [interests], next: options}\n'
        '  - {id: brush, text: "Later.", style: avoiding, next: no_deal}',
        'choices:\n  - {id: best, text: "What happens on Friday?", style: integrating, '
        "principles: [interests], next: options}\n"
        '  - {id: lecture, text: "Let\'s find a fair, mutual, win-win option together, as partners.",\n'
        "     style: integrating, violates: [interests], next: no_deal}   # eloquent but premature",
        note="`yesable audit SCENARIO` shows each strategy's share of the gap.",
    ),
    "audit-one-style": Example(
        SCENARIO,
        "# every scene: fits: [integrating], and the integrating choice always scores best",
        "# some scenes fit other styles: a deadline that calls for compromising,\n"
        "# a trivial issue where accommodating is right:\n"
        "- id: small_ask\n  fits: [accommodating]",
    ),
    "audit-length-quality": Example(
        SCENARIO,
        '- {id: best, text: "Let me understand what the renewal needs and what the team can do.", '
        '...}\n- {id: worst, text: "No.", ...}',
        '- {id: best, text: "What does the renewal need?", ...}\n'
        '- {id: worst, text: "Fine, we\'ll drop everything else and build it for them by Friday.", ...}',
    ),
    "audit-style-spread": Example(
        SCENARIO,
        "# no scene lists avoiding in fits",
        "- id: heated\n  fits: [avoiding]   # tempers are high: taking a break is right here",
    ),
    "audit-grade-regret": Example(
        SCENARIO,
        '- {id: why, text: "What happens on Friday?", style: integrating, principles: [interests],\n'
        "   next: escalated}   # praised by its tags, yet it ends the game badly",
        '- {id: why, text: "What happens on Friday?", style: integrating, principles: [interests],\n   next: options}',
    ),
    "audit-below-batna": Example(
        SCENARIO,
        "- {id: custom, values: {player: 10, sales_vp: 90}}   # player's batna_value is 40,\n"
        "# and a path settles on custom and reaches an agreement ending",
        "# route that path to an impasse ending, or make the option worth signing:\n"
        "- {id: custom, values: {player: 45, sales_vp: 90}}",
    ),
    "audit-form-average": Example(
        SCENARIO,
        "# several scenarios where the longest line is usually the best",
        "# rewrite the scenarios with the highest form shares first (`yesable audit` lists them)",
    ),
    "audit-style-average": Example(
        SCENARIO,
        "# several scenarios where integrating is always right",
        "# rewrite the scenarios with the highest one-style shares first",
    ),
    "audit-too-large": Example(
        SCENARIO,
        "# a scenario whose reachable states exceed the solver's limit",
        "# split it into smaller scenarios, each of which the solver can explore",
    ),
    # ------------------------------------------------------------------ test plans
    "testplan-failed": Example(
        PLAN,
        "- name: asks_first\n  path: [why, configurable]\n  expect:\n    ending: no_deal     # the path ends at `deal`",
        "- name: asks_first\n  path: [why, configurable]\n  expect:\n    ending: deal",
        note="The message says what was expected and what the play produced. If the scenario is "
        "right and the plan out of date, fix the plan; if the plan states what the scenario "
        "should teach, fix the scenario.",
    ),
    "testplan-unavailable": Example(
        PLAN,
        "path: [why, refuse]   # refuse is offered in `ask`, and why leads to `options`",
        "path: [why, configurable]",
    ),
    "testplan-unknown-ref": Example(
        PLAN,
        "expect:\n  meters: {sales_v: {trust: {at_least: 60}}}",
        "expect:\n  meters: {sales_vp: {trust: {at_least: 60}}}",
    ),
    "testplan-too-large": Example(
        PLAN,
        "- name: random\n  random: {runs: 2000, max_moves: 200}   # 400,000 moves, then another test",
        "- name: random\n  random: {runs: 300, max_moves: 40}",
    ),
    "testplan-no-scenario": Example(
        "my_pack/tests/featureask.testplan.yaml",
        "# my_pack/tests/featureask.testplan.yaml: no scenario has the id featureask",
        "# my_pack/tests/feature_ask.testplan.yaml",
    ),
    # ------------------------------------------------------------------ translations
    "l10n-untagged": Example(
        SCENARIO,
        '      - id: why\n        text: "What happens on Friday?"',
        '      - id: why\n        text: "What happens on Friday?"  #line:3fa9c2d1   # written by `yesable l10n tag`',
    ),
    "l10n-untaggable": Example(
        PERSONA,
        'voice:\n  warm: ["Now we\'re talking.", "Good."]',
        'voice:\n  warm:\n    - "Now we\'re talking."  #line:0b77e1a4\n    - "Good."  #line:51c2e9f0',
    ),
    "l10n-duplicate-id": Example(
        SCENARIO,
        '        text: "What happens on Friday?"  #line:3fa9c2d1\n'
        '        # ...\n        text: "And what happens after Friday?"  #line:3fa9c2d1   # copied',
        '        text: "What happens on Friday?"  #line:3fa9c2d1\n'
        '        # ...\n        text: "And what happens after Friday?"  #line:8d02b6e7',
    ),
    "l10n-missing": Example(
        "my_pack/locale/de.po",
        'msgctxt "3fa9c2d1"\nmsgid "What happens on Friday?"\nmsgstr ""',
        'msgctxt "3fa9c2d1"\nmsgid "What happens on Friday?"\nmsgstr "Was passiert am Freitag?"',
        note="A pack with missing lines still plays: each missing line shows in the source language. "
        "`check --strict` does not fail a pack for it.",
    ),
    "l10n-stale": Example(
        "my_pack/locale/de.po",
        '#, fuzzy\n#| msgid "What happens on Friday?"\nmsgctxt "3fa9c2d1"\n'
        'msgid "What exactly happens on Friday?"\nmsgstr "Was passiert am Freitag?"',
        'msgctxt "3fa9c2d1"\nmsgid "What exactly happens on Friday?"\nmsgstr "Was genau passiert am Freitag?"',
    ),
    "l10n-placeholder-mismatch": Example(
        "my_pack/locale/de.po",
        'msgid "{{ cast.sales_vp }} is at your desk."\nmsgstr "{{ cast.vertrieb }} steht an deinem Tisch."',
        'msgid "{{ cast.sales_vp }} is at your desk."\nmsgstr "{{ cast.sales_vp }} steht an deinem Tisch."',
    ),
    "l10n-template-syntax": Example(
        "my_pack/locale/de.po",
        'msgid "{{ cast.sales_vp }} is at your desk."\nmsgstr "{{ cast.sales_vp steht an deinem Tisch."',
        'msgid "{{ cast.sales_vp }} is at your desk."\nmsgstr "{{ cast.sales_vp }} steht an deinem Tisch."',
    ),
    "l10n-unusable": Example(
        "my_pack/locale/de.po",
        'msgstr "Was passiert am Freitag?\\x1b[2J"',
        'msgstr "Was passiert am Freitag?"',
    ),
    "l10n-catalogue": Example(
        "my_pack/locale/German.po",
        "# a catalogue named by the language's name, or not a PO file",
        "# my_pack/locale/de.po, written by `yesable l10n extract my_pack --lang de`",
    ),
    "l10n-obsolete": Example(
        "my_pack/locale/de.po",
        'msgctxt "3fa9c2d1"   # the line with this id was deleted from the pack\nmsgid "What happens on Friday?"',
        '#~ msgctxt "3fa9c2d1"\n#~ msgid "What happens on Friday?"   # kept out of the way by `yesable l10n extract`',
    ),
}
