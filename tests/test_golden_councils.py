"""Golden cases for the councils' rules (tests/golden/councils/*.toml), worked out by hand.

Each case names its rule in plain English and quotes the source's words it follows.
"""

from __future__ import annotations

import datetime
import tomllib
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

import coproduction as cp
from coproduction.plan import load_forward_plan
from coproduction.project import Channel

GOLDEN = Path(__file__).parent / "golden" / "councils"
FY22 = cp.Period.financial_year(2022)


def _cases() -> list[Any]:
    found = []
    for path in sorted(GOLDEN.glob("*.toml")):
        for case in tomllib.loads(path.read_text(encoding="utf-8"))["cases"]:
            found.append(pytest.param(case, id=f"{path.stem}: {case['name']}"))
    return found


def _shown(value: object) -> object:
    return "suppressed" if value is None else value


def _forward_plan(case: dict[str, Any]) -> None:
    project = cp.load_project({"id": "carers", "title": "Carers", "activities": case["activities"]})
    charter = cp.load_charter("barnet-2022")
    plan = load_forward_plan(case["plan"])
    report = cp.check_charter(project, charter, case["as_of"], plans=[plan])
    outcomes = {c.check: c.outcome.value for r in report.results for c in r.checks}
    assert outcomes["on-the-forward-plan"] == case["expect"], report.text()
    without = cp.check_charter(project, charter, case["as_of"])
    assert "on-the-forward-plan" not in {c.check for r in without.results for c in r.checks}


def _survey(case: dict[str, Any]) -> cp.measures.SurveyResults:
    question = {"id": "q", "statement": "S", "positive": case["positive"], "counts": case["counts"]}
    return cp.measures.load_survey_results(
        {
            "id": "s",
            "title": "T",
            "start": "2022-04-01",
            "end": "2023-03-31",
            "questions": [question | {"groups": case.get("groups", [])}],
        }
    )


def _survey_share(case: dict[str, Any]) -> None:
    shown = _survey(case).questions[0].published()
    assert {k: _shown(shown[k]) for k in case["expect"]} == case["expect"]


def _breakdown(case: dict[str, Any]) -> None:
    groups = cp.measures.breakdown(_survey(case), "q", case["by"]).published()["groups"]
    found = {
        g["group"]: "none answered" if g["responses"] == 0 else _shown(g["share_positive"])
        for g in groups
    }
    assert found == case["expect"]


def _composition(case: dict[str, Any]) -> None:
    people = [cp.Participant(id=f"l{i}", lived_experience=True) for i in range(case["lived"])]
    people += [
        cp.Participant(id=f"o{i}", lived_experience=False) for i in range(case["professionals"])
    ]
    meeting = cp.Activity(
        id="m",
        date=datetime.date(2022, 6, 1),
        stage=cp.Stage.DESIGN,
        kind=cp.ActivityKind.WORKSHOP,
        participants=tuple(p.id for p in people),
    )
    project = cp.Project(id="p", title="P", participants=tuple(people), activities=(meeting,))
    assert cp.measures.composition([project], FY22).split == case["expect"]


def _complaints(case: dict[str, Any]) -> None:
    items = tuple(
        cp.FeedbackItem(
            id=f"c{i}", said="...", channel=Channel.COMPLAINT, raised_on=datetime.date(2022, 6, 1)
        )
        for i in range(case["recorded"])
    )
    project = cp.Project(id="p", title="P", feedback=items)
    figures = [cp.measures.load_annual_figures(case["figures"])] if "figures" in case else []
    shown = cp.measures.annual_report([project], FY22, figures=figures).to_dict()["complaints"]
    assert {k: shown[k] for k in case["expect"]} == case["expect"]


def _previous_year(case: dict[str, Any]) -> None:
    figures = [cp.measures.load_annual_figures(case[k]) for k in ("this_year", "year_before")]
    data = cp.measures.annual_report([], FY22, figures=figures).to_dict()
    (row,) = [r for r in data["previous_year"]["comparisons"] if r["path"] == case["measure"]]
    assert {k: _shown(row[k]) for k in case["expect"]} == case["expect"]


RULES: dict[str, Callable[[dict[str, Any]], None]] = {
    "forward-plan": _forward_plan,
    "survey-share": _survey_share,
    "breakdown": _breakdown,
    "composition": _composition,
    "complaints": _complaints,
    "previous-year": _previous_year,
}


@pytest.mark.parametrize("case", _cases())
def test_golden_case(case: dict[str, Any]) -> None:
    assert "'" in case["source"] or '"' in case["source"], "each case quotes its source"
    RULES[case["rule"]](case)


def test_every_rule_has_golden_cases() -> None:
    assert {c.values[0]["rule"] for c in _cases()} == set(RULES)
