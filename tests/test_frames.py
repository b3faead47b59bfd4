"""DataFrames for every result: one row per thing counted, money exact, rungs in ladder order."""

from __future__ import annotations

import sys
from decimal import Decimal

import pytest

import coproduction as cp
from coproduction.display.frames import framed_types
from coproduction.rewards.totals import person_totals
from coproduction.wtfc import rank_themes
from tests.results import one_of_each

pd = pytest.importorskip("pandas")

RESULTS = one_of_each()


@pytest.mark.parametrize("name", sorted(n for n in RESULTS if type(RESULTS[n]) in framed_types()))
def test_every_result_becomes_a_dataframe_with_a_row_per_thing_counted(name: str) -> None:
    frame = cp.to_dataframe(RESULTS[name])
    assert len(frame) > 0
    assert list(frame.columns) == list(dict.fromkeys(frame.columns))  # no repeated column


def test_every_type_with_a_frame_is_among_the_results_tried() -> None:
    tried = {type(r) for r in RESULTS.values()}
    extra = {
        type(person_totals([RESULTS["calculation"]])[0]),
        type(rank_themes(RESULTS["cycle"])[0]),
    }
    period_total = {t for t in framed_types() if t.__name__ == "PeriodTotal"}
    assert set(framed_types()) - extra - period_total <= tried


def test_rows_match_the_result_one_for_one() -> None:
    report = RESULTS["charter-report"]
    assert len(cp.to_dataframe(report)) == len(report.results)
    calc = RESULTS["calculation"]
    assert len(cp.to_dataframe(calc)) == len(calc.lines)
    rec = RESULTS["reconciliation"]
    assert len(cp.to_dataframe(rec)) == len(rec.entries)


def test_money_columns_hold_exact_decimals_that_add_up_to_the_totals() -> None:
    calc = RESULTS["calculation"]
    frame = cp.to_dataframe(calc)
    assert all(isinstance(v, Decimal) for v in frame["amount"])
    assert sum(frame["amount"], Decimal(0)) == calc.total
    budget = cp.to_dataframe(RESULTS["budget"]).set_index("category")
    parts = budget.drop(index="total")["remaining"]
    assert sum(parts, Decimal(0)) == budget.loc["total", "remaining"]


def test_rungs_sort_in_ladder_order_not_alphabetical_order() -> None:
    results = [cp.assess_ladder(p) for p in cp.load_projects("examples/projects")]
    frame = cp.to_dataframe(results)
    assert frame["rung"].cat.ordered
    assert frame["rung"].max() == "co-production"  # alphabetically it would be "engagement"
    assert frame["stage_understand"].cat.ordered


def test_suppressed_figures_are_missing_with_the_suppression_stated_beside_them() -> None:
    report = RESULTS["annual-report"]
    frame = cp.to_dataframe(report)
    hidden = frame[frame["suppressed"]]
    assert len(hidden) > 0
    assert hidden["value"].isna().all()
    assert not frame[~frame["suppressed"]]["value"].isna().any()
    published = set(report.to_dict()["suppressed"])
    for path in hidden["figure"]:  # each is named by a suppressed path of the report
        assert any(set(p.split(".")) <= set(path.split(".")) for p in published), path
    missing = [set(path.split(".")) for path in hidden["figure"]]
    for path in published:  # and every suppressed path of the report is in the frame, missing
        assert any(set(path.split(".")) <= figure for figure in missing), path


def test_a_frame_of_the_measures_keeps_counts_as_whole_numbers() -> None:
    frame = cp.to_dataframe(RESULTS["representativeness"])
    assert str(frame["count"].dtype) == "Int64"
    assert frame["count"].isna().any()  # the small groups


def test_the_figures_are_those_the_report_publishes() -> None:
    report = RESULTS["annual-report"]
    figures = cp.to_dataframe(report).set_index("figure")["value"]
    published = report.to_dict()
    assert figures["reach.people"] == published["reach"]["people"]
    assert figures["feedback_loop.answered"] == published["feedback_loop"]["answered"]
    assert published["feedback_loop"]["items"] is None  # suppressed: missing in the frame
    assert figures.isna()["feedback_loop.items"]


def test_a_mix_of_types_or_a_type_without_a_frame_is_refused() -> None:
    with pytest.raises(TypeError, match="one type"):
        cp.to_dataframe([RESULTS["calculation"], RESULTS["budget"]])
    with pytest.raises(TypeError, match="no DataFrame form for int"):
        cp.to_dataframe([3])


def test_without_pandas_a_frame_says_how_to_get_it(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "pandas", None)
    with pytest.raises(cp.MissingDependencyError, match=r"coproduction\[notebook\]"):
        cp.to_dataframe(RESULTS["budget"])
