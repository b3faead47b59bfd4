"""Impact: what people's input changed in a period, item by item.

Barnet's annual report is to include "analysis of how much of an impact people's
input is having on services" (Barnet Engagement and Co-production Strategy 2022,
section 6, L.291). The package shows impact as what changed: each "you said" item
that became accepted or implemented during the period, with the change the
council recorded as its response (the "we did") and who made it when it was not
the council.

>>> import coproduction as cp
>>> changes = impact(cp.load_projects("examples/measures/projects"), cp.Period.financial_year(2022))
>>> len(changes), changes[0].status.value
(4, 'implemented')
"""

from __future__ import annotations

import datetime
from collections import Counter
from collections.abc import Collection, Iterable
from typing import Any

import attrs

from coproduction.evidence import evidence_of
from coproduction.measures.suppression import DEFAULT_MIN_COUNT
from coproduction.periods import Period
from coproduction.project import FeedbackStatus, Project

__all__ = ["ImpactItem", "impact", "published_impact"]


@attrs.frozen
class ImpactItem:
    """One item that changed something: when it was decided, and the change recorded."""

    project: str
    project_title: str = attrs.field(repr=False)
    item: str
    status: FeedbackStatus
    decided_on: datetime.date
    what_changed: str = attrs.field(repr=False)  # the council's response: the "we did"
    acted_by: str = attrs.field(default="", repr=False)


def impact(projects: Iterable[Project], period: Period) -> tuple[ImpactItem, ...]:
    """The items first accepted or implemented during ``period``, read as of its end.

    Each project is read through its evidence view as of the period's end (so
    only items raised in activities with people with lived experience count, as
    in the feedback loop); an item counts in the period in which it first became
    accepted or implemented, and shows its status at the period's end.
    """
    found = []
    for project in projects:
        for known in evidence_of(project, period.end).feedback:
            if not known.changed_something or known.status is None:
                continue
            decided = next(
                change.date
                for change in known.item.history
                if change.status.changed_something and change.date <= period.end
            )
            if decided in period:
                found.append(
                    ImpactItem(
                        project=project.id,
                        project_title=project.title,
                        item=known.id,
                        status=known.status,
                        decided_on=decided,
                        what_changed=known.item.response,
                        acted_by=known.item.acted_by,
                    )
                )
    return tuple(sorted(found, key=lambda i: (i.decided_on, i.project, i.item)))


def published_impact(
    items: tuple[ImpactItem, ...],
    min_count: int = DEFAULT_MIN_COUNT,
    *,
    loop_hidden: Collection[str] = (),
) -> dict[str, Any]:
    """The changes to publish: listed only when no count they give away is suppressed.

    Listing the items says how many there were and how many of each status, and
    the report suppresses small numbers of items (as in the feedback loop): so
    the list is left out when there are fewer than ``min_count`` items, or fewer
    than ``min_count`` (but some) with one status, or when the feedback loop's
    items that changed something, accepted or implemented are suppressed
    (``loop_hidden``: the loop's suppressed paths), which the list would give
    away (``listed`` is then false). Their number is left out with the loop's
    changed items, too.

    >>> published_impact(())["changed"], published_impact(())["suppressed"]
    (0, [])
    """
    statuses = Counter(i.status for i in items)
    loop = set(loop_hidden)
    hidden = 0 < len(items) < min_count or "changed" in loop
    unlisted = bool(items) and (
        hidden
        or any(0 < n < min_count for n in statuses.values())
        or bool(loop & {"by_status.accepted", "by_status.implemented"})
    )
    return {
        "changed": None if hidden else len(items),
        "items": []
        if unlisted
        else [
            {
                "project": i.project,
                "project_title": i.project_title,
                "item": i.item,
                "status": i.status.value,
                "decided_on": i.decided_on.isoformat(),
                "what_changed": i.what_changed,
                "acted_by": i.acted_by,
            }
            for i in items
        ],
        "listed": not unlisted,
        "suppressed": ["changed"] if hidden else [],
    }
