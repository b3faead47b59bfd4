"""Outputs finance works in: a CSV of lines, a workbook with lines and totals, --totals."""

from __future__ import annotations

import io
import json
import runpy
import sys
import zipfile
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import coproduction as cp
from coproduction.cli import main
from coproduction.rewards.exports import LINE_COLUMNS, lines_csv, workbook

EXAMPLES = Path(__file__).parent.parent / "examples"
JUNE = str(EXAMPLES / "claims" / "june-claims.csv")
HALF_DAY = str(EXAMPLES / "claims" / "half-day-with-travel.toml")

CARER = {
    "id": "carer",
    "participant": {"id": "p9", "benefits": ["carers-allowance"]},
    "activities": [
        {"id": "a1", "date": "2025-06-10", "kind": "workshop", "minutes": 360, "attended": True},
        {"id": "a2", "date": "2025-06-12", "kind": "workshop", "minutes": 360, "attended": True},
    ],
}


def _june() -> list[cp.Calculation]:
    return cp.calculate_all(cp.load_claims(JUNE), cp.load_policy("example-council"))


def test_the_csv_has_one_row_per_line_with_money_to_two_decimals() -> None:
    calcs = _june()
    rows = lines_csv(calcs).splitlines()
    assert rows[0] == ",".join(LINE_COLUMNS)
    assert len(rows) == 1 + sum(len(c.lines) for c in calcs)
    amounts = [row.split(",")[LINE_COLUMNS.index("amount")] for row in rows[1:]]
    assert all(len(a.split(".")[1]) == 2 for a in amounts)
    assert sum(Decimal(a) for a in amounts) == sum(c.total for c in calcs)


def _sheet_xml(data: bytes, number: int) -> str:
    with zipfile.ZipFile(io.BytesIO(data)) as book:
        return book.read(f"xl/worksheets/sheet{number}.xml").decode("utf-8")


def test_the_workbook_keeps_every_amount_exact_as_a_number_formatted_with_two_decimals() -> None:
    openpyxl = pytest.importorskip("openpyxl")
    calcs = [cp.calculate(cp.load_claim(HALF_DAY), cp.load_policy("national-voices"))]
    data = workbook(calcs)
    book = openpyxl.load_workbook(io.BytesIO(data))
    assert book.sheetnames == ["lines", "totals"]
    lines = book["lines"]
    assert [c.value for c in lines[1]] == list(LINE_COLUMNS)
    amount = lines.cell(row=3, column=LINE_COLUMNS.index("amount") + 1)
    assert amount.number_format == "0.00"
    assert amount.data_type == "n"
    # The stored text of the mileage line is the Decimal's own digits.
    assert '<c r="J3" s="2" t="n"><v>4.80</v>' in _sheet_xml(data, 1)


def test_the_totals_sheet_flags_a_week_over_the_carers_allowance_limit() -> None:
    openpyxl = pytest.importorskip("openpyxl")
    claim = cp.load_claim(CARER)
    calc = cp.calculate(claim, cp.load_policy("national-voices"))
    book = openpyxl.load_workbook(io.BytesIO(workbook([calc], {"p9": claim.participant.benefits})))
    rows = list(book["totals"].iter_rows(values_only=True))
    assert rows[0] == (
        "participant",
        "period_kind",
        "period",
        "start",
        "end",
        "earnings",
        "hours",
        "flags",
    )
    week = next(r for r in rows if r[1] == "week")
    assert week[5] == 200
    assert week[6] == 12
    assert str(week[7]).startswith(
        "over the Carer's Allowance weekly earnings limit of £196.00. Source: Carers UK"
    )
    assert book["totals"].cell(row=2, column=6).number_format == "0.00"


ESA: dict[str, Any] = {
    "id": "esa",
    "participant": {"id": "p8", "benefits": ["esa"]},
    "activities": [
        {"id": "a1", "date": "2025-06-10", "kind": "meeting", "minutes": 480, "attended": True},
        {"id": "a2", "date": "2025-06-12", "kind": "meeting", "minutes": 480, "attended": True},
    ],
    "expenses": [],
}


def test_the_totals_sheet_flags_a_week_of_16_hours_for_esa_permitted_work_with_its_source() -> None:
    openpyxl = pytest.importorskip("openpyxl")
    declined = {"id": "p8", "benefits": ["esa"], "choice": "decline"}
    claim = cp.load_claim({**ESA, "participant": declined})
    calc = cp.calculate(claim, cp.load_policy("example-council"))
    book = openpyxl.load_workbook(io.BytesIO(workbook([calc], {"p8": claim.participant.benefits})))
    week = next(r for r in book["totals"].iter_rows(values_only=True) if r[1] == "week")
    # A declined reward is no income, but the hours are still the hours worked.
    assert (week[5], week[6]) == (0, 16)
    assert week[7] == (
        "16.0 hours, at or over the limit of 16 hours (ESA permitted work: under 16 hours a "
        "week). Source: gov.uk, Employment and Support Allowance: working while you claim "
        "(permitted work): under 16 hours a week"
    )


def test_a_week_just_under_16_hours_is_not_flagged_and_months_carry_no_hours() -> None:
    first, second = ESA["activities"]
    claim = cp.load_claim({**ESA, "activities": [first, {**second, "minutes": 479}]})
    calc = cp.calculate(claim, cp.load_policy("example-council"))
    rows = cp.rewards.period_totals([calc], {"p8": claim.participant.benefits})
    week = rows[0]
    assert week.hours is not None
    assert f"{week.hours:.2f}" == "15.98"
    assert not any("hours" in flag for flag in week.flags)
    assert [r.hours for r in rows[1:]] == [None, None]


@settings(max_examples=50, deadline=None)
@given(
    st.lists(
        st.decimals(min_value=0, max_value=Decimal("999999999.99"), places=2),
        min_size=1,
        max_size=5,
    )
)
def test_every_amount_in_the_workbook_is_stored_as_its_exact_digits(
    amounts: list[Decimal],
) -> None:
    pytest.importorskip("openpyxl")
    # openpyxl alone would store 532721.43 as 532721.4300000001 (through a float).
    rows = [(f"{a:.2f}", "week") for a in amounts]
    calcs = [
        cp.calculate(
            cp.load_claim(
                {
                    "id": f"c{i}",
                    "participant": {"id": "p1"},
                    "activities": [
                        {
                            "id": "a1",
                            "date": "2025-06-10",
                            "kind": "task",
                            "minutes": 1,
                            "attended": True,
                        },
                    ],
                }
            ),
            _fixed_policy(Decimal(text)),
        )
        for i, (text, _) in enumerate(rows)
    ]
    xml = _sheet_xml(workbook(calcs), 1)
    for i, (text, _) in enumerate(rows):
        assert f'<c r="J{i + 2}" s="2" t="n"><v>{text}</v>' in xml


def _fixed_policy(amount: Decimal) -> cp.Policy:
    return cp.load_policy(
        {
            "id": "fixed",
            "name": "A fixed fee",
            "owner": "tests",
            "source": "tests",
            "versions": [
                {
                    "version": "1",
                    "effective_from": "2025-04-01",
                    "rewards": [
                        {
                            "id": "fee",
                            "type": "fixed",
                            "kinds": ["task"],
                            "citation": "tests",
                            "amount": str(amount),
                            "per": "activity",
                        }
                    ],
                }
            ],
        }
    )


def test_pay_writes_csv_and_xlsx_and_refuses_to_replace_them_without_force(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    pytest.importorskip("openpyxl")
    csv_path, xlsx_path = tmp_path / "lines.csv", tmp_path / "pay.xlsx"
    assert main(["pay", JUNE, "--csv", str(csv_path), "--xlsx", str(xlsx_path)]) == 0
    out = capsys.readouterr().out
    assert f"wrote {csv_path}: 8 lines" in out
    assert xlsx_path.read_bytes()[:2] == b"PK"
    csv_path.write_text("kept", encoding="utf-8")
    assert main(["pay", JUNE, "--csv", str(csv_path)]) == 2
    assert (
        capsys.readouterr().err == f"--csv: {csv_path} already exists: give --force to replace it\n"
    )
    assert csv_path.read_text(encoding="utf-8") == "kept"
    assert main(["pay", JUNE, "--csv", str(csv_path), "--force"]) == 0
    assert csv_path.read_text(encoding="utf-8").startswith("claim,participant,date")


def test_pay_writes_neither_file_when_one_cannot_be_written(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    csv_path = tmp_path / "lines.csv"
    missing = tmp_path / "no-such-folder" / "pay.xlsx"
    assert main(["pay", JUNE, "--csv", str(csv_path), "--xlsx", str(missing)]) == 2
    assert capsys.readouterr().err == f"--xlsx: no such folder: {missing.parent}\n"
    assert list(tmp_path.iterdir()) == []


def test_pay_writes_nothing_when_a_claim_cannot_be_calculated(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    claim = tmp_path / "claim.toml"
    claim.write_text(
        'id = "c1"\npolicy = "national-voices"\n[participant]\nid = "p1"\n'
        '[[activities]]\nid = "a1"\ndate = 2025-06-10\nkind = "knitting"\nminutes = 60\n'
        "attended = true\n",
        encoding="utf-8",
    )
    out = tmp_path / "lines.csv"
    assert main(["pay", str(claim), "--csv", str(out)]) == 2
    err = capsys.readouterr().err
    assert f"{claim}: activities[0].kind: not an activity kind in policy national-voices" in err
    assert not out.exists()


def test_without_openpyxl_xlsx_says_which_extra_to_install_and_exits_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "openpyxl", None)
    out = tmp_path / "pay.xlsx"
    assert main(["pay", JUNE, "--xlsx", str(out)]) == 2
    assert capsys.readouterr().err == (
        "--xlsx: writing .xlsx needs openpyxl: pip install 'coproduction[spreadsheets]'\n"
    )
    assert not out.exists()


def test_pay_totals_prints_each_period_with_its_threshold_flag(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    claim = tmp_path / "carer.json"
    claim.write_text(json.dumps({**CARER, "policy": "national-voices"}), encoding="utf-8")
    assert main(["pay", str(claim), "--totals"]) == 0
    out = capsys.readouterr().out
    assert "p9       week      week 9-15 June 2025                   £200.00" in out
    assert "! over the Carer's Allowance weekly earnings limit of £196.00. Source: " in out
    assert "p9       tax year  tax year 2025/26                      £200.00" in out
    assert main(["pay", str(claim), "--totals", "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert {r["kind"] for r in rows} == {"period-total"}
    assert [r["period_kind"] for r in rows] == ["week", "month", "tax year"]


def test_the_worked_example_shows_the_budget_reconciliation_and_spreadsheets(
    capsys: pytest.CaptureFixture[str],
) -> None:
    walkthrough = runpy.run_path(str(EXAMPLES / "walkthrough.py"), run_name="walkthrough")
    walkthrough["rewards"]()
    out = capsys.readouterr().out
    assert "10. The year's budget, by category" in out
    assert "r2       a2         2025-07-08 yes         £100.00    £100.00     £50.00" in out
    assert "claim,participant,date,item,rule,policy_version" in out


def test_the_worked_example_labels_hours_and_money_and_says_whose_claim_is_flagged(
    capsys: pytest.CaptureFixture[str],
) -> None:
    walkthrough = runpy.run_path(str(EXAMPLES / "walkthrough.py"), run_name="walkthrough")
    walkthrough["rewards"]()
    out = capsys.readouterr().out
    assert "totals sheet: p1 week 9-15 June 2025 £160.00 (9.00 hours)" in out
    assert "j1: reward £160.00, expenses £5.85, total £165.85" in out
    assert "expenses of £0.00" not in out
    assert "p9, who gets Carer's Allowance, claims two 6-hour workshops" in out


def test_the_worked_example_counts_the_people_at_the_boards_meetings(
    capsys: pytest.CaptureFixture[str],
) -> None:
    walkthrough = runpy.run_path(str(EXAMPLES / "walkthrough.py"), run_name="walkthrough")
    walkthrough["measures"]()
    out = capsys.readouterr().out
    assert "## Who took part in the meetings of Involvement Board (illustrative)" in out
    assert "People: 18 (12 with lived experience, 6 professionals" in out
