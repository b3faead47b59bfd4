r"""The reference population that participants are compared with.

A population file is the council's own data, supplied with its source. The
package reads a CSV with the columns ``field,group,share,source``: one row per
group, ``share`` between 0 and 1, ``field`` matching the key in participants'
``groups`` (e.g. ``ethnicity``), ``source`` citing where the share comes from.
A field's shares must add up to 1 (within 0.01, for rounding in published
tables).

>>> population = parse_population_csv(
...     "field,group,share,source\n"
...     "carer,yes,0.1,Census 2021\n"
...     "carer,no,0.9,Census 2021\n"
... )
>>> population.shares("carer")
{'yes': Decimal('0.1'), 'no': Decimal('0.9')}
"""

from __future__ import annotations

import os
from decimal import Decimal, InvalidOperation

import attrs

from coproduction._shown import Shown
from coproduction.errors import Problem, ValidationError
from coproduction.loading import csv_rows, read_file

__all__ = ["Population", "PopulationGroup", "load_population", "parse_population_csv"]

TOLERANCE = Decimal("0.01")
_COLUMNS = ("field", "group", "share", "source")


@attrs.frozen
class PopulationGroup:
    """One group's share of the reference population, with its source."""

    field: str
    group: str
    share: Decimal
    source: str


@attrs.frozen
class Population(Shown):
    """Reference shares by field and group."""

    groups: tuple[PopulationGroup, ...]

    @property
    def fields(self) -> tuple[str, ...]:
        """The fields the population covers, in file order."""
        return tuple(dict.fromkeys(g.field for g in self.groups))

    def shares(self, field: str) -> dict[str, Decimal]:
        """Each group's share for ``field``; ValidationError if the population lacks it."""
        found = {g.group: g.share for g in self.groups if g.field == field}
        if not found:
            known = ", ".join(self.fields) or "none"
            raise ValidationError(
                [Problem("by", f"the population has no field {field!r} (it has: {known})")]
            )
        return found

    def source(self, field: str) -> str:
        """The sources cited for ``field``, joined."""
        return "; ".join(dict.fromkeys(g.source for g in self.groups if g.field == field))


def parse_population_csv(text: str, source: str = "population.csv") -> Population:
    """A population from CSV text; every problem named with its row."""
    table = csv_rows(text, source)
    header = table[0] if table else []
    reader = [dict(zip(header, row, strict=False)) for row in table[1:] if row]
    missing = [c for c in _COLUMNS if c not in header]
    if missing:
        raise ValidationError(
            [Problem("header", f"missing column(s): {', '.join(missing)}")], source
        )
    problems: list[Problem] = []
    groups = []
    seen: set[tuple[str, str]] = set()
    for number, row in enumerate(reader, start=2):
        where = f"row {number}"
        field, group = (row.get("field") or "").strip(), (row.get("group") or "").strip()
        cited = (row.get("source") or "").strip()
        text_share = (row.get("share") or "").strip()
        for column, value in (("field", field), ("group", group), ("source", cited)):
            if not value:
                problems.append(Problem(f"{where}, column {column}", "required"))
        try:
            share = Decimal(text_share)
            if not share.is_finite():
                raise InvalidOperation
        except InvalidOperation:
            problems.append(Problem(f"{where}, column share", f"not a number: {text_share[:20]!r}"))
            continue
        if not Decimal(0) <= share <= Decimal(1):
            problems.append(Problem(f"{where}", f"share {share} is not between 0 and 1"))
            continue
        if (field, group) in seen:
            problems.append(Problem(f"{where}", f"{field} {group!r} is listed twice"))
            continue
        seen.add((field, group))
        if field and group and cited:
            groups.append(PopulationGroup(field, group, share, cited))
    population = Population(tuple(groups))
    for field in population.fields:
        added = sum((g.share for g in groups if g.field == field), Decimal(0))
        if abs(added - 1) > TOLERANCE:
            problems.append(
                Problem(
                    "column share",
                    f"shares for {field} add up to {added}, not 1 (within {TOLERANCE})",
                )
            )
    if problems:
        raise ValidationError(problems, source)
    return population


def load_population(path: str | os.PathLike[str]) -> Population:
    """A population from a CSV file (see the module docstring for its columns)."""
    return parse_population_csv(read_file(path), str(path))
