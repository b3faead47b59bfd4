"""Published figures cannot be undone: an adversary doing arithmetic on them recovers nothing.

The adversary knows every published cell and total of a row, that a suppressed cell
holds at least 1 (zeros are shown), and that a cell suppressed for being small holds
less than the minimum count. It tries every assignment of the suppressed cells that
fits: a cell is recovered when only one value fits it.
"""

from __future__ import annotations

import itertools

from hypothesis import given, settings
from hypothesis import strategies as st

import coproduction as cp
from coproduction.measures.suppression import suppress_row

small_rows = st.dictionaries(
    st.sampled_from(["White", "Asian", "Black", "Mixed", "Other"]),
    st.integers(min_value=0, max_value=14),
    min_size=1,
    max_size=5,
)


def recovered(counts: dict[str, int], min_count: int) -> list[str]:
    """The suppressed cells of a row the adversary can work out exactly."""
    row = suppress_row(counts, min_count)
    hidden = [k for k, v in row.cells.items() if v is None]
    if not hidden or row.total is None:
        return []  # without the total there is no equation to solve
    rest = row.total - sum(v for v in row.cells.values() if v is not None)
    fits = [
        values
        for values in itertools.product(range(1, rest + 1), repeat=len(hidden))
        if sum(values) == rest
    ]
    return [k for i, k in enumerate(hidden) if len({values[i] for values in fits}) == 1]


@settings(max_examples=400)
@given(small_rows, st.integers(min_value=2, max_value=10))
def test_no_suppressed_cell_of_a_row_can_be_worked_out_from_the_rest(
    counts: dict[str, int], min_count: int
) -> None:
    assert recovered(counts, min_count) == []


@settings(max_examples=400)
@given(small_rows, st.integers(min_value=2, max_value=10))
def test_no_small_count_is_shown_and_no_zero_is_the_secondary_cell(
    counts: dict[str, int], min_count: int
) -> None:
    row = suppress_row(counts, min_count)
    shown = [v for v in row.cells.values() if v is not None]
    if row.total is not None:
        shown.append(row.total)
    assert all(not 0 < v < min_count for v in shown)
    assert all(counts[k] > 0 for k in row.suppressed)


@given(st.integers(0, 12), st.integers(0, 12), st.integers(2, 8))
def test_people_minus_people_without_ids_never_gives_the_people_listed(
    listed: int, counted: int, min_count: int
) -> None:
    reach = cp.measures.Reach(
        period=cp.Period.financial_year(2022),
        projects=1,
        activities=1,
        listed=listed,
        counted=counted,
        by_stage=(),
        by_kind=(),
        by_format=(),
        new=listed,
        returning=0,
        activities_per_person=None,
    )
    published = reach.published(min_count)
    figures = (published["people"], published["listed"], published["counted_without_ids"])
    assert all(not (isinstance(v, int) and 0 < v < min_count) for v in figures)
    people, shown_listed, shown_counted = figures
    if isinstance(people, int) and isinstance(shown_counted, int):
        assert not 0 < people - shown_counted < min_count or shown_listed == listed
    if isinstance(people, int) and isinstance(shown_listed, int):
        assert not 0 < people - shown_listed < min_count
