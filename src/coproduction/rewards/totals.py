"""Per-person totals across many claims, and the yearly conversion of points.

Totals count the reward a person received as income: vouchers included,
expenses and donated rewards left out (expenses are not income).

>>> import datetime
>>> import coproduction as cp
>>> policy = cp.load_policy("greatwell-homes")
>>> award = cp.rewards.convert_points(135, policy, on=datetime.date(2025, 4, 1))
>>> award.reward, award.carried
(Decimal('100.00'), 35)
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterable, Mapping
from decimal import Decimal
from typing import Any

import attrs
from dateutil.relativedelta import relativedelta

from coproduction._convert import document
from coproduction.money import ZERO, format_pounds, total
from coproduction.periods import Period
from coproduction.rewards.calculate import Calculation
from coproduction.rewards.claims import Benefit
from coproduction.rewards.points import PointsTier
from coproduction.rewards.policy import Policy
from coproduction.rewards.thresholds import Measure, thresholds

__all__ = [
    "PeriodTotal",
    "PersonTotals",
    "PointsAward",
    "convert_points",
    "period_totals",
    "person_totals",
    "points_awards",
]


@attrs.frozen
class PersonTotals:
    """One person's reward income by week, calendar month and tax year, and expenses."""

    participant: str
    weeks: tuple[tuple[Period, Decimal], ...]
    months: tuple[tuple[Period, Decimal], ...]
    tax_years: tuple[tuple[Period, Decimal], ...]
    expenses: Decimal
    points: int
    week_hours: tuple[tuple[Period, Decimal], ...] = ()  # hours of involvement per week


def person_totals(calculations: Iterable[Calculation]) -> list[PersonTotals]:
    """Totals per person (in order of first appearance) across ``calculations``."""
    people: dict[str, list[Calculation]] = {}
    for calc in calculations:
        people.setdefault(calc.participant, []).append(calc)
    result = []
    for participant, calcs in people.items():
        days: dict[datetime.date, Decimal] = {}
        hours: dict[datetime.date, Decimal] = {}
        for calc in calcs:
            for day, amount in calc.earnings_by_date().items():
                days[day] = days.get(day, ZERO) + amount
            for day, worked in calc.hours_by_date:
                hours[day] = hours.get(day, ZERO) + worked
        result.append(
            PersonTotals(
                participant=participant,
                weeks=_group(days, Period.week_of),
                months=_group(days, Period.month_of),
                tax_years=_group(days, Period.tax_year_of),
                expenses=total(c.expenses for c in calcs),
                points=sum(c.points for c in calcs),
                week_hours=_group(hours, Period.week_of),
            )
        )
    return result


def _group(
    days: dict[datetime.date, Decimal], period_of: Callable[[datetime.date], Period]
) -> tuple[tuple[Period, Decimal], ...]:
    grouped: dict[Period, Decimal] = {}
    for day, amount in sorted(days.items()):
        period = period_of(day)
        grouped[period] = grouped.get(period, ZERO) + amount
    return tuple(grouped.items())


_KIND_OF = {
    Measure.WEEKLY_EARNINGS: "week",
    Measure.WEEKLY_HOURS: "week",
    Measure.MONTHLY_EARNINGS: "month",
    Measure.TAX_YEAR_INCOME: "tax year",
}


@attrs.frozen
class PeriodTotal:
    """A person's reward income in one week, calendar month or tax year, and the flags.

    ``hours`` is the week's hours of involvement (attended activities with
    their preparation and follow-up); None for months and tax years. ``flags``
    name each benefit or tax threshold (for the benefits the person declared,
    and those for everyone) that the income or the week's hours go over, with
    the figure in force at the period's end and its source. Flags are for a
    conversation, not advice.
    """

    participant: str
    period_kind: str  # "week", "month" or "tax year"
    period: Period
    earnings: Decimal
    flags: tuple[str, ...] = ()
    hours: Decimal | None = None

    @document
    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form; amounts as strings with two decimals, hours with two."""
        return {
            "participant": self.participant,
            "period_kind": self.period_kind,
            "period": self.period.label,
            "start": self.period.start.isoformat(),
            "end": self.period.end.isoformat(),
            "earnings": f"{self.earnings:.2f}",
            "hours": None if self.hours is None else f"{self.hours:.2f}",
            "flags": list(self.flags),
        }


def _flags(
    kind: str, period: Period, earnings: Decimal, hours: Decimal | None, declared: set[Benefit]
) -> list[str]:
    found = []
    for threshold in thresholds():
        if _KIND_OF[threshold.measure] != kind:
            continue
        if threshold.benefit is not None and threshold.benefit not in declared:
            continue
        value = threshold.value_on(period.end)
        if value is None:
            continue
        if threshold.measure is Measure.WEEKLY_HOURS:
            if hours is None or not threshold.reached(value, hours):
                continue
            text = (
                f"{hours:.1f} hours, at or over the limit of {value.limit} hours ({threshold.name})"
            )
        elif threshold.reached(value, earnings):
            text = f"over the {threshold.name} of {format_pounds(value.limit)}"
        else:
            continue
        if not value.confirmed:
            text += " (figure not confirmed against gov.uk)"
        found.append(f"{text}. Source: {value.citation}")
    return found


def period_totals(
    calculations: Iterable[Calculation], benefits: Mapping[str, Iterable[Benefit]] | None = None
) -> list[PeriodTotal]:
    """Each person's income per week, calendar month and tax year, with threshold flags.

    ``benefits`` holds what each person declared (by participant id); without
    it only the thresholds for everyone (the trading allowance) are flagged.
    Week rows also give the week's hours of involvement, flagged against ESA
    permitted work's "under 16 hours a week"; a week with hours but no income
    (a donated reward, say) still has its row.

    >>> import coproduction as cp
    >>> claim = cp.load_claim("examples/claims/half-day-with-travel.toml")
    >>> calc = cp.calculate(claim, cp.load_policy("national-voices"))
    >>> for row in period_totals([calc], {"p1": claim.participant.benefits}):
    ...     print(row.period_kind, row.period.label, row.earnings, row.hours, row.flags)
    week week 9-15 June 2025 50.00 4.00 ()
    month June 2025 50.00 None ()
    tax year tax year 2025/26 50.00 None ()
    """
    declared = {person: set(found) for person, found in (benefits or {}).items()}
    rows = []
    for person in person_totals(calculations):
        mine = declared.get(person.participant, set())
        earned, worked = dict(person.weeks), dict(person.week_hours)
        for period in sorted(earned.keys() | worked.keys(), key=lambda p: p.start):
            earnings, hours = earned.get(period, ZERO), worked.get(period, ZERO)
            flags = tuple(_flags("week", period, earnings, hours, mine))
            rows.append(PeriodTotal(person.participant, "week", period, earnings, flags, hours))
        for kind, periods in (("month", person.months), ("tax year", person.tax_years)):
            for period, earnings in periods:
                flags = tuple(_flags(kind, period, earnings, None, mine))
                rows.append(PeriodTotal(person.participant, kind, period, earnings, flags))
    return rows


@attrs.frozen
class PointsAward:
    """The result of converting a points balance: the reward, and what is carried over."""

    on: datetime.date
    balance: int
    reward: Decimal
    spent: int
    carried: int
    citation: str
    participant: str | None = None


def convert_points(balance: int, policy: Policy, on: datetime.date) -> PointsAward:
    """Turn a points balance into a reward by the tiers in force on ``on``.

    The highest tier the balance reaches applies: its ``from_points`` are
    spent and the rest is carried over; below the lowest tier nothing is paid
    and every point is carried over.
    """
    version = policy.version_on(on)
    conversion = version.points_conversion
    if conversion is None:
        msg = f"policy {policy.id} version {version.version} has no points conversion"
        raise ValueError(msg)
    reached: PointsTier | None = None
    for tier in conversion.tiers:
        if balance >= tier.from_points:
            reached = tier
    spent = reached.from_points if reached else 0
    return PointsAward(
        on=on,
        balance=balance,
        reward=reached.reward if reached else ZERO,
        spent=spent,
        carried=balance - spent,
        citation=conversion.citation,
    )


def points_awards(
    calculations: Iterable[Calculation],
    policy: Policy,
    on: datetime.date,
    carried: dict[str, int] | None = None,
) -> list[PointsAward]:
    """Each person's yearly points conversion on ``on``.

    The balance is the points earned in the year before ``on``, plus what the
    person ``carried`` over from the last conversion.

    >>> import datetime
    >>> import coproduction as cp
    >>> policy = cp.load_policy("greatwell-homes")
    >>> claim = cp.load_claim({"id": "c1", "participant": {"id": "p1"}, "activities": [
    ...     {"id": "a1", "date": "2025-05-01", "kind": "scrutiny", "minutes": 400, "attended": True}]})
    >>> [award] = cp.rewards.points_awards([cp.calculate(claim, policy)], policy,
    ...                                    on=datetime.date(2026, 4, 1), carried={"p1": 5})
    >>> award.balance, award.reward, award.carried
    (55, Decimal('50.00'), 5)
    """  # noqa: E501
    start = on - relativedelta(years=1)
    balances = dict(carried or {})
    for calc in calculations:
        if calc.policy != policy.id:
            continue
        earned = sum(line.points for line in calc.lines if start <= line.date < on)
        balances[calc.participant] = balances.get(calc.participant, 0) + earned
    return [
        attrs.evolve(convert_points(balance, policy, on), participant=participant)
        for participant, balance in balances.items()
    ]
