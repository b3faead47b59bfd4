"""The board report: one accessible, self-contained HTML page, checked as a reader would."""

from __future__ import annotations

import datetime
import itertools
import json
import os
import re
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest

import coproduction as cp
from coproduction.cli import main
from coproduction.display import board_report, render_board_html
from tests.results import board_page

ROOT = Path(__file__).parent.parent
MEASURES = ROOT / "examples" / "measures"
PROJECTS = MEASURES / "projects"
POPULATION = MEASURES / "population-barnet-ethnicity-2021.csv"
REGISTERS = [MEASURES / "peoples-voice-register.toml", MEASURES / "involvement-board-register.toml"]
TEMPLATES = ROOT / "src" / "coproduction" / "display" / "templates"
NODE_PREFIX = ROOT / ".node"  # where .ci/run (or scripts/browser-tools) installs axe-core
GENERATED = datetime.date(2026, 12, 2)


def _full_report() -> str:
    return board_page(GENERATED)


@pytest.fixture(scope="module")
def page() -> str:
    return _full_report()


class _Page(HTMLParser):
    """The parts of a page the accessibility rules speak of."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.headings: list[int] = []
        self.ids: set[str] = set()
        self.open_tables = 0
        self.tables: list[dict[str, int]] = []
        self.title = ""
        self._in_title = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        self.tags.append((tag, found))
        if found.get("id"):
            self.ids.add(str(found["id"]))
        if re.fullmatch(r"h[1-6]", tag):
            self.headings.append(int(tag[1]))
        if tag == "table":
            self.tables.append({"captions": 0, "th": 0, "scoped": 0})
        if tag == "caption" and self.tables:
            self.tables[-1]["captions"] += 1
        if tag == "th" and self.tables:
            self.tables[-1]["th"] += 1
            self.tables[-1]["scoped"] += found.get("scope") in ("col", "row")
        self._in_title = tag == "title" and not any(t == "svg" for t, _ in self.tags[-3:])

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self._in_title = False

    def handle_data(self, data: str) -> None:
        if self._in_title and not self.title:
            self.title = data.strip()


def _parse(html: str) -> _Page:
    parsed = _Page()
    parsed.feed(html)
    return parsed


def test_the_page_names_its_language_and_has_a_title(page: str) -> None:
    parsed = _parse(page)
    assert ("html", {"lang": "en-GB"}) in parsed.tags
    assert parsed.title.startswith("Engagement and co-production 2022-23")


def test_headings_start_at_one_h1_and_never_skip_a_level(page: str) -> None:
    levels = _parse(page).headings
    assert levels[0] == 1
    assert levels.count(1) == 1
    assert all(later <= earlier + 1 for earlier, later in itertools.pairwise(levels))


def test_the_page_has_banner_navigation_main_and_footer_landmarks(page: str) -> None:
    tags = [tag for tag, _ in _parse(page).tags]
    for landmark in ("header", "nav", "main", "footer"):
        assert tags.count(landmark) == 1, landmark


def test_every_table_has_a_caption_and_every_header_cell_a_scope(page: str) -> None:
    tables = _parse(page).tables
    assert len(tables) >= 10
    assert all(t["captions"] == 1 for t in tables)
    assert all(t["th"] == t["scoped"] for t in tables)


def test_every_chart_is_an_image_named_by_a_title_inside_it(page: str) -> None:
    parsed = _parse(page)
    charts = [attrs for tag, attrs in parsed.tags if tag == "svg"]
    assert len(charts) == 4  # reach by quarter and three ladders
    for chart in charts:
        assert chart["role"] == "img"
        assert all(name in parsed.ids for name in str(chart["aria-labelledby"]).split())


def test_the_page_is_self_contained_and_needs_no_javascript(page: str) -> None:
    assert "<script" not in page
    assert "<link" not in page
    assert not re.search(r'(src|href)="(?!#)', page)  # only links within the page
    assert "@page { size: A4" in page


def test_the_assessed_rung_is_labelled_in_words_not_only_by_colour(page: str) -> None:
    ladder = page.split('id="ladder-carers-forum-2022"', 1)[1].split("</svg>", 1)[0]
    assert ladder.count("&#9664; assessed") == 1
    assert "Rung 5 of 7, Engagement (doing for)." in page


def test_each_project_says_what_would_lift_it(page: str) -> None:
    assert "What would lift it to <strong>Co-design</strong>:" in page
    assert "<li>Design input from people is recorded as adopted.</li>" in page


def test_small_counts_are_suppressed_in_the_representativeness_table(page: str) -> None:
    row = page.split('<th scope="row">Black</th>', 1)[1].split("</tr>", 1)[0]
    assert row.count(">suppressed<") == 4  # count, share, ratio and flag; the population's shown
    assert "7.9%" in row


def test_waiting_items_are_not_listed_when_their_number_is_suppressed(page: str) -> None:
    assert "Items still waiting: suppressed." in page
    # The longest and median waits are those items' own figures: suppressed with their number.
    assert "The longest has waited" not in page
    assert "not listed one by one" in page
    assert "Items waiting for an answer, the longest wait first" not in page


def test_the_changed_something_share_says_it_is_over_the_answered_items(page: str) -> None:
    assert "of those with a response" not in page
    assert "Of the items that have had an answer, the share that changed something:" in page
    assert "in counts, a suppressed number of the 5 items that have had an answer" in page


def test_reach_by_quarter_has_a_bar_and_a_table_row_for_each_quarter(page: str) -> None:
    for quarter in ("Q1 Apr-Jun 2022", "Q2 Jul-Sep 2022", "Q3 Oct-Dec 2022", "Q4 Jan-Mar 2023"):
        assert f'<th scope="row">{quarter}</th>' in page
    assert page.count('<rect class="bar"') + page.count(">suppressed</text>") == 4


def test_the_charter_summary_counts_each_status_for_each_project(page: str) -> None:
    report = cp.check_charter(
        cp.load_project(PROJECTS / "carers-forum-2022.toml"),
        cp.load_charter("barnet-2022"),
        datetime.date(2023, 3, 31),
        cp.measures.load_population(POPULATION),
    )
    cells = "".join(f'<td class="number">{n}</td>' for n in report.summary.values())
    assert f'<th scope="row">carers-forum-2022</th>{cells}' in page


def test_text_from_a_record_is_escaped_never_run() -> None:
    project = cp.Project(id="p1", title='<script>alert("x")</script> & co', organisation="A|B")
    html = render_board_html(board_report([project], cp.Period.financial_year(2022)))
    assert "<script>" not in html
    assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt; &amp; co" in html


def test_a_period_without_activity_still_makes_a_readable_report() -> None:
    html = render_board_html(board_report([], cp.Period.financial_year(2030)))
    assert "covering 0 projects" in html
    assert "None" not in html


def _luminance(colour: str) -> float:
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def _contrast(one: str, other: str) -> float:
    light, dark = sorted((_luminance(one), _luminance(other)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def test_every_text_colour_pair_has_a_contrast_of_at_least_4_5_to_1() -> None:
    # axe cannot work out the background of text drawn in SVG, so the pairs the
    # stylesheet uses are checked here by the WCAG formula.
    css = (TEMPLATES / "board.css").read_text(encoding="utf-8")
    colours = dict(re.findall(r"--(\w+): (#[0-9a-f]{6})", css))
    pairs = [
        ("ink", "paper"),  # body text
        ("ink", "pale"),  # table headers, ladder steps
        ("accent", "paper"),  # links
        ("paper", "accent"),  # the assessed rung's label (white on the accent)
    ]
    assert "fill: #ffffff" in css  # the assessed rung's label really is white
    for text, background in pairs:
        assert _contrast(colours[text], colours[background]) >= 4.5, (text, background)


def test_report_command_writes_the_page_and_says_so(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "report.html"
    args = ["report", str(PROJECTS), "--period", "2022", "--charter", "barnet-2022"]
    args += ["--population", str(POPULATION), "--out", str(out)]
    assert main(args) == 0
    assert "3 projects, 2022-23" in capsys.readouterr().out
    assert '<h2 id="charter">Charter summary</h2>' in out.read_text(encoding="utf-8")


def test_report_command_refuses_to_overwrite_without_force(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "report.html"
    out.write_text("kept", encoding="utf-8")
    args = ["report", str(PROJECTS), "--period", "2022", "--out", str(out)]
    assert main(args) == 2
    assert "already exists: give --force" in capsys.readouterr().err
    assert out.read_text(encoding="utf-8") == "kept"
    assert main([*args, "--force"]) == 0
    assert out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


def test_report_command_reports_a_missing_folder_and_a_wrong_suffix_as_invalid(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    base = ["report", str(PROJECTS), "--period", "2022", "--out"]
    assert main([*base, str(tmp_path / "missing" / "r.html")]) == 2
    assert "no such folder" in capsys.readouterr().err
    assert main([*base, str(tmp_path / "r.pdf")]) == 2
    assert "written as .html" in capsys.readouterr().err
    assert list(tmp_path.iterdir()) == []


def _browser_tools() -> tuple[str, str] | str:
    """Chromium and node, or the reason the browser test cannot run."""
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    node = shutil.which("node")
    if chromium is None:
        return "Chromium is not installed (Debian package 'chromium'; .ci/run installs it)"
    if node is None:
        return "Node.js is not installed, so axe-core cannot be run"
    for package in ("axe-core", "playwright-core"):
        if not (NODE_PREFIX / "node_modules" / package).is_dir():
            return f"{package} is not installed: run `bash scripts/browser-tools`"
    return chromium, node


def test_a_real_browser_finds_no_accessibility_violations_at_wcag_aa(tmp_path: Path) -> None:
    tools = _browser_tools()
    if isinstance(tools, str):
        pytest.skip(f"browser test not run: {tools}")
    chromium, node = tools
    page = tmp_path / "report.html"
    page.write_text(_full_report(), encoding="utf-8")
    run = subprocess.run(
        [
            node,
            str(ROOT / "tests" / "browser" / "axe_check.cjs"),
            str(NODE_PREFIX),
            chromium,
            str(page),
            str(tmp_path / "first-page.png"),
        ],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        env={**os.environ, "HOME": str(tmp_path)},
    )
    assert run.returncode == 0, run.stderr
    result = json.loads(run.stdout)
    assert result["violations"] == [], result["violations"]
    assert result["passes"] > 10  # axe really ran its rules on the page
    assert (tmp_path / "first-page.png").stat().st_size > 10_000
