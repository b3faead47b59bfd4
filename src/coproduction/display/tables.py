"""Plain-text tables of money results for a terminal: a calculation, a reconciliation, a budget.

The records' ``table()`` methods are one-line delegates to these; the CLI prints them.

>>> import coproduction as cp
>>> claim = cp.load_claim({"id": "c1", "participant": {"id": "p1"}, "activities": [
...     {"id": "a1", "date": "2025-06-10", "kind": "meeting", "minutes": 120, "attended": True}]})
>>> print(calculation_table(cp.calculate(claim, cp.load_policy("blue-heart"))).splitlines()[0])
item            what                                                     amount
"""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING

from coproduction.money import format_pounds

if TYPE_CHECKING:
    from coproduction.rewards.budget import Budget
    from coproduction.rewards.calculation import Calculation
    from coproduction.rewards.reconciliation import Reconciliation

__all__ = ["budget_table", "calculation_table", "reconciliation_table"]


def calculation_table(calc: Calculation) -> str:
    """A calculation's lines, each with its note, then its reward, expenses and total."""
    rows = [f"{'item':<15} {'what':<52} {'amount':>10}"]
    for line in calc.lines:
        rows.append(f"{line.item:<15} {line.what[:52]:<52} {format_pounds(line.amount):>10}")
        if line.note:
            rows.append(f"{'':<15}   {line.note}")
    for name, value in (
        ("Reward", calc.reward),
        ("Expenses", calc.expenses),
        ("Total", calc.total),
    ):
        rows.append(f"{'':<15} {name:<52} {format_pounds(value):>10}")
    return "\n".join(rows)


def _or_unknown(amount: Decimal | None) -> str:
    """An amount for the table; "unknown" when it could not be worked out."""
    return "unknown" if amount is None else format_pounds(amount)


def reconciliation_table(result: Reconciliation) -> str:
    """One row per person and activity with its flags and notes, the totals, and a key to the flags."""  # noqa: E501
    from coproduction.rewards.reconciliation import FLAG_MEANINGS, Flag  # noqa: PLC0415

    head = (
        f"{'person':<8} {'activity':<10} {'date':<10} {'attended':<8} "
        f"{'owed':>10} {'claimed':>10} {'paid':>10} {'difference':>10}"
    )
    rows = [f"Reconciliation of {result.project} under {result.policy}", head]
    for e in result.entries:
        rows.append(
            f"{e.participant or '-':<8} {e.activity or '-':<10} "
            f"{e.date.isoformat() if e.date else '-':<10} {'yes' if e.attended else 'no':<8} "
            f"{_or_unknown(e.owed):>10} {format_pounds(e.claimed):>10} "
            f"{format_pounds(e.paid):>10} {_or_unknown(e.difference):>10}"
        )
        rows += [f"{'':<8} ! {flag.value}" for flag in e.flags]
        rows += [f"{'':<8}   {note}" for note in e.notes]
    rows.append(
        f"{'Total':<39} {format_pounds(result.owed):>10} {format_pounds(result.claimed):>10} "
        f"{format_pounds(result.paid):>10} {format_pounds(result.difference):>10}"
    )
    rows.append(
        f"{'':<8} underpaid {format_pounds(result.underpaid)}, "
        f"overpaid {format_pounds(result.overpaid)}"
    )
    if result.not_worked_out:
        rows.append(
            f"{'':<8} owed and difference leave out {result.not_worked_out} "
            f"{'entry' if result.not_worked_out == 1 else 'entries'} not worked out (unknown)"
        )
    rows.append(f"{len(result.flagged)} of {len(result.entries)} entries flagged")
    shown = {flag for e in result.entries for flag in e.flags}
    if shown:
        rows.append("Flags:")
        rows += [
            f"  {flag.value}: {FLAG_MEANINGS[flag].format(days=result.pay_within_days)}"
            for flag in Flag
            if flag in shown
        ]
    return "\n".join(rows)


def budget_table(budget: Budget) -> str:
    """A budget per category and in total (budget, committed, paid, remaining), then warnings."""
    head = f"{'category':<12} {'budget':>11} {'committed':>11} {'paid':>11} {'remaining':>11}"
    rows = [f"Budget {budget.id or ''} for {budget.period.name}".replace("  ", " "), head]
    for row in [*budget.by_category(), budget.totals()]:
        name = "total" if row.category is None else row.category.value
        rows.append(
            f"{name:<12} {format_pounds(row.budget):>11} {format_pounds(row.committed):>11} "
            f"{format_pounds(row.paid):>11} {format_pounds(row.remaining):>11}"
        )
    rows += [f"  warning: {w}" for w in budget.warnings()]
    return "\n".join(rows)
