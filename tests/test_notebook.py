"""How assessments show themselves in a notebook."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

import coproduction as cp

EXAMPLES = Path(__file__).parent.parent / "examples" / "projects"


def test_the_html_summary_highlights_the_assessed_rung_and_lists_the_gaps() -> None:
    result = cp.assess_ladder(cp.load_project(EXAMPLES / "bedford-carers-strategy.toml"))
    page = result._repr_html_()
    assert page.count("<tr") >= 7 + 6  # seven rungs, six stages
    highlighted = [row for row in page.split("<tr") if "background" in row]
    assert len(highlighted) == 1
    assert "Consultation" in highlighted[0]
    assert "accepted or" in page  # the gap to engagement
    assert "understand" in page


def test_html_escapes_what_the_record_says() -> None:
    project = cp.Project(id="x", title="<script>alert(1)</script>")
    page = cp.assess_ladder(project)._repr_html_()
    assert "<script>" not in page
    assert "&lt;script&gt;" in page


def test_a_list_of_assessments_becomes_a_dataframe() -> None:
    pytest.importorskip("pandas")
    results = [cp.assess_ladder(p) for p in cp.load_projects(EXAMPLES)]
    frame = cp.ladder.to_dataframe(results)
    assert len(frame) == len(results)
    assert set(frame["rung"]) >= {"co-production", "co-design", "consultation"}
    assert "stage_decide" in frame.columns


def test_without_pandas_the_dataframe_call_says_how_to_get_it(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setitem(sys.modules, "pandas", None)
    with pytest.raises(cp.MissingDependencyError, match=r"coproduction\[notebook\]"):
        cp.ladder.to_dataframe([])


def test_the_package_imports_without_pandas() -> None:
    code = "import sys; sys.modules['pandas'] = None; import coproduction; print('ok')"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert done.stdout.strip() == "ok", done.stderr
