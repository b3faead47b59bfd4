"""Engagement measures: reach, representativeness, "you said, we did", the annual report.

Results hold raw counts and are not for publication as they stand: publish
their ``published()``, ``to_dict()`` or ``to_markdown()`` forms, which suppress
small numbers (see :mod:`coproduction.measures.suppression`).
"""

from coproduction.measures.composition import Composition, CompositionGroup, composition
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
from coproduction.measures.figures import (
    AnnualFigures,
    NamedCount,
    PlatformUse,
    Tally,
    load_annual_figures,
)
from coproduction.measures.impact import ImpactItem, impact
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
    SuppressedTable,
    suppress_row,
    suppress_table,
)
from coproduction.measures.survey import (
    Breakdown,
    GroupCounts,
    SurveyQuestion,
    SurveyResults,
    breakdown,
    experience_results,
    load_survey_results,
)

__all__ = [
    "DEFAULT_MIN_COUNT",
    "DEFAULT_THRESHOLD",
    "SUPPRESSED",
    "AnnualFigures",
    "AnnualReport",
    "Breakdown",
    "Composition",
    "CompositionGroup",
    "Experience",
    "FeedbackLoop",
    "GroupCounts",
    "GroupShare",
    "ImpactItem",
    "Member",
    "NamedCount",
    "PlatformUse",
    "Population",
    "PopulationGroup",
    "QuestionSummary",
    "Reach",
    "Register",
    "Representativeness",
    "Role",
    "RoleKind",
    "SuppressedRow",
    "SuppressedTable",
    "SurveyQuestion",
    "SurveyResults",
    "Tally",
    "WaitingItem",
    "annual_report",
    "breakdown",
    "composition",
    "experience",
    "experience_results",
    "feedback_loop",
    "impact",
    "load_annual_figures",
    "load_population",
    "load_register",
    "load_survey_results",
    "meetings_of",
    "parse_population_csv",
    "percent",
    "reach",
    "representativeness",
    "suppress_row",
    "suppress_table",
]
