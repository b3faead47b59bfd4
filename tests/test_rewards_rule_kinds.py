"""Rule kinds that real involvement-payment policies use, written as policy data."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

import pytest

import coproduction as cp
from coproduction.rewards.pricing import PRICERS
from coproduction.rewards.rule_fields import RULE_FIELDS
from coproduction.rewards.rules import band_for
from coproduction.rewards.words import RuleType


def policy(expenses: list[dict[str, Any]]) -> cp.Policy:
    return cp.load_policy(
        {
            "id": "engine-size",
            "name": "Mileage by engine size",
            "owner": "Us",
            "source": "illustrative, shaped like NHS England's patient and carer expenses policy",
            "versions": [{"version": "1", "effective_from": "2026-04-01", "expenses": expenses}],
        }
    )


SMALL, LARGE = {"engine_cc_up_to": 1500}, {"engine_cc_from": 1501}
BY_ENGINE = [
    {
        "kind": "mileage",
        "citation": "Illustrative, in NHS England's shape: by engine size, less after 3,500 miles",
        "mileage": [
            {"vehicle": "car", "rate": "0.30", "per": "mile", "up_to_miles": 3500, **SMALL},
            {"vehicle": "car", "rate": "0.15", "per": "mile", **SMALL},
            {"vehicle": "car", "rate": "0.40", "per": "mile", "up_to_miles": 3500, **LARGE},
            {"vehicle": "car", "rate": "0.20", "per": "mile", **LARGE},
        ],
    }
]


def paid(miles: str, engine_cc: int | None, before: str | None = None) -> Decimal:
    def claim(claim_id: str, how_far: str) -> cp.Claim:
        trip: dict[str, Any] = {"kind": "mileage", "date": "2026-06-10", "miles": how_far}
        if engine_cc is not None:
            trip["engine_cc"] = engine_cc
        return cp.load_claim({"id": claim_id, "participant": {"id": "p1"}, "expenses": [trip]})

    earlier = [claim("before", before)] if before else []
    *_, calc = cp.calculate_all([*earlier, claim("now", miles)], policy(BY_ENGINE))
    return calc.expenses


@pytest.mark.parametrize(
    ("engine_cc", "expected"), [(1200, "3.00"), (1500, "3.00"), (1501, "4.00"), (2000, "4.00")]
)
def test_mileage_is_paid_by_engine_size_with_each_band_including_its_edge(
    engine_cc: int, expected: str
) -> None:
    assert paid("10", engine_cc) == Decimal(expected)


def test_the_lower_rate_after_3500_miles_counts_the_persons_earlier_claims() -> None:
    # 3,490 miles before: 10 more at 30p, then 10 at 15p
    assert paid("20", 1200, before="3490") == Decimal("4.50")


def test_without_the_engine_size_the_claim_says_what_is_missing() -> None:
    calc = cp.calculate(
        cp.load_claim(
            {
                "id": "c1",
                "participant": {"id": "p1"},
                "expenses": [{"kind": "mileage", "date": "2026-06-10", "miles": "10"}],
            }
        ),
        policy(BY_ENGINE),
    )
    assert calc.expenses == Decimal("0.00")
    assert any("give engine_cc" in w for w in calc.warnings)


@pytest.mark.parametrize(
    ("engine_cc", "reason"),
    [
        (None, "no mileage rate for a motorcycle"),
        (125, "no mileage rate for a motorcycle of 125 cc"),
    ],
)
def test_a_vehicle_the_policy_has_no_rate_for_is_not_paid_and_named(
    engine_cc: int | None, reason: str
) -> None:
    trip: dict[str, Any] = {"kind": "mileage", "date": "2026-06-10", "miles": "10"}
    trip |= {"vehicle": "motorcycle"} | ({"engine_cc": engine_cc} if engine_cc else {})
    data = {"id": "c1", "participant": {"id": "p1"}, "expenses": [trip]}
    calc = cp.calculate(cp.load_claim(data), policy(BY_ENGINE))
    assert calc.expenses == Decimal("0.00")
    assert f"expenses[0] (mileage) not paid: {reason}" in calc.warnings


def test_mileage_tiers_out_of_order_are_invalid() -> None:
    wrong = [
        {
            "kind": "mileage",
            "citation": "x",
            "mileage": [
                {"vehicle": "car", "rate": "0.25", "per": "mile"},
                {"vehicle": "car", "rate": "0.45", "per": "mile", "up_to_miles": 10000},
            ],
        }
    ]
    with pytest.raises(cp.ValidationError) as caught:
        policy(wrong)
    assert "only the last open-ended" in str(caught.value)


def test_a_band_limit_includes_its_edge_and_from_minutes_says_or_longer() -> None:
    version = cp.load_policy("example-council").version_on(datetime.date(2026, 6, 10))
    rule = version.rule_for("committee-meeting")
    assert rule is not None
    assert band_for(rule.bands, 239).label == "shorter than 4 hours"
    assert band_for(rule.bands, 240).label == "4 hours or longer"


def test_time_past_the_last_band_s_limit_is_paid_at_the_last_band() -> None:
    bands = tuple(
        cp.rewards.Band(cp.pounds(amount), label, up_to_minutes=limit)
        for amount, label, limit in (
            ("10.00", "an hour", 60),
            ("25.00", "half day", 240),
            ("50.00", "full day", 480),
        )
    )
    assert [band_for(bands, m).label for m in (60, 61, 480, 481, 900)] == [
        "an hour",
        "half day",
        "full day",
        "full day",
        "full day",
    ]


def test_a_band_from_so_many_minutes_ends_the_band_before_it_after_a_shorter_one() -> None:
    bands = (
        cp.rewards.Band(cp.pounds("10.00"), "an hour", up_to_minutes=60),
        cp.rewards.Band(cp.pounds("25.00"), "shorter than 4 hours"),
        cp.rewards.Band(cp.pounds("50.00"), "4 hours or longer", from_minutes=240),
    )
    assert [band_for(bands, m).label for m in (60, 61, 239, 240)] == [
        "an hour",
        "shorter than 4 hours",
        "shorter than 4 hours",
        "4 hours or longer",
    ]


def test_every_rule_type_has_its_fields_listed() -> None:
    assert set(RULE_FIELDS) == set(RuleType)


def test_every_rule_type_has_exactly_one_pricing_function() -> None:
    assert set(PRICERS) == set(RuleType)
    assert len(set(PRICERS.values())) == len(RuleType)
