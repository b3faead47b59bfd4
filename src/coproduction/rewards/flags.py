"""Flags for the benefit and tax thresholds a person's payments reach (beside thresholds.py).

The flags are for a conversation, never advice: each says which figure was
reached in which week, month or tax year, what it can mean, and its source.
"""

from __future__ import annotations

import datetime
from decimal import Decimal

from coproduction.money import ZERO, format_pounds
from coproduction.periods import Period
from coproduction.rewards.calculation import Calculation
from coproduction.rewards.claims import Claim
from coproduction.rewards.thresholds import Measure, Threshold, ThresholdValue, thresholds

__all__ = ["threshold_flags"]

_MICRO = Decimal("0.000001")


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
            if threshold.measure is Measure.WEEKLY_HOURS:  # whole minutes: 6 places are exact
                reached = reached.quantize(_MICRO)
            if value is not None and threshold.reached(value, reached):
                flags.append(_flag_text(threshold, value, period, reached))
    return flags


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
