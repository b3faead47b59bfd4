"""What a calculation says beside its lines: its warnings and its rules' assumptions.

The warnings are about the policy (illustrative figures, a version past its review)
and about how the person is paid (to an organisation, spread, donated).

These notes are for the finance officer who reads the calculation; none changes an
amount. Used by :func:`coproduction.rewards.calculate`.
"""

from __future__ import annotations

import operator

from coproduction.rewards.calculation import Line
from coproduction.rewards.claims import Choice, Claim, PaidTo
from coproduction.rewards.compiled import CompiledVersion
from coproduction.rewards.policy import Policy

__all__ = ["assumptions", "payment_warnings", "policy_warnings"]

_RULE, _DATE = operator.attrgetter("rule"), operator.attrgetter("date")


def policy_warnings(policy: Policy, versions: list[CompiledVersion], claim: Claim) -> list[str]:
    """Warnings for an illustrative policy, and each version (used once) past its review."""
    warnings = []
    if policy.illustrative:
        warnings.append(f"policy {policy.id} holds illustrative figures, not any council's rates")
    reviewed = []
    for used in versions:
        if used.version.review_by:
            reviewed.append(used.version)
    if not reviewed:
        return warnings
    dates = list(map(_DATE, claim.activities))
    if claim.expenses:
        dates += map(_DATE, claim.expenses)
    latest = max(dates, default=None)
    for version in reviewed:
        if version.review_by is not None and latest is not None and latest > version.review_by:
            warnings.append(
                f"policy {policy.id} version {version.version} was due for review by "
                f"{version.review_by.isoformat()}; its figures may be out of date"
            )
    return warnings


def payment_warnings(claim: Claim) -> list[str]:
    """Warnings for how the person is paid: to an organisation, spread, donated."""
    person, warnings = claim.participant, []
    if person.paid_to is PaidTo.ORGANISATION:
        warnings.append(
            "the reward is paid to an organisation: it is left out of the person's "
            "earnings here; check with a benefits adviser how it is arranged"
        )
    if person.spread_weeks > 1:
        warnings.append(
            f"the reward is paid in {person.spread_weeks} weekly parts; the weekly "
            "threshold flags count each part in its own week"
        )
    if person.choice is Choice.DONATE:
        warnings.append(
            "the reward is donated: it is left out of the person's earnings here, "
            "but whether it counts for benefits depends on how it is arranged; "
            "check with a benefits adviser"
        )
    return warnings


def assumptions(versions: list[CompiledVersion], lines: list[Line]) -> tuple[str, ...]:
    """The assumptions of each version used (each once) and of each rule that made a line."""
    stating = []
    for version in versions:
        if version.has_assumptions:
            stating.append(version)
    if not stating:
        return ()
    used = frozenset(map(_RULE, lines))
    if len(stating) == 1:
        return stating[0].used_assumptions(used)
    return tuple(dict.fromkeys(a for v in stating for a in v.used_assumptions(used)))
