"""No double payment: the same activity or expense given twice, and overlapping activities.

An item of a claim repeats one in the person's earlier claim only when
everything that decides its pay is alike (see :func:`duplicates_of`); the
later claim pays nothing for it, and both claims are flagged
(:func:`flag_duplicates`). Two different activities that overlap in time are
flagged with a warning, and both paid.
"""

from __future__ import annotations

import datetime
from collections.abc import Collection, Iterable

import attrs

from coproduction.errors import Problem
from coproduction.money import ZERO
from coproduction.rewards.calculation import Calculation, Line
from coproduction.rewards.claims import Claim, ClaimActivity, Claimant, Expense
from coproduction.rewards.expenses import activity_kinds, unmet_condition
from coproduction.rewards.policy import Policy, PolicyVersion
from coproduction.rewards.pricing import unearned

__all__ = [
    "as_duplicate",
    "duplicates_of",
    "flag_duplicates",
    "overlaps_with",
    "overlaps_within",
    "repeated_claim_ids",
]


def _times(activity: ClaimActivity) -> tuple[datetime.time, datetime.time] | None:
    if activity.start is None or activity.end is None:
        return None
    return activity.start, activity.end


def _overlap(one: ClaimActivity, other: ClaimActivity) -> bool:
    """Whether two activities on the same day overlap in time (untimed ones cannot be told)."""
    if one.date != other.date:
        return False
    first, second = _times(one), _times(other)
    if first is None or second is None:
        return False
    return first[0] < second[1] and second[0] < first[1]


def _same_activity(one: ClaimActivity, other: ClaimActivity) -> bool:
    """Whether two activities are the same one given twice.

    They must match in every detail that is paid, and have the same id or
    overlapping times (or both be untimed). Activity ids are often local to a
    claim (``a1``), so an id alone is not enough; two different activities that
    merely overlap are flagged as an overlap instead (see :func:`overlaps_with`).
    """
    paid = ("date", "kind", "attended", "duration", "preparation_minutes", "follow_up_minutes")
    if any(getattr(one, name) != getattr(other, name) for name in paid):
        return False
    untimed = _times(one) is None and _times(other) is None
    return one.id == other.id or untimed or _overlap(one, other)


def _activity_terms(
    activity: ClaimActivity, person: Claimant, version: PolicyVersion
) -> tuple[str | None, str | None]:
    """Its rule, and why it earns nothing (None when it earns): what decides its pay."""
    rule = version.rule_for(activity.kind, activity.role)
    if rule is None:
        return None, None
    return rule.id, unearned(activity, rule, person)


def _same_expense(one: Expense, other: Expense) -> bool:
    # Receipt and approval are part of what is paid: a copy without its receipt is priced on
    # its own (at nothing), so which of the two comes first cannot change the total.
    fields = (
        "kind",
        "date",
        "amount",
        "miles",
        "vehicle",
        "engine_cc",
        "hours",
        "receipt",
        "approved",
    )
    return all(getattr(one, name) == getattr(other, name) for name in fields)


def duplicates_of(
    claim: Claim, earlier: Iterable[tuple[Claim, Collection[str]]], policy: Policy
) -> dict[str, str]:
    """The claim's items already given in the person's earlier claims: item -> where.

    An item repeats an earlier one only when everything that decides its pay is
    the same: its own details, the rule that prices it, and whether it earns at
    all (a copy claimed as part of a paid job, or without its receipt, is a
    different item, priced on its own). So either copy would be paid alike, and
    which claim comes first never changes what the person is paid. Each earlier
    item, itself not a repeat, stands for at most one repeat in this claim.
    """
    found: dict[str, str] = {}
    used: set[str] = set()
    kinds_here = activity_kinds(claim)
    for other, repeats in earlier:
        taken = set(repeats)
        kinds_there = activity_kinds(other)
        for index, activity in enumerate(claim.activities):
            version = policy.version_on(activity.date)
            for j, before in enumerate(other.activities):
                there = f"claim {other.id} activities[{j}]"
                here = f"activities[{index}]"
                if (
                    here not in found
                    and there not in used
                    and f"activities[{j}]" not in taken
                    and _same_activity(activity, before)
                    and _activity_terms(activity, claim.participant, version)
                    == _activity_terms(before, other.participant, version)
                ):
                    found[here] = there
                    used.add(there)
        for index, expense in enumerate(claim.expenses):
            version = policy.version_on(expense.date)
            for j, spent in enumerate(other.expenses):
                there = f"claim {other.id} expenses[{j}]"
                here = f"expenses[{index}]"
                if (
                    here not in found
                    and there not in used
                    and f"expenses[{j}]" not in taken
                    and _same_expense(expense, spent)
                    and unmet_condition(expense, policy, version, kinds_here)
                    == unmet_condition(spent, policy, version, kinds_there)
                ):
                    found[here] = there
                    used.add(there)
    return found


def overlaps_with(
    claim: Claim, earlier: Iterable[tuple[Claim, Collection[str]]], repeated: set[str]
) -> list[str]:
    """Warnings for this claim's activities overlapping, in time, another of the person's."""
    warnings = []
    for other, _ in earlier:
        for index, activity in enumerate(claim.activities):
            for j, before in enumerate(other.activities):
                if f"activities[{index}]" not in repeated and _overlap(activity, before):
                    warnings.append(
                        f"activities[{index}] overlaps in time with claim {other.id} "
                        f"activities[{j}] on {activity.date.isoformat()}: check the times"
                    )
    return warnings


def overlaps_within(claim: Claim) -> list[str]:
    """Warnings for two activities of the claim that overlap in time."""
    warnings = []
    for index, activity in enumerate(claim.activities):
        for j in range(index):
            if _overlap(activity, claim.activities[j]):
                warnings.append(
                    f"activities[{j}] and activities[{index}] overlap in time on "
                    f"{activity.date.isoformat()}: one person cannot attend both in full; "
                    "check the times"
                )
    return warnings


def as_duplicate(line: Line, where: str) -> Line:
    """The line of a repeated item: nothing paid, no time or points counted."""
    return attrs.evolve(
        line,
        amount=ZERO,
        minutes=0,
        points=0,
        note=f"possible duplicate of {where}: counted once, not paid again",
    )


def repeated_claim_ids(ids: Iterable[str], places: Iterable[str] | None = None) -> list[Problem]:
    """A problem for each claim id given more than once, naming every place it is given."""
    ids = list(ids)
    if len(set(ids)) == len(ids):  # the usual case: no place needs naming
        return []
    where = list(places) if places is not None else [f"claims[{i}]" for i in range(len(ids))]
    seen: dict[str, list[str]] = {}
    for claim_id, place in zip(ids, where, strict=True):
        seen.setdefault(claim_id, []).append(place)
    return [
        Problem(
            f"claim {claim_id}",
            f"the claim id is given {len(found)} times ({', '.join(found)}): "
            "each claim must have its own id, so none is paid twice",
        )
        for claim_id, found in seen.items()
        if len(found) > 1
    ]


def flag_duplicates(calculations: list[Calculation]) -> list[Calculation]:
    """The calculations, each earlier one told which later claims repeat its items.

    The later claim pays nothing for a repeated item (see :func:`calculate`);
    the earlier one, which paid it, gains a ``duplicates`` entry too, so both
    are flagged for a person to look at.
    """
    also: dict[str, list[str]] = {}
    for calc in calculations:
        for text in calc.duplicates:
            item, _, rest = text.partition(" is a possible duplicate of claim ")
            other, _, other_item = rest.partition(":")[0].partition(" ")
            also.setdefault(other, []).append(
                f"{other_item} is repeated as claim {calc.claim} {item}: paid here only"
            )
    return [
        attrs.evolve(c, duplicates=(*c.duplicates, *also[c.claim])) if c.claim in also else c
        for c in calculations
    ]
