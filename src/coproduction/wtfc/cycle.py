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

from coproduction import _checks
from coproduction._records import ids_and_repeats, items, value_of
from coproduction._shown import Shown
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
    """The kind of source a cycle's statements are drawn from.

    The method draws on person-centred and outcome-focused reviews; councils
    also ran it on other sources (ADASS East of England, "Emerging approaches
    to co-production", 2023): Milton Keynes "completed face-to-face
    interviews" and used "both individual and group face-to-face sessions"
    (mental health supported accommodation case), Essex "co-hosted the Working
    Together for Change workshops" (All Age Autism Partnership case), Central
    Bedfordshire analysed "feedback from carers on three questions" (adult
    carers' strategy case). :attr:`top_two` says what the method's "top two"
    means for each.

    >>> print(ReviewKind.GROUP_SESSION.top_two)
    the two points the group agreed on in the session, for each question
    """

    PERSON_CENTRED = "person-centred"
    OUTCOME_FOCUSED = "outcome-focused"
    IN_A_DAY = "in-a-day"  # "WTfC in a Day" (Sanderson, Haworth & Lewis)
    INTERVIEW = "interview"  # one person, interviewed on their own
    GROUP_SESSION = "group-session"  # several people together, answering as a group
    WORKSHOP = "workshop"  # a workshop table or breakout group
    SURVEY = "survey"  # one response to a survey asking the method's questions
    QUESTION_SET = "question-set"  # the three questions put to one person (paper, phone, email)

    @property
    def top_two(self) -> str:
        """What "the top two" statements per question are, for a source of this kind."""
        return _TOP_TWO[self]


# The package's reading of "top two" for each source kind (the method defines it for a
# person's review; the others are decided here as a council officer would run them).
_TOP_TWO = {
    ReviewKind.PERSON_CENTRED: "the two points the person chose as most important "
    "in their review, for each question",
    ReviewKind.OUTCOME_FOCUSED: "the two points the person chose as most important "
    "against their outcomes, for each question",
    ReviewKind.IN_A_DAY: "the two points each person chose on the day, for each question",
    ReviewKind.INTERVIEW: "the two points the person agreed with the interviewer "
    "at the end of the interview, for each question",
    ReviewKind.GROUP_SESSION: "the two points the group agreed on in the session, "
    "for each question",
    ReviewKind.WORKSHOP: "the two points the workshop table agreed on, for each question",
    ReviewKind.SURVEY: "the respondent's first two answers to each question "
    "(or the two they ranked highest)",
    ReviewKind.QUESTION_SET: "the person's first two answers to each question",
}


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


# The method's "top two": two working and two not-working statements kept per source,
# unless the cycle sets another number (``Cycle.statements_per_source``).
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
    """A source that statements are drawn from: a review, an interview, a session, a survey.

    ``people`` is how many people's views the source carries (an interview is
    one; a group session its attendance); None when not recorded.
    """

    id: str
    date: datetime.date
    kind: ReviewKind
    people: int | None = None


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
class Cycle(Shown):
    """A Working Together for Change cycle: who, what was said, themes, plans, history.

    ``priorities`` is how many of the top-ranked themes go forward to Understand.
    ``statements_per_source`` is how many working and how many not-working
    statements are kept from each source (the method's "top two" unless the
    cycle decides otherwise); a source with more kept is a Collect blocker,
    not an invalid record. Constructing a cycle checks references and that
    every history runs forward in time; it raises :class:`ValidationError`
    listing every problem.
    """

    id: str
    title: str
    step: Step
    purpose: str = ""
    history: tuple[StepChange, ...] = ()
    priorities: int = 3
    statements_per_source: int = TOP
    people: tuple[Person, ...] = ()
    reviews: tuple[Review, ...] = ()
    statements: tuple[Statement, ...] = ()
    themes: tuple[Theme, ...] = ()
    root_causes: tuple[RootCause, ...] = ()
    success: tuple[SuccessMeasure, ...] = ()
    actions: tuple[Action, ...] = ()
    cycle_review: CycleReview | None = None
    follows: str | None = None  # the id of the cycle this one carries on from
    project: str | None = None  # the id of the project the cycle belongs to
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

    def over_kept(self) -> tuple[tuple[int, Review, Category, int], ...]:
        """Sources keeping more statements of a category than ``statements_per_source``.

        Each entry is (index of the review, the review, the category, how many
        are kept). Set-aside statements are not kept, so setting the extras
        aside clears an entry. Future statements are not limited.
        """
        counts: dict[tuple[str, Category], int] = {}
        for statement in self.statements:
            if not statement.set_aside:
                key = (statement.review, statement.category)
                counts[key] = counts.get(key, 0) + 1
        return tuple(
            (index, review, category, counts[review.id, category])
            for index, review in enumerate(self.reviews)
            for category in (Category.WORKING, Category.NOT_WORKING)
            if counts.get((review.id, category), 0) > self.statements_per_source
        )

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form, the same as ``coproduction.to_dict(self)``."""
        from coproduction._convert import to_dict  # noqa: PLC0415 - the converter imports this

        return to_dict(self)


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
    for index, review in items(record, "reviews"):
        people = value_of(review, "people")
        if isinstance(people, int) and not isinstance(people, bool) and people < 1:
            problems.append(Problem(f"reviews[{index}].people", "must be 1 or more"))
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
    kept = value_of(record, "statements_per_source")
    if isinstance(kept, int) and not isinstance(kept, bool) and kept < 1:
        problems.append(Problem("statements_per_source", "must be 1 or more"))
    return problems


# Records built in Python check their dates, money and closed words (see _checks).
_checks.install(
    StepChange,
    Person,
    Review,
    Statement,
    Theme,
    RootCause,
    SuccessMeasure,
    ActionStatus,
    Action,
    Finding,
    CycleReview,
    Cycle,
)
