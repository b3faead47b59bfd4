"""The exit-code contract, per subcommand: 0 done, 1 a verdict asked for, 2 bad input, 3 a bug.

A council runs these commands in scripts with ``set -e``: a report with items not met
must not stop the script unless ``--fail-on`` asks it to, bad input must say what is
wrong and where, and a bug in the package must say so in one line, not a traceback.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from coproduction import charters, cli, display, ladder, measures, plan, rewards, schemas, wtfc
from coproduction._files import write_text_atomic
from coproduction.cli import main
from coproduction.errors import ValidationError

EXAMPLES = Path(__file__).parent.parent / "examples"
PROJECT = str(EXAMPLES / "projects" / "bedford-carers-strategy.toml")
PROJECTS = str(EXAMPLES / "measures" / "projects")
CLAIM = str(EXAMPLES / "claims" / "half-day-with-travel.toml")
CLAIMS_THAT_DIFFER = str(EXAMPLES / "claims" / "june-claims.csv")
BUDGET = str(EXAMPLES / "finance" / "budget-2025.toml")
CYCLE = str(EXAMPLES / "wtfc" / "carers-strategy.toml")
BLOCKED_CYCLE = str(EXAMPLES / "wtfc" / "day-opportunities.toml")
PLAN = str(EXAMPLES / "plans" / "barnet-forward-plan-2024.toml")
MARKER = "ZQX-SECRET-MARKER"


def _broken(tmp_path: Path) -> str:
    path = tmp_path / "broken.toml"
    path.write_text('id = "x"\ntitle = 3\n', encoding="utf-8")
    return str(path)


def _good(tmp_path: Path) -> dict[str, list[str]]:
    """A run of each subcommand on the examples that should end 0."""
    return {
        "ladder": ["ladder", PROJECT],
        "pay": ["pay", CLAIM, "--check"],
        "budget": ["budget", BUDGET],
        "wtfc": ["wtfc", CYCLE],
        "measures": ["measures", PROJECTS, "--period", "2022"],
        "charter": ["charter", PROJECT, "--charter", "barnet-2022"],
        "report": ["report", PROJECTS, "--period", "2022", "--out", str(tmp_path / "r.html")],
        "examples": ["examples", str(tmp_path / "examples")],
        "schema": ["schema", "project"],
        "plan": ["plan", PLAN, "--as-of", "2024-01-01"],
        "policies": ["policies", "example-council"],
    }


def _bad(tmp_path: Path) -> dict[str, list[str]]:
    """A run of each subcommand on broken input that should end 2."""
    broken = _broken(tmp_path)
    return {
        "ladder": ["ladder", broken],
        "pay": ["pay", broken],
        "budget": ["budget", broken],
        "wtfc": ["wtfc", broken],
        "measures": ["measures", broken, "--period", "2022"],
        "charter": ["charter", broken, "--charter", "barnet-2022"],
        "report": ["report", broken, "--period", "2022", "--out", str(tmp_path / "r.html")],
        "examples": ["examples", str(tmp_path / "no" / "such" / "folder")],
        "schema": ["schema", "no-such-record"],
        "plan": ["plan", broken],
        "policies": ["policies", broken],
    }


def _boom(*_: Any, **__: Any) -> Any:
    msg = f"an unexpected failure quoting {MARKER}"
    raise RuntimeError(msg)


# Where to make each subcommand fail inside, as a bug would (the command line imports
# these when the command runs, so the name is patched in its home module).
INSIDE = {
    "ladder": (ladder, "assess_ladder"),
    "pay": (rewards, "calculate"),
    "budget": (rewards, "load_budget"),
    "wtfc": (wtfc, "rank_themes"),
    "measures": (measures, "annual_report"),
    "charter": (charters, "check_charter"),
    "report": (display, "board_report"),
    "examples": (cli, "_example_files"),
    "schema": (schemas, "schema"),
    "plan": (plan, "load_forward_plan"),
    "policies": (rewards, "load_policy"),
}


@pytest.mark.parametrize("command", sorted(INSIDE))
def test_each_command_exits_0_when_done(
    command: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(_good(tmp_path)[command]) == 0
    assert "Traceback" not in capsys.readouterr().err


@pytest.mark.parametrize("command", sorted(INSIDE))
def test_each_command_exits_2_on_bad_input_saying_where(
    command: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(_bad(tmp_path)[command]) == 2
    err = capsys.readouterr().err
    assert err.strip()
    assert "Traceback" not in err


@pytest.mark.parametrize("command", sorted(INSIDE))
def test_each_command_exits_3_on_a_bug_with_one_line_and_no_traceback(
    command: str, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: Any
) -> None:
    monkeypatch.delenv("COPRODUCTION_DEBUG", raising=False)
    module, name = INSIDE[command]
    monkeypatch.setattr(module, name, _boom)
    assert main(_good(tmp_path)[command]) == 3
    err = capsys.readouterr().err
    [line] = err.strip().splitlines()
    assert line.startswith(f"coproduction {command}: internal error while ")
    assert "this is a bug in the coproduction package" in line
    assert MARKER not in err  # the failure's text might quote input: not shown
    assert "RuntimeError" not in err


def test_debug_shows_the_traceback_of_a_bug(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: Any
) -> None:
    monkeypatch.setattr(ladder, "assess_ladder", _boom)
    assert main(["ladder", PROJECT, "--debug"]) == 3
    assert "Traceback" in capsys.readouterr().err
    monkeypatch.setenv("COPRODUCTION_DEBUG", "1")
    assert main(["ladder", PROJECT]) == 3
    assert "RuntimeError" in capsys.readouterr().err


def test_a_verdict_asked_for_exits_1(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["pay", CLAIMS_THAT_DIFFER, "--check"]) == 1
    out = str(tmp_path / "moved.json")
    assert main(["wtfc", BLOCKED_CYCLE, "--advance", "--on", "2024-06-01", "--out", out]) == 1
    charter = ["charter", PROJECT, "--charter", "barnet-2022", "--as-of", "2023-03-31"]
    assert main([*charter, "--fail-on", "not-met"]) == 1
    capsys.readouterr()


def test_a_charter_report_with_items_not_met_exits_0_without_fail_on(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["charter", PROJECT, "--charter", "barnet-2022", "--as-of", "2023-03-31"]) == 0
    assert "[not-met]" in capsys.readouterr().out


def test_usage_errors_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as stopped:
        main(["charter", PROJECT, "--charter", "barnet-2022", "--fail-on", "sometimes"])
    assert stopped.value.code == 2
    with pytest.raises(SystemExit) as stopped:
        main(["no-such-command"])
    assert stopped.value.code == 2
    capsys.readouterr()


def test_advancing_into_a_folder_that_does_not_exist_exits_2_and_an_existing_file_is_kept(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    missing = str(tmp_path / "no-such-folder" / "moved.json")
    assert main(["wtfc", CYCLE, "--advance", "--on", "2024-06-01", "--out", missing]) == 2
    assert "--out: no such folder" in capsys.readouterr().err
    existing = tmp_path / "moved.json"
    existing.write_text("keep me", encoding="utf-8")
    advance = ["wtfc", CYCLE, "--advance", "--on", "2024-06-01", "--out", str(existing)]
    assert main(advance) == 2
    assert "give --force to replace it" in capsys.readouterr().err
    assert existing.read_text(encoding="utf-8") == "keep me"
    assert main([*advance, "--force"]) == 0
    assert existing.read_text(encoding="utf-8") != "keep me"


def test_the_help_lists_the_exit_codes() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "coproduction", "--help"],
        capture_output=True,
        text=True,
        check=True,
    )
    for code in ("0  done", "1  only a verdict", "2  invalid input", "3  an internal error"):
        assert code in done.stdout


def _refuse_to_write(*args: object, **kwargs: object) -> Any:
    raise PermissionError(13, "Permission denied")


@pytest.mark.parametrize(
    ("option", "command"),
    [
        ("--out", ["wtfc", CYCLE, "--advance", "--on", "2022-05-03", "--out"]),
        ("--csv", ["pay", CLAIMS_THAT_DIFFER, "--csv"]),
        ("--out", ["report", PROJECTS, "--period", "2022", "--out"]),
    ],
    ids=["wtfc --out", "pay --csv", "report --out"],
)
def test_a_folder_that_cannot_be_written_is_bad_input_named_by_its_option_not_a_bug(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    option: str,
    command: list[str],
) -> None:
    monkeypatch.setattr("coproduction._files.tempfile.mkstemp", _refuse_to_write)
    target = tmp_path / {"wtfc": "out.json", "pay": "out.csv", "report": "out.html"}[command[0]]
    assert main([*command, str(target)]) == 2
    err = capsys.readouterr().err
    assert f"{option}: cannot write to {tmp_path}: permission denied" in err
    assert len(err.strip().splitlines()) == 1
    assert "bug" not in err
    assert not target.exists()


def test_a_disk_that_fills_while_writing_leaves_no_file_and_says_so(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def full(*args: object, **kwargs: object) -> Any:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("coproduction._files.os.replace", full)
    target = tmp_path / "report.html"
    with pytest.raises(
        ValidationError, match=r"--out: cannot write to .*: no space left on device"
    ):
        write_text_atomic(target, "<p>report</p>")
    assert list(tmp_path.iterdir()) == []
