"""Reward and recognition policies as effective-dated, cited data.

A policy has one or more versions, each in force from ``effective_from`` until
the next version starts (or the policy's ``ends`` date). The version that
applies to an activity is the one in force **on the date of the activity**,
not the date of payment. A date before the first version, or after ``ends``,
raises :class:`PolicyNotInForceError`; a date past a version's ``review_by``
still computes, with a warning (figures change every April, and a council's
payments must not stop because a review is late).

Each version holds reward rules (how time or tasks are paid:
:mod:`~coproduction.rewards.rules`) and expense rules
(:mod:`~coproduction.rewards.expense_rules`), and for points rules a
conversion (:mod:`~coproduction.rewards.points`). Every rule carries its own
citation, and ``assumptions`` lists what the package assumed where the source
is silent.
"""

from __future__ import annotations

import datetime
from typing import Any

import attrs

from coproduction import _checks
from coproduction._shown import Shown
from coproduction.errors import CoproductionError, Problem, raise_problems
from coproduction.rewards.expense_rules import ExpenseRule
from coproduction.rewards.points import PointsConversion
from coproduction.rewards.rules import RewardRule
from coproduction.rewards.words import ExpenseKind, RuleType

__all__ = ["Policy", "PolicyNotInForceError", "PolicyVersion"]


class PolicyNotInForceError(CoproductionError, LookupError):
    """No version of the policy was in force on the date asked about."""


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


_checks.install(PolicyVersion, Policy)
