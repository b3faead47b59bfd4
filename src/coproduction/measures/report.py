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
from collections.abc import Iterable
from decimal import Decimal
from typing import Any

import attrs

from coproduction._convert import document
from coproduction._shown import Shown
from coproduction.measures.composition import Composition, composition
from coproduction.measures.core import (
    DEFAULT_THRESHOLD,
    Experience,
    FeedbackLoop,
    Reach,
    Representativeness,
    experience,
    feedback_loop,
    reach,
    representativeness,
)
from coproduction.measures.population import Population
from coproduction.measures.register import Register
from coproduction.measures.suppression import DEFAULT_MIN_COUNT
from coproduction.measures.survey import SurveyResults, breakdown, experience_results
from coproduction.periods import Period
from coproduction.project import Project

__all__ = ["AnnualReport", "annual_report"]


def _count(value: int, min_count: int) -> int | None:
    return None if 0 < value < min_count else value


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

    def headlines(self, min_count: int = DEFAULT_MIN_COUNT) -> tuple[str, ...]:
        """Plain-English headline sentences, small numbers suppressed."""
        from coproduction.display.text import headlines  # noqa: PLC0415 - edge, on use

        return headlines(self, min_count)

    @document
    def to_dict(self, min_count: int = DEFAULT_MIN_COUNT) -> dict[str, Any]:
        """The published report as JSON-ready data."""
        representativeness = [r.published(min_count) for r in self.representativeness]
        reach = self.reach.published(min_count)
        loop = self.feedback_loop.published(min_count)
        experience = self.experience.published(min_count)
        registers = [self._register(r, min_count) for r in self.registers]
        surveys = [_survey(s, min_count) for s in self.surveys]
        compositions = [c.published(min_count) for c in self.compositions]
        by_group = _breakdowns(self.experience_groups, min_count)
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
            for key in ("members_at_end", "joined", "left", "vacancies_at_end")
            if r[key] is None and (key != "vacancies_at_end" or r["seats"] is not None)
        ]
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
        return {
            "period": {
                "start": self.period.start.isoformat(),
                "end": self.period.end.isoformat(),
                "name": self.period.name,
            },
            "min_count": min_count,
            "headlines": list(self.headlines(min_count)),
            "reach": reach,
            "representativeness": representativeness,
            "feedback_loop": loop,
            "experience": experience,
            "registers": registers,
            "surveys": surveys,
            "experience_by_group": by_group,
            "compositions": compositions,
            "suppressed": suppressed,
        }

    def _register(self, register: Register, min_count: int) -> dict[str, Any]:
        following = register.next_election(after=self.period.end)
        return {
            "register": register.id,
            "name": register.name,
            "members_at_end": _count(register.size_on(self.period.end), min_count),
            "joined": _count(len(register.joiners(self.period)), min_count),
            "left": _count(len(register.leavers(self.period)), min_count),
            "next_election": following.isoformat() if following else None,
            "seats": register.seats,
            "vacancies_at_end": None
            if register.seats is None
            else _count(register.vacancies_on(self.period.end) or 0, min_count),
        }

    def to_markdown(self, min_count: int = DEFAULT_MIN_COUNT) -> str:
        """The published report as Markdown (drawn by :mod:`coproduction.display`)."""
        from coproduction.display.markdown import annual_report_markdown  # noqa: PLC0415

        return annual_report_markdown(self, min_count)


def _survey(results: SurveyResults, min_count: int) -> dict[str, Any]:
    questions = []
    for question in results.questions:
        shown = question.published(min_count)
        shown["breakdowns"] = [
            breakdown(results, question.id, field).published(min_count) for field in question.fields
        ]
        questions.append(shown)
    return {
        "survey": results.id,
        "title": results.title,
        "series": results.series_name,
        "start": results.start.isoformat(),
        "end": results.end.isoformat(),
        "source": results.source,
        "questions": questions,
    }


def _breakdowns(results: SurveyResults | None, min_count: int) -> list[dict[str, Any]]:
    if results is None:
        return []
    return [
        breakdown(results, question.id, field).published(min_count)
        for question in results.questions
        for field in question.fields
    ]


def annual_report(
    projects: Iterable[Project],
    period: Period,
    *,
    population: Population | None = None,
    registers: Iterable[Register] = (),
    surveys: Iterable[SurveyResults] = (),
    threshold: Decimal = DEFAULT_THRESHOLD,
    as_of: datetime.date | None = None,
) -> AnnualReport:
    """Every measure for ``period`` in one record (representativeness needs ``population``).

    The feedback loop is taken as of the period's end unless ``as_of`` is given. A
    survey counts in the period its last day falls in. Each register gets the
    composition of its meetings (see :func:`~coproduction.measures.composition`);
    with a population, experience answers are broken down by its fields too.
    """
    projects = list(projects)
    registers = tuple(registers)
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
        surveys=tuple(sorted((s for s in surveys if s.end in period), key=lambda s: s.id)),
        compositions=tuple(
            composition(projects, period, register=r, population=population) for r in registers
        ),
        experience_groups=experience_results(projects, period, population) if population else None,
    )
