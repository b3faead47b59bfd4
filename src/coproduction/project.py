"""The project record: who took part, in what, with what say, and what came of it.

A project is the unit councils report on: a strategy written with residents, a
service redesign, a recruitment panel. Its record holds pseudonymous
participants, the activities they took part in, and the "you said, we did"
feedback items. Every later capability (the ladder, payments, measures,
charter checks) reads this record.

Records are frozen: functions that "change" one return a new record.

>>> import datetime
>>> project = Project(
...     id="demo",
...     title="Day service review",
...     participants=(Participant(id="p1", lived_experience=True),),
...     activities=(
...         Activity(
...             id="a1",
...             date=datetime.date(2024, 5, 1),
...             stage=Stage.UNDERSTAND,
...             kind=ActivityKind.SURVEY,
...             purpose=(Purpose.VIEWS,),
...             participants=("p1",),
...         ),
...     ),
... )
>>> [a.id for a in project.lived_experience_activities()]
['a1']
>>> project
Project(id='demo', title='Day service review', organisation='', claimed_level=None, target_level=None, reward_offered=None, participants=<1>, activities=<1>, feedback=<0>)
"""  # noqa: E501

from __future__ import annotations

import datetime
from collections.abc import Iterable, Iterator, Mapping
from typing import Any

import attrs

from coproduction._records import ids_and_repeats, items, repeats, value_of
from coproduction._vocab import Word
from coproduction.errors import Problem, raise_problems
from coproduction.rungs import Rung

__all__ = [
    "STANDING_GROUP_KINDS",
    "Activity",
    "ActivityKind",
    "Adaptation",
    "Chair",
    "ExperienceScore",
    "FeedbackItem",
    "FeedbackStatus",
    "Format",
    "Groups",
    "Participant",
    "Payment",
    "Project",
    "Purpose",
    "Say",
    "Scope",
    "Stage",
    "StatusChange",
    "Venue",
]


class Stage(Word):
    """The stage of a project an activity belongs to.

    A vocabulary covering both the NHS Engagement Cycle (identify needs;
    priorities and plans; design and improve; procure; monitor) and the stages
    Barnet's strategy lists (Barnet Engagement and Co-production Strategy 2022,
    section 3: understanding needs, writing the specification, choosing
    providers, recruiting and training staff, checking quality).
    """

    UNDERSTAND = "understand"  # needs, aspirations, research, gathering experiences
    PLAN = "plan"  # priorities, strategy, plans, scope
    DESIGN = "design"  # designing the service or change; writing the specification
    DECIDE = "decide"  # resources and people: tenders, grants, recruitment panels
    DELIVER = "deliver"  # delivering: co-delivered training, peer support, sessions
    REVIEW = "review"  # monitoring and evaluation: quality checks, audits, reviews


class ActivityKind(Word):
    """What sort of activity it was (the package's own closed list)."""

    SURVEY = "survey"
    MEETING = "meeting"
    WORKSHOP = "workshop"
    EVENT = "event"
    FOCUS_GROUP = "focus-group"
    CONVERSATION = "conversation"  # one-to-one or small informal conversation
    INTERVIEW = "interview"
    STEERING_GROUP = "steering-group"
    BOARD = "board"
    FORUM = "forum"
    REFERENCE_GROUP = "reference-group"
    CO_DESIGN_GROUP = "co-design-group"
    INTERVIEW_PANEL = "interview-panel"
    TENDER_PANEL = "tender-panel"
    GRANT_PANEL = "grant-panel"
    TRAINING = "training"
    PEER_VISIT = "peer-visit"
    PEER_SUPPORT = "peer-support"
    SESSION = "session"  # a session people ran or delivered
    DOCUMENT_REVIEW = "document-review"  # commenting on or editing a draft
    OUTREACH = "outreach"  # going to an existing community group on its terms


# Kinds that are, by their nature, an ongoing group rather than a one-off event:
# the brief counts views sought "through an ongoing group" as repeated involvement.
STANDING_GROUP_KINDS = frozenset(
    {
        ActivityKind.STEERING_GROUP,
        ActivityKind.BOARD,
        ActivityKind.FORUM,
        ActivityKind.REFERENCE_GROUP,
        ActivityKind.CO_DESIGN_GROUP,
    }
)


class Purpose(Word):
    """What an activity did for the people with lived experience in it."""

    EDUCATE = "educate"  # helped them understand how services are designed or run
    INFORM = "inform"  # told them about services, or what was decided and why
    VIEWS = "views"  # sought their views
    DESIGN = "design"  # they designed, with professionals
    DECIDE = "decide"  # they took part in a decision
    DELIVER = "deliver"  # they took part in delivering
    EVALUATE = "evaluate"  # they took part in monitoring or evaluating


class Say(Word):
    """The say people with lived experience had in an activity."""

    NONE = "none"
    ADVISORY = "advisory"  # heard, but others decide
    EQUAL = "equal"  # equal weight with professionals (e.g. equal weighting on a panel)
    LEAD = "lead"  # they led or chaired


class Format(Word):
    """How an activity was held."""

    IN_PERSON = "in-person"
    ONLINE = "online"
    HYBRID = "hybrid"
    TELEPHONE = "telephone"
    WRITTEN = "written"  # on paper or by email, e.g. a postal survey


class Venue(Word):
    """Where an activity was held (for the charter's places-that-suit-people check)."""

    COMMUNITY = "community"  # a community group's own space, on its terms
    HOME = "home"  # a home visit
    COUNCIL = "council"  # council offices or premises
    HEALTH = "health"  # a health setting
    ONLINE = "online"
    OTHER = "other"


class Adaptation(Word):
    """An adjustment asked for, or made, so that someone can take part."""

    INTERPRETER = "interpreter"
    BSL = "bsl"  # a British Sign Language interpreter
    EASY_READ = "easy-read"
    HEARING_LOOP = "hearing-loop"
    STEP_FREE = "step-free"
    LARGE_PRINT = "large-print"
    PERSONAL_ASSISTANT = "personal-assistant"
    QUIET_SPACE = "quiet-space"
    OTHER = "other"


class Chair(Word):
    """Who chaired an activity."""

    LIVED_EXPERIENCE = "lived-experience"  # a person with lived experience
    CO_CHAIR = "co-chair"  # jointly, a person with lived experience and an officer
    INDEPENDENT = "independent"
    OFFICER = "officer"


class FeedbackStatus(Word):
    """Where a "you said" item stands."""

    RECEIVED = "received"
    UNDER_CONSIDERATION = "under-consideration"
    ACCEPTED = "accepted"
    IMPLEMENTED = "implemented"
    NOT_POSSIBLE = "not-possible"

    @property
    def changed_something(self) -> bool:
        """Whether an item at this status counts as input that changed something."""
        return self in (FeedbackStatus.ACCEPTED, FeedbackStatus.IMPLEMENTED)


class Groups(Mapping[str, str]):
    """A participant's equality-monitoring groups: an immutable, hashable mapping.

    >>> g = Groups({"age_band": "65+"})
    >>> g["age_band"], len(g), g == {"age_band": "65+"}
    ('65+', 1, True)
    """

    __slots__ = ("_items",)

    def __init__(self, items: Mapping[str, str] | Iterable[tuple[str, str]] = ()) -> None:
        pairs = items.items() if isinstance(items, Mapping) else items
        self._items: dict[str, str] = dict(sorted(pairs))

    def __getitem__(self, key: str) -> str:
        return self._items[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._items)

    def __len__(self) -> int:
        return len(self._items)

    def __hash__(self) -> int:
        return hash(tuple(self._items.items()))

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Mapping):
            return dict(self._items) == dict(other)
        return NotImplemented

    def __repr__(self) -> str:
        # Equality-monitoring data is sensitive: show only which fields are held.
        return f"Groups(<{', '.join(self._items)}>)"


def _count(items: tuple[object, ...]) -> str:
    return f"<{len(items)}>"


def _id_problems(value: str, where: str = "id") -> list[Problem]:
    if not value.strip():
        return [Problem(where, "must not be empty")]
    if value != value.strip():
        return [Problem(where, "must not start or end with spaces")]
    return []


@attrs.frozen
class Participant:
    """A person who took part, known only by a pseudonymous id.

    ``lived_experience`` is true for a person who uses services or a carer.
    ``decision_maker`` marks a person who holds a decision-making role (e.g. a
    voting member of a board). ``paid_to_attend`` marks someone attending as
    part of a paid job (relevant to reward and recognition). ``groups`` holds
    optional equality-monitoring groups (``{"age_band": "65+"}``), used only
    by the measures; it is kept out of the record's repr.
    """

    id: str
    lived_experience: bool
    decision_maker: bool = False
    paid_to_attend: bool = False
    groups: Groups = attrs.field(factory=Groups, converter=Groups, repr=False)

    def __attrs_post_init__(self) -> None:
        raise_problems(_id_problems(self.id))


@attrs.frozen
class Activity:
    """Something people took part in: a survey, a workshop, a panel, a run of meetings.

    One record may stand for a series (a steering group that met monthly):
    ``sessions`` counts its meetings and ``until`` dates the last. People with
    lived experience are either listed by id in ``participants`` or counted in
    ``people`` (for a survey of hundreds), or both.
    """

    id: str
    date: datetime.date
    stage: Stage
    kind: ActivityKind
    purpose: tuple[Purpose, ...] = ()
    say: Say | None = None  # None: not recorded
    participants: tuple[str, ...] = ()
    people: int = 0
    sessions: int = 1
    until: datetime.date | None = None
    format: Format | None = None
    description: str = attrs.field(default="", repr=False)
    notice_sent: datetime.date | None = None  # when papers or invitations went out
    venue: Venue | None = None
    chair: Chair | None = None
    adaptations_requested: tuple[Adaptation, ...] = ()
    adaptations_provided: tuple[Adaptation, ...] = ()
    targeted: tuple[str, ...] = ()  # groups the activity set out to reach

    def __attrs_post_init__(self) -> None:
        problems = _id_problems(self.id)
        if self.notice_sent is not None and self.notice_sent > self.date:
            problems.append(
                Problem(
                    "notice_sent",
                    f"{self.notice_sent.isoformat()} is after "
                    f"the activity ({self.date.isoformat()})",
                )
            )
        if self.people < 0:
            problems.append(Problem("people", f"must be 0 or more, not {self.people}"))
        if self.sessions < 1:
            problems.append(Problem("sessions", f"must be 1 or more, not {self.sessions}"))
        if self.until is not None and self.until < self.date:
            problems.append(
                Problem("until", f"{self.until.isoformat()} is before date {self.date.isoformat()}")
            )
        problems += repeats(self.participants, "participants")
        problems += repeats([p.value for p in self.purpose], "purpose")
        raise_problems(problems)

    @property
    def last_date(self) -> datetime.date:
        """The date of the last session (``until``, or ``date`` for a one-off)."""
        return self.until or self.date

    @property
    def is_standing_group(self) -> bool:
        """Whether the activity is an ongoing group by its kind (see STANDING_GROUP_KINDS)."""
        return self.kind in STANDING_GROUP_KINDS


@attrs.frozen
class StatusChange:
    """One dated step in a feedback item's history. ``reason`` explains a not-possible."""

    date: datetime.date
    status: FeedbackStatus
    reason: str = attrs.field(default="", repr=False)

    def __attrs_post_init__(self) -> None:
        if self.status is FeedbackStatus.NOT_POSSIBLE and not self.reason.strip():
            raise_problems([Problem("reason", "a not-possible status needs a reason")])


@attrs.frozen
class FeedbackItem:
    """A "you said, we did" item: what people said, in which activity, and the response.

    ``history`` is the dated record of every status the item has had, oldest
    first; it is only ever appended to (see :meth:`with_status`), so the
    current status is the last entry. ``reported_back`` is the date the
    response was told to the people who gave the view.
    """

    id: str
    activity: str
    said: str = attrs.field(repr=False)
    response: str = attrs.field(default="", repr=False)
    history: tuple[StatusChange, ...] = ()
    reported_back: datetime.date | None = None

    def __attrs_post_init__(self) -> None:
        problems = _id_problems(self.id)
        for index in range(1, len(self.history)):
            before, after = self.history[index - 1].date, self.history[index].date
            if after < before:
                problems.append(
                    Problem(
                        f"history[{index}].date",
                        f"{after.isoformat()} is earlier than the status before it "
                        f"({before.isoformat()}); add statuses in date order",
                    )
                )
        raise_problems(problems)

    @property
    def status(self) -> FeedbackStatus | None:
        """The current status: the last in the history, or None when none is recorded."""
        return self.history[-1].status if self.history else None

    @property
    def changed_something(self) -> bool:
        """Whether the input is currently recorded as accepted or implemented."""
        return self.status is not None and self.status.changed_something

    def with_status(
        self, status: FeedbackStatus, on: datetime.date, reason: str = ""
    ) -> FeedbackItem:
        """A copy with ``status`` appended to the history; the old entries are kept.

        >>> item = FeedbackItem(id="f1", activity="a1", said="...")
        >>> item = item.with_status(FeedbackStatus.ACCEPTED, datetime.date(2024, 1, 5))
        >>> item.status, len(item.history)
        (<FeedbackStatus.ACCEPTED: 'accepted'>, 1)
        """
        change = StatusChange(date=on, status=status, reason=reason)
        return attrs.evolve(self, history=(*self.history, change))


@attrs.frozen
class Scope:
    """What people were told could and could not change, and when they were told."""

    can_change: str = ""
    cannot_change: str = ""
    told_on: datetime.date | None = None


@attrs.frozen
class Payment:
    """A reward payment for taking part in an activity (``claim`` links a rewards claim)."""

    activity: str
    paid_on: datetime.date
    participant: str | None = None
    claim: str | None = None


@attrs.frozen
class ExperienceScore:
    """One answer about the experience of being involved, on a 1 (worst) to 5 (best) scale.

    ``question`` names what was asked (e.g. ``"satisfied"``, ``"understood-how-to-get-
    involved"``); ``participant`` and ``activity`` optionally link the answer to a listed
    participant and an activity.
    """

    question: str
    score: int
    participant: str | None = None
    activity: str | None = None
    date: datetime.date | None = None

    def __attrs_post_init__(self) -> None:
        if not 1 <= self.score <= 5:
            raise_problems([Problem("score", f"{self.score} is not between 1 and 5")])


@attrs.frozen
class Project:
    """A project record. See the module docstring and ``docs/project-record.md``.

    ``claimed_level`` is the rung the project calls itself, ``target_level``
    the rung it aims for; ``reward_offered`` records whether people were
    offered reward and recognition for their time (None: not recorded).
    ``sources`` cites where the record's facts come from.

    Constructing a project checks that ids are unique and that every
    reference (an activity's participants, a feedback item's activity) points
    at a listed record; it raises :class:`ValidationError` listing each problem.
    """

    id: str
    title: str
    organisation: str = ""
    claimed_level: Rung | None = None
    target_level: Rung | None = None
    reward_offered: bool | None = None
    participants: tuple[Participant, ...] = attrs.field(default=(), repr=_count)
    activities: tuple[Activity, ...] = attrs.field(default=(), repr=_count)
    feedback: tuple[FeedbackItem, ...] = attrs.field(default=(), repr=_count)
    experience: tuple[ExperienceScore, ...] = attrs.field(default=(), repr=False)
    scope: Scope | None = attrs.field(default=None, repr=False)
    partners: tuple[str, ...] = attrs.field(default=(), repr=False)
    insight_used: tuple[str, ...] = attrs.field(default=(), repr=False)
    training_offered: bool | None = attrs.field(default=None, repr=False)
    plain_language: bool | None = attrs.field(default=None, repr=False)
    privacy_notice: bool | None = attrs.field(default=None, repr=False)
    power_actions: tuple[str, ...] = attrs.field(default=(), repr=False)
    payments: tuple[Payment, ...] = attrs.field(default=(), repr=False)
    sources: tuple[str, ...] = attrs.field(default=(), repr=False)

    def __attrs_post_init__(self) -> None:
        raise_problems(_id_problems(self.id) + reference_problems(self))

    def participant(self, participant_id: str) -> Participant | None:
        """The participant with this id, or None."""
        return next((p for p in self.participants if p.id == participant_id), None)

    def activity(self, activity_id: str) -> Activity | None:
        """The activity with this id, or None."""
        return next((a for a in self.activities if a.id == activity_id), None)

    def lived_experience_ids(self) -> frozenset[str]:
        """Ids of the listed participants who have lived experience."""
        return frozenset(p.id for p in self.participants if p.lived_experience)

    def involves_lived_experience(self, activity: Activity) -> bool:
        """Whether people with lived experience took part in ``activity``.

        True when it lists a participant with lived experience or counts
        ``people`` above zero.
        """
        if activity.people > 0:
            return True
        lived = self.lived_experience_ids()
        return any(pid in lived for pid in activity.participants)

    def lived_experience_activities(self) -> tuple[Activity, ...]:
        """The activities people with lived experience took part in, in record order."""
        lived = self.lived_experience_ids()
        return tuple(
            a
            for a in self.activities
            if a.people > 0 or any(pid in lived for pid in a.participants)
        )


def reference_problems(record: Any) -> list[Problem]:
    """Duplicate ids and dangling references in a project, raw or structured.

    Works on a :class:`Project` and on its raw mapping form alike, skipping
    values of the wrong type (those are reported by type checking), so a loader
    can report these problems alongside every other.
    """
    participant_ids, problems = ids_and_repeats(record, "participants")
    activity_ids, activity_problems = ids_and_repeats(record, "activities")
    _, feedback_problems = ids_and_repeats(record, "feedback")
    problems += activity_problems + feedback_problems
    for index, activity in items(record, "activities"):
        for position, pid in items(activity, "participants"):
            if isinstance(pid, str) and pid not in participant_ids:
                problems.append(
                    Problem(
                        f"activities[{index}].participants[{position}]",
                        f"no participant with id {pid!r}",
                    )
                )
    links = {
        "feedback": ("activity",),
        "payments": ("participant", "activity"),
        "experience": ("participant", "activity"),
    }
    known = {"participant": participant_ids, "activity": activity_ids}
    for section, fields in links.items():
        for index, entry in items(record, section):
            for field in fields:
                value = value_of(entry, field)
                if isinstance(value, str) and value not in known[field]:
                    problems.append(
                        Problem(f"{section}[{index}].{field}", f"no {field} with id {value!r}")
                    )
    return problems
