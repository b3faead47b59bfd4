"""Expenses: reimbursed at cost, by the mile or by the hour, held to the policy's conditions.

Expenses are not income: they are kept apart from the reward in every total.
An expense is paid only when it meets its rule's conditions (a receipt,
approval in advance, approval for some activity kinds); a line that is not
paid says why, and the calculation warns. Mileage tiers count the person's
miles in the tax year over all their claims; per-event and per-day caps count
what was already paid for the same event or day.
"""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import NamedTuple

import attrs

from coproduction.money import ZERO, format_pounds, to_penny
from coproduction.periods import tax_year_start
from coproduction.rewards.calculation import EXPENSE, Calculation, Line
from coproduction.rewards.claims import Claim, Expense
from coproduction.rewards.expense_rules import ExpenseRule
from coproduction.rewards.policy import Policy, PolicyVersion
from coproduction.rewards.pricing import duration_text
from coproduction.rewards.words import ExpenseKind, Vehicle

__all__ = [
    "ExpenseContext",
    "activity_kinds",
    "events_of",
    "expense_amount",
    "expense_line",
    "miles_before",
    "spent_before",
    "unmet_condition",
]


@attrs.frozen
class ExpenseContext:
    """What pricing an expense needs beyond it: the rules, the person's costs and miles so far."""

    policy: Policy
    version: PolicyVersion
    spent: dict[tuple[str, str], Decimal]
    # miles already claimed per (tax year start, vehicle), earlier claims included
    miles: dict[tuple[datetime.date, Vehicle], Decimal] = attrs.Factory(dict)
    kinds_on: dict[str, tuple[str, ...]] = attrs.Factory(dict)  # activity id or date -> kinds
    events: dict[str, str] = attrs.Factory(dict)  # activity id -> the event, across claims


def events_of(claim: Claim) -> dict[str, str]:
    """Each activity id of the claim -> the event it is, told apart across claims.

    Activity ids are local to a claim, so a per-event cap is kept by the
    activity's day, kind and time instead: the same event claimed in two claims
    shares one cap.
    """
    return {a.id: f"{a.date.isoformat()} {a.kind} {duration_text(a)}" for a in claim.activities}


def _cap_scope(expense: Expense, rule: ExpenseRule, events: dict[str, str]) -> str | None:
    """What a capped cost is capped over: ``event:...`` or ``day:...``; None when uncapped."""
    if rule.cap_per_event is not None:
        event = events.get(expense.activity) if expense.activity else None
        return f"event:{event or expense.date.isoformat()}"
    if rule.cap_per_day is not None:
        return f"day:{expense.date.isoformat()}"
    return None


def spent_before(earlier: list[Calculation], policy: Policy) -> dict[tuple[str, str], Decimal]:
    """The person's capped costs already paid under ``policy``, per kind and event or day."""
    spent: dict[tuple[str, str], Decimal] = {}
    for calc in earlier:
        if calc.source is None or calc.policy != policy.id:
            continue
        paid = {line.item: line.amount for line in calc.lines if line.category == EXPENSE}
        events = events_of(calc.source)
        for index, expense in enumerate(calc.source.expenses):
            rule = policy.version_on(expense.date).expense_rule(expense.kind)
            scope = None if rule is None else _cap_scope(expense, rule, events)
            if scope is not None:
                key = (expense.kind.value, scope)
                spent[key] = spent.get(key, ZERO) + paid.get(f"expenses[{index}]", ZERO)
    return spent


def miles_before(earlier: list[Calculation]) -> dict[tuple[datetime.date, Vehicle], Decimal]:
    """The person's miles already paid in each tax year, by vehicle (repeats left out)."""
    miles: dict[tuple[datetime.date, Vehicle], Decimal] = {}
    for calc in earlier:
        for index, expense in enumerate(calc.source.expenses if calc.source else ()):
            if (
                expense.kind is ExpenseKind.MILEAGE
                and f"expenses[{index}]" not in calc.repeated_items
            ):
                key = (tax_year_start(expense.date), expense.vehicle)
                miles[key] = miles.get(key, ZERO) + (expense.miles or ZERO)
    return miles


def activity_kinds(claim: Claim) -> dict[str, tuple[str, ...]]:
    """The kinds of activity each expense may be for: by activity id, and by date."""
    kinds: dict[str, tuple[str, ...]] = {a.id: (a.kind,) for a in claim.activities}
    for activity in claim.activities:
        day = activity.date.isoformat()
        kinds[day] = (*kinds.get(day, ()), activity.kind)
    return kinds


def _mileage_amount(
    rule: ExpenseRule, expense: Expense, before: Decimal
) -> tuple[Decimal, Decimal | None, str] | None:
    """Pay for the expense's miles over the rule's tiers, after ``before`` miles this tax year.

    Returns the amount, the rate (None when the miles span tiers) and a note;
    None when the rule has no rate for the vehicle.
    """
    tiers = rule.mileage_tiers(expense.vehicle, expense.engine_cc)
    if not tiers:
        return None
    miles, start, amount, parts = expense.miles or ZERO, before, ZERO, []
    left = miles
    for tier in tiers:
        room = left if tier.up_to_miles is None else max(ZERO, tier.up_to_miles - start)
        here = min(left, room)
        if here > 0:
            amount += here * tier.rate
            parts.append((here, tier))
            left -= here
            start += here
        if left <= 0:
            break
    if left > 0:  # past the last tier's limit: the last rate carries on
        amount += left * tiers[-1].rate
        parts.append((left, tiers[-1]))
    if len(tiers) == 1:
        return amount, tiers[0].rate, ""
    note = " + ".join(f"{m} miles at {format_pounds(t.rate)}" for m, t in parts)
    note += f" ({before} miles already claimed this tax year)" if before else ""
    return amount, parts[0][1].rate if len(parts) == 1 else None, note


def expense_line(index: int, expense: Expense, context: ExpenseContext) -> tuple[Line, str | None]:
    """The expense's line, and a warning when it is not paid in full."""
    version, policy = context.version, context.policy
    rule = version.expense_rule(expense.kind)
    item = f"expenses[{index}]"
    what = f"{expense.kind.value} {expense.date.isoformat()}"

    def line(
        amount: Decimal,
        note: str,
        *,
        quantity: Decimal = Decimal(1),
        unit: str = "item",
        rate: Decimal | None = None,
        label: str = what,
    ) -> Line:
        return Line(
            category=EXPENSE,
            item=item,
            what=label,
            date=expense.date,
            quantity=quantity,
            unit=unit,
            rate=rate,
            amount=amount,
            rule=f"expense:{expense.kind.value}" if rule else "not-covered",
            policy_version=version.version,
            citation=rule.citation if rule else policy.source,
            note=note,
        )

    def unpaid(reason: str) -> tuple[Line, str]:
        return line(
            ZERO, f"not paid: {reason}"
        ), f"{item} ({expense.kind.value}) not paid: {reason}"

    paid = _pay(expense, context)
    if paid.unpaid is not None:
        return unpaid(paid.unpaid)
    if paid.mileage is not None:
        rate, note = paid.mileage
        miles = expense.miles or ZERO
        return line(
            paid.amount,
            note,
            quantity=miles,
            unit="mile",
            rate=rate,
            label=f"{what} {miles} miles by {expense.vehicle.value}",
        ), None
    claimed = expense.amount or ZERO
    warning = None
    if paid.amount < claimed:
        warning = (
            f"{item} ({expense.kind.value}): {format_pounds(claimed)} claimed, "
            f"{format_pounds(paid.amount)} paid ({'; '.join(paid.notes)})"
        )
    return line(paid.amount, "; ".join(paid.notes)), warning


def expense_amount(expense: Expense, context: ExpenseContext) -> Decimal:
    """What ``expense`` is paid, to the penny, exactly as :func:`expense_line` prices it."""
    return _pay(expense, context).amount


class _Paid(NamedTuple):
    amount: Decimal
    unpaid: str | None = None  # why nothing is paid
    mileage: tuple[Decimal | None, str] | None = None  # the rate (None: over tiers) and note
    notes: tuple[str, ...] = ()  # how a cost was held to its rate or cap


def _pay(expense: Expense, context: ExpenseContext) -> _Paid:
    """Price an expense under its rule; counts its miles and capped cost in ``context``."""
    unmet = unmet_condition(expense, context.policy, context.version, context.kinds_on)
    if unmet is not None:
        return _Paid(ZERO, unmet)
    rule = context.version.expense_rule(expense.kind)
    assert rule is not None  # noqa: S101 - an expense with no rule has an unmet condition
    if expense.kind is ExpenseKind.MILEAGE:
        key = (tax_year_start(expense.date), expense.vehicle)
        priced = _mileage_amount(rule, expense, context.miles.get(key, ZERO))
        if priced is None and expense.engine_cc is None and rule.by_engine_size(expense.vehicle):
            return _Paid(ZERO, "the policy pays mileage by engine size: give engine_cc")
        if priced is None:
            size = f" of {expense.engine_cc} cc" if expense.engine_cc is not None else ""
            return _Paid(ZERO, f"no mileage rate for a {expense.vehicle.value}{size}")
        amount, rate, note = priced
        context.miles[key] = context.miles.get(key, ZERO) + (expense.miles or ZERO)
        return _Paid(to_penny(amount), mileage=(rate, note))
    if expense.kind is ExpenseKind.CARE_COVER and rule.rate is not None and expense.hours is None:
        return _Paid(ZERO, "care cover is paid by the hour: give hours")
    amount, notes = _capped_cost(expense, rule, expense.amount or ZERO, context)
    return _Paid(to_penny(amount), notes=tuple(notes))


def unmet_condition(
    expense: Expense,
    policy: Policy,
    version: PolicyVersion,
    kinds_on: dict[str, tuple[str, ...]],
) -> str | None:
    """The policy's condition the expense does not meet (cover, approval, receipt), or None."""
    rule = version.expense_rule(expense.kind)
    if rule is None:
        return (
            f"policy {policy.id} version {version.version} does not cover "
            f"{expense.kind.value} expenses"
        )
    if rule.approval_required and not expense.approved:
        return "the policy needs it approved in advance"
    for_kinds = kinds_on.get(expense.activity or expense.date.isoformat(), ())
    needing = [k for k in for_kinds if k in rule.approval_required_for]
    if needing and not expense.approved:
        return f"for a {needing[0]} the policy needs it agreed in advance"
    if rule.receipt_required and not expense.receipt:
        return "the policy needs a receipt"
    return None


def _capped_cost(
    expense: Expense, rule: ExpenseRule, claimed: Decimal, context: ExpenseContext
) -> tuple[Decimal, list[str]]:
    """A cost paid at cost, held to the hourly rate and the per-event or per-day cap.

    The caps count what the person was already paid for the same event or day in
    their earlier claims, so splitting costs over two claims never pays more.
    """
    amount, notes = claimed, []
    if rule.rate is not None and expense.hours is not None:
        most = to_penny(rule.rate * expense.hours)
        if amount > most:
            amount = most
            notes.append(f"up to {format_pounds(rule.rate)} an hour for {expense.hours} hours")
    scope = _cap_scope(expense, rule, context.events)
    if scope is None:
        return amount, notes
    cap = rule.cap_per_event if rule.cap_per_event is not None else rule.cap_per_day
    assert cap is not None  # noqa: S101 - a scope means a cap
    spent = context.spent
    key = (rule.kind.value, scope)
    already = spent.get(key, ZERO)
    allowed = max(ZERO, min(amount, cap - already))
    if allowed < amount:
        notes.append(f"capped at {format_pounds(cap)} per {scope.split(':')[0]}")
        amount = allowed
    spent[key] = already + amount
    return amount, notes
