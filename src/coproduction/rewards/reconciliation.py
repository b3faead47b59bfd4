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

:func:`~coproduction.rewards.reconcile` (in
:mod:`~coproduction.rewards.reconciling`) makes a :class:`Reconciliation`.

Owed is *not worked out* (None, "unknown" in the table, null in JSON) for a person
recorded as attending with no claim for it: nothing gives the activity's length.
Such an entry is left out of the owed total, and the total says how many were.
The total difference is given with the underpaid and the overpaid amounts beside
it, so an underpayment and an overpayment cannot cancel out unseen.

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
from decimal import Decimal
from typing import Any

import attrs

from coproduction._convert import document
from coproduction._shown import Shown
from coproduction._vocab import Word
from coproduction.money import total

__all__ = ["FLAG_MEANINGS", "Entry", "Flag", "Reconciliation"]


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
