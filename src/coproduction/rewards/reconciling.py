"""Reconciling a project: its claims and payments matched to its recorded attendance.

The claims belong to the project (a claim's ``project``, when given, must be
the project's id) and their activity ids are the project record's activity ids.
An expense counts towards the activity it names (``activity``), else the claim's
activity on the same date, else a row of its own with no activity. What each
amount and flag means is in :mod:`~coproduction.rewards.reconciliation`.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from decimal import Decimal

import attrs

from coproduction.errors import Problem, ValidationError
from coproduction.money import ZERO, total
from coproduction.project import Project
from coproduction.rewards.calculate import Calculation, calculate
from coproduction.rewards.claims import Claim
from coproduction.rewards.policy import Policy
from coproduction.rewards.reconciliation import Entry, Flag, Reconciliation

__all__ = ["DEFAULT_PAY_WITHIN_DAYS", "reconcile"]

DEFAULT_PAY_WITHIN_DAYS = 30
"""Days to pay when the policy states none: Public Contracts Regulations 2015, regulation 113."""


Key = tuple[str | None, str | None]


@attrs.define
class _Row:
    """An entry being gathered."""

    date: datetime.date | None = None
    claimed_attended: bool = False
    owed: Decimal = ZERO
    claimed: Decimal = ZERO
    paid: Decimal = ZERO
    claims: list[str] = attrs.Factory(list)
    notes: list[str] = attrs.Factory(list)
    payments: int = 0
    unrecorded_amounts: int = 0
    late: bool = False
    worked_out: bool = True  # False: attended with no claim, so no length to price


def _recorded(project: Project) -> set[Key]:
    return {(pid, a.id) for a in project.activities for pid in a.participants}


def _item_keys(claim: Claim) -> dict[str, str | None]:
    """The project activity each item of a claim counts towards."""
    keys: dict[str, str | None] = {}
    for index, activity in enumerate(claim.activities):
        keys[f"activities[{index}]"] = activity.id
    for index, expense in enumerate(claim.expenses):
        same_day = next((a.id for a in claim.activities if a.date == expense.date), None)
        keys[f"expenses[{index}]"] = expense.activity or same_day
    return keys


def _by_item(calc: Calculation) -> dict[str, Decimal]:
    amounts: dict[str, Decimal] = {}
    for line in calc.lines:
        amounts[line.item] = amounts.get(line.item, ZERO) + line.amount
    return amounts


def _claim_problems(project: Project, claims: Iterable[Claim]) -> list[Problem]:
    return [
        Problem(f"claim {c.id}", f"is for project {c.project!r}, not {project.id!r}")
        for c in claims
        if c.project is not None and c.project != project.id
    ]


def reconcile(
    project: Project,
    claims: Iterable[Claim],
    policy: Policy,
    *,
    pay_within_days: int | None = None,
) -> Reconciliation:
    """Compare what ``project`` paid with what ``policy`` gives for its recorded attendance.

    ``pay_within_days`` overrides the policy's stated payment time (else
    :data:`DEFAULT_PAY_WITHIN_DAYS`). Raises :class:`~coproduction.ValidationError`
    for a claim that names another project, or one the policy cannot price.
    """
    claims = list(claims)
    problems = _claim_problems(project, claims)
    if problems:
        raise ValidationError(problems)
    days = pay_within_days
    if days is None:
        days = policy.pay_within_days
    if days is None:
        days = DEFAULT_PAY_WITHIN_DAYS
    recorded = _recorded(project)
    rows: dict[Key, _Row] = {}
    _add_claims(rows, claims, policy, recorded)
    _add_payments(rows, project, claims, days)
    lived = {p.id for p in project.participants if p.lived_experience and not p.paid_to_attend}
    for activity in project.activities:
        for person in activity.participants:
            key = (person, activity.id)
            if person in lived and (key not in rows or not rows[key].claims):
                row = rows.setdefault(key, _Row())
                row.date = row.date or activity.last_date
                row.worked_out = False
                row.notes.append("no claim gives its length, so what is owed is not worked out")
    order = {a.id: i for i, a in enumerate(project.activities)}
    keys = sorted(rows, key=lambda k: (order.get(k[1] or "", len(order)), k[1] or "", k[0] or ""))
    entries = [_entry(key, rows[key], recorded, lived) for key in keys]
    return Reconciliation(project.id, policy.id, days, tuple(entries))


def _entry(key: Key, row: _Row, recorded: set[Key], lived: set[str]) -> Entry:
    person, activity = key
    attended = key in recorded
    flags = []
    if attended and not row.claimed_attended and person in lived:
        flags.append(Flag.ATTENDED_NO_CLAIM)
    if row.claimed_attended and not attended:
        flags.append(Flag.CLAIMED_NOT_ATTENDED)
    if row.unrecorded_amounts:
        flags.append(Flag.AMOUNT_NOT_RECORDED)
    elif row.worked_out and row.paid != row.owed:
        flags.append(Flag.PAID_NOT_OWED)
        if not row.payments:
            row.notes.append("no payment is recorded")
    if row.late:
        flags.append(Flag.PAID_LATE)
    return Entry(
        participant=person,
        activity=activity,
        date=row.date,
        attended=attended,
        owed=total([row.owed]) if row.worked_out else None,
        claimed=total([row.claimed]),
        paid=total([row.paid]),
        claims=tuple(row.claims),
        flags=tuple(flags),
        notes=tuple(row.notes),
    )


def _row(rows: dict[Key, _Row], key: Key) -> _Row:
    return rows.setdefault(key, _Row())


def _add_claims(
    rows: dict[Key, _Row], claims: list[Claim], policy: Policy, recorded: set[Key]
) -> None:
    """Owed (by the record's attendance) and claimed (as submitted) per person and activity."""
    as_submitted: list[Calculation] = []
    as_recorded: list[Calculation] = []
    for claim in claims:
        person = claim.participant.id
        by_record = attrs.evolve(
            claim,
            activities=tuple(
                attrs.evolve(a, attended=(person, a.id) in recorded) for a in claim.activities
            ),
        )
        submitted = calculate(claim, policy, earlier=as_submitted)
        owed = calculate(by_record, policy, earlier=as_recorded)
        as_submitted.append(submitted)
        as_recorded.append(owed)
        hand = dict(submitted.claimed_items)
        submitted_items, owed_items = _by_item(submitted), _by_item(owed)
        for item, activity_id in _item_keys(claim).items():
            entry = _row(rows, (person, activity_id))
            if claim.id not in entry.claims:
                entry.claims.append(claim.id)
            entry.owed += owed_items.get(item, ZERO)
            entry.claimed += hand.get(item, submitted_items.get(item, ZERO))
        for activity in claim.activities:
            entry = _row(rows, (person, activity.id))
            entry.date = max(entry.date or activity.date, activity.date)
            entry.claimed_attended = entry.claimed_attended or activity.attended


def _add_payments(rows: dict[Key, _Row], project: Project, claims: list[Claim], days: int) -> None:
    """Paid per person and activity, and which payments were late."""
    for payment in project.payments:
        person = payment.participant
        if person is None and payment.claim is not None:
            person = next((c.participant.id for c in claims if c.id == payment.claim), None)
        entry = _row(rows, (person, payment.activity))
        entry.payments += 1
        if payment.amount is None:
            entry.unrecorded_amounts += 1
        else:
            entry.paid += payment.amount
        activity = project.activity(payment.activity)
        held = entry.date or (activity.last_date if activity else None)
        if held is not None and (payment.paid_on - held).days > days:
            entry.late = True
            entry.notes.append(
                f"paid on {payment.paid_on.isoformat()}, "
                f"{(payment.paid_on - held).days} days after {held.isoformat()}"
            )
