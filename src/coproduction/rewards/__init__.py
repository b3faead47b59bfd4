"""Reward and recognition: policies as dated, cited data; claims; calculations; checks.

See ``docs/rewards.md`` for how a calculation is made and how to write a policy file.
"""

from coproduction.rewards.batch import ClaimTotal, claim_totals
from coproduction.rewards.budget import Allocation, Budget, Spend
from coproduction.rewards.calculate import (
    Calculation,
    CheckStatus,
    Difference,
    Line,
    calculate,
    calculate_all,
    check,
    check_status,
    flag_duplicates,
    threshold_flags,
)
from coproduction.rewards.claims import Benefit, Choice, Claim, ClaimActivity, Claimant, Expense
from coproduction.rewards.expense_rules import ExpenseRule, MileageRate
from coproduction.rewards.gathering import load_claims, load_valid_claims
from coproduction.rewards.loading import load_budget, load_claim, load_policy, packaged_policies
from coproduction.rewards.points import PointsBand, PointsConversion, PointsTier
from coproduction.rewards.policy import Policy, PolicyNotInForceError, PolicyVersion
from coproduction.rewards.reconciliation import Entry, Flag, Reconciliation
from coproduction.rewards.reconciling import reconcile
from coproduction.rewards.rules import Band, RewardRule
from coproduction.rewards.sheets import parse_claims_csv, read_claims_csv, read_claims_xlsx
from coproduction.rewards.thresholds import Measure, Threshold, ThresholdValue, thresholds
from coproduction.rewards.totals import (
    PeriodTotal,
    PersonTotals,
    PointsAward,
    convert_points,
    period_totals,
    person_totals,
    points_awards,
)
from coproduction.rewards.words import ExpenseKind, Preparation, Rounding, RuleType, Unit, Vehicle

__all__ = [
    "Allocation",
    "Band",
    "Benefit",
    "Budget",
    "Calculation",
    "CheckStatus",
    "Choice",
    "Claim",
    "ClaimActivity",
    "ClaimTotal",
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
    "PeriodTotal",
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
    "Spend",
    "Threshold",
    "ThresholdValue",
    "Unit",
    "Vehicle",
    "calculate",
    "calculate_all",
    "check",
    "check_status",
    "claim_totals",
    "convert_points",
    "flag_duplicates",
    "load_budget",
    "load_claim",
    "load_claims",
    "load_policy",
    "load_valid_claims",
    "packaged_policies",
    "parse_claims_csv",
    "period_totals",
    "person_totals",
    "points_awards",
    "read_claims_csv",
    "read_claims_xlsx",
    "reconcile",
    "threshold_flags",
    "thresholds",
]
