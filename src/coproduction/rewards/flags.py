"""Flags for the benefit and tax thresholds a person's payments reach (beside thresholds.py).

The flags are for a conversation, never advice: each says which figure was
reached in which week, month or tax year, what it can mean, and its source.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from decimal import Decimal
from functools import cache

from coproduction.money import ZERO, format_pounds
from coproduction.periods import Period
from coproduction.rewards.calculation import Calculation
from coproduction.rewards.claims import Benefit, Claim
from coproduction.rewards.thresholds import Measure, Threshold, ThresholdValue, thresholds

__all__ = ["flags_for", "hours_by_date", "might_flag", "threshold_flags"]


def threshold_flags(claim: Claim, calculations: list[Calculation]) -> list[str]:
    """Flags for the benefit and tax thresholds this claim's payments reach.

    ``calculations`` are all of the person's calculations so far, this claim's
    last. Only periods this claim touches are flagged. These are flags for a
    conversation, not advice.
    """
    earnings: dict[datetime.date, Decimal] = {}
    hours: dict[datetime.date, Decimal] = {}
    for calc in calculations:
        for day, amount in calc.earnings_by_date().items():
            earnings[day] = earnings.get(day, ZERO) + amount
        for day, worked in calc.hours_by_date:
            hours[day] = hours.get(day, ZERO) + worked
    return flags_for(claim, earnings, hours)


def flags_for(
    claim: Claim, earnings: dict[datetime.date, Decimal], hours: dict[datetime.date, Decimal]
) -> list[str]:
    """The flags for ``claim``, given the person's earnings and hours per day so far.

    Both include this claim's own. Per-day figures are never negative, so a
    threshold whose lowest figure is not reached by everything counted cannot
    be reached in any one period, and its periods are not looked at.
    """
    unpackaged, applying = _for(frozenset(claim.participant.benefits))
    flags = list(unpackaged)
    this_claim = {a.date for a in claim.activities}
    for threshold, lowest in applying:
        counted = hours if threshold.measure is Measure.WEEKLY_HOURS else earnings
        if not threshold.reached(lowest, sum(counted.values(), ZERO)):
            continue
        periods = {_period_for(threshold.measure, day) for day in this_claim}
        for period in sorted(periods, key=lambda p: p.start):
            value = threshold.value_on(period.end)
            reached = sum((v for d, v in counted.items() if d in period), ZERO)
            if value is not None and threshold.reached(value, reached):
                flags.append(_flag_text(threshold, value, period, reached))
    return flags


_Hours = tuple[tuple[datetime.date, Decimal], ...]


def might_flag(claim: Claim, earned: Decimal, hours: _Hours | Callable[[], _Hours]) -> bool:
    """Whether ``earned`` pounds and the claim's ``hours`` could reach a threshold for the person.

    False means no period can reach one, so no flag would be raised. ``hours``
    (per day, as :func:`hours_by_date` gives them) may be a function, called
    only when a threshold in hours applies.
    """
    unpackaged, pounds, in_hours = _lowest(claim.participant.benefits)
    if unpackaged or (pounds is not None and pounds[0].reached(pounds[1], earned)):
        return True
    if in_hours is None:
        return False
    worked = sum((h for _, h in (hours() if callable(hours) else hours)), ZERO)
    return in_hours[0].reached(in_hours[1], worked)


_Lowest = tuple[Threshold, ThresholdValue] | None


@cache
def _lowest(declared: tuple[Benefit, ...]) -> tuple[bool, _Lowest, _Lowest]:
    """For :func:`might_flag`: what could flag anything for a person declaring ``declared``.

    Whether a declared benefit has no threshold packaged, and of the thresholds
    that apply, the lowest figure in pounds and the lowest in hours.
    """
    unpackaged, applying = _for(frozenset(declared))
    pounds = [(t, v) for t, v in applying if t.measure is not Measure.WEEKLY_HOURS]
    hours = [(t, v) for t, v in applying if t.measure is Measure.WEEKLY_HOURS]
    return (
        bool(unpackaged),
        min(pounds, key=lambda found: found[1].limit, default=None),
        min(hours, key=lambda found: found[1].limit, default=None),
    )


@cache
def _for(
    declared: frozenset[Benefit],
) -> tuple[tuple[str, ...], tuple[tuple[Threshold, ThresholdValue], ...]]:
    """The flags for declared benefits no threshold covers; each threshold that applies.

    Each applying threshold comes with its lowest figure.
    """
    covered = {t.benefit for t in thresholds() if t.benefit is not None}
    unpackaged = tuple(
        f"no {benefit.value} threshold is packaged, so none is checked; payments "
        "may still need to be declared. This is a flag for a conversation, "
        "not advice"
        for benefit in sorted(declared - covered, key=lambda b: b.value)
    )
    applying = tuple(
        (t, min(t.values, key=lambda v: v.limit))
        for t in thresholds()
        if t.values and (t.benefit is None or t.benefit in declared)
    )
    return unpackaged, applying


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


def hours_by_date(claim: Claim, repeated: dict[str, str]) -> _Hours:
    """Hours of involvement per day (attended, repeats left out), for the hours thresholds."""
    days: list[tuple[datetime.date, Decimal]] = []
    ordered = True  # each day after the one before: the pairs are the answer as they stand
    for index, activity in enumerate(claim.activities):
        if activity.attended and not (repeated and f"activities[{index}]" in repeated):
            minutes = activity.minutes  # its duration, read without a call when given
            worked = _hours(
                (minutes if minutes is not None else activity.duration)
                + activity.preparation_minutes
                + activity.follow_up_minutes
            )
            if ordered and days and days[-1][0] >= activity.date:
                ordered = False
            days.append((activity.date, worked))
    if ordered:
        return tuple(days)
    hours: dict[datetime.date, Decimal] = {}
    for day, worked in days:
        hours[day] = hours[day] + worked if day in hours else worked
    return tuple(sorted(hours.items()))


_HOURS_PLACES = Decimal("1e-20")
_HOURS_KEPT: dict[int, Decimal] = {}


def _hours(minutes: int) -> Decimal:
    """``minutes`` in hours, to at least two places (as if added to ``ZERO``); kept once worked out.

    Exact when a third of the minutes is whole; else held to 20 places, so that
    sums of hours are exact in any order (a week's, a month's, a person's), far
    finer than the minute (1/60 hour) any threshold is measured by.
    """
    found = _HOURS_KEPT.get(minutes)
    if found is None:
        if len(_HOURS_KEPT) >= 4096:
            _HOURS_KEPT.clear()
        hours = Decimal(minutes) / 60
        found = ZERO + (hours if minutes % 3 == 0 else hours.quantize(_HOURS_PLACES))
        _HOURS_KEPT[minutes] = found
    return found
