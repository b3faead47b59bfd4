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

    Every row and every column adds up to its total, and the margins to the
    grand total: these relations are solved together by :func:`suppress`, the
    one engine every published table uses, so a hidden cell cannot be worked out
    from its row's or its column's total, nor from the two together.

    >>> table = suppress_table({"White": {"agree": 40, "disagree": 6},
    ...                         "Asian": {"agree": 9, "disagree": 2},
    ...                         "Black": {"agree": 12, "disagree": 5}})
    >>> table.cells["Asian"], table.cells["Black"]  # Black's hidden so Asian's can't be found
    ({'agree': None, 'disagree': None}, {'agree': None, 'disagree': None})
    >>> table.row_totals, table.column_totals
    ({'White': 46, 'Asian': 11, 'Black': 17}, {'agree': 61, 'disagree': 13})
    """
    columns = list(dict.fromkeys(c for row in rows.values() for c in row))
    keys: dict[str, tuple[str, str]] = {}  # each entry under one name for :func:`suppress`

    def name(row: str, column: str) -> str:
        key = f"{len(keys)}"
        keys[key] = (row, column)
        return key

    figures: dict[str, int] = {}
    cell: dict[tuple[str, str], str] = {}
    row_total: dict[str, str] = {}
    for r, row in rows.items():  # each row's cells, then its total
        for c in columns:
            cell[(r, c)] = name(r, c)
            figures[cell[(r, c)]] = row.get(c, 0)
        row_total[r] = name(r, TOTAL)
        figures[row_total[r]] = sum(row.values())
    column_total = {c: name(TOTAL, c) for c in columns}
    grand = name(TOTAL, TOTAL)
    for c in columns:
        figures[column_total[c]] = sum(rows[r].get(c, 0) for r in rows)
    figures[grand] = sum(figures[row_total[r]] for r in rows)
    relations = [Relation(tuple(cell[(r, c)] for c in columns), (row_total[r],)) for r in rows]
    relations += [Relation(tuple(cell[(r, c)] for r in rows), (column_total[c],)) for c in columns]
    relations += [
        Relation(tuple(column_total.values()), (grand,)),
        Relation(tuple(row_total.values()), (grand,)),
    ]
    hidden = suppress(figures, relations, min_count)

    def shown_at(key: str) -> int | None:
        return None if key in hidden else figures[key]

    return SuppressedTable(
        cells={r: {c: shown_at(cell[(r, c)]) for c in columns} for r in rows},
        row_totals={r: shown_at(row_total[r]) for r in rows},
        column_totals={c: shown_at(column_total[c]) for c in columns},
        total=shown_at(grand),
        suppressed=tuple(keys[k] for k in figures if k in hidden),
    )
