"""What a project record can say about the councils' practice (issue 15, sections 5 and 6).

Each rule quotes the passage of the council documents it follows: ADASS East of England,
"Emerging approaches to co-production" (2023), and the Barnet documents.
"""

from __future__ import annotations

import datetime
from typing import Any

import pytest

import coproduction as cp
from coproduction.cli import main
from coproduction.plan import ForwardPlan, Opportunity, load_forward_plan
from coproduction.project import (
    Channel,
    Contribution,
    OutputKind,
    Representing,
    Reward,
)

D = datetime.date


def record(**changes: Any) -> dict[str, Any]:
    base: dict[str, Any] = {
        "id": "demo",
        "title": "Demo",
        "participants": [{"id": "p1", "lived_experience": True}],
        "activities": [
            {
                "id": "a1",
                "date": "2023-03-01",
                "stage": "plan",
                "kind": "meeting",
                "participants": ["p1"],
            }
        ],
    }
    return base | changes


def test_a_parent_speaking_for_a_parent_carers_forum_is_recorded_with_the_forum() -> None:
    """SNAP "Parent and Carer Forum" members took part for the forum (ADASS, L.456-492)."""
    project = cp.load_project(
        record(
            participants=[
                {
                    "id": "p1",
                    "lived_experience": True,
                    "representing": "group",
                    "organisation": "SNAP Parent Carer Forum",
                }
            ]
        )
    )
    person = project.participants[0]
    assert person.representing is Representing.GROUP
    assert person.organisation == "SNAP Parent Carer Forum"
    assert "SNAP" not in repr(person)


def test_reward_is_more_than_yes_or_no() -> None:
    """Expenses only, refreshments, vouchers, payment per the policy; only vouchers and payment
    pay for people's time."""
    activity = record()["activities"][0] | {"reward": ["expenses", "refreshments"]}
    project = cp.load_project(record(activities=[activity]))
    assert project.activities[0].reward == (Reward.EXPENSES, Reward.REFRESHMENTS)
    assert [r.value for r in Reward if r.recognises_time] == ["vouchers", "payment"]


def test_an_activity_involved_throughout_spans_several_stages_and_is_offered_several_ways() -> None:
    activity = record()["activities"][0] | {
        "also_stages": ["design", "review", "plan"],
        "format": "in-person",
        "also_offered": ["online", "written"],
    }
    made = cp.load_project(record(activities=[activity])).activities[0]
    assert [s.value for s in made.stages] == ["plan", "design", "review"]
    assert [f.value for f in made.formats] == ["in-person", "online", "written"]


def test_feedback_from_no_activity_needs_its_channel_and_can_be_acted_on_by_another_body() -> None:
    """A complaint about transport to a day centre, acted on by the bus company."""
    item = {
        "id": "f1",
        "channel": "complaint",
        "said": "The bus is always late",
        "acted_by": "the bus company",
        "published": "2023-05-01",
    }
    project = cp.load_project(record(feedback=[item]))
    assert project.feedback[0].channel is Channel.COMPLAINT
    assert project.feedback[0].acted_by == "the bus company"
    assert project.feedback[0].published == D(2023, 5, 1)
    del item["channel"]
    with pytest.raises(cp.ValidationError, match="an item with no activity needs its channel"):
        cp.load_project(record(feedback=[item]))


def test_what_people_co_wrote_or_signed_off_is_an_output_linked_to_who_and_where() -> None:
    outputs = [
        {"id": "o1", "kind": "foreword", "contribution": "wrote", "participants": ["p1"]},
        {"id": "o2", "kind": "easy-read", "contribution": "signed-off", "activity": "a1"},
        {"id": "o3", "kind": "agenda", "contribution": "set", "participants": ["p9"]},
        {"id": "o1", "kind": "criteria", "contribution": "co-wrote", "activity": "a9"},
    ]
    with pytest.raises(cp.ValidationError) as caught:
        cp.load_project(record(outputs=outputs))
    assert sorted(str(p) for p in caught.value.problems) == [
        "outputs[2].participants[0]: no participant with id 'p9'",
        "outputs[3].activity: no activity with id 'a9'",
        "outputs[3].id: duplicate id 'o1'",
    ]
    project = cp.load_project(record(outputs=outputs[:2]))
    assert [(o.kind, o.contribution) for o in project.outputs] == [
        (OutputKind.FOREWORD, Contribution.WROTE),
        (OutputKind.EASY_READ, Contribution.SIGNED_OFF),
    ]


def test_the_time_given_to_respond_runs_from_the_notice_to_the_closing_date() -> None:
    activity = record()["activities"][0] | {"notice_sent": "2023-02-15", "respond_by": "2023-03-29"}
    assert cp.load_project(record(activities=[activity])).activities[0].days_to_respond == 42
    early = activity | {"respond_by": "2023-02-01"}
    with pytest.raises(cp.ValidationError, match="respond_by: 2023-02-01 is before the activity"):
        cp.load_project(record(activities=[early]))


def test_co_production_is_not_a_nine_to_five_monday_to_friday_option() -> None:
    """ "co-production is not a 9 am to 5 pm Monday to Friday option" (ADASS, L.1273)."""

    def held(day: str, time: str | None) -> bool | None:
        activity = record()["activities"][0] | {"date": day}
        if time is not None:
            activity["starts_at"] = time
        return cp.load_project(record(activities=[activity])).activities[0].outside_office_hours

    assert held("2023-03-01", "18:30") is True  # a Wednesday evening
    assert held("2023-03-01", "10:00") is False
    assert held("2023-03-01", None) is None
    assert held("2023-03-04", None) is True  # a Saturday


@pytest.mark.parametrize(
    ("kind", "standing"),
    [
        ("mystery-shopping", False),
        ("task-and-finish-group", False),
        ("contract-forum", True),
        ("peer-advocacy", False),
    ],
)
def test_the_activity_kinds_the_documents_use_are_accepted(kind: str, standing: bool) -> None:
    """Mystery shopping (Barnet CQC self-assessment, L.978-984), task-and-finish groups (ADASS,
    L.758), lived-experience forums within contracts (L.815), peer advocacy (L.391)."""
    activity = record()["activities"][0] | {"kind": kind}
    made = cp.load_project(record(activities=[activity])).activities[0]
    assert made.kind.value == kind
    assert made.is_standing_group is standing


class TestForwardPlan:
    def test_the_example_lists_what_is_coming_soonest_first(self) -> None:
        plan = load_forward_plan("examples/plans/barnet-forward-plan-2024.toml")
        assert [o.id for o in plan.upcoming(D(2024, 3, 1))] == ["o2", "o3"]
        assert [o.id for o in plan.for_project("barnet-carers-2024")] == ["o2"]

    def test_notice_is_counted_from_publication_to_the_planned_date(self) -> None:
        plan = ForwardPlan(
            organisation="x",
            published=D(2024, 1, 1),
            opportunities=(
                Opportunity(
                    id="o1",
                    title="t",
                    planned=D(2024, 1, 29),
                    stage=cp.Stage.PLAN,
                    kind=cp.ActivityKind.WORKSHOP,
                    project="p",
                    activity="a1",
                ),
            ),
        )
        assert plan.notice_days("p", "a1") == 28
        assert plan.notice_days("p", "a2") is None

    def test_the_command_lists_the_plan_and_refuses_a_broken_one(
        self, capsys: pytest.CaptureFixture[str], tmp_path: Any
    ) -> None:
        path = "examples/plans/barnet-forward-plan-2024.toml"
        assert main(["plan", path, "--as-of", "2024-06-01"]) == 0
        out = capsys.readouterr().out
        assert "1 of 3 opportunities from 2024-06-01" in out
        assert "mystery-shopping" in out
        broken = tmp_path / "plan.toml"
        broken.write_text('organisation = "x"\npublished = "soon"\n', encoding="utf-8")
        assert main(["plan", str(broken)]) == 2
        assert "published: not a date" in capsys.readouterr().err


def test_the_ladder_counts_an_activity_at_every_stage_it_spans() -> None:
    """Involved throughout: a forum at the review stage that also planned the work is there
    from the start, in the one evidence view the ladder reads."""
    activity = record()["activities"][0] | {"stage": "review", "purpose": ["views"]}
    alone = cp.assess_ladder(cp.load_project(record(activities=[activity])))
    spanning = activity | {"also_stages": ["plan"]}
    both = cp.assess_ladder(cp.load_project(record(activities=[spanning])))
    assert alone.stage(cp.Stage.PLAN) is None
    assert both.stage(cp.Stage.PLAN) is cp.Rung.CONSULTATION
    assert both.stage(cp.Stage.REVIEW) is cp.Rung.CONSULTATION


@pytest.mark.parametrize(
    ("reward", "met"),
    [(["expenses", "refreshments"], False), (["vouchers"], True), (["payment"], True)],
)
def test_reciprocity_needs_reward_for_time_not_only_costs(reward: list[str], met: bool) -> None:
    activity = record()["activities"][0] | {"reward": reward}
    result = cp.assess_ladder(cp.load_project(record(activities=[activity])))
    reciprocity = next(c for c in result.criteria if c.id == "reciprocity")
    assert reciprocity.holds is met


def test_a_residents_grant_panel_deciding_a_budget_is_recognised_as_participatory_budgeting() -> (
    None
):
    """Participatory budgeting: "community members directly decide how to spend part of a public
    budget" (Southwark 2014, section 2.15, L.132). A one-off grant panel with a leading say was
    consultation; deciding a recorded budget makes it engagement."""
    panel = record()["activities"][0] | {
        "stage": "decide",
        "kind": "grant-panel",
        "purpose": ["decide"],
        "say": "lead",
    }
    one_off = cp.assess_ladder(cp.load_project(record(activities=[panel])))
    assert one_off.rung is cp.Rung.CONSULTATION
    budgeted = panel | {"budget": "20000.00", "decided_by": "residents"}
    result = cp.assess_ladder(cp.load_project(record(activities=[budgeted])))
    assert result.rung is cp.Rung.ENGAGEMENT
    repeated = next(c for c in result.criteria if c.id == "views-sought-repeatedly")
    assert "participatory budgeting" in repeated.reason
    advised = panel | {"budget": "20000.00", "decided_by": "council"}
    assert cp.assess_ladder(cp.load_project(record(activities=[advised]))).rung is (
        cp.Rung.CONSULTATION
    )


def test_a_budget_is_money_in_pounds_to_the_penny() -> None:
    def problems(**changes: Any) -> list[str]:
        bad = record()["activities"][0] | changes
        with pytest.raises(cp.ValidationError) as caught:
            cp.load_project(record(activities=[bad]))
        return [str(p) for p in caught.value.problems]

    assert problems(budget="-5") == ["activities[0].budget: must not be negative, not -5"]
    assert problems(budget="1.234") == [
        "activities[0].budget: 1.234 has more than two decimal places"
    ]
    assert problems(decided_by="resident")[0].startswith(
        "activities[0].decided_by: 'resident' is not one of residents, joint, council"
    )
    assert problems(budget=20000.5)[0].startswith("activities[0].budget")
