"""Help: the concepts moves are graded on, in a sentence each, and the keys."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Footer, Static

from simulator.i18n import N_, _

GLOSSARY: list[tuple[str, str]] = [
    (
        N_("Leading without authority"),
        (
            N_(
                "You own the product's success but nobody you need reports to you; "
                "you get things done by persuasion, trust and good process, not orders."
            )
        ),
    ),
    (
        N_("Interest vs position"),
        (
            N_(
                "A position is what someone asks for; an interest is why they ask. "
                "Deals that serve interests hold; haggling over positions rarely does."
            )
        ),
    ),
    (
        N_("Hidden interest"),
        (
            N_(
                "A concern a stakeholder will not mention until they trust you enough. Asking "
                "good questions (probing) when trust is high brings it out."
            )
        ),
    ),
    (
        N_("BATNA"),
        (
            N_(
                "Best alternative to a negotiated agreement: what each side does if you do not agree. "
                "Never settle below yours; an agreement above everyone's lasts."
            )
        ),
    ),
    (
        N_("Separate people from problem"),
        (N_("Acknowledge feelings and viewpoints, then attack the problem together, never the person.")),
    ),
    (N_("Options for mutual gain"), N_("Widen the set of possible solutions before dividing anything up.")),
    (
        N_("Objective criteria"),
        N_("Decide on data, evidence, precedent or agreed rules rather than on who pushes hardest."),
    ),
    (
        N_("Integrating"),
        (
            N_(
                "High concern for both sides: share information and build a joint solution. "
                "Best for complex issues that need everyone's commitment."
            )
        ),
    ),
    (N_("Compromising"), N_("Meet halfway and trade concessions; fits equal power and a need for a quick settlement.")),
    (
        N_("Obliging"),
        N_("Give the other side what they want; fits when it matters far more to them, or you are wrong."),
    ),
    (N_("Avoiding"), N_("Postpone or sidestep; only fits trivial issues or a needed cooling-off.")),
    (N_("Dominating"), N_("Push through by force or authority; occasionally needed, always costly to relationships.")),
    (N_("Style fit"), N_("No style is always right: each move is graded on whether its style suits the moment.")),
    (
        N_("Power bases"),
        (
            N_(
                "Referent (trust, shared vision) and expert/informational (data, customer insight) are a "
                "product manager's strengths; legitimate and reward power are thin; threats (coercive) backfire."
            )
        ),
    ),
    (
        N_("Influence map"),
        (
            N_(
                "Stakeholders sorted by how close their goals are to yours and how much their work can "
                "block yours: critical supporters, accelerators, potential disruptors, outliers."
            )
        ),
    ),
    (
        N_("Escalation"),
        N_("Escalate jointly, presenting the disagreement together, rather than going over someone's head."),
    ),
    (
        N_("ZOPA"),
        (
            N_(
                "The zone of possible agreement: the packages every party prefers to its BATNA (its "
                "reservation value). None means no deal is rational."
            )
        ),
    ),
    (
        N_("Labels"),
        (
            N_(
                "What a move cost against the best move there (regret, points of the total): best 0, "
                "good up to 2, inaccuracy up to 5, mistake up to 10, blunder more. Breaking a principle caps it "
                "at inaccuracy."
            )
        ),
    ),
    (
        N_("Time box"),
        (
            N_(
                "A round's time limit (--minutes): the countdown at the top right shows what is left, a "
                "warning comes two minutes before the end, and at 00:00 the meeting closes at the impasse."
            )
        ),
    ),
    (
        N_("Learning objectives"),
        (
            N_(
                "What a scenario practises, by code and name (EO2.4 Interests vs positions, "
                "BATNA...): home and the brief list them."
            )
        ),
    ),
]

KEYS: list[tuple[str, str]] = [
    (N_("? / F1"), N_("this help")),
    (N_("Enter"), N_("start / begin / choose the highlighted option")),
    (N_("1-9"), N_("choose a numbered option")),
    (N_("Up / Down"), N_("move between options")),
    (N_("g"), N_("play blind: labels, notes, meter changes and reveals wait for the debrief")),
    (N_("f"), N_("in a conversation: every move's feedback so far in full (label, reason, the author's note)")),
    (N_("u"), N_("in a conversation: take back your last move (the game becomes practice: not saved, not counted)")),
    (N_("Esc"), N_("back; in a conversation, home (it is saved)")),
    (N_("r / h / e"), N_("in the debrief: replay, home, export the transcript")),
    (N_("Ctrl+R / F5"), N_("on home: reload the packs (also done when you come back and a pack changed)")),
    (N_("p"), N_("on home: the preparation sheet, before the brief (Ctrl+S: done, on to the brief)")),
    (N_("Ctrl+P"), N_("command palette (Change theme: kept for next time)")),
    (N_("Ctrl+Q"), N_("quit (your game is autosaved)")),
]

SETTINGS_NOTE = N_(
    "settings.json in the data folder keeps your theme, blind mode (g) and key map; other keys "
    'for a binding go under "keymap" by its id (docs/playing.md lists them).'
)


def help_text() -> Text:
    text = Text.assemble((_("Glossary"), "bold underline"), "\n")  # the heading's style only, not the whole text
    for term, meaning in GLOSSARY:
        text.append(f"{_(term)}: ", style="bold")
        text.append(f"{_(meaning)}\n")
    text.append("\n")
    text.append(_("Keys"), style="bold underline")
    text.append("\n")
    for key, what in KEYS:
        text.append(f"{_(key):<12}", style="bold")
        text.append(f"{_(what)}\n")
    text.append(f"\n{_(SETTINGS_NOTE)}\n", style="dim")
    return text


class HelpScreen(ModalScreen[None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q,question_mark,f1", "close", "Close help", id="help.close")
    ]

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help"):
            yield Static(help_text())
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#help").focus()

    def action_close(self) -> None:
        self.dismiss()
