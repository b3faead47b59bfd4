"""The annual report in Markdown, as a board member reading it would check it."""

from __future__ import annotations

import datetime
import json
from fractions import Fraction

from hypothesis import given
from hypothesis import strategies as st

import coproduction as cp
from coproduction.display.markdown import cell, share
from coproduction.measures.core import share_of

FY22 = cp.Period.financial_year(2022)


def _one_project(group: str) -> cp.Project:
    people = tuple(
        cp.Participant(id=f"p{n}", lived_experience=True, groups=cp.Groups({"ethnicity": group}))
        for n in range(6)
    )
    return cp.Project(
        id="one",
        title="One",
        organisation="Council",
        participants=people,
        activities=(
            cp.Activity(
                id="a1",
                date=datetime.date(2022, 5, 1),
                stage=cp.Stage.UNDERSTAND,
                kind=cp.ActivityKind.WORKSHOP,
                participants=tuple(p.id for p in people),
            ),
        ),
    )


def test_a_table_cell_holding_a_pipe_does_not_break_the_table() -> None:
    population = cp.measures.parse_population_csv(
        "field,group,share,source\nethnicity,White | Irish,1,Census 2021\n"
    )
    report = cp.measures.annual_report([_one_project("White | Irish")], FY22, population=population)
    markdown = report.to_markdown()
    [row] = [line for line in markdown.splitlines() if line.startswith("| White")]
    assert row.startswith(r"| White \| Irish | 6 |")
    assert row.count(" | ") == 5  # six cells, the escaped pipe not among the separators


def test_an_empty_year_never_prints_none() -> None:
    markdown = cp.measures.annual_report([], cp.Period.financial_year(2030)).to_markdown()
    assert "None" not in markdown
    assert "Activities per person: none." in markdown


def test_one_project_is_one_project_not_one_projects() -> None:
    markdown = cp.measures.annual_report([_one_project("White")], FY22).to_markdown()
    assert "took part in 1 project;" in markdown


def test_cells_keep_text_on_one_line() -> None:
    assert cell("two\nlines") == "two lines"


@given(
    st.integers(min_value=1, max_value=5000).flatmap(
        lambda n: st.tuples(st.integers(0, n), st.just(n))
    )
)
def test_a_published_percentage_is_k_of_n_rounded_once_half_up(counts: tuple[int, int]) -> None:
    k, n = counts
    tenths = (2000 * k + n) // (2 * n)  # round half up of 1000 k / n, in whole numbers
    expected = f"{tenths // 10}.{tenths % 10}%"
    published = share_of(Fraction(k, n))
    assert share(published) == expected


def test_23_of_34_is_shown_as_67_6_percent_in_markdown_and_html() -> None:
    published = share_of(Fraction(23, 34))
    assert published == 0.6765  # the JSON number is unchanged
    assert share(published) == "67.6%"
    assert json.dumps({"satisfied": published}) == '{"satisfied": 0.6765}'
