"""Golden cases, exact to the penny, worked out by hand.

``tests/golden/*.toml`` holds one file per packaged policy;
``tests/golden/rewards/*.toml`` holds the shapes of rule real policies use
(rounding to the nearest increment, rounding down, caps) written as small
policies of their own, each quoting the policy or rule it follows.

Each case is a claim with the amounts a finance officer worked out by hand, and
its name says the rule in plain English. A case may list every line of the
calculation as the finance officer reads it: item and what, quantity, unit,
rate, amount and the note saying how it was made up. Every case is also run
through the payment run (``claim_totals``), which must give the same totals
and flags.
"""

from __future__ import annotations

import tomllib
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

import coproduction as cp
from coproduction.money import format_pounds

GOLDEN = Path(__file__).parent / "golden"
RULE_SHAPES = GOLDEN / "rewards"


def _cases() -> list[Any]:
    found = []
    for path in [*sorted(GOLDEN.glob("*.toml")), *sorted(RULE_SHAPES.glob("*.toml"))]:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        for case in data["cases"]:
            found.append(pytest.param(data["policy"], case, id=f"{path.stem}: {case['name']}"))
    return found


def line_text(line: cp.rewards.Line) -> str:
    """A line as a finance officer reads it: ``item what: 3.00 hour at £25.00 = £75.00 (note)``."""
    rate = f" at {format_pounds(line.rate)}" if line.rate is not None else ""
    note = f" ({line.note})" if line.note else ""
    return (
        f"{line.item} {line.what}: {line.quantity} {line.unit}{rate} = "
        f"{format_pounds(line.amount)}{note}"
    )


@pytest.mark.parametrize(("policy_id", "case"), _cases())
def test_golden_case(policy_id: str | dict[str, Any], case: dict[str, Any]) -> None:
    # "earlier": the same person's claims made before this one (miles, caps, duplicates).
    earlier = [cp.load_claim(c) for c in case.get("earlier", [])]
    claim = cp.load_claim(case["claim"])
    policy = cp.load_policy(policy_id)
    *before, calc = cp.calculate_all([*earlier, claim], policy)
    assert calc.reward == Decimal(case["reward"])
    assert calc.expenses == Decimal(case["expenses"])
    assert calc.total == Decimal(case["reward"]) + Decimal(case["expenses"])
    assert calc.points == case.get("points", 0)
    if "lines" in case:
        assert [line_text(line) for line in calc.lines] == case["lines"]
    if "warnings" in case:  # every warning, in order
        assert list(calc.warnings) == case["warnings"]
    for text in case.get("warnings_contain", []):
        assert any(text in warning for warning in calc.warnings), calc.warnings
    for text in case.get("warnings_lack", []):
        assert not any(text in warning for warning in calc.warnings), calc.warnings
    for text in case.get("duplicates_contain", []):
        assert any(text in d for d in calc.duplicates), calc.duplicates
    for text in case.get("assumptions_contain", []):
        assert any(text in a for a in calc.assumptions), calc.assumptions
    if "conversion" in case:  # the yearly points conversion on a date, after these claims
        wanted = case["conversion"]
        [award] = cp.rewards.points_awards(
            [*before, calc],
            policy,
            on=wanted["on"],
            carried={calc.participant: wanted.get("carried_in", 0)},
        )
        assert (award.balance, award.reward, award.carried) == (
            wanted["balance"],
            Decimal(wanted["reward"]),
            wanted["carried"],
        )


@pytest.mark.parametrize(("policy_id", "case"), _cases())
def test_the_payment_run_pays_each_golden_case_as_its_calculation_does(
    policy_id: str | dict[str, Any], case: dict[str, Any]
) -> None:
    claims = [cp.load_claim(c) for c in [*case.get("earlier", []), case["claim"]]]
    policy = cp.load_policy(policy_id)
    *_, run = cp.rewards.claim_totals(claims, policy)
    *_, calc = cp.calculate_all(claims, policy)
    assert (run.reward, run.expenses, run.total) == (
        Decimal(case["reward"]),
        Decimal(case["expenses"]),
        Decimal(case["reward"]) + Decimal(case["expenses"]),
    )
    assert list(run.flags) == [w for w in calc.warnings if "not advice" in w]


def test_every_packaged_policy_has_golden_cases() -> None:
    covered = {p.stem for p in GOLDEN.glob("*.toml")}
    assert covered == set(cp.rewards.packaged_policies())


def test_every_rule_shape_case_quotes_its_source() -> None:
    for path in RULE_SHAPES.glob("*.toml"):
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        assert data["policy"]["source"].strip(), path
        assert all(case.get("source", "").strip() for case in data["cases"]), path
