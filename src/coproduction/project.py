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
import itertools
from collections.abc import Iterable, Iterator, Mapping
from decimal import Decimal
from typing import Any

import attrs

from coproduction import _checks
from coproduction._records import ids_and_repeats, items, repeats, value_of
from coproduction._shown import Shown
from coproduction._vocab import Word
from coproduction.errors import Problem, raise_problems
from coproduction.money import amount_problems
from coproduction.rungs import Rung

__all__ = [
    "STANDING_GROUP_KINDS",
    "Activity",
    "ActivityKind",
    "ActivityStatus",
    "Adaptation",
    "Chair",
    "Channel",
    "Contribution",
    "Decider",
    "ExperienceScore",
    "FeedbackItem",
    "FeedbackStatus",
    "Format",
    "Groups",
    "Output",
    "OutputKind",
    "Participant",
    "Payment",
    "Project",
    "Purpose",
    "Representing",
    "Reward",
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
    # Kinds the councils' documents use (issue 15, section 5):
    MYSTERY_SHOPPING = "mystery-shopping"  # Barnet CQC self-assessment 2024, L.978-984
    TASK_AND_FINISH_GROUP = "task-and-finish-group"  # ADASS East of England 2023, L.758
    CONTRACT_FORUM = "contract-forum"  # a lived-experience forum a contract runs, ADASS L.815
    PEER_ADVOCACY = "peer-advocacy"  # ADASS East of England 2023, L.391


# Kinds that are, by their nature, an ongoing group rather than a one-off event:
# the brief counts views sought "through an ongoing group" as repeated involvement.
STANDING_GROUP_KINDS = frozenset(
    {
        ActivityKind.STEERING_GROUP,
        ActivityKind.BOARD,
        ActivityKind.FORUM,
        ActivityKind.REFERENCE_GROUP,
        ActivityKind.CO_DESIGN_GROUP,
        ActivityKind.CONTRACT_FORUM,
    }
)


class ActivityStatus(Word):
    """Whether an activity has happened or is only planned.

    A planned activity is never evidence: it is recorded so that an assessment
    can say what it would add once it happens.
    """

    HELD = "held"
    PLANNED = "planned"


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


class Representing(Word):
    """Whose voice a participant brings besides their own (ADASS East of England 2023 cases).

    ``organisation``: they take part for an organisation (a user-led organisation, a provider,
    a carers' charity); ``group``: they speak for a group (a forum's representative, a parent
    speaking for a parent carers' forum).
    """

    ORGANISATION = "organisation"
    GROUP = "group"


class Reward(Word):
    """What people were offered for their time in an activity (more than yes or no)."""

    EXPENSES = "expenses"  # travel and out-of-pocket costs only
    REFRESHMENTS = "refreshments"
    VOUCHERS = "vouchers"
    PAYMENT = "payment"  # paid per the council's reward and recognition policy

    @property
    def recognises_time(self) -> bool:
        """Whether it pays for people's time (vouchers or payment), not only their costs."""
        return self in (Reward.VOUCHERS, Reward.PAYMENT)


class Decider(Word):
    """Who made a decision an activity records (for allocations of money: participatory budgeting).

    Participatory budgeting is "a democratic process in which community members directly decide
    how to spend part of a public budget" (Southwark Council, co-production report 2014,
    section 2.15, L.132).
    """

    RESIDENTS = "residents"  # people with lived experience or residents decided
    JOINT = "joint"  # residents and officers decided together
    COUNCIL = "council"  # officers or members decided, having heard people


class Channel(Word):
    """How a "you said" item reached the council when it was not said in an activity."""

    ACTIVITY = "activity"  # said in one of the project's activities
    COMPLAINT = "complaint"
    COMPLIMENT = "compliment"
    QUESTION = "question"  # a question raised outside a meeting
    COMMENT = "comment"  # an unprompted comment (email, phone, online platform)


class OutputKind(Word):
    """A thing people produced or shaped: what they co-wrote, signed off or set."""

    STRATEGY = "strategy"
    SPECIFICATION = "specification"
    POLICY = "policy"
    CHARTER = "charter"
    FOREWORD = "foreword"
    EASY_READ = "easy-read"  # an easy-read version
    AGENDA = "agenda"
    GUIDE = "guide"
    CRITERIA = "criteria"  # e.g. the criteria a mystery shop uses
    WEBPAGE = "webpage"
    REPORT = "report"
    YOU_SAID_WE_DID = "you-said-we-did"  # the published "what we did"
    OTHER = "other"


class Contribution(Word):
    """What people with lived experience did to an output."""

    WROTE = "wrote"  # wrote it themselves
    CO_WROTE = "co-wrote"  # wrote it with officers
    SET = "set"  # set it (an agenda)
    SIGNED_OFF = "signed-off"  # agreed the final version before it went out
    COMMENTED = "commented"  # commented on a draft


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
        if type(items) is tuple and not items:  # none recorded: most participants
            self._items: dict[str, str] = {}
            return
        pairs = items.items() if isinstance(items, Mapping) else items
        self._items = dict(sorted(pairs))

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


def _as_groups(value: Mapping[str, str] | Iterable[tuple[str, str]]) -> Groups:
    """The value as Groups; Groups as they are (loading builds them already)."""
    return value if type(value) is Groups else Groups(value)


def _count(items: tuple[object, ...]) -> str:
    return f"<{len(items)}>"


def _plain_id(value: str) -> bool:
    """Whether an id is usable as it is: not empty, no spaces at its ends (the usual case)."""
    return bool(value) and value == value.strip()


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
    by the measures; it is kept out of the record's repr. ``representing``
    and ``organisation`` say when someone takes part for an organisation or
    speaks for a group, and which (a forum, a user-led organisation).
    """

    id: str
    lived_experience: bool
    decision_maker: bool = False
    paid_to_attend: bool = False
    groups: Groups = attrs.field(factory=Groups, converter=_as_groups, repr=False)
    representing: Representing | None = None
    organisation: str = attrs.field(default="", repr=False)

    def __attrs_post_init__(self) -> None:
        if not _plain_id(self.id):
            raise_problems(_id_problems(self.id))


@attrs.frozen
class Activity:
    """Something people took part in: a survey, a workshop, a panel, a run of meetings.

    One record may stand for a series (a steering group that met monthly):
    ``sessions`` counts its meetings and ``until`` dates the last. People with
    lived experience are either listed by id in ``participants`` or counted in
    ``people`` (for a survey of hundreds), or both. ``status = "planned"``
    records an activity that has not happened yet (see
    :class:`ActivityStatus`).
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
    reward: tuple[Reward, ...] = ()  # what people were offered for their time
    also_stages: tuple[Stage, ...] = ()  # further stages it spans ("involved throughout")
    also_offered: tuple[Format, ...] = ()  # further ways the same meeting was offered at once
    respond_by: datetime.date | None = None  # the closing date people were given
    starts_at: datetime.time | None = None  # the time of day it started
    status: ActivityStatus = ActivityStatus.HELD
    budget: Decimal | None = None  # public money the activity allocated (Decimal pounds)
    decided_by: Decider | None = None  # who made the decision it records
    group: str | None = None  # the id of the standing group's register, for its meetings

    def __attrs_post_init__(self) -> None:
        if (  # the usual activity, checked at a glance: every activity loaded is checked
            _plain_id(self.id)
            and (self.respond_by is None or self.respond_by >= self.date)
            and self.budget is None
            and not (self.reward or self.also_stages or self.also_offered)
            and (self.notice_sent is None or self.notice_sent <= self.date)
            and self.people >= 0
            and self.sessions >= 1
            and (self.until is None or self.until >= self.date)
            and len(set(self.participants)) == len(self.participants)
            and len(set(self.purpose)) == len(self.purpose)
        ):
            return
        problems = _id_problems(self.id)
        if self.respond_by is not None and self.respond_by < self.date:
            problems.append(
                Problem(
                    "respond_by",
                    f"{self.respond_by.isoformat()} is before the activity "
                    f"({self.date.isoformat()})",
                )
            )
        # Each list is looked at only when it has something in it: every activity of
        # every file loaded runs these checks.
        if self.budget is not None:
            problems += amount_problems("budget", self.budget)
        if self.reward:
            problems += repeats([r.value for r in self.reward], "reward")
        if self.also_stages:
            problems += repeats([st.value for st in self.also_stages], "also_stages")
        if self.also_offered:
            problems += repeats([f.value for f in self.also_offered], "also_offered")
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
        if len(self.purpose) > 1:
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

    @property
    def is_participatory_budgeting(self) -> bool:
        """Whether residents (alone or jointly) decided how to spend a recorded budget.

        >>> a = Activity(id="g", date=datetime.date(2024, 6, 1), stage=Stage.DECIDE,
        ...              kind=ActivityKind.GRANT_PANEL, budget=Decimal("20000"),
        ...              decided_by=Decider.RESIDENTS)
        >>> a.is_participatory_budgeting
        True
        """
        return self.budget is not None and self.decided_by in (Decider.RESIDENTS, Decider.JOINT)

    @property
    def stages(self) -> tuple[Stage, ...]:
        """Every stage the activity spans: ``stage`` first, then ``also_stages``."""
        return (self.stage, *(st for st in self.also_stages if st is not self.stage))

    @property
    def formats(self) -> tuple[Format, ...]:
        """Every way the activity was offered: ``format`` (if recorded), then ``also_offered``."""
        first = () if self.format is None else (self.format,)
        return (*first, *(f for f in self.also_offered if f is not self.format))

    @property
    def days_to_respond(self) -> int | None:
        """Days people were given to respond: from ``notice_sent`` (or ``date``) to ``respond_by``.

        >>> a = Activity(id="a", date=datetime.date(2024, 3, 1), stage=Stage.PLAN,
        ...              kind=ActivityKind.SURVEY, respond_by=datetime.date(2024, 4, 12))
        >>> a.days_to_respond
        42
        """
        if self.respond_by is None:
            return None
        return (self.respond_by - (self.notice_sent or self.date)).days

    @property
    def outside_office_hours(self) -> bool | None:
        """Whether it was held outside 9 am to 5 pm, Monday to Friday (None: time not recorded).

        "co-production is not a 9 am to 5 pm Monday to Friday option" (ADASS East of England
        2023, L.1273). A weekend date counts whatever the time.
        """
        if self.date.weekday() >= 5:
            return True
        if self.starts_at is None:
            return None
        return not datetime.time(9) <= self.starts_at < datetime.time(17)


@attrs.frozen
class StatusChange:
    """One dated step in a feedback item's history. ``reason`` explains a not-possible."""

    date: datetime.date
    status: FeedbackStatus
    reason: str = attrs.field(default="", repr=False)

    def __attrs_post_init__(self) -> None:
        if self.status is FeedbackStatus.NOT_POSSIBLE and not self.reason.strip():
            raise_problems([Problem("reason", "a not-possible status needs a reason")])


def _in_date_order(history: tuple[StatusChange, ...]) -> bool:
    return all(before.date <= after.date for before, after in itertools.pairwise(history))


@attrs.frozen
class FeedbackItem:
    """A "you said, we did" item: what people said, in which activity, and the response.

    ``history`` is the dated record of every status the item has had, oldest
    first; it is only ever appended to (see :meth:`with_status`), so the
    current status is the last entry. ``reported_back`` is the date the
    response was told to the people who gave the view; ``published`` the date
    "what we did" was published for everyone as well.

    ``activity`` is None for an item that belongs to no activity (a complaint,
    a question raised outside a meeting): ``channel`` says how it came in.
    ``acted_by`` names who acted on it when it was not the council (a bus
    company, a provider).

    ``raised_on`` is the day the view was given; without it, the item counts
    from the last session of its activity (see ``docs/ladder.md``, "Dates").
    """

    id: str
    # Keyword-only so that it can default to None (no activity) ahead of ``said``.
    activity: str | None = attrs.field(default=None, kw_only=True)
    said: str = attrs.field(repr=False)
    response: str = attrs.field(default="", repr=False)
    history: tuple[StatusChange, ...] = ()
    reported_back: datetime.date | None = None
    channel: Channel | None = None
    acted_by: str = attrs.field(default="", repr=False)
    published: datetime.date | None = None
    raised_on: datetime.date | None = None

    def __attrs_post_init__(self) -> None:
        if (
            _plain_id(self.id)
            and (self.activity is not None or self.channel not in (None, Channel.ACTIVITY))
            and (len(self.history) < 2 or _in_date_order(self.history))
        ):
            return
        problems = _id_problems(self.id)
        if self.activity is None and self.channel in (None, Channel.ACTIVITY):
            problems.append(
                Problem("channel", "an item with no activity needs its channel (e.g. complaint)")
            )
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
    """A reward payment for taking part in an activity (``claim`` links a rewards claim).

    ``amount`` (Decimal pounds) is what was paid, when recorded: reconciliation
    (``coproduction.rewards.reconcile``) compares it with what the policy gives.
    """

    activity: str
    paid_on: datetime.date
    participant: str | None = None
    claim: str | None = None
    amount: Decimal | None = None

    def __attrs_post_init__(self) -> None:
        raise_problems(amount_problems("amount", self.amount))


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
class Output:
    """Something people with lived experience wrote, co-wrote, set or signed off.

    ``activity`` optionally names the activity it came from; ``participants``
    lists who did it; ``published`` dates when it went out.

    >>> Output(id="o1", kind=OutputKind.FOREWORD, contribution=Contribution.WROTE)
    Output(id='o1', kind=<OutputKind.FOREWORD: 'foreword'>, contribution=<Contribution.WROTE: 'wrote'>, activity=None, participants=(), published=None)
    """  # noqa: E501

    id: str
    kind: OutputKind
    contribution: Contribution
    activity: str | None = None
    participants: tuple[str, ...] = ()
    published: datetime.date | None = None
    title: str = attrs.field(default="", repr=False)

    def __attrs_post_init__(self) -> None:
        if not _plain_id(self.id):
            raise_problems(_id_problems(self.id))


@attrs.frozen
class Project(Shown):
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
    outputs: tuple[Output, ...] = attrs.field(default=(), repr=False)
    # Support offered to the people sharing their experiences (pre-meetings, advocacy,
    # debriefs), and the ways anyone can tell the council about their experience of
    # taking part (an online form, a freepost card): Barnet charter commitments 9 and 17.
    support_offered: tuple[str, ...] = attrs.field(default=(), repr=False)
    experience_ways: tuple[str, ...] = attrs.field(default=(), repr=False)

    def __attrs_post_init__(self) -> None:
        if not (_plain_id(self.id) and _references_hold(self)):
            raise_problems(_id_problems(self.id) + reference_problems(self))

    def participant(self, participant_id: str) -> Participant | None:
        """The participant with this id, or None."""
        return next((p for p in self.participants if p.id == participant_id), None)

    def activity(self, activity_id: str | None) -> Activity | None:
        """The activity with this id, or None (also for None: an item with no activity)."""
        return next((a for a in self.activities if a.id == activity_id), None)

    def lived_experience_ids(self) -> frozenset[str]:
        """Ids of the listed participants who have lived experience."""
        return frozenset([p.id for p in self.participants if p.lived_experience])

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

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form, the same as ``coproduction.to_dict(self)``."""
        from coproduction._convert import to_dict  # noqa: PLC0415 - the converter imports this

        return to_dict(self)


def reference_problems(record: Any) -> list[Problem]:
    """Duplicate ids and dangling references in a project, raw or structured.

    Works on a :class:`Project` and on its raw mapping form alike, skipping
    values of the wrong type (those are reported by type checking), so a loader
    can report these problems alongside every other.
    """
    if type(record) is Project and _references_hold(record):
        return []  # the usual case
    participant_ids, problems = ids_and_repeats(record, "participants")
    activity_ids, activity_problems = ids_and_repeats(record, "activities")
    _, feedback_problems = ids_and_repeats(record, "feedback")
    _, output_problems = ids_and_repeats(record, "outputs")
    problems += activity_problems + feedback_problems + output_problems
    for listing in ("activities", "outputs"):
        for index, entry in items(record, listing):
            for position, pid in items(entry, "participants"):
                if isinstance(pid, str) and pid not in participant_ids:
                    problems.append(
                        Problem(
                            f"{listing}[{index}].participants[{position}]",
                            f"no participant with id {pid!r}",
                        )
                    )
    links = {
        "outputs": ("activity",),
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


def _references_hold(project: Project) -> bool:
    """Whether a project's ids are unique and its references all point at listed records.

    True only when :func:`reference_problems` would find nothing; False sends it to
    look in detail (so does a record of the wrong shape, built in Python).
    """
    try:
        return _all_listed(project)
    except (AttributeError, TypeError):
        return False


def _all_listed(project: Project) -> bool:
    people = {p.id for p in project.participants}
    activities = {a.id for a in project.activities}
    if (
        len(people) != len(project.participants)
        or len(activities) != len(project.activities)
        or len({f.id for f in project.feedback}) != len(project.feedback)
        or len({o.id for o in project.outputs}) != len(project.outputs)
    ):
        return False
    if not all(people.issuperset(a.participants) for a in project.activities):
        return False
    if not all(
        people.issuperset(o.participants) and (o.activity is None or o.activity in activities)
        for o in project.outputs
    ):
        return False
    if not all(f.activity is None or f.activity in activities for f in project.feedback):
        return False
    linked: tuple[Payment | ExperienceScore, ...] = (*project.payments, *project.experience)
    return all(
        (e.participant is None or e.participant in people)
        and (e.activity is None or e.activity in activities)
        for e in linked
    )


# Records built in Python check their dates, money and closed words (see _checks).
_checks.install(
    Participant,
    Activity,
    StatusChange,
    FeedbackItem,
    Scope,
    Payment,
    ExperienceScore,
    Output,
    Project,
)
