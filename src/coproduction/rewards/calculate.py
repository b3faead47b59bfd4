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

>>> import coproduction as cp
>>> calc = cp.calculate(cp.load_claim("examples/claims/half-day-with-travel.toml"),
...                     cp.load_policy("national-voices"))
>>> calc.reward, calc.expenses, calc.total
(Decimal('50.00'), Decimal('11.60'), Decimal('61.60'))
"""

from __future__ import annotations

import datetime
import html
from collections.abc import Callable, Iterable
from decimal import ROUND_DOWN, Decimal
from typing import Any

import attrs

from coproduction._convert import document
from coproduction._vocab import Word
from coproduction.errors import Problem, ValidationError, raise_problems
from coproduction.money import ZERO, format_pounds, to_penny, total
from coproduction.periods import Period
from coproduction.rewards.claims import (
    Choice,
    Claim,
    ClaimActivity,
    Claimant,
    Expense,
    PaidTo,
)
from coproduction.rewards.policy import (
    ExpenseKind,
    ExpenseRule,
    Policy,
    PolicyVersion,
    Preparation,
    RewardRule,
    Rounding,
    RuleType,
    Vehicle,
    band_for,
)
from coproduction.rewards.thresholds import Measure, Threshold, ThresholdValue, thresholds

__all__ = [
    "Calculation",
    "CheckStatus",
    "Difference",
    "Line",
    "calculate",
    "calculate_all",
    "check",
    "check_status",
]

REWARD = "reward"
_CHOICE_CITATION = "NIHR (2024) payment guide for members of the public; SCIE At a glance 50"
EXPENSE = "expense"


@attrs.frozen
class Line:
    """One line of a calculation.

    ``item`` locates what the line is for in the claim (``activities[0]``);
    ``rule``, ``policy_version`` and ``citation`` say which rule made it.
    ``minutes`` is the time the line counted towards the day's total under its
    rule, ``points`` the points it earned.
    """

    category: str
    item: str
    what: str
    date: datetime.date
    quantity: Decimal
    unit: str
    rate: Decimal | None
    amount: Decimal
    rule: str
    policy_version: str
    citation: str
    note: str = ""
    minutes: int = 0
    points: int = 0

    @document
    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form; amounts as strings with two decimals."""
        return {
            "category": self.category,
            "item": self.item,
            "what": self.what,
            "date": self.date.isoformat(),
            "quantity": str(self.quantity),
            "unit": self.unit,
            "rate": None if self.rate is None else str(self.rate),
            "amount": f"{self.amount:.2f}",
            "rule": self.rule,
            "policy_version": self.policy_version,
            "citation": self.citation,
            "note": self.note,
            "points": self.points,
        }


@attrs.frozen
class Difference:
    """Where a hand calculation and the package disagree, and why."""

    item: str
    claimed: Decimal
    computed: Decimal
    reason: str

    def __str__(self) -> str:
        return (
            f"{self.item}: claimed {format_pounds(self.claimed)}, computed "
            f"{format_pounds(self.computed)}: {self.reason}"
        )


@attrs.frozen
class Calculation:
    """What a claim is owed under a policy, line by line.

    ``reward`` (vouchers included) and ``expenses`` are kept apart; ``total``
    is their sum and equals the sum of all lines. ``earnings`` is the part of
    the reward that is the person's income (a donated reward is not).
    """

    claim: str
    participant: str
    policy: str
    lines: tuple[Line, ...]
    choice: Choice
    warnings: tuple[str, ...] = ()
    assumptions: tuple[str, ...] = ()
    claimed_total: Decimal | None = None
    claimed_items: tuple[tuple[str, Decimal], ...] = ()
    hours_by_date: tuple[tuple[datetime.date, Decimal], ...] = ()
    duplicates: tuple[str, ...] = ()
    spread_weeks: int = 1
    paid_to: PaidTo = PaidTo.PERSON
    repeated_items: tuple[str, ...] = ()  # this claim's items paid under another claim
    source: Claim | None = attrs.field(default=None, eq=False, repr=False)

    @property
    def checked(self) -> bool:
        """Whether anything was worked out by hand to check against (items or a total)."""
        return self.claimed_total is not None or bool(self.claimed_items)

    @property
    def reward(self) -> Decimal:
        """The reward after the person's choice, in pounds."""
        return total(line.amount for line in self.lines if line.category == REWARD)

    @property
    def expenses(self) -> Decimal:
        """The expenses reimbursed, in pounds (never income)."""
        return total(line.amount for line in self.lines if line.category == EXPENSE)

    @property
    def total(self) -> Decimal:
        """Reward plus expenses: the sum of every line."""
        return total(line.amount for line in self.lines)

    @property
    def points(self) -> int:
        """Points earned (points-based policies)."""
        return sum(line.points for line in self.lines)

    @property
    def policy_versions(self) -> tuple[str, ...]:
        """The policy versions the lines were worked out under, in first-use order."""
        return tuple(dict.fromkeys(line.policy_version for line in self.lines))

    def earnings_by_date(self) -> dict[datetime.date, Decimal]:
        """The person's reward income per day (excludes expenses and donations).

        A reward paid to an organisation is not the person's income. A reward
        spread over weeks counts on the same weekday of each week of the spread
        (pennies left over on the last), so weekly flags follow the payments.
        """
        if self.choice is Choice.DONATE or self.paid_to is PaidTo.ORGANISATION:
            return {}
        days: dict[datetime.date, Decimal] = {}
        for line in self.lines:
            if line.category != REWARD:
                continue
            share = (line.amount / self.spread_weeks).quantize(Decimal("0.01"), ROUND_DOWN)
            for week in range(self.spread_weeks):
                day = line.date + datetime.timedelta(weeks=week)
                last = week == self.spread_weeks - 1
                part = line.amount - share * (self.spread_weeks - 1) if last else share
                days[day] = days.get(day, ZERO) + part
        return days

    @property
    def differences(self) -> tuple[Difference, ...]:
        """Every disagreement with the amounts claimed by hand (see :func:`check`)."""
        return check(self)

    @document
    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form (the CLI's ``--json`` output for one claim)."""
        return {
            "claim": self.claim,
            "participant": self.participant,
            "policy": self.policy,
            "policy_version": ", ".join(self.policy_versions),
            "choice": self.choice.value,
            "reward": f"{self.reward:.2f}",
            "expenses": f"{self.expenses:.2f}",
            "total": f"{self.total:.2f}",
            "points": self.points,
            "claimed_total": None if self.claimed_total is None else f"{self.claimed_total:.2f}",
            "lines": [line.to_dict() for line in self.lines],
            "warnings": list(self.warnings),
            "duplicates": list(self.duplicates),
            "check": check_status(self).value,
            "assumptions": list(self.assumptions),
            "differences": [
                {
                    "item": d.item,
                    "claimed": f"{d.claimed:.2f}",
                    "computed": f"{d.computed:.2f}",
                    "reason": d.reason,
                }
                for d in self.differences
            ],
        }

    def table(self) -> str:
        """The lines and totals as plain text, for a terminal."""
        rows = [f"{'item':<15} {'what':<52} {'amount':>10}"]
        for line in self.lines:
            rows.append(f"{line.item:<15} {line.what[:52]:<52} {format_pounds(line.amount):>10}")
            if line.note:
                rows.append(f"{'':<15}   {line.note}")
        rows.append(f"{'':<15} {'Reward':<52} {format_pounds(self.reward):>10}")
        rows.append(f"{'':<15} {'Expenses':<52} {format_pounds(self.expenses):>10}")
        rows.append(f"{'':<15} {'Total':<52} {format_pounds(self.total):>10}")
        return "\n".join(rows)

    def _repr_html_(self) -> str:
        esc = html.escape
        body = "".join(
            f"<tr><td>{esc(line.item)}</td><td>{esc(line.what)}"
            + (f"<br><small>{esc(line.note)}</small>" if line.note else "")
            + f"</td><td>{esc(line.rule)} ({esc(line.policy_version)})</td>"
            f"<td style='text-align:right'>{esc(format_pounds(line.amount))}</td></tr>"
            for line in self.lines
        )
        totals = "".join(
            f"<tr><th colspan='3' style='text-align:right'>{name}</th>"
            f"<th style='text-align:right'>{esc(format_pounds(value))}</th></tr>"
            for name, value in (
                ("Reward", self.reward),
                ("Expenses", self.expenses),
                ("Total", self.total),
            )
        )
        warnings = "".join(f"<li>{esc(w)}</li>" for w in self.warnings)
        return (
            f"<div><h4>Claim {esc(self.claim)} under {esc(self.policy)}</h4>"
            "<table><tr><th>Item</th><th>What</th><th>Rule</th><th>Amount</th></tr>"
            f"{body}{totals}</table>" + (f"<ul>{warnings}</ul>" if warnings else "") + "</div>"
        )


# --- time-based pay, counted per person, day and rule ---------------------------------


def _counted_minutes(rule: RewardRule, minutes: int) -> int:
    """Minutes paid for ``minutes`` of time: whole increments, then the minimum."""
    if minutes <= 0:
        return 0
    step = rule.increment_minutes or 1
    whole, part = divmod(minutes, step)
    if part and (
        rule.rounding is Rounding.UP or (rule.rounding is Rounding.NEAREST and part * 2 >= step)
    ):
        whole += 1
    return max(whole * step, rule.minimum_minutes)


def _pay_for_day(rule: RewardRule, minutes: int) -> Decimal:
    """What a person's whole day of ``minutes`` under ``rule`` is worth, to the penny."""
    if rule.type is RuleType.HOURLY:
        assert rule.rate is not None  # noqa: S101 - required for hourly rules on creation
        amount = rule.rate * _counted_minutes(rule, minutes) / 60
    else:
        amount = band_for(rule.bands, minutes).amount if minutes > 0 else ZERO
    if rule.daily_cap is not None:
        amount = min(amount, rule.daily_cap)
    return to_penny(amount)


def _band_label(rule: RewardRule, minutes: int) -> str:
    return band_for(rule.bands, minutes).label


def _work_minutes(rule: RewardRule, activity: ClaimActivity) -> tuple[int, str]:
    """The minutes a rule counts for an activity, and how they were made up."""
    extra = activity.preparation_minutes + activity.follow_up_minutes
    if rule.preparation is Preparation.PAID:
        counted = extra
    elif rule.preparation is Preparation.CAPPED:
        counted = min(extra, rule.preparation_cap_minutes or 0)
    else:
        counted = 0
    parts = f"{activity.duration} min"
    if extra:
        how = {
            Preparation.PAID: "paid",
            Preparation.CAPPED: f"capped at {rule.preparation_cap_minutes} min",
            Preparation.COVERED: "covered by the rate, not added",
        }[rule.preparation]
        parts += f" + {extra} min preparation and follow-up ({how})"
    return activity.duration + counted, parts


def _duration_text(activity: ClaimActivity) -> str:
    if activity.start is not None and activity.end is not None:
        return f"{activity.start:%H:%M}-{activity.end:%H:%M}"
    return f"{activity.minutes} min"


@attrs.define
class _Ledger:
    """What has been counted so far per person, day and rule (from earlier lines)."""

    minutes: dict[tuple[datetime.date, str], int] = attrs.Factory(dict)
    paid: dict[tuple[datetime.date, str], Decimal] = attrs.Factory(dict)
    # paid and paid activities per (period start, rule), for caps and counts over a period
    period_paid: dict[tuple[str, datetime.date, str], Decimal] = attrs.Factory(dict)
    counted: dict[tuple[datetime.date, str], int] = attrs.Factory(dict)

    def add(self, line: Line) -> None:
        key = (line.date, line.rule)
        self.minutes[key] = self.minutes.get(key, 0) + line.minutes
        self.paid[key] = self.paid.get(key, ZERO) + line.amount
        if line.category != REWARD:
            return
        for name, period in _periods(line.date):
            at = (name, period.start, line.rule)
            self.period_paid[at] = self.period_paid.get(at, ZERO) + line.amount
        if line.amount > 0:
            week = (Period.week_of(line.date).start, line.rule)
            self.counted[week] = self.counted.get(week, 0) + 1


def _periods(day: datetime.date) -> list[tuple[str, Period]]:
    return [
        ("week", Period.week_of(day)),
        ("month", Period.month_of(day)),
        ("year", Period.tax_year_of(day)),
    ]


def _limited(rule: RewardRule, line: Line, ledger: _Ledger) -> Line:
    """The line held to the rule's caps and counts over a week, month and tax year."""
    if line.amount <= 0:
        return line
    amount, notes = line.amount, []
    week = Period.week_of(line.date)
    if rule.max_per_week is not None:
        done = ledger.counted.get((week.start, rule.id), 0)
        if done >= rule.max_per_week:
            amount = ZERO
            notes.append(f"at most {rule.max_per_week} paid activities a week: {done} already")
    caps = {"week": rule.cap_per_week, "month": rule.cap_per_month, "year": rule.cap_per_year}
    for name, period in _periods(line.date):
        cap = caps[name]
        if cap is None or amount <= 0:
            continue
        before = ledger.period_paid.get((name, period.start, rule.id), ZERO)
        allowed = max(ZERO, min(amount, cap - before))
        if allowed < amount:
            amount = allowed
            notes.append(f"cap of {format_pounds(cap)} a {'tax year' if name == 'year' else name}")
    if not notes:
        return line
    note = "; ".join([line.note, *notes]) if line.note else "; ".join(notes)
    return attrs.evolve(line, amount=to_penny(amount), note=note)


def _reward_line(
    index: int,
    activity: ClaimActivity,
    version: PolicyVersion,
    claim: Claim,
    ledger: _Ledger,
) -> Line:
    rule = version.rule_for(activity.kind, activity.role)
    if rule is None:  # kinds are validated before calculating
        msg = f"no rule for {activity.kind!r}"
        raise AssertionError(msg)
    return _limited(rule, _priced_line(index, activity, version, rule, claim, ledger), ledger)


def _priced_line(  # noqa: PLR0917 - what a rule prices an activity by
    index: int,
    activity: ClaimActivity,
    version: PolicyVersion,
    rule: RewardRule,
    claim: Claim,
    ledger: _Ledger,
) -> Line:

    def line(
        quantity: Decimal,
        unit: str,
        amount: Decimal,
        note: str,
        *,
        rate: Decimal | None = None,
        minutes: int = 0,
        points: int = 0,
    ) -> Line:
        return Line(
            category=REWARD,
            item=f"activities[{index}]",
            date=activity.date,
            what=f"{activity.kind} {activity.date.isoformat()} {_duration_text(activity)}",
            quantity=quantity,
            unit=unit,
            rate=rate,
            amount=amount,
            rule=rule.id,
            policy_version=version.version,
            citation=rule.citation,
            note=note,
            minutes=minutes,
            points=points,
        )

    unearned = _unearned(activity, rule, claim.participant)
    if unearned is not None:
        return line(ZERO, "activity", ZERO, unearned)
    if rule.type is RuleType.SESSION_BANDS and rule.per_activity:
        minutes, made_up = _work_minutes(rule, activity)
        session = band_for(rule.bands, minutes)
        return line(
            Decimal(1),
            "session",
            to_penny(session.amount) if minutes > 0 else ZERO,
            f"{made_up}: {session.label} (each activity paid on its own)",
            minutes=minutes,
        )
    if rule.type is RuleType.POINTS:
        band = next(
            b
            for b in rule.points
            if b.up_to_minutes is None or activity.duration <= b.up_to_minutes
        )
        return line(
            Decimal(band.points),
            "points",
            ZERO,
            f"{band.points} points; turned into a reward once a year",
            points=band.points,
        )
    key = (activity.date, rule.id)
    if rule.type is RuleType.FIXED:
        return _fixed_line(rule, ledger.paid.get(key, ZERO), line)
    minutes, made_up = _work_minutes(rule, activity)
    before = ledger.minutes.get(key, 0)
    day = before + minutes
    amount = _pay_for_day(rule, day) - _pay_for_day(rule, before)
    already = f"; {before} min already counted that day" if before else ""
    if rule.type is RuleType.SESSION_BANDS:
        return line(
            Decimal(1),
            "session",
            amount,
            f"{made_up}; day total {day} min: {_band_label(rule, day)}{already}",
            minutes=minutes,
        )
    counted = _counted_minutes(rule, day)
    note = f"{made_up}; day total {day} min"
    if counted != day:
        minimum = f", minimum {rule.minimum_minutes} min" if rule.minimum_minutes else ""
        note += (
            f" counted as {counted} min ({rule.increment_minutes}-minute increments "
            f"rounded {rule.rounding.value if rule.rounding else 'up'}{minimum})"
        )
    note += already
    if (
        rule.daily_cap is not None
        and rule.rate is not None
        and (rule.rate * counted / 60 > rule.daily_cap)
    ):
        note += f"; daily cap {format_pounds(rule.daily_cap)}"
    hours = (Decimal(minutes) / 60).quantize(Decimal("0.01"))
    return line(hours, "hour", amount, note, rate=rule.rate, minutes=minutes)


def _unearned(activity: ClaimActivity, rule: RewardRule, person: Claimant) -> str | None:
    """Why the activity earns no reward whatever else the person did, or None when it earns."""
    if not activity.attended:
        return "not attended: no reward (payment follows attendance, not registration)"
    if person.paid_by_employer:
        return "attends as part of a paid job: no reward"
    if rule.type is RuleType.NO_REWARD:
        return "the policy pays no reward for this kind of activity"
    if rule.named_in_advance and not activity.named_eligible:
        return (
            "not named eligible for payment in advance: no reward "
            "(mark the activity named_eligible = true when it was)"
        )
    return None


def _fixed_line(rule: RewardRule, before: Decimal, line: Callable[..., Line]) -> Line:
    """A fixed amount, held to the daily cap with what was already paid that day."""
    amount = rule.amount or ZERO
    cap = rule.daily_cap
    if cap is None:
        return line(Decimal(1), "activity", to_penny(amount), "", rate=rule.amount)
    paid = min(cap, before + amount) - min(cap, before)
    note = "" if paid == amount else f"daily cap of {format_pounds(cap)} reached"
    return line(Decimal(1), "activity", to_penny(paid), note, rate=rule.amount)


@attrs.frozen
class _ExpenseContext:
    policy: Policy
    version: PolicyVersion
    spent: dict[tuple[str, str], Decimal]
    # miles already claimed per (tax year start, vehicle), earlier claims included
    miles: dict[tuple[datetime.date, Vehicle], Decimal] = attrs.Factory(dict)
    kinds_on: dict[str, tuple[str, ...]] = attrs.Factory(dict)  # activity id or date -> kinds
    events: dict[str, str] = attrs.Factory(dict)  # activity id -> the event, across claims


def _events(claim: Claim) -> dict[str, str]:
    """Each activity id of the claim -> the event it is, told apart across claims.

    Activity ids are local to a claim, so a per-event cap is kept by the
    activity's day, kind and time instead: the same event claimed in two claims
    shares one cap.
    """
    return {a.id: f"{a.date.isoformat()} {a.kind} {_duration_text(a)}" for a in claim.activities}


def _cap_scope(expense: Expense, rule: ExpenseRule, events: dict[str, str]) -> str | None:
    """What a capped cost is capped over: ``event:...`` or ``day:...``; None when uncapped."""
    if rule.cap_per_event is not None:
        event = events.get(expense.activity) if expense.activity else None
        return f"event:{event or expense.date.isoformat()}"
    if rule.cap_per_day is not None:
        return f"day:{expense.date.isoformat()}"
    return None


def _spent_before(earlier: list[Calculation], policy: Policy) -> dict[tuple[str, str], Decimal]:
    """The person's capped costs already paid under ``policy``, per kind and event or day."""
    spent: dict[tuple[str, str], Decimal] = {}
    for calc in earlier:
        if calc.source is None or calc.policy != policy.id:
            continue
        paid = {line.item: line.amount for line in calc.lines if line.category == EXPENSE}
        events = _events(calc.source)
        for index, expense in enumerate(calc.source.expenses):
            rule = policy.version_on(expense.date).expense_rule(expense.kind)
            scope = None if rule is None else _cap_scope(expense, rule, events)
            if scope is not None:
                key = (expense.kind.value, scope)
                spent[key] = spent.get(key, ZERO) + paid.get(f"expenses[{index}]", ZERO)
    return spent


def _miles_before(earlier: list[Calculation]) -> dict[tuple[datetime.date, Vehicle], Decimal]:
    """The person's miles already paid in each tax year, by vehicle (repeats left out)."""
    miles: dict[tuple[datetime.date, Vehicle], Decimal] = {}
    for calc in earlier:
        for index, expense in enumerate(calc.source.expenses if calc.source else ()):
            if (
                expense.kind is ExpenseKind.MILEAGE
                and f"expenses[{index}]" not in calc.repeated_items
            ):
                key = (Period.tax_year_of(expense.date).start, expense.vehicle)
                miles[key] = miles.get(key, ZERO) + (expense.miles or ZERO)
    return miles


def _activity_kinds(claim: Claim) -> dict[str, tuple[str, ...]]:
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


def _expense_line(
    index: int, expense: Expense, context: _ExpenseContext
) -> tuple[Line, str | None]:
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

    unmet = _unmet_condition(expense, policy, version, context.kinds_on)
    if unmet is not None:
        return unpaid(unmet)
    assert rule is not None  # noqa: S101 - an expense with no rule has an unmet condition
    if expense.kind is ExpenseKind.MILEAGE:
        key = (Period.tax_year_of(expense.date).start, expense.vehicle)
        priced = _mileage_amount(rule, expense, context.miles.get(key, ZERO))
        if priced is None and expense.engine_cc is None and rule.by_engine_size(expense.vehicle):
            return unpaid("the policy pays mileage by engine size: give engine_cc")
        if priced is None:
            size = f" of {expense.engine_cc} cc" if expense.engine_cc is not None else ""
            return unpaid(f"no mileage rate for a {expense.vehicle.value}{size}")
        amount, rate, note = priced
        miles = expense.miles or ZERO
        context.miles[key] = context.miles.get(key, ZERO) + miles
        return line(
            to_penny(amount),
            note,
            quantity=miles,
            unit="mile",
            rate=rate,
            label=f"{what} {miles} miles by {expense.vehicle.value}",
        ), None
    if expense.kind is ExpenseKind.CARE_COVER and rule.rate is not None and expense.hours is None:
        return unpaid("care cover is paid by the hour: give hours")
    claimed = expense.amount or ZERO
    amount, notes = _capped_cost(expense, rule, claimed, context)
    warning = None
    if amount < claimed:
        warning = (
            f"{item} ({expense.kind.value}): {format_pounds(claimed)} claimed, "
            f"{format_pounds(amount)} paid ({'; '.join(notes)})"
        )
    return line(to_penny(amount), "; ".join(notes)), warning


def _unmet_condition(
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
    expense: Expense, rule: ExpenseRule, claimed: Decimal, context: _ExpenseContext
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


def _choice_lines(claim: Claim, reward_lines: list[Line]) -> list[Line]:
    """Adjustment lines for a decline or a reduction, taken from the latest lines first."""
    gross = total(line.amount for line in reward_lines)
    person = claim.participant
    if person.choice is Choice.DECLINE:
        remove, why = gross, "declined by the person"
    elif person.choice is Choice.REDUCE and person.reduce_to is not None:
        remove, why = (
            gross - person.reduce_to,
            f"reduced to {format_pounds(person.reduce_to)} at the person's request",
        )
    else:
        return []
    lines = []
    for line in sorted(reward_lines, key=lambda x: x.date, reverse=True):
        if remove <= 0:
            break
        take = min(remove, line.amount)
        if take > 0:
            lines.append(
                attrs.evolve(
                    line,
                    what=f"{person.choice.value}: {line.what}",
                    quantity=Decimal(1),
                    unit="item",
                    rate=None,
                    amount=-take,
                    rule=f"choice:{person.choice.value}",
                    note=why,
                    minutes=0,
                    points=0,
                    citation=_CHOICE_CITATION,
                )
            )
            remove -= take
    return lines


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


def _times(activity: ClaimActivity) -> tuple[datetime.time, datetime.time] | None:
    if activity.start is None or activity.end is None:
        return None
    return activity.start, activity.end


def _overlap(one: ClaimActivity, other: ClaimActivity) -> bool:
    """Whether two activities on the same day overlap in time (untimed ones cannot be told)."""
    first, second = _times(one), _times(other)
    if one.date != other.date or first is None or second is None:
        return False
    return first[0] < second[1] and second[0] < first[1]


def _same_activity(one: ClaimActivity, other: ClaimActivity) -> bool:
    """Whether two activities are the same one given twice.

    They must match in every detail that is paid, and have the same id or
    overlapping times (or both be untimed). Activity ids are often local to a
    claim (``a1``), so an id alone is not enough; two different activities that
    merely overlap are flagged as an overlap instead (see :func:`_overlaps_with`).
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
    return rule.id, _unearned(activity, rule, person)


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


def _duplicates_of(claim: Claim, earlier: list[Calculation], policy: Policy) -> dict[str, str]:
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
    kinds_here = _activity_kinds(claim)
    for calc in earlier:
        other = calc.source
        if other is None:
            continue
        taken = set(calc.repeated_items)
        kinds_there = _activity_kinds(other)
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
                    and _unmet_condition(expense, policy, version, kinds_here)
                    == _unmet_condition(spent, policy, version, kinds_there)
                ):
                    found[here] = there
                    used.add(there)
    return found


def _overlaps_with(claim: Claim, earlier: list[Calculation], repeated: set[str]) -> list[str]:
    """Warnings for this claim's activities overlapping, in time, another of the person's."""
    warnings = []
    for calc in earlier:
        other = calc.source
        if other is None:
            continue
        for index, activity in enumerate(claim.activities):
            for j, before in enumerate(other.activities):
                if f"activities[{index}]" not in repeated and _overlap(activity, before):
                    warnings.append(
                        f"activities[{index}] overlaps in time with claim {other.id} "
                        f"activities[{j}] on {activity.date.isoformat()}: check the times"
                    )
    return warnings


def _overlaps_within(claim: Claim) -> list[str]:
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


def _as_duplicate(line: Line, where: str) -> Line:
    return attrs.evolve(
        line,
        amount=ZERO,
        minutes=0,
        points=0,
        note=f"possible duplicate of {where}: counted once, not paid again",
    )


def calculate(  # noqa: PLR0912 - the steps of a calculation, in order
    claim: Claim, policy: Policy, *, earlier: Iterable[Calculation] = ()
) -> Calculation:
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
    ledger = _Ledger()
    for line in (line for c in earlier if c.policy == policy.id for line in c.lines):
        ledger.add(line)
    repeated = _duplicates_of(claim, earlier, policy)
    rewards: list[Line] = []
    for index, activity in enumerate(claim.activities):
        line = _reward_line(index, activity, versions[f"activities[{index}]"], claim, ledger)
        if line.item in repeated:
            line = _as_duplicate(line, repeated[line.item])
        ledger.add(line)
        rewards.append(line)
    gross = total(line.amount for line in rewards)
    person = claim.participant
    if person.choice is Choice.REDUCE and person.reduce_to is not None and person.reduce_to > gross:
        raise ValidationError(
            [
                Problem(
                    "participant.reduce_to",
                    f"{person.reduce_to:.2f} is more than the {gross:.2f} due",
                )
            ],
            f"claim {claim.id}",
        )
    warnings: list[str] = []
    spent = _spent_before(earlier, policy)
    miles, kinds_on, events = _miles_before(earlier), _activity_kinds(claim), _events(claim)
    expenses = []
    for index, expense in enumerate(claim.expenses):
        version = versions[f"expenses[{index}]"]
        context = _ExpenseContext(policy, version, spent, miles, kinds_on, events)
        if f"expenses[{index}]" in repeated:
            # a repeat adds no miles and uses up no cap
            scratch = attrs.evolve(context, miles=dict(miles), spent=dict(spent))
            line, warning = _expense_line(index, expense, scratch)
            line, warning = _as_duplicate(line, repeated[line.item]), None
        else:
            line, warning = _expense_line(index, expense, context)
        expenses.append(line)
        if warning:
            warnings.append(warning)
    lines = rewards + _choice_lines(claim, rewards) + expenses
    warnings = (
        _policy_warnings(policy, versions.values(), claim)
        + _overlaps_within(claim)
        + _overlaps_with(claim, earlier, set(repeated))
        + warnings
    )
    duplicates = tuple(
        f"{item} is a possible duplicate of {where}: counted once, not paid again"
        for item, where in repeated.items()
    )
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
    assumptions = tuple(
        dict.fromkeys(
            a
            for v in versions.values()
            for a in (
                *v.assumptions,
                *(
                    a
                    for r in v.rewards
                    if r.id in {line.rule for line in lines}
                    for a in r.assumptions
                ),
                *(
                    a
                    for e in v.expenses
                    if f"expense:{e.kind.value}" in {line.rule for line in lines}
                    for a in e.assumptions
                ),
            )
        )
    )
    hours: dict[datetime.date, Decimal] = {}
    for index, activity in enumerate(claim.activities):
        if activity.attended and f"activities[{index}]" not in repeated:
            worked = activity.duration + activity.preparation_minutes + activity.follow_up_minutes
            hours[activity.date] = hours.get(activity.date, ZERO) + Decimal(worked) / 60
    calculation = Calculation(
        claim=claim.id,
        participant=person.id,
        policy=policy.id,
        lines=tuple(lines),
        choice=person.choice,
        warnings=tuple(warnings),
        assumptions=assumptions,
        claimed_total=claim.claimed_total,
        claimed_items=tuple(
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
        ),
        hours_by_date=tuple(sorted(hours.items())),
        duplicates=duplicates,
        spread_weeks=person.spread_weeks,
        paid_to=person.paid_to,
        repeated_items=tuple(repeated),
        source=claim,
    )
    flags = threshold_flags(claim, [*earlier, calculation])
    return attrs.evolve(calculation, warnings=(*calculation.warnings, *flags))


def _policy_warnings(policy: Policy, versions: Iterable[PolicyVersion], claim: Claim) -> list[str]:
    warnings = []
    if policy.illustrative:
        warnings.append(f"policy {policy.id} holds illustrative figures, not any council's rates")
    latest = max(
        [a.date for a in claim.activities] + [e.date for e in claim.expenses], default=None
    )
    for version in dict.fromkeys(versions):
        if version.review_by is not None and latest is not None and latest > version.review_by:
            warnings.append(
                f"policy {policy.id} version {version.version} was due for review by "
                f"{version.review_by.isoformat()}; its figures may be out of date"
            )
    return warnings


def threshold_flags(claim: Claim, calculations: list[Calculation]) -> list[str]:
    """Flags for the benefit and tax thresholds this claim's payments reach.

    ``calculations`` are all of the person's calculations so far, this claim's
    last. Only periods this claim touches are flagged. These are flags for a
    conversation, not advice.
    """
    declared = set(claim.participant.benefits)
    earnings: dict[datetime.date, Decimal] = {}
    hours: dict[datetime.date, Decimal] = {}
    for calc in calculations:
        for day, amount in calc.earnings_by_date().items():
            earnings[day] = earnings.get(day, ZERO) + amount
        for day, worked in calc.hours_by_date:
            hours[day] = hours.get(day, ZERO) + worked
    this_claim = {a.date for a in claim.activities}
    flags = []
    covered = {t.benefit for t in thresholds() if t.benefit is not None}
    for benefit in sorted(declared - covered, key=lambda b: b.value):
        flags.append(
            f"no {benefit.value} threshold is packaged, so none is checked; payments "
            "may still need to be declared. This is a flag for a conversation, "
            "not advice"
        )
    for threshold in thresholds():
        if threshold.benefit is not None and threshold.benefit not in declared:
            continue
        counted = hours if threshold.measure is Measure.WEEKLY_HOURS else earnings
        periods = {_period_for(threshold.measure, day) for day in this_claim}
        for period in sorted(periods, key=lambda p: p.start):
            value = threshold.value_on(period.end)
            reached = sum((v for d, v in counted.items() if d in period), ZERO)
            if value is not None and _over(threshold, value, reached):
                flags.append(_flag_text(threshold, value, period, reached))
    return flags


def _over(threshold: Threshold, value: ThresholdValue, reached: Decimal) -> bool:
    # Hours: permitted work must be *under* 16 hours. Earnings: a limit may be reached, not passed.
    if threshold.measure is Measure.WEEKLY_HOURS:
        return reached >= value.limit
    return reached > value.limit


def _flag_text(
    threshold: Threshold, value: ThresholdValue, period: Period, reached: Decimal
) -> str:
    if threshold.measure is Measure.WEEKLY_HOURS:
        text = (
            f"this takes {period.label} involvement to {reached:.1f} hours, "
            f"at or over the {threshold.name} limit of {value.limit} hours"
        )
    else:
        text = (
            f"this takes {period.label} earnings to {format_pounds(reached)}, over "
            f"the {threshold.name} of {format_pounds(value.limit)}"
        )
    text += f" ({threshold.consequence}"
    text += f"; {value.note})" if value.note else ")"
    text += ". This is a flag for a conversation, not advice"
    if not value.confirmed:
        text += "; the figure is reported but not confirmed against gov.uk"
    if value.review_by is not None and period.end > value.review_by:
        text += (
            f"; the figure was due for review by {value.review_by.isoformat()} "
            "and may be out of date"
        )
    return text + f". Source: {value.citation}"


def _period_for(measure: Measure, day: datetime.date) -> Period:
    if measure in (Measure.WEEKLY_EARNINGS, Measure.WEEKLY_HOURS):
        return Period.week_of(day)
    if measure is Measure.MONTHLY_EARNINGS:
        return Period.month_of(day)
    return Period.tax_year_of(day)


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


def repeated_claim_ids(ids: Iterable[str], places: Iterable[str] | None = None) -> list[Problem]:
    """A problem for each claim id given more than once, naming every place it is given."""
    ids = list(ids)
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


class CheckStatus(Word):
    """What checking a claim against its hand-worked amounts found."""

    AGREES = "agrees"
    DIFFERS = "differs"
    NOT_CHECKED = "not checked"  # nothing was worked out by hand to check against


def check_status(calculation: Calculation) -> CheckStatus:
    """Whether the hand-worked amounts agree, differ, or were not given at all.

    A claim with a possible duplicate never "agrees": it differs from what a
    finance officer would pay on its face.
    """
    if calculation.differences or calculation.duplicates:
        return CheckStatus.DIFFERS
    if not calculation.checked:
        return CheckStatus.NOT_CHECKED
    return CheckStatus.AGREES


def check(calculation: Calculation) -> tuple[Difference, ...]:
    """Every difference between the hand-worked amounts in a claim and the calculation.

    Each difference gives the item, both amounts, and the reason from the lines
    (the rule applied, rounding, caps, missing receipts, the person's choice).
    """
    differences = []
    for item, claimed in calculation.claimed_items:
        lines = [line for line in calculation.lines if line.item == item]
        computed = total(line.amount for line in lines)
        if computed != claimed:
            reason = "; ".join(
                f"{line.rule}: {line.note}" if line.note else line.rule for line in lines
            )
            differences.append(Difference(item, claimed, computed, reason or "no line"))
    if calculation.claimed_total is not None and calculation.claimed_total != calculation.total:
        if differences:
            why = f"differences in {', '.join(d.item for d in differences)}"
        else:
            # Item amounts were not given: name the lines that paid less than their full rate.
            held = [
                f"{line.item}: {line.note}"
                for line in calculation.lines
                if line.note and (line.amount <= 0 or "cap" in line.note)
            ]
            why = "; ".join(held) or "the item amounts were not given; see the lines"
        differences.append(Difference("total", calculation.claimed_total, calculation.total, why))
    return tuple(differences)
