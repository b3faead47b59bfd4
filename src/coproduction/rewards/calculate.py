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
(:mod:`~coproduction.rewards.duplicates`), threshold flags
(:mod:`~coproduction.rewards.flags`) and a calculation's warnings and assumptions
(:mod:`~coproduction.rewards.notices`).

>>> import coproduction as cp
>>> calc = cp.calculate(cp.load_claim("examples/claims/half-day-with-travel.toml"),
...                     cp.load_policy("national-voices"))
>>> calc.reward, calc.expenses, calc.total
(Decimal('50.00'), Decimal('11.60'), Decimal('61.60'))
"""

from __future__ import annotations

import datetime
import operator
from collections.abc import Iterable
from decimal import Decimal

import attrs

from coproduction.errors import raise_problems
from coproduction.money import ZERO
from coproduction.rewards.calculation import (
    EXPENSE,
    REWARD,
    Calculation,
    CheckStatus,
    Difference,
    Line,
    check,
    check_status,
    earnings_by_day,
    new_calculation,
    new_line,
)
from coproduction.rewards.choice import check_reduction, choice_lines
from coproduction.rewards.claims import Choice, Claim, ClaimActivity, Claimant, PaidTo
from coproduction.rewards.compiled import CompiledVersion, compiled
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
from coproduction.rewards.flags import flags_for, hours_by_date, might_flag, threshold_flags
from coproduction.rewards.ledger import Ledger
from coproduction.rewards.notices import assumptions, payment_warnings, policy_warnings
from coproduction.rewards.policy import Policy, PolicyVersion
from coproduction.rewards.pricing import (
    CompiledRule,
    duration_text,
    unearned,
    unearned_price,
)

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
    person = claim.participant
    earlier = [c for c in earlier if c.participant == person.id] if earlier else []
    table = compiled(policy)
    rules, versions = table.check(claim)
    ledger = Ledger(tracked=table.limited)
    sources: list[tuple[Claim, tuple[str, ...]]] = []
    if earlier:
        for line in (line for c in earlier if c.policy == policy.id for line in c.lines):
            ledger.add(line)
        sources = [(c.source, c.repeated_items) for c in earlier if c.source is not None]
    repeated = duplicates_of(claim, sources, policy) if sources else {}
    rewards: list[Line] = []
    gross = ZERO
    for index, activity in enumerate(claim.activities):
        line = _reward_line(index, activity, versions[index].version, rules[index], person, ledger)
        if repeated and line.item in repeated:
            line = as_duplicate(line, repeated[line.item])
        ledger.count(line.date, line.rule, line.amount, line.minutes)
        rewards.append(line)
        gross += line.amount
    reward, lines = gross, rewards
    if person.choice in _TAKES_BACK:  # any other choice takes nothing back
        check_reduction(claim, gross)
        taken = choice_lines(claim, rewards)
        reward = sum((t.amount for t in taken), gross)
        lines = rewards + taken
    warnings: list[str] = []
    if claim.expenses:
        expenses, warnings = _expense_lines(
            claim, policy, versions[len(claim.activities) :], earlier, repeated
        )
        lines = lines + expenses
    hours = hours_by_date(claim, repeated)
    used = _each_once(versions)
    notes = policy_warnings(policy, used, claim)
    if len(claim.activities) > len(set(map(_DATE, claim.activities))):  # two share a day
        notes += overlaps_within(claim)
    if sources:
        notes += overlaps_with(claim, sources, set(repeated))
    notes += warnings
    if person.paid_to is not _PERSON or person.spread_weeks > 1 or person.choice is _DONATE:
        notes += payment_warnings(claim)
    notes += _flags(claim, earlier, lines, hours, reward)
    # Positional: a record of many fields is made several times faster so than by keyword.
    return new_calculation(
        claim.id,
        person.id,
        policy.id,
        tuple(lines),
        person.choice,
        tuple(notes),
        assumptions(used, lines),
        claim.claimed_total,
        _claimed_items(claim),
        hours,
        tuple(
            f"{item} is a possible duplicate of {where}: counted once, not paid again"
            for item, where in repeated.items()
        )
        if repeated
        else (),
        person.spread_weeks,
        person.paid_to,
        tuple(repeated) if repeated else (),
        claim,
    )


# Read once: looking up an enum's member costs several times a plain name's on Python 3.11.
_PERSON, _ORGANISATION, _DONATE = PaidTo.PERSON, PaidTo.ORGANISATION, Choice.DONATE
#: The choices that take some of the reward back (adjustment lines); a tuple, as an enum
#: member hashes in Python.
_TAKES_BACK = (Choice.DECLINE, Choice.REDUCE)


def _each_once(versions: list[CompiledVersion]) -> list[CompiledVersion]:
    """Each version once, in first-use order, by identity (never hashing its tree of rules)."""
    if len(versions) > 1:
        first = versions[0]
        for version in versions:
            if version is not first:
                return list({id(v): v for v in versions}.values())
        return [first]
    return versions


def _flags(
    claim: Claim,
    earlier: list[Calculation],
    lines: list[Line],
    hours: tuple[tuple[datetime.date, Decimal], ...],
    reward: Decimal,
) -> list[str]:
    """The threshold flags for the claim, with the person's earlier earnings and hours.

    ``reward`` is the claim's reward after the person's choice.
    """
    person = claim.participant
    earns = person.choice is not _DONATE and person.paid_to is not _ORGANISATION
    if not earlier and not might_flag(claim, reward if earns else ZERO, hours):
        return []  # nothing to add up, and nothing it could reach: most claims stop here
    earned: dict[datetime.date, Decimal] = {}
    worked_on: dict[datetime.date, Decimal] = {}
    for calc in earlier:
        for day, amount in calc.earnings_by_date().items():
            earned[day] = earned.get(day, ZERO) + amount
        for day, time in calc.hours_by_date:
            worked_on[day] = worked_on.get(day, ZERO) + time
    if earns:
        rewards = [(line.date, line.amount) for line in lines if line.category == REWARD]
        for day, amount in earnings_by_day(rewards, person.spread_weeks).items():
            earned[day] = earned.get(day, ZERO) + amount
    for day, time in hours:
        worked_on[day] = worked_on.get(day, ZERO) + time
    return flags_for(claim, earned, worked_on)


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


def _reward_line(  # noqa: PLR0917 - the activity and everything it is priced by
    index: int,
    activity: ClaimActivity,
    version: PolicyVersion,
    compiled_rule: CompiledRule,
    person: Claimant,
    ledger: Ledger,
) -> Line:
    """The activity's line: priced by its rule's type, then held to the period caps."""
    rule = compiled_rule.rule
    reason = unearned(activity, rule, person)
    if reason is not None:
        priced = unearned_price(reason)
        amount, note = priced.amount, priced.note
    else:
        priced, amount, held = ledger.price(activity, compiled_rule, explain=True)
        note = "; ".join([priced.note, *held] if priced.note else held) if held else priced.note
    return new_line(  # positional, in the order of Line's fields
        REWARD,
        f"activities[{index}]",
        f"{activity.kind} {_DAYS.get(activity.date) or _day(activity.date)} "
        f"{duration_text(activity)}",
        activity.date,
        priced.quantity,
        priced.unit,
        priced.rate,
        amount,
        rule.id,
        version.version,
        rule.citation,
        note,
        priced.minutes,
        priced.points,
    )


_DAYS: dict[datetime.date, str] = {}  # days written out (a claim's days are often others' too)


def _day(day: datetime.date) -> str:
    """``day`` written out (ISO 8601), kept for the next line on that day."""
    if len(_DAYS) >= 4096:  # a decade of days
        _DAYS.clear()
    found = _DAYS[day] = day.isoformat()
    return found


def _expense_lines(
    claim: Claim,
    policy: Policy,
    versions: list[CompiledVersion],
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
        context = ExpenseContext(policy, versions[index].version, spent, miles, kinds_on, events)
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


_DATE = operator.attrgetter("date")


def _claimed_items(claim: Claim) -> tuple[tuple[str, Decimal], ...]:
    items = []
    for index, activity in enumerate(claim.activities):
        if activity.claimed is not None:
            items.append((f"activities[{index}]", activity.claimed))
    for index, expense in enumerate(claim.expenses):
        if expense.claimed is not None:
            items.append((f"expenses[{index}]", expense.claimed))
    return tuple(items) if items else ()
