"""Composition: who takes part in a group or panel, against its register and the population.

Essex's workshops on its direct payment support service had "usually an even
split of people with lived experience and professionals" (ADASS East of England,
"Emerging approaches to co-production", 2023, L.767). A composition gives, for a
standing group's meetings (the activities whose ``group`` is the register) or for
every activity in a period, how many took part with lived experience, how many
without (professionals), and how many were counted without ids; and, by each
field of a reference population, who with lived experience took part against the
register's members and the population's shares.

The split is named by the package's own bands, not a published rule: "even
split" when people with lived experience are 40% to 60% of those who took part,
"mostly lived experience" above, "mostly professionals" below.

>>> import coproduction as cp
>>> board = cp.measures.load_register("examples/measures/involvement-board-register.toml")
>>> found = composition(cp.load_projects("examples/measures/board"),
...                     cp.Period.financial_year(2022), register=board)
>>> found.name, found.split
('Involvement Board (illustrative)', 'mostly lived experience')
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal
from fractions import Fraction
from typing import Any

import attrs

from coproduction.evidence import evidence_of
from coproduction.measures.core import NOT_RECORDED, OTHER, _runs_in, share_of
from coproduction.measures.population import Population
from coproduction.measures.register import Register
from coproduction.measures.suppression import DEFAULT_MIN_COUNT, Relation, suppress
from coproduction.periods import Period
from coproduction.project import Groups, Project

__all__ = ["Composition", "CompositionGroup", "composition"]

# The package's own bands for naming the split (see the module docstring).
EVEN_FROM, EVEN_TO = Fraction(2, 5), Fraction(3, 5)
LIVED, PROFESSIONALS, COUNTED = "lived_experience", "professionals", "counted_without_ids"
PEOPLE = "people"
MEMBERS = "\x00members"  # the register's members on the last day: published with the register


@attrs.frozen
class CompositionGroup:
    """One group: people with lived experience who took part, members, population share."""

    group: str
    took_part: int
    members: int | None  # None: no register given
    population_share: Decimal | None


@attrs.frozen
class Composition:
    """Who took part, and in what mix. Raw counts: publish ``published()``."""

    name: str
    period: Period
    lived: int  # listed people with lived experience, each once
    professionals: int  # listed people without lived experience
    counted: int  # people counted without ids (they have lived experience)
    fields: tuple[tuple[str, tuple[CompositionGroup, ...]], ...] = ()
    register: str | None = None  # the register's id, for a group's meetings

    @property
    def lived_share(self) -> Fraction | None:
        """The share with lived experience among everyone who took part."""
        everyone = self.lived + self.professionals + self.counted
        return Fraction(self.lived + self.counted, everyone) if everyone else None

    @property
    def split(self) -> str:
        """The mix named: even split, mostly lived experience, mostly professionals, or nobody."""
        share = self.lived_share
        if share is None:
            return "nobody"
        if share > EVEN_TO:
            return "mostly lived experience"
        if share < EVEN_FROM:
            return "mostly professionals"
        return "even split"

    def figures(self) -> tuple[dict[str, int], list[Relation]]:
        """The counts this publishes and how they add up (for suppression).

        Each field's groups of people who took part add up to those with lived
        experience in the mix, and its groups of members to the register's members
        on the period's last day (``MEMBERS``, published with the register).
        """
        figures = {LIVED: self.lived, PROFESSIONALS: self.professionals, COUNTED: self.counted}
        figures[PEOPLE] = sum(figures.values())
        relations = [Relation((LIVED, PROFESSIONALS, COUNTED), (PEOPLE,))]
        for field, groups in self.fields:
            took = {f"{field}.took_part.{g.group}": g.took_part for g in groups}
            figures |= took
            relations.append(Relation(tuple(took), (LIVED,)))
        for field, groups in self._with_members():
            held = {f"{field}.members.{g.group}": g.members or 0 for g in groups}
            figures.setdefault(MEMBERS, sum(held.values()))
            figures |= held
            relations.append(Relation(tuple(held), (MEMBERS,)))
        return figures, relations

    def _with_members(self) -> list[tuple[str, tuple[CompositionGroup, ...]]]:
        return [(f, groups) for f, groups in self.fields if None not in {g.members for g in groups}]

    def published(
        self,
        min_count: int = DEFAULT_MIN_COUNT,
        *,
        members_hidden: bool = False,
        hidden: frozenset[str] | None = None,
    ) -> dict[str, Any]:
        """The mix and the groups, small counts and the shares from them suppressed.

        All the figures of :meth:`figures` are suppressed as one set, so no hidden
        group can be worked out from the mix or from another field.
        ``members_hidden`` says the report suppressed the register's members at the
        end of the period (their groups must not add up to it); ``hidden``: the
        names of :meth:`figures` to suppress, when a larger report worked them out
        together with its other tables.
        """
        figures, relations = self.figures()
        if hidden is None:
            known = {MEMBERS: members_hidden} if MEMBERS in figures else {}
            hidden = suppress(figures, relations, min_count, known=known)

        # A breakdown whose total is hidden is not published at all: its hidden cells,
        # each at least 1, would bound the total from below (to its value, when all are 1).
        hidden = frozenset(hidden) | {
            name
            for name in figures
            if (".took_part." in name and LIVED in hidden)
            or (".members." in name and (MEMBERS in hidden or members_hidden))
        }

        def unless(name: str) -> int | None:
            return None if name in hidden else figures[name]

        mix_hidden = any(k in hidden for k in (LIVED, PROFESSIONALS, COUNTED, PEOPLE))
        fields = [
            {
                "field": field,
                "groups": [
                    {
                        "group": g.group,
                        "took_part": unless(f"{field}.took_part.{g.group}"),
                        "members": None
                        if g.members is None
                        else unless(f"{field}.members.{g.group}"),
                        "population_share": share_of(g.population_share),
                    }
                    for g in groups
                ],
            }
            for field, groups in self.fields
        ]
        return {
            "register": self.register,
            "name": self.name,
            "people": unless(PEOPLE),
            "mix": {k: unless(k) for k in (LIVED, PROFESSIONALS, COUNTED)},
            "lived_experience_share": None if mix_hidden else share_of(self.lived_share),
            "split": None if mix_hidden else self.split,
            "by": fields,
            "suppressed": [
                f"mix.{k}" if k in (LIVED, PROFESSIONALS, COUNTED) else k
                for k in figures
                if k in hidden and k != MEMBERS
            ],
        }


def composition(
    projects: Iterable[Project],
    period: Period,
    *,
    register: Register | None = None,
    population: Population | None = None,
) -> Composition:
    """Who took part in ``period``: in the register's meetings when given, else in everything.

    People are told apart by their id within their organisation, as in
    :func:`~coproduction.measures.reach`; each project is read through its
    evidence view as of the period's end, so planned activities never count.
    With a ``population``, people with lived experience who took part (and the
    register's members on the period's last day) are counted by each of its
    fields; a group the population does not list is counted as "not in the
    reference population", so a value typed by hand is never published.
    """
    lived: dict[tuple[str, str], Groups] = {}
    professionals: set[tuple[str, str]] = set()
    counted = 0
    for project in projects:
        view = evidence_of(project, period.end)
        people = {p.id: p for p in project.participants}
        for activity in view.activities:
            if not _runs_in(activity, period):
                continue
            if register is not None and activity.group != register.id:
                continue
            counted += activity.people
            for pid in activity.participants:
                person = people.get(pid)
                key = (project.organisation, pid)
                if person is not None and person.lived_experience:
                    lived[key] = person.groups
                else:
                    professionals.add(key)
    professionals -= set(lived)
    fields = []
    if population is not None:
        members = (
            [m.groups for m in register.members if m.member_on(period.end)] if register else None
        )
        for field in population.fields:
            shares = population.shares(field)

            def listed(groups: Groups, field: str = field, shares: Any = shares) -> str:
                value = groups.get(field)
                return NOT_RECORDED if value is None else value if value in shares else OTHER

            took = [listed(g) for g in lived.values()]
            held = None if members is None else [listed(g) for g in members]
            other = [OTHER] if OTHER in took or OTHER in (held or ()) else []
            names = [*shares, *other, NOT_RECORDED]
            fields.append(
                (
                    field,
                    tuple(
                        CompositionGroup(
                            group=name,
                            took_part=took.count(name),
                            members=None if held is None else held.count(name),
                            population_share=shares.get(name),
                        )
                        for name in names
                    ),
                )
            )
    return Composition(
        name=register.name if register else f"everyone taking part, {period.label}",
        period=period,
        lived=len(lived),
        professionals=len(professionals),
        counted=counted,
        fields=tuple(fields),
        register=register.id if register else None,
    )
