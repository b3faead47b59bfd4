"""Reward rules: how a rule pays one or more activity kinds, and the checks of its fields.

A rule's fields fit its ``type`` as :data:`~coproduction.rewards.rule_fields.RULE_FIELDS`
says; session bands and points bands are listed shortest first.
"""

from __future__ import annotations

from decimal import Decimal

import attrs

from coproduction import _checks
from coproduction.errors import Problem, raise_problems
from coproduction.money import amount_problems
from coproduction.rewards.points import PointsBand
from coproduction.rewards.rule_fields import RULE_FIELDS
from coproduction.rewards.words import Preparation, Rounding, RuleType, Unit

__all__ = ["Band", "RewardRule", "band_for"]


@attrs.frozen
class Band:
    """A session band paid ``amount``, shortest first; both limits include their edge.

    ``up_to_minutes = 240``: time up to and including 4 hours. ``from_minutes =
    240``: 4 hours or longer (the band before it then covers anything shorter).
    Give one of the two, or neither on the last band (any length).
    """

    amount: Decimal
    label: str
    up_to_minutes: int | None = None
    from_minutes: int | None = None

    def __attrs_post_init__(self) -> None:
        problems = amount_problems("amount", self.amount)
        if self.up_to_minutes is not None and self.from_minutes is not None:
            problems.append(Problem("from_minutes", "give up_to_minutes or from_minutes, not both"))
        raise_problems(problems)


def band_for(bands: tuple[Band, ...], minutes: int) -> Band:
    """The band that ``minutes`` of time falls in (edges included as each band says)."""
    for index, band in enumerate(bands):
        after = bands[index + 1] if index + 1 < len(bands) else None
        if band.up_to_minutes is not None:
            if minutes <= band.up_to_minutes:
                return band
        elif after is not None and after.from_minutes is not None:
            if minutes < after.from_minutes:
                return band
        elif band.from_minutes is None or minutes >= band.from_minutes:
            return band
    return bands[-1]


@attrs.frozen
class RewardRule:
    """How one or more activity kinds are paid.

    Fields by ``type`` (others must be left out):

    - ``hourly``: ``rate`` with ``per = "hour"``, ``increment_minutes`` and
      ``rounding``; optional ``minimum_minutes``, ``daily_cap``, and
      ``preparation`` (with ``preparation_cap_minutes`` when capped).
    - ``session-bands``: ``bands``, shortest first; optional ``preparation``.
    - ``fixed``: ``amount`` with ``per = "activity"``; optional ``daily_cap``.
    - ``points``: ``points`` bands (converted by the version's ``points_conversion``).
    - ``no-reward``: nothing else; the activity earns no reward (its expenses may be paid).

    Any type may also give ``roles`` (the rule pays only a person in one of
    these roles in the activity, as NICE pays decision makers and people giving
    testimony differently) and ``named_in_advance`` (only activities the claim
    marks ``named_eligible``, as Blue Heart pays only activities it named
    eligible beforehand). Paying rules may give ``cap_per_week``,
    ``cap_per_month``, ``cap_per_year`` (tax year) and ``max_per_week`` (paid
    activities a week). :data:`RULE_FIELDS` lists each type's fields.

    Time-based rules count a person's time **per day** (``per = "day"``, the
    default): all their time on one day under the same rule is added up before
    it is rounded, banded, given its minimum and capped, so splitting a meeting
    into two claims never changes what is paid. A session-bands rule with
    ``per = "activity"`` pays each activity (meeting) its own band instead, so
    two full-day meetings on one day are two fees.
    """

    id: str
    type: RuleType
    kinds: tuple[str, ...]
    citation: str
    rate: Decimal | None = None
    amount: Decimal | None = None
    per: Unit | None = None
    increment_minutes: int | None = None
    rounding: Rounding | None = None
    minimum_minutes: int = 0
    preparation: Preparation = Preparation.COVERED
    preparation_cap_minutes: int | None = None
    daily_cap: Decimal | None = None
    bands: tuple[Band, ...] = ()
    points: tuple[PointsBand, ...] = ()
    roles: tuple[str, ...] = ()
    named_in_advance: bool = False
    cap_per_week: Decimal | None = None
    cap_per_month: Decimal | None = None
    cap_per_year: Decimal | None = None
    max_per_week: int | None = None
    assumptions: tuple[str, ...] = ()

    def __attrs_post_init__(self) -> None:
        raise_problems(self._problems())

    def _problems(self) -> list[Problem]:
        problems = amount_problems("rate", self.rate, pennies=False)
        problems += amount_problems("amount", self.amount)
        problems += amount_problems("daily_cap", self.daily_cap)
        if not self.kinds:
            problems.append(Problem("kinds", "name at least one activity kind this rule pays"))
        for name in ("cap_per_week", "cap_per_month", "cap_per_year"):
            problems += amount_problems(name, getattr(self, name))
        wanted, optional = RULE_FIELDS[self.type]
        defaults = {f.name: f.default for f in attrs.fields(RewardRule)}
        rule = f"{'an' if self.type is RuleType.HOURLY else 'a'} {self.type.value} rule"
        for name in _TYPED_FIELDS:
            present = getattr(self, name) != defaults[name]
            if name in wanted and not present:
                problems.append(Problem(name, f"required for {rule}"))
            elif present and name not in wanted | optional:
                problems.append(Problem(name, f"not used by {rule}"))
        if self.max_per_week is not None and self.max_per_week < 1:
            problems.append(Problem("max_per_week", "must be 1 or more"))
        if self.type is RuleType.SESSION_BANDS and self.per not in (None, Unit.DAY, Unit.ACTIVITY):
            problems.append(Problem("per", 'session bands are per "day" or per "activity"'))
        if self.type is RuleType.HOURLY and self.per not in (None, Unit.HOUR):
            problems.append(Problem("per", "an hourly rate must be per hour"))
        if self.type is RuleType.FIXED and self.per not in (None, Unit.ACTIVITY):
            problems.append(Problem("per", "a fixed amount must be per activity"))
        if self.increment_minutes is not None and self.increment_minutes < 1:
            problems.append(Problem("increment_minutes", "must be 1 or more"))
        if self.minimum_minutes < 0:
            problems.append(Problem("minimum_minutes", "must be 0 or more"))
        if (self.preparation is Preparation.CAPPED) != (self.preparation_cap_minutes is not None):
            problems.append(
                Problem(
                    "preparation_cap_minutes",
                    "give it exactly when preparation is 'capped'",
                )
            )
        problems += _band_problems("bands", _upper_limits(self.bands))
        problems += _from_problems(self.bands)
        problems += _band_problems("points", [b.up_to_minutes for b in self.points])
        return problems

    @property
    def per_activity(self) -> bool:
        """Whether each activity is paid on its own (not added into the day's time)."""
        return self.per is Unit.ACTIVITY


_TYPED_FIELDS = (
    "rate",
    "amount",
    "per",
    "increment_minutes",
    "rounding",
    "minimum_minutes",
    "preparation",
    "preparation_cap_minutes",
    "daily_cap",
    "bands",
    "points",
    "roles",
    "named_in_advance",
    "cap_per_week",
    "cap_per_month",
    "cap_per_year",
    "max_per_week",
)


def _upper_limits(bands: tuple[Band, ...]) -> list[int | None]:
    """Each band's last minute: its ``up_to_minutes``, or one before the next band's start."""
    limits: list[int | None] = []
    for index, band in enumerate(bands):
        after = bands[index + 1] if index + 1 < len(bands) else None
        if band.up_to_minutes is None and after is not None and after.from_minutes is not None:
            limits.append(after.from_minutes - 1)
        else:
            limits.append(band.up_to_minutes)
    return limits


def _from_problems(bands: tuple[Band, ...]) -> list[Problem]:
    if bands and bands[0].from_minutes is not None:
        return [Problem("bands[0].from_minutes", "the first band starts at 0 minutes")]
    return []


def _band_problems(where: str, limits: list[int | None]) -> list[Problem]:
    problems = []
    for index, limit in enumerate(limits):
        if limit is None and index != len(limits) - 1:
            problems.append(
                Problem(f"{where}[{index}].up_to_minutes", "only the last band may be open-ended")
            )
        if limit is not None and index and limits[index - 1] is not None:
            before = limits[index - 1]
            if before is not None and limit <= before:
                problems.append(
                    Problem(
                        f"{where}[{index}].up_to_minutes",
                        f"{limit} is not more than the band before ({before})",
                    )
                )
    return problems


_checks.install(Band, RewardRule)
