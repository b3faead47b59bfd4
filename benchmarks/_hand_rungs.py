"""Two ladders written by hand, as booleans over a project: the baselines of the ladder rows.

``hand_rung`` is the short one the speed issue measured against: it climbs from the
bottom, ignores the as-of day, and asks fewer questions than the package, so on random
projects it often gives another rung. ``same_answers_rung`` asks the package's own
questions (docs/ladder.md: the highest rung whose criteria all hold, as of a day), still
without reasons, and agrees with ``assess_ladder``; the benchmark prints how often each
agrees. Neither is used by the package.
"""

from __future__ import annotations

import datetime

import coproduction as cp
from coproduction.project import STANDING_GROUP_KINDS

_ASKING = {"views", "design", "decide", "deliver", "evaluate"}
_SHARED = {"equal", "lead"}
_ADOPTED = {"accepted", "implemented"}
_STANDING = {kind.value for kind in STANDING_GROUP_KINDS}
_RECOGNISED = {"vouchers", "payment"}


def hand_rung(project: cp.Project) -> int:  # noqa: PLR0911 - one return per rung
    """The ladder's questions asked by hand over one project, bottom up: no reasons, no day."""
    lived = {p.id for p in project.participants if p.lived_experience}
    held = [a for a in project.activities if a.people > 0 or not lived.isdisjoint(a.participants)]
    if not held:
        return 0
    purposes = [{p.value for p in a.purpose} for a in held]
    held_ids = {a.id for a in held}
    adopted = [
        f
        for f in project.feedback
        if f.activity in held_ids and f.history and f.history[-1].status.value in _ADOPTED
    ]
    if not any("educate" in p for p in purposes):
        return 1
    if not any("inform" in p for p in purposes):
        return 2
    asked = [a for a, p in zip(held, purposes, strict=True) if p & _ASKING]
    if not asked:
        return 3
    shared = [a for a in held if a.say is not None and a.say.value in _SHARED]
    decided = any("decide" in {p.value for p in a.purpose} for a in shared)
    if sum(a.sessions for a in asked) < 2 or not (adopted or decided):
        return 4
    design_stage = {"design", "plan"}
    if not any(
        a.stage.value in design_stage and "design" in {p.value for p in a.purpose} for a in shared
    ):
        return 5
    if not (
        any(a.stage.value in {"understand", "plan"} for a in held)
        and decided
        and any(a.stage.value in {"deliver", "review"} for a in held)
        and project.reward_offered
    ):
        return 6
    return 7


def _stages(activity: cp.Activity) -> set[str]:
    return {activity.stage.value, *(s.value for s in activity.also_stages)}


def same_answers_rung(project: cp.Project, day: datetime.date) -> int:  # noqa: PLR0911
    """The package's questions asked by hand, top down, as known on ``day``: no reasons."""
    lived = {p.id for p in project.participants if p.lived_experience}
    held = [
        a
        for a in project.activities
        if (a.people > 0 or not lived.isdisjoint(a.participants))
        and a.status.value != "planned"
        and a.date <= day
    ]
    if not held:
        return 0
    by_id = {a.id: a for a in held}
    facts = [(a, {p.value for p in a.purpose}, _stages(a)) for a in held]
    adopted: list[cp.Activity] = []
    told = False
    for item in project.feedback:
        source = by_id.get(item.activity) if item.activity else None
        if source is None or (item.raised_on or source.until or source.date) > day:
            continue
        status = None
        for change in item.history:
            if change.date > day:
                break
            status = change.status.value
        if status in _ADOPTED:
            adopted.append(source)
        if item.reported_back and item.reported_back <= day and item.response.strip():
            told = True
    shared = [(a, p, s) for a, p, s in facts if a.say is not None and a.say.value in _SHARED]
    asked = [a for a, p, _ in facts if p & _ASKING]
    decided = any("decide" in s or "decide" in p for _, p, s in shared)
    designed = any("design" in p and s & {"design", "plan"} for _, p, s in shared)
    design_adopted = any(
        "design" in {p.value for p in a.purpose} or _stages(a) & {"design", "plan"} for a in adopted
    )
    if designed and design_adopted:
        early = any(s & {"understand", "plan"} for _, _, s in facts)
        late = any(s & {"deliver", "review"} or p & {"deliver", "evaluate"} for _, p, s in facts)
        reward = project.reward_offered or any(
            r.value in _RECOGNISED for a in held for r in a.reward
        )
        return 7 if early and decided and late and reward else 6
    repeated = (
        any(
            a.kind.value in _STANDING
            or (
                a.budget is not None
                and a.decided_by is not None
                and a.decided_by.value in ("residents", "joint")
            )
            for a in asked
        )
        or sum(a.sessions if (a.until or a.date) <= day else 1 for a in asked) >= 2
    )
    if repeated and (adopted or decided):
        return 5
    if asked:
        return 4
    if told or any("inform" in p for _, p, _ in facts):
        return 3
    if any("educate" in p for _, p, _ in facts):
        return 2
    return 1
