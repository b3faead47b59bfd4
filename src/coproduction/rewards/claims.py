"""Claims: what a person took part in and spent, to be paid under a policy.

A claim is about one person (pseudonymous id) and lists their activities and
expenses. ``claimed`` amounts (per item) and ``claimed_total`` are optional:
they hold what was worked out by hand, so the calculation can be checked
against them.
"""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

import attrs

from coproduction import _checks
from coproduction._records import ids_and_repeats, items, value_of
from coproduction._shown import Shown
from coproduction._vocab import Word
from coproduction.errors import Problem, raise_problems
from coproduction.money import amount_problems
from coproduction.rewards.policy import Policy, PolicyNotInForceError
from coproduction.rewards.words import ExpenseKind, Vehicle

__all__ = [
    "Benefit",
    "Choice",
    "Claim",
    "ClaimActivity",
    "Claimant",
    "Expense",
    "PaidTo",
    "claim_reference_problems",
    "policy_problems",
]


class Benefit(Word):
    """Benefits a person may declare, for threshold flags (never advice)."""

    UNIVERSAL_CREDIT = "universal-credit"
    ESA = "esa"
    CARERS_ALLOWANCE = "carers-allowance"
    PENSION_CREDIT = "pension-credit"
    HOUSING_BENEFIT = "housing-benefit"

    @classmethod
    def personal(cls) -> bool:
        """A benefit declared is personal: a message never quotes one back."""
        return True


class Choice(Word):
    """What the person chose to do with the reward (expenses are always paid).

    People may decline, take less, or have a payment given elsewhere (NIHR
    2024 guide for members of the public; SCIE At a glance 50).
    """

    ACCEPT = "accept"
    REDUCE = "reduce"  # take ``reduce_to`` instead of the full reward
    DECLINE = "decline"
    DONATE = "donate"  # given to a cause instead of the person
    VOUCHER = "voucher"  # paid as a voucher (which still counts as earnings)


class PaidTo(Word):
    """Who receives the reward (IRISS: paying an organisation can suit a person's benefits)."""

    PERSON = "person"
    ORGANISATION = "organisation"  # paid to a group or employer the person names


@attrs.frozen
class Claimant:
    """The person claiming. ``paid_by_employer``: attending as part of a paid job.

    ``spread_weeks`` spreads the reward evenly over that many weeks from the
    week of each activity (IRISS pays some collaborators this way because of
    their benefits): the threshold flags and weekly totals follow the spread.
    ``paid_to = "organisation"`` pays the reward to an organisation, so it is
    not the person's earnings.
    """

    id: str
    paid_by_employer: bool = False
    benefits: tuple[Benefit, ...] = attrs.field(default=(), repr=False)
    choice: Choice = Choice.ACCEPT
    reduce_to: Decimal | None = None
    spread_weeks: int = 1
    paid_to: PaidTo = PaidTo.PERSON

    def __attrs_post_init__(self) -> None:
        problems = amount_problems("reduce_to", self.reduce_to)
        if self.spread_weeks < 1:
            problems.append(Problem("spread_weeks", "must be 1 or more"))
        if self.choice is Choice.REDUCE and self.reduce_to is None:
            problems.append(Problem("choice", "reduce needs reduce_to"))
        if self.choice is not Choice.REDUCE and self.reduce_to is not None:
            problems.append(Problem("reduce_to", 'only goes with choice = "reduce"'))
        raise_problems(problems)


# The sensible range of an activity's minutes, its preparation and its follow-up: a
# week at most (docs/project-record.md); more is a typing slip.
MOST_MINUTES = 7 * 24 * 60


@attrs.frozen
class ClaimActivity:
    """An activity the person was invited to: its time, and whether they attended.

    Give either ``start`` and ``end`` or ``minutes``. Payment follows
    attendance, never registration: ``attended = false`` earns no reward.
    ``role`` is the person's part in it (a policy may pay roles differently);
    ``named_eligible`` records that the organiser named the activity eligible
    for payment in advance (a policy with ``named_in_advance`` pays only those).
    """

    id: str
    date: datetime.date
    kind: str
    attended: bool
    start: datetime.time | None = None
    end: datetime.time | None = None
    minutes: int | None = None
    preparation_minutes: int = 0
    follow_up_minutes: int = 0
    claimed: Decimal | None = None
    role: str | None = attrs.field(default=None, repr=False)  # may be typed as free text
    named_eligible: bool = False

    def __attrs_post_init__(self) -> None:
        problems = amount_problems("claimed", self.claimed)
        has_times = self.start is not None or self.end is not None
        if has_times and self.minutes is not None:
            problems.append(Problem("minutes", "give start and end, or minutes, not both"))
        elif self.minutes is None and (self.start is None or self.end is None):
            missing = "end" if self.start is not None else "start"
            problems.append(Problem(missing, "give start and end, or minutes"))
        if self.start is not None and self.end is not None and self.end <= self.start:
            problems.append(Problem("end", "before start"))
        for name in ("minutes", "preparation_minutes", "follow_up_minutes"):
            value = getattr(self, name)
            if value is not None and value < 0:
                problems.append(Problem(name, "must be 0 or more"))
            elif value is not None and value > MOST_MINUTES:
                problems.append(Problem(name, f"more than a week ({MOST_MINUTES:,} minutes)"))
        raise_problems(problems)

    @property
    def duration(self) -> int:
        """The activity's own length in minutes (preparation not included)."""
        if self.minutes is not None:
            return self.minutes
        start = datetime.datetime.combine(self.date, self.start or datetime.time())
        end = datetime.datetime.combine(self.date, self.end or datetime.time())
        return int((end - start).total_seconds() // 60)


@attrs.frozen
class Expense:
    """An expense. ``amount`` is what was spent (not for mileage, which gives ``miles``).

    ``activity`` links it to the activity it was for (care cover is capped per
    event). ``receipt`` and ``approved`` record what the policy may require.
    """

    kind: ExpenseKind
    date: datetime.date
    amount: Decimal | None = None
    miles: Decimal | None = None
    vehicle: Vehicle = Vehicle.CAR
    engine_cc: int | None = None  # for policies that pay mileage by engine size
    hours: Decimal | None = None
    receipt: bool = False
    approved: bool = False
    activity: str | None = None
    claimed: Decimal | None = None

    def __attrs_post_init__(self) -> None:
        problems = amount_problems("amount", self.amount)
        problems += amount_problems("claimed", self.claimed)
        if self.kind is ExpenseKind.MILEAGE:
            if self.miles is None:
                problems.append(Problem("miles", "a mileage claim needs miles"))
            if self.amount is not None:
                problems.append(Problem("amount", "mileage is paid by the mile: give miles only"))
        elif self.amount is None:
            problems.append(Problem("amount", f"a {self.kind.value} expense needs an amount"))
        if self.miles is not None and self.kind is not ExpenseKind.MILEAGE:
            problems.append(Problem("miles", "only a mileage claim has miles"))
        if self.miles is not None and self.miles < 0:
            problems.append(Problem("miles", "must not be negative"))
        if self.engine_cc is not None and self.kind is not ExpenseKind.MILEAGE:
            problems.append(Problem("engine_cc", "only a mileage claim has an engine size"))
        if self.engine_cc is not None and self.engine_cc < 1:
            problems.append(Problem("engine_cc", "must be 1 or more"))
        if self.hours is not None and self.kind is not ExpenseKind.CARE_COVER:
            problems.append(Problem("hours", "only care cover has hours"))
        if self.hours is not None and self.hours < 0:
            problems.append(Problem("hours", "must not be negative"))
        raise_problems(problems)


@attrs.frozen
class Claim(Shown):
    """One person's claim. ``policy`` optionally names the policy it is made under."""

    id: str
    participant: Claimant
    activities: tuple[ClaimActivity, ...] = ()
    expenses: tuple[Expense, ...] = ()
    claimed_total: Decimal | None = None
    policy: str | None = None
    project: str | None = None

    def __attrs_post_init__(self) -> None:
        raise_problems(
            amount_problems("claimed_total", self.claimed_total) + claim_reference_problems(self)
        )

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form, the same as ``coproduction.to_dict(self)``."""
        from coproduction._convert import to_dict  # noqa: PLC0415 - the converter imports this

        return to_dict(self)


def claim_reference_problems(record: Any) -> list[Problem]:
    """Duplicate activity ids and expenses linked to no activity, in a claim raw or built."""
    activity_ids, problems = ids_and_repeats(record, "activities")
    for index, expense in items(record, "expenses"):
        activity_id = value_of(expense, "activity")
        if isinstance(activity_id, str) and activity_id not in activity_ids:
            problems.append(
                Problem(f"expenses[{index}].activity", f"no activity with id {activity_id!r}")
            )
    return problems


def policy_problems(claim: Claim, policy: Policy) -> list[Problem]:
    """What in ``claim`` the policy cannot price: each problem at its field, every one at once.

    A date with no version in force, or an activity kind the version does not pay for.
    The kind itself is not repeated (a kind column may hold anything typed by hand).

    >>> from coproduction.rewards import load_claim, load_policy
    >>> claim = load_claim({"id": "c", "participant": {"id": "p"}, "activities": [
    ...     {"id": "a1", "date": "2025-06-10", "kind": "tea party", "minutes": 60,
    ...      "attended": True},
    ...     {"id": "a2", "date": "2010-06-10", "kind": "meeting", "minutes": 60,
    ...      "attended": True}]})
    >>> for problem in policy_problems(claim, load_policy("national-voices")):
    ...     print(problem)
    activities[0].kind: not an activity kind in policy national-voices (version 2024: ...)
    activities[1].date: policy national-voices has no version in force on 2010-06-10 (...)
    """
    problems = []
    for index, activity in enumerate(claim.activities):
        try:
            version = policy.version_on(activity.date)
        except PolicyNotInForceError as error:
            problems.append(Problem(f"activities[{index}].date", str(error)))
            continue
        if version.rule_for(activity.kind, activity.role) is None:
            kinds = ", ".join(version.activity_kinds)
            message = (
                f"not an activity kind in policy {policy.id} (version {version.version}: {kinds})"
            )
            problems.append(Problem(f"activities[{index}].kind", message))
    for index, expense in enumerate(claim.expenses):
        try:
            policy.version_on(expense.date)
        except PolicyNotInForceError as error:
            problems.append(Problem(f"expenses[{index}].date", str(error)))
    return problems


# Records built in Python check their dates, money and closed words (see _checks).
_checks.install(Claimant, ClaimActivity, Expense, Claim)
