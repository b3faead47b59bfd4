"""The coproduction command, as a user at a shell would run it."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from coproduction.cli import main

EXAMPLES = Path(__file__).parent.parent / "examples" / "projects"
ESSEX = str(EXAMPLES / "essex-direct-payment-support.toml")
BEDFORD = str(EXAMPLES / "bedford-carers-strategy.toml")


def test_ladder_prints_each_project_with_its_rung_and_what_would_lift_it(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["ladder", ESSEX, BEDFORD]) == 0
    out = capsys.readouterr().out
    assert "essex-dpss-2020: Co-production (rung 7 of 7, doing with)" in out
    assert "bedford-carers-strategy: Consultation (rung 4 of 7, doing for)" in out
    assert "to reach Engagement:" in out


def test_ladder_json_gives_the_agreed_fields(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["ladder", ESSEX, "--json"]) == 0
    [result] = json.loads(capsys.readouterr().out)
    assert result["project"] == "essex-dpss-2020"
    assert result["rung"] == "co-production"
    assert result["rung_number"] == 7
    assert result["band"] == "doing with"
    assert result["gaps"] == []
    assert result["stages"]["decide"] == "co-production"
    assert {c["id"] for c in result["criteria"]} >= {"took-part", "reciprocity"}
    assert all(set(c) >= {"id", "rung", "met", "reason", "evidence"} for c in result["criteria"])


def test_a_project_nobody_with_lived_experience_joined_has_a_null_rung(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "staff.toml"
    path.write_text('id = "staff-only"\ntitle = "Officers only"\n', encoding="utf-8")
    assert main(["ladder", str(path), "--json"]) == 0
    [result] = json.loads(capsys.readouterr().out)
    assert result["rung"] is None
    assert result["rung_number"] is None


def test_explain_lists_every_criterion(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["ladder", BEDFORD, "--explain"]) == 0
    out = capsys.readouterr().out
    assert "[met] views-sought-repeatedly" in out
    assert "[not met] input-changed-something" in out


def test_invalid_input_exits_2_prints_only_the_problems_and_still_assesses_the_rest(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text(
        'id = "x"\ntitle = "t"\n[[activities]]\nid = "a1"\ndate = "2020-13-01"\n'
        'stage = "desing"\nkind = "workshop"\n',
        encoding="utf-8",
    )
    assert main(["ladder", str(bad), ESSEX, "--json"]) == 2
    captured = capsys.readouterr()
    results = json.loads(captured.out)
    assert [r["project"] for r in results] == ["essex-dpss-2020"]
    assert f"{bad}: activities[0].date: not a date: '2020-13-01' (use YYYY-MM-DD)" in captured.err
    assert "activities[0].stage: 'desing' is not one of" in captured.err
    assert "Traceback" not in captured.err


@pytest.mark.parametrize("content", ["", "[1, 2]", "{not json"])
def test_broken_files_exit_2_without_a_traceback(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], content: str
) -> None:
    path = tmp_path / "p.json"
    path.write_text(content, encoding="utf-8")
    assert main(["ladder", str(path)]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert str(path) in captured.err


def test_python_dash_m_runs_the_same_command() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "coproduction", "ladder", ESSEX, "--json"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)[0]["rung"] == "co-production"


_ROOT = EXAMPLES.parent
_CLAIM = str(_ROOT / "claims" / "half-day-with-travel.toml")
_CYCLE = str(_ROOT / "wtfc" / "carers-strategy.toml")
_BUDGET = str(_ROOT / "finance" / "budget-2025.toml")


@pytest.mark.parametrize(
    ("command", "said"),
    [
        (
            ["pay", BEDFORD],
            "this looks like a project record, not a claim: try `coproduction ladder`",
        ),
        (["budget", _CLAIM], "this looks like a claim, not a budget: try `coproduction pay`"),
        (["budget", _CYCLE], "this looks like a Working Together for Change cycle, not a budget"),
        (["budget", BEDFORD], "this looks like a project record, not a budget"),
        (
            ["ladder", _BUDGET],
            "this looks like a budget, not a project record: try `coproduction budget`",
        ),
    ],
    ids=[
        "pay a project",
        "budget a claim",
        "budget a cycle",
        "budget a project",
        "ladder a budget",
    ],
)
def test_a_file_given_to_the_wrong_command_is_named_for_what_it_is_in_one_line(
    capsys: pytest.CaptureFixture[str], command: list[str], said: str
) -> None:
    assert main(command) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1
    assert said in err[0]


def test_a_claim_given_as_pay_project_is_told_to_be_a_claim_argument(
    capsys: pytest.CaptureFixture[str],
) -> None:
    claims = str(_ROOT / "finance" / "panel-claims.csv")
    assert main(["pay", "--project", _CLAIM, claims]) == 2
    err = capsys.readouterr().err
    assert "--project: this looks like a claim: give it as a CLAIM argument, not --project" in err
    assert "try `coproduction pay`" not in err


def test_the_participatory_budgeting_example_is_a_project_not_a_budget(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert not (_ROOT / "budgets").exists()  # a folder called budgets/ sent people to `budget`
    grants = str(_ROOT / "participatory-budgeting" / "community-grants-panel.toml")
    assert main(["ladder", grants]) == 0


def test_ladder_and_charter_given_a_folder_read_the_records_in_it(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["ladder", str(EXAMPLES), "--json"]) == 0
    listed = json.loads(capsys.readouterr().out)
    assert len(listed) == len(list(EXAMPLES.glob("*.toml")))
    assert (
        main(["charter", str(EXAMPLES), "--charter", "barnet-2022", "--as-of", "2024-01-01"]) == 0
    )
    assert "bedford-carers-strategy" in capsys.readouterr().out


@pytest.mark.parametrize("command", ["ladder", "measures"])
def test_an_empty_folder_is_bad_input_saying_no_records_were_found(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], command: str
) -> None:
    extra = ["--period", "2022"] if command == "measures" else []
    assert main([command, str(tmp_path), *extra]) == 2
    captured = capsys.readouterr()
    assert f"no records found in {tmp_path}" in captured.err
    assert captured.out == ""


def test_measures_lists_the_problems_of_every_invalid_file_not_only_the_first(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "a.toml").write_text('id = "a"\ntitle = 3\n', encoding="utf-8")
    (tmp_path / "b.toml").write_text('id = "b"\n', encoding="utf-8")
    assert (
        main(["measures", str(tmp_path / "a.toml"), str(tmp_path / "b.toml"), "--period", "2022"])
        == 2
    )
    err = capsys.readouterr().err.splitlines()
    assert any(line.startswith(f"{tmp_path / 'a.toml'}: title:") for line in err)
    assert any(line.startswith(f"{tmp_path / 'b.toml'}: title:") for line in err)
    assert len(err) == len(set(err))  # each problem once


def test_pay_given_a_folder_or_another_file_type_names_the_claim_files_it_reads(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "notes.txt").write_text("x", encoding="utf-8")
    assert main(["pay", str(tmp_path), str(tmp_path / "notes.txt")]) == 2
    err = capsys.readouterr().err
    assert (
        f"{tmp_path}: is a folder: give the claim files in it (.toml, .json, .csv or .xlsx)" in err
    )
    assert "notes.txt: unsupported file type '.txt' (.toml, .json, .csv or .xlsx)" in err
