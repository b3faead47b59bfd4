"""Reward and recognition: policies as dated, cited data; claims; calculations; checks.

See ``docs/rewards.md`` for how a calculation is made and how to write a policy file.
"""

from coproduction.rewards.budget import Budget
from coproduction.rewards.calculate import (
    Calculation,
    Difference,
    Line,
    calculate,
    calculate_all,
    check,
    threshold_flags,
)
from coproduction.rewards.claims import Benefit, Choice, Claim, ClaimActivity, Claimant, Expense
from coproduction.rewards.loading import (
    load_claim,
    load_claims,
    load_policy,
    packaged_policies,
    parse_claims_csv,
    read_claims_csv,
)
from coproduction.rewards.policy import (
    Band,
    ExpenseKind,
    ExpenseRule,
    MileageRate,
    PointsBand,
    PointsConversion,
    PointsTier,
    Policy,
    PolicyNotInForceError,
    PolicyVersion,
    Preparation,
    RewardRule,
    Rounding,
    RuleType,
    Unit,
    Vehicle,
)
from coproduction.rewards.reconciliation import Entry, Flag, Reconciliation, reconcile
from coproduction.rewards.thresholds import Measure, Threshold, ThresholdValue, thresholds
from coproduction.rewards.totals import (
    PersonTotals,
    PointsAward,
    convert_points,
    person_totals,
    points_awards,
)

__all__ = [
    "Band",
    "Benefit",
    "Budget",
    "Calculation",
    "Choice",
    "Claim",
    "ClaimActivity",
    "Claimant",
    "Difference",
    "Entry",
    "Expense",
    "ExpenseKind",
    "ExpenseRule",
    "Flag",
    "Line",
    "Measure",
    "MileageRate",
    "PersonTotals",
    "PointsAward",
    "PointsBand",
    "PointsConversion",
    "PointsTier",
    "Policy",
    "PolicyNotInForceError",
    "PolicyVersion",
    "Preparation",
    "Reconciliation",
    "RewardRule",
    "Rounding",
    "RuleType",
    "Threshold",
    "ThresholdValue",
    "Unit",
    "Vehicle",
    "calculate",
    "calculate_all",
    "check",
    "convert_points",
    "load_claim",
    "load_claims",
    "load_policy",
    "packaged_policies",
    "parse_claims_csv",
    "person_totals",
    "points_awards",
    "read_claims_csv",
    "reconcile",
    "threshold_flags",
    "thresholds",
]
