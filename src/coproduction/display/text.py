"""Plain text for a terminal: an assessment's reasons, a charter report, the year's headlines.

The domain records' ``explain``, ``text`` and ``headlines`` are one-line delegates to these.

>>> import coproduction as cp
>>> result = cp.assess_ladder(cp.load_project("examples/projects/bedford-carers-strategy.toml"))
>>> print(assessment_text(result).splitlines()[1])
Assessed: 4 Consultation (doing for)
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from coproduction.measures.core import percent
from coproduction.measures.suppression import DEFAULT_MIN_COUNT
from coproduction.rungs import Rung

if TYPE_CHECKING:
    from coproduction.charters.check import CharterReport
    from coproduction.ladder.assessment import LadderAssessment
    from coproduction.measures.report import AnnualReport

__all__ = ["assessment_text", "charter_text", "headlines", "published_headlines", "rung_text"]


def rung_text(rung: Rung | None) -> str:
    """A rung in words, with its number and band (or why there is none).

    >>> rung_text(Rung.CO_DESIGN), rung_text(None)[:18]
    ('6 Co-design (doing with)', 'not on the ladder ')
    """
    if rung is None:
        return "not on the ladder (nobody with lived experience took part)"
    return f"{int(rung)} {rung.title} ({rung.band.value})"


def assessment_text(result: LadderAssessment) -> str:
    """Plain-English reasons, criterion by criterion, with the gaps and warnings."""
    lines = [f"{result.project}: {result.title}", f"Assessed: {rung_text(result.rung)}"]
    if result.as_of is not None:
        lines.append(f"As of: {result.as_of.isoformat()}")
    if result.claimed is not None:
        lines.append(f"Claimed: {result.claimed.title}")
    if result.target is not None:
        reached = result.rung is not None and result.rung >= result.target
        lines.append(f"Target: {result.target.title} ({'reached' if reached else 'not reached'})")
    lines += [f"Warning: {w}" for w in result.warnings]
    if result.planned:
        lines.append(result.planned_note)
    lines.append("")
    lines.append("Criteria, rung by rung (a rung is reached when all of its criteria hold):")
    shown: set[str] = set()
    for rung in Rung:
        lines.append(f"  {rung} {rung.title} ({rung.band.value})")
        results = result.criteria_for(rung)
        repeated = [r for r in results if r.id in shown]
        if repeated:
            lines.append(f"    (also needs: {', '.join(r.id for r in repeated)}, above)")
        for criterion in results:
            if criterion.id not in shown:
                mark = "met" if criterion.holds else "not met"
                lines.append(f"    [{mark}] {criterion.id}: {criterion.reason}")
                shown.add(criterion.id)
    lines.append("")
    if result.next_rung is None:
        lines.append("This is the top rung: nothing further is needed.")
    else:
        lines.append(f"To reach {result.next_rung.title}, the project needs:")
        lines += [f"  - {gap.requirement} ({gap.id})" for gap in result.gaps]
    if result.target_gaps and result.target is not None and result.target != result.next_rung:
        lines.append(f"To reach its target, {result.target.title}, it needs:")
        lines += [f"  - {gap.requirement} ({gap.id})" for gap in result.target_gaps]
    lines.append("")
    lines.append("By stage:")
    lines += [f"  {level.stage.value}: {rung_text(level.rung)}" for level in result.stages]
    return "\n".join(lines)


def charter_text(report: CharterReport) -> str:
    """A charter report as plain text: each item's status, what would meet it, the summary."""
    lines = [f"{report.project} against {report.charter.name} (as of {report.as_of})"]
    for result in report.results:
        lines.append(f"  [{result.status.value}] {result.item}: {result.label}")
        if result.status.value != "met" and result.to_meet:
            lines.append(f"      to meet: {result.to_meet}")
    summary = ", ".join(f"{n} {s}" for s, n in report.summary.items() if n)
    lines.append(f"  summary: {summary}")
    return "\n".join(lines)


def _many(value: int | None, noun: str, one: str | None = None) -> str:
    """A published count with its noun, in a sentence; a suppressed one says so."""
    if value is None:
        return f"a suppressed number of {noun}"
    return f"{value:,} {one if value == 1 and one else noun}"


def _count_text(value: int | None) -> str:
    return "a suppressed number" if value is None else f"{value:,}"


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def headlines(report: AnnualReport, min_count: int = DEFAULT_MIN_COUNT) -> tuple[str, ...]:
    """The annual report's headline sentences in plain English, from its published figures.

    >>> import coproduction as cp
    >>> empty = cp.measures.annual_report([], cp.Period.financial_year(2030))
    >>> headlines(empty)
    ('0 people took part in 0 projects; 0 joined for the first time.',)
    """
    return tuple(report.to_dict(min_count)["headlines"])


def published_headlines(report: AnnualReport, data: dict[str, Any]) -> list[str]:
    """The headlines of ``report`` from ``data``, its published (suppressed) figures.

    Every number is one its tables publish; a suppressed one reads "a suppressed
    number", never "fewer than 5", which would tell a small figure from one hidden
    to protect it.
    """
    reach = data["reach"]
    projects = report.reach.projects
    people = _many(reach["people"], "people", "person" if data["min_count"] <= 1 else None)
    new = _count_text(reach["new_and_returning"]["new"])
    lines = [
        _capital(
            f"{people} took part in {projects} project{'' if projects == 1 else 's'}; "
            f"{new} joined for the first time."
        )
    ]
    if reach["counted_without_ids"] != 0:
        lines.append(
            f"{_capital(_count_text(reach['counted_without_ids']))} of them were counted "
            "without names or ids, so may include people counted twice."
        )
    loop = data["feedback_loop"]
    if report.feedback_loop.items:
        share = loop["changed_something"]
        shown = None if share is None else percent(report.feedback_loop.changed_share)
        lines.append(
            f"{_capital(loop['changed_something_of'])} changed something"
            + (f" ({shown})" if shown is not None else "")
            + f"; {_count_text(loop['waiting'])} were still waiting for an answer on "
            f"{report.feedback_loop.as_of:%-d %B %Y}."
        )
    for rep in data["representativeness"]:
        under = [g["group"] for g in rep["groups"] if g["under_represented"] is True]
        if under:
            lines.append(
                f"By {rep['field']}, these groups took part less than their share of "
                f"the population: {', '.join(under)}."
            )
    for register in data["registers"]:
        lines.append(
            f"{register['name']} had {_many(register['members_at_end'], 'members')} on "
            f"{report.period.end:%-d %B %Y}; {_count_text(register['joined'])} joined "
            "during the year."
        )
    return lines
