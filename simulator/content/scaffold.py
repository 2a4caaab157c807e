"""A new pack folder to start writing from: manifest, one persona, one small scenario, its test
plan, schemas.

The files are commented field by field and point their yaml-language-server line at the schema
files written beside them, so completion works in a fresh folder anywhere. The scenario passes
`yesable check --strict` (graph lint included) and plays to an ending; tests keep it so.
"""

from __future__ import annotations

import re
from pathlib import Path

from simulator.content.schema import dump, schemas

ID = re.compile(r"^[a-z][a-z0-9_]*$")
SCENARIO_FILE = "first_meeting.yaml"

MANIFEST = """\
# yaml-language-server: $schema=schemas/manifest.schema.json
# The pack manifest. Every key is described in Yesable's docs/format.md; `yesable check .` checks
# the whole pack, and `yesable schema` rewrites the files in schemas/ after an upgrade.

schema_version: 1            # version of the pack format; 1 for now
id: @PACK@                   # the pack's id: scenarios are named `@PACK@/<scenario id>`
title: @TITLE@               # shown in `yesable list` and the app
version: 0.1.0               # your pack's own version, MAJOR.MINOR[.PATCH]
authors: [Your Name]         # at least one
licence: CC BY-SA 4.0        # the licence of the pack's text
description: >-
  What these scenarios practise, in a sentence or two.
# scenarios: [first_meeting.yaml]   # optional: scenario files in play order
#                                     (default: every *.yaml beside this file)
"""

PERSONA = """\
# yaml-language-server: $schema=../schemas/persona.schema.json
# A persona: who a stakeholder is in every scenario. A scenario's `cast` says where they stand
# in that scenario. Ids are lower-case letters, digits and underscores.

id: @PERSONA@                # how scenarios name them (cast: - persona: @PERSONA@)
name: Sam Sellers            # their name
title: VP of Sales           # their job title
function: sales              # engineering, ux, marketing, sales, support, finance, executive, ...
quadrant: potential_disruptor  # critical_supporter, accelerator, potential_disruptor, outlier, executive
kpis: [Quarterly bookings]   # what they are measured on
power: {legitimate: 4, reward: 3}   # power bases 0-5: reward, coercive, legitimate, referent, expert, informational
style: dominating            # the conflict style they fall back on
patience: 3                  # poor moves (moves that cost trust) they take before walking out
interests:                   # what they want underneath what they say
  - id: quarter_end
    text: A big renewal closes at quarter end and he has promised the feature.
    hidden: true             # unknown to the player until a probing move reveals it
    reveal_trust: 55         # trust needed before a probing move reveals it
    reveal_line: "All right: the renewal closes on the 30th, and I promised them."   # a template
responds_to:                 # -10..10 on top of the engine's defaults (negative costs trust)
  styles: {avoiding: -2}
  principles: {criteria: 1}
voice:                       # fallback lines by mood after a move; each a list of templates
  warm: ["Now we're talking."]
  neutral: ["Go on."]
  guarded: ["I've heard that before."]
  hostile: ["Unacceptable."]
  walkout: ["I'm taking this to the CEO."]
"""

SCENARIO = """\
# yaml-language-server: $schema=schemas/scenario.schema.json
# A scenario: the player's brief, the cast, what is negotiated, and scenes of choices leading to
# endings. Text marked "template" may use {{ player }}, {{ name }}, {{ mood }}, {{ cast.<id> }}
# and the other names in docs/format.md ("Templates"). {{ player }} is the player's role, as
# `player.role` says it ("As {{ player }}, you ..."), never a way to address them: people in the
# room say "I need it by Friday.", not "I need it by Friday, {{ player }}." See the scene graph with
# `yesable graph @PACK@/first_meeting`; play it with `yesable run @PACK@/first_meeting --choose 1,1`.

id: first_meeting
title: The one-off feature
summary: Sales wants a custom feature for one customer by Friday.
objectives: [EO5, EO2.4]     # course objectives practised (EO2.1 ... EO7)
difficulty: introductory     # introductory, practitioner or expert
minutes: 5                   # how long a play takes

player:                      # what the player's character knows and wants
  role: product manager for the booking app   # who the player is; templates see it as {{ player }}
  goals: [Keep the roadmap intact]
  interests:                 # one per line: in [a, b] brackets a comma would end the item
    - A product that fits the market, not one customer
  batna: Ship the roadmap as planned and let sales escalate.
  batna_value: 40            # what that alternative is worth to the player, 0-100

cast:                        # who takes part, and where they stand in this scenario
  - persona: @PERSONA@
    position: Build the feature by Friday.   # what they say they want
    batna: Escalate to the CEO.
    batna_value: 30
    trust: 50                # trust in the player at the start, 0-100
    satisfaction: 50

issues:                      # what is being decided; an agreement settles them
  - id: feature
    title: The custom feature
    options:                 # values: what each option is worth to each party, 0-100
      - {id: custom, title: Build it for this customer, values: {player: 10, @PERSONA@: 90}}
      - {id: config, title: Make it configurable next sprint, values: {player: 80, @PERSONA@: 70}}

start: ask                   # the first scene

scenes:
  - id: ask
    title: Friday
    present: [@PERSONA@]     # who is in the room
    narration: "{{ cast.@PERSONA@ }} is at your desk before you sit down. As {{ player }}, you decide what ships."   # template
    lines:                   # what they say on arrival (an `if:` shows a line only sometimes)
      - {speaker: @PERSONA@, text: "I need it by Friday."}
    fits: [integrating]      # styles that fit this moment; others cost trust
    choices:
      - id: why
        text: "What happens on Friday?"
        style: integrating   # integrating, obliging, dominating, avoiding, compromising
        principles: [interests]   # applying `interests` makes it a probe: it may reveal a hidden interest
        feedback: Asking about the deadline looks for the interest behind the position.
        next: options        # a scene or ending id
      - id: refuse
        text: "No. It's not on the roadmap."
        style: dominating
        power: legitimate    # the power base the move invokes
        violates: [people]
        feedback: A flat no on positional grounds invites escalation.
        next: escalated

  - id: options
    title: Options
    present: [@PERSONA@]
    fits: [integrating, compromising]
    choices:
      - id: configurable
        text: "What if we make it configurable next sprint, for every customer?"
        style: integrating
        principles: [options, interests]
        effects: {settle: {feature: config}}   # also trust, satisfaction, reveal, set, clear
        reply: {@PERSONA@: "Next sprint still makes the quarter. Deal."}   # instead of a voice line
        next:                # branches: the first whose `if` holds wins; the last has no `if`
          - {to: deal, if: {revealed: [@PERSONA@.quarter_end]}}
          - {to: no_deal}
      - id: split
        text: "Half now, half later?"
        style: compromising
        effects: {settle: {feature: custom}}
        next: no_deal

endings:                     # kind: agreement, impasse, escalation or walkout
  - id: deal
    title: A deal
    kind: agreement          # scored against each side's BATNA
    text: "The renewal closes, and every customer gets the feature."
  - id: no_deal
    title: No deal yet
    kind: impasse
    text: "{{ cast.@PERSONA@ }} isn't convinced."
  - id: escalated
    title: Escalated
    kind: escalation         # also where a walkout ends, as there is no `walkout` ending
    text: "The CEO hears about it before lunch."
"""

PLAN = """\
# yaml-language-server: $schema=../schemas/testplan.schema.json
# A test plan: paths through first_meeting and what must hold after each step and at the end.
# `yesable test .` runs every plan of the pack (so does `yesable check`); a failure points at the
# line here. The file name starts with the scenario's id. Every key: Yesable's docs/authoring.md.

tests:
  - name: asks_first
    about: Asking about Friday brings out the quarter end, and the configurable option closes the deal.
    path:
      - choose: why              # a choice id, with what must hold right after it
        expect:
          scene: options
          revealed: [@PERSONA@.quarter_end]
          move: {fits: true}
      - configurable             # or just the choice id
    expect:                      # at the end of the path
      ending: deal
      ending_kind: agreement
      settled: {feature: config}
      above_batna: {player: true, @PERSONA@: true}
  - name: flat_no
    about: A flat no on positional grounds is escalated.
    path: [refuse]
    expect:
      ending: escalated
      score: {below: {asks_first: 20}}   # at least 20 points below the test above
  - name: random
    random: {runs: 50, every_ending_except: []}   # 50 seeded random plays reach every ending
"""


def persona_id(pack: str) -> str:
    """The scaffold persona's id: from the pack id, so it clashes with no bundled persona."""
    return f"{pack[:54]}_sales_vp"


def scaffold(pack: str) -> dict[Path, str]:
    """The files of a new pack for id `pack`: relative path -> text (the caller writes them)."""
    persona = persona_id(pack)
    title = pack.replace("_", " ").capitalize()

    def fill(text: str) -> str:
        return text.replace("@PACK@", pack).replace("@PERSONA@", persona).replace("@TITLE@", title)

    files = {
        Path("pack.yaml"): fill(MANIFEST),
        Path("personas") / f"{persona}.yaml": fill(PERSONA),
        Path(SCENARIO_FILE): fill(SCENARIO),
        Path("tests") / "first_meeting.testplan.yaml": fill(PLAN),
    }
    files.update({Path("schemas") / name: dump(value) for name, value in schemas().items()})
    return files
