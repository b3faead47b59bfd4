"""Engagement measures, with figures worked out by hand, and their publication rules."""

from __future__ import annotations

import datetime
import json
import random
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import coproduction as cp
from coproduction.cli import main
from coproduction.measures import suppress_row
from tests.strategies import projects as any_projects

EXAMPLES = Path(__file__).parent.parent / "examples" / "measures"
POPULATION = EXAMPLES / "population-barnet-ethnicity-2021.csv"
D = datetime.date
FY22 = cp.Period.financial_year(2022)


def person(pid: str, **groups: str) -> cp.Participant:
    return cp.Participant(id=pid, lived_experience=True, groups=cp.Groups(groups))


def act(
    aid: str,
    day: datetime.date,
    *who: str,
    people: int = 0,
    stage: str = "understand",
    kind: str = "workshop",
    fmt: str | None = "in-person",
) -> cp.Activity:
    return cp.Activity(
        id=aid,
        date=day,
        stage=cp.Stage.parse(stage),
        kind=cp.ActivityKind.parse(kind),
        purpose=(cp.Purpose.VIEWS,),
        participants=who,
        people=people,
        format=cp.Format.parse(fmt) if fmt else None,
    )


def small_world() -> list[cp.Project]:
    """Two projects of one council; p1 and p2 take part in both; p1 also before the year."""
    one = cp.Project(
        id="one",
        title="One",
        organisation="Council",
        participants=(
            person("p1", ethnicity="White"),
            person("p2", ethnicity="Asian"),
            person("p3"),
            cp.Participant(id="s1", lived_experience=False),
        ),
        activities=(
            act("a0", D(2022, 1, 10), "p1"),
            act("a1", D(2022, 5, 1), "p1", "p2", "s1", people=10, kind="survey", fmt="online"),
            act("a2", D(2022, 6, 1), "p3", stage="design"),
        ),
    )
    two = cp.Project(
        id="two",
        title="Two",
        organisation="Council",
        participants=(
            person("p1", ethnicity="White"),
            person("p2", ethnicity="Asian"),
            person("p4", ethnicity="Black"),
        ),
        activities=(act("b1", D(2023, 2, 1), "p1", "p2", "p4", stage="review", fmt=None),),
    )
    return [one, two]


class TestReach:
    def test_people_are_counted_once_per_council_and_counts_are_added(self) -> None:
        reach = cp.measures.reach(small_world(), FY22)
        assert (reach.listed, reach.counted, reach.people) == (4, 10, 14)
        assert (reach.projects, reach.activities) == (2, 3)

    def test_by_stage_kind_and_format(self) -> None:
        reach = cp.measures.reach(small_world(), FY22)
        assert dict(reach.by_stage) == {"understand": 12, "design": 1, "review": 3}
        assert dict(reach.by_kind) == {"survey": 12, "workshop": 4}
        assert dict(reach.by_format) == {"online": 12, "in-person": 1, "not recorded": 3}

    def test_new_against_returning(self) -> None:
        reach = cp.measures.reach(small_world(), FY22)
        assert (reach.new, reach.returning) == (3, 1)  # p1 took part in January 2022

    def test_activities_per_person(self) -> None:
        # p1: 2, p2: 2, p3: 1, p4: 1 -> 1.5
        assert cp.measures.reach(small_world(), FY22).activities_per_person == Decimal("1.5")

    def test_an_activity_running_into_the_period_counts(self) -> None:
        series = attrs.evolve(small_world()[0].activities[0], until=D(2022, 4, 30))
        world = [attrs.evolve(small_world()[0], activities=(series,)), small_world()[1]]
        assert cp.measures.reach(world, FY22).activities == 2

    def test_the_same_id_in_two_councils_is_two_people(self) -> None:
        first, second = small_world()
        assert (
            cp.measures.reach([first, attrs.evolve(second, organisation="Other")], FY22).listed == 6
        )


class TestRepresentativeness:
    def population(self) -> cp.measures.Population:
        return cp.measures.load_population(POPULATION)

    def test_shares_against_the_population_with_unknown_reported(self) -> None:
        rep = cp.measures.representativeness(small_world(), self.population(), FY22, by="ethnicity")
        shares = {g.group: g for g in rep.groups}
        assert rep.people == 4
        assert rep.unknown == 1  # p3 has no ethnicity recorded: reported, not dropped
        assert shares["White"].share == Fraction(1, 3)
        assert shares["White"].population_share == Decimal("0.577")
        assert shares["White"].under_represented  # 33% < 0.8 x 57.7%
        assert not shares["Asian"].under_represented  # 33% >= 0.8 x 19.3%
        assert shares["Mixed"].count == 0
        assert shares["Mixed"].under_represented

    def test_a_group_missing_from_the_population_is_counted_as_other_never_by_name(
        self,
    ) -> None:
        world = small_world()
        odd = attrs.evolve(
            world[1],
            participants=(person("p9", ethnicity="Traveller"),),
            activities=(act("b1", D(2023, 2, 1), "p9"),),
        )
        rep = cp.measures.representativeness([odd], self.population(), FY22, by="ethnicity")
        assert all(g.group != "Traveller" for g in rep.groups)
        other = next(g for g in rep.groups if g.group == "not in the reference population")
        assert other.count == 1
        assert other.population_share is None
        assert other.ratio is None
        assert "Traveller" not in str(rep.published(min_count=5))

    def test_published_figures_suppress_small_counts_shares_and_flags(self) -> None:
        rep = cp.measures.representativeness(small_world(), self.population(), FY22, by="ethnicity")
        published = rep.published(min_count=5)
        white = next(g for g in published["groups"] if g["group"] == "White")
        assert white == {
            "group": "White",
            "count": None,
            "share": None,
            "population_share": 0.577,
            "ratio": None,
            "under_represented": None,
            "suppressed": True,
        }
        assert published["people"] is None

    def test_a_field_the_population_lacks_is_named(self) -> None:
        with pytest.raises(cp.ValidationError, match="no field 'age_band'"):
            cp.measures.representativeness(small_world(), self.population(), FY22, by="age_band")


class TestPopulationFile:
    def test_bad_rows_are_named(self) -> None:
        text = (
            "field,group,share,source\n"
            "ethnicity,White,0.5,Census\n"
            "ethnicity,Asian,1.4,Census\n"
            "ethnicity,Black,x,Census\n"
            "ethnicity,White,0.43,Census\n"
        )
        with pytest.raises(cp.ValidationError) as caught:
            cp.measures.parse_population_csv(text, "population.csv")
        assert caught.value.lines() == [
            "population.csv: row 3: share 1.4 is not between 0 and 1",
            "population.csv: row 4, column share: not a number: 'x'",
            "population.csv: row 5: ethnicity 'White' is listed twice",
            "population.csv: column share: shares for ethnicity add up to 0.5, not 1 (within 0.01)",
        ]

    def test_shares_must_add_up_to_one(self) -> None:
        text = "field,group,share,source\ncarer,yes,0.13,C\ncarer,no,0.80,C\n"
        with pytest.raises(
            cp.ValidationError, match=r"shares for carer add up to 0\.93, not 1 \(within 0\.01\)"
        ):
            cp.measures.parse_population_csv(text)

    def test_the_shipped_example_loads_and_cites_the_census(self) -> None:
        population = cp.measures.load_population(POPULATION)
        assert population.shares("ethnicity")["White"] == Decimal("0.577")
        assert "Census 2021" in population.source("ethnicity")


class TestFeedbackLoop:
    def test_hand_worked_loop(self) -> None:
        world = cp.load_projects(EXAMPLES / "projects")
        loop = cp.measures.feedback_loop(world, as_of=D(2023, 3, 31))
        assert loop.items == 9
        assert dict(loop.by_status) == {
            "accepted": 2,
            "implemented": 2,
            "no status": 1,
            "not-possible": 1,
            "received": 2,
            "under-consideration": 1,
        }
        # Of the 9 items, 5 have had an answer (2 accepted, 2 implemented, 1 not possible)
        # and 4 are still waiting (no status, received, under consideration): the share
        # that changed something is taken over the answered ones, 4 of 5.
        assert (loop.changed, loop.answered, len(loop.waiting)) == (4, 5, 4)
        assert loop.changed_share == Fraction(4, 5)
        assert loop.changed_text(min_count=1) == (
            "4 of the 5 items that have had an answer (9 raised)"
        )
        assert [w.item for w in loop.waiting][:1] == ["f4"]  # waiting since September
        assert loop.report_back_days == (42, 42, 56, 98)

    def test_the_status_is_taken_as_of_the_date_from_the_dated_history(self) -> None:
        world = cp.load_projects(EXAMPLES / "projects")
        earlier = cp.measures.feedback_loop(world, as_of=D(2022, 6, 10))
        # f2 was implemented on 20 June, after the date asked about; the carers' forum item
        # was not yet received.
        assert dict(earlier.by_status) == {"no status": 1, "received": 2}


class TestExperienceAndRegisters:
    def test_experience_summaries(self) -> None:
        summary = cp.measures.experience(cp.load_projects(EXAMPLES / "projects"), FY22)
        questions = {q.question: q for q in summary.questions}
        assert questions["understood-how-to-get-involved"].responses == 18
        published = {q["question"]: q for q in summary.published(min_count=20)}
        assert published["understood-how-to-get-involved"]["mean"] is None
        assert published["understood-how-to-get-involved"]["suppressed"] is True
        assert published["satisfied"]["responses"] == 34

    def test_a_register_size_joiners_leavers_and_next_election(self) -> None:
        board = cp.measures.load_register(EXAMPLES / "involvement-board-register.toml")
        assert board.size_on(D(2021, 6, 1)) == 12
        assert board.size_on(D(2023, 3, 31)) == 12
        assert len(board.joiners(FY22)) == 5
        assert len(board.leavers(FY22)) == 5
        assert board.next_election(after=D(2023, 3, 31)) == D(2024, 11, 2)
        assert board.term_of(D(2023, 3, 31)) == cp.Period(D(2022, 11, 2), D(2024, 11, 1))


class TestSuppression:
    def test_one_small_cell_takes_the_next_smallest_with_it(self) -> None:
        row = suppress_row({"a": 20, "b": 2, "c": 7, "d": 9})
        assert row.suppressed == ("b", "c")
        assert row.total == 38

    def test_a_lone_small_cell_hides_the_total(self) -> None:
        assert suppress_row({"a": 3}).total is None

    def test_zeros_are_shown(self) -> None:
        assert suppress_row({"a": 0, "b": 10, "c": 12}).suppressed == ()


class TestReport:
    def report(self) -> cp.measures.AnnualReport:
        return cp.measures.annual_report(
            cp.load_projects(EXAMPLES / "projects"),
            FY22,
            population=cp.measures.load_population(POPULATION),
            registers=[cp.measures.load_register(EXAMPLES / "involvement-board-register.toml")],
        )

    def test_headlines_in_plain_english(self) -> None:
        headlines = self.report().headlines()
        assert headlines[0] == "181 people took part in 3 projects; 49 joined for the first time."
        # A suppressed figure reads the same whether it is small or hidden to protect one.
        assert any("a suppressed number were still waiting" in h for h in headlines)
        assert not any("fewer than" in h for h in headlines)
        assert any(
            h.startswith("Involvement Board (illustrative) had 12 members") for h in headlines
        )

    def test_the_published_report_lists_what_it_suppressed(self) -> None:
        data = self.report().to_dict()
        assert "representativeness.ethnicity.Black" in data["suppressed"]
        markdown = self.report().to_markdown()
        assert "| Black | suppressed | suppressed |" in markdown
        assert "## Suppressed figures" in markdown


class TestCommand:
    def test_measures_json(self, capsys: pytest.CaptureFixture[str]) -> None:
        assert (
            main(
                [
                    "measures",
                    str(EXAMPLES / "projects"),
                    "--period",
                    "2022-04-01:2023-03-31",
                    "--population",
                    str(POPULATION),
                    "--json",
                ]
            )
            == 0
        )
        data = json.loads(capsys.readouterr().out)
        assert data["reach"]["people"] == 181
        assert data["period"]["start"] == "2022-04-01"
        assert {"reach", "representativeness", "feedback_loop", "suppressed"} <= set(data)

    def test_a_period_that_ends_before_it_starts(self, capsys: pytest.CaptureFixture[str]) -> None:
        assert (
            main(["measures", str(EXAMPLES / "projects"), "--period", "2023-03-31:2022-04-01"]) == 2
        )
        assert "--period: end before start" in capsys.readouterr().err

    def test_invalid_projects_stop_the_run_unless_skipped(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        (tmp_path / "bad.toml").write_text('id = "x"\n', encoding="utf-8")
        paths = [str(EXAMPLES / "projects"), str(tmp_path / "bad.toml")]
        assert main(["measures", *paths, "--period", "2022", "--json"]) == 2
        assert "title: required field missing" in capsys.readouterr().err
        assert main(["measures", *paths, "--period", "2022", "--json", "--skip-invalid"]) == 0
        assert json.loads(capsys.readouterr().out)["skipped"] == [str(tmp_path / "bad.toml")]


PROPERTY = settings(max_examples=200, suppress_health_check=[HealthCheck.too_slow])


@PROPERTY
@given(
    st.dictionaries(st.sampled_from("abcdefg"), st.integers(0, 30), min_size=1), st.integers(2, 10)
)
def test_suppression_never_leaves_a_hidden_cell_to_be_worked_out(
    counts: dict[str, int], min_count: int
) -> None:
    row = suppress_row(counts, min_count)
    hidden = [k for k, v in row.cells.items() if v is None]
    assert all(row.cells[k] is None for k, v in counts.items() if 0 < v < min_count)
    if row.total is not None:
        # With the total shown, one hidden cell alone could be found by subtraction.
        assert len(hidden) != 1
    assert all(row.cells[k] == v for k, v in counts.items() if k not in hidden)


@PROPERTY
@given(st.data())
def test_shares_sum_to_one_over_known_groups(data: st.DataObject) -> None:
    world = [data.draw(any_projects())]
    population = cp.measures.parse_population_csv(
        "field,group,share,source\nethnicity,White,0.6,C\nethnicity,Asian,0.4,C\n"
    )
    rep = cp.measures.representativeness(
        world, population, cp.Period(D(2015, 1, 1), D(2030, 12, 31)), by="ethnicity"
    )
    shares = [g.share for g in rep.groups if g.share is not None]
    if rep.people - rep.unknown > 0:
        assert sum(shares) == 1


@PROPERTY
@given(st.lists(any_projects(max_activities=4), max_size=3), st.randoms(use_true_random=False))
def test_measures_do_not_depend_on_record_order(
    world: list[cp.Project], rnd: random.Random
) -> None:
    period = cp.Period(D(2015, 1, 1), D(2030, 12, 31))
    shuffled = [
        attrs.evolve(
            p,
            activities=tuple(rnd.sample(p.activities, len(p.activities))),
            participants=tuple(rnd.sample(p.participants, len(p.participants))),
        )
        for p in rnd.sample(world, len(world))
    ]
    assert cp.measures.reach(shuffled, period) == cp.measures.reach(world, period)
    assert (
        cp.measures.feedback_loop(shuffled, D(2030, 1, 1)).by_status
        == cp.measures.feedback_loop(world, D(2030, 1, 1)).by_status
    )


@PROPERTY
@given(st.data())
def test_adding_a_participant_never_lowers_reach(data: st.DataObject) -> None:
    project = data.draw(any_projects())
    period = cp.Period(D(2015, 1, 1), D(2030, 12, 31))
    before = cp.measures.reach([project], period)
    newcomer = cp.Participant(id="new-person", lived_experience=True)
    activity = cp.Activity(
        id="new-activity",
        date=D(2020, 1, 1),
        stage=cp.Stage.PLAN,
        kind=cp.ActivityKind.MEETING,
        participants=("new-person",),
    )
    after = cp.measures.reach(
        [
            attrs.evolve(
                project,
                participants=(*project.participants, newcomer),
                activities=(*project.activities, activity),
            )
        ],
        period,
    )
    assert after.people >= before.people
    assert after.listed == before.listed + 1
