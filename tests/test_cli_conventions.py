"""The command line behaves as a user expects: --version, --json, stdin, no ignored options."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

import coproduction as cp
from coproduction.cli import main

ROOT = Path(__file__).parent.parent
EXAMPLES = ROOT / "examples"
BEDFORD = EXAMPLES / "projects" / "bedford-carers-strategy.toml"
REVIEWED = EXAMPLES / "wtfc" / "carers-strategy-reviewed.toml"
THEMING = EXAMPLES / "wtfc" / "carers-strategy.toml"


def test_version_prints_the_package_version(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as stopped:
        main(["--version"])
    assert stopped.value.code == 0
    assert capsys.readouterr().out.strip() == f"coproduction {cp.__version__}"


def test_charter_list_honours_json(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["charter", "--list", "--json"]) == 0
    listed = json.loads(capsys.readouterr().out)
    barnet = {"id": "barnet-2022", "name": listed[0]["name"], "items": 17}
    assert {"kind": "charter-listing", "schema_version": 1} | barnet in listed


def test_a_dash_reads_the_record_from_standard_input(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO(BEDFORD.read_text(encoding="utf-8")))
    assert main(["ladder", "-", "--json"]) == 0
    [result] = json.loads(capsys.readouterr().out)
    assert result["project"] == "bedford-carers-strategy"


def test_json_on_standard_input_is_read_as_json(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO(cp.to_json(cp.load_project(BEDFORD))))
    assert main(["ladder", "-"]) == 0
    assert "Consultation (rung 4 of 7" in capsys.readouterr().out


MEASURES = EXAMPLES / "measures"
PIPED_ON_STDIN = [
    # (what is piped in, the command line with "-" for it)
    (EXAMPLES / "claims" / "june-claims.csv", ["pay", "-", "--json"]),
    (EXAMPLES / "claims" / "half-day-with-travel.toml", ["pay", "-", "--json"]),
    (
        MEASURES / "population-barnet-ethnicity-2021.csv",
        ["measures", str(MEASURES / "projects"), "--period", "2022", "--population", "-", "--json"],
    ),
    (
        MEASURES / "peoples-voice-register.toml",
        ["measures", str(MEASURES / "projects"), "--period", "2022", "--register", "-", "--json"],
    ),
    (
        ROOT / "src" / "coproduction" / "charters" / "data" / "barnet-2022.toml",
        ["charter", str(BEDFORD), "--charter", "-", "--json"],
    ),
]


@pytest.mark.parametrize(("piped", "command"), PIPED_ON_STDIN, ids=lambda x: getattr(x, "name", ""))
def test_a_dash_reads_claims_populations_registers_and_charters_from_standard_input(
    piped: Path,
    command: list[str],
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    named = [c if c != "-" else str(piped) for c in command]
    assert main(named) in (0, 1)
    from_file = json.loads(capsys.readouterr().out)
    monkeypatch.setattr("sys.stdin", io.StringIO(piped.read_text(encoding="utf-8")))
    assert main(command) in (0, 1)
    assert json.loads(capsys.readouterr().out) == from_file  # the same as naming the file


def test_piped_claims_with_problems_are_located_in_standard_input(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    rows = "claim,participant,policy,date,minutes\nc1,p1,national-voices,2025-13-01,abc\n"
    monkeypatch.setattr("sys.stdin", io.StringIO(rows))
    assert main(["pay", "-"]) == 2
    error = capsys.readouterr().err
    assert error.startswith("<stdin>: ")
    assert "Traceback" not in error


def test_standard_input_is_read_once(capsys: pytest.CaptureFixture[str]) -> None:
    projects = str(MEASURES / "projects")
    assert main(["measures", "-", "--period", "2022", "--register", "-"]) == 2
    assert "- is given 2 times (PATH, --register)" in capsys.readouterr().err
    assert main(["ladder", "-", "-", projects]) == 2


def test_an_option_that_does_nothing_in_the_mode_is_an_error(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["wtfc", str(THEMING), "--on", "2024-01-01"]) == 2
    assert "--on: only with --advance or --next-cycle" in capsys.readouterr().err
    assert main(["wtfc", str(THEMING), "--id", "x"]) == 2
    assert "--id: only with --next-cycle" in capsys.readouterr().err


def test_next_cycle_starts_the_next_cycle_and_writes_it_as_toml(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "next.toml"
    args = ["wtfc", str(REVIEWED), "--next-cycle", "--on", "2024-01-10", "--out", str(out)]
    assert main(args) == 0
    assert "2 unfinished actions carried forward" in capsys.readouterr().out
    following = cp.wtfc.load_cycle(out)
    assert following.step is cp.wtfc.Step.PREPARE
    assert following.id == "cbc-carers-2022-reviewed-2024"
    assert main(args) == 2  # the file is there now: kept without --force
    assert "give --force" in capsys.readouterr().err


def test_next_cycle_takes_an_id_and_reports_in_json(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "next.json"
    args = ["wtfc", str(REVIEWED), "--next-cycle", "--on", "2024-01-10", "--out", str(out)]
    assert main([*args, "--id", "carers-2024", "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report == {
        "kind": "cycle-started",
        "schema_version": 1,
        "cycle": "carers-2024",
        "from": "cbc-carers-2022-reviewed",
        "on": "2024-01-10",
        "actions_carried": 2,
        "written_to": str(out),
    }


def test_next_cycle_from_a_cycle_not_yet_reviewed_says_why_and_exits_1(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "next.json"
    args = ["wtfc", str(THEMING), "--next-cycle", "--on", "2024-01-10", "--out", str(out)]
    assert main(args) == 1
    assert "not review" in capsys.readouterr().err
    assert not out.exists()


def test_a_cycle_advanced_from_toml_can_be_written_back_as_toml(tmp_path: Path) -> None:
    cycle = cp.wtfc.load_cycle(REVIEWED)
    cp.wtfc.dump_cycle(cycle, tmp_path / "again.toml")
    assert cp.wtfc.load_cycle(tmp_path / "again.toml") == cycle


def test_a_claim_given_to_the_ladder_says_what_it_looks_like(
    capsys: pytest.CaptureFixture[str],
) -> None:
    claim = EXAMPLES / "claims" / "half-day-with-travel.toml"
    assert main(["ladder", str(claim)]) == 2
    err = capsys.readouterr().err.splitlines()
    assert err == [
        f"{claim}: this looks like a claim, not a project record: try `coproduction pay`"
    ]


def test_a_project_given_to_wtfc_says_what_it_looks_like(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["wtfc", str(BEDFORD)]) == 2
    assert "looks like a project record, not a Working Together for Change cycle" in (
        capsys.readouterr().err
    )


def test_examples_writes_every_packaged_example_and_they_run(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "examples"
    assert main(["examples", str(folder)]) == 0
    written = sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file())
    shipped = sorted(
        p.relative_to(EXAMPLES).as_posix()
        for p in EXAMPLES.rglob("*")
        if p.is_file() and "__pycache__" not in p.parts
    )
    assert written == shipped
    capsys.readouterr()
    assert main(["ladder", *map(str, sorted((folder / "projects").glob("*.toml")))]) == 0
    assert main(["examples", str(folder)]) == 2  # kept unless --force
    assert "already exists" in capsys.readouterr().err
    assert main(["examples", str(folder), "--force"]) == 0
