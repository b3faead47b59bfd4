"""Golden reports worked out by hand (tests/golden/evidence/*.toml): a project as TOML,
an as-of day, and the statuses an engagement officer expects.

Each case names its rule in plain English and quotes the source it follows.
"""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

import pytest

import coproduction as cp

GOLDEN = Path(__file__).parent / "golden" / "evidence"


def _cases() -> list[Any]:
    found = []
    for path in sorted(GOLDEN.glob("*.toml")):
        for case in tomllib.loads(path.read_text(encoding="utf-8"))["cases"]:
            found.append(pytest.param(case, id=f"{path.stem}: {case['name']}"))
    return found


def _label(rung: cp.Rung | None) -> str:
    return rung.label if rung is not None else "none"


@pytest.mark.parametrize("case", _cases())
def test_golden_report(case: dict[str, Any]) -> None:
    assert case["source"].strip(), "every golden case quotes the source it follows"
    record = cp.load_project(case["project"])
    expect = case["expect"]
    as_of = case["as_of"]
    ladder = cp.assess_ladder(record, as_of)
    if "rung" in expect:
        assert _label(ladder.rung) == expect["rung"], ladder.explain()
    if "with_planned" in expect:
        assert _label(ladder.with_planned) == expect["with_planned"]
    if "planned" in expect:
        assert list(ladder.planned) == expect["planned"]
    met = {c.id: c.holds for c in ladder.criteria}
    for criterion, holds in expect.get("criteria", {}).items():
        assert met[criterion] is holds, criterion
    if "known_feedback" in expect:
        view = cp.evidence_of(record, as_of)
        assert [f.id for f in view.feedback] == expect["known_feedback"]
    if "charter" in expect:
        charter = cp.load_charter(expect["charter"])
        population = (
            cp.measures.parse_population_csv(case["population"]) if "population" in case else None
        )
        report = cp.check_charter(record, charter, as_of, population)
        statuses = {r.item: r.status.value for r in report.results}
        for item, status in expect.get("items", {}).items():
            assert statuses[item] == status, (item, report.text())
        outcomes = {c.check: c.outcome.value for r in report.results for c in r.checks}
        for check, outcome in expect.get("checks", {}).items():
            assert outcomes[check] == outcome, (check, report.text())


def test_there_are_golden_reports() -> None:
    assert len(_cases()) >= 15
