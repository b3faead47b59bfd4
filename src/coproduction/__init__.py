"""coproduction: how English councils involve people with lived experience in adult social care.

Load a project record, place it on the ladder of co-production, see why, and
see what would lift it:

>>> import coproduction as cp
>>> project = cp.load_project("examples/projects/essex-direct-payment-support.toml")
>>> result = cp.assess_ladder(project)
>>> result.rung, result.rung.band
(<Rung.CO_PRODUCTION: 7>, <Band.DOING_WITH: 'doing with'>)
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # the names below load on first use: see __getattr__
    from coproduction import charters, display, ladder, measures, money, rewards, wtfc
    from coproduction._convert import kind_of, to_dict
    from coproduction.charters import Charter, CharterReport, check_charter, load_charter
    from coproduction.display.frames import to_dataframe
    from coproduction.errors import (
        CoproductionError,
        MissingDependencyError,
        Problem,
        ValidationError,
    )
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
        calculate_all,
        load_claim,
        load_claims,
        load_policy,
    )

    # From its own module: mypy takes `calculate` from the package for the submodule of that name.
    from coproduction.rewards.calculate import calculate

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
    "to_dataframe",
    "to_dict",
    "to_json",
    "wtfc",
]

# Where each public name lives. ``import coproduction`` loads none of them: each loads on
# first use (PEP 562), so the command line starts fast and a script pays only for what it uses.
_SUBPACKAGES = frozenset({"charters", "display", "ladder", "measures", "money", "rewards", "wtfc"})
_NAMES: dict[str, str] = {
    "kind_of": "coproduction._convert",
    "to_dict": "coproduction._convert",
    "to_dataframe": "coproduction.display.frames",
    "Charter": "coproduction.charters",
    "CharterReport": "coproduction.charters",
    "check_charter": "coproduction.charters",
    "load_charter": "coproduction.charters",
    "CoproductionError": "coproduction.errors",
    "MissingDependencyError": "coproduction.errors",
    "Problem": "coproduction.errors",
    "ValidationError": "coproduction.errors",
    "Evidence": "coproduction.evidence",
    "evidence_of": "coproduction.evidence",
    "ArnsteinGroup": "coproduction.ladder",
    "ArnsteinRung": "coproduction.ladder",
    "Band": "coproduction.ladder",
    "CriterionResult": "coproduction.ladder",
    "LadderAssessment": "coproduction.ladder",
    "Rung": "coproduction.ladder",
    "StageLevel": "coproduction.ladder",
    "assess_ladder": "coproduction.ladder",
    "dump_project": "coproduction.loading",
    "load_project": "coproduction.loading",
    "load_projects": "coproduction.loading",
    "to_json": "coproduction.loading",
    "pounds": "coproduction.money",
    "Period": "coproduction.periods",
    "Activity": "coproduction.project",
    "ActivityKind": "coproduction.project",
    "ActivityStatus": "coproduction.project",
    "Adaptation": "coproduction.project",
    "Chair": "coproduction.project",
    "ExperienceScore": "coproduction.project",
    "FeedbackItem": "coproduction.project",
    "FeedbackStatus": "coproduction.project",
    "Format": "coproduction.project",
    "Groups": "coproduction.project",
    "Participant": "coproduction.project",
    "Payment": "coproduction.project",
    "Project": "coproduction.project",
    "Purpose": "coproduction.project",
    "Say": "coproduction.project",
    "Scope": "coproduction.project",
    "Stage": "coproduction.project",
    "StatusChange": "coproduction.project",
    "Venue": "coproduction.project",
    "Budget": "coproduction.rewards",
    "Calculation": "coproduction.rewards",
    "Claim": "coproduction.rewards",
    "Policy": "coproduction.rewards",
    "PolicyNotInForceError": "coproduction.rewards",
    "calculate": "coproduction.rewards",
    "calculate_all": "coproduction.rewards",
    "load_claim": "coproduction.rewards",
    "load_claims": "coproduction.rewards",
    "load_policy": "coproduction.rewards",
}


if not TYPE_CHECKING:  # hidden from type checkers, so a misspelt name stays an error for them

    def __getattr__(name: str) -> Any:
        if name in _SUBPACKAGES:
            value: Any = importlib.import_module(f"coproduction.{name}")
        elif name in _NAMES:
            value = getattr(importlib.import_module(_NAMES[name]), name)
        else:
            msg = f"module 'coproduction' has no attribute {name!r}"
            raise AttributeError(msg)
        globals()[name] = value  # later look-ups skip this function
        return value

    def __dir__() -> list[str]:
        return sorted(set(globals()) | set(__all__))
