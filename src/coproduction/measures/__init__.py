"""Engagement measures: reach, representativeness, "you said, we did", the annual report.

Results hold raw counts and are not for publication as they stand: publish
their ``published()``, ``to_dict()`` or ``to_markdown()`` forms, which suppress
small numbers (see :mod:`coproduction.measures.suppression`).
"""

from coproduction.measures.core import (
    DEFAULT_THRESHOLD,
    Experience,
    FeedbackLoop,
    GroupShare,
    QuestionSummary,
    Reach,
    Representativeness,
    WaitingItem,
    experience,
    feedback_loop,
    percent,
    reach,
    representativeness,
)
from coproduction.measures.population import (
    Population,
    PopulationGroup,
    load_population,
    parse_population_csv,
)
from coproduction.measures.register import (
    Member,
    Register,
    Role,
    RoleKind,
    load_register,
    meetings_of,
)
from coproduction.measures.report import AnnualReport, annual_report
from coproduction.measures.suppression import (
    DEFAULT_MIN_COUNT,
    SUPPRESSED,
    SuppressedRow,
    suppress_row,
)

__all__ = [
    "DEFAULT_MIN_COUNT",
    "DEFAULT_THRESHOLD",
    "SUPPRESSED",
    "AnnualReport",
    "Experience",
    "FeedbackLoop",
    "GroupShare",
    "Member",
    "Population",
    "PopulationGroup",
    "QuestionSummary",
    "Reach",
    "Register",
    "Representativeness",
    "Role",
    "RoleKind",
    "SuppressedRow",
    "WaitingItem",
    "annual_report",
    "experience",
    "feedback_loop",
    "load_population",
    "load_register",
    "meetings_of",
    "parse_population_csv",
    "percent",
    "reach",
    "representativeness",
    "suppress_row",
]
