"""Small-number suppression for figures meant for publication.

Published equality figures about small groups can identify people. Decidim
refuses demographic exports under a minimum total (5 by default); NHS and ONS
practice is to suppress or round small cells (sources below).

The package's rule, for every set of published figures that add up
(a *relation*: a row and its total, the people at the start of the year plus
those who joined equal those at the end plus those who left, ...):

1. **Primary**: a count from 1 to ``min_count - 1`` is suppressed. A zero is
   shown: it says nobody, and so identifies nobody.
2. **Secondary**: if exactly one figure of a relation is suppressed, or the
   suppressed figures on one side of it add up to less than ``min_count`` or to
   one per figure (two cells of 1 add up to 2, which gives both away), another
   *non-zero* figure of the relation is suppressed too, so no hidden figure can
   be worked out from the others. The one taken is the figure in the fewest
   relations (a total that other tables share is taken last: hiding it would
   spread to all of them), then the smallest, then the first. A zero is never
   the secondary figure: a group with nobody in it is often known to be empty
   (the adversary would take it as 0 and subtract). This repeats over every
   relation until none can be undone; if a relation has nothing left to hide
   but its zeros, they are hidden too (so a hidden figure may then be a zero).
3. Figures published before (last year's report) cannot be hidden again: a
   relation that reaches back to them is protected with this year's figures.
4. Every share, median or longest wait worked out from a suppressed count is
   suppressed with it.

This follows the practice of the UK statistical offices: the ONS statistical
disclosure control policy (https://www.ons.gov.uk/aboutus/transparencyandgovernance/
datastrategy/datapolicies/statisticaldisclosurecontrol) asks that published
outputs not let a person be identified, and NHS Digital's disclosure control for
Hospital Episode Statistics (https://digital.nhs.uk/data-and-information/
data-tools-and-services/data-services/hospital-episode-statistics/
change-to-disclosure-control-methodology-for-hes-and-ecds-from-september-2018)
describes the method used here: small values replaced, then secondary
suppression checked so that the other values cannot be used to recalculate them.
How the annual report joins its tables into relations is in ``docs/measures.md``.

>>> row = suppress_row({"White": 40, "Asian": 3, "Black": 9, "Mixed": 12}, min_count=5)
>>> row.cells
{'White': 40, 'Asian': None, 'Black': None, 'Mixed': 12}
>>> row.total, row.suppressed
(64, ('Asian', 'Black'))
>>> suppress_row({"White": 40, "Asian": 3, "Mixed": 0}).cells  # never a zero as the secondary
{'White': None, 'Asian': None, 'Mixed': 0}

Figures that add up across tables are suppressed together:

>>> figures = {"people": 53, "listed": 50, "counted": 3, "new": 20, "returning": 30}
>>> sorted(suppress(figures, [Relation(("listed", "counted"), ("people",)),
...                           Relation(("new", "returning"), ("listed",))]))
['counted', 'people']
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping, Sequence

import attrs

__all__ = [
    "DEFAULT_MIN_COUNT",
    "SUPPRESSED",
    "Relation",
    "SuppressedRow",
    "SuppressedTable",
    "breakdown_row",
    "shown",
    "suppress",
    "suppress_row",
    "suppress_table",
]

DEFAULT_MIN_COUNT = 5
SUPPRESSED = "suppressed"  # how a suppressed figure is written in published output
_TOTAL = "\x00total"  # a row's own total, kept apart from any cell's name


@attrs.frozen
class Relation:
    """Published figures that add up: the ``parts`` together equal the ``equals`` together.

    Each is a figure's name: ``Relation(("new", "returning"), ("listed",))``.
    """

    parts: tuple[str, ...]
    equals: tuple[str, ...]

    @property
    def members(self) -> tuple[str, ...]:
        """Every figure in the relation, parts first."""
        return self.parts + self.equals


def suppress(
    figures: Mapping[str, int],
    relations: Sequence[Relation] = (),
    min_count: int = DEFAULT_MIN_COUNT,
    *,
    known: Mapping[str, bool] | None = None,
    not_people: Collection[str] = (),
    also: Iterable[str] = (),
) -> frozenset[str]:
    """The names of the figures to suppress so that none can be worked out (see the module).

    ``known`` holds figures already published (name: whether they were suppressed
    then), which stay as they were; ``not_people`` are figures that are not counts
    of people (seats, vacancies), hidden only to protect others; ``also`` are figures
    to hide whatever their size.
    """
    known = known or {}
    hidden = {
        name
        for name, value in figures.items()
        if name not in known and name not in not_people and 0 < value < min_count
    }
    hidden.update(name for name in also if name in figures and name not in known)
    hidden.update(name for name, was_hidden in known.items() if was_hidden)
    degree: dict[str, int] = {}
    for relation in relations:
        for name in relation.members:
            degree[name] = degree.get(name, 0) + 1
    order = {name: index for index, name in enumerate(figures)}
    every = _expanded(relations)
    changed = True
    while changed:
        changed = False
        for relation in every:
            if not _unsafe(relation, figures, hidden, min_count):
                continue
            free = [m for m in relation.members if m not in hidden and m not in known]
            others = [m for m in free if figures[m] > 0]
            if others:
                hidden.add(min(others, key=lambda m: (degree[m], figures[m], order[m])))
                changed = True
            elif free:  # only zeros left: hide them too, so a hidden figure may be a zero
                hidden.update(free)
                changed = True
    return frozenset(hidden)


def _expanded(relations: Sequence[Relation]) -> list[Relation]:
    """The relations, and those made by putting a figure's own parts in its place.

    The items answered are those that changed something plus those not possible,
    and those that changed something are the accepted plus the implemented: so the
    answered are the accepted, the implemented and the not possible, and hidden
    figures among those three must be safe together too.
    """
    every = list(relations)
    seen = {(frozenset(r.parts), r.equals) for r in every}
    for relation in every:  # grows as it goes: each new one is expanded in turn
        if len(relation.equals) != 1:
            continue
        for part in relation.parts:
            for inner in relations:
                if inner.equals != (part,) or part in inner.parts:
                    continue
                parts = tuple(p for p in relation.parts if p != part) + inner.parts
                key = (frozenset(parts), relation.equals)
                if relation.equals[0] not in parts and key not in seen and len(every) < 500:
                    seen.add(key)
                    every.append(Relation(parts, relation.equals))
    return every


def _unsafe(
    relation: Relation, figures: Mapping[str, int], hidden: Collection[str], min_count: int
) -> bool:
    """Whether the relation's hidden figures can be worked out from the rest of it."""
    parts = [m for m in relation.parts if m in hidden]
    equals = [m for m in relation.equals if m in hidden]
    if len(parts) + len(equals) != 1:
        if parts and equals:
            return False  # only their difference is known
        side = parts or equals
        if not side:
            return False
        # Their sum is known: small (all of them small) or one per figure gives them away.
        added = sum(figures[m] for m in side)
        return added < min_count or added == len(side)
    return True


@attrs.frozen
class SuppressedRow:
    """A row of counts ready to publish: ``None`` marks a suppressed cell or total."""

    cells: dict[str, int | None]
    total: int | None
    suppressed: tuple[str, ...]


def suppress_row(
    counts: Mapping[str, int], min_count: int = DEFAULT_MIN_COUNT, *, also: Iterable[str] = ()
) -> SuppressedRow:
    """Apply primary and secondary suppression to one row of counts and its total.

    ``also`` names cells to hide whatever their size.
    """
    figures = {**counts, _TOTAL: sum(counts.values())}
    hidden = suppress(figures, [Relation(tuple(counts), (_TOTAL,))], min_count, also=also)
    cells = {k: (None if k in hidden else v) for k, v in counts.items()}
    total = None if _TOTAL in hidden else figures[_TOTAL]
    return SuppressedRow(cells, total, tuple(k for k in counts if k in hidden))


def breakdown_row(
    counts: Mapping[str, int], min_count: int = DEFAULT_MIN_COUNT, *, total_hidden: bool = False
) -> SuppressedRow:
    """A breakdown of a published total into categories that may overlap (people by stage).

    The breakdown's sum is not published, but it bounds the total: everyone is in
    at least one category. So when the total is suppressed and the breakdown would
    show every cell, its smallest non-zero cell is suppressed (with a second, by
    the row's rule), and its sum can no longer give the total away.

    >>> breakdown_row({"in person": 30, "online": 21}, total_hidden=True).cells
    {'in person': None, 'online': None}
    """
    row = suppress_row(counts, min_count)
    if total_hidden and not row.suppressed and any(counts.values()):
        smallest = min((k for k in counts if counts[k] > 0), key=lambda k: counts[k])
        row = suppress_row(counts, min_count, also=[smallest])
    return row


def shown(value: int | None) -> int | str:
    """A published count: the number, or ``"suppressed"``."""
    return SUPPRESSED if value is None else value


TOTAL = "total"  # the key of a table's margins in :class:`SuppressedTable`


@attrs.frozen
class SuppressedTable:
    """A two-way table ready to publish: ``None`` marks a suppressed cell or margin.

    ``cells[row][column]``; ``row_totals[row]``; ``column_totals[column]``; ``total``.
    ``suppressed`` lists the hidden entries as ``(row, column)``, with ``"total"`` for a
    margin (``(row, "total")`` is a row's total, ``("total", column)`` a column's).
    """

    cells: dict[str, dict[str, int | None]]
    row_totals: dict[str, int | None]
    column_totals: dict[str, int | None]
    total: int | None
    suppressed: tuple[tuple[str, str], ...]


def suppress_table(
    rows: Mapping[str, Mapping[str, int]], min_count: int = DEFAULT_MIN_COUNT
) -> SuppressedTable:
    """Suppress a table whose rows, columns and margins are all published (e.g. answers by group).

    Every row and every column, with its total, is a row in the sense of
    :func:`suppress_row`, and the margins form two more: the rules there apply to
    each, over and over, until none needs another cell hidden, so a hidden cell
    cannot be worked out from its row's or its column's total. A row or column
    with nothing left to hide hides its total instead.

    >>> table = suppress_table({"White": {"agree": 40, "disagree": 6},
    ...                         "Asian": {"agree": 9, "disagree": 2},
    ...                         "Black": {"agree": 12, "disagree": 5}})
    >>> table.cells["Asian"], table.cells["Black"]  # Black's hidden so Asian's can't be found
    ({'agree': None, 'disagree': None}, {'agree': None, 'disagree': None})
    >>> table.row_totals, table.column_totals
    ({'White': 46, 'Asian': 11, 'Black': 17}, {'agree': 61, 'disagree': 13})
    """
    columns = list(dict.fromkeys(c for row in rows.values() for c in row))
    values: dict[tuple[str, str], int] = {}
    for r, row in rows.items():
        for c in columns:
            values[(r, c)] = row.get(c, 0)
        values[(r, TOTAL)] = sum(row.values())
    for c in columns:
        values[(TOTAL, c)] = sum(values[(r, c)] for r in rows)
    values[(TOTAL, TOTAL)] = sum(values[(r, TOTAL)] for r in rows)
    # Each line: its cells, then its total.
    lines = [([(r, c) for c in columns], (r, TOTAL)) for r in rows]
    lines += [([(r, c) for r in rows], (TOTAL, c)) for c in columns]
    lines += [([(TOTAL, c) for c in columns], (TOTAL, TOTAL))]
    lines += [([(r, TOTAL) for r in rows], (TOTAL, TOTAL))]
    hidden = {key for key, value in values.items() if 0 < value < min_count}
    changed = True
    while changed:
        changed = False
        for cells, total in lines:
            more = _to_hide(values, cells, total, hidden, min_count)
            if more is not None:
                hidden.add(more)
                changed = True

    def shown_at(key: tuple[str, str]) -> int | None:
        return None if key in hidden else values[key]

    return SuppressedTable(
        cells={r: {c: shown_at((r, c)) for c in columns} for r in rows},
        row_totals={r: shown_at((r, TOTAL)) for r in rows},
        column_totals={c: shown_at((TOTAL, c)) for c in columns},
        total=shown_at((TOTAL, TOTAL)),
        suppressed=tuple(key for key in values if key in hidden),
    )


def _to_hide(
    values: Mapping[tuple[str, str], int],
    cells: list[tuple[str, str]],
    total: tuple[str, str],
    hidden: set[tuple[str, str]],
    min_count: int,
) -> tuple[str, str] | None:
    """The next entry of one line to hide, or None when the line is safe as it is."""
    gone = [k for k in cells if k in hidden]
    if total in hidden:
        # A hidden total is the sum of its cells: safe only with a cell hidden beside it.
        if gone or values[total] == 0:
            return None
    else:
        added = sum(values[k] for k in gone)
        # As in suppress_row: one hidden cell, or hidden cells adding up to a small number
        # (or to one each), can be worked out from the total.
        if not gone or (len(gone) > 1 and added >= min_count and added != len(gone)):
            return None
    others = [k for k in cells if k not in hidden and values[k] > 0]
    if others:
        return min(others, key=lambda k: values[k])
    return None if total in hidden else total
