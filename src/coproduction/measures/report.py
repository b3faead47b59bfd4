"""The annual report on engagement and co-production.

Barnet's strategy (section 6, "How do we know it's working?") commits to a
co-produced annual report with at least: how many people got involved, how
diverse and representative they were, their feedback on being involved, and
how much impact their input had. Councils report April to March.

The report holds raw figures; ``to_dict`` and ``to_markdown`` give the
published form, with small numbers suppressed and listed.

>>> import coproduction as cp
>>> report = cp.measures.annual_report(cp.load_projects("examples/measures/projects"),
...                                    cp.Period.financial_year(2022))
>>> report.reach.projects
3
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping
from decimal import Decimal
from typing import Any

import attrs
from dateutil.relativedelta import relativedelta

from coproduction._convert import document
from coproduction._shown import Shown
from coproduction.errors import Problem, ValidationError
from coproduction.measures.composition import (
    COUNTED,
    LIVED,
    MEMBERS,
    Composition,
    composition,
)
from coproduction.measures.core import (
    DEFAULT_THRESHOLD,
    NOT_RECORDED,
    Experience,
    FeedbackLoop,
    Reach,
    Representativeness,
    experience,
    feedback_loop,
    reach,
    representativeness,
)
from coproduction.measures.figures import (
    AnnualFigures,
    Tally,
    published_platform,
    published_tally,
    recorded_tally,
)
from coproduction.measures.impact import ImpactItem, impact, published_impact
from coproduction.measures.population import Population
from coproduction.measures.register import Register
from coproduction.measures.suppression import DEFAULT_MIN_COUNT, Relation, suppress
from coproduction.measures.survey import (
    SurveyResults,
    experience_results,
    grouped_by_population,
    published_breakdowns,
    published_question,
)
from coproduction.periods import Period
from coproduction.project import Channel, Project

__all__ = ["AnnualReport", "annual_report"]


def _previous(period: Period) -> Period:
    """The year before ``period`` (last year's report; a financial year's is named as such)."""
    if period == Period.financial_year(period.start.year):
        return Period.financial_year(period.start.year - 1)
    start = period.start - relativedelta(years=1)
    return Period(start, period.start - datetime.timedelta(days=1))


def _register_figures(register: Register, period: Period) -> dict[str, int]:
    figures = {
        "members_at_end": register.size_on(period.end),
        "joined": len(register.joiners(period)),
        "left": len(register.leavers(period)),
        "start": register.size_on(period.start - datetime.timedelta(days=1)),
    }
    if register.seats is not None:
        figures |= {"vacancies_at_end": register.vacancies_on(period.end) or 0}
        figures |= {"seats": register.seats}
    return figures


def _register_hidden(register: Register, period: Period, min_count: int) -> frozenset[str]:
    """A register's suppressed figures for ``period``, as each year's report published them.

    The members at the start of the year are last year's members at its end, as
    last year's report published them: the year's members at the end plus those
    who left equal those at the start plus those who joined, so the year's
    figures are suppressed so that last year's cannot be undone (and last year's
    published ones do not undo this year's). Assumes last year's report was made
    the same way, with the same ``min_count``.
    """
    first = min((m.joined for m in register.members), default=period.start)
    years = [period]
    while years[-1].start > first:
        years.append(_previous(years[-1]))
    hidden: frozenset[str] = frozenset()
    start_hidden = False
    for year in reversed(years):
        figures = _register_figures(register, year)
        relations = [Relation(("start", "joined"), ("members_at_end", "left"))]
        if register.seats is not None and figures["members_at_end"] <= register.seats:
            relations.append(Relation(("members_at_end", "vacancies_at_end"), ("seats",)))
        hidden = suppress(
            figures,
            relations,
            min_count,
            known={"start": start_hidden},
            not_people=("vacancies_at_end", "seats"),
        )
        start_hidden = "members_at_end" in hidden
    return hidden


@attrs.frozen
class AnnualReport(Shown):
    """Every measure for one period. Raw figures: publish ``to_dict`` or ``to_markdown``."""

    period: Period
    reach: Reach
    representativeness: tuple[Representativeness, ...]
    feedback_loop: FeedbackLoop
    experience: Experience
    registers: tuple[Register, ...] = ()
    surveys: tuple[SurveyResults, ...] = ()
    compositions: tuple[Composition, ...] = ()
    experience_groups: SurveyResults | None = None  # experience answers by population groups
    figures: AnnualFigures | None = None  # complaints, compliments, platform use, other counts
    recorded: tuple[Tally, Tally] = (Tally(0), Tally(0))  # complaints, compliments in projects
    impact: tuple[ImpactItem, ...] = ()
    previous: AnnualReport | None = None  # the year before, for the comparison

    def headlines(self, min_count: int = DEFAULT_MIN_COUNT) -> tuple[str, ...]:
        """Plain-English headline sentences, from the published (suppressed) figures."""
        from coproduction.display.text import headlines  # noqa: PLC0415 - edge, on use

        return headlines(self, min_count)

    def _people_hidden(
        self, min_count: int, members_hidden: Mapping[str, bool]
    ) -> tuple[frozenset[str], list[frozenset[str]], list[frozenset[str]]]:
        """The suppressed figures of reach, representativeness and the compositions, together.

        Each table of groups adds up to the people known by id, the same figure as
        reach's: they are suppressed as one set of relations. A group's meetings are
        part of the year: the rest of the year's people are figures too (see
        :meth:`_the_rest`). ``members_hidden``: whether each register's members at the
        end of the period are suppressed.
        """
        figures, relations = self.reach.figures()
        names = {k: f"reach.{k}" for k in figures}
        every = {names[k]: v for k, v in figures.items()}
        joined = [Relation(_all(names, r.parts), _all(names, r.equals)) for r in relations]
        rep_names = []
        for rep in self.representativeness:
            rep_figures, rep_relations = rep.figures()
            prefix = f"representativeness.{rep.field}."
            own = {k: prefix + k for k in rep_figures}
            if rep.people == self.reach.listed:
                own["people"] = "reach.listed"
            every |= {own[k]: v for k, v in rep_figures.items()}
            joined += [Relation(_all(own, r.parts), _all(own, r.equals)) for r in rep_relations]
            rep_names.append(own)
        known: dict[str, bool] = {}
        composition_names = []
        for index, found in enumerate(self.compositions):
            own_figures, own_relations = found.figures()
            own = {k: f"composition.{index}.{k}" for k in own_figures}
            if MEMBERS in own:
                known[own[MEMBERS]] = members_hidden.get(found.register or "", False)
            every |= {own[k]: v for k, v in own_figures.items()}
            joined += [Relation(_all(own, r.parts), _all(own, r.equals)) for r in own_relations]
            self._the_rest(index, own, every, joined, rep_names)
            composition_names.append(own)
        hidden = suppress(every, joined, min_count, known=known)
        reach_hidden = frozenset(k for k, name in names.items() if name in hidden)
        return (
            reach_hidden,
            [frozenset(k for k, name in own.items() if name in hidden) for own in rep_names],
            [
                frozenset(k for k, name in own.items() if name in hidden)
                for own in composition_names
            ],
        )

    def _the_rest(
        self,
        index: int,
        own: dict[str, str],
        every: dict[str, int],
        joined: list[Relation],
        rep_names: list[dict[str, str]],
    ) -> None:
        """The people of the year who were not at a group's meetings, as figures of their own.

        They are not published, but they are the year's figures less the meetings':
        each is one more relation (meetings' + the rest = the year's), so neither a
        small difference (one person missed the meetings) nor the bounds the
        meetings put on the year's hidden groups give anything away. By each field,
        the rest of every group of the year's table add up to the rest of the people
        known by id: a group nobody from took part in at the meetings (not in the
        meetings' table) is all rest, and a group only the register's members are
        in (none of the year's people) adds nothing.
        """
        rest = f"rest.{index}."
        wholes = {LIVED: "reach.listed", COUNTED: "reach.counted_without_ids"}
        sums = []
        for rep, names in zip(self.representativeness, rep_names, strict=True):
            groups = {
                "unknown" if g.group == NOT_RECORDED else f"group.{g.group}": g
                for g in dict(self.compositions[index].fields).get(rep.field, ())
            }
            if not groups:
                continue
            parts = []
            for key, name in names.items():
                if key == "people":
                    continue
                if key in groups:
                    took = f"{rep.field}.took_part.{groups[key].group}"
                    wholes[took] = name
                    parts.append(rest + took)
                else:  # nobody of this group was at the meetings: all of it is the rest
                    parts.append(name)
            if names["people"] == "reach.listed" and all(
                key in names for key, g in groups.items() if g.took_part
            ):
                sums.append(Relation(tuple(parts), (rest + LIVED,)))
        for key, whole in wholes.items():
            if every[whole] >= every[own[key]]:  # always, for the meetings are in the year
                every[rest + key] = every[whole] - every[own[key]]
                joined.append(Relation((own[key], rest + key), (whole,)))
        joined += [r for r in sums if all(m in every for m in r.members)]

    @document
    def to_dict(self, min_count: int = DEFAULT_MIN_COUNT) -> dict[str, Any]:
        """The published report as JSON-ready data: every figure suppressed as one set."""
        registers = [self._register(r, min_count) for r in self.registers]
        # A composition's members by group add up to its register's members at the end.
        members_hidden = {r["register"]: r["members_at_end"] is None for r in registers}
        reach_hidden, rep_hidden, composition_hidden = self._people_hidden(
            min_count, members_hidden
        )
        representativeness = [
            r.published(min_count, hidden)
            for r, hidden in zip(self.representativeness, rep_hidden, strict=True)
        ]
        reach = self.reach.published(min_count, reach_hidden)
        loop = self.feedback_loop.published(min_count)
        experience, by_group = _experience(self.experience, self.experience_groups, min_count)
        surveys = [_survey(s, min_count) for s in self.surveys]
        compositions = [
            c.published(min_count, hidden=hidden)
            for c, hidden in zip(self.compositions, composition_hidden, strict=True)
        ]
        # Every suppressed figure in one list, by its path in this document.
        suppressed = [f"reach.{path}" for path in reach["suppressed"]]
        suppressed += [
            f"representativeness.{r['field']}.{g}"
            for r in representativeness
            for g in r["suppressed"]
        ]
        suppressed += [f"feedback_loop.{path}" for path in loop["suppressed"]]
        suppressed += [f"experience.{q['question']}" for q in experience if q["suppressed"]]
        suppressed += [
            f"registers.{r['register']}.{key}"
            for r in registers
            for key in ("members_at_end", "joined", "left", "seats", "vacancies_at_end")
            if r[key] is None and (key not in ("seats", "vacancies_at_end") or r["seats_known"])
        ]
        for register in registers:
            del register["seats_known"]
        suppressed += [
            f"surveys.{s['survey']}.{q['question']}"
            for s in surveys
            for q in s["questions"]
            if q["suppressed"]
        ]
        suppressed += [
            f"surveys.{s['survey']}.{b['question']}.{b['by']}.{group}"
            for s in surveys
            for q in s["questions"]
            for b in q["breakdowns"]
            for group in b["suppressed"]
        ]
        suppressed += [
            f"experience_by_group.{b['question']}.{b['by']}.{group}"
            for b in by_group
            for group in b["suppressed"]
        ]
        suppressed += [
            f"compositions.{c['register']}.{path}" for c in compositions for path in c["suppressed"]
        ]
        year = self._year_figures(min_count, loop["suppressed"])
        suppressed += [
            f"{key}.{path}" for key, section in year.items() for path in section["suppressed"]
        ]
        data = {
            "period": {
                "start": self.period.start.isoformat(),
                "end": self.period.end.isoformat(),
                "name": self.period.name,
            },
            "min_count": min_count,
            "headlines": [],
            "reach": reach,
            "representativeness": representativeness,
            "feedback_loop": loop,
            "experience": experience,
            "registers": registers,
            "surveys": surveys,
            "experience_by_group": by_group,
            "compositions": compositions,
            **year,
            "suppressed": suppressed,
        }
        from coproduction.display.text import published_headlines  # noqa: PLC0415 - edge

        data["headlines"] = published_headlines(self, data)
        previous = self.previous.to_dict(min_count) if self.previous else None
        data["previous_year"] = compare(data, previous)
        return data

    def _year_figures(self, min_count: int, loop_hidden: list[str]) -> dict[str, dict[str, Any]]:
        """Complaints, compliments, platform use, other counts and impact, published."""
        figures = self.figures
        tallies = {}
        for key, recorded in zip(("complaints", "compliments"), self.recorded, strict=True):
            given = getattr(figures, key) if figures else None
            tallies[key] = (
                published_tally(given, "annual figures", min_count)
                if given is not None
                else published_tally(recorded, "project records", min_count)
            )
        counts = [
            {
                "id": c.id,
                "label": c.label,
                "people": None if 0 < c.people < min_count else c.people,
                "source": c.source,
            }
            for c in (figures.counts if figures else ())
        ]
        return {
            **tallies,
            "platform": published_platform(figures, min_count),
            "counts": {
                "items": counts,
                "suppressed": [c["id"] for c in counts if c["people"] is None],
            },
            "impact": published_impact(self.impact, min_count, loop_hidden=loop_hidden),
        }

    def _register(self, register: Register, min_count: int) -> dict[str, Any]:
        following = register.next_election(after=self.period.end)
        figures = _register_figures(register, self.period)
        hidden = _register_hidden(register, self.period, min_count)

        def published(key: str) -> int | None:
            return None if key in hidden or key not in figures else figures[key]

        return {
            "register": register.id,
            "name": register.name,
            "members_at_end": published("members_at_end"),
            "joined": published("joined"),
            "left": published("left"),
            "next_election": following.isoformat() if following else None,
            "seats": published("seats"),
            "vacancies_at_end": published("vacancies_at_end"),
            "seats_known": register.seats is not None,
        }

    def to_markdown(self, min_count: int = DEFAULT_MIN_COUNT) -> str:
        """The published report as Markdown (drawn by :mod:`coproduction.display`)."""
        from coproduction.display.markdown import annual_report_markdown  # noqa: PLC0415

        return annual_report_markdown(self, min_count)


def _all(names: dict[str, str], keys: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(names[k] for k in keys)


def _survey(results: SurveyResults, min_count: int) -> dict[str, Any]:
    questions = [published_question(results, q.id, min_count) for q in results.questions]
    return {
        "survey": results.id,
        "findings": list(results.findings),
        "title": results.title,
        "series": results.series_name,
        "start": results.start.isoformat(),
        "end": results.end.isoformat(),
        "source": results.source,
        "questions": questions,
    }


def _experience(
    experience: Experience, results: SurveyResults | None, min_count: int
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """The experience summaries and their breakdowns by group, suppressed together.

    A breakdown's totals are its question's answers scoring 4 or 5 and the others,
    so each question is suppressed with its breakdowns as one set (see
    :func:`~coproduction.measures.survey.answers_hidden`).
    """
    if results is None:
        return experience.published(min_count), []
    hidden: dict[str, frozenset[str]] = {}
    breakdowns: list[dict[str, Any]] = []
    for question in results.questions:
        hidden[question.id], tables = published_breakdowns(results, question.id, min_count)
        breakdowns += tables
    return experience.published(min_count, hidden), breakdowns


def _figure(data: Mapping[str, Any] | None, path: str) -> Any:
    """The value at a dotted path of a published report (None when absent or suppressed)."""
    value: Any = data
    for key in path.split("."):
        if not isinstance(value, Mapping):
            return None
        value = value.get(key)
    return value


def _compared_paths(data: Mapping[str, Any]) -> list[tuple[str, str]]:
    """(label, path) of every count the report compares with the year before."""
    paths = [
        ("people who took part", "reach.people"),
        ("people known by id", "reach.listed"),
        ("people counted without ids", "reach.counted_without_ids"),
        ("people taking part for the first time", "reach.new_and_returning.new"),
        ("projects", "reach.projects"),
        ("activities", "reach.activities"),
        ('"you said" items raised', "feedback_loop.items"),
        ("items that changed something", "feedback_loop.changed"),
        ("complaints", "complaints.count"),
        ("compliments", "compliments.count"),
        ("platform visits", "platform.total.visits"),
        ("platform contributions", "platform.total.contributions"),
        ("platform opportunities", "platform.total.opportunities"),
    ]
    paths += [(c["label"], f"counts.{c['id']}") for c in data["counts"]["items"]]
    paths += [
        (f"{r['name']}: members at the end", f"registers.{r['register']}.members_at_end")
        for r in data["registers"]
    ]
    for survey in data["surveys"]:
        for q in survey["questions"]:
            where = f"surveys.{survey['series']}.{q['question']}"
            paths += [
                (f"{survey['title']}: {q['question']}: answers", f"{where}.responses"),
                (f"{survey['title']}: {q['question']}: share positive", f"{where}.share_positive"),
            ]
    return paths


def _lookup(data: Mapping[str, Any], path: str) -> Any:
    """A figure by its comparison path: registers and surveys by their id or series."""
    head, _, rest = path.partition(".")
    if head == "counts":
        found = {c["id"]: c["people"] for c in data["counts"]["items"]}
        return found.get(rest)
    if head == "registers":
        register, _, key = rest.partition(".")
        row = next((r for r in data["registers"] if r["register"] == register), None)
        if row is None or key != "members_at_end":
            return None
        return row[key]
    if head == "surveys":
        series, question, key = rest.split(".", 2)
        for survey in data["surveys"]:
            for q in survey["questions"]:
                if survey["series"] == series and q["question"] == question:
                    return q[key]
        return None
    return _figure(data, path)


def compare(data: Mapping[str, Any], previous: Mapping[str, Any] | None) -> dict[str, Any] | None:
    """Each count of a published report beside the same count the year before (None: no year).

    Both sides come from published reports, so a figure suppressed in either year
    is None there, and so is its change. A register's size last year is not shown
    when this year's joiners or leavers are hidden: with this year's size, it would
    give the hidden figure away.
    """
    if previous is None:
        return None
    hide_last_size = {
        r["register"] for r in data["registers"] if r["joined"] is None or r["left"] is None
    }
    rows = []
    for label, path in _compared_paths(data):
        now, before = _lookup(data, path), _lookup(previous, path)
        if path.startswith("registers.") and path.split(".")[1] in hide_last_size:
            before = None
        change = None
        if isinstance(now, (int, float)) and isinstance(before, (int, float)):
            change = round(now - before, 4) if isinstance(now, float) else now - before
        rows.append(
            {
                "measure": label,
                "path": path,
                "this_year": now,
                "previous_year": before,
                "change": change,
            }
        )
    return {"period": previous["period"], "comparisons": rows}


def annual_report(
    projects: Iterable[Project],
    period: Period,
    *,
    population: Population | None = None,
    registers: Iterable[Register] = (),
    surveys: Iterable[SurveyResults] = (),
    figures: Iterable[AnnualFigures] = (),
    threshold: Decimal = DEFAULT_THRESHOLD,
    as_of: datetime.date | None = None,
    previous_year: bool = True,
) -> AnnualReport:
    """Every measure for ``period`` in one record (representativeness needs ``population``).

    The feedback loop is taken as of the period's end unless ``as_of`` is given. A
    survey counts in the period its last day falls in. Each register gets the
    composition of its meetings (see :func:`~coproduction.measures.composition`);
    with a population, experience answers are broken down by its fields too.
    Complaints and compliments come from the annual figures when they give them,
    else from the project items that came in through those channels. The report
    holds the year before too (``previous_year``), from the same inputs, so each
    count can be compared.
    """
    projects = list(projects)
    registers = tuple(registers)
    surveys = tuple(surveys)
    figures = tuple(figures)
    this_year = [f for f in figures if f.end in period]
    if len(this_year) > 1:
        raise ValidationError(
            [Problem("figures", f"{len(this_year)} annual-figures files end in {period.label}")]
        )
    previous = None
    if previous_year:
        previous = annual_report(
            projects,
            _previous(period),
            population=population,
            registers=registers,
            surveys=surveys,
            figures=figures,
            threshold=threshold,
            previous_year=False,
        )
    fields = population.fields if population else ()
    return AnnualReport(
        period=period,
        reach=reach(projects, period),
        representativeness=tuple(
            representativeness(projects, population, period, field, threshold) for field in fields
        )
        if population
        else (),
        feedback_loop=feedback_loop(projects, as_of or period.end),
        experience=experience(projects, period),
        registers=registers,
        surveys=tuple(
            sorted(
                (grouped_by_population(s, population) for s in surveys if s.end in period),
                key=lambda s: s.id,
            )
        ),
        compositions=tuple(
            composition(projects, period, register=r, population=population) for r in registers
        ),
        experience_groups=experience_results(projects, period, population) if population else None,
        figures=this_year[0] if this_year else None,
        recorded=(
            recorded_tally(projects, period, Channel.COMPLAINT),
            recorded_tally(projects, period, Channel.COMPLIMENT),
        ),
        impact=impact(projects, period),
        previous=previous,
    )
