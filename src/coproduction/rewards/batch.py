"""Totals for many claims at once, without building their lines or notes.

:func:`claim_totals` prices a batch of claims by exactly the rules and
rounding of :func:`~coproduction.rewards.calculate_all` (the same pricing
functions, ledger, expenses, duplicates and threshold flags), but keeps only
each claim's reward, expenses, total and flags: no line, note or explanation
is made, and a person's running figures are all that is kept between claims.
Use it for payment runs and totals; use ``calculate`` to see why.
"""

from __future__ import annotations

import datetime
import functools
from collections import Counter
from collections.abc import Iterable
from decimal import Decimal
from typing import NamedTuple

import attrs

from coproduction.errors import raise_problems
from coproduction.money import ZERO
from coproduction.periods import tax_year_start
from coproduction.rewards.calculation import earnings_by_day
from coproduction.rewards.choice import check_reduction, choice_takes
from coproduction.rewards.claims import Choice, Claim, PaidTo
from coproduction.rewards.compiled import CompiledPolicy, CompiledVersion, compiled
from coproduction.rewards.duplicates import duplicates_of, repeated_claim_ids
from coproduction.rewards.expenses import (
    ExpenseContext,
    activity_kinds,
    events_of,
    expense_amount,
)
from coproduction.rewards.flags import flags_for, hours_by_date, might_flag
from coproduction.rewards.ledger import Ledger
from coproduction.rewards.policy import Policy
from coproduction.rewards.pricing import unearned
from coproduction.rewards.words import ExpenseKind, Vehicle

__all__ = ["ClaimTotal", "claim_totals"]


class ClaimTotal(NamedTuple):
    """One claim's totals: ``reward`` (after the person's choice), ``expenses``, ``total``.

    ``flags`` are the benefit and tax threshold flags the claim raises, the
    same as those at the end of its calculation's warnings. A light row
    (a named tuple), as a batch of many claims makes one per claim.
    """

    claim: str
    participant: str
    reward: Decimal
    expenses: Decimal
    total: Decimal
    flags: tuple[str, ...] = ()


@attrs.define
class _Person:
    """A person's running figures across their claims in the batch."""

    ledger: Ledger
    sources: list[tuple[Claim, tuple[str, ...]]] = attrs.Factory(list)
    spent: dict[tuple[str, str], Decimal] = attrs.Factory(dict)
    miles: dict[tuple[datetime.date, Vehicle], Decimal] = attrs.Factory(dict)
    earned: dict[datetime.date, Decimal] = attrs.Factory(dict)
    worked: dict[datetime.date, Decimal] = attrs.Factory(dict)


def claim_totals(claims: Iterable[Claim], policy: Policy) -> list[ClaimTotal]:
    """Each claim's reward, expenses, total and flags, as :func:`calculate_all` works them out.

    Claims are taken in order; each person's earlier claims count as they do
    for ``calculate_all`` (day totals, caps, mileage tiers, duplicates, flags).

    >>> import coproduction as cp
    >>> claim = cp.load_claim("examples/claims/half-day-with-travel.toml")
    >>> [totals] = cp.rewards.claim_totals([claim], cp.load_policy("national-voices"))
    >>> totals.reward, totals.expenses, totals.total
    (Decimal('50.00'), Decimal('11.60'), Decimal('61.60'))
    """
    claims = list(claims)
    raise_problems(repeated_claim_ids([claim.id for claim in claims]))
    table = compiled(policy)
    # Only a person with more claims to come needs their figures kept (memory, and time:
    # a hundred thousand people's figures kept alive slow every garbage collection).
    left = Counter(claim.participant.id for claim in claims)
    people: dict[str, _Person] = {}
    result = []
    for claim in claims:
        pid = claim.participant.id
        left[pid] -= 1
        if not left[pid] and pid not in people:  # the person's only claim: often plain
            plain = _plain(claim, table)
            if plain is not None:
                result.append(plain)
                continue
        person = people.pop(pid, None) or _Person(Ledger(tracked=table.limited))
        result.append(_totals(claim, policy, table, person, last=not left[pid]))
        if left[pid]:
            people[pid] = person
    return result


#: Choices that take back some of the reward (the full path works out what from which day).
_TAKES_BACK = (Choice.DECLINE, Choice.REDUCE)


def _plain(claim: Claim, table: CompiledPolicy) -> ClaimTotal | None:
    """The totals of a person's only claim when it is plain, else None (use :func:`_totals`).

    Plain: no expenses, nothing declined or reduced, no rule capped over a
    period, and no threshold it could reach. Its activities are priced by the
    same pricers, counting each day's time under a rule as the ledger does.
    """
    claimant = claim.participant
    if claim.expenses or claimant.choice in _TAKES_BACK:
        return None
    reward = ZERO
    # (day, rule) -> minutes counted, pounds paid before the last activity, and its pay
    day: dict[tuple[datetime.date, str], tuple[int, Decimal, Decimal]] = {}
    for activity in claim.activities:
        compiled_rule = table.rule_on(activity.date, activity.kind, activity.role)
        if compiled_rule is None or compiled_rule.limited:
            return None  # the full path raises for an unknown kind, or holds to caps
        rule = compiled_rule.rule
        if unearned(activity, rule, claimant) is None:
            key = (activity.date, rule.id)
            counted = day.get(key)
            before, paid = (counted[0], counted[1] + counted[2]) if counted else (0, ZERO)
            priced = compiled_rule.priced(activity, before, paid, explain=False)
            day[key] = (before + priced.minutes, paid, priced.amount)
            reward += priced.amount
    earns = claimant.choice is not _DONATE and claimant.paid_to is not _ORGANISATION
    if might_flag(claim, reward if earns else ZERO, lambda: hours_by_date(claim, {})):
        return None
    return _new_total((claim.id, claimant.id, reward, ZERO, reward, ()))


# Read once: looking up an enum's member costs several times a plain name's on Python 3.11.
_DONATE, _ORGANISATION = Choice.DONATE, PaidTo.ORGANISATION
#: A ClaimTotal from its six values (as tuple.__new__, without the named tuple's own __new__)
_new_total = functools.partial(tuple.__new__, ClaimTotal)


def _totals(
    claim: Claim, policy: Policy, table: CompiledPolicy, person: _Person, *, last: bool
) -> ClaimTotal:
    """One claim's totals, counting it into the person's running figures.

    ``last``: the person has no claim after this one in the batch.
    """
    rules, versions = table.check(claim)
    repeated = duplicates_of(claim, person.sources, policy) if person.sources else {}
    ledger, claimant = person.ledger, claim.participant
    rewards: list[tuple[datetime.date, Decimal]] = []
    for index, activity in enumerate(claim.activities):
        compiled_rule = rules[index]
        rule = compiled_rule.rule
        amount, minutes = ZERO, 0
        if not (repeated and f"activities[{index}]" in repeated) and (
            unearned(activity, rule, claimant) is None
        ):
            priced, amount, _ = ledger.price(activity, compiled_rule, explain=False)
            minutes = priced.minutes
        ledger.count(activity.date, rule.id, amount, minutes)
        rewards.append((activity.date, amount))
    gross = sum((amount for _, amount in rewards), ZERO)
    check_reduction(claim, gross)
    takes = choice_takes(claim, rewards)
    reward = gross - sum((take for _, take in takes), ZERO)
    expenses = _expenses(claim, policy, versions[len(claim.activities) :], person, repeated)
    person.sources.append((claim, tuple(repeated)))
    earns = claimant.choice is not Choice.DONATE and claimant.paid_to is not PaidTo.ORGANISATION
    if last and not person.earned and not person.worked:  # nothing earlier: add nothing up
        hours_of = functools.partial(hours_by_date, claim, repeated)
        if not might_flag(claim, reward if earns else ZERO, hours_of):
            return ClaimTotal(claim.id, claimant.id, reward, expenses, reward + expenses)
    hours = hours_by_date(claim, repeated)
    if earns:
        paid_days = rewards + [(rewards[index][0], -take) for index, take in takes]
        for day, amount in earnings_by_day(paid_days, claimant.spread_weeks).items():
            person.earned[day] = person.earned.get(day, ZERO) + amount
    for day, time in hours:
        person.worked[day] = person.worked.get(day, ZERO) + time
    flags = flags_for(claim, person.earned, person.worked)
    return ClaimTotal(claim.id, claimant.id, reward, expenses, reward + expenses, tuple(flags))


def _expenses(
    claim: Claim,
    policy: Policy,
    versions: list[CompiledVersion],
    person: _Person,
    repeated: dict[str, str],
) -> Decimal:
    """The claim's expenses paid, counting costs and miles into the person's figures."""
    if not claim.expenses:
        return ZERO
    # Miles count within a claim as they are paid, and across claims as they are claimed
    # (as calculate counts them): the claim prices from a copy of the person's miles.
    miles = dict(person.miles)
    kinds_on, events = activity_kinds(claim), events_of(claim)
    paid = ZERO
    for index, expense in enumerate(claim.expenses):
        if repeated and f"expenses[{index}]" in repeated:
            continue  # a repeat pays nothing, and adds no miles and no cost to a cap
        version = versions[index].version
        context = ExpenseContext(policy, version, person.spent, miles, kinds_on, events)
        paid += expense_amount(expense, context)
        if expense.kind is ExpenseKind.MILEAGE:
            key = (tax_year_start(expense.date), expense.vehicle)
            person.miles[key] = person.miles.get(key, ZERO) + (expense.miles or ZERO)
    return paid
