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

A register can also hold what a council runs its groups by: ``seats`` (the
Involvement Board's "12 resident representatives", Barnet strategy 2022, L.126)
with vacancies and a warning when members exceed them; eligibility ("open to
anyone with experiences of Health and Social Care", L.126: ``lived_experience_
required``); dated roles (a community co-chair "with responsibility for
planning and agenda setting", Barnet case study 2023, L.42); members'
interests (People's Voice members "suggest areas for co-production", Barnet CQC
self-assessment 2024, L.974; the Essex Residents Panel is "a database of
residents who are interested in specific topics", ADASS East of England 2023,
L.749); and, through each activity's ``group``, the meetings it held.

>>> board = Register(id="ib", name="Involvement Board", seats=12,
...                  members=(Member(id="m1", joined=datetime.date(2022, 11, 1)),))
>>> board.vacancies_on(datetime.date(2023, 1, 1))
11
"""

from __future__ import annotations

import datetime
import os
from collections.abc import Iterable, Mapping
from typing import Any

import attrs
from dateutil.relativedelta import relativedelta
from dateutil.rrule import YEARLY, rrule

from coproduction import _checks
from coproduction._convert import structure
from coproduction._records import ids_and_repeats
from coproduction._shown import Shown
from coproduction._vocab import Word
from coproduction.errors import Problem, ValidationError
from coproduction.loading import read_data
from coproduction.periods import Period
from coproduction.project import Activity, Groups, Project

__all__ = ["Member", "Register", "Role", "RoleKind", "load_register", "meetings_of"]


class RoleKind(Word):
    """A role a member can hold in a standing group."""

    CHAIR = "chair"
    CO_CHAIR = "co-chair"
    VICE_CHAIR = "vice-chair"
    OTHER = "other"


@attrs.frozen
class Role:
    """A member's role from ``start`` until ``end`` (None: still held)."""

    member: str
    role: RoleKind
    start: datetime.date
    end: datetime.date | None = None
    responsibilities: str = attrs.field(default="", repr=False)  # e.g. "planning and agenda"

    def held_on(self, day: datetime.date) -> bool:
        """Whether the role was held on ``day``."""
        return self.start <= day and (self.end is None or day <= self.end)


@attrs.frozen
class Member:
    """A member (pseudonymous id) and when they joined and, if they have, left."""

    id: str
    joined: datetime.date
    left: datetime.date | None = None
    groups: Groups = attrs.field(factory=Groups, converter=Groups, repr=False)
    lived_experience: bool | None = None  # None: not recorded
    interests: tuple[str, ...] = attrs.field(default=(), repr=False)  # topics, areas to co-produce

    def __attrs_post_init__(self) -> None:
        if self.left is not None and self.left < self.joined:
            raise ValidationError([Problem("left", "before joined")])

    def member_on(self, day: datetime.date) -> bool:
        """Whether they were a member on ``day``."""
        return self.joined <= day and (self.left is None or day <= self.left)


@attrs.frozen
class Register(Shown):
    """A standing group's members; ``term_years`` and ``first_election`` for an elected board."""

    id: str
    name: str
    organisation: str = ""
    members: tuple[Member, ...] = ()
    term_years: int | None = None
    first_election: datetime.date | None = None
    seats: int | None = None
    eligibility: str = attrs.field(default="", repr=False)  # who can join, in the group's words
    lived_experience_required: bool = False
    roles: tuple[Role, ...] = ()

    def __attrs_post_init__(self) -> None:
        member_ids, problems = ids_and_repeats(self, "members")
        if self.seats is not None and self.seats < 1:
            problems.append(Problem("seats", "must be 1 or more"))
        for index, role in enumerate(self.roles):
            if role.member not in member_ids:
                problems.append(Problem(f"roles[{index}].member", f"no member {role.member!r}"))
            if role.end is not None and role.end < role.start:
                problems.append(Problem(f"roles[{index}].end", "before start"))
        if (self.term_years is None) != (self.first_election is None):
            problems.append(Problem("term_years", "give term_years and first_election together"))
        if self.term_years is not None and self.term_years < 1:
            problems.append(Problem("term_years", "must be 1 or more"))
        if problems:
            raise ValidationError(problems)

    def size_on(self, day: datetime.date) -> int:
        """How many were members on ``day``."""
        return sum(m.member_on(day) for m in self.members)

    def vacancies_on(self, day: datetime.date) -> int | None:
        """Seats not filled on ``day`` (None when the register has no seats; never below 0)."""
        if self.seats is None:
            return None
        return max(self.seats - self.size_on(day), 0)

    def holders(self, role: RoleKind, day: datetime.date) -> tuple[str, ...]:
        """The members holding ``role`` on ``day``."""
        return tuple(r.member for r in self.roles if r.role is role and r.held_on(day))

    def interested_in(self, topic: str, day: datetime.date) -> tuple[str, ...]:
        """Members on ``day`` who listed ``topic`` among their interests (case-insensitive)."""
        wanted = topic.casefold()
        return tuple(
            m.id
            for m in self.members
            if m.member_on(day) and any(i.casefold() == wanted for i in m.interests)
        )

    def warnings_on(self, day: datetime.date) -> tuple[str, ...]:
        """What a council would want to know: more members than seats, members not eligible.

        >>> board = Register(id="ib", name="Board", seats=1, lived_experience_required=True,
        ...     members=(Member(id="m1", joined=datetime.date(2022, 1, 1), lived_experience=True),
        ...              Member(id="m2", joined=datetime.date(2022, 1, 1), lived_experience=False)))
        >>> for warning in board.warnings_on(datetime.date(2022, 6, 1)):
        ...     print(warning)
        Board has 2 members on 2022-06-01 but 1 seat
        Board is for people with lived experience, but 1 member on 2022-06-01 is recorded without it
        """
        found = []
        size = self.size_on(day)
        if self.seats is not None and size > self.seats:
            noun = "seat" if self.seats == 1 else "seats"
            found.append(
                f"{self.name} has {size} members on {day.isoformat()} but {self.seats} {noun}"
            )
        if self.lived_experience_required:
            without = [m for m in self.members if m.member_on(day) and m.lived_experience is False]
            if without:
                noun = "member" if len(without) == 1 else "members"
                found.append(
                    f"{self.name} is for people with lived experience, but {len(without)} "
                    f"{noun} on {day.isoformat()} {'is' if len(without) == 1 else 'are'} "
                    "recorded without it"
                )
        return tuple(found)

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


def meetings_of(
    register: Register, projects: Iterable[Project]
) -> tuple[tuple[str, Activity], ...]:
    """(project id, activity) for every activity the group held (its ``group`` is the register).

    The meetings are ordinary project activities, so they already count in reach and on the
    ladder through the projects that record them; this lists them for the group.
    """
    return tuple(
        (project.id, activity)
        for project in projects
        for activity in project.activities
        if activity.group == register.id
    )


def load_register(source: str | os.PathLike[str] | Mapping[str, Any]) -> Register:
    """A register from a ``.toml``/``.json`` file or a dict."""
    if not isinstance(source, (str, os.PathLike)):
        return structure(source, Register)
    return structure(read_data(source), Register, source=str(source))


_checks.install(Role, Member, Register)
