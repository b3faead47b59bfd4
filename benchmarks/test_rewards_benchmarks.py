"""Benchmarks: calculating 100,000 claims, against a minimal hand-written Decimal loop.

The hand loop computes the same totals for the same claims under the Blue Heart
rule (an hourly rate in 15-minute blocks rounded up, preparation paid) with
nothing else: the ratio of the two timings is the package's overhead for
explaining every line, checking policies, applying choices and flagging
thresholds. Run with ``bash scripts/benchmark``.
"""

from __future__ import annotations

import datetime
import random
from decimal import ROUND_HALF_UP, Decimal

import pytest
from pytest_benchmark.fixture import BenchmarkFixture

import coproduction as cp

COUNT = 100_000


@pytest.fixture(scope="module")
def claims() -> list[cp.Claim]:
    rnd = random.Random(20261122)
    start = datetime.date(2025, 4, 7)
    made = []
    for i in range(COUNT):
        activities = [
            cp.rewards.ClaimActivity(
                id=f"a{n}",
                date=start + datetime.timedelta(days=7 * n + rnd.randint(0, 4)),
                kind="meeting",
                attended=True,
                minutes=rnd.randint(30, 300),
                preparation_minutes=rnd.choice([0, 15, 30, 60]),
            )
            for n in range(rnd.randint(1, 3))
        ]
        made.append(
            cp.Claim(
                id=f"c{i}",
                participant=cp.rewards.Claimant(id=f"p{i}"),
                activities=tuple(activities),
            )
        )
    return made


def hand_loop(claims: list[cp.Claim]) -> Decimal:
    """The same totals, the way a spreadsheet macro would: no lines, no checks."""
    rate, penny = Decimal("25.00"), Decimal("0.01")
    grand = Decimal(0)
    for claim in claims:
        for activity in claim.activities:
            minutes = (activity.minutes or 0) + activity.preparation_minutes
            blocks = -(-minutes // 15)
            grand += (rate * blocks * 15 / 60).quantize(penny, ROUND_HALF_UP)
    return grand


def test_calculate_100000_claims(benchmark: BenchmarkFixture, claims: list[cp.Claim]) -> None:
    policy = cp.load_policy("blue-heart")
    calcs = benchmark.pedantic(  # type: ignore[no-untyped-call]
        lambda: [cp.calculate(c, policy) for c in claims], rounds=1, iterations=1
    )
    assert sum(c.total for c in calcs) == hand_loop(claims)


def test_hand_written_decimal_loop_100000_claims(
    benchmark: BenchmarkFixture, claims: list[cp.Claim]
) -> None:
    total = benchmark.pedantic(  # type: ignore[no-untyped-call]
        lambda: hand_loop(claims), rounds=5, iterations=1
    )
    assert total > 0
