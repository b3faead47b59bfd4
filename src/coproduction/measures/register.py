"""The register of a standing group: People's Voice, an Involvement Board.

Members join and leave on dates; the register gives the group's size on a day,
who joined and left in a period, and, for a board elected for fixed terms,
when the next election falls (Barnet's Involvement Board has 12 resident
representatives elected every two years: Barnet Engagement and Co-production
Strategy 2022, section 2C).

>>> import datetime
>>> board = Register(id="ib", name="Involvement Board", organisation="LB Barnet",
...                  term_years=2, first_election=datetime.date(2022, 11, 1))
>>> board.next_election(after=datetime.date(2025, 3, 1))
datetime.date(2026, 11, 1)
"""

from __future__ import annotations

import datetime
import os
from collections.abc import Mapping
from typing import Any

import attrs
from dateutil.relativedelta import relativedelta
from dateutil.rrule import YEARLY, rrule

from coproduction._convert import structure
from coproduction._records import ids_and_repeats
from coproduction.errors import Problem, ValidationError
from coproduction.loading import read_data
from coproduction.periods import Period
from coproduction.project import Groups

__all__ = ["Member", "Register", "load_register"]


@attrs.frozen
class Member:
    """A member (pseudonymous id) and when they joined and, if they have, left."""

    id: str
    joined: datetime.date
    left: datetime.date | None = None
    groups: Groups = attrs.field(factory=Groups, converter=Groups, repr=False)

    def __attrs_post_init__(self) -> None:
        if self.left is not None and self.left < self.joined:
            raise ValidationError([Problem("left", "before joined")])

    def member_on(self, day: datetime.date) -> bool:
        """Whether they were a member on ``day``."""
        return self.joined <= day and (self.left is None or day <= self.left)


@attrs.frozen
class Register:
    """A standing group's members; ``term_years`` and ``first_election`` for an elected board."""

    id: str
    name: str
    organisation: str = ""
    members: tuple[Member, ...] = ()
    term_years: int | None = None
    first_election: datetime.date | None = None

    def __attrs_post_init__(self) -> None:
        _, problems = ids_and_repeats(self, "members")
        if (self.term_years is None) != (self.first_election is None):
            problems.append(Problem("term_years", "give term_years and first_election together"))
        if self.term_years is not None and self.term_years < 1:
            problems.append(Problem("term_years", "must be 1 or more"))
        if problems:
            raise ValidationError(problems)

    def size_on(self, day: datetime.date) -> int:
        """How many were members on ``day``."""
        return sum(m.member_on(day) for m in self.members)

    def joiners(self, period: Period) -> tuple[Member, ...]:
        """Members who joined during ``period``."""
        return tuple(m for m in self.members if m.joined in period)

    def leavers(self, period: Period) -> tuple[Member, ...]:
        """Members who left during ``period``."""
        return tuple(m for m in self.members if m.left is not None and m.left in period)

    def next_election(self, after: datetime.date) -> datetime.date | None:
        """The first election date after ``after`` (None for a group that is not elected)."""
        if self.term_years is None or self.first_election is None:
            return None
        start = datetime.datetime.combine(self.first_election, datetime.time())
        dates = rrule(YEARLY, interval=self.term_years, dtstart=start)
        following = dates.after(datetime.datetime.combine(after, datetime.time()))
        if following is None:  # an unbounded rule always has a next date
            return None
        return following.date()

    def term_of(self, day: datetime.date) -> Period | None:
        """The term that ``day`` falls in (None before the first election)."""
        if self.term_years is None or self.first_election is None or day < self.first_election:
            return None
        start = self.first_election
        while start + relativedelta(years=self.term_years) <= day:
            start += relativedelta(years=self.term_years)
        return Period(start, start + relativedelta(years=self.term_years, days=-1))

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form, the same as ``coproduction.to_dict(self)``."""
        from coproduction._convert import to_dict  # noqa: PLC0415 - the converter imports this

        return to_dict(self)


def load_register(source: str | os.PathLike[str] | Mapping[str, Any]) -> Register:
    """A register from a ``.toml``/``.json`` file or a dict."""
    if not isinstance(source, (str, os.PathLike)):
        return structure(source, Register)
    return structure(read_data(source), Register, source=str(source))
