"""The annual report Barnet commits to (issue 15, §4): complaints, compliments, platform use,
other counts, impact, and every count beside the year before.

"At a minimum, our measures will include ... People's use of our online platform (Engage
Barnet) ... Key findings from annual surveys, complaints and compliments ... Analysis of how
much of an impact people's input is having on services" (Barnet Engagement and Co-production
Strategy 2022, section 6, L.285-300).
"""

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
from coproduction.measures.report import compare
from coproduction.project import Channel

EXAMPLES = Path(__file__).parent.parent / "examples" / "measures"
FIGURES = [EXAMPLES / "annual-figures-2022.toml", EXAMPLES / "annual-figures-2021.toml"]
SURVEYS = [EXAMPLES / "case-closure-survey-2022.toml", EXAMPLES / "case-closure-survey-2021.toml"]
FY22 = cp.Period.financial_year(2022)
D = datetime.date


def report(**extra: Any) -> dict[str, Any]:
    return cp.measures.annual_report(
        cp.load_projects(EXAMPLES / "projects"),
        FY22,
        figures=[cp.measures.load_annual_figures(p) for p in FIGURES],
        surveys=[cp.measures.load_survey_results(p) for p in SURVEYS],
        **extra,
    ).to_dict()


def comparison(data: dict[str, Any], path: str) -> dict[str, Any]:
    return next(r for r in data["previous_year"]["comparisons"] if r["path"] == path)


def test_complaints_and_compliments_come_from_the_annual_figures_with_their_themes() -> None:
    data = report()
    assert data["complaints"]["count"] == 212
    assert data["complaints"]["themes"]["communication"] == 61
    assert data["complaints"]["source"] == "annual figures"
    assert data["compliments"]["count"] == 305


def test_without_figures_complaints_are_counted_from_the_project_items() -> None:
    """Feedback outside any activity comes in through a channel (complaint, compliment)."""
    items = tuple(
        cp.FeedbackItem(id=f"c{i}", said="...", channel=Channel.COMPLAINT, raised_on=day)
        for i, day in enumerate([D(2022, 5, 1), D(2022, 6, 1), D(2023, 5, 1)])
    )
    project = cp.Project(id="p", title="P", feedback=items)
    shown = cp.measures.annual_report([project], FY22).to_dict(min_count=1)
    assert (shown["complaints"]["source"], shown["complaints"]["count"]) == ("project records", 2)
    assert shown["compliments"]["count"] == 0


def test_platform_use_is_given_per_part_of_the_year_with_the_years_total() -> None:
    platform = report()["platform"]
    assert [p["contributions"] for p in platform["periods"]] == [148, 212, 96, 131]
    assert platform["total"] == {"visits": 9570, "contributions": 587, "opportunities": 12}


def test_a_small_platform_figure_is_hidden_with_another_so_the_total_cannot_give_it_away() -> None:
    figures = cp.measures.load_annual_figures(
        {
            "start": "2022-04-01",
            "end": "2023-03-31",
            "platform": [
                {"start": "2022-04-01", "end": "2022-09-30", "contributions": 3},
                {"start": "2022-10-01", "end": "2023-03-31", "contributions": 40},
            ],
        }
    )
    shown = cp.measures.annual_report([], FY22, figures=[figures]).to_dict()["platform"]
    assert [p["contributions"] for p in shown["periods"]] == [None, None]
    assert shown["total"]["contributions"] == 43


def test_every_count_is_compared_with_the_year_before() -> None:
    data = report()
    assert data["previous_year"]["period"]["name"] == "2021-22"
    complaints = comparison(data, "complaints.count")
    assert (complaints["this_year"], complaints["previous_year"], complaints["change"]) == (
        212,
        240,
        -28,
    )
    satisfied = comparison(data, "surveys.case-closure.satisfied.share_positive")
    assert (satisfied["this_year"], satisfied["previous_year"]) == (0.932, 0.8971)
    assert comparison(data, "counts.assessment-feedback")["change"] == 430


def test_a_figure_suppressed_in_either_year_has_no_change() -> None:
    data = report()
    changed = comparison(data, "feedback_loop.changed")
    assert changed["this_year"] is None
    assert changed["change"] is None


def test_a_boards_size_last_year_is_not_shown_when_this_years_joiners_are_hidden() -> None:
    """This year's size less last year's, plus those who left, would give the joiners away."""
    board = {"register": "b", "name": "B", "members_at_end": 12, "joined": None, "left": 0}
    empty: dict[str, Any] = {"registers": [], "surveys": [], "counts": {"items": []}}
    now = empty | {"registers": [board]}
    before = empty | {"registers": [board | {"members_at_end": 10, "joined": 6}], "period": {}}
    (row,) = [r for r in (compare(now, before) or {})["comparisons"] if r["path"].startswith("reg")]
    assert (row["this_year"], row["previous_year"], row["change"]) == (12, None, None)


def test_impact_lists_what_changed_once_enough_items_did() -> None:
    """Impact shown as what changed: items accepted or implemented, with the change recorded."""
    data = report(as_of=None)
    assert data["impact"]["changed"] is None  # 4 items: fewer than 5 are not listed
    listed = cp.measures.annual_report(cp.load_projects(EXAMPLES / "projects"), FY22).to_dict(
        min_count=1
    )["impact"]
    assert listed["changed"] == 4
    assert all(i["status"] in ("accepted", "implemented") for i in listed["items"])
    assert all(i["what_changed"] for i in listed["items"])


def test_two_figures_files_for_one_year_are_refused() -> None:
    figures = cp.measures.load_annual_figures(FIGURES[0])
    with pytest.raises(cp.ValidationError, match="2 annual-figures files"):
        cp.measures.annual_report([], FY22, figures=[figures, figures])


def test_a_broken_figures_file_is_exit_2_with_every_problem_located(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "figures.toml"
    path.write_text(
        "start = 2022-04-01\nend = 2023-03-31\n"
        '[complaints]\ncount = -2\nthemes = { "Mrs Jones" = 5 }\n'
        "[[platform]]\nstart = 2023-01-01\nend = 2022-12-01\n"
        "[[platform]]\nstart = 2023-03-01\nend = 2023-06-30\nvisits = -1\n"
        '[[counts]]\nid = "x"\nlabel = "X"\npeople = "lots"\n',
        encoding="utf-8",
    )
    code = main(
        ["measures", str(EXAMPLES / "projects"), "--period", "2022", "--figures", str(path)]
    )
    err = capsys.readouterr().err
    assert code == 2
    for where in (
        "complaints.count",
        "complaints.themes",
        "platform[0].end",
        "platform[1]:",
        "platform[1].visits",
        "counts[0].people",
    ):
        assert where in err, where
    assert "Traceback" not in err
    assert "Mrs Jones" not in err


def test_the_published_report_with_every_input_matches_its_schema(
    capsys: pytest.CaptureFixture[str],
) -> None:
    args = ["measures", str(EXAMPLES / "projects"), "--period", "2022", "--json"]
    args += [x for p in FIGURES for x in ("--figures", str(p))]
    args += [x for p in SURVEYS for x in ("--survey", str(p))]
    assert main(args) == 0
    data = json.loads(capsys.readouterr().out)
    jsonschema.validate(data, schemas.schema("annual-report"))
    assert data["surveys"][0]["findings"]


def test_the_board_report_shows_the_years_inputs(tmp_path: Path) -> None:
    out = tmp_path / "board.html"
    args = ["report", str(EXAMPLES / "projects"), "--period", "2022", "--out", str(out)]
    args += [x for p in FIGURES for x in ("--figures", str(p))]
    assert main(args) == 0
    page = out.read_text(encoding="utf-8")
    for heading in ("Complaints and compliments", "Use of the online platform", "What changed"):
        assert heading in page
    assert "Compared with the year before" in page
