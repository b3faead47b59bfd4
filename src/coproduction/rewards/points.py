"""Points: what an activity earns under a points rule, and how a balance becomes a reward.

A points rule gives :class:`PointsBand` s by length of time; the policy version's
:class:`PointsConversion` turns a person's balance into a reward once a year, by
its :class:`PointsTier` s (see :func:`coproduction.rewards.convert_points`).
"""

from __future__ import annotations

import datetime
from decimal import Decimal

import attrs

from coproduction import _checks
from coproduction.errors import Problem, raise_problems
from coproduction.money import amount_problems

__all__ = ["PointsBand", "PointsConversion", "PointsTier"]


@attrs.frozen
class PointsBand:
    """Points for an activity of up to ``up_to_minutes`` (the last may be open)."""

    points: int
    up_to_minutes: int | None = None

    def __attrs_post_init__(self) -> None:
        if self.points < 0:
            raise_problems([Problem("points", f"must not be negative, not {self.points}")])


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


_checks.install(PointsBand, PointsTier, PointsConversion)
