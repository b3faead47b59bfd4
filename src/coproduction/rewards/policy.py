"""Reward and recognition policies as effective-dated, cited data.

A policy has one or more versions, each in force from ``effective_from`` until
the next version starts (or the policy's ``ends`` date). The version that
applies to an activity is the one in force **on the date of the activity**,
not the date of payment. A date before the first version, or after ``ends``,
raises :class:`PolicyNotInForceError`; a date past a version's ``review_by``
still computes, with a warning (figures change every April, and a council's
payments must not stop because a review is late).

Each version holds reward rules (how time or tasks are paid) and expense rules.
Every rule carries its own citation, and ``assumptions`` lists what the
package assumed where the source is silent.
"""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

import attrs

from coproduction import _checks
from coproduction._shown import Shown
from coproduction._vocab import Word
from coproduction.errors import CoproductionError, Problem, raise_problems
from coproduction.money import amount_problems

__all__ = [
    "RULE_FIELDS",
    "Band",
    "ExpenseKind",
    "ExpenseRule",
    "MileageRate",
    "PointsBand",
    "PointsConversion",
    "PointsTier",
    "Policy",
    "PolicyNotInForceError",
    "PolicyVersion",
    "Preparation",
    "RewardRule",
    "Rounding",
    "RuleType",
    "Unit",
    "Vehicle",
    "band_for",
]


class PolicyNotInForceError(CoproductionError, LookupError):
    """No version of the policy was in force on the date asked about."""


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
class PointsBand:
    """Points for an activity of up to ``up_to_minutes`` (the last may be open)."""

    points: int
    up_to_minutes: int | None = None

    def __attrs_post_init__(self) -> None:
        if self.points < 0:
            raise_problems([Problem("points", f"must not be negative, not {self.points}")])


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
        for name in _TYPED_FIELDS:
            present = getattr(self, name) != defaults[name]
            if name in wanted and not present:
                problems.append(Problem(name, f"required for a {self.type.value} rule"))
            elif present and name not in wanted | optional:
                problems.append(Problem(name, f"not used by a {self.type.value} rule"))
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


_LIMITS = frozenset({"cap_per_week", "cap_per_month", "cap_per_year", "max_per_week"})
_ANY = frozenset({"roles", "named_in_advance"})

#: Each rule type's (required, optional) fields; every other field must be left out.
#: Validation reads this table, so a new rule type is one entry here and one pricing function.
RULE_FIELDS: dict[RuleType, tuple[frozenset[str], frozenset[str]]] = {
    RuleType.HOURLY: (
        frozenset({"rate", "per", "increment_minutes", "rounding"}),
        frozenset({"minimum_minutes", "daily_cap", "preparation", "preparation_cap_minutes"})
        | _LIMITS
        | _ANY,
    ),
    RuleType.SESSION_BANDS: (
        frozenset({"bands"}),
        frozenset({"per", "preparation", "preparation_cap_minutes"}) | _LIMITS | _ANY,
    ),
    RuleType.FIXED: (frozenset({"amount", "per"}), frozenset({"daily_cap"}) | _LIMITS | _ANY),
    RuleType.POINTS: (frozenset({"points"}), _ANY),
    RuleType.NO_REWARD: (frozenset(), _ANY),
}
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


@attrs.frozen
class MileageRate:
    """A rate per mile for one kind of vehicle.

    ``up_to_miles``: the rate holds for a person's first miles in a tax year up
    to this total (counting their earlier claims); the next rate listed for the
    same vehicle holds after it (HMRC: 10,000 business miles).
    ``engine_cc_from`` / ``engine_cc_up_to`` (both included) limit a rate to
    engines of that size, for policies that pay mileage by engine size.
    """

    vehicle: Vehicle
    rate: Decimal
    per: Unit
    up_to_miles: int | None = None
    engine_cc_from: int | None = None
    engine_cc_up_to: int | None = None

    def fits(self, engine_cc: int | None) -> bool:
        """Whether this rate applies to an engine of ``engine_cc`` (None: size not given)."""
        if self.engine_cc_from is None and self.engine_cc_up_to is None:
            return True
        if engine_cc is None:
            return False
        low = self.engine_cc_from if self.engine_cc_from is not None else 0
        return low <= engine_cc and (
            self.engine_cc_up_to is None or engine_cc <= self.engine_cc_up_to
        )

    def __attrs_post_init__(self) -> None:
        problems = amount_problems("rate", self.rate, pennies=False)
        if self.per is not Unit.MILE:
            problems.append(Problem("per", "a mileage rate must be per mile"))
        raise_problems(problems)


@attrs.frozen
class ExpenseRule:
    """How one kind of expense is reimbursed.

    Public transport, taxis, parking and other costs are paid at cost (the
    ``amount`` claimed); mileage by ``mileage`` rates per vehicle; care cover
    at cost up to ``rate`` per hour and ``cap_per_event``; subsistence at cost
    up to ``cap_per_day``. ``receipt_required`` and ``approval_required`` are
    the policy's conditions: a claim that does not meet them is not paid for
    that item, and the calculation says so.
    """

    kind: ExpenseKind
    citation: str
    receipt_required: bool = False
    approval_required: bool = False
    mileage: tuple[MileageRate, ...] = ()
    rate: Decimal | None = None
    per: Unit | None = None
    cap_per_event: Decimal | None = None
    cap_per_day: Decimal | None = None
    approval_required_for: tuple[str, ...] = ()
    assumptions: tuple[str, ...] = ()

    def __attrs_post_init__(self) -> None:
        problems = amount_problems("cap_per_event", self.cap_per_event)
        problems += amount_problems("cap_per_day", self.cap_per_day)
        problems += amount_problems("rate", self.rate, pennies=False)
        if (self.kind is ExpenseKind.MILEAGE) != bool(self.mileage):
            problems.append(Problem("mileage", "give mileage rates exactly for a mileage rule"))
        if self.rate is not None and self.per is None:
            problems.append(Problem("per", 'a rate needs a unit (per = "hour")'))
        if self.rate is not None and self.kind is not ExpenseKind.CARE_COVER:
            problems.append(Problem("rate", "only care cover has an hourly rate"))
        if self.per is not None and self.per is not Unit.HOUR:
            problems.append(Problem("per", "care cover is paid per hour"))
        for vehicle, engine in {(m.vehicle, m.engine_cc_from) for m in self.mileage}:
            tiers = [m for m in self.mileage if (m.vehicle, m.engine_cc_from) == (vehicle, engine)]
            limits = [m.up_to_miles for m in tiers]
            bounded = [m for m in limits[:-1] if m is not None]
            if len(bounded) != len(limits) - 1 or bounded != sorted(set(bounded)):
                problems.append(
                    Problem(
                        "mileage",
                        f"{vehicle.value} rates: list them by up_to_miles, lowest first, "
                        "only the last open-ended",
                    )
                )
        raise_problems(problems)

    def mileage_tiers(self, vehicle: Vehicle, engine_cc: int | None = None) -> list[MileageRate]:
        """The rates for ``vehicle`` (and its engine size), lowest ``up_to_miles`` first."""
        return [m for m in self.mileage if m.vehicle is vehicle and m.fits(engine_cc)]

    def by_engine_size(self, vehicle: Vehicle) -> bool:
        """Whether the rates for ``vehicle`` depend on the engine size."""
        return any(
            m.vehicle is vehicle and (m.engine_cc_from, m.engine_cc_up_to) != (None, None)
            for m in self.mileage
        )


@attrs.frozen
class PointsTier:
    """A conversion tier: a balance of at least ``from_points`` earns ``reward``.

    The tier's ``from_points`` are spent and the rest of the balance is carried over.
    """

    from_points: int
    reward: Decimal

    def __attrs_post_init__(self) -> None:
        problems = amount_problems("reward", self.reward)
        if self.from_points < 0:
            problems.append(Problem("from_points", "must be 0 or more"))
        raise_problems(problems)


@attrs.frozen
class PointsConversion:
    """When and how points turn into a reward: once a year, on ``month``/``day``."""

    month: int
    day: int
    tiers: tuple[PointsTier, ...]
    citation: str

    def __attrs_post_init__(self) -> None:
        problems = []
        try:
            datetime.date(2024, self.month, self.day)
        except ValueError:
            problems.append(Problem("day", f"{self.month}/{self.day} is not a day of the year"))
        froms = [t.from_points for t in self.tiers]
        if froms != sorted(set(froms)):
            problems.append(Problem("tiers", "list tiers by from_points, lowest first, no repeats"))
        raise_problems(problems)


@attrs.frozen
class PolicyVersion:
    """The rules in force from ``effective_from``; reviewed by ``review_by``."""

    version: str
    effective_from: datetime.date
    rewards: tuple[RewardRule, ...] = ()
    expenses: tuple[ExpenseRule, ...] = ()
    review_by: datetime.date | None = None
    points_conversion: PointsConversion | None = None
    assumptions: tuple[str, ...] = ()

    def __attrs_post_init__(self) -> None:
        problems = []
        seen: dict[tuple[str, str | None], str] = {}
        for index, rule in enumerate(self.rewards):
            for kind in rule.kinds:
                for role in rule.roles or (None,):
                    if (kind, role) in seen:
                        problems.append(
                            Problem(
                                f"rewards[{index}].kinds",
                                f"activity kind {kind!r}"
                                + (f" for role {role!r}" if role else "")
                                + f" is already paid by rule {seen[kind, role]!r}",
                            )
                        )
                    seen[kind, role] = rule.id
        expense_kinds = [e.kind for e in self.expenses]
        for index, expense_kind in enumerate(expense_kinds):
            if expense_kind in expense_kinds[:index]:
                problems.append(
                    Problem(f"expenses[{index}].kind", f"{expense_kind.value!r} is listed twice")
                )
        uses_points = any(r.type is RuleType.POINTS for r in self.rewards)
        if uses_points and self.points_conversion is None:
            problems.append(Problem("points_conversion", "a points rule needs a points_conversion"))
        if self.review_by is not None and self.review_by < self.effective_from:
            problems.append(Problem("review_by", "is before effective_from"))
        raise_problems(problems)

    @property
    def activity_kinds(self) -> tuple[str, ...]:
        """The activity kinds this version pays for."""
        return tuple(dict.fromkeys(kind for rule in self.rewards for kind in rule.kinds))

    def rule_for(self, kind: str, role: str | None = None) -> RewardRule | None:
        """The reward rule for activity ``kind`` (for the person's ``role``), or None.

        A rule naming the role comes first; else a rule for any role.
        """
        fits = [r for r in self.rewards if kind in r.kinds and (not r.roles or role in r.roles)]
        return next((r for r in fits if r.roles), next(iter(fits), None))

    def expense_rule(self, kind: ExpenseKind) -> ExpenseRule | None:
        """The rule for expense ``kind``, or None when the version does not cover it."""
        return next((e for e in self.expenses if e.kind is kind), None)


@attrs.frozen
class Policy(Shown):
    """A reward and recognition policy: who owns it, its source, and its versions.

    ``ends`` is an explicit end marker (a pilot that closed): no version is in
    force after it. ``pay_within_days`` is the payment time the policy states
    (reconciliation flags payments made later than this after the activity).
    """

    id: str
    name: str
    owner: str
    source: str
    versions: tuple[PolicyVersion, ...]
    ends: datetime.date | None = None
    illustrative: bool = False  # True: the figures are examples, not any body's real rates
    pay_within_days: int | None = None

    def __attrs_post_init__(self) -> None:
        problems = []
        if not self.versions:
            problems.append(Problem("versions", "a policy needs at least one version"))
        for index in range(1, len(self.versions)):
            before, after = self.versions[index - 1], self.versions[index]
            if after.effective_from <= before.effective_from:
                problems.append(
                    Problem(
                        f"versions[{index}].effective_from",
                        f"{after.effective_from.isoformat()} is not after the version before "
                        f"({before.effective_from.isoformat()})",
                    )
                )
        if self.ends is not None and self.versions and self.ends < self.versions[-1].effective_from:
            problems.append(Problem("ends", "is before the last version starts"))
        if self.pay_within_days is not None and self.pay_within_days < 0:
            problems.append(Problem("pay_within_days", "must be 0 or more"))
        raise_problems(problems)

    def version_on(self, day: datetime.date) -> PolicyVersion:
        """The version in force on ``day``.

        Raises :class:`PolicyNotInForceError` before the first version or after ``ends``.
        """
        if self.ends is not None and day > self.ends:
            msg = (
                f"policy {self.id} ended on {self.ends.isoformat()}; {day.isoformat()} is after it"
            )
            raise PolicyNotInForceError(msg)
        in_force = [v for v in self.versions if v.effective_from <= day]
        if not in_force:
            msg = (
                f"policy {self.id} has no version in force on {day.isoformat()} "
                f"(its first starts {self.versions[0].effective_from.isoformat()})"
            )
            raise PolicyNotInForceError(msg)
        return in_force[-1]

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form, the same as ``coproduction.to_dict(self)``."""
        from coproduction._convert import to_dict  # noqa: PLC0415 - the converter imports this

        return to_dict(self)


_FIELD_HINTS = {
    "rounding": "`rounding` (up, down, nearest)",
    "preparation": "`preparation` (paid, capped, covered)",
    "bands": "`bands` (shortest first)",
    "points": "`points` bands (and a `points_conversion` on the version)",
}


_PER_HINTS = {
    RuleType.HOURLY: '`per = "hour"`',
    RuleType.FIXED: '`per = "activity"`',
    RuleType.SESSION_BANDS: '`per` ("day", the default, or "activity")',
}


def rule_fields_table() -> str:
    """Each rule type's required and optional fields as a Markdown table, from RULE_FIELDS.

    ``roles`` and ``named_in_advance``, which any rule may have, are left out.

    >>> print(rule_fields_table().splitlines()[2])
    | `hourly` | `increment_minutes`, `per = "hour"`, `rate`, `rounding` (up, down, nearest) | ...
    """

    def names(kind: RuleType, fields: frozenset[str]) -> str:
        hints = {**_FIELD_HINTS, "per": _PER_HINTS.get(kind, "`per`")}
        return ", ".join(hints.get(f, f"`{f}`") for f in sorted(fields - _ANY))

    rows = ["| rule `type` | needs | may have |", "|---|---|---|"]
    rows += [
        f"| `{kind.value}` | {names(kind, wanted) or 'nothing'} | {names(kind, optional)} |"
        for kind, (wanted, optional) in RULE_FIELDS.items()
    ]
    return "\n".join(rows)


_checks.install(
    Band,
    PointsBand,
    RewardRule,
    MileageRate,
    ExpenseRule,
    PointsTier,
    PointsConversion,
    PolicyVersion,
    Policy,
)
