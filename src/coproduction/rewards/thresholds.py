"""Benefit and tax thresholds, effective-dated and cited, and the flags they raise.

The package **flags, it never advises**: a flag says a person's involvement
payments reach a figure that matters for a benefit they declared, so someone
can have a conversation with them (or point them to a benefits adviser). It
does not say what will happen to their benefit.

The figures live in ``thresholds.toml`` beside this module, each with its
source, the date it took effect, a review date, and whether it was confirmed
against gov.uk. Asking about a date past a figure's review date still gives a
flag, with a warning that the figure may be out of date.
"""

from __future__ import annotations

import datetime
import tomllib
from decimal import Decimal
from functools import cache
from importlib import resources

import attrs

from coproduction._convert import converter
from coproduction._vocab import Word
from coproduction.rewards.claims import Benefit

__all__ = ["Measure", "Threshold", "ThresholdValue", "thresholds"]

_MICRO = Decimal("0.000001")


class Measure(Word):
    """What a threshold is measured against, and over which period."""

    WEEKLY_EARNINGS = "weekly-earnings"  # Monday to Sunday
    WEEKLY_HOURS = "weekly-hours"  # hours of involvement, Monday to Sunday
    MONTHLY_EARNINGS = "monthly-earnings"  # calendar month
    TAX_YEAR_INCOME = "tax-year-income"  # 6 April to 5 April


@attrs.frozen
class ThresholdValue:
    """One figure of a threshold: in force from ``effective_from`` until the next."""

    effective_from: datetime.date
    limit: Decimal
    citation: str
    review_by: datetime.date | None = None
    confirmed: bool = True  # False: reported, not checked against gov.uk
    note: str = ""  # more about this year's figure (a second rate), printed with the flag


@attrs.frozen
class Threshold:
    """A benefit or tax threshold. ``benefit`` is None for one that applies to everyone."""

    id: str
    name: str
    measure: Measure
    consequence: str
    values: tuple[ThresholdValue, ...]
    benefit: Benefit | None = None

    def value_on(self, day: datetime.date) -> ThresholdValue | None:
        """The figure in force on ``day``; None before the first (then nothing is flagged)."""
        in_force = [v for v in self.values if v.effective_from <= day]
        return in_force[-1] if in_force else None

    def reached(self, value: ThresholdValue, amount: Decimal) -> bool:
        """Whether ``amount`` (pounds, or hours for weekly hours) goes over ``value``.

        Permitted work must be *under* 16 hours, so 16 hours reach the hours
        limit; an earnings limit may be reached, not passed.

        >>> [hours] = [t for t in thresholds() if t.measure is Measure.WEEKLY_HOURS]
        >>> value = hours.values[0]
        >>> hours.reached(value, Decimal(16)), hours.reached(value, Decimal("15.99"))
        (True, False)
        """
        if self.measure is Measure.WEEKLY_HOURS:
            # Hours are sums of whole minutes, each held to 20 places: to the millionth of
            # an hour they are exact, so 16 hours made of thirds of an hour reach 16.
            return amount.quantize(_MICRO) >= value.limit
        return amount > value.limit


@cache
def thresholds() -> tuple[Threshold, ...]:
    """The packaged thresholds (read once from ``thresholds.toml``)."""
    text = resources.files("coproduction.rewards").joinpath("thresholds.toml").read_text("utf-8")
    data = tomllib.loads(text)
    return tuple(converter.structure(t, Threshold) for t in data["thresholds"])
