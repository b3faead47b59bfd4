"""The records of a calculation: its lines, the calculation, and differences from a hand check.

A :class:`Calculation` is what :func:`~coproduction.rewards.calculate` returns:
every line with the rule behind it, the reward and expenses kept apart, and
the checks against amounts worked out by hand (:func:`check`).
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterable
from decimal import ROUND_DOWN, Decimal
from typing import TYPE_CHECKING, Any, TypeVar

import attrs

from coproduction._convert import document
from coproduction._shown import Shown
from coproduction._vocab import Word
from coproduction.money import ZERO, format_pounds, total
from coproduction.rewards.claims import Choice, Claim, PaidTo

__all__ = [
    "EXPENSE",
    "REWARD",
    "Calculation",
    "CheckStatus",
    "Difference",
    "Line",
    "check",
    "check_status",
    "earnings_by_day",
    "new_calculation",
    "new_line",
]

REWARD = "reward"
EXPENSE = "expense"


@attrs.frozen(weakref_slot=False)  # see _builder
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


@attrs.frozen(weakref_slot=False)  # see _builder
class Calculation(Shown):
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
        rewards = [(line.date, line.amount) for line in self.lines if line.category == REWARD]
        return earnings_by_day(rewards, self.spread_weeks)

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
        """The lines and totals as plain text, for a terminal (drawn by the display edge)."""
        from coproduction.display.tables import calculation_table  # noqa: PLC0415

        return calculation_table(self)


_Record = TypeVar("_Record")


def _builder(cls: type[_Record]) -> Callable[..., _Record]:
    """A quicker way to make ``cls``, a frozen slotted attrs class, from its fields' values.

    attrs' frozen ``__init__`` sets each field through ``object.__setattr__``,
    which for a line of 14 fields is most of the cost of making it. The builder
    is a twin with the same slots, not frozen, whose ``__init__`` stores each
    field as a plain attribute; the made object then becomes a ``cls``
    (``__class__`` may change between classes of the same layout), frozen,
    equal and shown as one made by ``cls(...)``. The same layout needs no
    ``__weakref__`` slot (CPython does not count it when comparing layouts).
    Fields that validate, convert or make their default are refused here, as
    the twin would not do it.
    """
    fields = attrs.fields(cls)  # type: ignore[arg-type]
    for field in fields:
        if field.validator or field.converter or isinstance(field.default, attrs.Factory):  # type: ignore[arg-type]
            raise TypeError(f"{cls.__name__}.{field.name}: the builder would skip its checks")
    if hasattr(cls, "__attrs_post_init__"):
        raise TypeError(f"{cls.__name__}: the builder would skip its __attrs_post_init__")

    def become(made: object) -> None:  # the twin's last step: it is a ``cls`` from here on
        made.__class__ = cls

    return attrs.make_class(
        f"_{cls.__name__}Twin",
        {field.name: attrs.field(default=field.default) for field in fields},
        bases=cls.__bases__,
        class_body={"__attrs_post_init__": become},
        slots=True,
        weakref_slot=False,
        eq=False,
        repr=False,
    )


if TYPE_CHECKING:  # checked as the classes they make
    new_line = Line
    new_calculation = Calculation
else:
    #: Make a :class:`Line` (the same arguments), quicker: for the engine's many lines.
    new_line = _builder(Line)
    #: Make a :class:`Calculation` (the same arguments), quicker.
    new_calculation = _builder(Calculation)


def earnings_by_day(
    rewards: Iterable[tuple[datetime.date, Decimal]], spread_weeks: int = 1
) -> dict[datetime.date, Decimal]:
    """Reward amounts (day, pounds) added up per day, each spread over ``spread_weeks`` weeks.

    A spread part counts on the same weekday of each week, pennies left over on the last.
    """
    days: dict[datetime.date, Decimal] = {}
    if spread_weeks == 1:
        for day, amount in rewards:
            days[day] = days.get(day, ZERO) + amount
        return days
    for day, amount in rewards:
        share = (amount / spread_weeks).quantize(Decimal("0.01"), ROUND_DOWN)
        for week in range(spread_weeks):
            on = day + datetime.timedelta(weeks=week)
            part = amount - share * (spread_weeks - 1) if week == spread_weeks - 1 else share
            days[on] = days.get(on, ZERO) + part
    return days


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
