"""Money: Decimal pounds, exact to the penny, with one rounding rule.

Every amount the package computes is a :class:`decimal.Decimal` in pounds.
**The rounding rule**: a line's amount is rounded once, to the penny, halves
away from zero (``ROUND_HALF_UP``), when the line is made; totals are the
exact sums of rounded lines, so a total always equals the sum of its lines.
The same rule (:func:`to_penny`) is used wherever an amount is shown to the
penny: :func:`total` and :func:`format_pounds` round half up too.
Floats are refused wherever money is read, because 0.1 + 0.2 is not 0.3, and so
are amounts of a billion pounds or more (:data:`LARGEST`): no co-production
budget is that large, so such a figure is a typing slip, and refusing it keeps
every sum exact within the decimal context.

>>> pounds("6.80") + pounds(5)
Decimal('11.80')
>>> to_penny(Decimal("12.345"))
Decimal('12.35')
>>> format_pounds(Decimal("0.125"))
'£0.13'
>>> pounds(6.8)
Traceback (most recent call last):
...
coproduction.errors.ValidationError: 1 problem:
  6.8 is a float, give a string like "6.80"
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from decimal import ROUND_HALF_UP, Decimal

from coproduction.errors import Problem, ValidationError

__all__ = [
    "LARGEST",
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
#: Amounts must be smaller than this in size (a billion pounds): larger is a slip.
LARGEST = Decimal(1_000_000_000)


def _refuse(message: str) -> ValidationError:
    return ValidationError([Problem("", message)])


def pounds(value: object) -> Decimal:
    """Read an amount (a Decimal, a whole number, or text like ``"6.80"``); refuse floats.

    A refused value raises :class:`~coproduction.errors.ValidationError` (also a
    ``ValueError``), whose one problem says what is wrong.
    """
    if isinstance(value, bool):
        raise _refuse(f'expected an amount like "6.80", got {value!r}')
    if isinstance(value, float):
        shown = f"{value:.2f}" if abs(value) < LARGEST else "6.80"
        raise _refuse(f'{value!r} is a float, give a string like "{shown}"')
    amount: Decimal | None = None
    if isinstance(value, Decimal):
        if not value.is_finite():
            raise _refuse(f"{value} is not an amount")
        amount = value
    elif isinstance(value, int):
        if abs(value) < LARGEST:
            amount = Decimal(value)
    elif isinstance(value, str) and len(value) < 40 and _NUMBER.fullmatch(value.strip()):
        amount = Decimal(value.strip())
    elif isinstance(value, str) and len(value) <= 12 and " " not in value.strip():
        raise _refuse(f'not an amount: {value!r} (give a string like "6.80")')
    else:
        raise _refuse('not an amount (give a string like "6.80")')
    if amount is None or abs(amount) >= LARGEST:
        raise _refuse("too large: amounts must be under £1,000,000,000")
    return amount


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
    return to_penny(sum(amounts, ZERO))


def format_pounds(amount: Decimal) -> str:
    """``£1,234.50`` (a minus sign before the pound sign for negatives)."""
    rounded = to_penny(amount)
    sign = "-" if rounded < 0 else ""
    return f"{sign}£{abs(rounded):,}"
