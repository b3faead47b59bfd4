"""Reward and recognition: policies, claims, checking, thresholds, totals, budget, CSV."""

from __future__ import annotations

import datetime
import json
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

import coproduction as cp
from coproduction.cli import main

EXAMPLE_CLAIM = Path(__file__).parent.parent / "examples" / "claims" / "half-day-with-travel.toml"
D = datetime.date


def claim(**changes: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "id": "c1",
        "participant": {"id": "p1"},
        "activities": [
            {
                "id": "a1",
                "date": "2025-06-10",
                "kind": "meeting",
                "start": "10:00",
                "end": "13:00",
                "attended": True,
            },
        ],
        "expenses": [{"kind": "mileage", "date": "2025-06-10", "miles": "12", "receipt": True}],
    }
    data.update(changes)
    return data


def days(count: int, date: Callable[[int], str], kind: str, minutes: int) -> list[dict[str, Any]]:
    """``count`` attended activities of one kind and length, the i-th on ``date(i)``."""
    return [
        {"id": f"a{i}", "date": date(i), "kind": kind, "minutes": minutes, "attended": True}
        for i in range(count)
    ]


def claim_problems(data: object) -> list[str]:
    with pytest.raises(cp.ValidationError) as caught:
        cp.load_claim(data)  # type: ignore[arg-type]
    return [str(p) for p in caught.value.problems]


class TestPolicies:
    def test_every_packaged_policy_loads_and_cites_every_rule(self) -> None:
        for policy_id in cp.rewards.packaged_policies():
            policy = cp.load_policy(policy_id)
            assert policy.source
            for version in policy.versions:
                assert all(rule.citation for rule in version.rewards)
                assert all(rule.citation for rule in version.expenses)

    def test_only_the_example_council_is_illustrative(self) -> None:
        flagged = [p for p in cp.rewards.packaged_policies() if cp.load_policy(p).illustrative]
        assert flagged == ["example-council"]

    def test_the_version_is_the_one_in_force_on_the_activity_date(self) -> None:
        policy = cp.load_policy("example-council")
        assert policy.version_on(D(2026, 3, 31)).version == "2025-26"
        assert policy.version_on(D(2026, 4, 1)).version == "2026-27"

    def test_a_date_before_the_first_version_is_a_typed_error(self) -> None:
        policy = cp.load_policy("national-voices")
        with pytest.raises(cp.PolicyNotInForceError, match="no version in force on 2020-01-01"):
            policy.version_on(D(2020, 1, 1))
        assert issubclass(cp.PolicyNotInForceError, cp.CoproductionError)
        assert issubclass(cp.PolicyNotInForceError, LookupError)

    def test_a_pilot_that_ended_pays_nothing_after_its_end(self) -> None:
        policy = cp.load_policy("coproduction-collective")
        late = cp.load_claim(
            claim(
                activities=[
                    {
                        "id": "a1",
                        "date": "2025-04-01",
                        "kind": "meeting",
                        "minutes": 60,
                        "attended": True,
                    }
                ],
                expenses=[],
            )
        )
        with pytest.raises(cp.PolicyNotInForceError, match="ended on 2025-03-31"):
            cp.calculate(late, policy)

    def test_an_unknown_packaged_id_lists_the_packaged_ones(self) -> None:
        with pytest.raises(cp.ValidationError, match="national-voices"):
            cp.load_policy("natonal-voices")

    def test_policy_files_are_checked_strictly_with_every_problem_listed(self) -> None:
        bad = {
            "id": "x",
            "name": "X",
            "owner": "X",
            "source": "X",
            "versions": [
                {
                    "version": "2",
                    "effective_from": "2025-04-01",
                    "rewards": [
                        {
                            "id": "r",
                            "type": "hourly",
                            "kinds": ["meeting"],
                            "citation": "c",
                            "rate": "20.00",
                            "increment_minutes": 15,
                            "rounding": "up",
                            "bands": [],
                        }
                    ],
                    "expenses": [{"kind": "care-cover", "citation": "c", "rate": "10.00"}],
                },
                {"version": "1", "effective_from": "2024-04-01", "rewardz": []},
            ],
        }
        with pytest.raises(cp.ValidationError) as caught:
            cp.load_policy(bad)
        found = [str(p) for p in caught.value.problems]
        assert "versions[0].rewards[0].per: required for an hourly rule" in found
        assert 'versions[0].expenses[0].per: a rate needs a unit (per = "hour")' in found
        assert "versions[1].rewardz: unknown field (did you mean 'rewards'?)" in found

    def test_versions_must_start_in_date_order(self) -> None:
        version = {"version": "v", "effective_from": "2025-04-01"}
        with pytest.raises(cp.ValidationError, match="is not after the version before"):
            cp.load_policy(
                {
                    "id": "x",
                    "name": "X",
                    "owner": "X",
                    "source": "X",
                    "versions": [version, {**version, "version": "w"}],
                }
            )

    def test_a_rule_field_that_does_not_fit_the_rule_type_is_an_error(self) -> None:
        with pytest.raises(cp.ValidationError, match="rate: not used by a session-bands rule"):
            cp.rewards.RewardRule(
                id="r",
                type=cp.rewards.RuleType.SESSION_BANDS,
                kinds=("meeting",),
                citation="c",
                rate=Decimal(10),
                bands=(cp.rewards.Band(amount=Decimal(50), label="half day"),),
            )


class TestClaims:
    def test_the_example_claim_loads(self) -> None:
        loaded = cp.load_claim(EXAMPLE_CLAIM)
        assert loaded.activities[0].duration == 180
        assert loaded.expenses[0].miles == Decimal(12)

    def test_bad_claims_list_every_problem_where_it_is(self) -> None:
        data = claim(
            participant={"id": "p1", "choice": "reduce"},
            activities=[
                {
                    "id": "a1",
                    "date": "2025-06-10",
                    "kind": "meeting",
                    "start": "13:00",
                    "end": "10:00",
                    "attended": True,
                },
                {"id": "a2", "date": "2025-06-10", "kind": "meeting", "minutes": 60},
            ],
            expenses=[{"kind": "public-transport", "date": "2025-06-10", "amount": 6.8}],
        )
        found = claim_problems(data)
        assert "participant.choice: reduce needs reduce_to" in found
        assert "activities[0].end: before start" in found
        assert "activities[1].attended: required field missing" in found
        assert 'expenses[0].amount: 6.8 is a float, give a string like "6.80"' in found

    def test_an_amount_with_more_than_pennies_is_refused(self) -> None:
        found = claim_problems(claim(claimed_total="12.345"))
        assert found == ["claimed_total: 12.345 has more than two decimal places"]

    def test_an_expense_for_an_unknown_activity_is_named(self) -> None:
        data = claim(
            expenses=[{"kind": "parking", "date": "2025-06-10", "amount": "3.00", "activity": "a9"}]
        )
        assert claim_problems(data) == ["expenses[0].activity: no activity with id 'a9'"]

    def test_an_activity_kind_the_policy_does_not_pay_is_named_with_the_policy(self) -> None:
        data = claim(
            activities=[
                {
                    "id": "a1",
                    "date": "2025-06-10",
                    "kind": "scrutiny",
                    "minutes": 60,
                    "attended": True,
                }
            ]
        )
        with pytest.raises(cp.ValidationError) as caught:
            cp.calculate(cp.load_claim(data), cp.load_policy("national-voices"))
        assert str(caught.value.problems[0]).startswith(
            "activities[0].kind: 'scrutiny' is not an activity kind in policy national-voices"
        )

    def test_reducing_to_more_than_is_due_is_an_error(self) -> None:
        data = claim(participant={"id": "p1", "choice": "reduce", "reduce_to": "60.00"})
        with pytest.raises(cp.ValidationError, match=r"reduce_to: 60.00 is more than the 50.00"):
            cp.calculate(cp.load_claim(data), cp.load_policy("national-voices"))

    def test_a_claim_round_trips_through_json(self) -> None:
        loaded = cp.load_claim(EXAMPLE_CLAIM)
        assert cp.load_claim(json.loads(cp.to_json(loaded))) == loaded


class TestCalculation:
    def test_each_line_names_its_rule_version_and_citation(self) -> None:
        calc = cp.calculate(cp.load_claim(EXAMPLE_CLAIM), cp.load_policy("national-voices"))
        first = calc.lines[0]
        assert (first.rule, first.policy_version) == ("nv-session", "2024")
        assert "£50 for half a day" in first.citation
        assert calc.total == sum(line.amount for line in calc.lines)
        assert calc.assumptions  # where a half day ends is an assumption, and it is shown

    def test_splitting_a_meeting_into_two_claims_pays_the_same(self) -> None:
        policy = cp.load_policy("blue-heart")
        whole = claim(
            activities=[
                {
                    "id": "a1",
                    "date": "2025-03-04",
                    "kind": "meeting",
                    "minutes": 55,
                    "attended": True,
                    "named_eligible": True,
                }
            ],
            expenses=[],
        )
        part = claim(
            activities=[
                {
                    "id": "a1",
                    "date": "2025-03-04",
                    "kind": "meeting",
                    "minutes": 5,
                    "attended": True,
                    "named_eligible": True,
                }
            ],
            expenses=[],
        )
        rest = claim(
            id="c2",
            activities=[
                {
                    "id": "a2",  # the same id on the same day would be a possible duplicate
                    "date": "2025-03-04",
                    "kind": "meeting",
                    "minutes": 50,
                    "attended": True,
                    "named_eligible": True,
                }
            ],
            expenses=[],
        )
        one = cp.calculate(cp.load_claim(whole), policy)
        two = cp.calculate_all([cp.load_claim(part), cp.load_claim(rest)], policy)
        assert one.reward == sum(c.reward for c in two) == Decimal("25.00")

    def test_a_donated_reward_is_not_counted_as_the_persons_earnings(self) -> None:
        data = claim(participant={"id": "p1", "choice": "donate", "benefits": ["carers-allowance"]})
        calc = cp.calculate(cp.load_claim(data), cp.load_policy("national-voices"))
        assert calc.reward == Decimal("50.00")
        assert calc.earnings_by_date() == {}
        assert any("donated" in w for w in calc.warnings)

    def test_the_html_table_shows_lines_and_totals(self) -> None:
        calc = cp.calculate(cp.load_claim(EXAMPLE_CLAIM), cp.load_policy("national-voices"))
        page = calc._repr_html_()
        assert page is not None
        assert page.count("<tr>") == 1 + len(calc.lines) + 3
        assert "£61.60" in page


class TestCheck:
    def test_a_claim_worked_correctly_by_hand_has_no_differences(self) -> None:
        calc = cp.calculate(cp.load_claim(EXAMPLE_CLAIM), cp.load_policy("national-voices"))
        assert calc.differences == ()

    def test_every_difference_is_listed_with_its_reason(self) -> None:
        data = claim(
            claimed_total="64.40",
            activities=[
                {
                    "id": "a1",
                    "date": "2025-06-10",
                    "kind": "meeting",
                    "minutes": 180,
                    "attended": True,
                    "claimed": "50.00",
                }
            ],
            expenses=[
                {
                    "kind": "mileage",
                    "date": "2025-06-10",
                    "miles": "12",
                    "receipt": True,
                    "claimed": "5.40",
                },
                {  # beyond travel: National Voices needs it agreed in advance
                    "kind": "care-cover",
                    "date": "2025-06-10",
                    "amount": "9.00",
                    "receipt": True,
                    "claimed": "9.00",
                },
            ],
        )
        calc = cp.calculate(cp.load_claim(data), cp.load_policy("national-voices"))
        found = {d.item: d for d in calc.differences}
        assert set(found) == {"expenses[0]", "expenses[1]", "total"}
        assert found["expenses[0]"].computed == Decimal("4.80")
        assert "needs it approved in advance" in found["expenses[1]"].reason
        assert found["total"].claimed == Decimal("64.40")
        assert found["total"].computed == Decimal("54.80")


class TestThresholdsTotalsBudget:
    def test_a_2026_week_uses_the_reported_figure_and_says_it_is_unconfirmed(self) -> None:
        data = claim(
            participant={"id": "p1", "benefits": ["carers-allowance"]},
            activities=days(3, lambda i: f"2026-06-{8 + i:02d}", kind="board", minutes=300),
            expenses=[],
        )
        calc = cp.calculate(cp.load_claim(data), cp.load_policy("example-council"))
        flag = next(w for w in calc.warnings if "Carer's Allowance" in w)
        assert "£315.00, over the Carer's Allowance weekly earnings limit of £204.00" in flag
        assert "not confirmed against gov.uk" in flag

    def test_an_unconfirmed_esa_figure_says_so_and_no_other_years_figure_is_printed(
        self,
    ) -> None:
        data = claim(
            participant={"id": "p1", "benefits": ["esa"]},
            activities=days(2, lambda i: f"2026-06-{8 + i:02d}", kind="board", minutes=300),
            expenses=[],
        )
        calc = cp.calculate(cp.load_claim(data), cp.load_policy("example-council"))
        flag = next(w for w in calc.warnings if "ESA permitted work weekly earnings" in w)
        assert "£203.50" in flag
        assert "not confirmed against gov.uk" in flag
        assert "£195.50" not in flag

    def test_sixteen_hours_in_a_week_is_flagged_for_esa(self) -> None:
        data = claim(
            participant={"id": "p1", "benefits": ["esa"], "choice": "decline"},
            activities=days(2, lambda i: f"2025-09-{1 + i:02d}", kind="event", minutes=480),
            expenses=[],
        )
        calc = cp.calculate(cp.load_claim(data), cp.load_policy("example-council"))
        assert any("16.0 hours" in w for w in calc.warnings)

    def test_no_benefit_declared_means_no_benefit_flags(self) -> None:
        calc = cp.calculate(cp.load_claim(claim()), cp.load_policy("national-voices"))
        assert not any("not advice" in w for w in calc.warnings)

    def test_trading_allowance_is_flagged_for_everyone_over_a_tax_year(self) -> None:
        claims = [
            cp.load_claim(
                claim(
                    id=f"c{i}",
                    activities=[
                        {
                            "id": "a1",
                            "date": (D(2025, 5, 5) + datetime.timedelta(weeks=i)).isoformat(),
                            "kind": "workshop",
                            "minutes": 360,
                            "attended": True,
                        }
                    ],
                    expenses=[],
                )
            )
            for i in range(11)
        ]
        calcs = cp.calculate_all(claims, cp.load_policy("national-voices"))
        assert not any("trading allowance" in w for w in calcs[9].warnings)
        assert any("tax year 2025/26 earnings to £1,100.00" in w for w in calcs[10].warnings)

    def test_person_totals_by_week_month_and_tax_year_leave_out_expenses(self) -> None:
        afternoon = claim(
            id="c2",
            activities=[
                {
                    "id": "a2",
                    "date": "2025-06-10",
                    "kind": "meeting",
                    "start": "14:00",
                    "end": "17:00",
                    "attended": True,
                }
            ],
            expenses=[{"kind": "mileage", "date": "2025-06-11", "miles": "12", "receipt": True}],
        )
        claims = [cp.load_claim(EXAMPLE_CLAIM), cp.load_claim(afternoon)]
        calcs = cp.calculate_all(claims, cp.load_policy("national-voices"))
        [person] = cp.rewards.person_totals(calcs)
        assert person.weeks[0][0].label == "week 9-15 June 2025"
        assert person.weeks[0][1] == Decimal("100.00")
        assert person.tax_years[0][1] == Decimal("100.00")
        assert person.expenses == Decimal("16.40")

    def test_points_convert_each_april_by_tiers_with_carry_over(self) -> None:
        policy = cp.load_policy("greatwell-homes")
        on = D(2025, 4, 1)
        for balance, reward, carried in [
            (45, "0.00", 45),
            (50, "50.00", 0),
            (95, "50.00", 45),
            (100, "100.00", 0),
            (130, "100.00", 30),
        ]:
            award = cp.rewards.convert_points(balance, policy, on)
            assert (award.reward, award.carried) == (Decimal(reward), carried)

    def test_a_budget_warns_before_it_is_overspent(self) -> None:
        rewards = cp.rewards.Allocation(cp.rewards.budget.Category.REWARDS, Decimal("100.00"))
        expenses = cp.rewards.Allocation(cp.rewards.budget.Category.EXPENSES, Decimal("20.00"))
        budget = cp.Budget(financial_year=2025, allocations=(rewards, expenses))
        calc = cp.calculate(cp.load_claim(EXAMPLE_CLAIM), cp.load_policy("national-voices"))
        assert budget.warnings([calc]) == ()
        committed = budget.commit([calc])
        assert committed.remaining == Decimal("58.40")
        # Committing the same again reaches the rewards budget exactly (no warning) and
        # passes the expenses one.
        assert committed.warnings([calc]) == (
            "expenses: £23.20 committed and paid of £20.00 budgeted, overspent by £3.20",
            "the whole budget: £123.20 committed and paid of £120.00 budgeted, overspent by £3.20",
        )
        paid = committed.pay([calc])
        assert (paid.committed, paid.paid, paid.remaining) == (
            Decimal("0.00"),
            Decimal("61.60"),
            Decimal("58.40"),
        )


HEADER = "claim,participant,benefits,claimed_total,row,id,date,kind,minutes,attended"
CSV = (
    HEADER
    + """,amount,miles,receipt,approved
c1,p1,carers-allowance,54.80,activity,a1,2025-06-10,meeting,180,true,,,,
c1,,,,expense,,2025-06-10,mileage,,,,12,yes,
c2,p2,,,activity,a1,2025-06-11,workshop,360,yes,,,,
c2,,,,expense,,2025-06-11,public-transport,,,3.10,,yes,yes
"""
)


class TestCsv:
    def test_a_spreadsheet_of_claims_loads_one_claim_per_id(self) -> None:
        claims = cp.rewards.parse_claims_csv(CSV)
        assert [c.id for c in claims] == ["c1", "c2"]
        calcs = cp.calculate_all(claims, cp.load_policy("national-voices"))
        assert [c.total for c in calcs] == [Decimal("54.80"), Decimal("103.10")]

    def test_problems_name_the_row_and_column(self) -> None:
        bad = CSV.replace("2025-06-11,workshop,360,yes", "2025-13-11,workshop,360,maybe")
        bad = bad.replace("c1,p1,carers-allowance,54.80", "c1,p1,carers-allowance,54.8O")
        with pytest.raises(cp.ValidationError) as caught:
            cp.rewards.parse_claims_csv(bad)
        found = [str(p) for p in caught.value.problems]
        assert (
            "row 2, column claimed_total: not an amount: '54.8O' (give a string like \"6.80\")"
            in found
        )
        assert (
            "row 4, column date: not a date: '2025-13-11' (use YYYY-MM-DD or dd/mm/yyyy)" in found
        )
        assert "row 4, column attended: expected true or false, got text" in found

    def test_an_unknown_column_and_conflicting_rows_are_named(self) -> None:
        bad = CSV.replace("approved\n", "approved,colour\n").replace(
            "c1,,,,expense", "c1,p9,,,expense"
        )
        with pytest.raises(cp.ValidationError) as caught:
            cp.rewards.parse_claims_csv(bad)
        assert [str(p) for p in caught.value.problems] == ["header: unknown column(s): colour"]
        bad = CSV.replace("c1,,,,expense", "c1,p9,,,expense")
        with pytest.raises(cp.ValidationError, match="row 3, column participant: differs"):
            cp.rewards.parse_claims_csv(bad)


class TestPayCommand:
    def test_pay_prints_lines_and_totals(self, capsys: pytest.CaptureFixture[str]) -> None:
        assert main(["pay", str(EXAMPLE_CLAIM)]) == 0
        out = capsys.readouterr().out
        assert "Total" in out
        assert "£61.60" in out

    def test_pay_json_has_the_agreed_fields(self, capsys: pytest.CaptureFixture[str]) -> None:
        assert main(["pay", str(EXAMPLE_CLAIM), "--json"]) == 0
        [result] = json.loads(capsys.readouterr().out)
        assert {
            k: result[k]
            for k in ("claim", "policy", "policy_version", "reward", "expenses", "total")
        } == {
            "claim": "c1",
            "policy": "national-voices",
            "policy_version": "2024",
            "reward": "50.00",
            "expenses": "11.60",
            "total": "61.60",
        }
        assert result["lines"][0]["rule"] == "nv-session"

    def test_check_exits_1_when_a_claim_differs(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        wrong = tmp_path / "wrong.toml"
        wrong.write_text(
            EXAMPLE_CLAIM.read_text(encoding="utf-8")
            .replace('claimed_total = "61.60"', 'claimed_total = "62.60"')
            .replace('id = "c1"', 'id = "c9"')
            .replace('participant]\nid = "p1"', 'participant]\nid = "p9"'),
            encoding="utf-8",
        )
        assert main(["pay", str(EXAMPLE_CLAIM), "--check"]) == 0
        assert main(["pay", str(wrong), str(EXAMPLE_CLAIM), "--check"]) == 1
        assert "differs: total: claimed £62.60, computed £61.60" in capsys.readouterr().out

    def test_invalid_claims_exit_2_with_located_problems(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        bad = tmp_path / "bad.json"
        bad.write_text(
            json.dumps(claim(expenses=[{"kind": "parking", "date": "2025-06-10", "amount": 6.8}])),
            encoding="utf-8",
        )
        assert main(["pay", str(bad), "--policy", "national-voices"]) == 2
        err = capsys.readouterr().err
        assert f'{bad}: expenses[0].amount: 6.8 is a float, give a string like "6.80"' in err
        assert "Traceback" not in err

    def test_a_claim_without_a_policy_needs_one(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        path = tmp_path / "c.json"
        path.write_text(json.dumps(claim()), encoding="utf-8")
        assert main(["pay", str(path)]) == 2
        assert "names no policy: give --policy" in capsys.readouterr().err
        assert main(["pay", str(path), "--policy", "national-voices"]) == 0


def test_universal_credit_is_flagged_by_calendar_month() -> None:
    data = claim(
        participant={"id": "p1", "benefits": ["universal-credit"]},
        activities=days(5, lambda i: f"2025-09-{1 + 7 * i:02d}", kind="board", minutes=300),
        expenses=[],
    )
    calc = cp.calculate(cp.load_claim(data), cp.load_policy("example-council"))
    flag = next(w for w in calc.warnings if "Universal Credit" in w)
    assert "September 2025 earnings to £500.00" in flag
    assert "£411.00" in flag


def test_a_benefit_with_no_packaged_threshold_says_so() -> None:
    data = claim(participant={"id": "p1", "benefits": ["pension-credit"]})
    calc = cp.calculate(cp.load_claim(data), cp.load_policy("national-voices"))
    assert any(w.startswith("no pension-credit threshold is packaged") for w in calc.warnings)


def test_points_are_converted_per_person_each_year_with_carry_over() -> None:
    policy = cp.load_policy("greatwell-homes")
    claims = [
        cp.load_claim(
            {
                "id": f"c{i}",
                "participant": {"id": "p1"},
                "activities": [
                    {
                        "id": "a1",
                        "date": f"2025-0{5 + i}-01",
                        "kind": "meeting",
                        "minutes": 240,
                        "attended": True,
                    }
                ],
            }
        )
        for i in range(3)
    ]
    calcs = cp.calculate_all(claims, policy)
    [award] = cp.rewards.points_awards(calcs, policy, on=D(2026, 4, 1), carried={"p1": 45})
    assert (award.participant, award.balance, award.reward, award.carried) == (
        "p1",
        105,
        Decimal("100.00"),
        5,
    )
