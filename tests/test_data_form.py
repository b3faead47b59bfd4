"""One data form: every record and result has one JSON shape, saying what it is."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

import coproduction as cp
from coproduction import measures, wtfc
from coproduction.cli import main
from coproduction.measures.portfolio import portfolio
from coproduction.plan import load_forward_plan

ROOT = Path(__file__).parent.parent
EXAMPLES = ROOT / "examples"
BEDFORD = EXAMPLES / "projects" / "bedford-carers-strategy.toml"
CLAIM = EXAMPLES / "claims" / "half-day-with-travel.toml"
CYCLE = EXAMPLES / "wtfc" / "carers-strategy.toml"
REGISTER = EXAMPLES / "measures" / "peoples-voice-register.toml"
BUDGET = EXAMPLES / "finance" / "budget-2025.toml"
YEAR = cp.Period.financial_year(2022)
PLAN = EXAMPLES / "plans" / "barnet-forward-plan-2024.toml"


def _records() -> list[tuple[object, Any]]:
    """Each input record with the loader that reads it back from a JSON file."""
    return [
        (cp.load_project(BEDFORD), cp.load_project),
        (wtfc.load_cycle(CYCLE), wtfc.load_cycle),
        (cp.load_claim(CLAIM), cp.load_claim),
        (cp.load_policy("national-voices"), lambda path: cp.load_policy(str(path))),
        (cp.load_charter("barnet-2022"), lambda path: cp.load_charter(str(path))),
        (cp.load_charter("cqc-2023"), lambda path: cp.load_charter(str(path))),
        (measures.load_register(REGISTER), measures.load_register),
        (cp.rewards.load_budget(BUDGET), cp.rewards.load_budget),
        (load_forward_plan(PLAN), load_forward_plan),
    ]


def _results() -> list[object]:
    project = cp.load_project(BEDFORD)
    claim = cp.load_claim(CLAIM)
    cycle = wtfc.load_cycle(CYCLE)
    calculation = cp.calculate(claim, cp.load_policy(claim.policy or "national-voices"))
    reconciliation = cp.rewards.reconcile(
        cp.load_project(EXAMPLES / "finance" / "panel-project.toml"),
        cp.load_claims(EXAMPLES / "finance" / "panel-claims.csv"),
        cp.load_policy("national-voices"),
    )
    report = cp.check_charter(project, cp.load_charter("barnet-2022"), project.activities[0].date)
    return [
        cp.assess_ladder(project),
        cp.assess_ladder(project).criteria[0],
        calculation,
        calculation.lines[0],
        report,
        report.results[0],
        wtfc.rank_themes(cycle)[0],
        wtfc.progress(cycle, cycle.history[-1].on),
        measures.annual_report(
            cp.load_projects(EXAMPLES / "measures" / "projects"), cp.Period.financial_year(2022)
        ),
        reconciliation,
        reconciliation.entries[0],
        cp.rewards.load_budget(BUDGET).status(),
        cp.rewards.load_budget(BUDGET).status().total,
        portfolio(
            cp.load_projects(EXAMPLES / "measures" / "projects"), cp.Period.financial_year(2022)
        ),
    ]


@pytest.mark.parametrize(("record", "load"), _records(), ids=lambda x: type(x).__name__)
def test_a_record_loads_back_equal_from_its_json(record: object, load: Any, tmp_path: Path) -> None:
    path = tmp_path / "record.json"
    path.write_text(cp.to_json(record), encoding="utf-8")
    assert load(path) == record


@pytest.mark.parametrize("thing", _records() + _results(), ids=lambda x: type(x).__name__)
def test_the_package_serialiser_and_the_method_agree_and_say_the_kind(thing: object) -> None:
    if isinstance(thing, tuple):
        thing = thing[0]
    data = cp.to_dict(thing)
    assert data == thing.to_dict()  # type: ignore[attr-defined]
    assert data["schema_version"] == 1
    assert data["kind"] == cp.kind_of(type(thing))
    assert json.loads(cp.to_json(thing)) == data


def test_a_calculation_in_json_keeps_its_computed_totals() -> None:
    claim = cp.load_claim(CLAIM)
    data = json.loads(cp.to_json(cp.calculate(claim, cp.load_policy(claim.policy or ""))))
    assert {"reward", "expenses", "total", "differences"} <= set(data)
    assert all(len(data[k].split(".")[1]) == 2 for k in ("reward", "expenses", "total"))


def test_an_assessment_says_met_never_holds() -> None:
    text = cp.to_json(cp.assess_ladder(cp.load_project(BEDFORD)))
    assert '"met":' in text
    assert '"holds"' not in text


def test_a_charter_keeps_its_own_kind_beside_the_documents() -> None:
    data = cp.to_dict(cp.load_charter("cqc-2023"))
    assert (data["kind"], data["charter_kind"]) == ("charter", "crosswalk-target")


def test_a_document_of_another_kind_is_refused_by_name(tmp_path: Path) -> None:
    path = tmp_path / "cycle.json"
    data = cp.to_dict(wtfc.load_cycle(CYCLE)) | {"kind": "project"}
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(cp.ValidationError, match="this is a 'project' document, not a 'cycle'"):
        wtfc.load_cycle(path)


def test_a_document_from_a_newer_version_says_to_upgrade() -> None:
    data = cp.to_dict(cp.load_project(BEDFORD)) | {"schema_version": 99}
    with pytest.raises(cp.ValidationError, match="upgrade coproduction"):
        cp.load_project(data)


def _json_of(args: list[str], capsys: pytest.CaptureFixture[str]) -> Any:
    main(args)
    return json.loads(capsys.readouterr().out)


def test_every_json_output_of_the_command_line_says_its_kind(
    capsys: pytest.CaptureFixture[str],
) -> None:
    projects = str(EXAMPLES / "measures" / "projects")
    outputs = {
        "ladder": _json_of(["ladder", str(BEDFORD), "--json"], capsys),
        "pay": _json_of(["pay", str(CLAIM), "--json"], capsys),
        "wtfc": _json_of(["wtfc", str(CYCLE), "--json"], capsys),
        "measures": _json_of(["measures", projects, "--period", "2022", "--json"], capsys),
        "charter": _json_of(
            ["charter", str(BEDFORD), "--charter", "barnet-2022", "--json"], capsys
        ),
        "charter --list": _json_of(["charter", "--list", "--json"], capsys),
    }
    kinds = {
        name: sorted({d["kind"] for d in (out if isinstance(out, list) else [out])})
        for name, out in outputs.items()
    }
    assert kinds == {
        "ladder": ["ladder-assessment"],
        "pay": ["calculation"],
        "wtfc": ["cycle-status"],
        "measures": ["annual-report"],
        "charter": ["charter-report"],
        "charter --list": ["charter-listing"],
    }
