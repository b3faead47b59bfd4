"""Money: Decimal pounds, exact to the penny, with one rounding rule.

Every amount the package computes is a :class:`decimal.Decimal` in pounds.
**The rounding rule**: a line's amount is rounded once, to the penny, halves
away from zero (``ROUND_HALF_UP``), when the line is made; totals are the
exact sums of rounded lines, so a total always equals the sum of its lines.
Floats are refused wherever money is read, because 0.1 + 0.2 is not 0.3.

>>> pounds("6.80") + pounds(5)
Decimal('11.80')
>>> to_penny(Decimal("12.345"))
Decimal('12.35')
>>> pounds(6.8)
Traceback (most recent call last):
...
ValueError: 6.8 is a float, give a string like "6.80"
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from coproduction.errors import Problem

__all__ = [
    "PENNY",
    "ZERO",
    "amount_problems",
    "format_pounds",
    "pounds",
    "to_penny",
    "total",
]

PENNY = Decimal("0.01")
ZERO = Decimal("0.00")
_NUMBER = re.compile(r"-?\d+(\.\d+)?")


def pounds(value: object) -> Decimal:
    """Read an amount (a Decimal, a whole number, or text like ``"6.80"``); refuse floats."""
    if isinstance(value, bool):
        msg = f'expected an amount like "6.80", got {value!r}'
        raise ValueError(msg)
    if isinstance(value, float):
        msg = f'{value!r} is a float, give a string like "{value:.2f}"'
        raise ValueError(msg)
    if isinstance(value, Decimal):
        if not value.is_finite():
            msg = f"{value} is not an amount"
            raise ValueError(msg)
        return value
    if isinstance(value, int):
        return Decimal(value)
    if isinstance(value, str) and _NUMBER.fullmatch(value.strip()):
        try:
            return Decimal(value.strip())
        except InvalidOperation:  # the pattern admits only valid numbers
            pass
    msg = f'not an amount: {str(value)[:20]!r} (give a string like "6.80")'
    raise ValueError(msg)


def amount_problems(where: str, amount: Decimal | None, *, pennies: bool = True) -> list[Problem]:
    """Problems with an amount read from a file: negative, or (``pennies``) finer than a penny.

    Rates (per mile, per hour) may be finer than a penny, so they pass ``pennies=False``.
    """
    if amount is None:
        return []
    if amount < 0:
        return [Problem(where, f"must not be negative, not {amount}")]
    if pennies and amount != amount.quantize(PENNY):
        return [Problem(where, f"{amount} has more than two decimal places")]
    return []


def to_penny(amount: Decimal) -> Decimal:
    """Round to the penny, halves away from zero: the package's one rounding rule."""
    return amount.quantize(PENNY, rounding=ROUND_HALF_UP)


def total(amounts: Iterable[Decimal]) -> Decimal:
    """The exact sum of amounts, shown to the penny."""
    return sum(amounts, ZERO).quantize(PENNY)


def format_pounds(amount: Decimal) -> str:
    """``£1,234.50`` (a minus sign before the pound sign for negatives)."""
    sign = "-" if amount < 0 else ""
    return f"{sign}£{abs(amount):,.2f}"
