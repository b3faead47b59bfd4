"""A financial year's budget by category: budgeted, committed, paid, remaining, overspend."""

from __future__ import annotations

import json
import tomllib
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

import coproduction as cp
from coproduction.cli import main
from coproduction.rewards.budget import Category, CategoryTotals, Status

FINANCE = Path(__file__).parent.parent / "examples" / "finance"
BUDGET = str(FINANCE / "budget-2025.toml")
CLAIMS = str(FINANCE / "panel-claims.csv")
GOLDEN = Path(__file__).parent / "golden" / "budget" / "cases.toml"
GOLDEN_CASES = [
    pytest.param(case, id=case["name"])
    for case in tomllib.loads(GOLDEN.read_text(encoding="utf-8"))["cases"]
]


def _figures(totals: CategoryTotals) -> list[str]:
    return [str(totals.budget), str(totals.committed), str(totals.paid), str(totals.remaining)]


@pytest.mark.parametrize("case", GOLDEN_CASES)
def test_golden_budget(case: dict[str, Any]) -> None:
    """Budgeted, committed, paid and remaining per category and in total, and the warnings."""
    budget = cp.rewards.load_budget(case["budget"])
    if case.get("claims"):
        calcs = cp.calculate_all(
            [cp.load_claim(c) for c in case["claims"]], cp.load_policy(case["policy"])
        )
        budget = budget.commit(calcs)
        budget = budget.pay([c for c in calcs if c.claim in case.get("paid_claims", [])])
    assert {
        str(t.category.value if t.category else "total"): _figures(t) for t in budget.by_category()
    } == case["categories"]
    assert _figures(budget.totals()) == case["total"]["all"]
    assert list(budget.warnings()) == case["warnings"]
    assert case["source"]


def test_the_example_budget_adds_up_per_category_and_in_total() -> None:
    budget = cp.rewards.load_budget(BUDGET)
    rows = {t.category: (t.budget, t.committed, t.paid, t.remaining) for t in budget.by_category()}
    # Adaptations: BSL £180 and easy read £240 paid, ramp hire £95 committed, of £600.
    assert rows[Category.ADAPTATIONS] == (
        Decimal("600.00"),
        Decimal("95.00"),
        Decimal("420.00"),
        Decimal("85.00"),
    )
    # Grants: £5,000 paid and £4,500 committed of £10,000.
    assert rows[Category.GRANTS][3] == Decimal("500.00")
    assert budget.totals().remaining == Decimal("11200.00") - Decimal("95.00") - Decimal(
        "420.00"
    ) - Decimal("9500.00") - Decimal("65.00")
    assert budget.warnings() == ()


def test_claims_are_committed_to_rewards_and_expenses_and_an_overspend_is_warned_of() -> None:
    budget = cp.rewards.load_budget(BUDGET)
    calcs = cp.calculate_all(cp.load_claims(CLAIMS), cp.load_policy("national-voices"))
    committed = budget.commit(calcs)
    # Claimed as submitted: r1 £50 + £100, r2 £50 + £100, r3 £100; mileage 12 x 40p.
    assert committed.totals(Category.REWARDS).committed == Decimal("400.00")
    assert committed.totals(Category.EXPENSES).committed == Decimal("4.80")
    assert committed.warnings() == (
        "rewards: £400.00 committed and paid of £300.00 budgeted, overspent by £100.00",
    )
    paid = committed.pay(calcs[:1])
    assert paid.totals(Category.REWARDS).paid == Decimal("150.00")


def test_a_grant_over_the_limit_is_warned_of_with_the_rule_it_breaks() -> None:
    budget = cp.rewards.load_budget(BUDGET)
    grant = cp.rewards.Spend(
        Category.GRANTS, Decimal("5000.01"), budget.period.start, recipient="a group"
    )
    [warning] = cp.Budget(
        budget.financial_year,
        budget.allocations,
        (*budget.entries, grant),
        grant_limit=budget.grant_limit,
        grant_limit_citation=budget.grant_limit_citation,
    ).warnings()[-1:]
    assert warning.startswith("entries[6]: a grant of £5,000.01 is over the £5,000.00 limit")
    assert "Grants to voluntary and community sector organisations" in warning


def test_spending_in_a_category_with_no_allocation_is_warned_of() -> None:
    spend = cp.rewards.Spend(Category.OTHER, Decimal("10.00"), cp.Period.financial_year(2025).end)
    budget = cp.Budget(2025, entries=(spend,))
    assert budget.warnings()[0] == "other: £10.00 spent, none budgeted"


def test_a_paid_entry_counts_as_paid_and_a_committed_one_as_committed() -> None:
    day = cp.Period.financial_year(2025).start
    budget = cp.Budget(
        2025,
        (cp.rewards.Allocation(Category.OTHER, Decimal("50.00")),),
        (
            cp.rewards.Spend(Category.OTHER, Decimal("10.00"), day, status=Status.PAID),
            cp.rewards.Spend(Category.OTHER, Decimal("15.00"), day),
        ),
    )
    assert (budget.paid, budget.committed, budget.remaining) == (
        Decimal("10.00"),
        Decimal("15.00"),
        Decimal("25.00"),
    )


def test_a_broken_budget_lists_every_problem_where_it_is(tmp_path: Path) -> None:
    path = tmp_path / "budget.toml"
    path.write_text(
        "financial_year = 2025\n"
        '[[allocations]]\ncategory = "rewards"\namount = "-1.00"\n'
        '[[allocations]]\ncategory = "rewards"\namount = "10.00"\n'
        '[[entries]]\ncategory = "adaptation"\ndate = 2024-01-01\namount = "5.00"\n'
        '[[entries]]\ncategory = "other"\ndate = 2024-01-01\namount = "5.00"\n',
        encoding="utf-8",
    )
    with pytest.raises(cp.ValidationError) as raised:
        cp.rewards.load_budget(path)
    lines = raised.value.lines()
    assert f"{path}: allocations[0].amount: must not be negative, not -1.00" in lines
    assert any("entries[0].category: 'adaptation' is not one of" in line for line in lines)
    assert f"{path}: entries[1].date: 2024-01-01 is outside the 2025-26 financial year" in lines


def test_budget_command_prints_each_category_and_the_overspend(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["budget", BUDGET, CLAIMS]) == 0
    out = capsys.readouterr().out
    assert "rewards          £300.00     £400.00       £0.00    -£100.00" in out
    assert "warning: rewards: £400.00 committed and paid of £300.00 budgeted" in out
    assert main(["budget", BUDGET, "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert (data["kind"], data["schema_version"]) == ("budget-status", 1)
    assert data["total"]["remaining"] == "1120.00"
    assert [c["category"] for c in data["categories"]] == [c.value for c in Category]


def test_budget_command_on_a_missing_file_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["budget", "no-such-budget.toml"]) == 2
    assert capsys.readouterr().err == "no-such-budget.toml: file not found\n"


def test_budget_says_its_paid_column_is_the_budgets_own_entries_not_a_projects_payments(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """The same claims reconciled against the panel's project show £304.80 paid; the budget
    shows only what its entries mark as paid, and must say so."""
    examples = Path(__file__).parent.parent / "examples" / "finance"
    budget, claims = str(examples / "budget-2025.toml"), str(examples / "panel-claims.csv")
    assert main(["budget", budget, claims]) == 0
    out = capsys.readouterr().out
    assert "the claims count as committed, not paid" in out
    assert "`coproduction pay --project`" in out
