"""A reward and recognition budget for a financial year (April to March).

A budget covers rewards and expenses alike (Barnet's strategy: "an annual
budget to cover Reward and Recognition payments, expenses, and adaptations").

>>> from decimal import Decimal
>>> budget = Budget(financial_year=2025, amount=Decimal("5000.00"), paid=Decimal("4950.00"))
>>> budget.remaining
Decimal('50.00')
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal
from typing import Any

import attrs

from coproduction.money import ZERO, format_pounds, total
from coproduction.periods import Period
from coproduction.rewards.calculate import Calculation

__all__ = ["Budget"]


@attrs.frozen
class Budget:
    """The year's budget, what is committed (calculated, not yet paid) and what is paid."""

    financial_year: int
    amount: Decimal
    committed: Decimal = ZERO
    paid: Decimal = ZERO

    @property
    def period(self) -> Period:
        """1 April to 31 March."""
        return Period.financial_year(self.financial_year)

    @property
    def remaining(self) -> Decimal:
        """What is left: the amount less what is committed and paid."""
        return total([self.amount, -self.committed, -self.paid])

    def _in_year(self, calculations: Iterable[Calculation]) -> Decimal:
        return total(
            line.amount for calc in calculations for line in calc.lines if line.date in self.period
        )

    def warnings(self, calculations: Iterable[Calculation]) -> tuple[str, ...]:
        """A warning when committing ``calculations`` would overspend the budget."""
        adding = self._in_year(calculations)
        if adding > self.remaining:
            return (
                f"these payments ({format_pounds(adding)}) would overspend the "
                f"{self.period.name} budget: {format_pounds(self.remaining)} remains of "
                f"{format_pounds(self.amount)}",
            )
        return ()

    def commit(self, calculations: Iterable[Calculation]) -> Budget:
        """A new budget with the payments dated in this year added to ``committed``."""
        return attrs.evolve(self, committed=total([self.committed, self._in_year(calculations)]))

    def pay(self, calculations: Iterable[Calculation]) -> Budget:
        """A new budget with committed payments moved to ``paid``."""
        amount = self._in_year(calculations)
        return attrs.evolve(
            self, committed=total([self.committed, -amount]), paid=total([self.paid, amount])
        )

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form, the same as ``coproduction.to_dict(self)``."""
        from coproduction._convert import to_dict  # noqa: PLC0415 - the converter imports this

        return to_dict(self)
