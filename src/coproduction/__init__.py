"""coproduction: how English councils involve people with lived experience in adult social care.

Load a project record, place it on the ladder of co-production, see why, and
see what would lift it:

>>> import coproduction as cp
>>> project = cp.load_project("examples/projects/essex-direct-payment-support.toml")
>>> result = cp.assess_ladder(project)
>>> result.rung, result.rung.band
(<Rung.CO_PRODUCTION: 7>, <Band.DOING_WITH: 'doing with'>)
"""

from coproduction import charters, display, ladder, measures, money, rewards, wtfc
from coproduction._convert import kind_of, to_dict
from coproduction.charters import Charter, CharterReport, check_charter, load_charter
from coproduction.errors import CoproductionError, MissingDependencyError, Problem, ValidationError
from coproduction.evidence import Evidence, evidence_of
from coproduction.ladder import (
    ArnsteinGroup,
    ArnsteinRung,
    Band,
    CriterionResult,
    LadderAssessment,
    Rung,
    StageLevel,
    assess_ladder,
)
from coproduction.loading import dump_project, load_project, load_projects, to_json
from coproduction.money import pounds
from coproduction.periods import Period
from coproduction.project import (
    Activity,
    ActivityKind,
    ActivityStatus,
    Adaptation,
    Chair,
    ExperienceScore,
    FeedbackItem,
    FeedbackStatus,
    Format,
    Groups,
    Participant,
    Payment,
    Project,
    Purpose,
    Say,
    Scope,
    Stage,
    StatusChange,
    Venue,
)
from coproduction.rewards import (
    Budget,
    Calculation,
    Claim,
    Policy,
    PolicyNotInForceError,
    calculate,
    calculate_all,
    load_claim,
    load_claims,
    load_policy,
)

__version__ = "0.1.0"

__all__ = [
    "Activity",
    "ActivityKind",
    "ActivityStatus",
    "Adaptation",
    "ArnsteinGroup",
    "ArnsteinRung",
    "Band",
    "Budget",
    "Calculation",
    "Chair",
    "Charter",
    "CharterReport",
    "Claim",
    "CoproductionError",
    "CriterionResult",
    "Evidence",
    "ExperienceScore",
    "FeedbackItem",
    "FeedbackStatus",
    "Format",
    "Groups",
    "LadderAssessment",
    "MissingDependencyError",
    "Participant",
    "Payment",
    "Period",
    "Policy",
    "PolicyNotInForceError",
    "Problem",
    "Project",
    "Purpose",
    "Rung",
    "Say",
    "Scope",
    "Stage",
    "StageLevel",
    "StatusChange",
    "ValidationError",
    "Venue",
    "__version__",
    "assess_ladder",
    "calculate",
    "calculate_all",
    "charters",
    "check_charter",
    "display",
    "dump_project",
    "evidence_of",
    "kind_of",
    "ladder",
    "load_charter",
    "load_claim",
    "load_claims",
    "load_policy",
    "load_project",
    "load_projects",
    "measures",
    "money",
    "pounds",
    "rewards",
    "to_dict",
    "to_json",
    "wtfc",
]
