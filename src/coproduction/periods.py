"""Periods councils count in: weeks, calendar months, tax years and financial years.

Dates are :class:`datetime.date`; period arithmetic uses python-dateutil.

>>> import datetime
>>> Period.financial_year(2022)
Period(start=datetime.date(2022, 4, 1), end=datetime.date(2023, 3, 31))
>>> Period.tax_year_of(datetime.date(2025, 4, 5)).label
'tax year 2024/25'
>>> Period.week_of(datetime.date(2025, 6, 11)).label
'week 9-15 June 2025'
"""

from __future__ import annotations

import datetime

import attrs
from dateutil.relativedelta import relativedelta

from coproduction.errors import Problem, ValidationError

__all__ = ["Period", "month_start", "tax_year_start", "week_start"]


@attrs.frozen
class Period:
    """A run of days from ``start`` to ``end``, both included."""

    start: datetime.date
    end: datetime.date
    name: str = attrs.field(default="", eq=False, repr=False)

    def __attrs_post_init__(self) -> None:
        if self.end < self.start:
            raise ValidationError([Problem("end", "end before start")])

    def __contains__(self, day: object) -> bool:
        return isinstance(day, datetime.date) and self.start <= day <= self.end

    @property
    def label(self) -> str:
        """A short name for the period, for messages."""
        return self.name or f"{self.start.isoformat()} to {self.end.isoformat()}"

    @property
    def days(self) -> int:
        """How many days the period covers."""
        return (self.end - self.start).days + 1

    @classmethod
    def financial_year(cls, year: int) -> Period:
        """1 April ``year`` to 31 March the year after (the councils' reporting year)."""
        start = datetime.date(year, 4, 1)
        return cls(start, start + relativedelta(years=1, days=-1), f"{year}-{(year + 1) % 100:02d}")

    @classmethod
    def financial_year_of(cls, day: datetime.date) -> Period:
        """The financial year (April to March) that ``day`` falls in."""
        return cls.financial_year(day.year if day.month >= 4 else day.year - 1)

    @classmethod
    def tax_year_of(cls, day: datetime.date) -> Period:
        """The UK tax year (6 April to 5 April) that ``day`` falls in."""
        start = tax_year_start(day)
        year = start.year
        return cls(start, datetime.date(year + 1, 4, 5), f"tax year {year}/{(year + 1) % 100:02d}")

    @classmethod
    def week_of(cls, day: datetime.date) -> Period:
        """The Monday-to-Sunday week that ``day`` falls in."""
        monday = week_start(day)
        sunday = monday + datetime.timedelta(days=6)
        if monday.month == sunday.month:
            name = f"week {monday.day}-{sunday.day} {sunday:%B %Y}"
        else:
            name = f"week {monday.day} {monday:%B}-{sunday.day} {sunday:%B %Y}"
        return cls(monday, sunday, name)

    def quarters(self) -> tuple[Period, ...]:
        """The period in runs of three calendar months from its start; the last may be shorter.

        For a financial year these are the councils' quarters Q1 (April to June) to Q4.

        >>> [q.name for q in Period.financial_year(2022).quarters()]
        ['Q1 Apr-Jun 2022', 'Q2 Jul-Sep 2022', 'Q3 Oct-Dec 2022', 'Q4 Jan-Mar 2023']
        """
        found: list[Period] = []
        start = self.start
        while start <= self.end:
            end = min(start + relativedelta(months=3, days=-1), self.end)
            name = f"Q{len(found) + 1} {start:%b}-{end:%b %Y}"
            found.append(Period(start, end, name))
            start = end + relativedelta(days=1)
        return tuple(found)

    @classmethod
    def month_of(cls, day: datetime.date) -> Period:
        """The calendar month that ``day`` falls in."""
        first = day.replace(day=1)
        return cls(first, first + relativedelta(months=1, days=-1), f"{first:%B %Y}")


def week_start(day: datetime.date) -> datetime.date:
    """The Monday of the Monday-to-Sunday week ``day`` falls in (cheap: no Period built)."""
    return day - datetime.timedelta(days=day.weekday())


def month_start(day: datetime.date) -> datetime.date:
    """The first day of the calendar month ``day`` falls in."""
    return day.replace(day=1)


def tax_year_start(day: datetime.date) -> datetime.date:
    """The 6 April that starts the UK tax year ``day`` falls in."""
    year = day.year if (day.month, day.day) >= (4, 6) else day.year - 1
    return datetime.date(year, 4, 6)
