"""The board report: the year's engagement, each project's ladder, and the charter, as HTML.

:func:`board_report` gathers the results (the annual report, reach by quarter,
each project's ladder assessment, the charter checks); :func:`render_board_html`
draws them as one self-contained page a council can attach to a board paper or
publish: no scripts, no external files, charts as inline SVG each with a data
table beside it, and every figure suppressed as for publication (see
:mod:`coproduction.measures.suppression`).

The page is written to meet WCAG 2.2 AA: a language and a title, headings in
order, landmarks, tables with captions and header scopes, text contrast of at
least 4.5:1, meaning never carried by colour alone, and a print style for A4.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping
from decimal import Decimal
from typing import Any

import attrs

from coproduction.charters import Charter, CharterReport, check_charter
from coproduction.display.html import environment
from coproduction.display.markdown import change, compared, share
from coproduction.ladder import LadderAssessment, assess_ladder
from coproduction.measures import (
    DEFAULT_MIN_COUNT,
    DEFAULT_THRESHOLD,
    SUPPRESSED,
    AnnualFigures,
    AnnualReport,
    Population,
    Reach,
    Register,
    SurveyResults,
    annual_report,
    reach,
)
from coproduction.measures.suppression import breakdown_row
from coproduction.periods import Period
from coproduction.plan import ForwardPlan
from coproduction.project import Project
from coproduction.rungs import LADDER_CITATION, Rung

__all__ = ["BoardReport", "board_report", "render_board_html"]


@attrs.frozen
class BoardReport:
    """Everything the board report shows, as raw results (suppressed when rendered)."""

    title: str
    period: Period
    annual: AnnualReport
    quarters: tuple[Reach, ...]
    assessments: tuple[LadderAssessment, ...]
    charter: Charter | None = None
    charter_reports: tuple[CharterReport, ...] = ()
    min_count: int = DEFAULT_MIN_COUNT


def board_report(
    projects: Iterable[Project],
    period: Period,
    *,
    charter: Charter | None = None,
    population: Population | None = None,
    registers: Iterable[Register] = (),
    threshold: Decimal = DEFAULT_THRESHOLD,
    min_count: int = DEFAULT_MIN_COUNT,
    title: str | None = None,
    surveys: Iterable[SurveyResults] = (),
    figures: Iterable[AnnualFigures] = (),
    plans: Iterable[ForwardPlan] = (),
) -> BoardReport:
    """The results for a board report on ``period``.

    The charter (if given) is checked on the evidence recorded up to the
    period's end, so the report says where each project stood at year end.
    """
    projects = sorted(projects, key=lambda p: p.id)
    plans = tuple(plans)
    label = period.name or period.label
    organisations = sorted({p.organisation for p in projects if p.organisation})
    heading = title or (
        f"Engagement and co-production {label}"
        + (f": {', '.join(organisations)}" if organisations else "")
    )
    return BoardReport(
        title=heading,
        period=period,
        annual=annual_report(
            projects,
            period,
            population=population,
            registers=registers,
            surveys=surveys,
            figures=figures,
            threshold=threshold,
        ),
        quarters=tuple(reach(projects, quarter) for quarter in period.quarters()),
        assessments=tuple(assess_ladder(p, period.end) for p in projects),
        charter=charter,
        charter_reports=tuple(
            check_charter(p, charter, period.end, population, plans=plans) for p in projects
        )
        if charter
        else (),
        min_count=min_count,
    )


def render_board_html(board: BoardReport, *, generated: datetime.date | None = None) -> str:
    """The board report as one self-contained HTML page (needs the ``report`` extra).

    ``generated`` is the date printed as the report's date (default: today).
    """
    template = environment().get_template("board.html.j2")
    return template.render(_context(board, generated or datetime.date.today()))


# ---------------------------------------------------------------- the page's data


def _cell(value: object) -> dict[str, Any]:
    """A published count for a table cell: its text, and whether it is suppressed."""
    if value is None or value == SUPPRESSED:
        return {"text": SUPPRESSED, "suppressed": True}
    if isinstance(value, int) and not isinstance(value, bool):
        return {"text": f"{value:,}", "suppressed": False}
    return {"text": str(value), "suppressed": False}


def _share(value: float | None, *, hidden: bool) -> dict[str, Any]:
    """A published share for a table cell, as a percentage."""
    return {"text": share(value, hidden=hidden), "suppressed": hidden}


def _rows(counts: Mapping[str, object]) -> list[dict[str, Any]]:
    return [{"label": key, "value": _cell(value)} for key, value in counts.items()]


def _plural(count: int, one: str, many: str | None = None) -> str:
    return f"{count:,} {one if count == 1 else (many or one + 's')}"


def _context(board: BoardReport, generated: datetime.date) -> dict[str, Any]:
    data = board.annual.to_dict(board.min_count)
    period = board.period
    return {
        "title": board.title,
        "period": {
            "label": period.name or period.label,
            "start": f"{period.start:%-d %B %Y}",
            "end": f"{period.end:%-d %B %Y}",
        },
        "generated": f"{generated:%-d %B %Y}",
        "min_count": board.min_count,
        "headlines": data["headlines"],
        "reach": _reach(data["reach"]),
        "quarters": _quarters(
            board.quarters,
            board.min_count,
            people_hidden=data["reach"]["people"] is None,
        ),
        "ladders": [_ladder(a) for a in board.assessments],
        "ladder_source": LADDER_CITATION,
        "representativeness": [_representation(r) for r in data["representativeness"]],
        "feedback": _feedback(data["feedback_loop"], board),
        "experience": [
            {
                "question": q["question"],
                "responses": _cell(q["responses"]),
                "mean": _cell(None if q["suppressed"] else f"{q['mean']:.2f}"),
                "satisfied": _share(q["satisfied"], hidden=q["suppressed"]),
            }
            for q in data["experience"]
        ],
        "registers": [
            {
                "name": r["name"],
                "members": _cell(r["members_at_end"]),
                "joined": _cell(r["joined"]),
                "left": _cell(r["left"]),
                "next_election": r["next_election"] or "not elected",
            }
            for r in data["registers"]
        ],
        **_year_context(data),
        "charter": _charter(board),
        "suppressed": data["suppressed"],
        "projects": _plural(len(board.assessments), "project"),
    }


def _breakdown_rows(groups: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [
        {
            "group": g["group"],
            "responses": _cell(g["responses"]),
            "positive": _cell(g["positive"]),
            "share": _share(g["share_positive"], hidden=g["suppressed"]),
        }
        for g in groups
    ]


def _year_context(data: Mapping[str, Any]) -> dict[str, Any]:
    """Surveys, complaints and compliments, platform use, impact and the year before."""
    surveys = [
        {
            "title": s["title"],
            "dates": f"{s['start']} to {s['end']}",
            "source": s["source"],
            "findings": s["findings"],
            "questions": [
                {
                    "statement": q["statement"],
                    "responses": _cell(q["responses"]),
                    "positive": _cell(q["positive"]),
                    "share": _share(q["share_positive"], hidden=q["suppressed"]),
                }
                for q in s["questions"]
            ],
            "breakdowns": [
                {"caption": f"{q['question']} by {b['by']}", "rows": _breakdown_rows(b["groups"])}
                for q in s["questions"]
                for b in q["breakdowns"]
            ],
        }
        for s in data["surveys"]
    ]
    tallies = [
        {
            "name": name,
            "count": _cell(data[key]["count"]),
            "source": data[key]["source"],
            "themes": _rows(data[key]["themes"]),
        }
        for key, name in (("complaints", "Complaints"), ("compliments", "Compliments"))
    ]
    platform = data["platform"]
    before = data["previous_year"]
    return {
        "surveys": surveys,
        "tallies": tallies,
        "platform": {
            "name": platform["name"] or "the online platform",
            "periods": [
                {
                    "dates": f"{p['start']} to {p['end']}",
                    "visits": _cell(p["visits"]),
                    "contributions": _cell(p["contributions"]),
                    "opportunities": _or_none(p["opportunities"]),
                }
                for p in platform["periods"]
            ],
            "total": {
                "visits": _cell(platform["total"]["visits"]),
                "contributions": _cell(platform["total"]["contributions"]),
                "opportunities": _or_none(platform["total"]["opportunities"]),
            },
        },
        "impact": data["impact"],
        "compositions": [
            {
                "name": c["name"],
                "people": _cell(c["people"]),
                "lived": _cell(c["mix"]["lived_experience"]),
                "professionals": _cell(c["mix"]["professionals"]),
                "split": c["split"] or SUPPRESSED,
            }
            for c in data["compositions"]
        ],
        "previous": None
        if before is None
        else {
            "name": before["period"]["name"] or before["period"]["start"],
            "rows": [
                {
                    "measure": r["measure"],
                    "this_year": {"text": compared(r["this_year"], r["path"]), "suppressed": False},
                    "previous_year": {
                        "text": compared(r["previous_year"], r["path"]),
                        "suppressed": False,
                    },
                    "change": change(r["change"]),
                }
                for r in before["comparisons"]
            ],
        },
    }


def _or_none(value: object) -> str:
    return "none" if value is None else str(value)


def _reach(published: Mapping[str, Any]) -> dict[str, Any]:
    return {
        "people": _cell(published["people"]),
        "listed": _cell(published["listed"]),
        "counted": _cell(published["counted_without_ids"]),
        "per_person": _or_none(published["activities_per_person"]),
        "tables": [
            {"caption": caption, "rows": _rows(published[key])}
            for caption, key in (
                ("People by stage of the work", "by_stage"),
                ("People by kind of activity", "by_kind"),
                ("People by format", "by_format"),
                ("New and returning people", "new_and_returning"),
            )
            if published[key]
        ],
    }


# The bar chart's drawing area, in SVG user units.
_CHART_HEIGHT = 160
_CHART_TOP = 24
_BAR_WIDTH = 64
_BAR_GAP = 36
_CHART_LEFT = 40


def _quarters(
    quarters: tuple[Reach, ...], min_count: int, *, people_hidden: bool
) -> dict[str, Any]:
    """People taking part in each quarter, suppressed as one row, with bar geometry.

    A person can take part in several quarters, so the quarters are a breakdown of
    the year's people (``people_hidden``: the year's figure is suppressed).
    """
    counts = {q.period.name: q.people for q in quarters}
    row = breakdown_row(counts, min_count, total_hidden=people_hidden)
    largest = max((v for v in row.cells.values() if v), default=0) or 1
    bars = []
    baseline = _CHART_TOP + _CHART_HEIGHT
    for index, (name, value) in enumerate(row.cells.items()):
        x = _CHART_LEFT + index * (_BAR_WIDTH + _BAR_GAP)
        height = 0 if value is None else round(_CHART_HEIGHT * value / largest)
        bars.append(
            {
                "name": name,
                "short": name.split(" ", 1)[0],
                "value": _cell(value),
                "x": x,
                "y": baseline - height,
                "height": height,
                "label_x": x + _BAR_WIDTH // 2,
                "label_y": baseline - height - 6,
            }
        )
    return {
        "bars": bars,
        "width": _CHART_LEFT + len(bars) * (_BAR_WIDTH + _BAR_GAP),
        "height": baseline + 40,
        "baseline": baseline,
        "bar_width": _BAR_WIDTH,
        "chart_left": _CHART_LEFT,
    }


# The ladder drawing: one step per rung, the top rung first.
_STEP_HEIGHT = 34
_STEP_WIDTH = 300


def _ladder(result: LadderAssessment) -> dict[str, Any]:
    steps = []
    for index, rung in enumerate(reversed(Rung)):
        marks = []
        if rung == result.rung:
            marks.append("assessed")
        if rung == result.target:
            marks.append("target")
        if rung == result.claimed and rung != result.rung:
            marks.append("claimed")
        steps.append(
            {
                "number": int(rung),
                "title": rung.title,
                "band": rung.band.value,
                "y": 8 + index * _STEP_HEIGHT,
                "assessed": rung == result.rung,
                "target": rung == result.target,
                "marks": ", ".join(marks),
            }
        )
    if result.rung is None:
        placed = "Not on the ladder: nobody with lived experience took part."
    else:
        placed = f"Rung {int(result.rung)} of 7, {result.rung.title} ({result.rung.band.value})."
    lift = None
    if result.next_rung is not None:
        lift = {
            "rung": result.next_rung.title,
            "needs": [g.requirement for g in result.gaps],
        }
    target = None
    if result.target_gaps and result.target is not None and result.target != result.next_rung:
        target = {"rung": result.target.title, "needs": [g.requirement for g in result.target_gaps]}
    return {
        "id": result.project,
        "anchor": "ladder-" + "".join(c if c.isalnum() else "-" for c in result.project),
        "title": result.title,
        "placed": placed,
        "steps": steps,
        "width": _STEP_WIDTH + 150,
        "height": 16 + 7 * _STEP_HEIGHT,
        "step_width": _STEP_WIDTH,
        "step_height": _STEP_HEIGHT - 4,
        "lift": lift,
        "target": target,
        "warnings": list(result.warnings),
        "stages": [
            {
                "stage": s.stage.value,
                "rung": s.rung.title if s.rung else "nobody with lived experience took part",
            }
            for s in result.stages
        ],
    }


def _flag(value: object) -> dict[str, Any]:
    if value is None or value == SUPPRESSED:
        return _cell(None)
    return {"text": "under-represented" if value else "no", "suppressed": False}


def _representation(published: Mapping[str, Any]) -> dict[str, Any]:
    return {
        "field": published["field"],
        "people": _cell(published["people"]),
        "source": published["source"],
        "threshold": published["threshold"],
        "unknown": _cell(published["unknown"]),
        "among_all": published["shares_of"] == "everyone taking part",
        "groups": [
            {
                "group": g["group"],
                "count": _cell(g["count"]),
                "share": _share(g["share"], hidden=g["suppressed"]),
                "population_share": share(g["population_share"]).replace("n/a", "not given"),
                "ratio": _cell(None)
                if g["suppressed"]
                else _cell("n/a" if g["ratio"] is None else f"{g['ratio']:.2f}"),
                "flag": _cell(None) if g["suppressed"] else _flag(g["under_represented"]),
            }
            for g in published["groups"]
        ],
    }


def _feedback(published: Mapping[str, Any], board: BoardReport) -> dict[str, Any]:
    loop = board.annual.feedback_loop
    # Listing the waiting items gives their number and how many have each status.
    statuses = {"no status", "received", "under-consideration"}
    waiting_hidden = published["waiting"] is None or any(
        published["by_status"].get(status, 0) is None for status in statuses
    )
    return {
        "as_of": f"{loop.as_of:%-d %B %Y}",
        "count": _cell(published["items"]),
        "rows": _rows(published["by_status"]),
        "changed": _share(
            published["changed_something"], hidden="changed_something" in published["suppressed"]
        ),
        "changed_of": published["changed_something_of"],
        "waiting": _cell(published["waiting"]),
        "longest": published["longest_wait_days"],
        "median": published["median_wait_days"],
        "report_back": published["median_days_to_report_back"],
        # Listing the waiting items would give away a suppressed count: list them only
        # when their number and their statuses' are published.
        "waiting_items": []
        if waiting_hidden
        else [
            {
                "project": w.project,
                "item": w.item,
                "status": w.status.value if w.status else "no status",
                "since": f"{w.since:%-d %B %Y}",
                "days": _plural(w.days, "day"),
            }
            for w in loop.waiting
        ],
        "waiting_hidden": waiting_hidden,
    }


def _charter(board: BoardReport) -> dict[str, Any] | None:
    if board.charter is None:
        return None
    statuses = ["met", "partly-met", "not-met", "no-evidence", "by-hand"]
    return {
        "name": board.charter.name,
        "id": board.charter.id,
        "as_of": f"{board.period.end:%-d %B %Y}",
        "statuses": statuses,
        "projects": [
            {
                "project": report.project,
                "counts": [report.summary[s] for s in statuses],
                "open": [
                    {
                        "item": r.item,
                        "label": r.label,
                        "status": r.status.value,
                        "to_meet": r.to_meet,
                    }
                    for r in report.results
                    if r.status.value != "met"
                ],
            }
            for report in board.charter_reports
        ],
    }
