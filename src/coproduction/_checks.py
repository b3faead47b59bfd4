"""Construction-time checks for records built in Python: dates, money and closed words.

Files go through the converter, which checks every value. A record built in
Python (``Activity(stage="desing", ...)``) skips it, and would be assessed with
a wrong value. :func:`install` makes each record class check, once per record
when it is made, the fields whose types the package relies on:

- a date field holds a :class:`datetime.date` (not text, not a date with a time),
  between 1900-01-01 and 2199-12-31 (the range loading accepts);
- a money field holds a :class:`decimal.Decimal` (never a float), under
  £1,000,000,000 in size;
- a closed word (an enum such as :class:`~coproduction.project.Stage`) holds a
  member of its enum, also inside a tuple of them.

A wrong value raises :class:`~coproduction.errors.ValidationError` naming the
field. Each class's checks are worked out once, on its first record, so making a
record costs a few ``isinstance`` calls. Records the converter builds skip them
(see :func:`converting`): its hooks have checked the same values already.
"""

from __future__ import annotations

import contextlib
import contextvars
import datetime
import types
import typing
from collections.abc import Callable, Iterator
from decimal import Decimal
from typing import Any

import attrs

from coproduction._vocab import Word
from coproduction.errors import Problem, ValidationError
from coproduction.money import LARGEST

__all__ = ["EARLIEST", "LATEST", "converting", "install"]

#: The dates a record may hold: anything outside is a typing slip (and date arithmetic
#: near year 9999 overflows).
EARLIEST = datetime.date(1900, 1, 1)
LATEST = datetime.date(2199, 12, 31)

Check = Callable[[object], str | None]

_CONVERTING: contextvars.ContextVar[bool] = contextvars.ContextVar("converting", default=False)


@contextlib.contextmanager
def converting() -> Iterator[None]:
    """While the converter builds records: each date, amount and word is checked by its hook.

    >>> from coproduction.project import FeedbackStatus, StatusChange
    >>> StatusChange(date="2024-01-31", status=FeedbackStatus.RECEIVED)
    Traceback (most recent call last):
    ...
    coproduction.errors.ValidationError: 1 problem:
      date: expected a date, such as date(2024, 1, 31)
    >>> with converting():  # the converter's date hook would have read the text as a date
    ...     StatusChange(date="2024-01-31", status=FeedbackStatus.RECEIVED).date
    '2024-01-31'
    """
    token = _CONVERTING.set(True)
    try:
        yield
    finally:
        _CONVERTING.reset(token)


def date_problem(value: object) -> str | None:
    """What is wrong with a date field's value, or None."""
    if isinstance(value, datetime.datetime) or not isinstance(value, datetime.date):
        return "expected a date, such as date(2024, 1, 31)"
    if not EARLIEST <= value <= LATEST:
        return (
            f"{value.isoformat()} is outside the dates a record may hold "
            f"({EARLIEST.isoformat()} to {LATEST.isoformat()})"
        )
    return None


def _money_problem(value: object) -> str | None:
    if not isinstance(value, Decimal) or not value.is_finite():
        return 'expected a Decimal amount such as Decimal("6.80") (never a float)'
    if abs(value) >= LARGEST:
        return "too large: amounts must be under £1,000,000,000"
    return None


def _word_check(cls: type[Word]) -> Check:
    choices = ", ".join(str(m.value) for m in cls)

    def check(value: object) -> str | None:
        if isinstance(value, cls):
            return None
        return f"expected a member of {cls.__name__} (one of {choices})"

    return check


def _leaf_check(tp: Any) -> Check | None:
    if tp is datetime.date:
        return date_problem
    if tp is Decimal:
        return _money_problem
    if isinstance(tp, type) and issubclass(tp, Word):
        return _word_check(tp)
    return None


def _field_check(tp: Any) -> Check | None:
    """The check for a field of type ``tp`` (optional and tuple fields too), if any."""
    args = typing.get_args(tp)
    origin = typing.get_origin(tp)
    if origin in (typing.Union, types.UnionType) and type(None) in args:
        inner = [a for a in args if a is not type(None)]
        leaf = _field_check(inner[0]) if len(inner) == 1 else None
        if leaf is None:
            return None
        return lambda value: None if value is None else leaf(value)
    if origin is tuple and len(args) == 2 and args[1] is Ellipsis:
        each = _leaf_check(args[0])
        if each is None:
            return None

        def check_items(value: object) -> str | None:
            if not isinstance(value, tuple):
                return "expected a tuple"
            for item in value:
                found = each(item)
                if found:
                    return found
            return None

        return check_items
    return _leaf_check(tp)


def _checks_of(cls: type) -> list[tuple[str, Check]]:
    hints = typing.get_type_hints(cls)
    found = []
    for field in attrs.fields(cls):
        check = _field_check(hints.get(field.name))
        if check is not None:
            found.append((field.name, check))
    return found


def _check_record(record: object, checks: list[tuple[str, Check]]) -> None:
    problems = []
    for name, check in checks:
        message = check(getattr(record, name))
        if message:
            problems.append(Problem(name, message))
    if problems:
        raise ValidationError(problems)


def install(*classes: type) -> None:
    """Make each record class check its date, money and word fields when a record is made."""
    for cls in classes:
        _install(cls)


def _install(cls: type) -> None:
    cache: list[list[tuple[str, Check]]] = []

    def check(record: object) -> None:
        if _CONVERTING.get():
            return
        if not cache:
            cache.append(_checks_of(cls))
        _check_record(record, cache[0])

    post_init = cls.__dict__.get("__attrs_post_init__")
    if post_init is not None:  # attrs' __init__ calls it: check before the record's own checks

        def checked_post_init(self: Any) -> None:
            if not _CONVERTING.get():  # (as `check`, without a call for each record loaded)
                check(self)
            post_init(self)

        cls.__attrs_post_init__ = checked_post_init  # type: ignore[attr-defined]
        return
    init = cls.__dict__["__init__"]

    def checked_init(self: Any, *args: Any, **kwargs: Any) -> None:
        init(self, *args, **kwargs)
        check(self)

    checked_init.__doc__ = init.__doc__
    cls.__init__ = checked_init  # type: ignore[misc]
