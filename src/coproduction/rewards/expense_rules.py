"""Expense rules: how each kind of expense is reimbursed, and mileage rates per vehicle."""

from __future__ import annotations

from decimal import Decimal

import attrs

from coproduction import _checks
from coproduction.errors import Problem, raise_problems
from coproduction.money import amount_problems
from coproduction.rewards.words import ExpenseKind, Unit, Vehicle

__all__ = ["ExpenseRule", "MileageRate"]


@attrs.frozen
class MileageRate:
    """A rate per mile for one kind of vehicle.

    ``up_to_miles``: the rate holds for a person's first miles in a tax year up
    to this total (counting their earlier claims); the next rate listed for the
    same vehicle holds after it (HMRC: 10,000 business miles).
    ``engine_cc_from`` / ``engine_cc_up_to`` (both included) limit a rate to
    engines of that size, for policies that pay mileage by engine size.
    """

    vehicle: Vehicle
    rate: Decimal
    per: Unit
    up_to_miles: int | None = None
    engine_cc_from: int | None = None
    engine_cc_up_to: int | None = None

    def fits(self, engine_cc: int | None) -> bool:
        """Whether this rate applies to an engine of ``engine_cc`` (None: size not given)."""
        if self.engine_cc_from is None and self.engine_cc_up_to is None:
            return True
        if engine_cc is None:
            return False
        low = self.engine_cc_from if self.engine_cc_from is not None else 0
        return low <= engine_cc and (
            self.engine_cc_up_to is None or engine_cc <= self.engine_cc_up_to
        )

    def __attrs_post_init__(self) -> None:
        problems = amount_problems("rate", self.rate, pennies=False)
        if self.per is not Unit.MILE:
            problems.append(Problem("per", "a mileage rate must be per mile"))
        raise_problems(problems)


@attrs.frozen
class ExpenseRule:
    """How one kind of expense is reimbursed.

    Public transport, taxis, parking and other costs are paid at cost (the
    ``amount`` claimed); mileage by ``mileage`` rates per vehicle; care cover
    at cost up to ``rate`` per hour and ``cap_per_event``; subsistence at cost
    up to ``cap_per_day``. ``receipt_required`` and ``approval_required`` are
    the policy's conditions: a claim that does not meet them is not paid for
    that item, and the calculation says so.
    """

    kind: ExpenseKind
    citation: str
    receipt_required: bool = False
    approval_required: bool = False
    mileage: tuple[MileageRate, ...] = ()
    rate: Decimal | None = None
    per: Unit | None = None
    cap_per_event: Decimal | None = None
    cap_per_day: Decimal | None = None
    approval_required_for: tuple[str, ...] = ()
    assumptions: tuple[str, ...] = ()

    def __attrs_post_init__(self) -> None:
        problems = amount_problems("cap_per_event", self.cap_per_event)
        problems += amount_problems("cap_per_day", self.cap_per_day)
        problems += amount_problems("rate", self.rate, pennies=False)
        if (self.kind is ExpenseKind.MILEAGE) != bool(self.mileage):
            problems.append(Problem("mileage", "give mileage rates exactly for a mileage rule"))
        if self.rate is not None and self.per is None:
            problems.append(Problem("per", 'a rate needs a unit (per = "hour")'))
        if self.rate is not None and self.kind is not ExpenseKind.CARE_COVER:
            problems.append(Problem("rate", "only care cover has an hourly rate"))
        if self.per is not None and self.per is not Unit.HOUR:
            problems.append(Problem("per", "care cover is paid per hour"))
        for vehicle, engine in {(m.vehicle, m.engine_cc_from) for m in self.mileage}:
            tiers = [m for m in self.mileage if (m.vehicle, m.engine_cc_from) == (vehicle, engine)]
            limits = [m.up_to_miles for m in tiers]
            bounded = [m for m in limits[:-1] if m is not None]
            if len(bounded) != len(limits) - 1 or bounded != sorted(set(bounded)):
                problems.append(
                    Problem(
                        "mileage",
                        f"{vehicle.value} rates: list them by up_to_miles, lowest first, "
                        "only the last open-ended",
                    )
                )
        raise_problems(problems)

    def mileage_tiers(self, vehicle: Vehicle, engine_cc: int | None = None) -> list[MileageRate]:
        """The rates for ``vehicle`` (and its engine size), lowest ``up_to_miles`` first."""
        return [m for m in self.mileage if m.vehicle is vehicle and m.fits(engine_cc)]

    def by_engine_size(self, vehicle: Vehicle) -> bool:
        """Whether the rates for ``vehicle`` depend on the engine size."""
        return any(
            m.vehicle is vehicle and (m.engine_cc_from, m.engine_cc_up_to) != (None, None)
            for m in self.mileage
        )


_checks.install(MileageRate, ExpenseRule)
