"""Reach, representativeness, the feedback loop and the experience of being involved.

These functions return **raw counts, not for publication**: each result's
``published(min_count)`` gives the form to publish, with small numbers
suppressed (see :mod:`coproduction.measures.suppression`).

Who counts: people with lived experience who took part in an activity that
ran during the period. Listed participants are told apart by their id within
their organisation, so the same person in two projects of one council counts
once. People counted without ids (``people`` on an activity, e.g. a survey of
hundreds) cannot be told apart: they are added as counts and said to be.

Measures never depend on the order of the records.
"""

from __future__ import annotations

import datetime
import statistics
from collections.abc import Iterable, Mapping
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction
from typing import Any

import attrs

from coproduction._shown import Shown
from coproduction.evidence import Evidence, answer_day, evidence_of
from coproduction.measures.population import Population
from coproduction.measures.suppression import (
    DEFAULT_MIN_COUNT,
    Relation,
    breakdown_row,
    suppress,
    suppress_row,
)
from coproduction.periods import Period
from coproduction.project import Activity, FeedbackStatus, Participant, Project

__all__ = [
    "DEFAULT_THRESHOLD",
    "Experience",
    "FeedbackLoop",
    "GroupShare",
    "QuestionSummary",
    "Reach",
    "Representativeness",
    "WaitingItem",
    "experience",
    "feedback_loop",
    "percent",
    "reach",
    "representativeness",
    "representativeness_in",
]

UNKNOWN = "unknown"
# Groups a participant gave that the reference population does not list: counted together,
# so a value typed in by hand (perhaps a name, perhaps a rare identity) is never published.
OTHER = "not in the reference population"
NOT_RECORDED = "not recorded"
# The package's own default: a group is flagged when its share among participants is
# under 80% of its share of the reference population. Councils should set their own.
DEFAULT_THRESHOLD = Decimal("0.8")

Person = tuple[str, str]  # (organisation, participant id)


class Share(float):
    """A published share: a JSON number rounded to a few decimals that keeps its exact value.

    The number is what JSON shows; ``exact`` is the fraction it was rounded from, so
    a renderer rounds a percentage once, from the exact value, and never rounds a
    rounded number again (23 of 34 is 67.6%, though 0.6765 would round to 67.7%).

    >>> share = share_of(Fraction(23, 34))
    >>> share, share.exact, percent(share.exact)
    (0.6765, Fraction(23, 34), '67.6%')
    """

    exact: Fraction

    def __new__(cls, value: float, exact: Fraction) -> Share:
        made = super().__new__(cls, value)
        made.exact = exact
        return made

    def __getnewargs__(self) -> tuple[float, Fraction]:  # type: ignore[override]
        return (float(self), self.exact)


def share_of(share: Fraction | Decimal | None, places: int = 4) -> float | None:
    """A share as a JSON number between 0 and 1, to ``places`` decimals (None stays None).

    The number remembers the exact share (see :class:`Share`).

    >>> share_of(Fraction(1, 3)), share_of(None)
    (0.3333, None)
    """
    if share is None:
        return None
    fraction = Fraction(share)
    exact = Decimal(fraction.numerator) / fraction.denominator
    rounded = float(exact.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP))
    return Share(rounded, fraction)


def percent(share: Fraction | None) -> str:
    """A share as a percentage to one decimal place, rounded once, half up; ``"n/a"`` for none.

    >>> percent(Fraction(23, 34)), percent(Fraction(1, 2000)), percent(None)
    ('67.6%', '0.1%', 'n/a')
    """
    if share is None:
        return "n/a"
    exact = Decimal(share.numerator) * 100 / Decimal(share.denominator)
    return f"{exact.quantize(Decimal('0.1'), rounding=ROUND_HALF_UP)}%"


def _runs_in(activity: Activity, period: Period) -> bool:
    return activity.date <= period.end and activity.last_date >= period.start


def _taking_part(
    projects: Iterable[Project], period: Period
) -> list[tuple[Project, Activity, frozenset[str]]]:
    """Each activity held with lived experience in the period, with its lived-experience ids.

    Each project is read through its evidence view as of the period's end, so a planned
    activity never counts as taking part.
    """
    found = []
    for project in projects:
        found += _held_in(evidence_of(project, period.end), period)
    return found


def _held_in(view: Evidence, period: Period) -> list[tuple[Project, Activity, frozenset[str]]]:
    lived = view.lived_ids
    return [
        (view.project, activity, frozenset(lived.intersection(activity.participants)))
        for activity in view.activities
        if _runs_in(activity, period)
    ]


def _hidden(prefix: str, values: Mapping[str, object]) -> list[str]:
    """The paths of the suppressed (None) counts in a published section."""
    return [f"{prefix}{key}" for key, value in values.items() if value is None]


Figures = tuple[dict[str, int], list[Relation]]


def _unless(hidden: frozenset[str], name: str, value: int) -> int | None:
    return None if name in hidden else value


@attrs.frozen
class Reach(Shown):
    """How many people took part in a period. Raw counts: not for publication."""

    period: Period
    projects: int
    activities: int
    listed: int
    counted: int
    by_stage: tuple[tuple[str, int], ...]
    by_kind: tuple[tuple[str, int], ...]
    by_format: tuple[tuple[str, int], ...]
    new: int
    returning: int
    activities_per_person: Decimal | None

    @property
    def people(self) -> int:
        """Listed people (each once) plus people counted without ids."""
        return self.listed + self.counted

    def figures(self) -> Figures:
        """The counts of people this publishes and how they add up (for suppression)."""
        figures = {
            "people": self.people,
            "listed": self.listed,
            "counted_without_ids": self.counted,
            "new": self.new,
            "returning": self.returning,
        }
        return figures, [
            Relation(("listed", "counted_without_ids"), ("people",)),
            Relation(("new", "returning"), ("listed",)),
        ]

    def published(
        self, min_count: int = DEFAULT_MIN_COUNT, hidden: frozenset[str] | None = None
    ) -> dict[str, Any]:
        """The figures to publish: a suppressed count is None, its path under ``suppressed``.

        ``hidden`` is the names of :meth:`figures` to suppress, when a larger report
        worked them out together with its other tables.
        """
        if hidden is None:
            hidden = suppress(*self.figures(), min_count)
        totals = {
            "people": _unless(hidden, "people", self.people),
            "listed": _unless(hidden, "listed", self.listed),
            "counted_without_ids": _unless(hidden, "counted_without_ids", self.counted),
        }
        # The breakdowns overlap (one person, several stages) but everyone is in one at
        # least: when the people in all are suppressed, their sums must not give it away.
        mixed = "people" in hidden

        def row(counts: tuple[tuple[str, int], ...]) -> dict[str, int | None]:
            return breakdown_row(dict(counts), min_count, total_hidden=mixed).cells

        rows = {
            "by_stage": row(self.by_stage),
            "by_kind": row(self.by_kind),
            "by_format": row(self.by_format),
            "new_and_returning": {
                "new": _unless(hidden, "new", self.new),
                "returning": _unless(hidden, "returning", self.returning),
            },
        }
        per_person = self.activities_per_person
        return {
            **totals,
            "projects": self.projects,
            "activities": self.activities,
            **rows,
            # The mean times the people known by id is a whole number: with them hidden,
            # the mean would narrow them down (1.5 is an even number of people).
            "activities_per_person": None
            if per_person is None or "listed" in hidden
            else float(per_person),
            "suppressed": _hidden("", totals)
            + [path for key, row in rows.items() for path in _hidden(f"{key}.", row)]
            + (["activities_per_person"] if per_person is not None and "listed" in hidden else []),
        }


@attrs.define
class _Tally:
    """People per category: listed people once each, plus people counted without ids."""

    listed: dict[str, set[Person]] = attrs.Factory(dict)
    counted: dict[str, int] = attrs.Factory(dict)

    def add(self, key: str, who: set[Person], counted: int) -> None:
        self.listed.setdefault(key, set()).update(who)
        self.counted[key] = self.counted.get(key, 0) + counted

    def rows(self) -> tuple[tuple[str, int], ...]:
        return tuple((k, len(self.listed[k]) + self.counted[k]) for k in sorted(self.listed))


def reach(projects: Iterable[Project], period: Period) -> Reach:
    """Unique people, by stage, kind and format; new against returning; activities per person.

    A listed person is *new* when they took part in nothing of their
    organisation's before the period began, and *returning* otherwise.
    """
    projects = list(projects)
    taking_part = _taking_part(projects, period)
    activities_of: dict[Person, int] = {}
    by_stage, by_kind, by_format = _Tally(), _Tally(), _Tally()
    for project, activity, lived in taking_part:
        who = {(project.organisation, pid) for pid in lived}
        for person in who:
            activities_of[person] = activities_of.get(person, 0) + 1
        by_stage.add(activity.stage.value, who, activity.people)
        by_kind.add(activity.kind.value, who, activity.people)
        by_format.add(
            activity.format.value if activity.format else NOT_RECORDED, who, activity.people
        )
    earlier = {
        (project.organisation, pid)
        for project, lived in ((p, p.lived_experience_ids()) for p in projects)
        for activity in project.lived_experience_activities()
        if activity.date < period.start
        for pid in lived.intersection(activity.participants)
    }
    returning = len(earlier & set(activities_of))
    per_person = None
    if activities_of:
        mean = Decimal(sum(activities_of.values())) / Decimal(len(activities_of))
        per_person = mean.quantize(Decimal("0.1"))
    return Reach(
        period=period,
        projects=len({p.id for p, _, _ in taking_part}),
        activities=len(taking_part),
        listed=len(activities_of),
        counted=sum(activity.people for _, activity, _ in taking_part),
        by_stage=by_stage.rows(),
        by_kind=by_kind.rows(),
        by_format=by_format.rows(),
        new=len(activities_of) - returning,
        returning=returning,
        activities_per_person=per_person,
    )


@attrs.frozen
class GroupShare:
    """One group's share among participants against its share of the population."""

    group: str
    count: int
    share: Fraction | None  # among participants whose group is known
    population_share: Decimal | None
    under_represented: bool

    @property
    def difference(self) -> Fraction | None:
        """Participants' share less the population's share."""
        if self.share is None or self.population_share is None:
            return None
        return self.share - Fraction(self.population_share)

    @property
    def ratio(self) -> Fraction | None:
        """Participants' share divided by the population's share."""
        if self.share is None or not self.population_share:
            return None
        return self.share / Fraction(self.population_share)


@attrs.frozen
class Representativeness(Shown):
    """Who took part, group by group, against the population. Raw counts: not for publication."""

    field: str
    period: Period
    people: int
    unknown: int
    groups: tuple[GroupShare, ...]
    threshold: Decimal
    source: str

    def figures(self) -> Figures:
        """The counts this publishes (``group.<name>``, ``unknown``, ``people``) and their sum."""
        figures = {f"group.{g.group}": g.count for g in self.groups}
        parts = (*figures, UNKNOWN)
        return figures | {UNKNOWN: self.unknown, "people": self.people}, [
            Relation(parts, ("people",))
        ]

    def published(
        self, min_count: int = DEFAULT_MIN_COUNT, hidden: frozenset[str] | None = None
    ) -> dict[str, Any]:
        """The figures to publish: small counts and their shares suppressed.

        Shares are of the people whose group is recorded, unless the number not
        recorded is suppressed: those shares and the people in all would give it
        away, so shares are then of everyone taking part (``shares_of`` says which).
        ``hidden``: as for :meth:`Reach.published`.
        """
        if hidden is None:
            hidden = suppress(*self.figures(), min_count)
        among_all = UNKNOWN in hidden
        base = self.people if among_all else self.people - self.unknown
        no_base = "people" in hidden  # then every share would give the people away
        groups = []
        for group in self.groups:
            suppressed = f"group.{group.group}" in hidden
            share = Fraction(group.count, base) if base else None
            groups.append(_published_group(group, share, self.threshold, suppressed, no_base))
        return {
            "field": self.field,
            "people": _unless(hidden, "people", self.people),
            "source": self.source,
            "threshold": float(self.threshold),
            "shares_of": "everyone taking part" if among_all else "people whose group is recorded",
            "groups": groups,
            "unknown": _unless(hidden, UNKNOWN, self.unknown),
            "suppressed": [g.group for g in self.groups if f"group.{g.group}" in hidden]
            + ([UNKNOWN] if UNKNOWN in hidden else []),
        }


def _published_group(
    group: GroupShare, share: Fraction | None, threshold: Decimal, hidden: bool, no_base: bool
) -> dict[str, Any]:
    # The share, ratio and flag are all worked out from the count: hidden with it.
    expected = group.population_share
    ratio = share / Fraction(expected) if share is not None and expected else None
    under = bool(
        expected and share is not None and share < Fraction(expected) * Fraction(threshold)
    )

    def unless_hidden(value: object) -> object:
        return None if hidden or no_base else value

    return {
        "group": group.group,
        "count": None if hidden else group.count,
        "share": unless_hidden(share_of(share)),
        "population_share": share_of(expected),
        "ratio": unless_hidden(share_of(ratio, places=2)),
        "under_represented": unless_hidden(under),
        "suppressed": hidden,
    }


def representativeness(
    projects: Iterable[Project],
    population: Population,
    period: Period,
    by: str,
    threshold: Decimal = DEFAULT_THRESHOLD,
) -> Representativeness:
    """Each group's share of the participants against its share of the reference population.

    Participants' shares are among those whose group is known; people whose
    group is not recorded are reported as ``unknown``, never dropped. A group
    is flagged under-represented when its share among participants is less
    than ``threshold`` times its population share (0.8 unless set: the
    package's own default). People counted without ids have no groups and are
    not part of this measure.
    """
    return _representativeness(_taking_part(projects, period), population, period, by, threshold)


def representativeness_in(
    view: Evidence, population: Population, by: str, threshold: Decimal = DEFAULT_THRESHOLD
) -> Representativeness:
    """:func:`representativeness` for one project's evidence view.

    It counts everyone who had taken part by the view's day.
    """
    first = min((a.date for a in view.activities), default=view.as_of)
    period = Period(min(first, view.as_of), view.as_of)
    return _representativeness(_held_in(view, period), population, period, by, threshold)


def _representativeness(
    taking_part: list[tuple[Project, Activity, frozenset[str]]],
    population: Population,
    period: Period,
    by: str,
    threshold: Decimal,
) -> Representativeness:
    groups: dict[Person, str | None] = {}
    # Each project's participants by id, once: a look-up per person, not a scan of the project.
    people_of: dict[int, dict[str, Participant]] = {}
    for project, _, lived in taking_part:
        if id(project) not in people_of:
            people_of[id(project)] = {p.id: p for p in project.participants}
        by_id = people_of[id(project)]
        for pid in lived:
            participant = by_id.get(pid)
            group = participant.groups.get(by) if participant else None
            key = (project.organisation, pid)
            if groups.get(key) is None:
                groups[key] = group
    reference = population.shares(by)
    counts: dict[str, int] = dict.fromkeys(reference, 0)
    unknown = 0
    for group in groups.values():
        if group is None:
            unknown += 1
        else:
            listed = group if group in reference else OTHER
            counts[listed] = counts.get(listed, 0) + 1
    known = sum(counts.values())
    rows = []
    for group in sorted(counts, key=lambda g: (g not in reference, g)):
        share = Fraction(counts[group], known) if known else None
        expected = reference.get(group)
        under = bool(
            expected and share is not None and share < Fraction(expected) * Fraction(threshold)
        )
        rows.append(GroupShare(group, counts[group], share, expected, under))
    return Representativeness(
        field=by,
        period=period,
        people=len(groups),
        unknown=unknown,
        groups=tuple(rows),
        threshold=threshold,
        source=population.source(by),
    )


@attrs.frozen
class WaitingItem:
    """A "you said" item still waiting for a response, and for how long."""

    project: str
    item: str
    status: FeedbackStatus | None
    since: datetime.date
    days: int


@attrs.frozen
class FeedbackLoop(Shown):
    """The "you said, we did" loop as of a date. Item counts, not people.

    ``items`` counts the items raised by ``as_of``; ``answered`` those with a
    decision that day (accepted, implemented or not possible); ``changed`` those
    accepted or implemented; ``waiting`` those still without a decision (no
    status, received, or under consideration), so ``answered`` plus the waiting
    items is ``items``.
    """

    as_of: datetime.date
    items: int
    by_status: tuple[tuple[str, int], ...]
    waiting: tuple[WaitingItem, ...]
    changed: int
    with_status: int
    report_back_days: tuple[int, ...]
    answered: int = 0

    @property
    def changed_share(self) -> Fraction | None:
        """Share of the answered items that changed something (accepted or implemented)."""
        return Fraction(self.changed, self.answered) if self.answered else None

    def changed_text(self, min_count: int = DEFAULT_MIN_COUNT) -> str:
        """The share with its numerator and denominator, as published (suppressed numbers said so).

        >>> import datetime
        >>> loop = FeedbackLoop(datetime.date(2023, 3, 31), 5, (), (), 4, 5, (), answered=5)
        >>> loop.changed_text(min_count=1)
        '4 of the 5 items that have had an answer (5 raised)'
        >>> loop.changed_text()
        'a suppressed number of the items that have had an answer (...; some figures suppressed)'
        """
        text: str = self.published(min_count)["changed_something_of"]
        return text

    def figures(self) -> Figures:
        """The item counts this publishes (``by_status.<status>`` too) and how they add up."""
        statuses = dict(self.by_status)
        figures = {
            "items": self.items,
            "waiting": len(self.waiting),
            "answered": self.answered,
            "changed": self.changed,
        } | {f"by_status.{k}": v for k, v in statuses.items()}

        def named(*keys: FeedbackStatus | None) -> tuple[str, ...]:
            values = (k.value if k else "no status" for k in keys)
            return tuple(f"by_status.{k}" for k in values if k in statuses)

        waiting = named(None, FeedbackStatus.RECEIVED, FeedbackStatus.UNDER_CONSIDERATION)
        changed = named(FeedbackStatus.ACCEPTED, FeedbackStatus.IMPLEMENTED)
        # One tree of sums, each figure in one sum as a part: the items raised are the
        # answered and the waiting; the answered are those that changed something and
        # those not possible; each is its statuses.
        return figures, [
            Relation(("answered", "waiting"), ("items",)),
            Relation(waiting, ("waiting",)),
            Relation(("changed", *named(FeedbackStatus.NOT_POSSIBLE)), ("answered",)),
            Relation(changed, ("changed",)),
        ]

    def published(
        self, min_count: int = DEFAULT_MIN_COUNT, hidden: frozenset[str] | None = None
    ) -> dict[str, Any]:
        """The figures to publish, small counts suppressed (``hidden``: see ``Reach.published``).

        The waits' longest and median are published only with the number waiting,
        and the median time to report back only when at least ``min_count`` items
        were reported back: a median of one or two items is those items' own figure.
        """
        if hidden is None:
            hidden = suppress(*self.figures(), min_count)
        figures, _ = self.figures()
        counts = {k: _unless(hidden, k, v) for k, v in figures.items() if "." not in k}
        by_status = {k: _unless(hidden, f"by_status.{k}", v) for k, v in self.by_status}
        waits = sorted(w.days for w in self.waiting)
        days = sorted(self.report_back_days)
        waits_hidden = counts["waiting"] is None
        days_hidden = 0 < len(days) < min_count
        share_hidden = counts["changed"] is None or counts["answered"] is None
        stats_hidden = (
            (["longest_wait_days", "median_wait_days"] if waits_hidden else [])
            + (["median_days_to_report_back"] if days_hidden else [])
            + (["changed_something"] if share_hidden else [])
        )
        return {
            "as_of": self.as_of.isoformat(),
            "items": counts["items"],
            "by_status": by_status,
            "waiting": counts["waiting"],
            "longest_wait_days": waits[-1] if waits and not waits_hidden else None,
            "median_wait_days": statistics.median(waits) if waits and not waits_hidden else None,
            "answered": counts["answered"],
            "changed": counts["changed"],
            "changed_something": None if share_hidden else share_of(self.changed_share),
            "changed_something_of": _changed_text(counts),
            "median_days_to_report_back": statistics.median(days)
            if days and not days_hidden
            else None,
            "suppressed": _hidden("", counts) + _hidden("by_status.", by_status) + stats_hidden,
        }


def _count_text(value: int | None) -> str:
    return "a suppressed number" if value is None else f"{value:,}"


def _changed_text(counts: Mapping[str, int | None]) -> str:
    changed, items, answered = (_count_text(counts[k]) for k in ("changed", "items", "answered"))
    if counts["answered"] is None or None in counts.values():
        of = f"the {answered}" if counts["answered"] is not None else "the"
        return (
            f"{changed} of {of} items that have had an answer ({items} raised; "
            "some figures suppressed)"
        )
    plural = "" if counts["answered"] == 1 else "s"
    return f"{changed} of the {answered} item{plural} that have had an answer ({items} raised)"


def feedback_loop(projects: Iterable[Project], as_of: datetime.date) -> FeedbackLoop:
    """Where every "you said" item stood on ``as_of``, read through each project's evidence view.

    An item counts once it was raised (``raised_on``, or the last session of its
    activity). It waits while it has no decision (no status, received or under
    consideration); its wait, and the days to report-back, run from the day it
    was raised. Only items raised in activities with people with lived experience
    count, as everywhere else.
    """
    by_status: dict[str, int] = {}
    waiting = []
    changed = with_status = answered = 0
    report_back = []
    items = 0
    for project in projects:
        for known in evidence_of(project, as_of).feedback:
            items += 1
            status = known.status
            key = status.value if status else "no status"
            by_status[key] = by_status.get(key, 0) + 1
            if status is not None:
                with_status += 1
                changed += status.changed_something
            if known.waiting:
                waiting.append(
                    WaitingItem(
                        project.id,
                        known.id,
                        status,
                        known.raised_on,
                        (as_of - known.raised_on).days,
                    )
                )
            else:
                answered += 1
            if known.reported_back is not None:
                report_back.append((known.reported_back - known.raised_on).days)
    return FeedbackLoop(
        as_of=as_of,
        items=items,
        by_status=tuple(sorted(by_status.items())),
        waiting=tuple(sorted(waiting, key=lambda w: (-w.days, w.project, w.item))),
        changed=changed,
        with_status=with_status,
        report_back_days=tuple(sorted(report_back)),
        answered=answered,
    )


@attrs.frozen
class QuestionSummary:
    """Answers to one experience question: how many, the mean, the share scoring 4 or 5."""

    question: str
    responses: int
    mean: Decimal
    satisfied: Fraction


@attrs.frozen
class Experience(Shown):
    """Participants' experience of being involved, by question. Raw: not for publication."""

    period: Period
    questions: tuple[QuestionSummary, ...]

    def published(
        self,
        min_count: int = DEFAULT_MIN_COUNT,
        hidden: Mapping[str, frozenset[str]] | None = None,
    ) -> list[dict[str, Any]]:
        """Summaries to publish, one per question.

        The answers scoring 4 or 5 and the others are a row whose total is the number
        of answers: when either is suppressed, so are the share and the mean (the mean
        times the answers is their sum); with fewer than ``min_count`` answers, all are.
        ``hidden`` maps a question to its suppressed figures (``positive``, ``other``,
        ``responses``) when they were worked out with its breakdowns by group.
        """
        published = []
        for q in self.questions:
            satisfied = round(q.satisfied * q.responses)
            found = (hidden or {}).get(q.question)
            if found is None:
                row = suppress_row(
                    {"positive": satisfied, "other": q.responses - satisfied}, min_count
                )
                found = frozenset(row.suppressed) | (
                    frozenset() if row.total is not None else {"responses"}
                )
            suppressed = bool(found)
            published.append(
                {
                    "question": q.question,
                    "responses": None if "responses" in found else q.responses,
                    "mean": None if suppressed else float(q.mean),
                    "satisfied": None if suppressed else share_of(q.satisfied),
                    "suppressed": suppressed,
                }
            )
        return published


def experience(projects: Iterable[Project], period: Period) -> Experience:
    """Summaries of the experience scores recorded in the period.

    An answer counts when it is dated in the period or, undated, is about an
    activity whose last session is in the period (the evidence view's dating).
    """
    scores: dict[str, list[int]] = {}
    for project in projects:
        activities = {a.id: a for a in project.activities}
        for answer in project.experience:
            day = answer_day(answer, activities)
            if day is not None and day in period:
                scores.setdefault(answer.question, []).append(answer.score)
    return Experience(
        period=period,
        questions=tuple(
            QuestionSummary(
                question=question,
                responses=len(values),
                mean=(Decimal(sum(values)) / len(values)).quantize(Decimal("0.01")),
                satisfied=Fraction(sum(1 for v in values if v >= 4), len(values)),
            )
            for question, values in sorted(scores.items())
        ),
    )
