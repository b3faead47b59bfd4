"""The ladder of participation: rungs, bands, evidence criteria and assessment.

See ``docs/ladder.md`` for the criteria of each rung and why they are what they are.
"""

from coproduction.ladder.assessment import (
    CriterionResult,
    LadderAssessment,
    StageLevel,
    assess_ladder,
    to_dataframe,
)
from coproduction.ladder.criteria import PROJECT_CRITERIA, STAGE_CRITERIA, Criterion
from coproduction.rungs import (
    ARNSTEIN_CITATION,
    BAND_CITATION,
    LADDER_CITATION,
    ArnsteinGroup,
    ArnsteinRung,
    Band,
    Rung,
)

__all__ = [
    "ARNSTEIN_CITATION",
    "BAND_CITATION",
    "LADDER_CITATION",
    "PROJECT_CRITERIA",
    "STAGE_CRITERIA",
    "ArnsteinGroup",
    "ArnsteinRung",
    "Band",
    "Criterion",
    "CriterionResult",
    "LadderAssessment",
    "Rung",
    "StageLevel",
    "assess_ladder",
    "to_dataframe",
]
