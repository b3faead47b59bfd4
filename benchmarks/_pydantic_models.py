"""Pydantic v2 models of the project record, with the checks the package's loader makes.

The baseline for loading projects from JSON (``bench.py``): the same fields
the benchmark's projects use, each typed strictly (no number read as text, no
text as a flag), unknown keys refused, the closed vocabularies, ids not blank
and without edge spaces, counts in range, no repeats within an activity,
history in date order, ids unique and every reference pointing at a listed
record. Needs the ``bench`` extra (``pip install '.[bench]'``).
"""

from __future__ import annotations

import datetime
from typing import Annotated, Self, TypeVar

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


Id = Annotated[str, AfterValidator(_id)]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


class ParticipantModel(_Strict):
    id: Id
    lived_experience: bool
    decision_maker: bool = False
    paid_to_attend: bool = False
    groups: dict[str, str] = Field(default_factory=dict)


class ActivityModel(_Strict):
    id: Id
    date: datetime.date
    stage: cp.Stage
    kind: cp.ActivityKind
    purpose: Annotated[list[cp.Purpose], AfterValidator(_no_repeats)] = Field(default_factory=list)
    say: cp.Say | None = None
    participants: Annotated[list[str], AfterValidator(_no_repeats)] = Field(default_factory=list)
    people: int = Field(default=0, ge=0)
    sessions: int = Field(default=1, ge=1)
    until: datetime.date | None = None
    description: str = ""


class StatusChangeModel(_Strict):
    date: datetime.date
    status: cp.FeedbackStatus
    reason: str = ""


class FeedbackModel(_Strict):
    id: Id
    activity: str | None = None
    said: str
    response: str = ""
    history: list[StatusChangeModel] = Field(default_factory=list)
    reported_back: datetime.date | None = None

    @model_validator(mode="after")
    def _in_date_order(self) -> Self:
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
    reward_offered: bool | None = None
    participants: list[ParticipantModel] = Field(default_factory=list)
    activities: list[ActivityModel] = Field(default_factory=list)
    feedback: list[FeedbackModel] = Field(default_factory=list)

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
