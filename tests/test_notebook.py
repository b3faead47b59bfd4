"""How assessments show themselves in a notebook."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

import coproduction as cp
from coproduction._shown import Shown
from coproduction.display.html import shown_types, to_html
from tests.results import one_of_each

EXAMPLES = Path(__file__).parent.parent / "examples" / "projects"


def test_the_html_summary_highlights_the_assessed_rung_and_lists_the_gaps() -> None:
    result = cp.assess_ladder(cp.load_project(EXAMPLES / "bedford-carers-strategy.toml"))
    page = result._repr_html_()
    assert page is not None
    assert page.count("<tr") >= 7 + 6  # seven rungs, six stages
    highlighted = [row for row in page.split("<tr") if "background" in row]
    assert len(highlighted) == 1
    assert "Consultation" in highlighted[0]
    assert "accepted or" in page  # the gap to engagement
    assert "understand" in page


def test_html_escapes_what_the_record_says() -> None:
    project = cp.Project(id="x", title="<script>alert(1)</script>")
    page = cp.assess_ladder(project)._repr_html_()
    assert page is not None
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


RESULTS = one_of_each()


@pytest.mark.parametrize("name", sorted(RESULTS))
def test_every_result_draws_itself_as_an_accessible_html_fragment(name: str) -> None:
    result = RESULTS[name]
    page = to_html(result)
    if isinstance(result, Shown):
        assert result._repr_html_() == page  # what Jupyter shows
    assert page.startswith("<section")
    assert "<h3>" in page
    tables = page.count("<table>")
    assert page.count("<caption>") == tables  # every table says what it holds
    headers = re.findall(r"<th( [^>]*)?>", page)
    assert all(h and "scope=" in h for h in headers)  # every header cell is scoped
    assert not re.search(r"<th[^>]*></th>", page)  # and none is empty


def test_every_drawn_type_is_a_result_a_notebook_shows_through_the_display_edge() -> None:
    drawn = set(shown_types())
    assert {type(r) for r in RESULTS.values()} == drawn
    # The rewards engine's calculation keeps its own method until its module is split.
    assert all(issubclass(t, Shown) for t in drawn)


def test_the_domain_modules_hold_no_html() -> None:
    package = Path(cp.__file__).parent
    for path in package.rglob("*.py"):
        if "display" in path.parts:
            continue
        text = path.read_text(encoding="utf-8")
        assert "<table" not in text, path
        assert "html.escape" not in text, path


def test_a_record_s_words_are_shown_as_text_in_every_fragment() -> None:
    project = cp.Project(
        id="x",
        title="<b>bold</b> & co",
        organisation="<i>council</i>",
    )
    for page in (to_html(project), to_html(cp.assess_ladder(project))):
        assert "<b>" not in page
        assert "<i>" not in page
        assert "&lt;b&gt;bold&lt;/b&gt; &amp; co" in page


def test_the_annual_report_fragment_shows_published_figures_only() -> None:
    page = to_html(RESULTS["annual-report"])
    assert "suppressed" in page  # the small counts in the examples
    assert "Headlines:" in page


def test_without_jinja2_a_notebook_falls_back_to_the_plain_repr(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from coproduction.display import html  # noqa: PLC0415

    html.environment.cache_clear()
    monkeypatch.setitem(sys.modules, "jinja2", None)
    try:
        assert RESULTS["project"]._repr_html_() is None
        with pytest.raises(cp.MissingDependencyError, match=r"coproduction\[report\]"):
            to_html(RESULTS["project"])
    finally:
        html.environment.cache_clear()


def test_a_type_without_an_html_form_is_refused_by_name() -> None:
    with pytest.raises(TypeError, match="no HTML form for int"):
        to_html(3)
