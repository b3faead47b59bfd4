"""Small-number suppression for figures meant for publication.

Published equality figures about small groups can identify people. Decidim
refuses demographic exports under a minimum total (5 by default); NHS and ONS
practice is to suppress or round small cells (sources below).

The package's rule, for every published row of counts:

1. **Primary**: a count from 1 to ``min_count - 1`` is suppressed. A zero is
   shown: it says nobody, and so identifies nobody.
2. **Secondary**: if exactly one cell of a row is suppressed, or the
   suppressed cells add up to less than ``min_count`` or to one per cell (two
   cells of 1 add up to 2, which gives both away), the smallest other
   *non-zero* cell (ties: the first in the row's order) is suppressed too, so
   no hidden cell can be worked out by subtracting the others from the total.
   A zero is never the secondary cell: a group with nobody in it is often
   known to be empty (the adversary would take it as 0 and subtract). This
   repeats until the suppressed cells are safe; if there is no other non-zero
   cell, the row's total is suppressed instead.
3. A row total from 1 to ``min_count - 1`` is suppressed too.
4. Every share worked out from a suppressed count is suppressed with it.
5. Figures that add up to another published figure form one row with it as
   the total (people listed by id and counted without ids add up to the people
   reached), so the same rules protect them.

This follows the practice of the UK statistical offices: the ONS statistical
disclosure control policy (https://www.ons.gov.uk/aboutus/transparencyandgovernance/
datastrategy/datapolicies/statisticaldisclosurecontrol) asks that published
outputs not let a person be identified, and NHS Digital's disclosure control for
Hospital Episode Statistics (https://digital.nhs.uk/data-and-information/
data-tools-and-services/data-services/hospital-episode-statistics/
change-to-disclosure-control-methodology-for-hes-and-ecds-from-september-2018)
describes the method used here: small values replaced, then secondary
suppression checked so that the other values cannot be used to recalculate them.

>>> row = suppress_row({"White": 40, "Asian": 3, "Black": 9, "Mixed": 12}, min_count=5)
>>> row.cells
{'White': 40, 'Asian': None, 'Black': None, 'Mixed': 12}
>>> row.total, row.suppressed
(64, ('Asian', 'Black'))
>>> suppress_row({"White": 40, "Asian": 3, "Mixed": 0}).cells  # never a zero as the secondary
{'White': None, 'Asian': None, 'Mixed': 0}
"""

from __future__ import annotations

from collections.abc import Mapping

import attrs

__all__ = [
    "DEFAULT_MIN_COUNT",
    "SUPPRESSED",
    "SuppressedRow",
    "SuppressedTable",
    "shown",
    "suppress_row",
    "suppress_table",
]

DEFAULT_MIN_COUNT = 5
SUPPRESSED = "suppressed"  # how a suppressed figure is written in published output


@attrs.frozen
class SuppressedRow:
    """A row of counts ready to publish: ``None`` marks a suppressed cell or total."""

    cells: dict[str, int | None]
    total: int | None
    suppressed: tuple[str, ...]


def suppress_row(counts: Mapping[str, int], min_count: int = DEFAULT_MIN_COUNT) -> SuppressedRow:
    """Apply primary and secondary suppression to one row of counts (see the module)."""
    primary = [k for k, v in counts.items() if 0 < v < min_count]
    hidden = list(primary)
    total_hidden = False
    # One hidden cell, or hidden cells adding up to a small number (two 1s make 2, which
    # says both are 1), can be worked out from the total: hide more until they cannot.
    while hidden and (len(hidden) == 1 or _guessable(counts, hidden, min_count)):
        others = [k for k in counts if k not in hidden and counts[k] > 0]
        if not others:
            total_hidden = True
            break
        hidden.append(min(others, key=lambda k: counts[k]))
    cells = {k: (None if k in hidden else v) for k, v in counts.items()}
    whole = sum(counts.values())
    total = None if total_hidden or 0 < whole < min_count else whole
    return SuppressedRow(cells, total, tuple(k for k in counts if k in hidden))


def _guessable(counts: Mapping[str, int], hidden: list[str], min_count: int) -> bool:
    """Whether hidden cells' sum gives them away: small, or one per cell (all 1s)."""
    added = sum(counts[k] for k in hidden)
    return added < min_count or added == len(hidden)


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
