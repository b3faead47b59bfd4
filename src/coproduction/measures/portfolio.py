"""A portfolio of co-production by type: what kinds of co-production a project or year held.

Southwark Council's co-production report (2014, section 2.11) takes SCIE's types:
"Co-design, including planning of services", "Co-decision making in the allocation of
resources", "Co-delivery of services, including the role of volunteers" and "Co-evaluation
of the service"; it tells "individual" from "collective" co-production (sections 2.13-2.14)
and "additive" from "substitutive", "where part of the service is transferred from the
professional to the public" (section 2.15).

How the package reads a record (its own decisions):

- an activity counts towards a type only when people with lived experience had an equal or
  leading say in it (or it is participatory budgeting): an advisory say is consultation,
  not co-production; an activity can count towards several types;
- co-design: the purpose ``design``; co-decision: the purpose ``decide`` or the decide stage
  (a budget residents decided is co-decision in the allocation of resources); co-delivery:
  ``deliver``; co-evaluation: ``evaluate``;
- substitutive: participatory budgeting (Southwark's own example, L.132), or delivery that
  people led (peer support, peer advocacy, sessions people run); everything else additive;
- every project activity is collective co-production: individual co-production (a
  self-managed personal budget, section 2.13) is recorded as counts and survey results,
  never as case records, so it is not in this portfolio.

>>> import datetime
>>> import coproduction as cp
>>> projects = cp.load_projects("examples/projects/adass")
>>> mix = portfolio(projects, cp.Period(datetime.date(2020, 4, 1), datetime.date(2024, 3, 31)))
>>> {t.value: n for t, n in mix.activities_by_type}
{'co-design': 11, 'co-decision': 4, 'co-delivery': 2, 'co-evaluation': 4}
"""

from __future__ import annotations

from collections.abc import Iterable

import attrs

from coproduction._convert import document
from coproduction._shown import Shown
from coproduction._vocab import Word
from coproduction.evidence import SHARED_SAY
from coproduction.measures.core import _taking_part
from coproduction.periods import Period
from coproduction.project import Activity, Project, Purpose, Say, Stage

__all__ = ["CoproductionType", "Portfolio", "portfolio", "types_of"]


class CoproductionType(Word):
    """SCIE's types of co-production as Southwark's report lists them (section 2.11)."""

    CO_DESIGN = "co-design"
    CO_DECISION = "co-decision"
    CO_DELIVERY = "co-delivery"
    CO_EVALUATION = "co-evaluation"


def types_of(activity: Activity) -> tuple[CoproductionType, ...]:
    """The types an activity counts towards (empty without an equal or leading say)."""
    if activity.say not in SHARED_SAY and not activity.is_participatory_budgeting:
        return ()
    found = []
    if Purpose.DESIGN in activity.purpose:
        found.append(CoproductionType.CO_DESIGN)
    if (
        Purpose.DECIDE in activity.purpose
        or Stage.DECIDE in activity.stages
        or activity.is_participatory_budgeting
    ):
        found.append(CoproductionType.CO_DECISION)
    if Purpose.DELIVER in activity.purpose:
        found.append(CoproductionType.CO_DELIVERY)
    if Purpose.EVALUATE in activity.purpose:
        found.append(CoproductionType.CO_EVALUATION)
    return tuple(found)


def _substitutive(activity: Activity) -> bool:
    led_delivery = Purpose.DELIVER in activity.purpose and activity.say is Say.LEAD
    return activity.is_participatory_budgeting or led_delivery


@attrs.frozen
class Portfolio(Shown):
    """Co-production in a period by type, additive or substitutive.

    ``not_coproduced`` counts the activities held with no shared say.
    """

    period: Period
    activities_by_type: tuple[tuple[CoproductionType, int], ...]
    projects_by_type: tuple[tuple[CoproductionType, int], ...]
    additive: int
    substitutive: int
    not_coproduced: int

    @document
    def to_dict(self) -> dict[str, object]:
        """JSON-ready form (the CLI's ``measures --portfolio`` output)."""
        return {
            "period": {"start": self.period.start.isoformat(), "end": self.period.end.isoformat()},
            "activities_by_type": {t.value: n for t, n in self.activities_by_type},
            "projects_by_type": {t.value: n for t, n in self.projects_by_type},
            "additive": self.additive,
            "substitutive": self.substitutive,
            "not_coproduced": self.not_coproduced,
            "individual": "not recorded in project records (counts and survey results instead)",
        }


def portfolio(projects: Iterable[Project], period: Period) -> Portfolio:
    """The portfolio of the activities held with lived experience in ``period``.

    Pass one project for a project's portfolio, or a year's projects for the year's.
    """
    activities: dict[CoproductionType, int] = dict.fromkeys(CoproductionType, 0)
    projects_with: dict[CoproductionType, set[str]] = {t: set() for t in CoproductionType}
    additive = substitutive = none = 0
    for project, activity, _ in _taking_part(projects, period):
        kinds = types_of(activity)
        if not kinds:
            none += 1
            continue
        for kind in kinds:
            activities[kind] += 1
            projects_with[kind].add(project.id)
        if _substitutive(activity):
            substitutive += 1
        else:
            additive += 1
    return Portfolio(
        period=period,
        activities_by_type=tuple(activities.items()),
        projects_by_type=tuple((t, len(ids)) for t, ids in projects_with.items()),
        additive=additive,
        substitutive=substitutive,
        not_coproduced=none,
    )
