"""Reconciliation: what a project paid, against what the policy gives for recorded attendance.

For each person and activity, four amounts side by side:

- **owed**: what the policy gives for the attendance the *project record* shows
  (the person is listed in the activity's ``participants``), worked out from the
  claim's times and expenses by :func:`~coproduction.rewards.calculate`;
- **claimed**: what the claim asks for: the amount worked out by hand on each
  item where the claim gives one (``claimed``), else the policy's amount for the
  claim as submitted (its own ``attended``);
- **paid**: the sum of the project's recorded ``payments`` with an ``amount``;
- **difference**: paid minus owed (positive: overpaid).

Owed is *not worked out* (None, "unknown" in the table, null in JSON) for a person
recorded as attending with no claim for it: nothing gives the activity's length.
Such an entry is left out of the owed total, and the total says how many were.
The total difference is given with the underpaid and the overpaid amounts beside
it, so an underpayment and an overpayment cannot cancel out unseen.

The claims belong to the project (a claim's ``project``, when given, must be
the project's id) and their activity ids are the project record's activity ids.
An expense counts towards the activity it names (``activity``), else the claim's
activity on the same date, else a row of its own with no activity.

Flags: ``attended-but-no-claim`` (a person with lived experience, not attending
as part of a paid job, recorded as attending, with no claim for it);
``claimed-but-not-recorded-as-attended``; ``paid-not-equal-owed``; ``paid-late``
(paid more than ``pay_within_days`` after the activity: the policy's stated
payment time, else 30 days, the term public bodies must pay undisputed invoices
within under the Public Contracts Regulations 2015, regulation 113);
``amount-not-recorded`` (a payment with a date but no amount, so paid and owed
cannot be compared).

>>> import coproduction as cp
>>> project = cp.load_project({
...     "id": "demo", "title": "Demo",
...     "participants": [{"id": "p1", "lived_experience": True}],
...     "activities": [{"id": "a1", "date": "2025-06-10", "stage": "plan",
...                     "kind": "meeting", "participants": ["p1"]}],
...     "payments": [{"activity": "a1", "participant": "p1", "paid_on": "2025-07-30",
...                   "amount": "40.00"}]})
>>> claim = cp.load_claim({"id": "c1", "participant": {"id": "p1"}, "activities": [
...     {"id": "a1", "date": "2025-06-10", "kind": "meeting", "minutes": 120, "attended": True}]})
>>> result = cp.rewards.reconcile(project, [claim], cp.load_policy("national-voices"))
>>> [entry] = result.entries
>>> entry.owed, entry.paid, entry.difference
(Decimal('50.00'), Decimal('40.00'), Decimal('-10.00'))
>>> [str(flag) for flag in entry.flags]
['paid-not-equal-owed', 'paid-late']
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from decimal import Decimal
from typing import Any

import attrs

from coproduction._convert import document
from coproduction._shown import Shown
from coproduction._vocab import Word
from coproduction.errors import Problem, ValidationError
from coproduction.money import ZERO, total
from coproduction.project import Project
from coproduction.rewards.calculate import Calculation, calculate
from coproduction.rewards.claims import Claim
from coproduction.rewards.policy import Policy

__all__ = ["DEFAULT_PAY_WITHIN_DAYS", "Entry", "Flag", "Reconciliation", "reconcile"]

DEFAULT_PAY_WITHIN_DAYS = 30
"""Days to pay when the policy states none: Public Contracts Regulations 2015, regulation 113."""


class Flag(Word):
    """Something a finance officer should look at in a reconciliation row."""

    ATTENDED_NO_CLAIM = "attended-but-no-claim"
    CLAIMED_NOT_ATTENDED = "claimed-but-not-recorded-as-attended"
    PAID_NOT_OWED = "paid-not-equal-owed"
    PAID_LATE = "paid-late"
    AMOUNT_NOT_RECORDED = "amount-not-recorded"


@attrs.frozen
class Entry:
    """One person and one activity: attendance, the four amounts, and the flags.

    ``participant`` is None for a payment recorded without a person;
    ``activity`` is None for expenses linked to no activity.
    """

    participant: str | None
    activity: str | None
    date: datetime.date | None
    attended: bool
    owed: Decimal | None  # None: not worked out (no claim gives the activity's length)
    claimed: Decimal
    paid: Decimal
    claims: tuple[str, ...] = ()
    flags: tuple[Flag, ...] = ()
    notes: tuple[str, ...] = ()

    @property
    def difference(self) -> Decimal | None:
        """Paid minus owed (positive: more was paid than the policy gives); None if owed is."""
        return None if self.owed is None else total([self.paid, -self.owed])

    @document
    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form; amounts as strings with two decimals."""
        return {
            "participant": self.participant,
            "activity": self.activity,
            "date": None if self.date is None else self.date.isoformat(),
            "attended": self.attended,
            "owed": _pence(self.owed),
            "claimed": f"{self.claimed:.2f}",
            "paid": f"{self.paid:.2f}",
            "difference": _pence(self.difference),
            "claims": list(self.claims),
            "flags": [flag.value for flag in self.flags],
            "notes": list(self.notes),
        }


@attrs.frozen
class Reconciliation(Shown):
    """A project's reconciliation under one policy: an entry per person and activity."""

    project: str
    policy: str
    pay_within_days: int
    entries: tuple[Entry, ...]

    @property
    def owed(self) -> Decimal:
        """What the policy gives for the recorded attendance it could be worked out for."""
        return total(e.owed for e in self.entries if e.owed is not None)

    @property
    def not_worked_out(self) -> int:
        """How many entries' owed amounts are not worked out (left out of :attr:`owed`)."""
        return sum(1 for e in self.entries if e.owed is None)

    @property
    def claimed(self) -> Decimal:
        """What all the claims ask for."""
        return total(e.claimed for e in self.entries)

    @property
    def paid(self) -> Decimal:
        """What the project recorded as paid (payments with an amount)."""
        return total(e.paid for e in self.entries)

    @property
    def difference(self) -> Decimal:
        """Paid minus owed, over the entries whose owed amount is worked out.

        Read it with :attr:`underpaid` and :attr:`overpaid`: they can cancel out.
        """
        return total(e.difference for e in self.entries if e.difference is not None)

    @property
    def underpaid(self) -> Decimal:
        """The sum of the shortfalls: entries paid less than owed (a positive amount)."""
        return total(-d for e in self.entries if (d := e.difference) is not None and d < 0)

    @property
    def overpaid(self) -> Decimal:
        """The sum of the excesses: entries paid more than owed."""
        return total(d for e in self.entries if (d := e.difference) is not None and d > 0)

    @property
    def flagged(self) -> tuple[Entry, ...]:
        """The entries with at least one flag."""
        return tuple(e for e in self.entries if e.flags)

    def entry(self, participant: str | None, activity: str | None) -> Entry | None:
        """The entry for one person and activity, or None."""
        return next(
            (e for e in self.entries if (e.participant, e.activity) == (participant, activity)),
            None,
        )

    @document
    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form (the CLI's ``pay --project ... --json`` output)."""
        return {
            "project": self.project,
            "policy": self.policy,
            "pay_within_days": self.pay_within_days,
            "owed": f"{self.owed:.2f}",
            "claimed": f"{self.claimed:.2f}",
            "paid": f"{self.paid:.2f}",
            "difference": f"{self.difference:.2f}",
            "underpaid": f"{self.underpaid:.2f}",
            "overpaid": f"{self.overpaid:.2f}",
            "not_worked_out": self.not_worked_out,
            "entries": [e.to_dict() for e in self.entries],
        }

    def table(self) -> str:
        """The entries and totals as plain text, for a terminal (drawn by the display edge)."""
        from coproduction.display.tables import reconciliation_table  # noqa: PLC0415

        return reconciliation_table(self)


# What each flag means, for the key under the table (a finance officer reads sentences).
FLAG_MEANINGS = {
    Flag.ATTENDED_NO_CLAIM: "recorded as attending, with no claim for it",
    Flag.CLAIMED_NOT_ATTENDED: "claimed, but the project record does not list them as attending",
    Flag.PAID_NOT_OWED: "paid is not what the policy gives for the recorded attendance",
    Flag.PAID_LATE: "paid more than {days} days after the activity",
    Flag.AMOUNT_NOT_RECORDED: "a payment has no amount, so paid and owed cannot be compared",
}


def _pence(amount: Decimal | None) -> str | None:
    return None if amount is None else f"{amount:.2f}"


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

    ``pay_within_days`` overrides the policy's stated payment time (see the
    module docstring for the default). Raises :class:`~coproduction.ValidationError`
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
