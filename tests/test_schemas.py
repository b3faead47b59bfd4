"""JSON Schemas: every example file and every record's JSON validates against its schema."""

from __future__ import annotations

import datetime
import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest

import coproduction as cp
from coproduction import schemas
from coproduction.cli import main
from coproduction.loading import read_data

ROOT = Path(__file__).parent.parent
EXAMPLES = ROOT / "examples"
PACKAGE = ROOT / "src" / "coproduction"

FILES = {
    "project": [
        *EXAMPLES.glob("projects/*.toml"),
        *EXAMPLES.glob("measures/projects/*.toml"),
        *EXAMPLES.glob("measures/board/*.toml"),
        *EXAMPLES.glob("participatory-budgeting/*.toml"),  # a participatory budgeting project
        *EXAMPLES.glob("finance/*project*.toml"),
    ],
    "claim": sorted(EXAMPLES.glob("claims/*.toml")),
    "cycle": [*EXAMPLES.glob("wtfc/*.toml"), *EXAMPLES.glob("wtfc/*.json")],
    "register": sorted(EXAMPLES.glob("measures/*register*.toml")),
    "survey-results": sorted(EXAMPLES.glob("measures/*survey*.toml")),
    "annual-figures": sorted(EXAMPLES.glob("measures/annual-figures-*.toml")),
    "policy": sorted(PACKAGE.glob("rewards/policies/*.toml")),
    "charter": sorted(PACKAGE.glob("charters/data/*.toml")),
    "budget": sorted(EXAMPLES.glob("finance/budget*.toml")),
    "forward-plan": sorted(EXAMPLES.glob("plans/*.toml")),
}


def _validator(name: str) -> jsonschema.Draft202012Validator:
    schema = schemas.schema(name)
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())


def _as_json(value: Any) -> Any:
    """TOML's dates and times as the text JSON holds them."""
    if isinstance(value, dict):
        return {k: _as_json(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_as_json(v) for v in value]
    if isinstance(value, (datetime.date, datetime.time)):
        return value.isoformat()
    return value


def _errors(name: str, data: Any) -> list[str]:
    return [
        f"{'/'.join(map(str, e.absolute_path))}: {e.message}"
        for e in _validator(name).iter_errors(data)
    ]


@pytest.mark.parametrize(
    ("name", "path"),
    [(name, path) for name, paths in FILES.items() for path in paths],
    ids=lambda x: x if isinstance(x, str) else x.name,
)
def test_every_example_and_packaged_file_validates_against_its_schema(
    name: str, path: Path
) -> None:
    assert _errors(name, _as_json(read_data(path))) == []


def test_every_schema_is_listed_and_each_named_file_kind_has_files() -> None:
    assert set(FILES) == set(schemas.RECORDS)
    assert set(schemas.RECORDS) | set(schemas.RESULTS) == set(schemas.schema_names())
    assert all(FILES.values())


@pytest.mark.parametrize("path", FILES["project"][:2] + FILES["cycle"][:1], ids=lambda p: p.name)
def test_a_records_own_json_document_validates(path: Path) -> None:
    record: object = cp.load_project(path) if "wtfc" not in path.parts else cp.wtfc.load_cycle(path)
    data = json.loads(cp.to_json(record))
    assert _errors(data["kind"], data) == []


def test_the_schema_catches_what_an_editor_should_flag() -> None:
    project = {"id": "p", "title": "T", "claimed_level": "co-produced", "activitys": []}
    errors = _errors("project", project)
    assert any(e.startswith("claimed_level:") for e in errors)
    assert any("activitys" in e for e in errors)
    claim = _as_json(read_data(FILES["claim"][0])) | {"claimed_total": 12.5}
    assert any(e.startswith("claimed_total:") for e in _errors("claim", claim))  # no floats


def test_schema_command_prints_a_valid_schema_and_lists_names(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["schema", "project"]) == 0
    printed = json.loads(capsys.readouterr().out)
    jsonschema.Draft202012Validator.check_schema(printed)
    assert printed["title"] == "project"
    assert main(["schema", "--list"]) == 0
    assert capsys.readouterr().out.split() == schemas.schema_names()
    assert main(["schema", "nonsense"]) == 2
    assert "choose from" in capsys.readouterr().err


def _outputs(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> list[tuple[str, Any]]:
    """Every subcommand's --json output on the examples."""
    projects = str(EXAMPLES / "measures" / "projects")
    bedford = str(EXAMPLES / "projects" / "bedford-carers-strategy.toml")
    reviewed = str(EXAMPLES / "wtfc" / "carers-strategy-reviewed.toml")
    runs = {
        "ladder": ["ladder", *map(str, sorted(EXAMPLES.glob("projects/*.toml"))), "--json"],
        "pay": [
            "pay",
            *map(str, FILES["claim"]),
            str(EXAMPLES / "claims" / "june-claims.csv"),
            "--json",
        ],
        "wtfc": ["wtfc", str(EXAMPLES / "wtfc" / "carers-strategy.toml"), "--json"],
        "wtfc --next-cycle": [
            "wtfc",
            reviewed,
            "--next-cycle",
            "--on",
            "2024-01-10",
            "--out",
            str(tmp_path / "next.json"),
            "--json",
        ],
        "measures": ["measures", projects, "--period", "2022", "--json"],
        "charter": [
            "charter",
            bedford,
            "--charter",
            "barnet-2022",
            "--crosswalk",
            "cqc-2023",
            "--json",
        ],
        "charter --list": ["charter", "--list", "--json"],
        "schema --list": ["schema", "--list", "--json"],
        "plan": [
            "plan",
            str(EXAMPLES / "plans" / "barnet-forward-plan-2024.toml"),
            "--as-of",
            "2024-01-01",
            "--json",
        ],
        "pay --project": [
            "pay",
            str(EXAMPLES / "finance" / "panel-claims.csv"),
            "--project",
            str(EXAMPLES / "finance" / "panel-project.toml"),
            "--json",
        ],
        "pay --totals": ["pay", str(EXAMPLES / "claims" / "june-claims.csv"), "--totals", "--json"],
        "budget": [
            "budget",
            str(EXAMPLES / "finance" / "budget-2025.toml"),
            str(EXAMPLES / "finance" / "panel-claims.csv"),
            "--json",
        ],
        "measures --portfolio": ["measures", projects, "--period", "2022", "--portfolio"],
        "policies": ["policies", "--json"],
        "policies ID": ["policies", "national-voices", "--json"],
    }
    found = []
    for name, args in runs.items():
        main(args)
        found.append((name, json.loads(capsys.readouterr().out)))
    return found


def test_every_json_output_of_every_subcommand_validates_against_its_schema(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    checked = set()
    for name, output in _outputs(tmp_path, capsys):
        for document in output if isinstance(output, list) else [output]:
            assert _errors(document["kind"], document) == [], name
            checked.add(document["kind"])
    assert checked == {
        "ladder-assessment",
        "calculation",
        "cycle-status",
        "cycle-started",
        "annual-report",
        "charter-report",
        "charter-listing",
        "schema-listing",
        "upcoming-opportunities",
        "reconciliation",
        "period-total",
        "budget-status",
        "portfolio",
        "policy",
    }


def test_every_result_schema_is_a_valid_draft_2020_12_schema() -> None:
    for name in schemas.schema_names():
        jsonschema.Draft202012Validator.check_schema(schemas.schema(name))


def test_the_full_annual_report_is_numbers_with_suppressed_cells_null_and_listed() -> None:
    measures = EXAMPLES / "measures"
    report = cp.measures.annual_report(
        cp.load_projects(measures / "projects"),
        cp.Period.financial_year(2022),
        population=cp.measures.load_population(measures / "population-barnet-ethnicity-2021.csv"),
        registers=[cp.measures.load_register(p) for p in sorted(measures.glob("*register*"))],
    )
    data = json.loads(cp.to_json(report))
    assert _errors("annual-report", data) == []
    [ethnicity] = data["representativeness"]
    asian, black = ethnicity["groups"][:2]
    assert (asian["count"], asian["share"], asian["population_share"]) == (8, 0.16, 0.193)
    assert (black["count"], black["share"], black["suppressed"]) == (None, None, True)
    assert "representativeness.ethnicity.Black" in data["suppressed"]
    loop = data["feedback_loop"]
    assert (loop["changed_something"], loop["changed"]) == (None, None)  # fewer than 5 changed
    assert "feedback_loop.changed_something" in data["suppressed"]
    assert "registers.peoples-voice.left" in data["suppressed"]
