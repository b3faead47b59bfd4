"""Start-up: ``import coproduction`` loads its parts on first use, with the same names and types."""

from __future__ import annotations

import importlib
import subprocess
import sys
from pathlib import Path

import pytest
from mypy import api as mypy_api

import coproduction as cp


def _loaded_after(code: str) -> list[str]:
    script = (
        f"import sys\n{code}\nprint(sorted(m for m in sys.modules if m.startswith('coproduction')))"
    )
    out = subprocess.run(
        [sys.executable, "-c", script], check=True, capture_output=True, text=True
    ).stdout
    return eval(out)  # type: ignore[no-any-return]  # noqa: S307 - our own printed list


def test_importing_the_package_loads_none_of_its_parts() -> None:
    assert _loaded_after("import coproduction") == ["coproduction"]


def test_using_a_name_loads_only_what_it_needs() -> None:
    loaded = _loaded_after("import coproduction as cp; cp.Stage")
    assert "coproduction.project" in loaded
    assert not any(m.startswith(("coproduction.rewards", "coproduction.charters")) for m in loaded)


@pytest.mark.parametrize("name", cp.__all__)
def test_every_public_name_is_the_object_from_its_home_module(name: str) -> None:
    value = getattr(cp, name)
    if name in cp._SUBPACKAGES:
        assert value is importlib.import_module(f"coproduction.{name}")
    elif name != "__version__":
        assert value is getattr(importlib.import_module(cp._NAMES[name]), name)


def test_every_lazy_name_is_public() -> None:
    assert set(cp._NAMES) | cp._SUBPACKAGES | {"__version__"} == set(cp.__all__)


def test_an_unknown_name_is_an_attribute_error() -> None:
    with pytest.raises(AttributeError, match="no attribute 'load_projekt'"):
        _ = cp.load_projekt  # type: ignore[attr-defined]


def test_a_consumer_type_checks_with_the_real_names_and_misspellings_caught(tmp_path: Path) -> None:
    consumer = tmp_path / "consumer.py"
    consumer.write_text(
        "import coproduction as cp\n"
        "project: cp.Project = cp.load_project('x.toml')\n"
        "rung: cp.Rung | None = cp.assess_ladder(project).rung\n"
        "wrong: int = cp.assess_ladder(project)\n"
        "cp.load_projekt\n"
    )
    out, _, status = mypy_api.run(
        ["--strict", "--no-incremental", "--cache-dir", str(tmp_path / "cache"), str(consumer)]
    )
    assert status == 1
    assert 'has type "LadderAssessment", variable has type "int"' in out
    assert 'Module has no attribute "load_projekt"' in out
    assert out.count("error:") == 2


_OTHER_COMMANDS = tuple(
    f"coproduction.{name}"
    for name in ("rewards", "charters", "wtfc", "measures", "display", "schemas", "plan")
)


def _loaded_by_command(*args: str) -> list[str]:
    code = (
        "import contextlib, io\nfrom coproduction.cli import main\n"
        "with contextlib.suppress(SystemExit), contextlib.redirect_stdout(io.StringIO()):\n"
        f"    main({list(args)!r})"
    )
    return _loaded_after(code)


def test_help_loads_no_command_module() -> None:
    loaded = _loaded_by_command("--help")
    assert not [m for m in loaded if m.startswith((*_OTHER_COMMANDS, "coproduction.ladder"))]


def test_a_ladder_call_loads_no_other_command_module() -> None:
    loaded = _loaded_by_command("ladder", "examples/projects/essex-direct-payment-support.toml")
    assert "coproduction.ladder" in loaded
    assert not [m for m in loaded if m.startswith(_OTHER_COMMANDS)]


def test_help_still_lists_every_command() -> None:
    out = subprocess.run(
        [sys.executable, "-m", "coproduction", "--help"], check=True, capture_output=True, text=True
    ).stdout
    for command in ("ladder", "pay", "budget", "policies", "wtfc", "measures", "charter"):
        assert f"    {command} " in out
    for command in ("report", "schema", "examples", "plan"):
        assert f"    {command} " in out
