"""Working Together for Change: exit conditions, ranking, moving on, history, the command."""

from __future__ import annotations

import datetime
import json
import random
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import coproduction as cp
from coproduction import ValidationError, to_json, wtfc
from coproduction.cli import main
from tests.strategies import cycles

EXAMPLES = Path(__file__).parent.parent / "examples" / "wtfc"
D = datetime.date


def load(name: str) -> wtfc.Cycle:
    return wtfc.load_cycle(EXAMPLES / f"{name}.toml")


def messages(cycle: wtfc.Cycle) -> list[str]:
    return [str(b) for b in wtfc.blockers(cycle)]


def _json(name: str) -> str:
    return to_json(load(name))


class TestSourceKinds:
    def test_every_source_kind_says_what_its_top_two_means(self) -> None:
        for kind in wtfc.ReviewKind:
            assert kind.top_two.startswith("the ")
        assert len({k.top_two for k in wtfc.ReviewKind}) == len(wtfc.ReviewKind)

    def test_the_kinds_councils_ran_the_method_on(self) -> None:
        """Milton Keynes "completed face-to-face interviews" and used "both individual and group
        face-to-face sessions"; Essex "co-hosted the Working Together for Change workshops";
        Central Bedfordshire analysed "feedback from carers on three questions" (ADASS East of
        England 2023, L.897-899, L.857, L.507)."""
        kinds = {
            name: {r.kind.value for r in load(name).reviews}
            for name in ("mental-health-accommodation", "autism-partnership", "carers-strategy")
        }
        assert kinds == {
            "mental-health-accommodation": {"interview", "group-session"},
            "autism-partnership": {"workshop"},
            "carers-strategy": {"question-set"},
        }
        assert [r.people for r in load("mental-health-accommodation").reviews] == [1, 1, 6]

    def test_the_default_is_the_methods_top_two(self) -> None:
        assert load("carers-strategy").statements_per_source == 2


class TestSteps:
    def test_the_eight_steps_in_order(self) -> None:
        assert [s.value for s in wtfc.Step] == [
            "prepare",
            "collect",
            "theme",
            "understand",
            "identify-success",
            "plan",
            "implement",
            "review",
        ]
        assert wtfc.Step.THEME.next is wtfc.Step.UNDERSTAND
        assert wtfc.Step.REVIEW.next is None


class TestExitConditions:
    def prepared(self, **changes: Any) -> wtfc.Cycle:
        cycle = wtfc.Cycle(
            id="c",
            title="t",
            step=wtfc.Step.PREPARE,
            purpose="Priorities",
            people=(wtfc.Person(id="w1", lived_experience=True),),
            reviews=(
                wtfc.Review(id="r1", date=D(2022, 1, 1), kind=wtfc.ReviewKind.PERSON_CENTRED),
            ),
        )
        return attrs.evolve(cycle, **changes)

    def test_prepare_needs_a_purpose_a_person_with_lived_experience_and_reviews(self) -> None:
        assert messages(self.prepared()) == []
        empty = self.prepared(purpose=" ", people=(), reviews=())
        assert messages(empty) == [
            "the cycle has no purpose: say what it is for",
            "nobody taking part has lived experience: add at least one person who uses "
            "services or is a carer",
            "no reviews are listed to draw statements from",
        ]

    def test_collect_needs_statements_for_every_review(self) -> None:
        assert messages(load("autism-partnership")) == ["review r2 has no statements recorded"]

    def test_collect_holds_a_source_keeping_more_than_the_cycles_statements_per_source(
        self,
    ) -> None:
        """The method keeps each person's "top two"; a third is a choice left to make, not an
        invalid record: the cycle cannot leave Collect until one is set aside or the setting
        is raised."""
        cycle = load("mental-health-accommodation")
        assert messages(cycle) == []
        third = wtfc.Statement(id="s7", review="r3", category=wtfc.Category.NOT_WORKING, text="x")
        fourth = attrs.evolve(third, id="s8")
        crowded = attrs.evolve(cycle, statements=(*cycle.statements, third, fourth))
        assert messages(crowded) == [
            "review r3 (group-session) keeps 3 not-working statements; the cycle keeps 2 per "
            "source (the two points the group agreed on in the session, for each question): "
            "set the rest aside, or change statements_per_source"
        ]
        set_aside = attrs.evolve(
            crowded, statements=(*cycle.statements, third, attrs.evolve(fourth, set_aside=True))
        )
        assert messages(set_aside) == []
        wider = attrs.evolve(crowded, statements_per_source=3)
        assert messages(wider) == []

    def test_future_statements_are_not_limited_per_source(self) -> None:
        cycle = load("mental-health-accommodation")
        more = tuple(
            wtfc.Statement(id=f"f{i}", review="r1", category=wtfc.Category.FUTURE, text="x")
            for i in range(4)
        )
        assert messages(attrs.evolve(cycle, statements=(*cycle.statements, *more))) == []

    def test_past_collect_a_source_over_the_setting_is_a_warning(self) -> None:
        cycle = load("carers-strategy")
        extra = attrs.evolve(cycle.statements[0], id="s99")
        crowded = attrs.evolve(cycle, statements=(*cycle.statements, extra))
        assert messages(crowded) == []
        assert any("keeps 3 not-working statements" in w for w in wtfc.warnings(crowded))

    def test_the_setting_and_a_sources_people_must_be_one_or_more(self) -> None:
        data = json.loads(_json("mental-health-accommodation"))
        data["statements_per_source"] = 0
        data["reviews"][0]["people"] = 0
        with pytest.raises(ValidationError) as caught:
            wtfc.load_cycle(data)
        assert [str(p) for p in caught.value.problems] == [
            "reviews[0].people: must be 1 or more",
            "statements_per_source: must be 1 or more",
        ]

    def test_theme_needs_every_statement_themed_or_set_aside_and_i_statements(self) -> None:
        cycle = load("carers-strategy")
        assert messages(cycle) == []
        loose = attrs.evolve(cycle.statements[0], theme=None)
        bare = attrs.evolve(cycle.themes[1], i_statement="")
        cycle = attrs.evolve(
            cycle,
            statements=(loose, *cycle.statements[1:]),
            themes=(cycle.themes[0], bare, *cycle.themes[2:]),
        )
        assert messages(cycle) == [
            "statement s1 is in no theme and not set aside",
            'theme t2 (Breaks and a life of my own) has no "I" statement',
        ]

    def test_theme_warns_but_does_not_block_without_both_voices(self) -> None:
        cycle = load("carers-strategy")
        officers = attrs.evolve(cycle, people=(wtfc.Person(id="w9", lived_experience=False),))
        assert messages(officers) == []
        assert len(wtfc.warnings(officers)) == 2
        assert wtfc.warnings(cycle) == ()

    def test_understand_needs_a_root_cause_per_priority_theme(self) -> None:
        assert messages(load("day-opportunities")) == [
            "priority theme t2 (Things to do) has no root cause"
        ]

    def test_identify_success_needs_a_measure_per_priority_theme(self) -> None:
        cycle = attrs.evolve(
            load("home-from-home"),
            step=wtfc.Step.IDENTIFY_SUCCESS,
            history=load("home-from-home").history[:-1],
            success=(),
        )
        assert messages(cycle) == [
            "priority theme t1 (Being asked in a way that works) has no success measure",
            "priority theme t2 (Choice of support) has no success measure",
        ]

    def test_plan_needs_an_action_per_priority_theme_each_with_owner_and_due_date(self) -> None:
        assert messages(load("home-from-home")) == [
            "priority theme t2 (Choice of support) has no action",
            "action x1 has no owner",
        ]

    def test_implement_needs_a_status_for_every_action_since_the_plan(self) -> None:
        reviewed = load("carers-strategy-reviewed")
        implementing = attrs.evolve(
            reviewed, step=wtfc.Step.IMPLEMENT, history=reviewed.history[:-1], cycle_review=None
        )
        assert messages(implementing) == []
        stale = attrs.evolve(implementing.actions[1], history=implementing.actions[1].history[:1])
        blocked = attrs.evolve(
            implementing, actions=(implementing.actions[0], stale, *implementing.actions[2:])
        )
        assert messages(blocked) == [
            "action x2 has no status recorded since the plan was made (2022-07-01)"
        ]

    def test_review_needs_a_review_record_with_a_finding_per_priority_theme(self) -> None:
        reviewed = load("carers-strategy-reviewed")
        assert messages(reviewed) == []
        assert messages(attrs.evolve(reviewed, cycle_review=None))[0].startswith(
            "no review is recorded"
        )


class TestRanking:
    def test_themes_rank_by_statements_then_not_working_then_id(self) -> None:
        ranks = wtfc.rank_themes(load("carers-strategy"))
        assert [(r.id, r.statements, r.rank) for r in ranks] == [
            ("t1", 3, 1),
            ("t2", 3, 2),
            ("t3", 2, 3),
            ("t5", 1, 4),
            ("t4", 1, 5),
        ]
        assert [r.priority for r in ranks] == [True, True, True, False, False]
        assert dict(ranks[1].by_category)[wtfc.Category.FUTURE] == 2

    def test_set_aside_statements_do_not_count(self) -> None:
        cycle = load("carers-strategy")
        assert sum(r.statements for r in wtfc.rank_themes(cycle)) == len(cycle.statements) - 1

    def test_ranking_does_not_depend_on_record_order(self) -> None:
        cycle = load("carers-strategy")
        shuffled = list(cycle.statements)
        random.Random(4).shuffle(shuffled)
        themes = list(reversed(cycle.themes))
        other = attrs.evolve(cycle, statements=tuple(shuffled), themes=tuple(themes))
        assert wtfc.rank_themes(other) == wtfc.rank_themes(cycle)


class TestMovingOn:
    def test_advance_moves_one_step_and_appends_to_the_history(self) -> None:
        cycle = load("carers-strategy")
        moved = wtfc.advance(cycle, on=D(2022, 5, 3))
        assert moved.step is wtfc.Step.UNDERSTAND
        assert moved.history[:-1] == cycle.history
        assert moved.history[-1] == wtfc.StepChange(wtfc.Step.UNDERSTAND, D(2022, 5, 3))
        assert (moved.statements, moved.themes) == (cycle.statements, cycle.themes)

    def test_a_blocked_cycle_raises_with_its_blockers_and_nothing_changes(self) -> None:
        cycle = load("home-from-home")
        with pytest.raises(wtfc.StepBlocked) as caught:
            wtfc.advance(cycle, on=D(2023, 9, 1))
        assert [b.item for b in caught.value.blockers] == ["theme t2", "actions[0]"]
        assert cycle == load("home-from-home")

    def test_a_step_change_before_the_last_is_refused(self) -> None:
        with pytest.raises(ValidationError, match="before the last step change"):
            wtfc.advance(load("carers-strategy"), on=D(2022, 4, 1))

    def test_review_is_the_last_step(self) -> None:
        with pytest.raises(wtfc.StepBlocked, match="next_cycle"):
            wtfc.advance(load("carers-strategy-reviewed"), on=D(2024, 1, 8))

    def test_the_next_cycle_carries_unfinished_actions_and_their_themes(self) -> None:
        reviewed = load("carers-strategy-reviewed")
        following = wtfc.next_cycle(reviewed, "cbc-carers-2024", on=D(2024, 1, 8))
        assert following.step is wtfc.Step.PREPARE
        assert following.follows == reviewed.id
        assert [a.id for a in following.actions] == ["x2", "x3"]
        assert following.actions[0].history == reviewed.actions[1].history
        assert [t.id for t in following.themes] == ["t1", "t2"]
        assert following.statements == ()

    def test_only_a_reviewed_cycle_starts_the_next(self) -> None:
        with pytest.raises(wtfc.StepBlocked, match="not review"):
            wtfc.next_cycle(load("carers-strategy"), "next", on=D(2023, 1, 1))

    def test_an_action_status_is_appended_never_overwritten(self) -> None:
        cycle = load("carers-strategy-reviewed")
        updated = wtfc.record_action_status(cycle, "x2", wtfc.Status.DONE, D(2023, 8, 1))
        assert updated.actions[1].history[:-1] == cycle.actions[1].history
        assert updated.actions[1].status is wtfc.Status.DONE
        with pytest.raises(ValidationError, match="a history runs forward in time"):
            wtfc.record_action_status(cycle, "x2", wtfc.Status.DONE, D(2021, 1, 1))
        with pytest.raises(ValidationError, match="a dropped action needs a reason"):
            wtfc.record_action_status(cycle, "x2", wtfc.Status.DROPPED, D(2023, 8, 1))

    def test_progress_counts_statuses_and_overdue_actions(self) -> None:
        progress = wtfc.progress(load("carers-strategy-reviewed"), as_of=D(2023, 10, 1))
        assert dict(progress.by_status) == {"done": 2, "in-progress": 2}
        assert progress.overdue == ("x2", "x3")


class TestBadInput:
    def test_every_problem_is_listed_with_its_location(self) -> None:
        data = json.loads(_json("carers-strategy"))
        data["statements"][4]["review"] = "r9"
        data["statements"][6]["category"] = "notworking"
        data["statements"][2]["category"] = "not-working"
        data["actions"] = [{"id": "x1", "theme": "t1", "description": "d", "due": "soon"}]
        data["history"][2]["on"] = "2021-01-01"
        with pytest.raises(ValidationError) as caught:
            wtfc.load_cycle(data)
        found = [str(p) for p in caught.value.problems]
        assert "statements[4].review: no review 'r9'" in found
        assert any(
            f.startswith(
                "statements[6].category: 'notworking' is not one of working, not-working, future"
            )
            for f in found
        )
        assert "actions[0].due: not a date (use YYYY-MM-DD)" in found
        assert any(f.startswith("history[2].on: 2021-01-01 is earlier") for f in found)

    def test_the_step_must_match_the_end_of_the_history(self) -> None:
        data = json.loads(_json("carers-strategy"))
        data["step"] = "plan"
        with pytest.raises(ValidationError, match="'plan' but the history ends at 'theme'"):
            wtfc.load_cycle(data)


class TestCommand:
    def test_the_json_summary(self, capsys: pytest.CaptureFixture[str]) -> None:
        assert main(["wtfc", str(EXAMPLES / "carers-strategy.toml"), "--json"]) == 0
        out = json.loads(capsys.readouterr().out)
        assert (out["cycle"], out["step"], out["next"]) == (
            "cbc-carers-2022",
            "theme",
            "understand",
        )
        assert out["themes"][0] == {
            "kind": "theme-rank",
            "schema_version": 1,
            "id": "t1",
            "title": "Information about support",
            "statements": 3,
            "rank": 1,
            "priority": True,
            "by_category": {"working": 0, "not-working": 3, "future": 0},
        }
        assert out["blockers"] == []

    def test_advance_writes_the_new_record(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        out = tmp_path / "next.json"
        assert (
            main(
                [
                    "wtfc",
                    str(EXAMPLES / "carers-strategy.toml"),
                    "--advance",
                    "--on",
                    "2022-05-03",
                    "--out",
                    str(out),
                ]
            )
            == 0
        )
        assert wtfc.load_cycle(out).step is wtfc.Step.UNDERSTAND

    def test_a_blocked_advance_exits_1_and_writes_nothing(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        out = tmp_path / "next.json"
        assert (
            main(
                [
                    "wtfc",
                    str(EXAMPLES / "home-from-home.toml"),
                    "--advance",
                    "--on",
                    "2023-09-01",
                    "--out",
                    str(out),
                ]
            )
            == 1
        )
        assert not out.exists()
        assert "action x1 has no owner" in capsys.readouterr().err

    def test_bad_input_exits_2(self, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
        assert (
            main(
                [
                    "wtfc",
                    str(EXAMPLES / "carers-strategy.toml"),
                    "--advance",
                    "--on",
                    "3 May",
                    "--out",
                    str(tmp_path / "x.json"),
                ]
            )
            == 2
        )
        assert "--on: not a date: '3 May'" in capsys.readouterr().err


PROPERTY = settings(max_examples=150, suppress_health_check=[HealthCheck.too_slow])


@PROPERTY
@given(cycles())
def test_advancing_never_loses_statements_themes_or_actions(cycle: wtfc.Cycle) -> None:
    try:
        moved = wtfc.advance(cycle, on=D(2030, 1, 1))
    except wtfc.StepBlocked as blocked:
        assert blocked.blockers
        return
    assert (moved.statements, moved.themes, moved.actions) == (
        cycle.statements,
        cycle.themes,
        cycle.actions,
    )
    assert moved.history[: len(cycle.history)] == cycle.history


@PROPERTY
@given(cycles(), st.integers(0, 1000))
def test_ranking_is_the_same_whatever_the_order(cycle: wtfc.Cycle, seed: int) -> None:
    rnd = random.Random(seed)
    statements, themes = list(cycle.statements), list(cycle.themes)
    rnd.shuffle(statements)
    rnd.shuffle(themes)
    other = attrs.evolve(cycle, statements=tuple(statements), themes=tuple(themes))
    assert wtfc.rank_themes(other) == wtfc.rank_themes(cycle)


@PROPERTY
@given(cycles())
def test_a_cycle_round_trips_through_json(cycle: wtfc.Cycle) -> None:
    assert wtfc.load_cycle(json.loads(to_json(cycle))) == cycle


def test_the_example_next_cycle_is_what_next_cycle_makes_from_the_review() -> None:
    reviewed = load("carers-strategy-reviewed")
    made = wtfc.next_cycle(
        reviewed, "cbc-carers-2024", on=D(2024, 1, 8), title="Adult carers' strategy: year two"
    )
    assert wtfc.load_cycle(EXAMPLES / "carers-strategy-2024.json") == made


class TestCycleInItsProject:
    """A WTfC cycle belongs to a project: its sessions and people count in the one evidence view,
    so "what level did our WTfC work reach, and how many took part" has an answer."""

    def project(self) -> cp.Project:
        return cp.load_project(
            Path(__file__).parent.parent
            / "examples"
            / "projects"
            / "adass"
            / "central-bedfordshire-carers-strategy.toml"
        )

    def test_sources_workshops_and_review_become_activities(self) -> None:
        cycle = load("carers-strategy-reviewed")
        found = {a.id: a for a in wtfc.activities_of(cycle)}
        workshops = found["cbc-carers-2022-reviewed.workshops"]
        assert (workshops.sessions, workshops.stage.value, workshops.say) == (
            4,
            "plan",
            cp.Say.EQUAL,
        )
        assert [a.kind.value for a in found.values() if a.stage.value == "understand"] == [
            "survey"
        ] * 3
        assert found["cbc-carers-2022-reviewed.review"].stage.value == "review"

    def test_the_cycle_lifts_its_project_from_consultation_to_co_design(self) -> None:
        project = self.project()
        alone = cp.assess_ladder(project, D(2023, 12, 31))
        joined = cp.assess_ladder(
            wtfc.with_cycle(project, load("carers-strategy-reviewed")), D(2023, 12, 31)
        )
        assert alone.rung is cp.Rung.CONSULTATION
        assert joined.rung is cp.Rung.CO_DESIGN
        assert [g.id for g in joined.gaps] == ["shared-decision", "reciprocity"]

    def test_the_cycles_people_count_in_reach(self) -> None:
        joined = wtfc.with_cycle(self.project(), load("carers-strategy-reviewed"))
        reach = cp.measures.reach([joined], cp.Period.financial_year(2022))
        assert reach.listed == 2  # the two carers in the theming group (w1, w2)

    def test_a_cycle_for_another_project_is_refused(self) -> None:
        cycle = attrs.evolve(load("carers-strategy-reviewed"), project="someone-else")
        with pytest.raises(ValidationError, match="belongs to 'someone-else'"):
            wtfc.with_cycle(self.project(), cycle)

    def test_the_ladder_command_counts_a_cycle_with_its_project(
        self, capsys: pytest.CaptureFixture[str]
    ) -> None:
        root = Path(__file__).parent.parent / "examples"
        project = root / "projects" / "adass" / "central-bedfordshire-carers-strategy.toml"
        cycle = EXAMPLES / "carers-strategy-reviewed.toml"
        assert main(["ladder", str(project), "--cycle", str(cycle), "--as-of", "2023-12-31"]) == 0
        assert "Co-design" in capsys.readouterr().out
