"""The evidence view: what a project's record showed on one day, and the facts drawn from it.

The ladder criteria, the charter checks and the measures all read a project
through this view, so they agree on what was known on a day. A view is built
once per (project, as-of day) by :func:`evidence_of` and holds only what had
happened by then:

- an activity counts once its first session (``date``) is on or before the
  day, unless it is recorded as ``status = "planned"``; activities planned or
  dated later are kept apart in ``planned`` and are never evidence;
- a series (``sessions`` above 1, ``until`` its last session) counts all its
  sessions once its last session has passed, and only its first before that;
- a feedback item counts from the day it was raised: ``raised_on``, or the
  last session of its activity when that is not recorded; its status is the
  last in its history dated on or before the day; a report-back, a payment,
  a scope told or an experience answer counts only when dated on or before
  the day (an undated experience answer is dated by its activity's last
  session, and one with neither counts whenever it is recorded).

Only activities with people with lived experience count, and only the
feedback raised in them. An activity counts at every stage it spans
(``stage`` and ``also_stages``: "involved throughout"), and an activity
offering vouchers or payment counts as reward offered.

Barnet's strategy steering group, as known on 10 October 2022: the final-draft
conversations (``a5``) had happened, the steering group's series had not ended,
and the launch event (``a6``) was still to come.

>>> import datetime
>>> import coproduction as cp
>>> project = cp.load_project("examples/projects/barnet-strategy-steering-group.toml")
>>> view = cp.evidence_of(project, datetime.date(2022, 10, 10))
>>> [a.id for a in view.activities], [a.id for a in view.planned]
(['a1', 'a2', 'a3', 'a4', 'a5'], ['a6'])
>>> [(f.id, str(f.status)) for f in view.feedback]
[('f1', 'accepted'), ('f2', 'None')]
>>> view.sessions(project.activity("a1")), view.sessions(project.activity("a4"))
(1, 11)
"""

from __future__ import annotations

import datetime
import functools
from collections.abc import Iterable, Mapping
from typing import NamedTuple

import attrs

from coproduction.project import (
    STANDING_GROUP_KINDS,
    Activity,
    ActivityStatus,
    ExperienceScore,
    FeedbackItem,
    FeedbackStatus,
    Payment,
    Project,
    Purpose,
    Say,
    Scope,
    Stage,
)

__all__ = ["Evidence", "Fact", "KnownItem", "answer_day", "evidence_of", "status_on"]

SHARED_SAY = frozenset({Say.EQUAL, Say.LEAD})
DESIGN_STAGES = frozenset({Stage.DESIGN, Stage.PLAN})
EARLY_STAGES = frozenset({Stage.UNDERSTAND, Stage.PLAN})
LATE_STAGES = frozenset({Stage.DELIVER, Stage.REVIEW})
DOING_PURPOSES = frozenset({Purpose.DESIGN, Purpose.DECIDE, Purpose.DELIVER, Purpose.EVALUATE})
ACTING_PURPOSES = frozenset({Purpose.DECIDE, Purpose.DELIVER, Purpose.EVALUATE})
_ASKING_PURPOSES = DOING_PURPOSES | {Purpose.VIEWS}
_LATE_PURPOSES = frozenset({Purpose.DELIVER, Purpose.EVALUATE})
_WAITING = frozenset({FeedbackStatus.RECEIVED, FeedbackStatus.UNDER_CONSIDERATION})


def status_on(item: FeedbackItem, day: datetime.date) -> FeedbackStatus | None:
    """The status ``item`` had on ``day``: the last in its history dated on or before it.

    >>> import datetime
    >>> from coproduction.project import FeedbackItem, FeedbackStatus
    >>> item = FeedbackItem(id="f1", activity="a1", said="...")
    >>> item = item.with_status(FeedbackStatus.ACCEPTED, datetime.date(2024, 1, 5))
    >>> status_on(item, datetime.date(2024, 1, 4)), status_on(item, datetime.date(2024, 1, 5))
    (None, <FeedbackStatus.ACCEPTED: 'accepted'>)
    """
    current = None
    for change in item.history:
        if change.date > day:
            break
        current = change.status
    return current


class KnownItem(NamedTuple):
    """A feedback item as it stood on the view's day.

    ``raised_on`` is the day it counts from (its own ``raised_on``, or the last
    session of its activity); ``status`` its status that day; ``reported_back``
    the report-back date if it had happened by then. (A named tuple: one is made
    per item per view, so it is kept cheap to build.)
    """

    item: FeedbackItem
    activity: Activity
    raised_on: datetime.date
    status: FeedbackStatus | None
    reported_back: datetime.date | None

    @property
    def id(self) -> str:
        """The item's id."""
        return self.item.id

    @property
    def changed_something(self) -> bool:
        """Whether the item was accepted or implemented on the view's day."""
        return self.status is not None and self.status.changed_something

    @property
    def waiting(self) -> bool:
        """Whether the item was still waiting for a decision (no status, received, considering)."""
        return self.status is None or self.status in _WAITING

    @property
    def told(self) -> bool:
        """Whether a response with text had been reported back to people by the view's day."""
        return self.reported_back is not None and bool(self.item.response.strip())


# The facts ask these of every activity of every project: as tuples, a stage, say or kind
# is found among them by identity, without hashing it (a closed word hashes in Python).
_DECIDE = (Stage.DECIDE,)
_DESIGN_STAGES = tuple(DESIGN_STAGES)
_EARLY_STAGES = tuple(EARLY_STAGES)
_LATE_STAGES = tuple(LATE_STAGES)
_SHARED_SAY = tuple(SHARED_SAY)
_STANDING_GROUPS = tuple(STANDING_GROUP_KINDS)


def _spans(activity: Activity, stages: tuple[Stage, ...]) -> bool:
    """Whether ``activity`` spans any of ``stages`` (``stage`` or ``also_stages``).

    The same as testing ``activity.stages``, without building that tuple.
    """
    return activity.stage in stages or (
        bool(activity.also_stages) and any(st in stages for st in activity.also_stages)
    )


def _asks(activity: Activity) -> bool:
    """Whether ``activity`` has a purpose of ``_ASKING_PURPOSES``: any but educate and inform.

    A purpose is listed once (an activity refuses repeats), so counting those two
    among its purposes tells whether it has another.
    """
    purposes = activity.purpose
    return len(purposes) > (Purpose.EDUCATE in purposes) + (Purpose.INFORM in purposes)


def _with(activities: Iterable[Activity], purposes: frozenset[Purpose]) -> tuple[Activity, ...]:
    return tuple([a for a in activities if not purposes.isdisjoint(a.purpose)])


def _with_one(activities: Iterable[Activity], purpose: Purpose) -> tuple[Activity, ...]:
    return tuple([a for a in activities if purpose in a.purpose])


# --- the facts as bits: what the ladder's quick answers read -------------------------------------
#
# Each bit says that one of the view's facts below is not empty (``ASKED``: ``asked`` has an
# activity). They are found in one pass over the held activities and the known feedback when a
# view is made, so placing a project asks no fact twice and builds none of the tuples; the
# tuples themselves are still built, from the same records, when a reason is read. A test holds
# each criterion's quick answer (read from these bits) equal to the answer its reason gives.


class Fact:
    """The bits of :attr:`Evidence.facts`: each says that one of the view's facts is not empty.

    >>> import datetime
    >>> import coproduction as cp
    >>> project = cp.load_project("examples/projects/barnet-strategy-steering-group.toml")
    >>> view = cp.evidence_of(project, datetime.date(2022, 10, 10))
    >>> bool(view.facts & Fact.ASKED), bool(view.facts & Fact.REWARD_OFFERED)
    (True, True)
    >>> bool(view.asked), bool(view.reward_offered)
    (True, True)
    """

    EDUCATING = 1 << 0  # `educating`
    INFORMING = 1 << 1  # `informing`
    ASKED = 1 << 2  # `asked`
    EARLY = 1 << 3  # `early`
    DELIVERY_OR_REVIEW = 1 << 4  # `delivery_or_review`
    SHARED_WORK = 1 << 5  # `shared_work`
    SHARED_ACTING = 1 << 6  # `shared_acting`
    SHARED_DECISIONS = 1 << 7  # `shared_decisions`
    DESIGNED_TOGETHER = 1 << 8  # `designed_together`
    REPEATED = 1 << 9  # `repeated`: an ongoing group among `asked`, or two sessions in all
    REWARD_OFFERED = 1 << 10  # `reward_offered` is True
    ADOPTED = 1 << 11  # `adopted`
    DESIGN_ADOPTED = 1 << 12  # `design_adopted`
    TOLD = 1 << 13  # `told`


_FACTS = (1 << 14) - 1

# What a purpose or a stage says of an activity on its own (facts), and marks for what it
# says with other things (the bits above the facts).
_DOING = 1 << 14  # a purpose of DOING_PURPOSES
_ACTING = 1 << 15  # a purpose of ACTING_PURPOSES
_DECISION = 1 << 16  # the decide stage, or the purpose decide
_DESIGN_WORK = 1 << 17  # the purpose design
_DESIGN_STAGE = 1 << 18  # a stage of DESIGN_STAGES


def _purpose_bits(purpose: Purpose) -> int:
    own = {Purpose.EDUCATE: Fact.EDUCATING, Purpose.INFORM: Fact.INFORMING}
    bits = own.get(purpose, Fact.ASKED)  # any other purpose asks (as `_asks`)
    if purpose in DOING_PURPOSES:
        bits |= _DOING
    if purpose in ACTING_PURPOSES:
        bits |= _ACTING
    if purpose is Purpose.DECIDE:
        bits |= _DECISION
    if purpose is Purpose.DESIGN:
        bits |= _DESIGN_WORK
    if purpose in _LATE_PURPOSES:
        bits |= Fact.DELIVERY_OR_REVIEW
    return bits


def _stage_bits(stage: Stage) -> int:
    bits = Fact.EARLY if stage in EARLY_STAGES else 0
    if stage in LATE_STAGES:
        bits |= Fact.DELIVERY_OR_REVIEW
    if stage is Stage.DECIDE:
        bits |= _DECISION
    if stage in DESIGN_STAGES:
        bits |= _DESIGN_STAGE
    return bits


# Keyed by the word itself: a closed word's own hash runs in Python, a string's is cached.
_PURPOSE_BITS = {p.value: _purpose_bits(p) for p in Purpose}
_STAGE_BITS = {s.value: _stage_bits(s) for s in Stage}
_EQUAL, _LEAD = Say.EQUAL, Say.LEAD
_ADOPTING = (FeedbackStatus.ACCEPTED, FeedbackStatus.IMPLEMENTED)  # as `changed_something`
_PLANNED = ActivityStatus.PLANNED


def _activity_bits(activity: Activity) -> int:
    """What ``activity``'s stages and purposes say of it, as fact and mark bits."""
    bits = _STAGE_BITS[activity.stage._value_]
    for stage in activity.also_stages:
        bits |= _STAGE_BITS[stage._value_]
    for purpose in activity.purpose:
        bits |= _PURPOSE_BITS[purpose._value_]
    return bits


def _facts(evidence: Evidence) -> int:
    """The fact bits of ``evidence`` (see ``ASKED`` and the others), in one pass over it."""
    facts = 0
    sessions = 0
    day = evidence.as_of
    for activity in evidence.activities:
        bits = _STAGE_BITS[activity.stage._value_]  # as `_activity_bits`, without a call
        for stage in activity.also_stages:
            bits |= _STAGE_BITS[stage._value_]
        for purpose in activity.purpose:
            bits |= _PURPOSE_BITS[purpose._value_]
        facts |= bits
        say = activity.say
        if say is _EQUAL or say is _LEAD:
            if bits & _DOING:
                facts |= Fact.SHARED_WORK | (Fact.SHARED_ACTING if bits & _ACTING else 0)
            if bits & _DECISION:
                facts |= Fact.SHARED_DECISIONS
            if bits & _DESIGN_WORK and bits & _DESIGN_STAGE:
                facts |= Fact.DESIGNED_TOGETHER
        if bits & Fact.ASKED and not facts & Fact.REPEATED:
            sessions += activity.sessions if (activity.until or activity.date) <= day else 1
            if (
                sessions >= 2
                or activity.kind in _STANDING_GROUPS
                or (activity.budget is not None and activity.is_participatory_budgeting)
            ):
                facts |= Fact.REPEATED
        if activity.reward and any(r.recognises_time for r in activity.reward):
            facts |= Fact.REWARD_OFFERED
    if not facts & Fact.REWARD_OFFERED and evidence.project.reward_offered:
        facts |= Fact.REWARD_OFFERED
    return (facts & _FACTS) | _feedback_facts(evidence.feedback)


def _feedback_facts(feedback: tuple[KnownItem, ...]) -> int:
    """The fact bits the known feedback gives: adopted (from design work too) and told."""
    facts = 0
    for known in feedback:
        if known.status in _ADOPTING:
            facts |= Fact.ADOPTED
            if _activity_bits(known.activity) & (_DESIGN_WORK | _DESIGN_STAGE):
                facts |= Fact.DESIGN_ADOPTED
        if known.reported_back is not None and known.item.response.strip():
            facts |= Fact.TOLD
    return facts


@attrs.frozen
class Evidence:
    """A project's evidence as known on ``as_of``, and the facts every reader shares.

    Build it with :func:`evidence_of`. ``activities`` are those held with people
    with lived experience (record order); ``planned`` those planned or dated after
    ``as_of``; ``feedback`` the items raised in held activities by ``as_of``.
    """

    project: Project = attrs.field(repr=False, eq=False)
    as_of: datetime.date
    activities: tuple[Activity, ...]
    planned: tuple[Activity, ...]
    feedback: tuple[KnownItem, ...]
    lived_ids: frozenset[str] = attrs.field(repr=False)
    facts: int = attrs.field(
        init=False, repr=False, eq=False, default=attrs.Factory(_facts, takes_self=True)
    )
    """Which of the facts below are not empty, as bits (``ASKED`` and the others)."""

    @functools.cached_property
    def payments(self) -> tuple[Payment, ...]:
        """Payments made by ``as_of`` for held activities."""
        held = {a.id for a in self.activities}
        return tuple(
            p for p in self.project.payments if p.paid_on <= self.as_of and p.activity in held
        )

    @functools.cached_property
    def experience(self) -> tuple[ExperienceScore, ...]:
        """Experience answers given by ``as_of`` (see :func:`answer_day`)."""
        activities = {a.id: a for a in self.project.activities}
        return tuple(
            [e for e in self.project.experience if _answered_by(e, activities, self.as_of)]
        )

    @property
    def scope(self) -> Scope | None:
        """The scope statement recorded (when it was told: :attr:`scope_told_on`)."""
        return self.project.scope

    # --- derived facts, shared by the ladder, the charter checks and the measures ---

    def sessions(self, activity: Activity) -> int:
        """The sessions of ``activity`` known to have been held by ``as_of``.

        A series counts all its sessions once its last session has passed, and
        only the first before then (the record does not date the others).
        """
        return activity.sessions if activity.last_date <= self.as_of else 1

    @functools.cached_property
    def reward_offered(self) -> bool | None:
        """Whether people were offered reward and recognition for their time.

        True when the project says so (an undated fact), or when a held activity
        offered vouchers or payment. Expenses and refreshments alone meet people's
        costs without recognising their time, so they do not count on their own.
        """
        if any(r.recognises_time for a in self.activities for r in a.reward):
            return True
        return self.project.reward_offered

    @functools.cached_property
    def asked(self) -> tuple[Activity, ...]:
        """Activities that drew on people's views: asked for them, or had people do the work."""
        return tuple([a for a in self.activities if _asks(a)])

    @functools.cached_property
    def repeated(self) -> tuple[tuple[Activity, ...], int]:
        """Repeated involvement: the ongoing groups among ``asked``, and its sessions in all.

        A participatory budgeting decision (residents decided how to spend a recorded budget)
        counts with the ongoing groups: a budget round is a process of proposing and deciding,
        and deciding is more than giving views again.
        """
        asked = self.asked
        groups = tuple(
            [a for a in asked if a.kind in _STANDING_GROUPS or a.is_participatory_budgeting]
        )
        day = self.as_of  # as `self.sessions(a)` for each
        return groups, sum([a.sessions if (a.until or a.date) <= day else 1 for a in asked])

    def with_purpose(self, *purposes: Purpose) -> tuple[Activity, ...]:
        """The held activities with any of ``purposes``."""
        return _with(self.activities, frozenset(purposes))

    @functools.cached_property
    def educating(self) -> tuple[Activity, ...]:
        """Activities that helped people understand how services are designed or run."""
        return _with_one(self.activities, Purpose.EDUCATE)

    @functools.cached_property
    def informing(self) -> tuple[Activity, ...]:
        """Activities that told people what was decided and why."""
        return _with_one(self.activities, Purpose.INFORM)

    @functools.cached_property
    def shared_work(self) -> tuple[Activity, ...]:
        """Activities where people designed, decided, delivered or evaluated as equals or leads."""
        return tuple(
            [
                a
                for a in self.activities
                if a.say in _SHARED_SAY and not DOING_PURPOSES.isdisjoint(a.purpose)
            ]
        )

    @functools.cached_property
    def shared_acting(self) -> tuple[Activity, ...]:
        """Activities where people decided, delivered or evaluated as equals or leads."""
        return tuple([a for a in self.shared_work if not ACTING_PURPOSES.isdisjoint(a.purpose)])

    @functools.cached_property
    def decisions(self) -> tuple[Activity, ...]:
        """Decisions: activities at the decide stage or with the purpose ``decide``."""
        return tuple(
            [a for a in self.activities if _spans(a, _DECIDE) or Purpose.DECIDE in a.purpose]
        )

    @functools.cached_property
    def shared_decisions(self) -> tuple[Activity, ...]:
        """Decisions in which people had an equal or leading say."""
        return tuple([a for a in self.decisions if a.say in _SHARED_SAY])

    @functools.cached_property
    def designed_together(self) -> tuple[Activity, ...]:
        """Design work at the design or plan stage with an equal or leading say."""
        return tuple(
            [
                a
                for a in self.activities
                if Purpose.DESIGN in a.purpose
                and a.say in _SHARED_SAY
                and _spans(a, _DESIGN_STAGES)
            ]
        )

    @functools.cached_property
    def early(self) -> tuple[Activity, ...]:
        """Activities at the understand or plan stage."""
        return tuple([a for a in self.activities if _spans(a, _EARLY_STAGES)])

    @functools.cached_property
    def first(self) -> Activity | None:
        """The earliest held activity (by date, then id), or None."""
        return min(self.activities, key=lambda a: (a.date, a.id), default=None)

    @functools.cached_property
    def delivery_or_review(self) -> tuple[Activity, ...]:
        """Activities at the deliver or review stage, or delivering or evaluating."""
        return tuple(
            [
                a
                for a in self.activities
                if _spans(a, _LATE_STAGES) or not _LATE_PURPOSES.isdisjoint(a.purpose)
            ]
        )

    @functools.cached_property
    def adopted(self) -> tuple[KnownItem, ...]:
        """Feedback accepted or implemented on ``as_of``."""
        return tuple([f for f in self.feedback if f.changed_something])

    @functools.cached_property
    def design_adopted(self) -> tuple[KnownItem, ...]:
        """Adopted feedback from design or plan work (stage, or the purpose ``design``)."""
        return tuple(
            [
                f
                for f in self.adopted
                if _spans(f.activity, _DESIGN_STAGES) or Purpose.DESIGN in f.activity.purpose
            ]
        )

    @functools.cached_property
    def told(self) -> tuple[KnownItem, ...]:
        """Feedback whose response had been reported back by ``as_of``."""
        return tuple([f for f in self.feedback if f.told])

    @property
    def scope_told_on(self) -> datetime.date | None:
        """When people were told the scope, if that was on or before ``as_of``."""
        told = self.scope.told_on if self.scope else None
        return told if told is not None and told <= self.as_of else None

    def at(self, stage: Stage) -> Evidence:
        """The same view, keeping only activities at ``stage`` and the feedback raised in them."""
        only = (stage,)  # as `stage in a.stages`, without a tuple per activity
        return Evidence(
            self.project,
            self.as_of,
            tuple([a for a in self.activities if _spans(a, only)]),
            tuple([a for a in self.planned if _spans(a, only)]),
            tuple([f for f in self.feedback if _spans(f.activity, only)]),
            self.lived_ids,
        )

    def with_planned(self) -> Evidence:
        """The view as it would be once the planned activities have happened."""
        return Evidence(
            self.project,
            self.as_of,
            self.activities + self.planned,
            (),
            self.feedback,
            self.lived_ids,
        )


def evidence_of(project: Project, as_of: datetime.date) -> Evidence:
    """The evidence ``project`` records as known on ``as_of`` (see the module docstring)."""
    lived_ids = project.lived_experience_ids()
    held: list[Activity] = []
    planned: list[Activity] = []
    for activity in project.activities:
        if activity.people <= 0 and lived_ids.isdisjoint(activity.participants):
            continue
        if activity.status is _PLANNED or activity.date > as_of:
            planned.append(activity)
        else:
            held.append(activity)
    feedback = _known(project, held, as_of) if held and project.feedback else ()
    return Evidence(project, as_of, tuple(held), tuple(planned), feedback, lived_ids)


_new_tuple = tuple.__new__  # as KnownItem._make, without its call and length check


def _known(project: Project, held: list[Activity], as_of: datetime.date) -> tuple[KnownItem, ...]:
    """The feedback items raised in ``held`` activities by ``as_of``, as they stood then."""
    by_id: dict[str | None, Activity] = {a.id: a for a in held}
    feedback = []
    for item in project.feedback:
        # An item raised outside any activity (a complaint) is not evidence of involvement.
        source = by_id.get(item.activity)  # None for an item with no activity
        if source is None:
            continue
        raised = item.raised_on or source.until or source.date  # or its `last_date`
        if raised > as_of:
            continue
        told = item.reported_back
        if told is not None and told > as_of:
            told = None
        history = item.history  # in date order: the last, when it is not later, is the status
        status = (
            history[-1].status if history and history[-1].date <= as_of else status_on(item, as_of)
        )
        feedback.append(_new_tuple(KnownItem, (item, source, raised, status, told)))
    return tuple(feedback)


def answer_day(answer: ExperienceScore, activities: Mapping[str, Activity]) -> datetime.date | None:
    """The day an experience answer counts from: its ``date``, or its activity's last session.

    ``activities`` maps the project's activity ids to activities. None when neither is known.
    """
    if answer.date is not None:
        return answer.date
    linked = activities.get(answer.activity) if answer.activity is not None else None
    return linked.last_date if linked else None


def _answered_by(
    answer: ExperienceScore, activities: Mapping[str, Activity], as_of: datetime.date
) -> bool:
    day = answer_day(answer, activities)
    return day is None or day <= as_of
