"""A year's figures from the council's other systems, for the annual report. Counts only.

Barnet's strategy commits to an annual report that "at a minimum" includes
people's use of the online platform, Engage Barnet, "to have their say (and our
own use of the platform in giving people the opportunities to have their say)",
"key findings from annual surveys, complaints and compliments", and numbers of
people getting involved, such as those "giving feedback as part of their
assessment and care planning process" (Barnet Engagement and Co-production
Strategy 2022, section 6, L.285-300). Barnet produces "monthly complaint and
compliment reports addressing themes and trends" (Barnet CQC self-assessment
2024, L.946). Those figures live in the complaints system and the platform's own
statistics, not in project records: an annual-figures file holds them.

>>> figures = load_annual_figures("examples/measures/annual-figures-2022.toml")
>>> figures.complaints.count, figures.complaints.themes["communication"]
(212, 61)
>>> [p.contributions for p in figures.platform]
[148, 212, 96, 131]
"""

from __future__ import annotations

import datetime
import os
from collections.abc import Iterable, Mapping
from typing import Any

import attrs

from coproduction import _checks
from coproduction._convert import structure
from coproduction._records import ids_and_repeats, items, value_of
from coproduction.errors import Problem, raise_problems
from coproduction.loading import read_data
from coproduction.measures.suppression import suppress_row
from coproduction.periods import Period
from coproduction.project import Channel, Project

__all__ = [
    "AnnualFigures",
    "NamedCount",
    "PlatformUse",
    "Tally",
    "load_annual_figures",
    "published_platform",
    "published_tally",
    "recorded_tally",
]


@attrs.frozen
class Tally:
    """How many complaints (or compliments) there were, and how many touched each theme.

    One complaint may touch several themes, so the themes need not add up to ``count``.
    """

    count: int
    themes: dict[str, int] = attrs.field(factory=dict)


@attrs.frozen
class PlatformUse:
    """Use of the online platform in one part of the year (a month, a quarter).

    ``visits`` people's visits; ``contributions`` the times people had their say;
    ``opportunities`` the consultations, surveys and polls the council ran on it
    (its "own use of the platform"). A figure the platform does not give is None.
    """

    start: datetime.date
    end: datetime.date
    visits: int | None = None
    contributions: int | None = None
    opportunities: int | None = None

    @property
    def period(self) -> Period:
        """The days these figures cover."""
        return Period(self.start, self.end)


@attrs.frozen
class NamedCount:
    """Another count the report names: ``people`` counted, with what it means and its source.

    E.g. ``id = "assessment-feedback"``, "People giving feedback as part of their
    assessment and care planning" (Barnet strategy 2022, L.291).
    """

    id: str
    label: str
    people: int
    source: str = ""


@attrs.frozen
class AnnualFigures:
    """A period's complaints, compliments, platform use and other counts, with their source."""

    start: datetime.date
    end: datetime.date
    organisation: str = ""
    source: str = ""
    complaints: Tally | None = None
    compliments: Tally | None = None
    platform_name: str = ""
    platform: tuple[PlatformUse, ...] = ()
    counts: tuple[NamedCount, ...] = ()

    def __attrs_post_init__(self) -> None:
        raise_problems(_figures_problems(self))

    @property
    def period(self) -> Period:
        """The days the figures cover."""
        return Period(self.start, self.end)

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form, the same as ``coproduction.to_dict(self)``."""
        from coproduction._convert import to_dict  # noqa: PLC0415 - the converter imports this

        return to_dict(self)


def _negative(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value < 0


def _tally_problems(tally: Any, where: str) -> list[Problem]:
    if tally is None:
        return []
    count, themes = value_of(tally, "count"), value_of(tally, "themes")
    problems = [Problem(f"{where}.count", "must be 0 or more")] if _negative(count) else []
    if isinstance(themes, Mapping):
        for value in themes.values():
            if _negative(value):
                problems.append(Problem(f"{where}.themes", "a theme's count is below 0"))
            elif isinstance(value, int) and isinstance(count, int) and value > count:
                problems.append(
                    Problem(f"{where}.themes", f"a theme counts {value}, more than the {count}")
                )
    return problems


def _figures_problems(record: Any) -> list[Problem]:
    start, end = value_of(record, "start"), value_of(record, "end")
    dated = isinstance(start, datetime.date) and isinstance(end, datetime.date)
    problems = []
    if dated and end < start:
        problems.append(Problem("end", f"{end.isoformat()} is before start {start.isoformat()}"))
    for name in ("complaints", "compliments"):
        problems += _tally_problems(value_of(record, name), name)
    for index, use in items(record, "platform"):
        first, last = value_of(use, "start"), value_of(use, "end")
        if not (isinstance(first, datetime.date) and isinstance(last, datetime.date)):
            continue
        if last < first:
            problems.append(Problem(f"platform[{index}].end", "before its start"))
        elif dated and (first < start or last > end):
            problems.append(Problem(f"platform[{index}]", "falls outside the figures' dates"))
        for key in ("visits", "contributions", "opportunities"):
            if _negative(value_of(use, key)):
                problems.append(Problem(f"platform[{index}].{key}", "must be 0 or more"))
    _, repeated = ids_and_repeats(record, "counts")
    problems += repeated
    for index, count in items(record, "counts"):
        if _negative(value_of(count, "people")):
            problems.append(Problem(f"counts[{index}].people", "must be 0 or more"))
    return problems


def recorded_tally(projects: Iterable[Project], period: Period, channel: Channel) -> Tally:
    """The items recorded in projects through ``channel`` (complaint, compliment) in ``period``.

    An item counts on its ``raised_on`` day, or, without one, the last session of
    its activity; an item with neither has no day and is not counted. Project
    records hold no themes for these, so the tally has none.
    """
    count = 0
    for project in projects:
        for item in project.feedback:
            if item.channel is not channel:
                continue
            activity = project.activity(item.activity)
            day = item.raised_on or (activity.last_date if activity else None)
            count += day is not None and day in period
    return Tally(count)


def load_annual_figures(source: str | os.PathLike[str] | Mapping[str, Any]) -> AnnualFigures:
    """Annual figures from a ``.toml`` or ``.json`` file, or a dict; every problem at once."""
    if not isinstance(source, (str, os.PathLike)):
        return structure(source, AnnualFigures, _figures_problems)
    return structure(read_data(source), AnnualFigures, _figures_problems, source=str(source))


def _column(
    values: Mapping[str, int | None], min_count: int
) -> tuple[dict[str, int | None], int | None, list[str]]:
    """One measure across the year's parts, suppressed as a row; None stays "not given"."""
    given = {k: v for k, v in values.items() if v is not None}
    row = suppress_row(given, min_count)
    cells = {k: (row.cells[k] if k in given else None) for k in values}
    total = row.total if given else None
    return (
        cells,
        total,
        list(row.suppressed) + ([] if total is not None or not given else ["total"]),
    )


def published_tally(tally: Tally | None, source: str, min_count: int) -> dict[str, Any]:
    """A published tally: the count (hidden when small) and each theme's (suppressed as a row)."""
    if tally is None:
        return {"source": source, "count": None, "themes": {}, "suppressed": []}
    themes = suppress_row(tally.themes, min_count)
    count = None if 0 < tally.count < min_count else tally.count
    return {
        "source": source,
        "count": count,
        "themes": themes.cells,
        "suppressed": (["count"] if count is None else [])
        + [f"themes.{theme}" for theme in themes.suppressed],
    }


def published_platform(figures: AnnualFigures | None, min_count: int) -> dict[str, Any]:
    """Platform use by part of the year, and the year's totals, small counts suppressed.

    Visits and contributions are people's: each is suppressed across the parts of
    the year with its total, so no hidden part can be worked out. The
    opportunities are the council's own use and are shown as they are.
    """
    uses = figures.platform if figures else ()
    names = [f"{u.start.isoformat()}:{u.end.isoformat()}" for u in uses]
    periods: list[dict[str, Any]] = [
        {"start": u.start.isoformat(), "end": u.end.isoformat(), "opportunities": u.opportunities}
        for u in uses
    ]
    totals: dict[str, int | None] = {}
    suppressed: list[str] = []
    for key in ("visits", "contributions"):
        cells, total, hidden = _column(
            {name: getattr(u, key) for name, u in zip(names, uses, strict=True)}, min_count
        )
        for shown, name in zip(periods, names, strict=True):
            shown[key] = cells[name]
        totals[key] = total
        suppressed += [f"{key}.{name}" for name in hidden]
    opportunities = [u.opportunities for u in uses if u.opportunities is not None]
    totals["opportunities"] = sum(opportunities) if opportunities else None
    return {
        "name": figures.platform_name if figures else "",
        "periods": periods,
        "total": totals,
        "suppressed": suppressed,
    }


# Records built in Python check their dates (see _checks).
_checks.install(Tally, PlatformUse, NamedCount, AnnualFigures)
