"""Invariants of the payment engine, checked with hypothesis."""

from __future__ import annotations

import json
from decimal import Decimal

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import coproduction as cp
from tests.strategies import POLICY_IDS, claims

SETTINGS = settings(max_examples=200, suppress_health_check=[HealthCheck.too_slow])
policies = st.sampled_from(POLICY_IDS).map(cp.load_policy)


@SETTINGS
@given(st.data())
def test_the_total_is_the_sum_of_the_lines_and_reward_plus_expenses(data: st.DataObject) -> None:
    policy = data.draw(policies)
    calc = cp.calculate(data.draw(claims(policy)), policy)
    assert calc.total == sum((line.amount for line in calc.lines), Decimal(0))
    assert calc.total == calc.reward + calc.expenses
    assert all(line.amount == line.amount.quantize(Decimal("0.01")) for line in calc.lines)


@SETTINGS
@given(st.data())
def test_the_reward_and_every_expense_line_are_never_negative(data: st.DataObject) -> None:
    policy = data.draw(policies)
    calc = cp.calculate(data.draw(claims(policy)), policy)
    assert calc.reward >= 0
    assert all(line.amount >= 0 for line in calc.lines if line.category == "expense")


@SETTINGS
@given(st.data())
def test_declining_or_reducing_never_changes_the_expenses(data: st.DataObject) -> None:
    policy = data.draw(policies)
    claim = data.draw(claims(policy))
    accepted = cp.calculate(
        attrs.evolve(
            claim, participant=attrs.evolve(claim.participant, choice=cp.rewards.Choice.ACCEPT)
        ),
        policy,
    )
    declined = cp.calculate(
        attrs.evolve(
            claim, participant=attrs.evolve(claim.participant, choice=cp.rewards.Choice.DECLINE)
        ),
        policy,
    )
    assert declined.expenses == accepted.expenses
    assert declined.reward == 0
    share = data.draw(st.decimals(0, 1, places=2))
    reduce_to = (accepted.reward * share).quantize(Decimal("0.01"))
    reduced = cp.calculate(
        attrs.evolve(
            claim,
            participant=attrs.evolve(
                claim.participant, choice=cp.rewards.Choice.REDUCE, reduce_to=reduce_to
            ),
        ),
        policy,
    )
    assert reduced.expenses == accepted.expenses
    assert reduced.reward == reduce_to


@SETTINGS
@given(st.data())
def test_nobody_paid_by_their_employer_and_no_absence_earns_a_reward(data: st.DataObject) -> None:
    policy = data.draw(policies)
    claim_ = data.draw(claims(policy))
    calc = cp.calculate(claim_, policy)
    for index, activity in enumerate(claim_.activities):
        lines = [
            line
            for line in calc.lines
            if line.item == f"activities[{index}]" and line.category == "reward"
        ]
        if claim_.participant.paid_by_employer or not activity.attended:
            assert all(line.amount == 0 and line.points == 0 for line in lines)


@SETTINGS
@given(
    minutes=st.integers(1, 900),
    cut=st.integers(0, 900),
    policy_id=st.sampled_from(["example-council", "blue-heart", "national-voices"]),
)
def test_splitting_a_meeting_into_two_claims_never_pays_more(
    minutes: int, cut: int, policy_id: str
) -> None:
    policy = cp.load_policy(policy_id)
    kind = "meeting"
    cut = min(cut, minutes)

    def one(claim_id: str, length: int) -> cp.Claim:
        return cp.load_claim(
            {
                "id": claim_id,
                "participant": {"id": "p1"},
                "activities": [
                    {
                        "id": "a1",
                        "date": "2025-09-01",
                        "kind": kind,
                        "minutes": length,
                        "attended": True,
                    }
                ],
            }
        )

    whole = cp.calculate(one("whole", minutes), policy).reward
    split = sum(
        c.reward for c in cp.calculate_all([one("x", cut), one("y", minutes - cut)], policy)
    )
    assert split <= whole


@SETTINGS
@given(st.data())
def test_a_claim_and_a_policy_round_trip_through_json(data: st.DataObject) -> None:
    policy = data.draw(policies)
    claim = data.draw(claims(policy))
    assert cp.load_claim(json.loads(cp.to_json(claim))) == claim
    assert cp.load_policy(json.loads(cp.to_json(policy))) == policy


@SETTINGS
@given(st.data())
def test_claims_in_any_order_give_each_person_the_same_total(data: st.DataObject) -> None:
    # With one choice throughout (the choice applies to each claim's own share of a day,
    # and which claim holds which share depends on the order).
    policy = data.draw(policies)
    batch = [data.draw(claims(policy, claim_id=f"c{i}")) for i in range(3)]
    batch = [
        attrs.evolve(c, participant=attrs.evolve(c.participant, choice=cp.rewards.Choice.ACCEPT))
        for c in batch
    ]
    forward = cp.calculate_all(batch, policy)
    backward = cp.calculate_all(list(reversed(batch)), policy)
    assert sum(c.total for c in forward) == sum(c.total for c in backward)


@SETTINGS
@given(st.data())
def test_a_claim_set_with_duplicates_added_never_pays_more_than_without_them(
    data: st.DataObject,
) -> None:
    policy = data.draw(policies)
    batch = [data.draw(claims(policy, claim_id=f"c{i}")) for i in range(2)]
    copies = [attrs.evolve(c, id=f"{c.id}-again") for c in data.draw(st.permutations(batch))]
    without = sum(c.total for c in cp.calculate_all(batch, policy))
    with_copies = cp.calculate_all([*batch, *copies], policy)
    assert sum(c.total for c in with_copies) <= without
    assert all(c.total == sum((x.amount for x in c.lines), Decimal(0)) for c in with_copies)


@settings(max_examples=100, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_the_totals_sheet_adds_up_the_same_by_week_month_and_tax_year(
    data: st.DataObject,
) -> None:
    """Weeks, months and tax years each add up to the person's earnings; weeks to their hours."""
    policy = data.draw(policies)
    calcs = cp.calculate_all(
        [
            data.draw(claims(policy, f"c{i}", f"p{i % 2}"))
            for i in range(data.draw(st.integers(1, 3)))
        ],
        policy,
    )
    rows = cp.rewards.period_totals(calcs)
    for person in {c.participant for c in calcs}:
        mine = [c for c in calcs if c.participant == person]
        earned = sum((sum(c.earnings_by_date().values(), Decimal(0)) for c in mine), Decimal(0))
        worked = sum((h for c in mine for _, h in c.hours_by_date), Decimal(0))
        for kind in ("week", "month", "tax year"):
            of_kind = [r for r in rows if r.participant == person and r.period_kind == kind]
            assert sum((r.earnings for r in of_kind), Decimal(0)) == earned
        weeks = [r for r in rows if r.participant == person and r.period_kind == "week"]
        assert sum((r.hours or Decimal(0) for r in weeks), Decimal(0)) == worked


@SETTINGS
@given(st.data())
def test_claim_totals_give_each_claim_the_same_totals_and_flags_as_calculating_it(
    data: st.DataObject,
) -> None:
    policy = data.draw(policies)
    count = data.draw(st.integers(1, 4))
    batch = [data.draw(claims(policy, f"c{i}", f"p{i % 2}")) for i in range(count)]
    try:
        calcs = cp.calculate_all(batch, policy)
    except cp.ValidationError:  # reducing to more than is due: the batch path says so too
        with pytest.raises(cp.ValidationError):
            cp.rewards.claim_totals(batch, policy)
        return
    totals = cp.rewards.claim_totals(batch, policy)
    for index, (calc, sums) in enumerate(zip(calcs, totals, strict=True)):
        mine = [c for c in calcs[: index + 1] if c.participant == calc.participant]
        flags = tuple(cp.rewards.threshold_flags(batch[index], mine))
        assert (sums.claim, sums.reward, sums.expenses, sums.total, sums.flags) == (
            calc.claim,
            calc.reward,
            calc.expenses,
            calc.total,
            flags,
        )
        assert calc.warnings[len(calc.warnings) - len(flags) :] == flags
