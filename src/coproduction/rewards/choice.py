"""The person's choice: take the reward, decline it, reduce it, or donate it.

Declining or reducing never changes the expenses (NIHR 2024 payment guide for
members of the public): adjustment lines take the reward back from the latest
lines first. A donated reward is paid but left out of the person's earnings.
"""

from __future__ import annotations

import datetime
from decimal import Decimal

import attrs

from coproduction.errors import Problem, ValidationError
from coproduction.money import ZERO, format_pounds
from coproduction.rewards.calculation import Line
from coproduction.rewards.claims import Choice, Claim

__all__ = ["check_reduction", "choice_lines", "choice_takes"]

_CHOICE_CITATION = "NIHR (2024) payment guide for members of the public; SCIE At a glance 50"


def check_reduction(claim: Claim, gross: Decimal) -> None:
    """ValidationError when the person asks to reduce the reward to more than is due."""
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


def choice_takes(
    claim: Claim, rewards: list[tuple[datetime.date, Decimal]]
) -> list[tuple[int, Decimal]]:
    """What a decline or reduction takes back from each reward (index, pounds).

    Rewards are (day, amount); the latest are taken from first.
    """
    person = claim.participant
    if person.choice is Choice.DECLINE:
        remove = sum((amount for _, amount in rewards), ZERO)
    elif person.choice is Choice.REDUCE and person.reduce_to is not None:
        remove = sum((amount for _, amount in rewards), ZERO) - person.reduce_to
    else:
        return []
    takes = []
    for index in sorted(range(len(rewards)), key=lambda i: rewards[i][0], reverse=True):
        if remove <= 0:
            break
        take = min(remove, rewards[index][1])
        if take > 0:
            takes.append((index, take))
            remove -= take
    return takes


def choice_lines(claim: Claim, reward_lines: list[Line]) -> list[Line]:
    """Adjustment lines for a decline or a reduction, taken from the latest lines first."""
    person = claim.participant
    takes = choice_takes(claim, [(line.date, line.amount) for line in reward_lines])
    if not takes:
        return []
    if person.choice is Choice.DECLINE:
        why = "declined by the person"
    else:
        why = f"reduced to {format_pounds(person.reduce_to or ZERO)} at the person's request"
    return [
        attrs.evolve(
            reward_lines[index],
            what=f"{person.choice.value}: {reward_lines[index].what}",
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
        for index, take in takes
    ]
