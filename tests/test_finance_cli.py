"""The finance command line: policies, claims from spreadsheets, --skip-invalid."""

from __future__ import annotations

import datetime
import json
import sys
from pathlib import Path

import pytest

import coproduction as cp
from coproduction.cli import main

HEADER = "claim,participant,policy,row,id,date,kind,minutes,attended,miles"
ROWS = [
    "c1,p1,national-voices,activity,a1,10/06/2025,meeting,60,true,",
    "c2,p2,national-voices,activity,a1,2025-13-10,meeting,60,true,",
    "c2,,,expense,,2025-06-10,mileage,,,12",
    "c3,p3,national-voices,activity,a1,2025-06-10,meeting",
]


def test_policies_lists_every_packaged_policy(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["policies"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert [line.split()[0] for line in out] == cp.rewards.packaged_policies()
    assert any("(illustrative)" in line for line in out if line.startswith("example-council"))


def test_policies_id_shows_versions_rules_rates_expense_rules_and_citations(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["policies", "example-council"]) == 0
    out = capsys.readouterr().out
    assert "version 2025-26 from 2025-04-01" in out
    assert "reward ex-hourly (hourly) for meeting, workshop, focus-group, board" in out
    assert "rate £20.00, per hour" in out
    assert "expense care-cover: rate £10.00, per hour, cap per event £60.00" in out
    assert "citation: HMRC approved mileage allowance payments" in out
    assert main(["policies", "national-voices", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert (data["kind"], data["id"]) == ("policy", "national-voices")


def test_policies_with_an_unknown_id_exits_2_naming_the_packaged_ones(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["policies", "natonal-voices"]) == 2
    err = capsys.readouterr().err
    assert "no packaged policy 'natonal-voices'" in err
    assert "national-voices" in err


def test_without_skip_invalid_one_bad_row_stops_the_whole_run(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "claims.csv"
    path.write_text("\n".join([HEADER, *ROWS]) + "\n", encoding="utf-8")
    assert main(["pay", str(path)]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert (
        f"{path}: row 3, column date: not a date: '2025-13-10' (use YYYY-MM-DD or dd/mm/yyyy)"
        in captured.err
    )
    assert f"{path}: row 5 has 7 cells, the header has 10" in captured.err
    assert "None" not in captured.err


def test_skip_invalid_pays_the_valid_claims_and_lists_every_rejected_row_then_exits_1(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "claims.csv"
    path.write_text("\n".join([HEADER, *ROWS]) + "\n", encoding="utf-8")
    assert main(["pay", str(path), "--skip-invalid", "--json"]) == 1
    captured = capsys.readouterr()
    assert [c["claim"] for c in json.loads(captured.out)] == ["c1"]
    assert captured.err.splitlines() == [
        f"{path}: row 3, column date: not a date: '2025-13-10' (use YYYY-MM-DD or dd/mm/yyyy)",
        f"{path}: row 5 has 7 cells, the header has 10",
        f"{path}: claim c2: left out (rows 3, 4)",
        f"{path}: claim c3: left out (row 5)",
    ]


def test_skip_invalid_with_nothing_wrong_exits_0(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "claims.csv"
    path.write_text("\n".join([HEADER, ROWS[0]]) + "\n", encoding="utf-8")
    assert main(["pay", str(path), "--skip-invalid"]) == 0
    assert capsys.readouterr().err == ""


def test_skip_invalid_leaves_out_a_claim_the_policy_cannot_price_and_exits_1(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "claims.csv"
    knitting = "c4,p4,national-voices,activity,a1,2025-06-10,knitting,60,true,"
    path.write_text("\n".join([HEADER, ROWS[0], knitting]) + "\n", encoding="utf-8")
    assert main(["pay", str(path), "--skip-invalid", "--csv", str(tmp_path / "out.csv")]) == 1
    err = capsys.readouterr().err
    assert f"{path}: row 3, column kind: not an activity kind in policy national-voices" in err
    assert f"{path}: claim c4: left out" in err
    assert "knitting" not in err  # a kind cell may hold anything typed by hand
    assert (tmp_path / "out.csv").read_text(encoding="utf-8").count("\n") == 2


def _xlsx(path: Path, rows: list[list[object]]) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.Workbook()
    sheet = book.active
    for row in rows:
        sheet.append(row)
    book.save(path)


def test_claims_read_from_an_xlsx_sheet_with_date_time_and_number_cells(tmp_path: Path) -> None:
    path = tmp_path / "claims.xlsx"
    _xlsx(
        path,
        [
            [
                "claim",
                "participant",
                "row",
                "id",
                "date",
                "kind",
                "start",
                "end",
                "attended",
                "miles",
                "receipt",
                "claimed",
            ],
            [
                "c1",
                "p1",
                "activity",
                "a1",
                datetime.date(2025, 6, 10),
                "meeting",
                datetime.time(10, 0),
                datetime.time(13, 0),
                True,
                None,
                None,
                50,
            ],
            [
                "c1",
                None,
                "expense",
                None,
                datetime.date(2025, 6, 10),
                "mileage",
                None,
                None,
                None,
                12,
                True,  # National Voices asks proof of spend for mileage too
                4.8,
            ],
        ],
    )
    [claim] = cp.load_claims(path)
    assert claim.activities[0].duration == 180
    assert str(claim.expenses[0].claimed) == "4.8"
    calc = cp.calculate(claim, cp.load_policy("national-voices"))
    assert calc.total == cp.pounds("54.80")
    assert calc.differences == ()


def test_a_broken_xlsx_cell_is_located_by_row_and_column(tmp_path: Path) -> None:
    path = tmp_path / "claims.xlsx"
    _xlsx(
        path,
        [
            ["claim", "participant", "row", "id", "date", "kind", "minutes", "attended"],
            ["c1", "p1", "activity", "a1", "2025-06-31", "meeting", 60, True],
        ],
    )
    with pytest.raises(cp.ValidationError) as raised:
        cp.load_claims(path)
    assert raised.value.lines() == [
        f"{path}: row 2, column date: not a date: '2025-06-31' (use YYYY-MM-DD or dd/mm/yyyy)"
    ]


def test_a_file_that_is_not_a_workbook_exits_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    pytest.importorskip("openpyxl")
    path = tmp_path / "claims.xlsx"
    path.write_text("not a workbook", encoding="utf-8")
    assert main(["pay", str(path)]) == 2
    assert capsys.readouterr().err == f"{path}: cannot be read as an .xlsx workbook\n"


def test_reading_xlsx_without_openpyxl_says_which_extra_to_install(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "claims.xlsx"
    path.write_bytes(b"PK")
    monkeypatch.setitem(sys.modules, "openpyxl", None)
    assert main(["pay", str(path)]) == 2
    assert capsys.readouterr().err == (
        f"{path}: reading .xlsx needs openpyxl: pip install 'coproduction[spreadsheets]'\n"
    )


def test_every_problem_of_a_claims_csv_is_listed_in_row_order_across_claims() -> None:
    text = "\n".join(
        [
            "claim,participant,policy,row,id,date,kind,minutes,attended",
            "c1,p1,national-voices,activity,a1,31/02/2025,meeting,60,true",
            "c2,p2,national-voices,activity,a1,2025-06-10,meeting",
            "c1,,,activity,a2,2025-06-11,meeting,60,maybe",
            "c2,,,activity,a2,2025-13-10,meeting,60,true",
        ]
    )
    with pytest.raises(cp.ValidationError) as raised:
        cp.rewards.parse_claims_csv(text, "june.csv")
    rows = [int(line.split("row ")[1].split(",")[0].split(" ")[0]) for line in raised.value.lines()]
    assert rows == sorted(rows)
    assert set(rows) == {2, 3, 4, 5}
    assert (
        "june.csv: row 2, column date: not a date: '31/02/2025' (use YYYY-MM-DD or dd/mm/yyyy)"
        in raised.value.lines()
    )


def test_a_claims_csv_carries_role_named_eligible_engine_size_spread_and_paid_to() -> None:
    text = "\n".join(
        [
            "claim,participant,spread_weeks,paid_to,row,id,date,kind,minutes,attended,role,"
            "named_eligible,miles,engine_cc",
            "c1,p1,4,organisation,activity,a1,2026-06-10,committee-meeting,240,true,testimony,"
            "yes,,",
            "c1,,,,expense,,2026-06-10,mileage,,,,,10,1400",
        ]
    )
    [claim] = cp.rewards.parse_claims_csv(text)
    assert claim.participant.spread_weeks == 4
    assert claim.participant.paid_to.value == "organisation"
    assert claim.activities[0].role == "testimony"
    assert claim.activities[0].named_eligible is True
    assert claim.expenses[0].engine_cc == 1400
    calc = cp.calculate(claim, cp.load_policy("example-council"))
    assert calc.lines[0].rule == "ex-committee-testimony"


def test_a_kind_the_policy_does_not_pay_is_placed_at_its_row_and_column_without_its_value(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "claims.csv"
    typed = "c4,p4,national-voices,activity,a1,2025-06-10,Jane Smith,60,true,"
    path.write_text("\n".join([HEADER, typed]) + "\n", encoding="utf-8")
    assert main(["pay", str(path)]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"{path}: row 2, column kind: not an activity kind in policy")
    assert "Jane Smith" not in err


def test_pay_lists_every_problem_of_every_file_each_once_placed_at_its_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A kind the policy does not pay, a date before the policy, a file that is not a
    claim, and an unknown policy in another row of the same sheet: all of them at once."""
    unknown = tmp_path / "unknown.csv"
    unknown.write_text(
        "\n".join(
            [
                HEADER,
                "c1,p1,national-voices,activity,a1,2025-06-10,knitting,60,true,",
                "c2,p2,no-such-policy,activity,a1,2025-06-10,meeting,60,true,",
            ]
        )
        + "\n",
        encoding="utf-8",
    )
    early = tmp_path / "early.csv"
    early.write_text(
        HEADER + "\nc3,p3,national-voices,activity,a1,2010-06-10,meeting,60,true,\n",
        encoding="utf-8",
    )
    broken = tmp_path / "broken.toml"
    broken.write_text('id = "c9"\n', encoding="utf-8")
    assert main(["pay", str(unknown), str(early), str(broken)]) == 2
    err = capsys.readouterr().err.splitlines()
    assert f"{unknown}: row 2, column kind: not an activity kind in policy national-voices " in (
        "\n".join(err)
    )
    assert any(
        line.startswith(f"{unknown}: row 3, column policy: no packaged policy") for line in err
    )
    assert any(
        line.startswith(f"{early}: row 2, column date: policy national-voices has no")
        for line in err
    )
    assert f"{broken}: participant: required field missing" in err
    assert len(err) == len(set(err))
