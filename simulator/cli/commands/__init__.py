"""The registry of sub-commands: name -> one-line summary. A module of the same name implements it."""

COMMANDS: dict[str, str] = {
    "list": "List bundled and user packs with their scenarios.",
    "check": "Validate packs; print every problem as file:line:col: message.",
    "test": "Run the test plans (*.testplan.yaml) of packs or scenarios: paths and what must hold.",
    "audit": "Measure whether a scenario's grading can be gamed by naive strategies.",
    "handouts": "Write printable role briefs and a facilitator guide for a scenario.",
    "replay": "Re-run a transcript on the installed pack and say whether it reproduces.",
    "report": "Build a class debrief from transcripts.",
    "record": "Enter a paper round's results sheet (CSV) as transcripts for the class report.",
    "export-xapi": "Write xAPI statements for transcripts.",
    "serve": "Serve the app to browsers.",
    "play": "Open the app straight into a scenario.",
    "run": "Play a scenario headless with a list of choices; print transcript and debrief.",
    "tournament": "Play bots (commands speaking the bot protocol) across scenarios and seeds; report them.",
    "simulate": "Play many random games of a scenario and report coverage and scores.",
    "solve": "Find the best achievable score of a scenario and a path to it.",
    "graph": "A scenario's scene graph: Mermaid, Graphviz dot, or an HTML story map with coverage.",
    "schema": "Write JSON Schema files for pack files (for editor completion).",
    "new": "Scaffold a new scenario pack that passes check --strict.",
}

PLANNED: dict[str, str] = {}
"""Commands named in the design but not built yet: they say so plainly (none left)."""
