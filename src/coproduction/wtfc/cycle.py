"""The record of a Working Together for Change cycle.

Working Together for Change (Bennett & Sanderson, 2009, for the Department of
Health's Putting People First programme; expanded by Bennett, Sanderson &
Stockton, 2012) turns what people say in their person-centred reviews into
commissioning change. The eight steps are as named in Essex County Council's
case in ADASS East of England, "Emerging approaches to co-production" (2023),
"Refresh of the Essex All Age Autism Partnership"; steps 1-5 as described on
TLAP's Lancashire County Council page
(thinklocalactpersonal.org.uk/co-production-in-commissioning-tool/stories-and-resources/Lancashire-County-Council/).
What steps 6-8 need is the usual reading of the method (the brief marks their
detail unconfirmed).

Reviews, people and statements are pseudonymous: a cycle holds ids, never names.
"""

from __future__ import annotations

import datetime
from typing import Any

import attrs

from coproduction._records import ids_and_repeats, items, value_of
from coproduction._vocab import Word
from coproduction.errors import Problem, ValidationError

__all__ = [
    "Action",
    "ActionStatus",
    "Category",
    "Cycle",
    "CycleReview",
    "Finding",
    "Person",
    "Review",
    "ReviewKind",
    "RootCause",
    "Statement",
    "Status",
    "Step",
    "StepChange",
    "SuccessMeasure",
    "Theme",
    "cycle_problems",
]


class Step(Word):
    """The eight steps of a cycle, in order."""

    PREPARE = "prepare"
    COLLECT = "collect"
    THEME = "theme"
    UNDERSTAND = "understand"
    IDENTIFY_SUCCESS = "identify-success"
    PLAN = "plan"
    IMPLEMENT = "implement"
    REVIEW = "review"

    @property
    def number(self) -> int:
        """1 for Prepare to 8 for Review."""
        return list(Step).index(self) + 1

    @property
    def next(self) -> Step | None:
        """The step after this one (None after Review: a review starts the next cycle)."""
        steps = list(Step)
        index = steps.index(self)
        return steps[index + 1] if index + 1 < len(steps) else None


class ReviewKind(Word):
    """The kind of review statements are drawn from."""

    PERSON_CENTRED = "person-centred"
    OUTCOME_FOCUSED = "outcome-focused"
    IN_A_DAY = "in-a-day"  # "WTfC in a Day" (Sanderson, Haworth & Lewis)


class Category(Word):
    """The three questions a review's statements answer."""

    WORKING = "working"
    NOT_WORKING = "not-working"
    FUTURE = "future"  # what is important for the future


class Status(Word):
    """Where an action stands."""

    PLANNED = "planned"
    IN_PROGRESS = "in-progress"
    DONE = "done"
    DROPPED = "dropped"  # needs a reason

    @property
    def finished(self) -> bool:
        """Done or dropped: nothing more to carry forward."""
        return self in (Status.DONE, Status.DROPPED)


# The method's "top two": at most two working and two not-working statements per review.
TOP = 2


@attrs.frozen
class StepChange:
    """The cycle moved to ``step`` on ``on``."""

    step: Step
    on: datetime.date


@attrs.frozen
class Person:
    """Someone who takes part in the workshops (pseudonymous)."""

    id: str
    lived_experience: bool
    decision_maker: bool = False


@attrs.frozen
class Review:
    """A person-centred or outcome-focused review that statements are drawn from."""

    id: str
    date: datetime.date
    kind: ReviewKind


@attrs.frozen
class Statement:
    """One thing a review said. ``set_aside`` marks one the theming group chose to leave out."""

    id: str
    review: str
    category: Category
    text: str = attrs.field(repr=False)
    theme: str | None = None
    set_aside: bool = False


@attrs.frozen
class Theme:
    """A theme the statements were clustered into, with its "I" statement."""

    id: str
    title: str
    i_statement: str = ""


@attrs.frozen
class RootCause:
    """A root cause of what is not working, for a theme."""

    theme: str
    text: str


@attrs.frozen
class SuccessMeasure:
    """What success would look like for a theme, and how it will be measured."""

    theme: str
    measure: str


@attrs.frozen
class ActionStatus:
    """An action's status from ``on``; ``reason`` explains a drop."""

    status: Status
    on: datetime.date
    reason: str = ""


@attrs.frozen
class Action:
    """An action to reach a theme's success measures."""

    id: str
    theme: str
    description: str
    owner: str = ""
    due: datetime.date | None = None
    history: tuple[ActionStatus, ...] = ()

    @property
    def status(self) -> Status | None:
        """The current status (the last in the history)."""
        return self.history[-1].status if self.history else None


@attrs.frozen
class Finding:
    """What changed for a theme, against its success measures, at the review."""

    theme: str
    change: str


@attrs.frozen
class CycleReview:
    """The review that closes a cycle: its date and a finding per priority theme."""

    date: datetime.date
    findings: tuple[Finding, ...] = ()
    next_cycle: datetime.date | None = None  # when the next cycle is planned to start


@attrs.frozen
class Cycle:
    """A Working Together for Change cycle: who, what was said, themes, plans, history.

    ``priorities`` is how many of the top-ranked themes go forward to Understand.
    Constructing a cycle checks references, the "top two" rule and that every
    history runs forward in time; it raises :class:`ValidationError` listing
    every problem.
    """

    id: str
    title: str
    step: Step
    purpose: str = ""
    history: tuple[StepChange, ...] = ()
    priorities: int = 3
    people: tuple[Person, ...] = ()
    reviews: tuple[Review, ...] = ()
    statements: tuple[Statement, ...] = ()
    themes: tuple[Theme, ...] = ()
    root_causes: tuple[RootCause, ...] = ()
    success: tuple[SuccessMeasure, ...] = ()
    actions: tuple[Action, ...] = ()
    cycle_review: CycleReview | None = None
    follows: str | None = None  # the id of the cycle this one carries on from
    sources: tuple[str, ...] = attrs.field(default=(), repr=False)

    def __attrs_post_init__(self) -> None:
        problems = cycle_problems(self)
        if problems:
            raise ValidationError(problems)

    @property
    def entered(self) -> dict[Step, datetime.date]:
        """The date the cycle last entered each step it has reached."""
        return {change.step: change.on for change in self.history}

    def theme(self, theme_id: str) -> Theme | None:
        """The theme with this id, or None."""
        return next((t for t in self.themes if t.id == theme_id), None)


def _as_date(value: object) -> datetime.date | None:
    """A date from a record, raw (ISO text from JSON) or built; None if it is not one."""
    if isinstance(value, datetime.date):
        return value
    if isinstance(value, str):
        try:
            return datetime.date.fromisoformat(value)
        except ValueError:
            return None
    return None


def _dated_order(record: Any, name: str, where: str, field: str) -> list[Problem]:
    problems = []
    previous = None
    for index, entry in items(record, name):
        day = _as_date(value_of(entry, field))
        if day is None:
            continue
        if previous is not None and day < previous:
            problems.append(
                Problem(
                    f"{where}[{index}].{field}",
                    f"{day.isoformat()} is earlier than the entry before it "
                    f"({previous.isoformat()}); a history runs forward in time",
                )
            )
        previous = day
    return problems


def _refs(record: Any, name: str, field: str, known: set[str], noun: str) -> list[Problem]:
    return [
        Problem(f"{name}[{index}].{field}", f"no {noun} {value!r}")
        for index, item in items(record, name)
        if isinstance(value := value_of(item, field), str) and value not in known
    ]


def cycle_problems(record: Any) -> list[Problem]:
    """Every cross-record problem in a cycle, raw or built (see :class:`Cycle`)."""
    _, problems = ids_and_repeats(record, "people")
    review_ids, more = ids_and_repeats(record, "reviews")
    problems += more
    _, more = ids_and_repeats(record, "statements")
    problems += more
    theme_ids, more = ids_and_repeats(record, "themes")
    problems += more
    _, more = ids_and_repeats(record, "actions")
    problems += more
    problems += _refs(record, "statements", "review", review_ids, "review")
    problems += _refs(record, "statements", "theme", theme_ids, "theme")
    for section in ("root_causes", "success", "actions"):
        problems += _refs(record, section, "theme", theme_ids, "theme")
    review = value_of(record, "cycle_review")
    if review is not None:
        problems += [
            p.under("cycle_review") for p in _refs(review, "findings", "theme", theme_ids, "theme")
        ]
    # The method's "top two" per review.
    counts: dict[tuple[str, str], int] = {}
    for _, statement in items(record, "statements"):
        review_id, category = value_of(statement, "review"), value_of(statement, "category")
        category = getattr(category, "value", category)
        if isinstance(review_id, str) and isinstance(category, str):
            counts[review_id, category] = counts.get((review_id, category), 0) + 1
    for index, item in items(record, "reviews"):
        for category in ("working", "not-working"):
            count = counts.get((value_of(item, "id"), category), 0)
            if count > TOP:
                problems.append(
                    Problem(
                        f"reviews[{index}]",
                        f"{count} {category} statements, the method takes the top two",
                    )
                )
    problems += _dated_order(record, "history", "history", "on")
    for index, action in items(record, "actions"):
        problems += [
            p.under(f"actions[{index}]") for p in _dated_order(action, "history", "history", "on")
        ]
        for position, change in items(action, "history"):
            status = getattr(value_of(change, "status"), "value", value_of(change, "status"))
            reason = value_of(change, "reason")
            if status == "dropped" and not (isinstance(reason, str) and reason.strip()):
                problems.append(
                    Problem(
                        f"actions[{index}].history[{position}].reason",
                        "a dropped action needs a reason",
                    )
                )
    history = [value_of(c, "step") for _, c in items(record, "history")]
    step = value_of(record, "step")
    step_word = getattr(step, "value", step)
    history_words = [getattr(s, "value", s) for s in history]
    if history_words and isinstance(step_word, str) and history_words[-1] != step_word:
        problems.append(
            Problem("step", f"{step_word!r} but the history ends at {history_words[-1]!r}")
        )
    priorities = value_of(record, "priorities")
    if isinstance(priorities, int) and not isinstance(priorities, bool) and priorities < 1:
        problems.append(Problem("priorities", "must be 1 or more"))
    return problems
