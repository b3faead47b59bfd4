"""The evidence view: what was known on a day, read the same way by every wing."""

from __future__ import annotations

import datetime
import itertools
from decimal import Decimal
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import coproduction as cp
from coproduction.project import Decider, Reward
from tests.helpers import DAY, activity, feedback, project
from tests.strategies import dates, later_records, projects, varied_projects

SETTINGS = settings(max_examples=150, suppress_health_check=[HealthCheck.too_slow])


def _known(view: cp.Evidence) -> dict[str, set[Any]]:
    return {
        "activities": {a.id for a in view.activities},
        "feedback": {f.id for f in view.feedback},
        "told": {f.id for f in view.told},
        "payments": {(p.activity, p.paid_on) for p in view.payments},
        "sessions": {(a.id, view.sessions(a)) for a in view.activities},
    }


@SETTINGS
@given(projects(), dates, st.integers(0, 800))
def test_moving_the_as_of_day_later_never_removes_evidence(
    record: cp.Project, day: datetime.date, days_later: int
) -> None:
    before = _known(cp.evidence_of(record, day))
    after = _known(cp.evidence_of(record, day + datetime.timedelta(days_later)))
    for key in ("activities", "feedback", "told", "payments"):
        assert before[key] <= after[key], key
    sessions_after = dict(after["sessions"])
    assert all(sessions_after[a] >= n for a, n in before["sessions"])


def _ladder_without_plans(result: cp.LadderAssessment) -> dict[str, Any]:
    # The list of planned activities grows with every later record, by design: it is the
    # part of the report that says what is still to come. Everything else must not move.
    found = result.to_dict()
    for key in ("planned", "with_planned"):
        found.pop(key)
    return found


@SETTINGS
@given(st.data())
def test_a_ladder_report_as_of_a_day_is_unchanged_by_records_dated_after_it(
    data: st.DataObject,
) -> None:
    record = data.draw(projects())
    day = data.draw(dates)
    later = data.draw(later_records(record, day))
    assert _ladder_without_plans(cp.assess_ladder(later, day)) == _ladder_without_plans(
        cp.assess_ladder(record, day)
    )


BARNET = cp.load_charter("barnet-2022")


@SETTINGS
@given(st.data())
def test_a_charter_report_as_of_a_day_is_unchanged_by_records_dated_after_it(
    data: st.DataObject,
) -> None:
    record = data.draw(projects())
    day = data.draw(dates)
    later = data.draw(later_records(record, day))
    before = cp.check_charter(record, BARNET, day).to_dict()
    assert cp.check_charter(later, BARNET, day).to_dict() == before


@SETTINGS
@given(st.data())
def test_the_feedback_loop_as_of_a_day_is_unchanged_by_records_dated_after_it(
    data: st.DataObject,
) -> None:
    record = data.draw(projects())
    day = data.draw(dates)
    later = data.draw(later_records(record, day))
    assert cp.measures.feedback_loop([later], day) == cp.measures.feedback_loop([record], day)


class TestDates:
    def test_an_activity_dated_after_the_as_of_day_is_planned_not_evidence(self) -> None:
        later = activity(purpose=("views",), date=DAY + datetime.timedelta(30))
        result = cp.assess_ladder(project(later), as_of=DAY)
        assert result.rung is None
        assert result.planned == ("a1",)
        assert result.with_planned is cp.Rung.CONSULTATION
        assert "would reach Consultation" in result.planned_note

    def test_a_planned_activity_never_counts_even_when_its_date_has_passed(self) -> None:
        planned = cp.Activity(
            id="interviews",
            date=DAY,
            stage=cp.Stage.DECIDE,
            kind=cp.ActivityKind.INTERVIEW_PANEL,
            purpose=(cp.Purpose.DECIDE,),
            say=cp.Say.EQUAL,
            people=3,
            status=cp.ActivityStatus.PLANNED,
        )
        result = cp.assess_ladder(project(activity(purpose=("views",)), planned), as_of=DAY)
        assert result.rung is cp.Rung.CONSULTATION
        assert result.with_planned is cp.Rung.ENGAGEMENT

    def test_a_status_dated_after_the_as_of_day_is_not_yet_known(self) -> None:
        item = feedback("f1", "a1", "accepted")  # accepted on DAY
        earlier = DAY - datetime.timedelta(10)
        record = project(activity(purpose=("views",), sessions=2, date=earlier), feedback=(item,))
        day_before = DAY - datetime.timedelta(1)
        assert cp.assess_ladder(record, as_of=DAY).rung is cp.Rung.ENGAGEMENT
        assert cp.assess_ladder(record, as_of=day_before).rung is cp.Rung.CONSULTATION

    def test_a_report_back_dated_after_the_as_of_day_has_not_happened_yet(self) -> None:
        told = feedback("f1", "a1", "received", reported_back=DAY + datetime.timedelta(10))
        record = project(activity(), feedback=(told,))
        assert cp.assess_ladder(record, as_of=DAY).rung is cp.Rung.COERCION
        assert cp.assess_ladder(record, as_of=DAY + datetime.timedelta(10)).rung is (
            cp.Rung.INFORMING
        )

    def test_an_item_counts_from_the_last_session_of_its_activity_unless_raised_on_says(
        self,
    ) -> None:
        series = cp.Activity(
            id="a1",
            date=DAY,
            until=DAY + datetime.timedelta(180),
            sessions=6,
            stage=cp.Stage.PLAN,
            kind=cp.ActivityKind.STEERING_GROUP,
            purpose=(cp.Purpose.VIEWS,),
            people=8,
        )
        undated = feedback("f1", "a1")
        dated = cp.FeedbackItem(id="f2", activity="a1", said="A view", raised_on=DAY)
        view = cp.evidence_of(project(series, feedback=(undated, dated)), DAY)
        assert [f.id for f in view.feedback] == ["f2"]
        assert view.sessions(series) == 1
        full = cp.evidence_of(project(series, feedback=(undated,)), series.last_date)
        assert [f.id for f in full.feedback] == ["f1"]
        assert full.sessions(series) == 6


@SETTINGS
@given(projects() | varied_projects(), dates)
def test_each_criterion_s_quick_answer_is_the_answer_its_reason_gives(
    record: cp.Project, day: datetime.date
) -> None:
    _assert_quick_answers_are_the_reasons(cp.evidence_of(record, day))


_CRITERIA = {
    c.id: c
    for table in (cp.ladder.PROJECT_CRITERIA, cp.ladder.STAGE_CRITERIA)
    for needed in table.values()
    for c in needed
}


def _assert_quick_answers_are_the_reasons(view: cp.Evidence) -> None:
    """Each criterion's quick answer is its reason's, for the view, each stage, and with plans."""
    for each in [view, *(view.at(stage) for stage in cp.Stage), view.with_planned()]:
        for criterion in _CRITERIA.values():
            assert criterion.holds(each) is criterion.test(each).holds, (criterion.id, view)


_FEEDBACK_WAYS = [
    (),
    (feedback("f1", "a1", "accepted", reported_back=DAY),),
    (feedback("f1", "a1", "under-consideration", "implemented"),),
    (feedback("f1", "a1", "received", reported_back=DAY, response="  "),),
]


def test_each_criterion_s_quick_answer_is_its_reason_s_for_every_stage_say_and_purpose() -> None:
    purposes = [(), *((p,) for p in cp.Purpose), *itertools.combinations(cp.Purpose, 2)]
    for stage, say, purpose in itertools.product(cp.Stage, [None, *cp.Say], purposes):
        held = cp.Activity(
            id="a1", date=DAY, stage=stage, kind=cp.ActivityKind.WORKSHOP, purpose=purpose,
            say=say, people=5,
        )  # fmt: skip
        for items in _FEEDBACK_WAYS:
            view = cp.evidence_of(project(held, feedback=items), DAY + datetime.timedelta(7))
            _assert_quick_answers_are_the_reasons(view)


def test_each_criterion_s_quick_answer_is_its_reason_s_for_groups_series_reward_and_budgets() -> (
    None
):
    ways = itertools.product(
        [cp.ActivityKind.WORKSHOP, cp.ActivityKind.FORUM],
        [(1, None), (2, DAY), (2, DAY + datetime.timedelta(30))],  # sessions, until
        [(), (cp.Purpose.VIEWS,), (cp.Purpose.EDUCATE, cp.Purpose.DESIGN)],
        [(), (Reward.EXPENSES,), (Reward.REFRESHMENTS, Reward.VOUCHERS), (Reward.PAYMENT,)],
        [(), (cp.Stage.DECIDE,), (cp.Stage.PLAN, cp.Stage.DELIVER)],
        [(None, None), (Decimal("20000"), Decider.RESIDENTS), (Decimal("500"), Decider.COUNCIL)],
        [None, False, True],
    )
    for kind, (sessions, until), purpose, reward, also, (budget, decider), offered in ways:
        held = cp.Activity(
            id="a1", date=DAY, stage=cp.Stage.DESIGN, kind=kind, purpose=purpose,
            say=cp.Say.EQUAL, people=5, sessions=sessions, until=until, reward=reward,
            also_stages=also, budget=budget, decided_by=decider,
        )  # fmt: skip
        for day in (DAY, DAY + datetime.timedelta(30)):
            view = cp.evidence_of(project(held, reward_offered=offered), day)
            _assert_quick_answers_are_the_reasons(view)
