"""The person's choice: take the reward, decline it, reduce it, or donate it.

Declining or reducing never changes the expenses (NIHR 2024 payment guide for
members of the public): adjustment lines take the reward back from the latest
lines first. A donated reward is paid but left out of the person's earnings.
"""

from __future__ import annotations

from decimal import Decimal

import attrs

from coproduction.errors import Problem, ValidationError
from coproduction.money import format_pounds, total
from coproduction.rewards.calculation import Line
from coproduction.rewards.claims import Choice, Claim

__all__ = ["check_reduction", "choice_lines"]

_CHOICE_CITATION = "NIHR (2024) payment guide for members of the public; SCIE At a glance 50"


def check_reduction(claim: Claim, rewards: list[Line]) -> None:
    """ValidationError when the person asks to reduce the reward to more than is due."""
    gross = total(line.amount for line in rewards)
    person = claim.participant
    if person.choice is Choice.REDUCE and person.reduce_to is not None and person.reduce_to > gross:
        raise ValidationError(
            [
                Problem(
                    "participant.reduce_to",
                    f"{person.reduce_to:.2f} is more than the {gross:.2f} due",
                )
            ],
            f"claim {claim.id}",
        )


def choice_lines(claim: Claim, reward_lines: list[Line]) -> list[Line]:
    """Adjustment lines for a decline or a reduction, taken from the latest lines first."""
    gross = total(line.amount for line in reward_lines)
    person = claim.participant
    if person.choice is Choice.DECLINE:
        remove, why = gross, "declined by the person"
    elif person.choice is Choice.REDUCE and person.reduce_to is not None:
        remove, why = (
            gross - person.reduce_to,
            f"reduced to {format_pounds(person.reduce_to)} at the person's request",
        )
    else:
        return []
    lines = []
    for line in sorted(reward_lines, key=lambda x: x.date, reverse=True):
        if remove <= 0:
            break
        take = min(remove, line.amount)
        if take > 0:
            lines.append(
                attrs.evolve(
                    line,
                    what=f"{person.choice.value}: {line.what}",
                    quantity=Decimal(1),
                    unit="item",
                    rate=None,
                    amount=-take,
                    rule=f"choice:{person.choice.value}",
                    note=why,
                    minutes=0,
                    points=0,
                    citation=_CHOICE_CITATION,
                )
            )
            remove -= take
    return lines
