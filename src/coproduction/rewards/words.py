"""The closed words a policy is written in: rule types, units, rounding, expense kinds.

Each is a :class:`~coproduction._vocab.Word`: a file gives the word
(``type = "hourly"``) and anything off the list is refused where it is written.
"""

from __future__ import annotations

from coproduction._vocab import Word

__all__ = ["ExpenseKind", "Preparation", "Rounding", "RuleType", "Unit", "Vehicle"]


class RuleType(Word):
    """How a reward rule pays."""

    HOURLY = "hourly"  # a rate per hour of time, counted in increments
    SESSION_BANDS = "session-bands"  # an amount by length of time (half day, full day)
    FIXED = "fixed"  # a set amount per activity or task
    POINTS = "points"  # points per activity, turned into a reward once a year
    NO_REWARD = "no-reward"  # activities the policy names as earning no reward (expenses may)


class Unit(Word):
    """What a rate is per. Units are never converted implicitly."""

    HOUR = "hour"
    MILE = "mile"
    ACTIVITY = "activity"
    DAY = "day"
    EVENT = "event"


class Rounding(Word):
    """How time is counted into whole increments."""

    UP = "up"  # any part of an increment counts as a whole one
    DOWN = "down"  # only whole increments count
    NEAREST = "nearest"  # half an increment or more counts (halves up)


class Preparation(Word):
    """How preparation and follow-up time is treated by a time-based rule."""

    PAID = "paid"  # counted as paid time, in full
    CAPPED = "capped"  # counted as paid time up to preparation_cap_minutes per activity
    COVERED = "covered"  # the rate already covers it: not added


class ExpenseKind(Word):
    """The kinds of expense a claim may include."""

    PUBLIC_TRANSPORT = "public-transport"
    MILEAGE = "mileage"
    TAXI = "taxi"
    PARKING = "parking"
    CARE_COVER = "care-cover"  # a carer, childcare or a personal assistant so the person can attend
    SUBSISTENCE = "subsistence"
    OTHER = "other"


class Vehicle(Word):
    """What a mileage claim was driven or ridden in."""

    CAR = "car"
    MOTORCYCLE = "motorcycle"
    BICYCLE = "bicycle"
