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

from coproduction.measures.core import (
    DEFAULT_THRESHOLD,
    Experience,
    FeedbackLoop,
    Reach,
    Representativeness,
    experience,
    feedback_loop,
    percent,
    reach,
    representativeness,
)
from coproduction.measures.population import Population
from coproduction.measures.register import Register
from coproduction.measures.suppression import DEFAULT_MIN_COUNT, SUPPRESSED
from coproduction.periods import Period
from coproduction.project import Project

__all__ = ["AnnualReport", "annual_report"]


def _count(value: int, min_count: int) -> str:
    return SUPPRESSED if 0 < value < min_count else f"{value:,}"


def _phrase(value: int, min_count: int) -> str:
    """A count in a sentence: small numbers say only that they are small."""
    return f"fewer than {min_count}" if 0 < value < min_count else f"{value:,}"


@attrs.frozen
class AnnualReport:
    """Every measure for one period. Raw figures: publish ``to_dict`` or ``to_markdown``."""

    period: Period
    reach: Reach
    representativeness: tuple[Representativeness, ...]
    feedback_loop: FeedbackLoop
    experience: Experience
    registers: tuple[Register, ...] = ()

    def headlines(self, min_count: int = DEFAULT_MIN_COUNT) -> tuple[str, ...]:
        """Plain-English headline sentences, small numbers suppressed."""
        people = _phrase(self.reach.people, min_count)
        lines = [
            f"{people} people took part in {self.reach.projects} projects; "
            f"{_phrase(self.reach.new, min_count)} joined for the first time."
        ]
        if self.reach.counted:
            lines.append(
                f"{_phrase(self.reach.counted, min_count)} of them were counted "
                "without names or ids, so may include people counted twice."
            )
        loop = self.feedback_loop
        if loop.items:
            changed = percent(loop.changed_share) if loop.with_status >= min_count else SUPPRESSED
            lines.append(
                f"Of {_phrase(loop.items, min_count)} things people told us, {changed} changed "
                f"something; {_phrase(len(loop.waiting), min_count)} were still waiting for an "
                f"answer on {loop.as_of:%-d %B %Y}."
            )
        for rep in self.representativeness:
            published = rep.published(min_count)
            under = [g["group"] for g in published["groups"] if g["under_represented"] is True]
            if under:
                lines.append(
                    f"By {rep.field}, these groups took part less than their share of "
                    f"the population: {', '.join(under)}."
                )
        for register in self.registers:
            size = register.size_on(self.period.end)
            joined = len(register.joiners(self.period))
            lines.append(
                f"{register.name} had {_phrase(size, min_count)} members on "
                f"{self.period.end:%-d %B %Y}; {_phrase(joined, min_count)} joined "
                "during the year."
            )
        return tuple(lines)

    def to_dict(self, min_count: int = DEFAULT_MIN_COUNT) -> dict[str, Any]:
        """The published report as JSON-ready data."""
        representativeness = [r.published(min_count) for r in self.representativeness]
        reach = self.reach.published(min_count)
        suppressed = [
            f"reach.{section}.{key}"
            for section in ("by_stage", "by_kind", "by_format", "new_and_returning")
            for key, value in reach[section].items()
            if value == SUPPRESSED
        ]
        suppressed += [
            f"reach.{key}"
            for key in ("people", "listed", "counted_without_ids")
            if reach[key] == SUPPRESSED
        ]
        suppressed += [
            f"representativeness.{r['field']}.{g}"
            for r in representativeness
            for g in r["suppressed"]
        ]
        loop = self.feedback_loop.published(min_count)
        suppressed += [
            f"feedback_loop.by_status.{k}" for k, v in loop["by_status"].items() if v == SUPPRESSED
        ]
        experience = self.experience.published(min_count)
        suppressed += [
            f"experience.{q['question']}" for q in experience if q["responses"] == SUPPRESSED
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
            "registers": [self._register(r, min_count) for r in self.registers],
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
        }

    def to_markdown(self, min_count: int = DEFAULT_MIN_COUNT) -> str:
        """The published report as Markdown."""
        data = self.to_dict(min_count)
        out = [f"# Engagement and co-production: {self.period.name or self.period.label}", ""]
        out += [f"- {line}" for line in data["headlines"]] + [""]
        reach = data["reach"]
        out += [
            "## Who took part",
            "",
            f"People: {reach['people']} ({reach['listed']} known by id, "
            f"{reach['counted_without_ids']} counted without ids). "
            f"Activities per person: {reach['activities_per_person']}.",
            "",
        ]
        for title, key in (
            ("By stage", "by_stage"),
            ("By kind of activity", "by_kind"),
            ("By format", "by_format"),
            ("New and returning", "new_and_returning"),
        ):
            out += [f"### {title}", "", "| | people |", "|---|---|"]
            out += [f"| {k} | {v} |" for k, v in reach[key].items()] + [""]
        for rep in data["representativeness"]:
            out += [
                f"## How representative: {rep['field']}",
                "",
                f"Reference population: {rep['source']}. A group is flagged when its "
                f"share is under {rep['threshold']} times its population share.",
                "",
                "| group | people | share | population | ratio | flag |",
                "|---|---|---|---|---|---|",
            ]
            out += [
                f"| {g['group']} | {g['count']} | {g['share']} | "
                f"{g['population_share'] or '-'} | {g['ratio'] or '-'} | "
                f"{_flag(g['under_represented'])} |"
                for g in rep["groups"]
            ]
            out += [f"| unknown | {rep['unknown']} | | | | |", ""]
        loop = data["feedback_loop"]
        out += ["## You said, we did", "", "| status | items |", "|---|---|"]
        out += [f"| {k} | {v} |" for k, v in loop["by_status"].items()]
        out += [
            "",
            f"Changed something: {loop['changed_something']}. Waiting for an answer: "
            f"{loop['waiting']} (longest {loop['longest_wait_days']} days). Median days "
            f"from the activity to telling people: {loop['median_days_to_report_back']}.",
            "",
        ]
        if data["experience"]:
            out += [
                "## Experience of being involved",
                "",
                "| question | answers | mean (1-5) | scoring 4 or 5 |",
                "|---|---|---|---|",
            ]
            out += [
                f"| {q['question']} | {q['responses']} | {q['mean']} | {q['satisfied']} |"
                for q in data["experience"]
            ] + [""]
        for register in data["registers"]:
            out += [
                f"## {register['name']}",
                "",
                f"Members at the end of the year: {register['members_at_end']}; joined: "
                f"{register['joined']}; left: {register['left']}; next election: "
                f"{register['next_election'] or 'not elected'}.",
                "",
            ]
        out += [
            "## Suppressed figures",
            "",
            f"Counts below {min_count}, and the smallest other figure in a row where only "
            "one would be hidden, are shown as 'suppressed'.",
        ]
        out += [f"- {item}" for item in data["suppressed"]] or ["- none"]
        return "\n".join(out) + "\n"


def _flag(value: object) -> str:
    if value == SUPPRESSED:
        return SUPPRESSED
    return "under-represented" if value else ""


def annual_report(
    projects: Iterable[Project],
    period: Period,
    *,
    population: Population | None = None,
    registers: Iterable[Register] = (),
    threshold: Decimal = DEFAULT_THRESHOLD,
    as_of: datetime.date | None = None,
) -> AnnualReport:
    """Every measure for ``period`` in one record (representativeness needs ``population``).

    The feedback loop is taken as of the period's end unless ``as_of`` is given.
    """
    projects = list(projects)
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
        registers=tuple(registers),
    )
