"""Survey results, breakdowns by group and composition: individual voice and equity (issue 15, §3).

Barnet's CQC self-assessment 2024 reports statements agreed by 98%, 93%, 97% and 93% of
people at case closure (L.442-447) and compares satisfaction by ethnicity (L.466); Essex's
workshops had "usually an even split of people with lived experience and professionals"
(ADASS East of England 2023, L.767).
"""

from __future__ import annotations

import datetime
import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import coproduction as cp
from coproduction import schemas
from coproduction.cli import main
from coproduction.measures import composition, suppress_table
from coproduction.measures.suppression import TOTAL

EXAMPLES = Path(__file__).parent.parent / "examples" / "measures"
SURVEY = EXAMPLES / "case-closure-survey-2022.toml"
BOARD = EXAMPLES / "involvement-board-register.toml"
POPULATION = EXAMPLES / "population-barnet-ethnicity-2021.csv"
FY22 = cp.Period.financial_year(2022)
D = datetime.date


def survey(**question: Any) -> dict[str, Any]:
    base = {
        "id": "q",
        "statement": "I was listened to.",
        "positive": ["agree"],
        "counts": {"agree": 40, "disagree": 10},
    }
    return {
        "id": "s",
        "title": "Survey",
        "start": "2022-04-01",
        "end": "2023-03-31",
        "questions": [base | question],
    }


def test_the_example_survey_gives_barnets_published_shares() -> None:
    """98%, 93%, 97% and 93% agreed (Barnet CQC self-assessment 2024, L.444-447)."""
    results = cp.measures.load_survey_results(SURVEY)
    shares = [round(float(q.share or 0) * 100) for q in results.questions]
    assert shares == [98, 93, 97, 93]


def test_a_breakdown_counts_people_in_no_group_as_not_recorded() -> None:
    results = cp.measures.load_survey_results(
        survey(groups=[{"by": "carer", "group": "yes", "counts": {"agree": 30, "disagree": 6}}])
    )
    found = cp.measures.breakdown(results, "q", "carer")
    assert found.rows == (("yes", 30, 6), ("not recorded", 10, 4))


def test_a_share_is_not_published_when_the_disagreeing_are_few() -> None:
    """36 of 40 agreeing says 4 disagreed: the share gives the small count away."""
    results = cp.measures.load_survey_results(
        survey(
            counts={"agree": 76, "disagree": 14},
            groups=[
                {"by": "carer", "group": "yes", "counts": {"agree": 36, "disagree": 4}},
                {"by": "carer", "group": "no", "counts": {"agree": 40, "disagree": 10}},
            ],
        )
    )
    groups = cp.measures.breakdown(results, "q", "carer").published()["groups"]
    yes = next(g for g in groups if g["group"] == "yes")
    assert yes["share_positive"] is None
    assert yes["suppressed"] is True
    assert yes["responses"] == 40  # the group's size is still safe to show


def test_a_question_with_few_answers_is_suppressed_whole() -> None:
    results = cp.measures.load_survey_results(survey(counts={"agree": 3, "disagree": 0}))
    shown = results.questions[0].published()
    assert (shown["responses"], shown["positive"], shown["share_positive"]) == (None, None, None)


def test_a_broken_survey_file_lists_every_problem_with_where_it_is(tmp_path: Path) -> None:
    path = tmp_path / "survey.toml"
    path.write_text(
        'id = "s"\ntitle = "T"\nstart = 2023-04-01\nend = 2023-03-01\n'
        '[[questions]]\nid = "q"\nstatement = "S"\npositive = ["agre"]\n'
        "counts = { agree = 4, disagree = -1 }\n"
        '[[questions.groups]]\nby = "ethnicity"\ngroup = "Jane Smith"\n'
        "counts = { agree = 9 }\n"
        '[[questions.groups]]\nby = "ethnicity"\ngroup = "Jane Smith"\ncounts = { maybe = 1 }\n'
        '[[questions]]\nid = "q"\nstatement = "S"\npositive = []\ncounts = { yes = "many" }\n',
        encoding="utf-8",
    )
    with pytest.raises(cp.ValidationError) as caught:
        cp.measures.load_survey_results(path)
    where = [p.where for p in caught.value.problems]
    assert "end" in where
    assert "questions[1].id" in where
    assert "questions[0].positive[0]" in where
    assert "questions[0].counts" in where  # the negative count
    assert "questions[0].groups[1]" in where  # the group listed twice
    assert "questions[0].groups[1].counts" in where  # an answer not asked
    assert "questions[0].groups" in where  # 9 agree in groups, 4 overall
    assert "questions[1].positive" in where
    assert any(w.startswith("questions[1].counts") for w in where)  # "many" is no count
    assert "Jane Smith" not in str(caught.value)


def test_the_cli_refuses_a_broken_survey_with_exit_2_and_no_traceback(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "survey.json"
    path.write_text(json.dumps(survey(positive=["yes"], id="Jane Smith")), encoding="utf-8")
    code = main(["measures", str(EXAMPLES / "projects"), "--period", "2022", "--survey", str(path)])
    err = capsys.readouterr().err
    assert code == 2
    assert "questions[0].positive[0]" in err
    assert "Traceback" not in err


def test_the_annual_report_publishes_surveys_and_lists_what_it_suppressed(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code = main(
        [
            *("measures", str(EXAMPLES / "projects"), "--period", "2022", "--json"),
            *("--survey", str(SURVEY), "--population", str(POPULATION)),
        ]
    )
    data = json.loads(capsys.readouterr().out)
    assert code == 0
    jsonschema.validate(data, schemas.schema("annual-report"))
    (shown,) = data["surveys"]
    assert [q["share_positive"] for q in shown["questions"]] == [0.98, 0.928, 0.968, 0.932]
    ethnicity = next(
        b for q in shown["questions"] for b in q["breakdowns"] if b["by"] == "ethnicity"
    )
    white = next(g for g in ethnicity["groups"] if g["group"] == "White")
    assert (white["responses"], white["share_positive"]) == (140, 0.95)
    assert "surveys.case-closure-2022.satisfied.ethnicity.Mixed" in data["suppressed"]


def test_a_survey_counts_in_the_year_its_last_day_falls_in() -> None:
    results = cp.measures.load_survey_results(SURVEY)
    assert cp.measures.annual_report([], FY22, surveys=[results]).surveys == (results,)
    earlier = cp.Period.financial_year(2021)
    assert cp.measures.annual_report([], earlier, surveys=[results]).surveys == ()


def test_experience_is_broken_down_only_by_the_populations_groups() -> None:
    """A value typed by hand into a participant's groups is never published as a group name."""
    project = cp.Project(
        id="p",
        title="P",
        participants=(
            cp.Participant(id="a", lived_experience=True, groups=cp.Groups({"ethnicity": "White"})),
            cp.Participant(id="b", lived_experience=True, groups=cp.Groups({"ethnicity": "Jo B"})),
        ),
        experience=(
            cp.ExperienceScore(question="satisfied", score=5, participant="a", date=D(2022, 6, 1)),
            cp.ExperienceScore(question="satisfied", score=2, participant="b", date=D(2022, 6, 1)),
            cp.ExperienceScore(question="satisfied", score=4, date=D(2022, 6, 1)),
        ),
    )
    population = cp.measures.load_population(POPULATION)
    results = cp.measures.experience_results([project], FY22, population)
    found = cp.measures.breakdown(results, "satisfied", "ethnicity")
    assert found.rows == (
        ("White", 1, 0),
        ("not in the reference population", 0, 1),
        ("not recorded", 1, 0),
    )
    assert cp.measures.experience_results([project], FY22).questions[0].groups == ()


def test_a_boards_meetings_are_mostly_lived_experience_with_12_residents_and_6_officers() -> None:
    board = cp.measures.load_register(BOARD)
    found = composition(cp.load_projects(EXAMPLES / "board"), FY22, register=board)
    assert (found.lived, found.professionals, found.counted) == (12, 6, 0)
    assert found.split == "mostly lived experience"
    assert found.published()["lived_experience_share"] == 0.6667


@pytest.mark.parametrize(
    ("lived", "professionals", "split"),
    [
        (10, 10, "even split"),
        (12, 8, "even split"),
        (8, 12, "even split"),
        (13, 7, "mostly lived experience"),
        (7, 13, "mostly professionals"),
    ],
)
def test_an_even_split_is_40_to_60_per_cent_lived_experience(
    lived: int, professionals: int, split: str
) -> None:
    """Essex: "usually an even split of people with lived experience and professionals"."""
    people = [cp.Participant(id=f"l{i}", lived_experience=True) for i in range(lived)]
    people += [cp.Participant(id=f"o{i}", lived_experience=False) for i in range(professionals)]
    meeting = cp.Activity(
        id="w",
        date=D(2022, 6, 1),
        stage=cp.Stage.DESIGN,
        kind=cp.ActivityKind.WORKSHOP,
        participants=tuple(p.id for p in people),
    )
    project = cp.Project(id="p", title="P", participants=tuple(people), activities=(meeting,))
    assert composition([project], FY22).split == split


def test_composition_compares_who_took_part_with_the_boards_members_by_group() -> None:
    board = cp.measures.load_register(BOARD)
    population = cp.measures.load_population(POPULATION)
    found = composition(
        cp.load_projects(EXAMPLES / "board"), FY22, register=board, population=population
    )
    ((field, groups),) = found.fields
    white = next(g for g in groups if g.group == "White")
    assert (field, white.took_part, white.members) == ("ethnicity", 6, 6)
    shown = found.published()["by"][0]["groups"]
    assert all(g["took_part"] is None or not 0 < g["took_part"] < 5 for g in shown)


tables = st.dictionaries(
    st.sampled_from(["a", "b", "c", "d"]),
    st.dictionaries(st.sampled_from(["yes", "no", "maybe"]), st.integers(0, 30), min_size=1),
    min_size=1,
)


@settings(max_examples=300, deadline=None)
@given(tables, st.integers(1, 6))
def test_no_suppressed_cell_of_a_table_is_the_only_one_hidden_in_its_row_or_column(
    rows: dict[str, dict[str, int]], min_count: int
) -> None:
    """A line (row or column) with one hidden entry would give it away by subtraction."""
    table = suppress_table(rows, min_count)
    columns = list(table.column_totals)
    grid = {(r, c): table.cells[r][c] for r in rows for c in columns}
    grid |= {(r, TOTAL): table.row_totals[r] for r in rows}
    grid |= {(TOTAL, c): table.column_totals[c] for c in columns}
    grid[(TOTAL, TOTAL)] = table.total
    lines = [[(r, c) for c in [*columns, TOTAL]] for r in [*rows, TOTAL]]
    lines += [[(r, c) for r in [*rows, TOTAL]] for c in [*columns, TOTAL]]
    for line in lines:
        assert sum(grid[k] is None for k in line) != 1, line
    for key, value in grid.items():
        assert value is None or not 0 < value < min_count, key
