"""The closed vocabularies of the course: functions, power bases, conflict styles, principles.

Every name here is part of the pack format (docs/format.md) and of the scorer's language, so they
are plain string enums whose values are what authors write in YAML.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Literal

SCHEMA_VERSION: Literal[1] = 1
"""Version of the pack format, stamped into packs, saves and transcripts."""


class Function(StrEnum):
    """The stakeholder functions of DOMAIN.md section 5."""

    ENGINEERING = "engineering"
    UX = "ux"
    MARKETING = "marketing"
    SALES = "sales"
    DISTRIBUTION = "distribution"
    SUPPORT = "support"
    CUSTOMER_SUCCESS = "customer_success"
    FINANCE = "finance"
    HR = "hr"
    OPERATIONS = "operations"
    EXECUTIVE = "executive"


class Quadrant(StrEnum):
    """Where a stakeholder sits on the influence map (functional distance x workflow dependency)."""

    CRITICAL_SUPPORTER = "critical_supporter"  # close and dependent
    ACCELERATOR = "accelerator"  # close, independent
    POTENTIAL_DISRUPTOR = "potential_disruptor"  # distant, can block
    OUTLIER = "outlier"  # distant, independent
    EXECUTIVE = "executive"  # above the map


class PowerBase(StrEnum):
    """French & Raven's five bases of power plus Raven's informational power."""

    REWARD = "reward"
    COERCIVE = "coercive"
    LEGITIMATE = "legitimate"
    REFERENT = "referent"
    EXPERT = "expert"
    INFORMATIONAL = "informational"


class Style(StrEnum):
    """Rahim's five conflict-handling styles."""

    INTEGRATING = "integrating"
    OBLIGING = "obliging"
    DOMINATING = "dominating"
    AVOIDING = "avoiding"
    COMPROMISING = "compromising"


class Principle(StrEnum):
    """The elements of principled negotiation a move can apply or break."""

    PEOPLE = "people"  # separate the people from the problem
    INTERESTS = "interests"  # focus on interests, not positions
    OPTIONS = "options"  # invent options for mutual gain
    CRITERIA = "criteria"  # insist on objective criteria
    BATNA = "batna"  # know and use your best alternative


class Difficulty(StrEnum):
    INTRODUCTORY = "introductory"
    PRACTITIONER = "practitioner"
    EXPERT = "expert"


class Objective(StrEnum):
    """Learning objectives of DOMAIN.md section 8."""

    EO2_1 = "EO2.1"  # matrix mindset
    EO2_2 = "EO2.2"  # sources of power
    EO2_3 = "EO2.3"  # conflict management and escalation
    EO2_4 = "EO2.4"  # interests vs positions and BATNA
    EO3 = "EO3"  # development and UX
    EO4 = "EO4"  # marketing
    EO5 = "EO5"  # sales and distribution
    EO6 = "EO6"  # service and support
    EO7 = "EO7"  # multi-function situations


class EndingKind(StrEnum):
    AGREEMENT = "agreement"
    IMPASSE = "impasse"
    ESCALATION = "escalation"
    WALKOUT = "walkout"


OBJECTIVE_TITLES: dict[Objective, str] = {
    Objective.EO2_1: "Matrix mindset",
    Objective.EO2_2: "Sources of power",
    Objective.EO2_3: "Conflict management and escalation",
    Objective.EO2_4: "Interests vs positions, BATNA",
    Objective.EO3: "Development and UX",
    Objective.EO4: "Marketing",
    Objective.EO5: "Sales and distribution",
    Objective.EO6: "Service and support",
    Objective.EO7: "Multi-function situations",
}

PRINCIPLE_TITLES: dict[Principle, str] = {
    Principle.PEOPLE: "separate the people from the problem",
    Principle.INTERESTS: "focus on interests, not positions",
    Principle.OPTIONS: "invent options for mutual gain",
    Principle.CRITERIA: "insist on objective criteria",
    Principle.BATNA: "know your BATNA",
}
