"""Help: the concepts moves are graded on, in a sentence each, and the keys."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Footer, Static

GLOSSARY: list[tuple[str, str]] = [
    ("Leading without authority", ("You own the product's success but nobody you need reports to you; "
     "you get things done by persuasion, trust and good process, not orders.")),
    ("Interest vs position", ("A position is what someone asks for; an interest is why they ask. "
     "Deals that serve interests hold; haggling over positions rarely does.")),
    ("Hidden interest", ("A concern a stakeholder will not mention until they trust you enough. Asking "
     "good questions (probing) when trust is high brings it out.")),
    ("BATNA", ("Best alternative to a negotiated agreement: what each side does if you do not agree. "
     "Never settle below yours; an agreement above everyone's lasts.")),
    ("Separate people from problem", ("Acknowledge feelings and viewpoints, then attack the problem together, "
     "never the person.")),
    ("Options for mutual gain", "Widen the set of possible solutions before dividing anything up."),
    ("Objective criteria", "Decide on data, evidence, precedent or agreed rules rather than on who pushes hardest."),
    ("Integrating", ("High concern for both sides: share information and build a joint solution. "
     "Best for complex issues that need everyone's commitment.")),
    ("Compromising", "Meet halfway and trade concessions; fits equal power and a need for a quick settlement."),
    ("Obliging", "Give the other side what they want; fits when it matters far more to them, or you are wrong."),
    ("Avoiding", "Postpone or sidestep; only fits trivial issues or a needed cooling-off."),
    ("Dominating", "Push through by force or authority; occasionally needed, always costly to relationships."),
    ("Style fit", "No style is always right: each move is graded on whether its style suits the moment."),
    ("Power bases", ("Referent (trust, shared vision) and expert/informational (data, customer insight) are a "
     "product manager's strengths; legitimate and reward power are thin; threats (coercive) backfire.")),
    ("Influence map", ("Stakeholders sorted by how close their goals are to yours and how much their work can "
     "block yours: critical supporters, accelerators, potential disruptors, outliers.")),
    ("Escalation", "Escalate jointly, presenting the disagreement together, rather than going over someone's head."),
    ("ZOPA", ("The zone of possible agreement: the packages every party prefers to its BATNA (its "
     "reservation value). None means no deal is rational.")),
    ("Labels", ("What a move cost against the best move there (regret, points of the total): best 0, "
     "good up to 2, inaccuracy up to 5, mistake up to 10, blunder more. Breaking a principle caps it "
     "at inaccuracy.")),
    ("Time box", ("A round's time limit (--minutes): the countdown at the top right shows what is left, a "
     "warning comes two minutes before the end, and at 00:00 the meeting closes at the impasse.")),
    ("Learning objectives", ("What a scenario practises, by code and name (EO2.4 Interests vs positions, "
     "BATNA...): home and the brief list them.")),
]

KEYS: list[tuple[str, str]] = [
    ("? / F1", "this help"), ("Enter", "start / begin / choose the highlighted option"),
    ("1-9", "choose a numbered option"), ("Up / Down", "move between options"),
    ("g", "play blind: labels, notes, meter changes and reveals wait for the debrief"),
    ("f", "in a conversation: every move's feedback so far in full (label, reason, the author's note)"),
    ("u", "in a conversation: take back your last move (the game becomes practice: not saved, not counted)"),
    ("Esc", "back; in a conversation, home (it is saved)"),
    ("r / h / e", "in the debrief: replay, home, export the transcript"),
    ("Ctrl+R / F5", "on home: reload the packs (also done when you come back and a pack changed)"),
    ("p", "on home: the preparation sheet, before the brief (Ctrl+S: done, on to the brief)"),
    ("Ctrl+P", "command palette (Change theme: kept for next time)"), ("Ctrl+Q", "quit (your game is autosaved)"),
]

SETTINGS_NOTE = ("settings.json in the data folder keeps your theme, blind mode (g) and key map; other keys "
                 "for a binding go under \"keymap\" by its id (docs/playing.md lists them).")


def help_text() -> Text:
    text = Text.assemble(("Glossary", "bold underline"), "\n")  # the heading's style only, not the whole text
    for term, meaning in GLOSSARY:
        text.append(f"{term}: ", style="bold")
        text.append(f"{meaning}\n")
    text.append("\n")
    text.append("Keys", style="bold underline")
    text.append("\n")
    for key, what in KEYS:
        text.append(f"{key:<12}", style="bold")
        text.append(f"{what}\n")
    text.append(f"\n{SETTINGS_NOTE}\n", style="dim")
    return text


class HelpScreen(ModalScreen[None]):
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape,q,question_mark,f1", "close", "Close help", id="help.close")]

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help"):
            yield Static(help_text())
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#help").focus()

    def action_close(self) -> None:
        self.dismiss()
