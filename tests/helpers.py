"""Small builders that keep the tests reading as domain statements."""

from __future__ import annotations

import datetime
from typing import Any

import coproduction as cp

DAY = datetime.date(2024, 4, 1)


def activity(
    activity_id: str = "a1",
    *,
    stage: str = "understand",
    purpose: tuple[str, ...] = (),
    say: str | None = None,
    kind: str = "workshop",
    people: int = 5,
    sessions: int = 1,
    participants: tuple[str, ...] = (),
    date: datetime.date = DAY,
) -> cp.Activity:
    """An activity described in the file vocabulary."""
    return cp.Activity(
        id=activity_id,
        date=date,
        stage=cp.Stage.parse(stage),
        kind=cp.ActivityKind.parse(kind),
        purpose=tuple(cp.Purpose.parse(p) for p in purpose),
        say=cp.Say.parse(say) if say else None,
        people=people,
        sessions=sessions,
        participants=participants,
    )


def feedback(
    item_id: str,
    activity_id: str,
    *statuses: str,
    reported_back: datetime.date | None = None,
    response: str = "We changed it",
) -> cp.FeedbackItem:
    """A feedback item whose history runs through ``statuses``, one day apart."""
    history = tuple(
        cp.StatusChange(
            date=DAY + datetime.timedelta(days=i),
            status=cp.FeedbackStatus.parse(s),
            reason="Outside our powers" if s == "not-possible" else "",
        )
        for i, s in enumerate(statuses)
    )
    return cp.FeedbackItem(
        id=item_id,
        activity=activity_id,
        said="A view",
        response=response,
        history=history,
        reported_back=reported_back,
    )


def project(
    *activities: cp.Activity, feedback: tuple[cp.FeedbackItem, ...] = (), **fields: Any
) -> cp.Project:
    """A project holding ``activities`` and the participants they list."""
    ids = sorted({pid for a in activities for pid in a.participants})
    participants = tuple(
        cp.Participant(id=pid, lived_experience=pid.startswith("p")) for pid in ids
    )
    return cp.Project(
        id=fields.pop("id", "test"),
        title=fields.pop("title", "Test project"),
        participants=participants,
        activities=activities,
        feedback=feedback,
        **fields,
    )


def rung(*activities: cp.Activity, **fields: Any) -> cp.Rung | None:
    """The rung a project of these activities reaches."""
    return cp.assess_ladder(project(*activities, **fields)).rung


def holds(criterion: str, *activities: cp.Activity, **fields: Any) -> bool:
    """Whether one named criterion holds for a project of these activities."""
    result = cp.assess_ladder(project(*activities, **fields))
    return next(c.holds for c in result.criteria if c.id == criterion)
