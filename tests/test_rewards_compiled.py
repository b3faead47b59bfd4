"""The compiled tables keep prices by the time an activity takes: what that relies on."""

from __future__ import annotations

import datetime
from decimal import Decimal

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import coproduction as cp
from coproduction.rewards.pricing import PRICERS, CompiledRule
from tests.strategies import POLICY_IDS

RULES = [
    (policy_id, rule)
    for policy_id in POLICY_IDS
    for version in cp.load_policy(policy_id).versions
    for rule in version.rewards
]


@settings(max_examples=300)
@given(
    st.sampled_from(RULES),
    st.integers(0, 600),
    st.integers(0, 240),
    st.integers(0, 240),
    st.integers(0, 600),
    st.sampled_from([Decimal(0), Decimal("12.50"), Decimal("200.00")]),
    st.booleans(),
    st.dates(datetime.date(2024, 1, 1), datetime.date(2027, 12, 31)),
)
def test_a_price_depends_only_on_the_time_taken_and_what_the_day_already_counted(  # noqa: PLR0917
    found: tuple[str, cp.rewards.RewardRule],
    minutes: int,
    preparation: int,
    moved: int,
    before: int,
    paid: Decimal,
    explain: bool,
    day: datetime.date,
) -> None:
    # Two activities alike only in their length and their preparation plus follow-up time
    # (given as start and end in one, minutes in the other) are priced alike, notes and all.
    _, rule = found
    moved = min(moved, preparation)
    start = datetime.time(0, 0)
    end = (datetime.datetime.combine(day, start) + datetime.timedelta(minutes=minutes)).time()
    timed = minutes > 0 and end > start
    one = cp.rewards.ClaimActivity(
        id="a1",
        date=day,
        kind="meeting",
        attended=True,
        start=start if timed else None,
        end=end if timed else None,
        minutes=None if timed else minutes,
        preparation_minutes=preparation,
        named_eligible=True,
    )
    other = cp.rewards.ClaimActivity(
        id="b7",
        date=day + datetime.timedelta(days=40),
        kind="workshop",
        attended=False,
        minutes=minutes,
        preparation_minutes=preparation - moved,
        follow_up_minutes=moved,
        claimed=Decimal("9.99"),
        role="member",
    )
    compiled = CompiledRule.of(rule)
    price = PRICERS[rule.type]
    assert price(one, compiled, before, paid, explain) == price(
        other, compiled, before, paid, explain
    )
    assert compiled.priced(one, before, paid, explain=explain) == price(
        other, compiled, before, paid, explain
    )


def test_lines_and_calculations_the_engine_makes_are_the_frozen_records_made_by_hand() -> None:
    calc = cp.calculate(
        cp.load_claim("examples/claims/half-day-with-travel.toml"),
        cp.load_policy("national-voices"),
    )
    line = calc.lines[0]
    by_hand = cp.rewards.Line(**{f.name: getattr(line, f.name) for f in attrs.fields(type(line))})
    assert type(line) is cp.rewards.Line
    assert type(calc) is cp.rewards.Calculation
    assert (line, hash(line), repr(line)) == (by_hand, hash(by_hand), repr(by_hand))
    again = cp.rewards.Calculation(
        **{f.name: getattr(calc, f.name) for f in attrs.fields(type(calc))}
    )
    assert (calc, repr(calc)) == (again, repr(again))
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        line.amount = Decimal(0)  # type: ignore[misc]
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        calc.lines = ()  # type: ignore[misc]
