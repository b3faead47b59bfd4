"""pandas DataFrames for every result: one row per thing an analyst would count.

:func:`to_dataframe` takes one result, or several of one type, and gives a frame
(the optional ``notebook`` extra: ``pip install 'coproduction[notebook]'``).
Money columns hold :class:`decimal.Decimal` pounds, exact to the penny; dates
hold :class:`datetime.date`; a rung, a status or a charter item's status is an
ordered categorical, so sorting and ``max`` follow the ladder, not the alphabet.
The measures give their published figures: a suppressed figure is missing
(``<NA>``) with ``suppressed`` true beside it.

What one row is, by type:

- a ladder assessment: one project (its stages in ``stage_*`` columns);
- a charter report: one item; a calculation: one line; person totals: one
  person in one week, month or tax year; a reconciliation: one person and
  activity; a budget: one category (and the total); a portfolio: one type of
  co-production; a forward plan: one opportunity; a project: one activity;
  a cycle: one action; theme ranks: one theme;
- an annual report: one published figure, named by its path (``reach.by_stage.decide``)
  as in the report's JSON and its ``suppressed`` list; representativeness: one
  group; experience: one question; reach: one figure; the feedback loop: one figure.

>>> import coproduction as cp
>>> results = [cp.assess_ladder(p) for p in cp.load_projects("examples/projects")]
>>> frame = cp.to_dataframe(results)
>>> frame["rung"].max()
'co-production'
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable, Mapping
from typing import Any

from coproduction.errors import MissingDependencyError
from coproduction.measures.suppression import DEFAULT_MIN_COUNT

__all__ = ["framed_types", "to_dataframe"]

Row = dict[str, Any]


def _pandas() -> Any:
    try:
        import pandas as pd  # noqa: PLC0415 - optional extra, imported only when asked for
    except ImportError:
        msg = "to_dataframe needs pandas: pip install 'coproduction[notebook]'"
        raise MissingDependencyError(msg) from None
    return pd


def to_dataframe(results: object, *, min_count: int = DEFAULT_MIN_COUNT) -> Any:
    """A pandas DataFrame of one result, or of several results of one type.

    ``min_count`` is the suppression threshold for the measures' published figures.
    Raises TypeError for a type with no frame (see :func:`framed_types`) or a mix of
    types, and MissingDependencyError without pandas.

    >>> import coproduction as cp
    >>> report = cp.measures.annual_report(cp.load_projects("examples/measures/projects"),
    ...                                    cp.Period.financial_year(2022))
    >>> frame = cp.to_dataframe(report)
    >>> int(frame.set_index("figure").loc["reach.people", "value"])
    181
    >>> list(frame.columns)
    ['section', 'figure', 'value', 'suppressed']
    """
    pd = _pandas()
    builders = _builders()
    one = type(results) in builders
    items = [results] if one else list(results) if isinstance(results, Iterable) else [results]
    kinds = {type(item) for item in items}
    if len(kinds) > 1:
        msg = "to_dataframe takes results of one type: " + ", ".join(
            sorted(k.__name__ for k in kinds)
        )
        raise TypeError(msg)
    if kinds and next(iter(kinds)) not in builders:
        msg = f"no DataFrame form for {next(iter(kinds)).__name__}"
        raise TypeError(msg)
    if not items:
        return pd.DataFrame()
    build, columns, categories = builders[next(iter(kinds))]
    rows = [row for item in items for row in build(item, min_count)]
    frame = pd.DataFrame(rows, columns=columns or None)
    for name in _whole_numbers(rows):  # counts stay whole numbers beside a missing one
        frame[name] = pd.array([row[name] for row in rows], dtype="Int64")
    for column, order in categories().items():
        # A key ending in "_" names a family of columns (the ladder's stage_understand, ...).
        wanted = [
            c for c in frame.columns if c == column or (column[-1] == "_" and c.startswith(column))
        ]
        for name in wanted:
            frame[name] = pd.Categorical(frame[name], categories=order, ordered=True)
    if "value" in frame.columns and "suppressed" in frame.columns:
        frame["value"] = pd.array(frame["value"].tolist(), dtype="Float64")
        if all(float(v).is_integer() for v in frame["value"].dropna()):
            frame["value"] = frame["value"].astype("Int64")
    return frame


def _whole_numbers(rows: list[Row]) -> list[str]:
    """The columns of counts with a gap (pandas would otherwise make them floats)."""
    found = []
    for name in rows[0] if rows else ():
        values = [row.get(name) for row in rows]
        known = [v for v in values if v is not None]
        if (
            known
            and len(known) < len(values)
            and all(isinstance(v, int) and not isinstance(v, bool) for v in known)
        ):
            found.append(name)
    return found


def framed_types() -> tuple[type, ...]:
    """Every type :func:`to_dataframe` takes."""
    return tuple(_builders())


# ---------------------------------------------------------------- the rows of each type


def _assessment(result: Any, _: int) -> list[Row]:
    row: Row = result.to_row()
    return [row]


def _charter_report(report: Any, _: int) -> list[Row]:
    return [
        {
            "project": report.project,
            "charter": report.charter.id,
            "as_of": report.as_of,
            "item": r.item,
            "label": r.label,
            "status": r.status.value,
            "to_meet": r.to_meet,
            "evidence": "; ".join(r.evidence),
        }
        for r in report.results
    ]


def _calculation(calc: Any, _: int) -> list[Row]:
    return [
        {
            "claim": calc.claim,
            "participant": calc.participant,
            "policy": calc.policy,
            "category": line.category,
            "item": line.item,
            "what": line.what,
            "date": line.date,
            "quantity": line.quantity,
            "unit": line.unit,
            "rate": line.rate,
            "amount": line.amount,
            "rule": line.rule,
            "policy_version": line.policy_version,
            "note": line.note,
            "points": line.points,
        }
        for line in calc.lines
    ]


def _person_totals(person: Any, _: int) -> list[Row]:
    return [
        {
            "participant": person.participant,
            "period_kind": kind,
            "period": period.label,
            "start": period.start,
            "end": period.end,
            "earnings": amount,
        }
        for kind, periods in (
            ("week", person.weeks),
            ("month", person.months),
            ("tax year", person.tax_years),
        )
        for period, amount in periods
    ]


def _period_total(total: Any, _: int) -> list[Row]:
    return [
        {
            "participant": total.participant,
            "period_kind": total.period_kind,
            "period": total.period.label,
            "start": total.period.start,
            "end": total.period.end,
            "earnings": total.earnings,
            "hours": total.hours,
            "flags": "; ".join(total.flags),
        }
    ]


def _reconciliation(result: Any, _: int) -> list[Row]:
    return [
        {
            "project": result.project,
            "policy": result.policy,
            "participant": e.participant,
            "activity": e.activity,
            "date": e.date,
            "attended": e.attended,
            "owed": e.owed,
            "claimed": e.claimed,
            "paid": e.paid,
            "difference": e.difference,
            "flags": "; ".join(f.value for f in e.flags),
            "claims": "; ".join(e.claims),
        }
        for e in result.entries
    ]


def _budget_status(status: Any, _: int) -> list[Row]:
    return [
        {
            "budget": status.budget,
            "financial_year": status.financial_year,
            "category": "total" if t.category is None else t.category.value,
            "amount": t.budget,
            "committed": t.committed,
            "paid": t.paid,
            "remaining": t.remaining,
            "overspent": t.overspent,
        }
        for t in (*status.categories, status.total)
    ]


def _budget(budget: Any, min_count: int) -> list[Row]:
    return _budget_status(budget.status(), min_count)


def _portfolio(result: Any, _: int) -> list[Row]:
    projects = dict(result.projects_by_type)
    return [
        {
            "start": result.period.start,
            "end": result.period.end,
            "type": kind.value,
            "activities": count,
            "projects": projects[kind],
        }
        for kind, count in result.activities_by_type
    ]


def _forward_plan(plan: Any, _: int) -> list[Row]:
    return [
        {
            "organisation": plan.organisation,
            "published": plan.published,
            "opportunity": o.id,
            "title": o.title,
            "planned": o.planned,
            "notice_days": (o.planned - plan.published).days,
            "stage": o.stage.value,
            "kind": o.kind.value,
            "project": o.project,
            "activity": o.activity,
        }
        for o in plan.opportunities
    ]


def _project(project: Any, _: int) -> list[Row]:
    return [
        {
            "project": project.id,
            "activity": a.id,
            "date": a.date,
            "until": a.until,
            "stage": a.stage.value,
            "kind": a.kind.value,
            "say": a.say.value if a.say else None,
            "format": a.format.value if a.format else None,
            "listed": len(a.participants),
            "counted": a.people,
            "sessions": a.sessions,
            "status": a.status.value,
        }
        for a in project.activities
    ]


def _cycle(cycle: Any, _: int) -> list[Row]:
    titles = {t.id: t.title for t in cycle.themes}
    return [
        {
            "cycle": cycle.id,
            "action": a.id,
            "theme": a.theme,
            "theme_title": titles.get(a.theme, ""),
            "description": a.description,
            "owner": a.owner,
            "due": a.due,
            "status": a.status.value if a.status else None,
        }
        for a in cycle.actions
    ]


def _theme_rank(rank: Any, _: int) -> list[Row]:
    row: Row = {
        "rank": rank.rank,
        "theme": rank.id,
        "title": rank.title,
        "statements": rank.statements,
        "priority": rank.priority,
    }
    row |= {c.value: n for c, n in rank.by_category}
    return [row]


# ---------------------------------------------------------------- the measures, as published


# The keys that name an entry of a list in a published report, in the order they are read.
_NAMES = ("survey", "register", "question", "by", "field", "group")


def _figures(section: str, published: object, hidden: set[str]) -> list[Row]:
    """Each number in a published section, by its path, with whether it is suppressed.

    The path is the section, each list entry's name (its survey, register, question,
    breakdown field or group) and the figure's key: ``representativeness.ethnicity.Asian.count``.
    A missing figure is suppressed when a suppressed path names it (in any order:
    ``compositions.<register>.ethnicity.members.Asian`` names ``...ethnicity.Asian.members``);
    otherwise it does not apply (no answer to take a share of) and is left out.
    """
    rows: list[Row] = []
    listed = [set(path.split(".")) for path in hidden]

    def walk(path: list[str], value: object) -> None:
        if isinstance(value, Mapping):
            for key, inner in value.items():
                if key in ("suppressed", "min_count"):
                    continue
                walk(path if isinstance(inner, list) else [*path, str(key)], inner)
        elif isinstance(value, list):
            for inner in value:
                if isinstance(inner, Mapping):
                    names = [inner[k] for k in _NAMES if isinstance(inner.get(k), str)]
                    walk([*path, *(n for n in names if n != path[-1])], inner)
        elif value is None or (isinstance(value, (int, float)) and not isinstance(value, bool)):
            parts = set(path)
            gone = value is None and any(p <= parts for p in listed)
            if value is not None or gone:
                rows.append(
                    {
                        "section": section,
                        "figure": ".".join(path),
                        "value": value,
                        "suppressed": gone,
                    }
                )

    walk([section], published)
    return rows


_NOT_FIGURES = frozenset(
    {"kind", "schema_version", "period", "min_count", "headlines", "suppressed"}
)


def _annual_report(report: Any, min_count: int) -> list[Row]:
    data = report.to_dict(min_count)
    hidden = set(data["suppressed"])
    return [
        row
        for section, published in data.items()
        if section not in _NOT_FIGURES
        for row in _figures(section, published, hidden)
    ]


def _section(name: str) -> Callable[[Any, int], list[Row]]:
    def rows(result: Any, min_count: int) -> list[Row]:
        published = result.published(min_count)
        hidden = {f"{name}.{path}" for path in _paths(published)}
        return _figures(name, published, hidden)

    return rows


def _paths(published: object) -> list[str]:
    """The suppressed paths a published section lists."""
    if isinstance(published, Mapping):
        return list(published.get("suppressed", []))
    return []


def _representativeness(result: Any, min_count: int) -> list[Row]:
    published = result.published(min_count)
    return [
        {
            "field": published["field"],
            "group": g["group"],
            "count": g["count"],
            "share": g["share"],
            "population_share": g["population_share"],
            "ratio": g["ratio"],
            "under_represented": g["under_represented"],
            "suppressed": g["suppressed"],
        }
        for g in published["groups"]
    ]


def _experience(result: Any, min_count: int) -> list[Row]:
    return [
        {
            "question": q["question"],
            "responses": q["responses"],
            "mean": q["mean"],
            "satisfied": q["satisfied"],
            "suppressed": q["suppressed"],
        }
        for q in result.published(min_count)
    ]


# ---------------------------------------------------------------- the table of types

Builder = tuple[
    Callable[[Any, int], list[Row]], tuple[str, ...], Callable[[], dict[str, list[str]]]
]


def _none() -> dict[str, list[str]]:
    return {}


def _rungs() -> dict[str, list[str]]:
    from coproduction.rungs import Rung  # noqa: PLC0415

    labels = [r.label for r in Rung]
    return {"rung": labels, "claimed": labels, "target": labels, "stage_": labels}


def _item_statuses() -> dict[str, list[str]]:
    from coproduction.charters.check import Status  # noqa: PLC0415

    return {"status": [s.value for s in Status]}


def _action_statuses() -> dict[str, list[str]]:
    from coproduction.wtfc.cycle import Status  # noqa: PLC0415

    return {"status": [s.value for s in Status]}


@functools.cache
def _builders() -> dict[type, Builder]:
    """The rows, fixed columns and ordered categories of each type (display is the edge)."""
    from coproduction.charters.check import CharterReport  # noqa: PLC0415
    from coproduction.ladder.assessment import LadderAssessment  # noqa: PLC0415
    from coproduction.measures.core import (  # noqa: PLC0415
        Experience,
        FeedbackLoop,
        Reach,
        Representativeness,
    )
    from coproduction.measures.portfolio import Portfolio  # noqa: PLC0415
    from coproduction.measures.report import AnnualReport  # noqa: PLC0415
    from coproduction.plan import ForwardPlan  # noqa: PLC0415
    from coproduction.project import Project  # noqa: PLC0415
    from coproduction.rewards.budget import Budget, BudgetStatus  # noqa: PLC0415
    from coproduction.rewards.calculate import Calculation  # noqa: PLC0415
    from coproduction.rewards.reconciliation import Reconciliation  # noqa: PLC0415
    from coproduction.rewards.totals import PeriodTotal, PersonTotals  # noqa: PLC0415
    from coproduction.wtfc.cycle import Cycle  # noqa: PLC0415
    from coproduction.wtfc.process import ThemeRank  # noqa: PLC0415

    figures = ("section", "figure", "value", "suppressed")
    return {
        LadderAssessment: (_assessment, (), _rungs),
        CharterReport: (_charter_report, (), _item_statuses),
        Calculation: (_calculation, (), _none),
        PersonTotals: (_person_totals, (), _none),
        PeriodTotal: (_period_total, (), _none),
        Reconciliation: (_reconciliation, (), _none),
        Budget: (_budget, (), _none),
        BudgetStatus: (_budget_status, (), _none),
        Portfolio: (_portfolio, (), _none),
        ForwardPlan: (_forward_plan, (), _none),
        Project: (_project, (), _none),
        Cycle: (_cycle, (), _action_statuses),
        ThemeRank: (_theme_rank, (), _none),
        AnnualReport: (_annual_report, figures, _none),
        Reach: (_section("reach"), figures, _none),
        FeedbackLoop: (_section("feedback_loop"), figures, _none),
        Representativeness: (_representativeness, (), _none),
        Experience: (_experience, (), _none),
    }
