"""Published figures cannot be undone: an adversary doing arithmetic on them recovers nothing.

The adversary knows every published cell and total of a row, that a suppressed cell
holds at least 1 (zeros are shown), and that a cell suppressed for being small holds
less than the minimum count. It tries every assignment of the suppressed cells that
fits: a cell is recovered when only one value fits it.
"""

from __future__ import annotations

import itertools
import os
import re
from collections.abc import Callable
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

import coproduction as cp
from coproduction.display.board import _context, board_report
from coproduction.measures.suppression import Relation, breakdown_row, suppress, suppress_row
from tests.adversary import System
from tests.strategies import LAST_YEAR, REPORT_YEAR, report_population, report_sets

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


# ---------------------------------------------------------------- whole annual reports


def _adversary(
    this: dict[str, Any], last: dict[str, Any], quarters: list[int | None]
) -> tuple[System, list[tuple[str, int]]]:
    """Everything published, as the adversary's equations; and every count shown."""
    system = System()
    shown: list[tuple[str, int]] = []

    def figure(path: str, value: int | None, low: int = 1) -> str | int:
        if value is None:
            return system.unknown(path, low)
        shown.append((path, value))
        return value

    def table(path: str, values: dict[str, int | None]) -> dict[str, str | int]:
        # A table whose every figure is hidden may hide zeros (nothing else to hide).
        low = 0 if all(v is None for v in values.values()) else 1
        return {k: figure(f"{path}.{k}", v, low) for k, v in values.items()}

    reach = this["reach"]
    top = table(
        "reach",
        {k: reach[k] for k in ("people", "listed", "counted_without_ids")},
    )
    people, listed = top["people"], top["listed"]
    system.equal([listed, top["counted_without_ids"]], [people])
    new = table("reach.new", reach["new_and_returning"])
    system.equal(list(new.values()), [listed])
    breakdowns = {key: reach[key] for key in ("by_stage", "by_kind", "by_format")}
    breakdowns["quarters"] = dict(enumerate(quarters))
    for key, row in breakdowns.items():
        cells = table(f"reach.{key}", row)
        for cell in cells.values():  # nobody is counted twice in one category
            system.add(_sum([cell], [people]), float("-inf"), 0)
        if cells:  # everyone is in at least one category
            system.add(_sum([*cells.values()], [people]), 0, float("inf"))
    for rep in this["representativeness"]:
        groups = {g["group"]: g["count"] for g in rep["groups"]}
        cells = table(f"rep.{rep['field']}", groups | {"(unknown)": rep["unknown"]})
        total = figure(f"rep.{rep['field']}.people", rep["people"])
        system.equal(list(cells.values()), [total])
        system.equal([total], [listed])
        base = _sum([total], [])
        if rep["shares_of"] != "everyone taking part":
            base = _sum([total], [cells["(unknown)"]])
        for group in rep["groups"]:
            if group["count"] and group["share"] is not None:
                # The share gives its base by division, to the published four decimals.
                fits = [
                    b
                    for b in range(group["count"], 2000)
                    if round(group["count"] / b, 4) == group["share"]
                ]
                system.add(base, min(fits), max(fits))
    loop = this["feedback_loop"]
    counts = table("loop", {k: loop[k] for k in ("items", "waiting", "answered", "changed")})
    status = table("loop.status", loop["by_status"])
    s = {k: status.get(k, 0) for k in WAITING + ANSWERED}
    system.equal([counts["answered"], counts["waiting"]], [counts["items"]])
    system.equal(list(status.values()), [counts["items"]])
    system.equal([s[k] for k in WAITING], [counts["waiting"]])
    system.equal([s[k] for k in ANSWERED], [counts["answered"]])
    system.equal([s["accepted"], s["implemented"]], [counts["changed"]])
    for question in this["experience"]:
        if question["satisfied"] is not None:
            satisfied = round(question["satisfied"] * question["responses"])
            shown += [("satisfied", satisfied), ("not", question["responses"] - satisfied)]
    _registers(system, table, shown, last, this)
    return system, shown


def _registers(
    system: System,
    table: Callable[[str, dict[str, int | None]], dict[str, str | int]],
    shown: list[tuple[str, int]],
    last: dict[str, Any],
    this: dict[str, Any],
) -> None:
    """Each year's members at the start and who joined equal those at the end and who left."""
    for year, data in (("last", last), ("this", this)):
        for register in data["registers"]:
            name = register["register"]
            cells = table(
                f"{year}.{name}", {k: register[k] for k in ("members_at_end", "joined", "left")}
            )
            start: str | int
            if year == "last":
                # The members two years ago: not in the reports the adversary holds.
                start = system.unknown(f"aux.first.{name}", 0)
            elif f"last.{name}.members_at_end" in system.bounds:
                start = f"last.{name}.members_at_end"
            else:
                start = dict(shown)[f"last.{name}.members_at_end"]
            system.equal([start, cells["joined"]], [cells["members_at_end"], cells["left"]])
            vacancies, seats = register["vacancies_at_end"], register["seats"]
            if seats is not None and vacancies is not None and vacancies > 0:
                system.equal([cells["members_at_end"], vacancies], [seats])
            elif seats is not None and vacancies is None:
                hidden = system.unknown(f"{year}.vacancies", 0)
                system.add(_sum([cells["members_at_end"], hidden], []), seats, float("inf"))


def _sum(plus: list[str | int], minus: list[str | int]) -> dict[str | int, int]:
    """The terms of sum(plus) - sum(minus): each term's coefficient (a constant's: its count)."""
    terms: dict[str | int, int] = {}
    for sign, side in ((1, plus), (-1, minus)):
        for term in side:
            terms[term] = terms.get(term, 0) + sign
    return terms


WAITING = ("no status", "received", "under-consideration")
ANSWERED = ("accepted", "implemented", "not-possible")
NOT_PEOPLE = ("vacancies", "seats")


def _published(
    projects: list[cp.Project], register: cp.measures.Register, min_count: int
) -> tuple[dict[str, Any], dict[str, Any], list[int | None]]:
    population = report_population()
    this = cp.measures.annual_report(
        projects, REPORT_YEAR, population=population, registers=[register]
    )
    last = cp.measures.annual_report(
        projects, LAST_YEAR, population=population, registers=[register]
    )
    board = board_report(projects, REPORT_YEAR, population=population, min_count=min_count)
    quarters = [
        None if bar["value"]["suppressed"] else int(bar["value"]["text"].replace(",", ""))
        for bar in _context(board, REPORT_YEAR.end)["quarters"]["bars"]
    ]
    return this.to_dict(min_count), last.to_dict(min_count), quarters


# About a tenth of a second a report; ADVERSARY_REPORTS=2000 for a longer run.
@settings(max_examples=int(os.environ.get("ADVERSARY_REPORTS", "80")), deadline=None)
@given(report_sets(), st.integers(min_value=2, max_value=8))
def test_nothing_suppressed_in_a_whole_annual_report_can_be_worked_out_from_the_rest(
    records: tuple[list[cp.Project], cp.measures.Register], min_count: int
) -> None:
    """Reach, every group table with its shares, the feedback loop, experience, the board's
    quarters, the headlines, and the register this year and last: nothing to recover."""
    projects, register = records
    this, last, quarters = _published(projects, register, min_count)
    system, shown = _adversary(this, last, quarters)
    assert [name for name in system.recovered() if not name.startswith("aux.")] == []
    small = [(p, v) for p, v in shown if 0 < v < min_count and not p.endswith(NOT_PEOPLE)]
    assert small == []
    # A headline states only figures its tables publish (dates and project counts aside).
    published = {str(v) for _, v in shown} | {str(this["reach"]["projects"])}
    for line in this["headlines"]:
        undated = re.sub(r"\d+ [A-Z][a-z]+ \d{4}|\(\d+\.\d%\)", "", line)
        numbers = {n.replace(",", "") for n in re.findall(r"\d[\d,]*", undated)}
        assert numbers <= published, line


# ---------------------------------------------------------------- the engine's own rules


def test_a_second_figure_is_the_one_in_the_fewest_relations_not_a_shared_total() -> None:
    figures = {"people": 53, "listed": 50, "counted": 3, "new": 20, "returning": 30}
    relations = [
        Relation(("listed", "counted"), ("people",)),
        Relation(("new", "returning"), ("listed",)),
    ]
    # listed (50) is smaller than people (53), but hiding it would spread to new/returning.
    assert suppress(figures, relations) == {"counted", "people"}


def test_figures_asked_to_be_hidden_are_hidden_only_if_they_exist_and_are_not_last_years() -> None:
    assert suppress({"a": 10, "b": 20}, [], also=["zzz", "a"]) == {"a"}
    assert suppress({"a": 10, "b": 20}, [], known={"a": False}, also=["a"]) == frozenset()


def test_a_breakdown_shows_every_cell_while_the_people_in_all_are_published() -> None:
    assert breakdown_row({"in person": 30, "online": 21}).cells == {"in person": 30, "online": 21}


def test_a_breakdown_of_suppressed_people_hides_its_smallest_non_zero_cell_and_a_second() -> None:
    row = breakdown_row({"none": 0, "in person": 30, "online": 21, "phone": 40}, total_hidden=True)
    assert row.cells == {"none": 0, "in person": None, "online": None, "phone": 40}
    assert breakdown_row({"a": 0, "b": 0}, total_hidden=True).cells == {"a": 0, "b": 0}


def test_a_breakdown_already_showing_a_suppressed_cell_is_left_as_it_is() -> None:
    row = breakdown_row({"a": 3, "b": 30, "c": 40}, total_hidden=True)
    assert row.cells == {"a": None, "b": None, "c": 40}


def test_a_breakdowns_extra_cells_follow_the_minimum_count_given() -> None:
    # With a minimum of 2, hiding a (2) and b (2) is enough; with 5 they would add up to
    # less than the minimum and a third would go.
    row = breakdown_row({"a": 2, "b": 2, "c": 40}, min_count=2, total_hidden=True)
    assert row.cells == {"a": None, "b": None, "c": 40}
