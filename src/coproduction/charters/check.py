"""Checking a project against a charter, and reading the same evidence against another.

An item's status comes from the checks of the concerns it maps to:

- ``met``: every check passes;
- ``partly-met``: at least one check passes or partly passes, but not all pass
  (a pass beside missing evidence is partly met: what is recorded is good, but
  not everything the item asks for is shown);
- ``not-met``: no check passes or partly passes, and at least one fails (a
  failure beside missing evidence is not met: nothing recorded meets the item);
- ``no-evidence``: none of the fields the checks read is recorded ("not recorded"
  is not the same as "not met", and the report keeps them apart);
- ``by-hand``: the item maps to no concern, so there is no automatic check; assess
  it by hand. It is never passed silently.

Checking reads the project and never changes it.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

import attrs

from coproduction._convert import document
from coproduction._shown import Shown
from coproduction._vocab import Word
from coproduction.charters.charter import Charter, Item
from coproduction.charters.checks import CHECKS, CheckResult, Context
from coproduction.charters.concerns import Concern, Outcome
from coproduction.charters.loading import load_charter
from coproduction.evidence import Evidence, evidence_of
from coproduction.measures import Population
from coproduction.project import Project

if TYPE_CHECKING:
    from coproduction.plan import ForwardPlan
    from coproduction.rewards.reconciliation import Reconciliation

__all__ = ["CharterReport", "ItemResult", "Status", "check_charter"]


class Status(Word):
    """An item's status in a report."""

    MET = "met"
    PARTLY_MET = "partly-met"
    NOT_MET = "not-met"
    NO_EVIDENCE = "no-evidence"
    BY_HAND = "by-hand"


@attrs.frozen
class ItemResult:
    """One charter item: its status, the checks behind it, and what would meet it."""

    item: str
    label: str
    status: Status
    checks: tuple[CheckResult, ...]

    @property
    def evidence(self) -> tuple[str, ...]:
        """The evidence the checks used (activity ids, dates, counts)."""
        return tuple(dict.fromkeys(e for c in self.checks for e in c.evidence))

    @property
    def to_meet(self) -> str:
        """What would meet the item, in plain English (empty when met)."""
        if self.status is Status.BY_HAND:
            return "No automatic check: assess by hand."
        return " ".join(dict.fromkeys(c.to_meet for c in self.checks if c.to_meet))

    @document
    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form."""
        return {
            "item": self.item,
            "label": self.label,
            "status": self.status.value,
            "evidence": list(self.evidence),
            "checks": [
                {
                    "check": c.check,
                    "concern": c.concern.value,
                    "outcome": c.outcome.value,
                    "detail": c.detail,
                }
                for c in self.checks
            ],
            "to_meet": self.to_meet,
        }


def _status(results: tuple[CheckResult, ...]) -> Status:
    if not results:
        return Status.BY_HAND
    outcomes = [r.outcome for r in results]
    if all(o is Outcome.NO_EVIDENCE for o in outcomes):
        return Status.NO_EVIDENCE
    if all(o is Outcome.PASS for o in outcomes):
        return Status.MET
    if all(o in (Outcome.FAIL, Outcome.NO_EVIDENCE) for o in outcomes):
        return Status.NOT_MET
    return Status.PARTLY_MET


@attrs.frozen
class CharterReport(Shown):
    """A project's compliance with a charter, item by item."""

    project: str
    charter: Charter
    as_of: datetime.date
    results: tuple[ItemResult, ...]
    concerns: tuple[tuple[Concern, tuple[CheckResult, ...]], ...] = attrs.field(repr=False)

    @property
    def summary(self) -> dict[str, int]:
        """How many items have each status."""
        counts = {s.value: 0 for s in Status}
        for result in self.results:
            counts[result.status.value] += 1
        return counts

    def crosswalk(self, other: Charter | str) -> CharterReport:
        """The same evidence read against another charter's items, through the concerns.

        ``other`` is a charter or a packaged id (e.g. ``"nhse-2022"``, ``"cqc-2023"``).
        """
        target = load_charter(other) if isinstance(other, str) else other
        return _report(self.project, target, self.as_of, dict(self.concerns))

    @document
    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form (the CLI's ``--json`` output for one project)."""
        return {
            "project": self.project,
            "charter": self.charter.id,
            "as_of": self.as_of.isoformat(),
            "results": [r.to_dict() for r in self.results],
            "summary": self.summary,
        }

    def text(self) -> str:
        """The report as plain text, for a terminal."""
        from coproduction.display.text import charter_text  # noqa: PLC0415 - edge, on use

        return charter_text(self)


def _concern_results(
    evidence: Evidence, context: Context
) -> dict[Concern, tuple[CheckResult, ...]]:
    results: dict[Concern, list[CheckResult]] = {}
    for check in CHECKS:
        results.setdefault(check.concern, [])
        if check.applies(context):
            results[check.concern].append(check.run(evidence, context))
    return {concern: tuple(found) for concern, found in results.items()}


def _item(item: Item, concerns: dict[Concern, tuple[CheckResult, ...]]) -> ItemResult:
    checks = tuple(r for concern in item.concerns for r in concerns[concern])
    return ItemResult(item.id, item.label, _status(checks), checks)


def _report(
    project_id: str,
    charter: Charter,
    as_of: datetime.date,
    concerns: dict[Concern, tuple[CheckResult, ...]],
) -> CharterReport:
    return CharterReport(
        project=project_id,
        charter=charter,
        as_of=as_of,
        results=tuple(_item(item, concerns) for item in charter.items),
        concerns=tuple(concerns.items()),
    )


def check_charter(
    project: Project,
    charter: Charter,
    as_of: datetime.date,
    population: Population | None = None,
    reconciliation: Reconciliation | None = None,
    *,
    plans: Iterable[ForwardPlan] = (),
) -> CharterReport:
    """Check ``project`` against ``charter`` using the evidence known on ``as_of``.

    The project is read once through its evidence view (:func:`coproduction.evidence_of`),
    and every check reads that view.

    ``population`` (optional) lets the lesser-heard-voices check compare the
    participants with the population they should reflect. ``reconciliation``
    (optional, :func:`coproduction.rewards.reconcile`) lets the paid-on-time check
    ask whether the amounts paid follow the reward policy. ``plans`` (optional,
    published forward plans) add the early-involvement check that each activity was
    on a plan before it happened; without them that check does not run.
    """
    context = Context(charter.parameters, as_of, population, reconciliation, tuple(plans))
    evidence = evidence_of(project, as_of)
    return _report(project.id, charter, as_of, _concern_results(evidence, context))
