"""A policy file is checked strictly: each mistake in it is named where it is.

Each case is one mistake a person writing their own policy file could make, and
the problems the package lists for it (location: what is wrong), exactly. A
policy that is right where it is near a mistake is accepted.
"""

from __future__ import annotations

import datetime
import re
from pathlib import Path
from typing import Any

import pytest

import coproduction as cp
from coproduction.rewards.expense_rules import MileageRate
from coproduction.rewards.rule_fields import rule_fields_table
from coproduction.rewards.words import Unit, Vehicle

HOURLY = {
    "id": "hourly",
    "type": "hourly",
    "kinds": ["meeting"],
    "citation": "section 3",
    "rate": "20.00",
    "per": "hour",
    "increment_minutes": 15,
    "rounding": "up",
}
HALF_DAY = {"amount": "50.00", "label": "half day", "up_to_minutes": 240}
FULL_DAY = {"amount": "100.00", "label": "full day"}
BANDS = {
    "id": "bands",
    "type": "session-bands",
    "kinds": ["meeting"],
    "citation": "section 3",
    "bands": [HALF_DAY, FULL_DAY],
}
FIXED = {
    "id": "fixed",
    "type": "fixed",
    "kinds": ["review"],
    "citation": "section 3",
    "amount": "30.00",
    "per": "activity",
}
POINTS = {
    "id": "points",
    "type": "points",
    "kinds": ["visit"],
    "citation": "section 3",
    "points": [{"points": 10, "up_to_minutes": 180}, {"points": 20}],
}
TIERS = [
    {"from_points": 50, "reward": "50.00"},
    {"from_points": 100, "reward": "100.00"},
]
CONVERSION = {"month": 4, "day": 1, "citation": "section 5", "tiers": TIERS}
CAR_TIERS = [
    {"vehicle": "car", "rate": "0.45", "per": "mile", "up_to_miles": 10000},
    {"vehicle": "car", "rate": "0.25", "per": "mile"},
]
MILEAGE = {"kind": "mileage", "citation": "section 4", "mileage": CAR_TIERS}
CARE = {
    "kind": "care-cover",
    "citation": "section 4",
    "rate": "10.00",
    "per": "hour",
    "cap_per_event": "60.00",
}
REWARD = "versions[0].rewards[0]"
TIERS_ORDER = (
    "versions[0].points_conversion.tiers: list tiers by from_points, lowest first, no repeats"
)
EXPENSE = "versions[0].expenses[0]"


def policy(
    rewards: list[dict[str, Any]] | None = None,
    expenses: list[dict[str, Any]] | None = None,
    version: dict[str, Any] | None = None,
    **more: Any,
) -> dict[str, Any]:
    """A policy with one version (in force from 1 April 2026), changed as given."""
    one = {
        "version": "1",
        "effective_from": "2026-04-01",
        "rewards": [HOURLY] if rewards is None else rewards,
        "expenses": [MILEAGE] if expenses is None else expenses,
        **(version or {}),
    }
    return {
        "id": "ours",
        "name": "Our policy",
        "owner": "Us",
        "source": "ours",
        "versions": [one],
    } | more


def with_points(rule: dict[str, Any], conversion: dict[str, Any] = CONVERSION) -> dict[str, Any]:
    return policy([rule], version={"points_conversion": conversion})


def bands(*listed: dict[str, Any]) -> dict[str, Any]:
    return policy([BANDS | {"bands": list(listed)}])


NOT_NEGATIVE = "must not be negative, not"
CASES = {
    "an hourly rate may not be negative": (
        policy([HOURLY | {"rate": "-1.00"}]),
        [f"{REWARD}.rate: {NOT_NEGATIVE} -1.00"],
    ),
    "an hourly rate may be finer than a penny": (policy([HOURLY | {"rate": "12.175"}]), []),
    "a mileage rate may be finer than a penny": (
        policy(
            expenses=[MILEAGE | {"mileage": [{"vehicle": "car", "rate": "0.455", "per": "mile"}]}]
        ),
        [],
    ),
    "care cover's hourly rate may be finer than a penny": (
        policy(expenses=[CARE | {"rate": "10.125"}]),
        [],
    ),
    "mileage may be paid in three tiers": (
        policy(
            expenses=[
                MILEAGE
                | {
                    "mileage": [
                        {"vehicle": "car", "rate": "0.45", "per": "mile", "up_to_miles": 3000},
                        {"vehicle": "car", "rate": "0.35", "per": "mile", "up_to_miles": 10000},
                        {"vehicle": "car", "rate": "0.25", "per": "mile"},
                    ]
                }
            ]
        ),
        [],
    ),
    "a fixed amount is in whole pennies": (
        policy([FIXED | {"amount": "30.001"}]),
        [f"{REWARD}.amount: 30.001 has more than two decimal places"],
    ),
    "a daily cap may not be negative": (
        policy([FIXED | {"daily_cap": "-5.00"}]),
        [f"{REWARD}.daily_cap: {NOT_NEGATIVE} -5.00"],
    ),
    "caps a week, a month and a tax year may not be negative": (
        policy([FIXED | dict.fromkeys(("cap_per_week", "cap_per_month", "cap_per_year"), "-1.00")]),
        [f"{REWARD}.cap_per_{p}: {NOT_NEGATIVE} -1.00" for p in ("week", "month", "year")],
    ),
    "a rule names at least one activity kind": (
        policy([FIXED | {"kinds": []}]),
        [f"{REWARD}.kinds: name at least one activity kind this rule pays"],
    ),
    "an hourly rule needs its rate and rounding": (
        policy([{k: v for k, v in HOURLY.items() if k not in ("rate", "rounding")}]),
        [
            f"{REWARD}.rate: required for an hourly rule",
            f"{REWARD}.rounding: required for an hourly rule",
        ],
    ),
    "an hourly rule has no amount and no bands": (
        policy([HOURLY | {"amount": "30.00", "bands": [HALF_DAY, FULL_DAY]}]),
        [
            f"{REWARD}.amount: not used by an hourly rule",
            f"{REWARD}.bands: not used by an hourly rule",
        ],
    ),
    "a fixed rule has no increments and no bands": (
        policy([FIXED | {"increment_minutes": 15, "bands": [HALF_DAY, FULL_DAY]}]),
        [
            f"{REWARD}.increment_minutes: not used by a fixed rule",
            f"{REWARD}.bands: not used by a fixed rule",
        ],
    ),
    "a points rule has no daily cap": (
        with_points(POINTS | {"daily_cap": "10.00"}),
        [f"{REWARD}.daily_cap: not used by a points rule"],
    ),
    "at most so many paid activities a week is at least one": (
        policy([FIXED | {"max_per_week": 0}]),
        [f"{REWARD}.max_per_week: must be 1 or more"],
    ),
    "session bands are per day or per activity": (
        policy([BANDS | {"per": "hour"}]),
        [f'{REWARD}.per: session bands are per "day" or per "activity"'],
    ),
    "an hourly rate is per hour": (
        policy([HOURLY | {"per": "day"}]),
        [f"{REWARD}.per: an hourly rate must be per hour"],
    ),
    "a fixed amount is per activity": (
        policy([FIXED | {"per": "hour"}]),
        [f"{REWARD}.per: a fixed amount must be per activity"],
    ),
    "time is counted in increments of at least a minute": (
        policy([HOURLY | {"increment_minutes": 0}]),
        [f"{REWARD}.increment_minutes: must be 1 or more"],
    ),
    "time may be counted by the minute": (policy([HOURLY | {"increment_minutes": 1}]), []),
    "a minimum time may not be negative": (
        policy([HOURLY | {"minimum_minutes": -1}]),
        [f"{REWARD}.minimum_minutes: must be 0 or more"],
    ),
    "capped preparation needs its cap": (
        policy([HOURLY | {"preparation": "capped"}]),
        [f"{REWARD}.preparation_cap_minutes: give it exactly when preparation is 'capped'"],
    ),
    "a preparation cap goes only with capped preparation": (
        policy([HOURLY | {"preparation": "paid", "preparation_cap_minutes": 30}]),
        [f"{REWARD}.preparation_cap_minutes: give it exactly when preparation is 'capped'"],
    ),
    "only the last session band may be open-ended": (
        bands({"amount": "50.00", "label": "a"}, FULL_DAY),
        [f"{REWARD}.bands[0].up_to_minutes: only the last band may be open-ended"],
    ),
    "session bands get longer, each up to more minutes than the one before": (
        bands(HALF_DAY, HALF_DAY | {"amount": "60.00"}, FULL_DAY),
        [f"{REWARD}.bands[1].up_to_minutes: 240 is not more than the band before (240)"],
    ),
    "session bands may rise in several steps": (
        bands({"amount": "20.00", "label": "an hour", "up_to_minutes": 60}, HALF_DAY, FULL_DAY),
        [],
    ),
    "the first session band starts at 0 minutes": (
        bands(HALF_DAY | {"up_to_minutes": None, "from_minutes": 0}, FULL_DAY),
        [
            f"{REWARD}.bands[0].up_to_minutes: only the last band may be open-ended",
            f"{REWARD}.bands[0].from_minutes: the first band starts at 0 minutes",
        ],
    ),
    "a band from so many minutes ends the band before it": (
        bands(
            {"amount": "75.00", "label": "shorter"},
            {"amount": "150.00", "label": "4 hours or longer", "from_minutes": 240},
        ),
        [],
    ),
    "a band from so many minutes starts after the band before": (
        bands(
            HALF_DAY,
            FULL_DAY,
            {"amount": "150.00", "label": "long", "from_minutes": 200},
        ),
        [f"{REWARD}.bands[1].up_to_minutes: 199 is not more than the band before (240)"],
    ),
    "a band gives up_to_minutes or from_minutes, not both": (
        bands(HALF_DAY | {"from_minutes": 10}, FULL_DAY),
        [f"{REWARD}.bands[0].from_minutes: give up_to_minutes or from_minutes, not both"],
    ),
    "a band's amount may not be negative": (
        bands(HALF_DAY | {"amount": "-50.00"}, FULL_DAY),
        [f"{REWARD}.bands[0].amount: {NOT_NEGATIVE} -50.00"],
    ),
    "points may not be negative": (
        with_points(POINTS | {"points": [{"points": -1}]}),
        [f"{REWARD}.points[0].points: {NOT_NEGATIVE} -1"],
    ),
    "points bands get longer": (
        with_points(
            POINTS
            | {
                "points": [
                    {"points": 10, "up_to_minutes": 180},
                    {"points": 20, "up_to_minutes": 60},
                    {"points": 30},
                ]
            }
        ),
        [f"{REWARD}.points[1].up_to_minutes: 60 is not more than the band before (180)"],
    ),
    "a points rule needs a yearly conversion": (
        policy([POINTS]),
        ["versions[0].points_conversion: a points rule needs a points_conversion"],
    ),
    "points convert on a real day of the year": (
        with_points(POINTS, CONVERSION | {"month": 2, "day": 30}),
        ["versions[0].points_conversion.day: 2/30 is not a day of the year"],
    ),
    "points may convert on 29 February, a day of leap years": (
        with_points(POINTS, CONVERSION | {"month": 2, "day": 29}),
        [],
    ),
    "conversion tiers are listed lowest first": (
        with_points(POINTS, CONVERSION | {"tiers": list(reversed(TIERS))}),
        [TIERS_ORDER],
    ),
    "conversion tiers are not repeated": (
        with_points(POINTS, CONVERSION | {"tiers": [TIERS[0], TIERS[0] | {"reward": "60.00"}]}),
        [TIERS_ORDER],
    ),
    "a conversion tier's points and reward may not be negative": (
        with_points(POINTS, CONVERSION | {"tiers": [{"from_points": -1, "reward": "-1.00"}]}),
        [
            f"versions[0].points_conversion.tiers[0].reward: {NOT_NEGATIVE} -1.00",
            "versions[0].points_conversion.tiers[0].from_points: must be 0 or more",
        ],
    ),
    "a conversion tier may start at 0 points": (
        with_points(POINTS, CONVERSION | {"tiers": [{"from_points": 0, "reward": "5.00"}, *TIERS]}),
        [],
    ),
    "an activity kind is paid by one rule": (
        policy([HOURLY, FIXED | {"kinds": ["meeting"]}]),
        ["versions[0].rewards[1].kinds: activity kind 'meeting' is already paid by rule 'hourly'"],
    ),
    "an activity kind is paid by one rule for each role": (
        policy(
            [
                HOURLY | {"roles": ["member"]},
                FIXED | {"kinds": ["meeting"], "roles": ["member"]},
            ]
        ),
        [
            "versions[0].rewards[1].kinds: activity kind 'meeting' for role 'member' "
            "is already paid by rule 'hourly'"
        ],
    ),
    "one activity kind may be paid differently for different roles": (
        policy(
            [
                HOURLY | {"roles": ["member"]},
                FIXED | {"kinds": ["meeting"], "roles": ["witness"]},
            ]
        ),
        [],
    ),
    "an expense kind is listed once": (
        policy(expenses=[MILEAGE, MILEAGE]),
        ["versions[0].expenses[1].kind: 'mileage' is listed twice"],
    ),
    "a version is reviewed after it starts": (
        policy(version={"review_by": "2026-03-31"}),
        ["versions[0].review_by: is before effective_from"],
    ),
    "a version may be due for review on the day it starts": (
        policy(version={"review_by": "2026-04-01"}),
        [],
    ),
    "a mileage rate is per mile and not negative": (
        policy(
            expenses=[MILEAGE | {"mileage": [{"vehicle": "car", "rate": "-0.45", "per": "hour"}]}]
        ),
        [
            f"{EXPENSE}.mileage[0].rate: {NOT_NEGATIVE} -0.45",
            f"{EXPENSE}.mileage[0].per: a mileage rate must be per mile",
        ],
    ),
    "a mileage rule gives its rates per mile": (
        policy(expenses=[{"kind": "mileage", "citation": "section 4"}]),
        [f"{EXPENSE}.mileage: give mileage rates exactly for a mileage rule"],
    ),
    "only a mileage rule has rates per mile": (
        policy(expenses=[{"kind": "taxi", "citation": "section 4", "mileage": CAR_TIERS}]),
        [f"{EXPENSE}.mileage: give mileage rates exactly for a mileage rule"],
    ),
    "an hourly rate for care cover needs its unit": (
        policy(expenses=[{k: v for k, v in CARE.items() if k != "per"}]),
        [f'{EXPENSE}.per: a rate needs a unit (per = "hour")'],
    ),
    "only care cover has an hourly rate": (
        policy(
            expenses=[
                {
                    "kind": "taxi",
                    "citation": "section 4",
                    "rate": "10.00",
                    "per": "hour",
                }
            ]
        ),
        [f"{EXPENSE}.rate: only care cover has an hourly rate"],
    ),
    "care cover is paid per hour": (
        policy(expenses=[CARE | {"per": "mile"}]),
        [f"{EXPENSE}.per: care cover is paid per hour"],
    ),
    "an expense's caps and rate may not be negative": (
        policy(expenses=[CARE | dict.fromkeys(("cap_per_event", "cap_per_day", "rate"), "-1.00")]),
        [
            f"{EXPENSE}.cap_per_event: {NOT_NEGATIVE} -1.00",
            f"{EXPENSE}.cap_per_day: {NOT_NEGATIVE} -1.00",
            f"{EXPENSE}.rate: {NOT_NEGATIVE} -1.00",
        ],
    ),
    "mileage rates are listed by miles, lowest first": (
        policy(expenses=[MILEAGE | {"mileage": list(reversed(CAR_TIERS))}]),
        [
            f"{EXPENSE}.mileage: car rates: list them by up_to_miles, lowest first, "
            "only the last open-ended"
        ],
    ),
    "mileage rates do not repeat a limit": (
        policy(expenses=[MILEAGE | {"mileage": [CAR_TIERS[0], CAR_TIERS[0], CAR_TIERS[1]]}]),
        [
            f"{EXPENSE}.mileage: car rates: list them by up_to_miles, lowest first, "
            "only the last open-ended"
        ],
    ),
    "mileage by engine size lists each size's rates apart": (
        policy(
            expenses=[
                MILEAGE
                | {
                    "mileage": [
                        {
                            "vehicle": "car",
                            "rate": "0.30",
                            "per": "mile",
                            "engine_cc_up_to": 1500,
                        },
                        {
                            "vehicle": "car",
                            "rate": "0.40",
                            "per": "mile",
                            "engine_cc_from": 1501,
                        },
                        {"vehicle": "motorcycle", "rate": "0.24", "per": "mile"},
                    ]
                }
            ]
        ),
        [],
    ),
    "a policy has at least one version": (
        policy() | {"versions": []},
        ["versions: a policy needs at least one version"],
    ),
    "each version starts after the one before": (
        policy()
        | {
            "versions": [
                policy()["versions"][0],
                policy()["versions"][0] | {"version": "2"},
            ]
        },
        ["versions[1].effective_from: 2026-04-01 is not after the version before (2026-04-01)"],
    ),
    "a policy ends after its last version starts": (
        policy(ends="2026-03-31"),
        ["ends: is before the last version starts"],
    ),
    "a policy may end on the day its last version starts": (
        policy(ends="2026-04-01"),
        [],
    ),
    "the days a policy pays within may not be negative": (
        policy(pay_within_days=-1),
        ["pay_within_days: must be 0 or more"],
    ),
    "a policy may pay on the day": (policy(pay_within_days=0), []),
}


@pytest.mark.parametrize(("data", "wanted"), CASES.values(), ids=CASES.keys())
def test_a_policy_file_is_checked_strictly(data: dict[str, Any], wanted: list[str]) -> None:
    try:
        cp.load_policy(data)
    except cp.ValidationError as error:
        assert [str(problem) for problem in error.problems] == wanted
    else:
        assert wanted == []


@pytest.mark.parametrize(
    ("engine_cc", "fits"),
    [(None, False), (1000, False), (1001, True), (1500, True), (1501, False)],
)
def test_a_rate_by_engine_size_includes_both_its_edges(engine_cc: int | None, fits: bool) -> None:
    rate = MileageRate(
        Vehicle.CAR,
        cp.pounds("0.30"),
        Unit.MILE,
        engine_cc_from=1001,
        engine_cc_up_to=1500,
    )
    assert rate.fits(engine_cc) is fits


def test_a_rate_from_an_engine_size_has_no_upper_edge() -> None:
    rate = MileageRate(Vehicle.CAR, cp.pounds("0.40"), Unit.MILE, engine_cc_from=1501)
    assert (rate.fits(1500), rate.fits(1501), rate.fits(5000)) == (False, True, True)


def test_the_rule_fields_table_in_the_docs_is_the_one_the_package_prints() -> None:
    docs = (Path(__file__).parent.parent / "docs" / "rewards.md").read_text(encoding="utf-8")
    found = re.search(r">>> print\(rule_fields_table\(\)\)\n(.*?)\n\n", docs, re.DOTALL)
    assert found is not None
    assert rule_fields_table() == found.group(1)


def test_the_version_in_force_is_the_last_one_started_by_the_day() -> None:
    two = policy() | {
        "versions": [
            policy()["versions"][0],
            policy()["versions"][0] | {"version": "2", "effective_from": "2027-04-01"},
        ]
    }
    versions = cp.load_policy(two)
    on = versions.version_on
    assert [
        on(datetime.date(2027, 3, 31)).version,
        on(datetime.date(2027, 4, 1)).version,
    ] == ["1", "2"]
