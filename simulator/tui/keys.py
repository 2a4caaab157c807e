"""The binding ids a player may give other keys in settings.json (`"keymap": {"app.help": "f2"}`).

Textual's `App.set_keymap` replaces a binding's keys by its id; docs/playing.md lists these ids
and a test keeps this table, the screens' bindings and the docs in step.
"""

from __future__ import annotations

BINDING_IDS: dict[str, str] = {
    "app.help": "help and glossary (? or F1)",
    "app.quit": "quit (Ctrl+Q)",
    "home.start": "home: start the highlighted scenario (Enter)",
    "home.reload": "home: reload the packs (Ctrl+R or F5)",
    "home.prepare": "home: fill the preparation sheet for the highlighted scenario (p)",
    "prep.done": "preparation sheet: done, on to the brief (Ctrl+S)",
    "prep.back": "preparation sheet: back home, what you entered kept (Esc)",
    "brief.begin": "brief: begin the conversation (Enter)",
    "brief.home": "brief: back home (Esc)",
    "conversation.grades": "conversation: play blind or show grades (g)",
    "conversation.home": "conversation: home, the game saved (Esc)",
    "conversation.feedback": "conversation: every move's full feedback so far (f)",
    "conversation.takeback": "conversation: take back your last move; the game becomes practice (u)",
    "feedback.close": "feedback: close (Esc, q or f)",
    "resume.yes": "resume prompt: resume (r or y)",
    "resume.no": "resume prompt: start over (n)",
    "resume.back": "resume prompt: back, the save kept (Esc)",
    "debrief.replay": "debrief: play again (r)",
    "debrief.home": "debrief: home (h or Esc)",
    "debrief.export": "debrief: export the transcript (e)",
    "help.close": "help: close (Esc, q, ? or F1)",
}
