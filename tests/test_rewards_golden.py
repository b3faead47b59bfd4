"""Golden cases, one file per packaged policy (tests/golden/*.toml), exact to the penny.

Each case is a claim with the amounts a finance officer worked out by hand, and
its name says the rule in plain English.
"""

from __future__ import annotations

import tomllib
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

import coproduction as cp

GOLDEN = Path(__file__).parent / "golden"


def _cases() -> list[Any]:
    found = []
    for path in sorted(GOLDEN.glob("*.toml")):
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        for case in data["cases"]:
            found.append(pytest.param(data["policy"], case, id=f"{path.stem}: {case['name']}"))
    return found


@pytest.mark.parametrize(("policy_id", "case"), _cases())
def test_golden_case(policy_id: str, case: dict[str, Any]) -> None:
    # "earlier": the same person's claims made before this one (miles, caps, duplicates).
    earlier = [cp.load_claim(c) for c in case.get("earlier", [])]
    policy = cp.load_policy(policy_id)
    *before, calc = cp.calculate_all([*earlier, cp.load_claim(case["claim"])], policy)
    assert calc.reward == Decimal(case["reward"])
    assert calc.expenses == Decimal(case["expenses"])
    assert calc.total == Decimal(case["reward"]) + Decimal(case["expenses"])
    assert calc.points == case.get("points", 0)
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


def test_every_packaged_policy_has_golden_cases() -> None:
    covered = {p.stem for p in GOLDEN.glob("*.toml")}
    assert covered == set(cp.rewards.packaged_policies())
