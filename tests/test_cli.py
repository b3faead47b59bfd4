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
