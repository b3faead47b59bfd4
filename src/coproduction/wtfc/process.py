"""Running a cycle: what stops it moving on, moving it on, ranking themes, the next cycle.

Each step has exit conditions (see ``docs/wtfc.md``). :func:`blockers` lists
every unmet condition in plain English, naming the item concerned;
:func:`advance` returns a new record one step on, or raises
:class:`StepBlocked` carrying the blockers. Nothing already recorded is ever
lost or changed: moving on only appends to the history.

Themes are ranked by how many statements they hold (set-aside statements do
not count). Ties are broken by more "not working" statements first (the
method exists to change what is not working), then by theme id, so the ranking
never depends on the order of the record.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable

import attrs

from coproduction._convert import document
from coproduction.errors import CoproductionError, Problem, ValidationError
from coproduction.wtfc.cycle import (
    Action,
    ActionStatus,
    Category,
    Cycle,
    Status,
    Step,
    StepChange,
)

__all__ = [
    "Blocker",
    "Progress",
    "StepBlocked",
    "ThemeRank",
    "advance",
    "blockers",
    "next_cycle",
    "priority_themes",
    "progress",
    "rank_themes",
    "record_action_status",
    "warnings",
]


@attrs.frozen
class Blocker:
    """An unmet exit condition: which step, which condition, the item, and what is missing."""

    step: Step
    condition: str
    item: str
    message: str

    def __str__(self) -> str:
        return self.message


class StepBlocked(CoproductionError):  # noqa: N818 - named as the domain says it
    """A cycle cannot move on; ``blockers`` says what is missing."""

    def __init__(self, cycle_id: str, step: Step, blockers: tuple[Blocker, ...]) -> None:
        self.blockers = blockers
        lines = "\n".join(f"  {b}" for b in blockers)
        super().__init__(f"cycle {cycle_id} cannot move on from {step.value}:\n{lines}")


@attrs.frozen
class ThemeRank:
    """A theme's place in the ranking, with its statement counts per category."""

    id: str
    title: str
    statements: int
    by_category: tuple[tuple[Category, int], ...]
    rank: int
    priority: bool

    @document
    def to_dict(self) -> dict[str, object]:
        """JSON-ready form."""
        return {
            "id": self.id,
            "title": self.title,
            "statements": self.statements,
            "rank": self.rank,
            "priority": self.priority,
            "by_category": {c.value: n for c, n in self.by_category},
        }


def rank_themes(cycle: Cycle) -> tuple[ThemeRank, ...]:
    """Themes by statement count; ties by more not-working statements, then theme id."""
    counts = {t.id: dict.fromkeys(Category, 0) for t in cycle.themes}
    for statement in cycle.statements:
        if statement.theme in counts and not statement.set_aside:
            counts[statement.theme][statement.category] += 1
    order = sorted(
        cycle.themes,
        key=lambda t: (-sum(counts[t.id].values()), -counts[t.id][Category.NOT_WORKING], t.id),
    )
    ranked = []
    for rank, theme in enumerate(order, start=1):
        total = sum(counts[theme.id].values())
        ranked.append(
            ThemeRank(
                id=theme.id,
                title=theme.title,
                statements=total,
                by_category=tuple(counts[theme.id].items()),
                rank=rank,
                priority=rank <= cycle.priorities and total > 0,
            )
        )
    return tuple(ranked)


def priority_themes(cycle: Cycle) -> tuple[str, ...]:
    """The ids of the top ``priorities`` themes that hold at least one statement."""
    return tuple(r.id for r in rank_themes(cycle) if r.priority)


def _prepare(cycle: Cycle) -> list[Blocker]:
    found = []
    if not cycle.purpose.strip():
        found.append(("purpose", "purpose", "the cycle has no purpose: say what it is for"))
    if not any(p.lived_experience for p in cycle.people):
        found.append(
            (
                "lived-experience",
                "people",
                "nobody taking part has lived experience: add at least one person who "
                "uses services or is a carer",
            )
        )
    if not cycle.reviews:
        found.append(("reviews", "reviews", "no reviews are listed to draw statements from"))
    return [Blocker(Step.PREPARE, c, i, m) for c, i, m in found]


def _over_kept(cycle: Cycle) -> list[tuple[str, str]]:
    """(where, message) for each source keeping more statements than the cycle's setting."""
    return [
        (
            f"reviews[{index}]",
            f"review {review.id} ({review.kind.value}) keeps {count} {category.value} "
            f"statements; the cycle keeps {cycle.statements_per_source} per source "
            f"({review.kind.top_two}): set the rest aside, or change statements_per_source",
        )
        for index, review, category, count in cycle.over_kept()
    ]


def _collect(cycle: Cycle) -> list[Blocker]:
    with_statements = {s.review for s in cycle.statements}
    found = [
        Blocker(
            Step.COLLECT, "statements", f"reviews[{i}]", f"review {r.id} has no statements recorded"
        )
        for i, r in enumerate(cycle.reviews)
        if r.id not in with_statements
    ]
    found += [
        Blocker(Step.COLLECT, "statements-per-source", where, message)
        for where, message in _over_kept(cycle)
    ]
    return found


def _theme(cycle: Cycle) -> list[Blocker]:
    found = [
        Blocker(
            Step.THEME,
            "themed",
            f"statements[{i}]",
            f"statement {s.id} is in no theme and not set aside",
        )
        for i, s in enumerate(cycle.statements)
        if s.theme is None and not s.set_aside
    ]
    found += [
        Blocker(
            Step.THEME,
            "i-statement",
            f"themes[{i}]",
            f'theme {t.id} ({t.title}) has no "I" statement',
        )
        for i, t in enumerate(cycle.themes)
        if not t.i_statement.strip()
    ]
    if not priority_themes(cycle):
        found.append(
            Blocker(
                Step.THEME,
                "themes",
                "themes",
                "no theme holds any statements, so there are no priorities",
            )
        )
    return found


def _per_priority(
    cycle: Cycle, step: Step, condition: str, covered: Iterable[str], needs: str
) -> list[Blocker]:
    have = set(covered)
    return [
        Blocker(
            step,
            condition,
            f"theme {theme_id}",
            f"priority theme {theme_id} ({_title(cycle, theme_id)}) has no {needs}",
        )
        for theme_id in priority_themes(cycle)
        if theme_id not in have
    ]


def _title(cycle: Cycle, theme_id: str) -> str:
    theme = cycle.theme(theme_id)
    return theme.title if theme else theme_id


def _plan(cycle: Cycle) -> list[Blocker]:
    found = _per_priority(cycle, Step.PLAN, "actions", (a.theme for a in cycle.actions), "action")
    for index, action in enumerate(cycle.actions):
        if not action.owner.strip():
            found.append(
                Blocker(Step.PLAN, "owner", f"actions[{index}]", f"action {action.id} has no owner")
            )
        if action.due is None:
            found.append(
                Blocker(
                    Step.PLAN, "due", f"actions[{index}]", f"action {action.id} has no due date"
                )
            )
    return found


def _implement(cycle: Cycle) -> list[Blocker]:
    planned = cycle.entered.get(Step.IMPLEMENT)
    return [
        Blocker(
            Step.IMPLEMENT,
            "status",
            f"actions[{index}]",
            f"action {action.id} has no status recorded since the plan was made"
            + (f" ({planned.isoformat()})" if planned else ""),
        )
        for index, action in enumerate(cycle.actions)
        if not any(planned is None or change.on >= planned for change in action.history)
    ]


def _review(cycle: Cycle) -> list[Blocker]:
    if cycle.cycle_review is None:
        return [
            Blocker(
                Step.REVIEW,
                "review",
                "cycle_review",
                "no review is recorded: add its date and what changed for each priority theme",
            )
        ]
    return _per_priority(
        cycle,
        Step.REVIEW,
        "findings",
        (f.theme for f in cycle.cycle_review.findings),
        "finding at the review (what changed against its success measures)",
    )


def blockers(cycle: Cycle) -> tuple[Blocker, ...]:
    """Every exit condition of the current step that is not met (empty: it can move on)."""
    check = {
        Step.PREPARE: _prepare,
        Step.COLLECT: _collect,
        Step.THEME: _theme,
        Step.UNDERSTAND: lambda c: _per_priority(
            c, Step.UNDERSTAND, "root-causes", (r.theme for r in c.root_causes), "root cause"
        ),
        Step.IDENTIFY_SUCCESS: lambda c: _per_priority(
            c, Step.IDENTIFY_SUCCESS, "success", (s.theme for s in c.success), "success measure"
        ),
        Step.PLAN: _plan,
        Step.IMPLEMENT: _implement,
        Step.REVIEW: _review,
    }[cycle.step]
    return tuple(check(cycle))


def warnings(cycle: Cycle) -> tuple[str, ...]:
    """What the method depends on but does not block.

    From Theme on: both voices in the theming group, and any source still
    keeping more statements than the cycle's setting (a Collect blocker
    earlier, a warning once the cycle is past it).
    """
    if cycle.step.number < Step.THEME.number:
        return ()
    found = [message for _, message in _over_kept(cycle)]
    if not any(p.lived_experience for p in cycle.people):
        found.append(
            "nobody with lived experience is recorded in the group: the method "
            "depends on people who use services and carers theming together"
        )
    if not any(p.decision_maker for p in cycle.people):
        found.append(
            "no decision maker is recorded in the group: the method depends on "
            "decision makers being present and supporting the outcomes"
        )
    return tuple(found)


def _check_date(cycle: Cycle, on: datetime.date) -> None:
    if cycle.history and on < cycle.history[-1].on:
        raise ValidationError(
            [
                Problem(
                    "on",
                    f"{on.isoformat()} is before the last step change "
                    f"({cycle.history[-1].on.isoformat()})",
                )
            ]
        )


def advance(cycle: Cycle, on: datetime.date) -> Cycle:
    """A new record one step on, dated ``on``; raises :class:`StepBlocked` if it cannot move.

    The Review step has no step after it: use :func:`next_cycle`.
    """
    found = blockers(cycle)
    if found:
        raise StepBlocked(cycle.id, cycle.step, found)
    following = cycle.step.next
    if following is None:
        raise StepBlocked(
            cycle.id,
            cycle.step,
            (
                Blocker(
                    Step.REVIEW,
                    "last-step",
                    "step",
                    "review is the last step: start the next cycle with next_cycle",
                ),
            ),
        )
    _check_date(cycle, on)
    return attrs.evolve(cycle, step=following, history=(*cycle.history, StepChange(following, on)))


def record_action_status(
    cycle: Cycle, action_id: str, status: Status, on: datetime.date, reason: str = ""
) -> Cycle:
    """A new record with ``status`` appended to an action's history."""
    index = next((i for i, a in enumerate(cycle.actions) if a.id == action_id), None)
    if index is None:
        raise ValidationError([Problem("action", f"no action {action_id!r}")])
    action = cycle.actions[index]
    updated = attrs.evolve(action, history=(*action.history, ActionStatus(status, on, reason)))
    actions = (*cycle.actions[:index], updated, *cycle.actions[index + 1 :])
    return attrs.evolve(cycle, actions=actions)


def next_cycle(cycle: Cycle, new_id: str, on: datetime.date, title: str | None = None) -> Cycle:
    """Start the next cycle from a reviewed one, carrying unfinished actions forward.

    The new cycle starts at Prepare with the same purpose and people; it keeps
    the themes its carried actions belong to (with their histories).
    """
    if cycle.step is not Step.REVIEW or blockers(cycle):
        found = (
            blockers(cycle)
            if cycle.step is Step.REVIEW
            else (
                Blocker(
                    cycle.step, "review", "step", f"the cycle is at {cycle.step.value}, not review"
                ),
            )
        )
        raise StepBlocked(cycle.id, cycle.step, found)
    _check_date(cycle, on)
    carried: tuple[Action, ...] = tuple(
        a for a in cycle.actions if a.status is None or not a.status.finished
    )
    themes = {a.theme for a in carried}
    return Cycle(
        id=new_id,
        title=title or cycle.title,
        step=Step.PREPARE,
        purpose=cycle.purpose,
        history=(StepChange(Step.PREPARE, on),),
        priorities=cycle.priorities,
        statements_per_source=cycle.statements_per_source,
        people=cycle.people,
        themes=tuple(t for t in cycle.themes if t.id in themes),
        actions=carried,
        follows=cycle.id,
        project=cycle.project,
    )


@attrs.frozen
class Progress:
    """Actions by current status, and those overdue on a date."""

    total: int
    by_status: tuple[tuple[str, int], ...]
    overdue: tuple[str, ...]

    @document
    def to_dict(self) -> dict[str, object]:
        """JSON-ready form."""
        return {
            "total": self.total,
            "by_status": dict(self.by_status),
            "overdue": list(self.overdue),
        }


def progress(cycle: Cycle, as_of: datetime.date) -> Progress:
    """Actions by current status, and those overdue on ``as_of`` (due and not finished)."""
    by_status: dict[str, int] = {}
    for action in cycle.actions:
        key = action.status.value if action.status else "no status"
        by_status[key] = by_status.get(key, 0) + 1
    overdue = tuple(
        a.id
        for a in cycle.actions
        if a.due is not None and a.due < as_of and not (a.status and a.status.finished)
    )
    return Progress(len(cycle.actions), tuple(sorted(by_status.items())), overdue)
