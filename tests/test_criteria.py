"""Each ladder criterion, with the evidence that meets it and the evidence that does not."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

import attrs

import coproduction as cp
from coproduction.ladder.criteria import Finding
from coproduction.project import Decider
from tests.helpers import DAY, activity, feedback, holds, project, rung


class TestTookPart:
    def test_a_project_where_nobody_with_lived_experience_took_part_is_not_on_the_ladder(
        self,
    ) -> None:
        staff_only = activity(people=0, participants=("s1",), purpose=("views",))
        result = cp.assess_ladder(project(staff_only))
        assert result.rung is None
        assert not result.on_ladder
        assert [g.id for g in result.gaps] == ["took-part"]

    def test_a_project_with_no_activities_is_not_on_the_ladder(self) -> None:
        assert rung() is None

    def test_people_counted_without_ids_are_evidence_of_taking_part(self) -> None:
        assert rung(activity(people=120)) is cp.Rung.COERCION

    def test_a_listed_participant_with_lived_experience_is_evidence_of_taking_part(self) -> None:
        assert rung(activity(people=0, participants=("p1",))) is cp.Rung.COERCION

    def test_taking_part_with_nothing_sought_or_explained_is_coercion(self) -> None:
        result = cp.assess_ladder(project(activity(purpose=())))
        assert result.rung is cp.Rung.COERCION
        assert result.rung.band is cp.Band.DOING_TO


def test_educating_needs_an_activity_that_helped_people_understand_services() -> None:
    assert rung(activity(purpose=("educate",), kind="training")) is cp.Rung.EDUCATING
    assert not holds("helped-to-understand", activity(purpose=("inform",)))


class TestToldOutcomes:
    def test_an_inform_activity_is_informing(self) -> None:
        assert rung(activity(purpose=("inform",))) is cp.Rung.INFORMING

    def test_a_response_reported_back_counts_as_telling_people_the_outcome(self) -> None:
        # Only a response with a report-back date counts; a response never told does not.
        told = feedback("f1", "a1", "received", reported_back=datetime.date(2024, 5, 1))
        untold = feedback("f2", "a1", "received")
        assert holds("told-outcomes", activity(), feedback=(told,))
        assert not holds("told-outcomes", activity(), feedback=(untold,))

    def test_an_empty_response_reported_back_is_not_telling_anyone_anything(self) -> None:
        item = feedback("f1", "a1", reported_back=datetime.date(2024, 5, 1), response="  ")
        assert not holds("told-outcomes", activity(), feedback=(item,))


class TestViewsSought:
    def test_a_survey_that_asks_for_views_is_consultation(self) -> None:
        assert rung(activity(purpose=("views",), kind="survey", people=300)) is (
            cp.Rung.CONSULTATION
        )

    def test_designing_deciding_delivering_or_evaluating_draws_on_views_too(self) -> None:
        for purpose in ("design", "decide", "deliver", "evaluate"):
            assert holds("views-sought", activity(purpose=(purpose,)))

    def test_views_asked_only_of_staff_do_not_count(self) -> None:
        staff = activity(people=0, participants=("s1",), purpose=("views",))
        assert not holds("views-sought", staff, activity("a2"))


class TestEngagement:
    def test_repeated_views_with_input_accepted_is_engagement(self) -> None:
        result = rung(
            activity(purpose=("views",), sessions=4),
            feedback=(feedback("f1", "a1", "received", "accepted"),),
        )
        assert result is cp.Rung.ENGAGEMENT

    def test_one_session_of_views_is_not_repeated(self) -> None:
        assert not holds("views-sought-repeatedly", activity(purpose=("views",)))

    def test_two_separate_activities_seeking_views_are_repeated(self) -> None:
        assert holds(
            "views-sought-repeatedly",
            activity("a1", purpose=("views",)),
            activity("a2", purpose=("views",)),
        )

    def test_an_ongoing_group_counts_as_repeated_even_in_one_record(self) -> None:
        assert holds("views-sought-repeatedly", activity(purpose=("views",), kind="forum"))

    def test_input_counts_only_while_its_current_status_is_accepted_or_implemented(self) -> None:
        a = activity(purpose=("views",), sessions=2)
        assert holds(
            "input-changed-something",
            a,
            feedback=(feedback("f1", "a1", "accepted", "implemented"),),
        )
        # A later not-possible withdraws it: the current status is the last one.
        assert not holds(
            "input-changed-something",
            a,
            feedback=(feedback("f1", "a1", "accepted", "not-possible"),),
        )
        assert not holds(
            "input-changed-something", a, feedback=(feedback("f1", "a1", "under-consideration"),)
        )

    def test_an_equal_say_in_a_decision_is_input_that_changed_something(self) -> None:
        panel = activity(
            stage="decide", kind="interview-panel", purpose=("decide",), say="equal", sessions=3
        )
        assert holds("input-changed-something", panel)
        assert rung(panel) is cp.Rung.ENGAGEMENT

    def test_an_advisory_say_in_a_decision_is_not(self) -> None:
        panel = activity(stage="decide", purpose=("decide",), say="advisory")
        assert not holds("input-changed-something", panel)

    def test_views_repeated_but_nothing_adopted_stays_consultation(self) -> None:
        assert rung(activity(purpose=("views",), sessions=3)) is cp.Rung.CONSULTATION


class TestCoDesign:
    def design(self, say: str = "equal", stage: str = "design") -> cp.Activity:
        return activity(stage=stage, purpose=("design",), say=say, kind="co-design-group")

    def test_designing_with_an_equal_say_and_design_input_adopted_is_co_design(self) -> None:
        result = rung(self.design(), feedback=(feedback("f1", "a1", "implemented"),))
        assert result is cp.Rung.CO_DESIGN

    def test_an_advisory_say_over_the_design_is_not_co_design(self) -> None:
        assert not holds("designed-together", self.design(say="advisory"))

    def test_designing_at_the_plan_stage_counts(self) -> None:
        assert holds("designed-together", self.design(stage="plan", say="lead"))

    def test_design_purpose_at_the_delivery_stage_is_not_designing_the_change(self) -> None:
        assert not holds("designed-together", self.design(stage="deliver"))

    def test_design_input_must_come_from_a_design_activity(self) -> None:
        survey = activity("a2", purpose=("views",))
        adopted_from_survey = feedback("f1", "a2", "accepted")
        assert not holds(
            "design-input-adopted", self.design(), survey, feedback=(adopted_from_survey,)
        )
        assert holds(
            "design-input-adopted",
            self.design(),
            survey,
            feedback=(feedback("f1", "a1", "accepted"),),
        )


class TestCoProduction:
    def full(self, **changes: object) -> dict[str, object]:
        parts: dict[str, object] = {
            "start": activity("a1", stage="understand", purpose=("views",), sessions=2),
            "design": activity("a2", stage="design", purpose=("design",), say="equal"),
            "decide": activity("a3", stage="decide", purpose=("decide",), say="equal"),
            "deliver": activity("a4", stage="review", purpose=("evaluate",), say="advisory"),
        }
        parts.update(changes)
        return parts

    def assess(self, reward: bool | None = True, **changes: object) -> cp.LadderAssessment:
        acts = [a for a in self.full(**changes).values() if isinstance(a, cp.Activity)]
        return cp.assess_ladder(
            project(
                *acts,
                feedback=(feedback("f1", "a2", "implemented"),),
                reward_offered=reward,
            )
        )

    def test_all_six_conditions_together_are_co_production(self) -> None:
        result = self.assess()
        assert result.rung is cp.Rung.CO_PRODUCTION
        assert result.gaps == ()
        assert result.next_rung is None

    def test_without_reward_and_recognition_it_is_co_design_and_says_why(self) -> None:
        result = self.assess(reward=False)
        assert result.rung is cp.Rung.CO_DESIGN
        assert [g.id for g in result.gaps] == ["reciprocity"]
        assert "not offered" in result.gaps[0].reason

    def test_reward_not_recorded_is_not_reward_offered(self) -> None:
        result = self.assess(reward=None)
        assert [g.id for g in result.gaps] == ["reciprocity"]
        assert "not recorded" in result.gaps[0].reason

    def test_people_brought_in_only_at_design_were_not_involved_from_the_start(self) -> None:
        result = self.assess(start=None)
        assert result.rung is cp.Rung.CO_DESIGN
        assert "involved-from-start" in [g.id for g in result.gaps]

    def test_a_decision_with_only_an_advisory_say_is_not_a_shared_decision(self) -> None:
        advisory = activity("a3", stage="decide", purpose=("decide",), say="advisory")
        result = self.assess(decide=advisory)
        assert [g.id for g in result.gaps] == ["shared-decision"]

    def test_no_part_in_delivery_or_review_leaves_a_gap(self) -> None:
        result = self.assess(deliver=None)
        assert [g.id for g in result.gaps] == ["part-in-delivery-or-review"]


def test_the_highest_rung_whose_criteria_all_hold_wins_even_over_gaps_below() -> None:
    # Designed together and adopted, but nobody was ever told outcomes: still co-design.
    result = cp.assess_ladder(
        project(
            activity(stage="design", purpose=("design",), say="lead"),
            feedback=(feedback("f1", "a1", "accepted"),),
        )
    )
    assert result.rung is cp.Rung.CO_DESIGN
    informing = result.criteria_for(cp.Rung.INFORMING)
    assert [c.holds for c in informing] == [False]


def test_every_criterion_result_names_its_evidence_when_it_holds() -> None:
    result = cp.assess_ladder(project(activity("a7", purpose=("views",))))
    views = next(c for c in result.criteria if c.id == "views-sought")
    assert views.evidence == ("a7",)
    assert "a7" in views.reason


def _reason(criterion: str, *activities: cp.Activity, **fields: Any) -> tuple[str, tuple[str, ...]]:
    result = cp.assess_ladder(project(*activities, **fields))
    found = next(c for c in result.criteria if c.id == criterion)
    return found.reason, found.evidence


class TestReasons:
    """What each criterion says about the evidence, as a reader of ``explain()`` sees it."""

    def test_a_reason_names_five_activities_at_most_and_counts_the_rest(self) -> None:
        seven = [activity(f"a{i}", purpose=("views",)) for i in range(1, 8)]
        reason, evidence = _reason("views-sought", *seven)
        assert reason == (
            "People's views were sought, or they took an active part, in 7 activities "
            "(a1, a2, a3, a4, a5 and 2 more)."
        )
        assert evidence == tuple(f"a{i}" for i in range(1, 8))
        reason, _ = _reason("views-sought", *seven[:5])
        assert reason.endswith("in 5 activities (a1, a2, a3, a4, a5).")
        reason, _ = _reason("views-sought", *seven[:6])
        assert reason.endswith("in 6 activities (a1, a2, a3, a4, a5 and 1 more).")

    def test_one_activity_or_item_is_counted_in_the_singular_two_in_the_plural(self) -> None:
        assert _reason("took-part", activity())[0] == (
            "People with lived experience took part in 1 activity (a1)."
        )
        assert _reason("took-part", activity("a1"), activity("a2"))[0] == (
            "People with lived experience took part in 2 activities (a1, a2)."
        )
        one = (feedback("f1", "a1", "accepted"),)
        two = (*one, feedback("f2", "a1", "implemented"))
        assert _reason("input-changed-something", activity(), feedback=one)[0] == (
            "People's input changed something: 1 feedback item accepted or implemented (f1)."
        )
        assert _reason("input-changed-something", activity(), feedback=two)[0] == (
            "People's input changed something: 2 feedback items accepted or implemented (f1, f2)."
        )

    def test_a_criterion_not_met_is_false_in_the_json_never_null(self) -> None:
        result = cp.assess_ladder(project(activity()))
        met = {c["id"]: c["met"] for c in result.to_dict()["criteria"]}
        held = {"took-part", "involved-from-start"}
        assert {met[i] for i in held} == {True}
        assert {m for i, m in met.items() if i not in held} == {False}
        assert all(c.evidence == () for c in result.criteria if not c.holds)

    def test_educating_names_the_activities_that_helped_people_understand(self) -> None:
        reason, evidence = _reason("helped-to-understand", activity(purpose=("educate",)))
        assert (
            reason == "1 activity helped people understand how services are designed or run (a1)."
        )
        assert evidence == ("a1",)

    def test_being_told_names_both_inform_activities_and_responses_reported_back(self) -> None:
        told = feedback("f1", "a1", "received", reported_back=datetime.date(2024, 5, 1))
        reason, evidence = _reason(
            "told-outcomes", activity("a1", purpose=("inform",)), feedback=(told,)
        )
        assert reason == (
            "1 activity told people what was decided (a1); "
            "responses to 1 feedback item were reported back to people (f1)."
        )
        assert evidence == ("a1", "f1")
        reason, evidence = _reason("told-outcomes", activity(), feedback=(told,))
        assert reason == "Responses to 1 feedback item were reported back to people (f1)."
        assert evidence == ("f1",)
        reason, evidence = _reason("told-outcomes", activity(purpose=("inform",)))
        assert reason == "1 activity told people what was decided (a1)."

    def test_repeated_views_say_how_they_were_repeated(self) -> None:
        forum = activity("a1", purpose=("views",), kind="forum")
        budget = attrs.evolve(
            activity("a2", stage="decide", purpose=("decide",), kind="grant-panel"),
            budget=Decimal("20000"),
            decided_by=Decider.RESIDENTS,
        )
        assert _reason("views-sought-repeatedly", forum) == (
            "Views were sought through an ongoing group (a1).",
            ("a1",),
        )
        assert _reason("views-sought-repeatedly", budget)[0] == (
            "Views were sought through participatory budgeting (a2)."
        )
        assert _reason("views-sought-repeatedly", forum, budget)[0] == (
            "Views were sought through an ongoing group and participatory budgeting (a1, a2)."
        )
        assert _reason("views-sought-repeatedly", activity(purpose=("views",), sessions=2)) == (
            "Views were sought in 2 sessions in all (a1).",
            ("a1",),
        )

    def test_views_sought_once_say_how_many_sessions_and_what_would_count(self) -> None:
        reason, evidence = _reason("views-sought-repeatedly", activity(purpose=("views",)))
        assert reason == (
            "Views were sought in 1 session(s); this needs at least two sessions "
            "(more activities, or 'sessions' of 2 or more) or an ongoing group "
            "(steering group, board, forum, reference group, co-design group)."
        )
        assert evidence == ("a1",)

    def test_input_that_changed_something_names_adopted_items_and_shared_decisions(self) -> None:
        panel = activity("a2", stage="decide", purpose=("decide",), say="lead")
        reason, evidence = _reason(
            "input-changed-something",
            activity("a1"),
            panel,
            feedback=(feedback("f1", "a1", "accepted"),),
        )
        assert reason == (
            "People's input changed something: 1 feedback item accepted or implemented (f1); "
            "an equal or leading say in a decision in 1 activity (a2)."
        )
        assert evidence == ("f1", "a2")
        assert _reason("input-changed-something", panel) == (
            "People's input changed something: an equal or leading say in a decision in "
            "1 activity (a2).",
            ("a2",),
        )

    def test_reward_offered_is_reciprocity(self) -> None:
        reason, _ = _reason("reciprocity", activity(), reward_offered=True)
        assert reason == "People were offered reward and recognition for their time."
        reason, _ = _reason("reciprocity", activity(), reward_offered=False)
        assert reason == "People were not offered reward and recognition for their time."

    def test_a_project_with_only_staff_says_nobody_with_lived_experience_took_part(self) -> None:
        staff = activity(people=0, participants=("s1",), purpose=("views",))
        assert _reason("took-part", staff) == (
            "No activity records anyone with lived experience taking part (listed as a "
            "participant with lived experience, or counted in 'people').",
            (),
        )
        assert _reason("views-sought", staff) == (
            "No activity with people with lived experience sought their views (purpose "
            "'views') or had them design, decide, deliver or evaluate.",
            (),
        )


class TestStageCriteria:
    """Within one stage, co-production means people shared that stage's work as equals, and
    it counted (``STAGE_CRITERIA``: the per-stage profile's reasons)."""

    def at(self, stage: str, *activities: cp.Activity, **fields: Any) -> cp.Evidence:
        return cp.evidence_of(project(*activities, **fields), DAY).at(cp.Stage.parse(stage))

    def finding(self, criterion: str, view: cp.Evidence) -> Finding:
        wanted = cp.ladder.STAGE_CRITERIA[cp.Rung.CO_PRODUCTION]
        return next(c for c in wanted if c.id == criterion).test(view)

    def test_an_equal_say_in_deciding_at_the_stage_is_shared_work_that_counted(self) -> None:
        view = self.at("decide", activity("a3", stage="decide", purpose=("decide",), say="equal"))
        work = self.finding("equal-say-in-the-work", view)
        assert work == Finding(
            True,
            "People had an equal or leading say in doing this stage's work in 1 activity (a3).",
            ("a3",),
        )
        used = self.finding("stage-input-used", view)
        assert used.holds is True
        assert used.evidence == ("a3",)
        assert used.reason.endswith("or their input was adopted (a3).")

    def test_input_adopted_at_the_stage_counts_without_an_equal_say(self) -> None:
        view = self.at(
            "understand",
            activity("a1", purpose=("views",)),
            feedback=(feedback("f1", "a1", "accepted"),),
        )
        used = self.finding("stage-input-used", view)
        assert (used.holds, used.evidence) == (True, ("f1",))
        assert used.reason == (
            "People's part at this stage counted: they decided, delivered or evaluated, "
            "or their input was adopted (f1)."
        )
        both = self.at(
            "decide",
            activity("a3", stage="decide", purpose=("decide",), say="equal"),
            feedback=(feedback("f1", "a3", "accepted"),),
        )
        assert self.finding("stage-input-used", both).evidence == ("a3", "f1")

    def test_an_advisory_say_with_nothing_adopted_is_not_co_production_at_the_stage(self) -> None:
        view = self.at(
            "decide", activity("a3", stage="decide", purpose=("decide",), say="advisory")
        )
        work = self.finding("equal-say-in-the-work", view)
        used = self.finding("stage-input-used", view)
        assert (work.holds, work.evidence) == (False, ())
        assert work.reason == (
            "No activity at this stage gives people an 'equal' or 'lead' say in designing, "
            "deciding, delivering or evaluating."
        )
        assert (used.holds, used.evidence) == (False, ())
        assert used.reason == (
            "Nothing at this stage records people's input being adopted, or people deciding, "
            "delivering or evaluating with an equal or leading say."
        )
