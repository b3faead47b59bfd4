"""Benefit and tax threshold flags, read in full as the finance officer reads them.

Each flag names the period and figure reached, the consequence, that it is not
advice, whether the figure is confirmed and current, and its source.
"""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

import coproduction as cp
from coproduction.rewards.thresholds import Measure, Threshold, ThresholdValue, thresholds

NOT_ADVICE = "This is a flag for a conversation, not advice"
CARERS_2025 = (
    "Carers UK press release on the April 2025 earnings limit: £196 a week from "
    "7 April 2025 (16 hours at the National Living Wage)"
)
CARERS_2026 = next(
    v.citation
    for t in thresholds()
    if t.id == "carers-allowance-earnings-limit"
    for v in t.values
    if v.effective_from == datetime.date(2026, 4, 6)
)
ESA_HOURS = (
    "gov.uk, Employment and Support Allowance: working while you claim (permitted work): "
    "under 16 hours a week"
)


def meeting(day: str, start: str, end: str, **more: Any) -> dict[str, Any]:
    """A committee meeting of the example council (a fee for each meeting)."""
    return {
        "id": f"m{day}{start}",
        "date": day,
        "kind": "committee-meeting",
        "start": start,
        "end": end,
        "attended": True,
        **more,
    }


def claim(claim_id: str, benefits: list[str], *activities: dict[str, Any]) -> cp.Claim:
    return cp.load_claim(
        {
            "id": claim_id,
            "participant": {"id": "p1", "benefits": benefits},
            "activities": list(activities),
        }
    )


def flags(calc: cp.rewards.Calculation) -> list[str]:
    return [w for w in calc.warnings if NOT_ADVICE in w]


def carer_meeting_flags(*days: str) -> list[str]:
    """The flags for a carer paid for an example-council committee meeting on each day."""
    data = claim("c1", ["carers-allowance"], *[meeting(day, "09:00", "13:00") for day in days])
    return flags(cp.calculate(data, cp.load_policy("example-council")))


def test_a_confirmed_current_figure_is_flagged_with_its_consequence_and_source() -> None:
    # £100 on two days of one week in 2025: over the £196 limit, confirmed, not past review
    data = claim(
        "c1",
        ["carers-allowance"],
        *[
            {"id": f"a{i}", "date": f"2025-06-1{i}", "kind": "workshop", "minutes": 360}
            | {"attended": True}
            for i in (0, 2)
        ],
    )
    [flag] = flags(cp.calculate(data, cp.load_policy("national-voices")))
    assert flag == (
        "this takes week 9-15 June 2025 earnings to £200.00, over the Carer's Allowance weekly "
        "earnings limit of £196.00 (a week over the limit can mean no Carer's Allowance for "
        f"that week). {NOT_ADVICE}. Source: {CARERS_2025}"
    )


def test_a_figure_past_its_review_date_is_still_flagged_and_says_it_may_be_out_of_date() -> None:
    # The week of 5-11 April 2027 is after the 2026/27 figure's review date (4 April 2027)
    assert carer_meeting_flags("2027-04-06", "2027-04-07") == [
        "this takes week 5-11 April 2027 earnings to £300.00, over the Carer's Allowance weekly "
        "earnings limit of £204.00 (a week over the limit can mean no Carer's Allowance for "
        f"that week). {NOT_ADVICE}; the figure is reported but not confirmed against gov.uk; "
        "the figure was due for review by 2027-04-04 and may be out of date. "
        f"Source: {CARERS_2026}"
    ]


def test_a_figure_is_still_current_on_its_review_date() -> None:
    # The week of 29 March - 4 April 2027 ends on the review date itself
    [flag] = carer_meeting_flags("2027-03-30", "2027-03-31")
    assert "due for review" not in flag


def test_weeks_over_a_limit_are_flagged_one_by_one_in_date_order() -> None:
    weeks = ["2026-06-01", "2026-06-08", "2026-06-15", "2026-06-22", "2026-06-29"]
    data = claim(
        "c1",
        ["carers-allowance"],
        *[meeting(day, "09:00", "13:00") for day in reversed(weeks)],
        *[meeting(day, "14:00", "18:00") for day in weeks],
    )
    found = flags(cp.calculate(data, cp.load_policy("example-council")))
    carers = [flag for flag in found if "Carer's Allowance" in flag]
    assert [flag.split(" earnings")[0] for flag in carers] == [
        "this takes week 1-7 June 2026",
        "this takes week 8-14 June 2026",
        "this takes week 15-21 June 2026",
        "this takes week 22-28 June 2026",
        "this takes week 29 June-5 July 2026",
    ]


def test_thirds_of_an_hour_add_up_to_exactly_sixteen_hours_for_esa() -> None:
    # 4 sessions of 3 hours 20 minutes and one of 2 hours 40 minutes: 16 hours to the minute
    sessions = [("2025-09-01", 200), ("2025-09-02", 200), ("2025-09-03", 200)]
    sessions += [("2025-09-04", 200), ("2025-09-05", 160)]
    data = cp.load_claim(
        {
            "id": "c1",
            "participant": {"id": "p1", "benefits": ["esa"], "choice": "decline"},
            "activities": [
                {
                    "id": f"a{i}",
                    "date": day,
                    "kind": "meeting",
                    "minutes": minutes,
                    "attended": True,
                }
                for i, (day, minutes) in enumerate(sessions)
            ],
        }
    )
    calc = cp.calculate(data, cp.load_policy("example-council"))
    assert flags(calc) == [
        "this takes week 1-7 September 2025 involvement to 16.0 hours, at or over the ESA "
        "permitted work: under 16 hours a week limit of 16 hours (permitted work must be under "
        f"16 hours a week). {NOT_ADVICE}. Source: {ESA_HOURS}"
    ]


def test_a_week_registered_for_but_not_attended_is_not_flagged_for_hours() -> None:
    data = cp.load_claim(
        {
            "id": "c1",
            "participant": {"id": "p1", "benefits": ["esa"], "choice": "decline"},
            "activities": [
                {
                    "id": "a1",
                    "date": "2025-09-01",
                    "kind": "event",
                    "minutes": 480,
                    "attended": True,
                },
                {
                    "id": "a2",
                    "date": "2025-09-02",
                    "kind": "event",
                    "minutes": 480,
                    "attended": True,
                },
                {
                    "id": "a3",
                    "date": "2025-09-09",
                    "kind": "event",
                    "minutes": 480,
                    "attended": False,
                },
            ],
        }
    )
    found = flags(cp.calculate(data, cp.load_policy("example-council")))
    assert [flag.split(" involvement")[0] for flag in found] == [
        "this takes week 1-7 September 2025"
    ]


def test_threshold_flags_add_up_the_persons_claims_on_the_same_day() -> None:
    # Two claims for meetings on the same day: £150 each (£300 over the £204 limit), and
    # 4 hours each with 4 hours' reading each (16 hours: ESA's hours limit)
    reading = {"preparation_minutes": 240}
    first = claim(
        "c1", ["carers-allowance", "esa"], meeting("2026-06-10", "09:00", "13:00", **reading)
    )
    second = claim(
        "c2", ["carers-allowance", "esa"], meeting("2026-06-10", "14:00", "18:00", **reading)
    )
    calcs = cp.calculate_all([first, second], cp.load_policy("example-council"))
    found = cp.rewards.threshold_flags(second, calcs)
    assert found == flags(calcs[1])
    assert [flag.split(",")[0] for flag in found] == [
        "this takes week 8-14 June 2026 earnings to £300.00",
        "this takes week 8-14 June 2026 earnings to £300.00",
        "this takes week 8-14 June 2026 involvement to 16.0 hours",
    ]
    assert not cp.rewards.threshold_flags(first, calcs[:1])


def test_a_threshold_figure_is_in_force_from_its_effective_date_that_day_included() -> None:
    old, new = (
        ThresholdValue(datetime.date(2025, 4, 7), Decimal(196), "Carers UK 2025"),
        ThresholdValue(datetime.date(2026, 4, 6), Decimal(204), "Carers UK 2026"),
    )
    limit = Threshold("ca", "limit", Measure.WEEKLY_EARNINGS, "", (old, new))
    assert limit.value_on(datetime.date(2026, 4, 5)) == old
    assert limit.value_on(datetime.date(2026, 4, 6)) == new
    assert limit.value_on(datetime.date(2025, 4, 6)) is None


def hours_flags(calc: cp.rewards.Calculation) -> list[str]:
    return [flag.split(",")[0] for flag in flags(calc) if " involvement to " in flag]


def esa_claim(claim_id: str, *activities: dict[str, Any]) -> cp.Claim:
    person = {"id": "p1", "benefits": ["esa"], "choice": "decline"}
    return cp.load_claim({"id": claim_id, "participant": person, "activities": list(activities)})


def test_preparation_and_follow_up_are_hours_of_involvement_added_up_over_the_day() -> None:
    # Two 4-hour meetings on one day, each with 2 hours' preparation and 2 of follow-up
    extra = {"preparation_minutes": 120, "follow_up_minutes": 120}
    data = esa_claim(
        "c1",
        meeting("2026-06-10", "09:00", "13:00", **extra),
        meeting("2026-06-10", "14:00", "18:00", **extra),
    )
    calc = cp.calculate(data, cp.load_policy("example-council"))
    assert hours_flags(calc) == ["this takes week 8-14 June 2026 involvement to 16.0 hours"]


def test_a_repeated_activity_counts_its_hours_once_and_the_claims_new_ones_count() -> None:
    monday = meeting("2026-06-08", "09:00", "17:00")
    first = esa_claim("c1", monday)
    second = esa_claim("c2", monday, meeting("2026-06-09", "09:00", "17:00"))
    *_, calc = cp.calculate_all([first, second], cp.load_policy("example-council"))
    assert hours_flags(calc) == ["this takes week 8-14 June 2026 involvement to 16.0 hours"]
    third = esa_claim("c3", monday | {"id": "again"})
    *_, again = cp.calculate_all([first, third], cp.load_policy("example-council"))
    assert hours_flags(again) == []


def test_meetings_registered_for_but_not_attended_raise_no_hours_flag() -> None:
    absent = meeting("2026-06-08", "09:00", "17:00", attended=False)
    claims = [esa_claim("c1", absent), esa_claim("c2", absent | {"date": "2026-06-09"})]
    *_, calc = cp.calculate_all(claims, cp.load_policy("example-council"))
    assert hours_flags(calc) == []
