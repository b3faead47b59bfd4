"""Working out what a person is owed: every line, with the rule behind it.

Rules that hold whatever the policy:

- money is Decimal pounds; each line is rounded once to the penny (halves up)
  and every total is the exact sum of its lines;
- expenses are not income: they are kept apart from the reward in every total,
  and declining or reducing the reward never changes them;
- a person paid by their employer to attend gets no reward;
- an activity not attended earns no reward (registration is not attendance);
- the policy version is the one in force on the date of each activity or expense;
- a person's time on one day under one rule is added up before rounding, bands,
  minimums and daily caps apply, so splitting a meeting into two claims never
  changes what is paid (pass the earlier calculations as ``earlier``, or use
  :func:`calculate_all`).

This module holds the steps in order; each job has its own room: the records
(:mod:`~coproduction.rewards.calculation`), pricing by rule type
(:mod:`~coproduction.rewards.pricing`), caps over a period
(:mod:`~coproduction.rewards.ledger`), expenses
(:mod:`~coproduction.rewards.expenses`), duplicates
(:mod:`~coproduction.rewards.duplicates`) and threshold flags
(:mod:`~coproduction.rewards.flags`).

>>> import coproduction as cp
>>> calc = cp.calculate(cp.load_claim("examples/claims/half-day-with-travel.toml"),
...                     cp.load_policy("national-voices"))
>>> calc.reward, calc.expenses, calc.total
(Decimal('50.00'), Decimal('11.60'), Decimal('61.60'))
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from decimal import Decimal

import attrs

from coproduction.errors import Problem, ValidationError, raise_problems
from coproduction.money import ZERO, to_penny
from coproduction.rewards.calculation import (
    EXPENSE,
    REWARD,
    Calculation,
    CheckStatus,
    Difference,
    Line,
    check,
    check_status,
)
from coproduction.rewards.choice import check_reduction, choice_lines
from coproduction.rewards.claims import Choice, Claim, ClaimActivity, PaidTo
from coproduction.rewards.duplicates import (
    as_duplicate,
    duplicates_of,
    flag_duplicates,
    overlaps_with,
    overlaps_within,
    repeated_claim_ids,
)
from coproduction.rewards.expenses import (
    ExpenseContext,
    activity_kinds,
    events_of,
    expense_line,
    miles_before,
    spent_before,
)
from coproduction.rewards.flags import threshold_flags
from coproduction.rewards.ledger import Ledger
from coproduction.rewards.policy import Policy, PolicyVersion, RewardRule
from coproduction.rewards.pricing import PRICERS, duration_text, unearned, unearned_price

__all__ = [
    "EXPENSE",
    "REWARD",
    "Calculation",
    "CheckStatus",
    "Difference",
    "Line",
    "calculate",
    "calculate_all",
    "check",
    "check_status",
    "flag_duplicates",
    "repeated_claim_ids",
    "threshold_flags",
]


def calculate(claim: Claim, policy: Policy, *, earlier: Iterable[Calculation] = ()) -> Calculation:
    """Work out what ``claim`` is owed under ``policy``.

    ``earlier`` holds calculations already made for the same person (other
    claims): their time and payments on the same day count towards this one's
    rounding, bands and caps, and their earnings towards the threshold flags.

    Raises :class:`~coproduction.ValidationError` when an activity kind is not
    one the policy pays (or reducing to more than is due), and
    :class:`~coproduction.rewards.PolicyNotInForceError` for a date the policy
    does not cover.
    """
    earlier = [c for c in earlier if c.participant == claim.participant.id]
    versions = _validate(claim, policy)
    ledger = Ledger()
    for line in (line for c in earlier if c.policy == policy.id for line in c.lines):
        ledger.add(line)
    repeated = duplicates_of(claim, earlier, policy)
    rewards: list[Line] = []
    for index, activity in enumerate(claim.activities):
        version, rule = versions[f"activities[{index}]"], _rule(versions, index, activity)
        line = _reward_line(index, activity, version, rule, claim, ledger)
        if line.item in repeated:
            line = as_duplicate(line, repeated[line.item])
        ledger.add(line)
        rewards.append(line)
    check_reduction(claim, rewards)
    expenses, warnings = _expense_lines(claim, policy, versions, earlier, repeated)
    lines = rewards + choice_lines(claim, rewards) + expenses
    warnings = [
        *_policy_warnings(policy, versions.values(), claim),
        *overlaps_within(claim),
        *overlaps_with(claim, earlier, set(repeated)),
        *warnings,
        *_payment_warnings(claim),
    ]
    calculation = Calculation(
        claim=claim.id,
        participant=claim.participant.id,
        policy=policy.id,
        lines=tuple(lines),
        choice=claim.participant.choice,
        warnings=tuple(warnings),
        assumptions=_assumptions(versions.values(), lines),
        claimed_total=claim.claimed_total,
        claimed_items=_claimed_items(claim),
        hours_by_date=_hours_by_date(claim, repeated),
        duplicates=tuple(
            f"{item} is a possible duplicate of {where}: counted once, not paid again"
            for item, where in repeated.items()
        ),
        spread_weeks=claim.participant.spread_weeks,
        paid_to=claim.participant.paid_to,
        repeated_items=tuple(repeated),
        source=claim,
    )
    flags = threshold_flags(claim, [*earlier, calculation])
    return attrs.evolve(calculation, warnings=(*calculation.warnings, *flags))


def calculate_all(claims: Iterable[Claim], policy: Policy) -> list[Calculation]:
    """Calculate claims in order, each with the same person's earlier ones as ``earlier``.

    A claim id given twice is invalid (:class:`~coproduction.ValidationError`).
    The same activity or expense in two of a person's claims is paid once, and
    both calculations say so (see :func:`flag_duplicates`).
    """
    claims = list(claims)
    raise_problems(repeated_claim_ids([claim.id for claim in claims]))
    done: list[Calculation] = []
    for claim in claims:
        done.append(calculate(claim, policy, earlier=done))
    return flag_duplicates(done)


def _rule(versions: dict[str, PolicyVersion], index: int, activity: ClaimActivity) -> RewardRule:
    rule = versions[f"activities[{index}]"].rule_for(activity.kind, activity.role)
    if rule is None:  # kinds are validated before calculating
        msg = f"no rule for {activity.kind!r}"
        raise AssertionError(msg)
    return rule


def _reward_line(  # noqa: PLR0917 - the activity and everything it is priced by
    index: int,
    activity: ClaimActivity,
    version: PolicyVersion,
    rule: RewardRule,
    claim: Claim,
    ledger: Ledger,
) -> Line:
    """The activity's line: priced by its rule's type, then held to the period caps."""
    reason = unearned(activity, rule, claim.participant)
    if reason is not None:
        priced = unearned_price(reason)
    else:
        key = (activity.date, rule.id)
        before, paid = ledger.minutes.get(key, 0), ledger.paid.get(key, ZERO)
        priced = PRICERS[rule.type](activity, rule, before, paid, True)
    amount, held = ledger.limit(rule, activity.date, priced.amount)
    note = priced.note
    if held:
        amount = to_penny(amount)
        note = "; ".join([note, *held]) if note else "; ".join(held)
    return Line(
        category=REWARD,
        item=f"activities[{index}]",
        what=f"{activity.kind} {activity.date.isoformat()} {duration_text(activity)}",
        date=activity.date,
        quantity=priced.quantity,
        unit=priced.unit,
        rate=priced.rate,
        amount=amount,
        rule=rule.id,
        policy_version=version.version,
        citation=rule.citation,
        note=note,
        minutes=priced.minutes,
        points=priced.points,
    )


def _expense_lines(
    claim: Claim,
    policy: Policy,
    versions: dict[str, PolicyVersion],
    earlier: list[Calculation],
    repeated: dict[str, str],
) -> tuple[list[Line], list[str]]:
    """The claim's expense lines and the warnings for those not paid in full."""
    if not claim.expenses:
        return [], []
    spent = spent_before(earlier, policy)
    miles, kinds_on, events = miles_before(earlier), activity_kinds(claim), events_of(claim)
    lines, warnings = [], []
    for index, expense in enumerate(claim.expenses):
        version = versions[f"expenses[{index}]"]
        context = ExpenseContext(policy, version, spent, miles, kinds_on, events)
        if f"expenses[{index}]" in repeated:
            # a repeat adds no miles and uses up no cap
            scratch = attrs.evolve(context, miles=dict(miles), spent=dict(spent))
            line, _ = expense_line(index, expense, scratch)
            line, warning = as_duplicate(line, repeated[line.item]), None
        else:
            line, warning = expense_line(index, expense, context)
        lines.append(line)
        if warning:
            warnings.append(warning)
    return lines, warnings


def _validate(claim: Claim, policy: Policy) -> dict[str, PolicyVersion]:
    """The version for each dated item; ValidationError for kinds the policy does not pay."""
    problems = []
    versions: dict[str, PolicyVersion] = {}
    for index, activity in enumerate(claim.activities):
        version = policy.version_on(activity.date)
        versions[f"activities[{index}]"] = version
        if version.rule_for(activity.kind, activity.role) is None:
            kinds = ", ".join(version.activity_kinds)
            problems.append(
                Problem(
                    f"activities[{index}].kind",
                    f"{activity.kind!r} is not an activity kind in policy {policy.id} "
                    f"(version {version.version}: {kinds})",
                )
            )
    for index, expense in enumerate(claim.expenses):
        versions[f"expenses[{index}]"] = policy.version_on(expense.date)
    if problems:
        raise ValidationError(problems, f"claim {claim.id}")
    return versions


def _distinct(versions: Iterable[PolicyVersion]) -> list[PolicyVersion]:
    # By identity, in first-use order: hashing a version would hash its whole tree of rules.
    return list({id(v): v for v in versions}.values())


def _policy_warnings(policy: Policy, versions: Iterable[PolicyVersion], claim: Claim) -> list[str]:
    warnings = []
    if policy.illustrative:
        warnings.append(f"policy {policy.id} holds illustrative figures, not any council's rates")
    latest = max(
        [a.date for a in claim.activities] + [e.date for e in claim.expenses], default=None
    )
    for version in _distinct(versions):
        if version.review_by is not None and latest is not None and latest > version.review_by:
            warnings.append(
                f"policy {policy.id} version {version.version} was due for review by "
                f"{version.review_by.isoformat()}; its figures may be out of date"
            )
    return warnings


def _payment_warnings(claim: Claim) -> list[str]:
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


def _assumptions(versions: Iterable[PolicyVersion], lines: list[Line]) -> tuple[str, ...]:
    """The assumptions of each version used and of each rule that made a line."""
    used = {line.rule for line in lines}
    found: list[str] = []
    for version in versions:
        found += version.assumptions
        found += [a for r in version.rewards if r.id in used for a in r.assumptions]
        found += [
            a for e in version.expenses if f"expense:{e.kind.value}" in used for a in e.assumptions
        ]
    return tuple(dict.fromkeys(found))


def _claimed_items(claim: Claim) -> tuple[tuple[str, Decimal], ...]:
    return tuple(
        [
            (f"activities[{i}]", a.claimed)
            for i, a in enumerate(claim.activities)
            if a.claimed is not None
        ]
        + [
            (f"expenses[{i}]", e.claimed)
            for i, e in enumerate(claim.expenses)
            if e.claimed is not None
        ]
    )


def _hours_by_date(
    claim: Claim, repeated: dict[str, str]
) -> tuple[tuple[datetime.date, Decimal], ...]:
    """Hours of involvement per day (attended, repeats left out), for the hours thresholds."""
    hours: dict[datetime.date, Decimal] = {}
    for index, activity in enumerate(claim.activities):
        if activity.attended and f"activities[{index}]" not in repeated:
            worked = activity.duration + activity.preparation_minutes + activity.follow_up_minutes
            hours[activity.date] = hours.get(activity.date, ZERO) + _hours(worked)
    return tuple(sorted(hours.items()))


_HOURS_PLACES = Decimal("1e-20")


def _hours(minutes: int) -> Decimal:
    # Exact when a third of the minutes is whole; else held to 20 places, so that sums of
    # hours are exact in any order (a week's, a month's, a person's), far finer than the
    # minute (1/60 hour) any threshold is measured by.
    hours = Decimal(minutes) / 60
    return hours if minutes % 3 == 0 else hours.quantize(_HOURS_PLACES)
