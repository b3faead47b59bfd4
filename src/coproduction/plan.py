"""A forward plan: the engagement opportunities a council publishes ahead of time.

Norfolk's principle "Open" (ADASS East of England, "Emerging approaches to
co-production", 2023, L.966) is to "Publish a rolling programme of engagement",
and Barnet's Engagement and Co-production Strategy (2022, section 4, L.250)
answers people who wanted "more information in advance" with "We will be clearer
in communicating our plans for the year and different ways people can get
involved". A plan lists each
opportunity with when it is planned, at what stage of which project, and, once
held, the activity it became; the charter check for early, planned involvement
can then ask whether an activity was on a published plan before it happened.

>>> import datetime
>>> plan = ForwardPlan(
...     organisation="Example Council",
...     published=datetime.date(2024, 1, 8),
...     opportunities=(
...         Opportunity(id="o1", title="Carers' strategy workshop",
...                     planned=datetime.date(2024, 3, 5), stage=Stage.PLAN,
...                     kind=ActivityKind.WORKSHOP, project="carers-2024", activity="a1"),
...     ),
... )
>>> [o.id for o in plan.upcoming(datetime.date(2024, 2, 1))]
['o1']
>>> plan.notice_days("carers-2024", "a1")
57
"""

from __future__ import annotations

import datetime
import os
from collections.abc import Mapping
from typing import Any

import attrs

from coproduction import _checks
from coproduction._convert import structure
from coproduction._records import ids_and_repeats
from coproduction._shown import Shown
from coproduction.errors import Problem, raise_problems
from coproduction.loading import read_data
from coproduction.project import ActivityKind, Stage

__all__ = ["ForwardPlan", "Opportunity", "load_forward_plan"]


@attrs.frozen
class Opportunity:
    """One planned chance to take part; ``activity`` links the activity it became, once held."""

    id: str
    title: str = attrs.field(repr=False)
    planned: datetime.date
    stage: Stage
    kind: ActivityKind
    project: str | None = None
    activity: str | None = None
    open_to: str = attrs.field(default="", repr=False)  # who it is for, in the plan's words


def _plan_problems(record: Any) -> list[Problem]:
    _, problems = ids_and_repeats(record, "opportunities")
    return problems


@attrs.frozen
class ForwardPlan(Shown):
    """A published forward plan: the organisation, the date it went out, its opportunities."""

    organisation: str
    published: datetime.date
    opportunities: tuple[Opportunity, ...] = ()
    sources: tuple[str, ...] = attrs.field(default=(), repr=False)

    def __attrs_post_init__(self) -> None:
        raise_problems(_plan_problems(self))

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form, the same as ``coproduction.to_dict(self)``."""
        from coproduction._convert import to_dict  # noqa: PLC0415 - the converter imports this

        return to_dict(self)

    def upcoming(self, as_of: datetime.date) -> tuple[Opportunity, ...]:
        """Opportunities planned on or after ``as_of``, soonest first."""
        return tuple(
            sorted(
                (o for o in self.opportunities if o.planned >= as_of),
                key=lambda o: (o.planned, o.id),
            )
        )

    def for_project(self, project_id: str) -> tuple[Opportunity, ...]:
        """The opportunities the plan lists for one project."""
        return tuple(o for o in self.opportunities if o.project == project_id)

    def notice_days(self, project_id: str, activity_id: str) -> int | None:
        """Days between the plan's publication and the planned date of an activity it listed.

        None when the plan does not list the activity; negative when the plan
        was published after the date it gave.
        """
        for opportunity in self.for_project(project_id):
            if opportunity.activity == activity_id:
                return (opportunity.planned - self.published).days
        return None


def load_forward_plan(source: str | os.PathLike[str] | Mapping[str, Any]) -> ForwardPlan:
    """A forward plan from a ``.toml`` or ``.json`` file, or a dict; every problem at once.

    >>> load_forward_plan("examples/plans/barnet-forward-plan-2024.toml").organisation
    'London Borough of Barnet'
    """
    if not isinstance(source, (str, os.PathLike)):
        return structure(source, ForwardPlan, _plan_problems)
    return structure(read_data(source), ForwardPlan, _plan_problems, source=str(source))


# Records built in Python check their dates, money and closed words (see _checks).
_checks.install(Opportunity, ForwardPlan)
