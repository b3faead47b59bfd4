"""Pydantic v2 models of the project record, with the checks the package's loader makes.

The baseline for loading projects from JSON (``bench.py``): the same fields as
the package's participant, activity, feedback item, status change and project
records (the project's less common lists, which the benchmark's projects never
hold, are left out), each typed strictly (no number read as text, no text as a
flag), unknown keys refused, the closed vocabularies, dates between 1900 and
2199, ids not blank and without edge spaces, counts in range, no repeats within
an activity, an activity's other dates not before (or, for the notice, after)
its date, a not-possible status with its reason, an item without an activity
with its channel, history in date order, ids unique and every reference
pointing at a listed record. Needs the ``bench`` extra (``pip install '.[bench]'``).
"""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Annotated, Literal, Self, TypeVar

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, model_validator

import coproduction as cp

T = TypeVar("T")


def _id(value: str) -> str:
    if not value.strip():
        msg = "must not be empty"
        raise ValueError(msg)
    if value != value.strip():
        msg = "must not start or end with spaces"
        raise ValueError(msg)
    return value


def _no_repeats(values: list[T]) -> list[T]:
    if len(set(values)) != len(values):
        msg = "an entry is listed twice"
        raise ValueError(msg)
    return values


def _in_range(day: datetime.date) -> datetime.date:
    if not datetime.date(1900, 1, 1) <= day <= datetime.date(2199, 12, 31):
        msg = "outside the dates a record may hold"
        raise ValueError(msg)
    return day


Id = Annotated[str, AfterValidator(_id)]
Day = Annotated[datetime.date, AfterValidator(_in_range)]
Rung = Literal[
    "coercion", "educating", "informing", "consultation", "engagement", "co-design", "co-production"
]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


class ParticipantModel(_Strict):
    id: Id
    lived_experience: bool
    decision_maker: bool = False
    paid_to_attend: bool = False
    groups: dict[str, str] = Field(default_factory=dict)
    representing: cp.project.Representing | None = None
    organisation: str = ""


class ActivityModel(_Strict):
    id: Id
    date: Day
    stage: cp.Stage
    kind: cp.ActivityKind
    purpose: Annotated[list[cp.Purpose], AfterValidator(_no_repeats)] = Field(default_factory=list)
    say: cp.Say | None = None
    participants: Annotated[list[str], AfterValidator(_no_repeats)] = Field(default_factory=list)
    people: int = Field(default=0, ge=0)
    sessions: int = Field(default=1, ge=1)
    until: Day | None = None
    format: cp.Format | None = None
    description: str = ""
    notice_sent: Day | None = None
    venue: cp.Venue | None = None
    chair: cp.Chair | None = None
    adaptations_requested: list[cp.Adaptation] = Field(default_factory=list)
    adaptations_provided: list[cp.Adaptation] = Field(default_factory=list)
    targeted: list[str] = Field(default_factory=list)
    reward: Annotated[list[cp.project.Reward], AfterValidator(_no_repeats)] = Field(
        default_factory=list
    )
    also_stages: Annotated[list[cp.Stage], AfterValidator(_no_repeats)] = Field(
        default_factory=list
    )
    also_offered: Annotated[list[cp.Format], AfterValidator(_no_repeats)] = Field(
        default_factory=list
    )
    respond_by: Day | None = None
    starts_at: datetime.time | None = None
    status: cp.ActivityStatus = cp.ActivityStatus.HELD
    budget: Decimal | None = Field(default=None, ge=0, decimal_places=2)
    decided_by: cp.project.Decider | None = None
    group: str | None = None

    @model_validator(mode="after")
    def _dates_in_order(self) -> Self:
        if (
            (self.until is not None and self.until < self.date)
            or (self.respond_by is not None and self.respond_by < self.date)
            or (self.notice_sent is not None and self.notice_sent > self.date)
        ):
            msg = "a date is out of order with the activity's date"
            raise ValueError(msg)
        return self


class StatusChangeModel(_Strict):
    date: Day
    status: cp.FeedbackStatus
    reason: str = ""

    @model_validator(mode="after")
    def _reason_given(self) -> Self:
        if self.status is cp.FeedbackStatus.NOT_POSSIBLE and not self.reason.strip():
            msg = "a not-possible status needs a reason"
            raise ValueError(msg)
        return self


class FeedbackModel(_Strict):
    id: Id
    activity: str | None = None
    said: str
    response: str = ""
    history: list[StatusChangeModel] = Field(default_factory=list)
    reported_back: Day | None = None
    channel: cp.project.Channel | None = None
    acted_by: str = ""
    published: Day | None = None
    raised_on: Day | None = None

    @model_validator(mode="after")
    def _in_date_order(self) -> Self:
        if self.activity is None and self.channel in (None, cp.project.Channel.ACTIVITY):
            msg = "an item with no activity needs its channel"
            raise ValueError(msg)
        dates = [change.date for change in self.history]
        if dates != sorted(dates):
            msg = "add statuses in date order"
            raise ValueError(msg)
        return self


def _unique(ids: list[str], where: str) -> set[str]:
    seen = set(ids)
    if len(seen) != len(ids):
        msg = f"duplicate id in {where}"
        raise ValueError(msg)
    return seen


class ProjectModel(_Strict):
    id: Id
    title: str
    organisation: str = ""
    claimed_level: Rung | None = None
    target_level: Rung | None = None
    reward_offered: bool | None = None
    participants: list[ParticipantModel] = Field(default_factory=list)
    activities: list[ActivityModel] = Field(default_factory=list)
    feedback: list[FeedbackModel] = Field(default_factory=list)
    partners: list[str] = Field(default_factory=list)
    insight_used: list[str] = Field(default_factory=list)
    training_offered: bool | None = None
    plain_language: bool | None = None
    privacy_notice: bool | None = None
    power_actions: list[str] = Field(default_factory=list)
    sources: list[str] = Field(default_factory=list)
    support_offered: list[str] = Field(default_factory=list)
    experience_ways: list[str] = Field(default_factory=list)

    @model_validator(mode="after")
    def _references(self) -> Self:
        people = _unique([p.id for p in self.participants], "participants")
        activities = _unique([a.id for a in self.activities], "activities")
        _unique([f.id for f in self.feedback], "feedback")
        for activity in self.activities:
            if not people.issuperset(activity.participants):
                msg = "an activity lists someone who is not a participant"
                raise ValueError(msg)
        for item in self.feedback:
            if item.activity is not None and item.activity not in activities:
                msg = "a feedback item names no listed activity"
                raise ValueError(msg)
        return self
