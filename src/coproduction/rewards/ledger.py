"""What a person has been paid so far, per day, week, month and tax year, and the limits on it.

A rule may cap what it pays a person over a week, a calendar month or a tax
year, and limit how many paid activities it pays a week. The ledger holds what
earlier activities (this claim's and the person's earlier claims) were paid
under each rule, so a cap counts them all, whatever claim they came in.
"""

from __future__ import annotations

import datetime
from decimal import Decimal

import attrs

from coproduction.money import ZERO, format_pounds, to_penny
from coproduction.periods import month_start, tax_year_start, week_start
from coproduction.rewards.calculation import REWARD, Line
from coproduction.rewards.claims import ClaimActivity
from coproduction.rewards.pricing import CompiledRule, Priced
from coproduction.rewards.rules import RewardRule

__all__ = ["Ledger"]

_PERIODS = (("week", week_start), ("month", month_start), ("tax year", tax_year_start))


@attrs.define
class Ledger:
    """What has been counted so far per person, day and rule (from earlier lines)."""

    minutes: dict[tuple[datetime.date, str], int] = attrs.Factory(dict)
    paid: dict[tuple[datetime.date, str], Decimal] = attrs.Factory(dict)
    # paid per (period, period start, rule), for caps over a period
    period_paid: dict[tuple[str, datetime.date, str], Decimal] = attrs.Factory(dict)
    # paid activities per (week start, rule), for the most paid a week
    counted: dict[tuple[datetime.date, str], int] = attrs.Factory(dict)
    # the rules whose payments are capped or counted over a period (None: every rule)
    tracked: frozenset[str] | None = None

    def add(self, line: Line) -> None:
        """Count a line of a calculation."""
        if line.category == REWARD:
            self.count(line.date, line.rule, line.amount, line.minutes)
        else:
            self.count(line.date, line.rule, line.amount, line.minutes, reward=False)

    def count(
        self, day: datetime.date, rule: str, amount: Decimal, minutes: int, *, reward: bool = True
    ) -> None:
        """Count ``amount`` and ``minutes`` paid on ``day`` under ``rule``."""
        key = (day, rule)
        self.minutes[key] = self.minutes.get(key, 0) + minutes
        self.paid[key] = self.paid.get(key, ZERO) + amount
        if not reward or (self.tracked is not None and rule not in self.tracked):
            return
        for name, start in _PERIODS:
            at = (name, start(day), rule)
            self.period_paid[at] = self.period_paid.get(at, ZERO) + amount
        if amount > 0:
            week = (week_start(day), rule)
            self.counted[week] = self.counted.get(week, 0) + 1

    def price(
        self, activity: ClaimActivity, compiled_rule: CompiledRule, *, explain: bool
    ) -> tuple[Priced, Decimal, list[str]]:
        """The activity priced by its rule's type after what its day already counted, then capped.

        Returns the price, the amount the period caps allow (to the penny when one
        held it) and a note for each cap that held it. ``explain`` builds the notes
        of the price; the batch path leaves them out.
        """
        rule = compiled_rule.rule
        key = (activity.date, rule.id)
        before, paid = self.minutes.get(key, 0), self.paid.get(key, ZERO)
        priced = compiled_rule.priced(activity, before, paid, explain=explain)
        held: list[str] = []
        amount = priced.amount
        if compiled_rule.limited:
            amount, held = self.limit(rule, activity.date, amount)
            if held:
                amount = to_penny(amount)
        return priced, amount, held

    def limit(
        self, rule: RewardRule, day: datetime.date, amount: Decimal
    ) -> tuple[Decimal, list[str]]:
        """``amount`` held to the rule's caps and counts over a week, month and tax year.

        Returns the amount allowed and a note for each limit that held it.
        """
        notes: list[str] = []
        if amount <= 0:
            return amount, notes
        if rule.max_per_week is not None:
            done = self.counted.get((week_start(day), rule.id), 0)
            if done >= rule.max_per_week:
                amount = ZERO
                notes.append(f"at most {rule.max_per_week} paid activities a week: {done} already")
        caps = (rule.cap_per_week, rule.cap_per_month, rule.cap_per_year)
        for (name, start), cap in zip(_PERIODS, caps, strict=True):
            if cap is None or amount <= 0:
                continue
            before = self.period_paid.get((name, start(day), rule.id), ZERO)
            allowed = max(ZERO, min(amount, cap - before))
            if allowed < amount:
                amount = allowed
                notes.append(f"cap of {format_pounds(cap)} a {name}")
        return amount, notes
