"""A cycle's part in a project: its sources, workshops and review as project activities.

A Working Together for Change cycle belongs to a project (``Cycle.project``).
:func:`activities_of` reads the cycle as the activities a project record
holds, so the one evidence view counts them: the ladder, reach and the charter
checks then answer "what level did our WTfC work reach, and how many people
took part". :func:`with_cycle` adds them to the project.

How the cycle is read (the package's decisions; the method's own terms in
``docs/wtfc.md``):

- each source (``reviews``) is one activity at the understand stage, seeking
  views with an advisory say, counting ``people`` (one if not recorded). The
  method's sources are reviews of people who use services or carers, so they
  count as people with lived experience;
- the workshops from Theme to Plan are one series at the plan stage (spanning
  design): its sessions are the steps entered, its participants the cycle's
  people, and the group's say is equal when it holds both people with lived
  experience and a decision maker (the method's condition: "all voices to be
  heard equally", ADASS East of England 2023, L.500), advisory otherwise;
- the Review step, once entered, is one activity at the review stage;
- each priority theme with an action is a "you said" item from the workshops:
  accepted from its first action status, implemented once all its actions are
  done (dropped actions do not count).
"""

from __future__ import annotations

import attrs

from coproduction.errors import Problem, ValidationError
from coproduction.project import (
    Activity,
    ActivityKind,
    FeedbackItem,
    FeedbackStatus,
    Participant,
    Project,
    Purpose,
    Say,
    Stage,
    StatusChange,
)
from coproduction.wtfc.cycle import Cycle, ReviewKind, Status, Step
from coproduction.wtfc.process import priority_themes

__all__ = ["activities_of", "feedback_of", "with_cycle"]

_KIND = {
    ReviewKind.PERSON_CENTRED: ActivityKind.CONVERSATION,
    ReviewKind.OUTCOME_FOCUSED: ActivityKind.CONVERSATION,
    ReviewKind.IN_A_DAY: ActivityKind.EVENT,
    ReviewKind.INTERVIEW: ActivityKind.INTERVIEW,
    ReviewKind.GROUP_SESSION: ActivityKind.FOCUS_GROUP,
    ReviewKind.WORKSHOP: ActivityKind.WORKSHOP,
    ReviewKind.SURVEY: ActivityKind.SURVEY,
    ReviewKind.QUESTION_SET: ActivityKind.SURVEY,
}
_WORKSHOP_STEPS = (Step.THEME, Step.UNDERSTAND, Step.IDENTIFY_SUCCESS, Step.PLAN)


def _workshop_id(cycle: Cycle) -> str:
    return f"{cycle.id}.workshops"


def activities_of(cycle: Cycle) -> tuple[Activity, ...]:
    """The cycle as project activities (see the module docstring for how it is read).

    >>> from coproduction import wtfc
    >>> cycle = wtfc.load_cycle("examples/wtfc/carers-strategy-reviewed.toml")
    >>> [(a.id, a.stage.value, a.sessions) for a in wtfc.activities_of(cycle)][-2:]
    [('cbc-carers-2022-reviewed.workshops', 'plan', 4), ('cbc-carers-2022-reviewed.review', 'review', 1)]
    """  # noqa: E501
    found = [
        Activity(
            id=f"{cycle.id}.{review.id}",
            date=review.date,
            stage=Stage.UNDERSTAND,
            kind=_KIND[review.kind],
            purpose=(Purpose.VIEWS,),
            say=Say.ADVISORY,
            people=review.people or 1,
        )
        for review in cycle.reviews
    ]
    entered = cycle.entered
    steps = [entered[s] for s in _WORKSHOP_STEPS if s in entered]
    people = tuple(p.id for p in cycle.people)
    both = any(p.lived_experience for p in cycle.people) and any(
        p.decision_maker for p in cycle.people
    )
    if steps:
        found.append(
            Activity(
                id=_workshop_id(cycle),
                date=min(steps),
                until=max(steps) if len(steps) > 1 else None,
                sessions=len(steps),
                stage=Stage.PLAN,
                also_stages=(Stage.DESIGN,),
                kind=ActivityKind.WORKSHOP,
                purpose=(Purpose.VIEWS, Purpose.DESIGN),
                say=Say.EQUAL if both else Say.ADVISORY,
                participants=people,
            )
        )
    if Step.REVIEW in entered:
        day = cycle.cycle_review.date if cycle.cycle_review else entered[Step.REVIEW]
        found.append(
            Activity(
                id=f"{cycle.id}.review",
                date=max(day, entered[Step.REVIEW]),
                stage=Stage.REVIEW,
                kind=ActivityKind.WORKSHOP,
                purpose=(Purpose.EVALUATE,),
                say=Say.EQUAL if both else Say.ADVISORY,
                participants=people,
            )
        )
    return tuple(found)


def feedback_of(cycle: Cycle) -> tuple[FeedbackItem, ...]:
    """A "you said" item per priority theme with actions, dated by the actions' statuses."""
    if not any(s in cycle.entered for s in _WORKSHOP_STEPS):
        return ()
    items = []
    for theme_id in priority_themes(cycle):
        actions = [a for a in cycle.actions if a.theme == theme_id]
        changes = sorted(c.on for a in actions for c in a.history)
        if not changes:
            continue
        history = [StatusChange(date=changes[0], status=FeedbackStatus.ACCEPTED)]
        kept = [a for a in actions if a.status is not Status.DROPPED]
        if kept and all(a.status is Status.DONE for a in kept):
            done = max(c.on for a in kept for c in a.history if c.status is Status.DONE)
            history.append(StatusChange(date=done, status=FeedbackStatus.IMPLEMENTED))
        theme = cycle.theme(theme_id)
        items.append(
            FeedbackItem(
                id=f"{cycle.id}.{theme_id}",
                activity=_workshop_id(cycle),
                said=(theme.i_statement or theme.title) if theme else theme_id,
                history=tuple(history),
            )
        )
    return tuple(items)


def with_cycle(project: Project, cycle: Cycle) -> Project:
    """The project with the cycle's people, activities and "you said" items added.

    A person listed in both is the same person (same pseudonymous id), and must
    agree on lived experience; the cycle must name this project (or none).
    """
    problems = []
    if cycle.project not in (None, project.id):
        problems.append(
            Problem("project", f"cycle {cycle.id} belongs to {cycle.project!r}, not {project.id!r}")
        )
    known = {p.id: p for p in project.participants}
    added = []
    for index, person in enumerate(cycle.people):
        listed = known.get(person.id)
        if listed is None:
            added.append(
                Participant(
                    id=person.id,
                    lived_experience=person.lived_experience,
                    decision_maker=person.decision_maker,
                )
            )
        elif listed.lived_experience != person.lived_experience:
            problems.append(
                Problem(
                    f"people[{index}].lived_experience",
                    f"{person.id} is listed in the project with a different lived_experience",
                )
            )
    if problems:
        raise ValidationError(problems)
    return attrs.evolve(
        project,
        participants=(*project.participants, *added),
        activities=(*project.activities, *activities_of(cycle)),
        feedback=(*project.feedback, *feedback_of(cycle)),
    )
