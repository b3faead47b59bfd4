"""What people read, kept as reviewed snapshot files: a change to any of them shows in the diff.

Each output below is drawn from the examples with fixed dates and compared with its file in
``tests/snapshots/``. When a change to an output is intended, write the files anew with
``UPDATE_SNAPSHOTS=1 bash scripts/test tests/test_snapshots.py`` and review the diff before
committing it: the diff is the review of what readers will now see.
"""

from __future__ import annotations

import datetime
import difflib
import functools
import os
from collections.abc import Callable
from pathlib import Path

import pytest

import coproduction as cp
from coproduction.display.html import to_html
from coproduction.display.markdown import annual_report_markdown
from tests.results import EXAMPLES, board_page, one_of_each

SNAPSHOTS = Path(__file__).parent / "snapshots"
ON = datetime.date(2024, 3, 31)
GENERATED = datetime.date(2026, 12, 2)
PROJECTS = sorted((EXAMPLES / "projects").glob("*.toml"))


def _explanation(path: Path) -> Callable[[], str]:
    return lambda: cp.assess_ladder(cp.load_project(path), ON).explain()


def _outputs() -> dict[str, Callable[[], str]]:
    results = one_of_each()
    outputs: dict[str, Callable[[], str]] = {
        f"ladder-{path.stem}.txt": _explanation(path) for path in PROJECTS
    }
    outputs |= {
        "charter-bedford-barnet-2022.txt": results["charter-report"].text,
        "calculation.txt": results["calculation"].table,
        "reconciliation.txt": results["reconciliation"].table,
        "budget.txt": results["budget"].table,
        "annual-report.md": lambda: annual_report_markdown(results["annual-report"]),
        "board-report.html": functools.partial(board_page, GENERATED),
    }
    outputs |= {
        f"notebook-{name}.html": functools.partial(to_html, result)
        for name, result in results.items()
    }
    return outputs


OUTPUTS = _outputs()


def test_every_snapshot_file_is_still_drawn() -> None:
    stale = sorted({p.name for p in SNAPSHOTS.iterdir()} - set(OUTPUTS))
    assert not stale, f"snapshot files no test draws any more (delete them): {stale}"


@pytest.mark.parametrize("name", sorted(OUTPUTS))
def test_what_readers_see_matches_its_reviewed_snapshot(name: str) -> None:
    drawn = OUTPUTS[name]()
    if not drawn.endswith("\n"):
        drawn += "\n"
    path = SNAPSHOTS / name
    if os.environ.get("UPDATE_SNAPSHOTS") == "1":
        SNAPSHOTS.mkdir(exist_ok=True)
        path.write_text(drawn, encoding="utf-8")
        return
    assert path.exists(), f"no snapshot {name}: run with UPDATE_SNAPSHOTS=1 and review it"
    kept = path.read_text(encoding="utf-8")
    if drawn != kept:
        diff = difflib.unified_diff(
            kept.splitlines(), drawn.splitlines(), f"kept/{name}", f"drawn/{name}", lineterm=""
        )
        shown = "\n".join(list(diff)[:80])
        pytest.fail(
            f"{name} differs from its snapshot (if intended: UPDATE_SNAPSHOTS=1, review the diff):"
            f"\n{shown}"
        )
