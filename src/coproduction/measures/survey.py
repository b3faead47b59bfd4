"""Survey results: how many people gave each answer, overall and by group. Counts only.

Barnet's evidence to the CQC rests on individual feedback: statements people
agreed with when their case was closed ("98% agreed with the statement: 'The
practitioner treated me with respect and as an individual'", Barnet CQC
self-assessment 2024, L.442-447), an aim "that every person is surveyed"
(L.952), a questionnaire after safeguarding enquiries (L.836); and its equity
evidence compares answers by group ("91% of White people are satisfied ...
compared to 87% of people from other ethnicities", L.466). Individual-level
co-production (Southwark Council, co-production report 2014, section 2.13;
Barnet Engagement and Co-production Strategy 2022, level 2A, L.100-106) is
recorded here as counts of answers, never as case records: a file holds no
person, only how many gave each answer, overall and, optionally, by group
(age band, ethnicity, disability, carer, ...).

``positive`` names the answers that count as agreeing (or satisfied) for a
question; a breakdown gives each group's responses and the share giving a
positive answer. Published forms suppress small numbers with
:func:`~coproduction.measures.suppression.suppress`, a question and all its
breakdowns together (:func:`published_question`), so no hidden count can be
worked out from a group's total, from the overall figures or from another field's
breakdown.

>>> results = SurveyResults(
...     id="closure", title="Feedback at case closure",
...     start=datetime.date(2023, 4, 1), end=datetime.date(2024, 3, 31),
...     questions=(SurveyQuestion(
...         id="respect", statement="The practitioner treated me with respect.",
...         positive=("agree",), counts={"agree": 98, "disagree": 2},
...         groups=(GroupCounts(by="carer", group="yes", counts={"agree": 30, "disagree": 0}),),
...     ),),
... )
>>> question = results.question("respect")
>>> question.responses, question.agreed, str(question.share)
(100, 98, '49/50')
>>> [g["group"] for g in breakdown(results, "respect", "carer").published()["groups"]]
['yes', 'not recorded']
"""

from __future__ import annotations

import datetime
import os
from collections.abc import Iterable, Mapping
from fractions import Fraction
from typing import Any

import attrs

from coproduction import _checks
from coproduction._convert import structure
from coproduction._records import ids_and_repeats, items, value_of
from coproduction.errors import Problem, ValidationError, raise_problems
from coproduction.evidence import answer_day
from coproduction.loading import read_data
from coproduction.measures.core import share_of
from coproduction.measures.population import Population
from coproduction.measures.suppression import DEFAULT_MIN_COUNT, Relation, suppress
from coproduction.periods import Period
from coproduction.project import Project

__all__ = [
    "Breakdown",
    "GroupCounts",
    "SurveyQuestion",
    "SurveyResults",
    "breakdown",
    "experience_results",
    "grouped_by_population",
    "load_survey_results",
    "published_breakdowns",
    "published_question",
]

NOT_RECORDED = "not recorded"
# Groups a participant gave that the reference population does not list (as in
# representativeness): counted together, so a value typed by hand is never published.
OTHER = "not in the reference population"
POSITIVE, OTHER_ANSWERS = "positive", "other"


def _share_of(agreed: int, responses: int) -> Fraction | None:
    return Fraction(agreed, responses) if responses else None


@attrs.frozen
class GroupCounts:
    """The answers one group gave: ``by`` names the field (``ethnicity``), ``group`` its value."""

    by: str
    group: str = attrs.field(repr=False)
    counts: dict[str, int] = attrs.field(factory=dict, repr=False)


@attrs.frozen
class SurveyQuestion:
    """One statement or question: how many gave each answer, overall and by group.

    ``counts`` maps each answer to how many gave it, in the order the survey
    lists them; ``positive`` names the answers that count as agreeing or
    satisfied. A group's counts cover those in it who answered: the people in
    no group of a field are reported as ``not recorded``.
    """

    id: str
    statement: str = attrs.field(repr=False)
    positive: tuple[str, ...]
    counts: dict[str, int] = attrs.field(repr=False)
    groups: tuple[GroupCounts, ...] = attrs.field(default=(), repr=False)

    @property
    def responses(self) -> int:
        """How many answered."""
        return sum(self.counts.values())

    @property
    def agreed(self) -> int:
        """How many gave a positive answer."""
        return sum(n for answer, n in self.counts.items() if answer in self.positive)

    @property
    def share(self) -> Fraction | None:
        """The share giving a positive answer (None when nobody answered)."""
        return _share_of(self.agreed, self.responses)

    @property
    def fields(self) -> tuple[str, ...]:
        """The fields the question is broken down by, in file order."""
        return tuple(dict.fromkeys(g.by for g in self.groups))

    def published(
        self, min_count: int = DEFAULT_MIN_COUNT, hidden: frozenset[str] | None = None
    ) -> dict[str, Any]:
        """Responses, positive answers and their share; small counts suppressed.

        ``hidden``: the overall figures to suppress (``positive``, ``other``,
        ``responses``), when they were worked out with the question's breakdowns
        (see :func:`published_question`).
        """
        if hidden is None:
            hidden = answers_hidden(self.agreed, self.responses - self.agreed, {}, min_count)[""][
                ""
            ]
        share_hidden = bool(hidden)
        return {
            "question": self.id,
            "statement": self.statement,
            "responses": None if RESPONSES in hidden else self.responses,
            "positive": None if POSITIVE in hidden else self.agreed,
            "share_positive": None if share_hidden else _float(self.share),
            "suppressed": share_hidden,
        }


Rows = tuple[tuple[str, int, int], ...]  # (group, positive answers, other answers)
RESPONSES = "responses"


def answers_hidden(
    positive: int, other: int, tables: Mapping[str, Rows], min_count: int = DEFAULT_MIN_COUNT
) -> dict[str, dict[str, frozenset[str]]]:
    """The suppressed figures of a question and of its breakdowns, solved as one set.

    Every breakdown's column totals are the question's positive and other answers,
    and its grand total the question's responses, so a figure hidden in one table
    could be worked out from another: all of them go to
    :func:`~coproduction.measures.suppression.suppress` together. The answer maps
    ``""`` (the question) to ``{"": hidden}`` and each field to ``{group: hidden}``,
    each ``hidden`` holding ``positive``, ``other`` and ``responses`` as suppressed.

    >>> found = answers_hidden(40, 3, {"carer": (("yes", 10, 0), ("no", 30, 3))})
    >>> sorted(found[""][""]), sorted(found["carer"]["no"])
    (['other', 'positive'], ['other', 'positive'])
    """
    figures = {"|p": positive, "|o": other, "|r": positive + other}
    relations = [Relation(("|p", "|o"), ("|r",))]
    names: dict[str, tuple[str, str, str]] = {"|p": ("", "", POSITIVE)}
    names |= {"|o": ("", "", OTHER_ANSWERS), "|r": ("", "", RESPONSES)}
    for f, (field, rows) in enumerate(tables.items()):
        column: dict[str, list[str]] = {"p": [], "o": [], "r": []}
        for g, (group, yes, no) in enumerate(rows):
            own = {k: f"{f}.{g}.{k}" for k in "por"}
            figures |= {own["p"]: yes, own["o"]: no, own["r"]: yes + no}
            names |= {
                own["p"]: (field, group, POSITIVE),
                own["o"]: (field, group, OTHER_ANSWERS),
                own["r"]: (field, group, RESPONSES),
            }
            relations.append(Relation((own["p"], own["o"]), (own["r"],)))
            for k in "por":
                column[k].append(own[k])
        relations += [Relation(tuple(column[k]), (f"|{k}",)) for k in "por"]
    hidden = suppress(figures, relations, min_count)
    found: dict[str, dict[str, set[str]]] = {"": {"": set()}}
    for field, rows in tables.items():
        found[field] = {group: set() for group, _, _ in rows}
    for name in hidden:
        field, group, key = names[name]
        found[field][group].add(key)
    return {f: {g: frozenset(keys) for g, keys in groups.items()} for f, groups in found.items()}


def published_question(
    results: SurveyResults, question: str, min_count: int = DEFAULT_MIN_COUNT
) -> dict[str, Any]:
    """A question as published, with a breakdown by each of its fields, suppressed together.

    >>> results = SurveyResults(id="s", title="S", start=datetime.date(2023, 4, 1),
    ...     end=datetime.date(2024, 3, 31), questions=(SurveyQuestion(id="q", statement="Q",
    ...     positive=("yes",), counts={"yes": 40, "no": 3}, groups=(
    ...         GroupCounts(by="carer", group="yes", counts={"yes": 10, "no": 0}),)),))
    >>> shown = published_question(results, "q")
    >>> shown["responses"], shown["positive"], shown["breakdowns"][0]["groups"][0]["positive"]
    (43, None, 10)
    """
    overall, breakdowns = published_breakdowns(results, question, min_count)
    shown = results.question(question).published(min_count, overall)
    shown["breakdowns"] = breakdowns
    return shown


def published_breakdowns(
    results: SurveyResults, question: str, min_count: int = DEFAULT_MIN_COUNT
) -> tuple[frozenset[str], list[dict[str, Any]]]:
    """The question's suppressed overall figures, and its breakdowns as published, as one."""
    found = results.question(question)
    tables = [breakdown(results, found.id, field) for field in found.fields]
    hidden = answers_hidden(
        found.agreed,
        found.responses - found.agreed,
        {table.by: table.rows for table in tables},
        min_count,
    )
    overall = hidden[""][""]
    return overall, [table.published(min_count, hidden[table.by], overall) for table in tables]


def _float(share: Fraction | None) -> float | None:
    return share_of(share)


def _negative(counts: Mapping[Any, Any]) -> bool:
    return any(isinstance(v, int) and not isinstance(v, bool) and v < 0 for v in counts.values())


def _question_problems(question: Any, where: str) -> list[Problem]:
    counts = value_of(question, "counts")
    if not isinstance(counts, Mapping):
        return []
    problems = [Problem(f"{where}.counts", "a count is below 0")] if _negative(counts) else []
    positive = value_of(question, "positive")
    if isinstance(positive, (list, tuple)) and not positive:
        problems.append(Problem(f"{where}.positive", "name at least one answer that agrees"))
    for index, answer in items(question, "positive"):
        if isinstance(answer, str) and answer not in counts:
            problems.append(
                Problem(f"{where}.positive[{index}]", "is not one of the answers in counts")
            )
    return problems + _group_problems(question, counts, where)


def _group_problems(question: Any, counts: Mapping[Any, Any], where: str) -> list[Problem]:
    """Groups listed twice, answers not asked, and groups adding up to more than answered."""
    problems = []
    answers = list(counts)
    added: dict[tuple[str, str], int] = {}
    seen: set[tuple[str, str]] = set()
    for index, group in items(question, "groups"):
        by, name, own = (value_of(group, k) for k in ("by", "group", "counts"))
        place = f"{where}.groups[{index}]"
        if isinstance(by, str) and isinstance(name, str):
            if (by, name) in seen:
                problems.append(Problem(place, f"the same {by} group is listed twice"))
            seen.add((by, name))
        if not isinstance(own, Mapping) or not isinstance(by, str):
            continue
        if _negative(own):
            problems.append(Problem(f"{place}.counts", "a count is below 0"))
        if any(answer not in counts for answer in own):
            problems.append(
                Problem(f"{place}.counts", "an answer that is not in the question's counts")
            )
        for answer, value in own.items():
            if answer in counts and isinstance(value, int) and not isinstance(value, bool):
                added[(by, answer)] = added.get((by, answer), 0) + value
    for (by, answer), total in added.items():
        overall = counts[answer]
        if isinstance(overall, int) and total > overall:
            problems.append(
                Problem(
                    f"{where}.groups",
                    f"the {by} groups add up to {total} for answer {answers.index(answer) + 1} "
                    f"of counts, more than the {overall} who gave it",
                )
            )
    return problems


def _survey_problems(record: Any) -> list[Problem]:
    _, problems = ids_and_repeats(record, "questions")
    start, end = value_of(record, "start"), value_of(record, "end")
    if isinstance(start, datetime.date) and isinstance(end, datetime.date) and end < start:
        problems.append(Problem("end", f"{end.isoformat()} is before start {start.isoformat()}"))
    for index, question in items(record, "questions"):
        problems += _question_problems(question, f"questions[{index}]")
    return problems


@attrs.frozen
class SurveyResults:
    """The results of one survey run: when, what it asked, and the answers' counts.

    ``series`` names the survey when it is run again (each year's case-closure
    feedback): the annual report compares a question with the same id in the
    same series the year before. ``source`` says where the results come from;
    ``project`` optionally names the project the survey belongs to.
    """

    id: str
    title: str = attrs.field(repr=False)
    start: datetime.date
    end: datetime.date
    questions: tuple[SurveyQuestion, ...] = attrs.field(default=(), repr=False)
    organisation: str = attrs.field(default="", repr=False)
    series: str = ""
    method: str = attrs.field(default="", repr=False)  # how it was run, in the council's words
    source: str = attrs.field(default="", repr=False)
    project: str | None = None
    # "Key findings from annual surveys" (Barnet strategy 2022, section 6, L.291): the
    # council's own summary sentences, published as written.
    findings: tuple[str, ...] = attrs.field(default=(), repr=False)

    def __attrs_post_init__(self) -> None:
        raise_problems(_survey_problems(self))

    @property
    def period(self) -> Period:
        """The days the survey ran."""
        return Period(self.start, self.end, self.title)

    @property
    def series_name(self) -> str:
        """``series``, or the survey's id when none is given."""
        return self.series or self.id

    def question(self, question_id: str) -> SurveyQuestion:
        """The question with this id; ValidationError naming the ids there are."""
        for question in self.questions:
            if question.id == question_id:
                return question
        known = ", ".join(q.id for q in self.questions) or "none"
        raise ValidationError(
            [Problem("question", f"the survey has no question {question_id!r} (it has: {known})")]
        )

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form, the same as ``coproduction.to_dict(self)``."""
        from coproduction._convert import to_dict  # noqa: PLC0415 - the converter imports this

        return to_dict(self)


@attrs.frozen
class Breakdown:
    """One question's answers by the groups of one field. Raw counts: not for publication.

    ``rows`` holds, for each group, (group, positive answers, other answers);
    the last row is the people in no group of the field (``not recorded``).
    """

    question: str
    statement: str = attrs.field(repr=False)
    by: str
    rows: tuple[tuple[str, int, int], ...] = attrs.field(repr=False)

    def published(
        self,
        min_count: int = DEFAULT_MIN_COUNT,
        hidden: Mapping[str, frozenset[str]] | None = None,
        overall: frozenset[str] | None = None,
    ) -> dict[str, Any]:
        """Each group's responses and share positive, suppressed across the whole table.

        A share is shown only when both its positive and its other answers are:
        a share and the group's total give away both counts. ``hidden`` (each
        group's suppressed figures) and ``overall`` (the question's) are given when
        the table was suppressed with the question's other breakdowns.
        """
        if hidden is None or overall is None:
            yes = sum(row[1] for row in self.rows)
            no = sum(row[2] for row in self.rows)
            found = answers_hidden(yes, no, {self.by: self.rows}, min_count)
            hidden, overall = found[self.by], found[""][""]
        groups = []
        for group, yes, no in self.rows:
            own = hidden[group]
            suppressed = bool(own)
            groups.append(
                {
                    "group": group,
                    "responses": None if RESPONSES in own else yes + no,
                    "positive": None if POSITIVE in own else yes,
                    "share_positive": None if suppressed else _float(_share_of(yes, yes + no)),
                    "suppressed": suppressed,
                }
            )
        every = sum(row[1] + row[2] for row in self.rows)
        return {
            "question": self.question,
            "by": self.by,
            "responses": None if RESPONSES in overall else every,
            "positive": None if POSITIVE in overall else sum(row[1] for row in self.rows),
            "groups": groups,
            "suppressed": [g["group"] for g in groups if g["suppressed"]],
        }


def breakdown(results: SurveyResults, question: str, by: str) -> Breakdown:
    """``question``'s answers broken down by the groups of field ``by``.

    Everyone who answered and is in no group of ``by`` is counted as ``not
    recorded``, never dropped (a survey without that breakdown has everyone
    there).
    """
    found = results.question(question)
    rows = []
    left = dict(found.counts)
    for group in found.groups:
        if group.by != by:
            continue
        yes = sum(n for a, n in group.counts.items() if a in found.positive)
        rows.append((group.group, yes, sum(group.counts.values()) - yes))
        for answer, n in group.counts.items():
            left[answer] -= n
    unknown_yes = sum(n for a, n in left.items() if a in found.positive)
    rows.append((NOT_RECORDED, unknown_yes, sum(left.values()) - unknown_yes))
    return Breakdown(found.id, found.statement, by, tuple(rows))


def experience_results(
    projects: Iterable[Project], period: Period, population: Population | None = None
) -> SurveyResults:
    """The experience scores recorded in ``period`` as survey results, by participants' groups.

    Each experience question becomes a question with answers "1" to "5", of
    which 4 and 5 are positive (as :func:`~coproduction.measures.experience`
    counts them). An answer linked to a listed participant counts in that
    person's groups; for a field the ``population`` lists, a group it does not
    list is counted as "not in the reference population", so a value typed in
    by hand is never published. Without a population, answers are not broken
    down (participants' own values are not published as group names).
    """
    scores: dict[str, dict[str, int]] = {}
    grouped: dict[tuple[str, str, str], dict[str, int]] = {}
    fields = population.fields if population else ()
    for project in projects:
        activities = {a.id: a for a in project.activities}
        people = {p.id: p for p in project.participants}
        for answer in project.experience:
            day = answer_day(answer, activities)
            if day is None or day not in period:
                continue
            score = str(answer.score)
            counts = scores.setdefault(answer.question, dict.fromkeys("12345", 0))
            counts[score] += 1
            person = people.get(answer.participant or "")
            for field in fields:
                value = person.groups.get(field) if person else None
                if value is None:
                    continue
                listed = value if population and value in population.shares(field) else OTHER
                tally = grouped.setdefault((answer.question, field, listed), {})
                tally[score] = tally.get(score, 0) + 1
    questions = tuple(
        SurveyQuestion(
            id=question,
            statement=question,
            positive=("4", "5"),
            counts=counts,
            groups=tuple(
                GroupCounts(by=field, group=group, counts=tally)
                for (asked, field, group), tally in sorted(grouped.items())
                if asked == question
            ),
        )
        for question, counts in sorted(scores.items())
    )
    return SurveyResults(
        id="experience",
        title="Experience of being involved",
        start=period.start,
        end=period.end,
        questions=questions,
        source="the experience answers in the project records",
    )


def grouped_by_population(results: SurveyResults, population: Population | None) -> SurveyResults:
    r"""``results`` with every group the population does not list counted as one.

    For a field the reference population covers, a group it does not list is
    counted as "not in the reference population" (as representativeness and
    compositions count them) before anything is suppressed, so a value typed into a
    survey file by hand is never published. Fields the population does not cover
    keep the survey's own groups.

    >>> import coproduction as cp
    >>> population = cp.measures.parse_population_csv(
    ...     "field,group,share,source\ncarer,yes,0.1,x\ncarer,no,0.9,x\n")
    >>> results = SurveyResults(id="s", title="S", start=datetime.date(2023, 4, 1),
    ...     end=datetime.date(2024, 3, 31), questions=(SurveyQuestion(id="q", statement="Q",
    ...     positive=("yes",), counts={"yes": 40, "no": 3}, groups=(
    ...         GroupCounts(by="carer", group="sometimes", counts={"yes": 10}),)),))
    >>> [g.group for g in grouped_by_population(results, population).questions[0].groups]
    ['not in the reference population']
    """
    if population is None:
        return results
    fields = set(population.fields)
    questions = []
    for question in results.questions:
        merged: dict[tuple[str, str], dict[str, int]] = {}
        for group in question.groups:
            name = group.group
            if group.by in fields and name not in population.shares(group.by):
                name = OTHER
            tally = merged.setdefault((group.by, name), {})
            for answer, count in group.counts.items():
                tally[answer] = tally.get(answer, 0) + count
        groups = tuple(GroupCounts(by=b, group=g, counts=c) for (b, g), c in merged.items())
        questions.append(attrs.evolve(question, groups=groups))
    return attrs.evolve(results, questions=tuple(questions))


def load_survey_results(source: str | os.PathLike[str] | Mapping[str, Any]) -> SurveyResults:
    """Survey results from a ``.toml`` or ``.json`` file, or a dict; every problem at once.

    >>> load_survey_results("examples/measures/case-closure-survey-2022.toml").questions[0].id
    'respect'
    """
    if not isinstance(source, (str, os.PathLike)):
        return structure(source, SurveyResults, _survey_problems)
    return structure(read_data(source), SurveyResults, _survey_problems, source=str(source))


# Records built in Python check their dates (see _checks).
_checks.install(GroupCounts, SurveyQuestion, SurveyResults)
