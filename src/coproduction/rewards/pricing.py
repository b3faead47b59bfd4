"""Pricing an activity: one function per rule type, in one table keyed by the type.

Each pricer takes the activity, its rule, and what the person already has
counted that day under the same rule (minutes and pounds, earlier activities
and claims included), and returns a :class:`Priced`: the amount to the penny,
the minutes it adds to the day, points, and a note saying how it was made up
(left empty when ``explain`` is False, for totals that nobody reads line by line).

Time-based rules count a person's whole day under a rule before rounding,
bands, minimums and daily caps apply; a pricer pays the difference the
activity makes to the day, so splitting a meeting never changes what is paid.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from decimal import Decimal
from typing import NamedTuple

import attrs

from coproduction.money import ZERO, format_pounds, to_penny
from coproduction.rewards.claims import ClaimActivity, Claimant
from coproduction.rewards.rules import RewardRule, band_for
from coproduction.rewards.words import Preparation, Rounding, RuleType

__all__ = ["PRICERS", "CompiledRule", "Priced", "duration_text", "unearned"]

_HOUR = Decimal("0.01")
_NOT_ATTENDED = "not attended: no reward (payment follows attendance, not registration)"
_PAID_JOB = "attends as part of a paid job: no reward"
_NOT_NAMED = (
    "not named eligible for payment in advance: no reward "
    "(mark the activity named_eligible = true when it was)"
)
_NO_REWARD = "the policy pays no reward for this kind of activity"
_PREPARATION = {Preparation.PAID: "paid", Preparation.COVERED: "covered by the rate, not added"}


class Priced(NamedTuple):
    """What a rule pays for one activity, before caps over a week, month or year."""

    quantity: Decimal
    unit: str
    amount: Decimal
    note: str = ""
    rate: Decimal | None = None
    minutes: int = 0
    points: int = 0


#: A pricer: (activity, rule, minutes and pounds already counted that day under the rule,
#: explain) -> what the activity is paid.
Pricer = Callable[[ClaimActivity, "CompiledRule", int, Decimal, bool], Priced]


@attrs.define
class CompiledRule:
    """A reward rule made ready for pricing, once per policy version.

    It keeps what a day of so many minutes is worth (worked out once per
    length) and the fixed part of its notes.
    """

    rule: RewardRule
    counted_note: str = ""  # how time is counted: increments, rounding, minimum
    limited: bool = False  # capped or counted over a week, month or tax year
    _day_pay: dict[int, Decimal] = attrs.Factory(dict)
    _priced: dict[tuple[int, int, int, Decimal, bool], Priced] = attrs.Factory(dict)
    #: the rule type's pricer (from PRICERS, looked up once rather than per activity)
    price: Pricer = attrs.field(init=False)
    #: the most preparation and follow-up time counted per activity (None: all of it)
    extra_cap: int | None = attrs.field(init=False)

    def __attrs_post_init__(self) -> None:
        rule = self.rule
        self.price = PRICERS[rule.type]
        if rule.preparation is Preparation.PAID:
            self.extra_cap = None
        elif rule.preparation is Preparation.CAPPED:
            self.extra_cap = rule.preparation_cap_minutes or 0
        else:
            self.extra_cap = 0

    @classmethod
    def of(cls, rule: RewardRule) -> CompiledRule:
        """Compile ``rule``."""
        minimum = f", minimum {rule.minimum_minutes} min" if rule.minimum_minutes else ""
        rounded = rule.rounding.value if rule.rounding else "up"
        limits = (rule.cap_per_week, rule.cap_per_month, rule.cap_per_year, rule.max_per_week)
        return cls(
            rule,
            f"{rule.increment_minutes}-minute increments rounded {rounded}{minimum}",
            limited=limits != (None, None, None, None),
        )

    def priced(
        self, activity: ClaimActivity, before: int, paid: Decimal, *, explain: bool
    ) -> Priced:
        """The activity priced by the rule type's pricer after ``before`` minutes and ``paid``.

        A pricer reads of the activity only its length and its preparation and
        follow-up minutes, so its answer (an immutable :class:`Priced`, notes
        and all) is kept by those, and the same time on another day or claim
        reuses it. At most :data:`_KEPT` answers are kept per rule.
        """
        minutes = activity.minutes  # the activity's duration, read without a call when given
        key = (
            minutes if minutes is not None else activity.duration,
            activity.preparation_minutes + activity.follow_up_minutes,
            before,
            paid,
            explain,
        )
        found = self._priced.get(key)
        if found is None:
            if len(self._priced) >= _KEPT:
                self._priced.clear()
            found = self._priced[key] = self.price(activity, self, before, paid, explain)
        return found

    def day_pay(self, minutes: int) -> Decimal:
        """What a person's whole day of ``minutes`` under the rule is worth, to the penny."""
        found = self._day_pay.get(minutes)
        if found is None:
            found = self._day_pay[minutes] = _pay_for_day(self.rule, minutes)
        return found


_NOTHING = Priced(ZERO, "activity", ZERO)
#: The most prices a compiled rule keeps (a few thousand lengths of time cover most claims).
_KEPT = 4096


def unearned(activity: ClaimActivity, rule: RewardRule, person: Claimant) -> str | None:
    """Why the activity earns no reward whatever its rule pays, or None when it may earn."""
    if not activity.attended:
        return _NOT_ATTENDED
    if person.paid_by_employer:
        return _PAID_JOB
    if (
        rule.named_in_advance
        and not activity.named_eligible
        and rule.type is not RuleType.NO_REWARD
    ):
        return _NOT_NAMED
    return None


def duration_text(activity: ClaimActivity) -> str:
    """The activity's time as a claim gives it: ``10:00-13:00`` or ``90 min``."""
    if activity.start is not None and activity.end is not None:
        return f"{activity.start:%H:%M}-{activity.end:%H:%M}"
    return f"{activity.minutes} min"


def counted_minutes(rule: RewardRule, minutes: int) -> int:
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
    if minutes <= 0:
        return ZERO
    if rule.type is RuleType.HOURLY:
        assert rule.rate is not None  # noqa: S101 - required for hourly rules on creation
        amount = rule.rate * counted_minutes(rule, minutes) / 60
    else:
        amount = band_for(rule.bands, minutes).amount if minutes > 0 else ZERO
    if rule.daily_cap is not None:
        amount = min(amount, rule.daily_cap)
    return to_penny(amount)


def _work_minutes(compiled: CompiledRule, activity: ClaimActivity) -> int:
    """The minutes a rule counts for an activity: its length and the preparation counted."""
    extra = activity.preparation_minutes + activity.follow_up_minutes
    cap = compiled.extra_cap
    return activity.duration + (extra if cap is None else min(extra, cap))


def _made_up(rule: RewardRule, activity: ClaimActivity) -> str:
    """How an activity's minutes were made up, for its note."""
    extra = activity.preparation_minutes + activity.follow_up_minutes
    parts = f"{activity.duration} min"
    if extra:
        if rule.preparation is Preparation.CAPPED:
            how = f"capped at {rule.preparation_cap_minutes} min"
        else:
            how = _PREPARATION[rule.preparation]
        parts += f" + {extra} min preparation and follow-up ({how})"
    return parts


@functools.lru_cache(maxsize=4096)
def _hours(minutes: int) -> Decimal:
    return (Decimal(minutes) / 60).quantize(_HOUR)


def _hourly(
    activity: ClaimActivity, compiled: CompiledRule, before: int, _paid: Decimal, explain: bool
) -> Priced:
    rule = compiled.rule
    minutes = _work_minutes(compiled, activity)
    day = before + minutes
    amount = compiled.day_pay(day) - compiled.day_pay(before) if before else compiled.day_pay(day)
    if not explain:
        return Priced(_hours(minutes), "hour", amount, "", rule.rate, minutes)
    counted = counted_minutes(rule, day)
    note = f"{_made_up(rule, activity)}; day total {day} min"
    if counted != day:
        note += f" counted as {counted} min ({compiled.counted_note})"
    if before:
        note += f"; {before} min already counted that day"
    if (
        rule.daily_cap is not None
        and rule.rate is not None
        and (rule.rate * counted / 60 > rule.daily_cap)
    ):
        note += f"; daily cap {format_pounds(rule.daily_cap)}"
    return Priced(_hours(minutes), "hour", amount, note, rule.rate, minutes)


def _sessions(
    activity: ClaimActivity, compiled: CompiledRule, before: int, _paid: Decimal, explain: bool
) -> Priced:
    rule = compiled.rule
    minutes = _work_minutes(compiled, activity)
    if rule.per_activity:  # each meeting its own band
        session = band_for(rule.bands, minutes)
        amount = to_penny(session.amount) if minutes > 0 else ZERO
        note = ""
        if explain:
            note = f"{_made_up(rule, activity)}: {session.label} (each activity paid on its own)"
        return Priced(Decimal(1), "session", amount, note, minutes=minutes)
    day = before + minutes
    amount = compiled.day_pay(day) - compiled.day_pay(before)
    note = ""
    if explain:
        already = f"; {before} min already counted that day" if before else ""
        band = band_for(rule.bands, day).label
        note = f"{_made_up(rule, activity)}; day total {day} min: {band}{already}"
    return Priced(Decimal(1), "session", amount, note, minutes=minutes)


def _fixed(
    _activity: ClaimActivity, compiled: CompiledRule, _before: int, paid: Decimal, _explain: bool
) -> Priced:
    """A fixed amount, held to the daily cap with what was already paid that day."""
    rule = compiled.rule
    amount = rule.amount or ZERO
    cap = rule.daily_cap
    if cap is None:
        return Priced(Decimal(1), "activity", to_penny(amount), "", rule.amount)
    allowed = min(cap, paid + amount) - min(cap, paid)
    note = "" if allowed == amount else f"daily cap of {format_pounds(cap)} reached"
    return Priced(Decimal(1), "activity", to_penny(allowed), note, rule.amount)


def _points(
    activity: ClaimActivity, compiled: CompiledRule, _before: int, _paid: Decimal, explain: bool
) -> Priced:
    rule = compiled.rule
    band = next(
        b for b in rule.points if b.up_to_minutes is None or activity.duration <= b.up_to_minutes
    )
    note = f"{band.points} points; turned into a reward once a year" if explain else ""
    return Priced(Decimal(band.points), "points", ZERO, note, points=band.points)


def _no_reward(
    _activity: ClaimActivity, _rule: CompiledRule, _before: int, _paid: Decimal, _explain: bool
) -> Priced:
    return _NOTHING._replace(note=_NO_REWARD)


#: The pricer for each rule type: a new rule type is one entry here and one in RULE_FIELDS.
PRICERS: dict[RuleType, Pricer] = {
    RuleType.HOURLY: _hourly,
    RuleType.SESSION_BANDS: _sessions,
    RuleType.FIXED: _fixed,
    RuleType.POINTS: _points,
    RuleType.NO_REWARD: _no_reward,
}


def unearned_price(reason: str) -> Priced:
    """The zero price of an activity that earns nothing, with the reason as its note."""
    return _NOTHING._replace(note=reason)
