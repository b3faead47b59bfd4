"""The package's exceptions.

Every error the package raises on purpose is a :class:`CoproductionError`.
Each specific error also subclasses the matching built-in, so callers may
catch either (``except ValueError`` keeps working for a
:class:`ValidationError`).

>>> import coproduction as cp
>>> try:
...     cp.load_project({"id": "x"})
... except cp.ValidationError as error:
...     print(error.problems[0])
title: required field missing
"""

from __future__ import annotations

from collections.abc import Iterable

import attrs

__all__ = [
    "CoproductionError",
    "MissingDependencyError",
    "Problem",
    "ValidationError",
    "raise_problems",
]


class CoproductionError(Exception):
    """Base class of every error raised by ``coproduction``."""


@attrs.frozen
class Problem:
    """One thing wrong with an input, and where it is.

    ``where`` is a field path such as ``activities[2].date`` (empty for the
    record as a whole). Messages never quote free text or personal fields; they
    quote only short coded values such as an enum word or a date.

    >>> print(Problem("activities[2].date", "not a date: '2020-13-01'"))
    activities[2].date: not a date: '2020-13-01'
    """

    where: str
    message: str

    def __str__(self) -> str:
        return f"{self.where}: {self.message}" if self.where else self.message

    def under(self, prefix: str) -> Problem:
        """The same problem, with its path placed under ``prefix``."""
        if not prefix:
            return self
        if not self.where:
            return Problem(prefix, self.message)
        joiner = "" if self.where.startswith("[") else "."
        return Problem(f"{prefix}{joiner}{self.where}", self.message)


class ValidationError(CoproductionError, ValueError):
    """An input (a record, a file, a dict) is not valid.

    ``problems`` lists every problem found, each with its location, so a
    council importing a spreadsheet can fix them all at once. ``source`` names
    the file (or other input) the problems were found in, when known.
    """

    def __init__(self, problems: Iterable[Problem], source: str | None = None) -> None:
        self.problems: tuple[Problem, ...] = tuple(problems)
        self.source = source
        super().__init__(self._message())

    def _message(self) -> str:
        count = len(self.problems)
        head = f"{count} problem{'s' if count != 1 else ''}"
        if self.source:
            head += f" in {self.source}"
        return head + ":\n" + "\n".join(f"  {p}" for p in self.problems)

    def lines(self) -> list[str]:
        """One line per problem, prefixed with the source when known."""
        prefix = f"{self.source}: " if self.source else ""
        return [f"{prefix}{p}" for p in self.problems]

    def __reduce__(self) -> tuple[type[ValidationError], tuple[tuple[Problem, ...], str | None]]:
        return (type(self), (self.problems, self.source))


def raise_problems(problems: Iterable[Problem]) -> None:
    """Raise a :class:`ValidationError` listing ``problems``, if there are any."""
    found = tuple(problems)
    if found:
        raise ValidationError(found)


class MissingDependencyError(CoproductionError, ImportError):
    """An optional extra (such as pandas) is needed for this call."""
