"""Bad input never crashes: each cause fuzzing found is a located ValidationError instead.

A council officer feeding a spreadsheet or a hand-typed file to the package must get
a list of what is wrong and where, never a Python traceback, and never Python's
``None``, a repr or a type name.
"""

from __future__ import annotations

import datetime
import tomllib
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

import coproduction as cp
from coproduction import charters, measures, wtfc
from coproduction.rewards import parse_claims_csv

EXAMPLES = Path(__file__).parent.parent / "examples"
HEADER = "claim,participant,policy,row,id,date,kind,minutes\n"


def _refused(call: Any, *args: Any) -> cp.ValidationError:
    with pytest.raises(cp.ValidationError) as caught:
        call(*args)
    error = caught.value
    for problem in error.problems:
        for python_word in ("None", "NoneType", "Traceback", "datetime.", "<", "object at"):
            assert python_word not in problem.message
    return error


def _write(tmp_path: Path, name: str, text: str) -> str:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


def test_deeply_nested_json_is_refused_as_too_deep(tmp_path: Path) -> None:
    path = _write(tmp_path, "deep.json", '{"id": ' + "[" * 100_000 + "]" * 100_000 + "}")
    error = _refused(cp.load_project, path)
    assert "nested too deeply" in str(error)


def test_deeply_nested_toml_is_refused_as_too_deep(tmp_path: Path) -> None:
    path = _write(tmp_path, "deep.toml", "id = " + "[" * 100_000 + "]" * 100_000 + "\n")
    error = _refused(cp.load_project, path)
    assert "nested too deeply" in str(error)


def test_deeply_nested_data_given_in_python_is_refused() -> None:
    data: Any = []
    for _ in range(100_000):
        data = [data]
    _refused(cp.load_project, {"id": "x", "title": "t", "activities": data})


@pytest.mark.parametrize("suffix", [".json", ".toml"])
def test_an_integer_of_thousands_of_digits_is_refused(tmp_path: Path, suffix: str) -> None:
    digits = "9" * 5000
    text = f'{{"id": {digits}}}' if suffix == ".json" else f"id = {digits}\n"
    error = _refused(cp.load_project, _write(tmp_path, "big" + suffix, text))
    assert "far too long" in str(error)


def test_a_csv_cell_over_the_field_size_limit_is_located() -> None:
    text = HEADER + 'c1,p1,example-council,activity,a1,2023-06-01,meeting,"' + "x" * 200_000 + '"\n'
    error = _refused(parse_claims_csv, text, "claims.csv")
    assert [p.where for p in error.problems] == ["line 2"]


def test_a_bare_carriage_return_in_a_csv_cell_is_located() -> None:
    text = HEADER + "c1,p1,example-council,activity,a1,2023-06-01,meet\ring,60\n"
    error = _refused(parse_claims_csv, text, "claims.csv")
    assert error.problems[0].where.startswith("line ")
    assert "double quotes" in error.problems[0].message


@pytest.mark.parametrize("minutes", ["²", "--5", "٣٠", "1" * 50])
def test_a_minutes_cell_that_is_not_a_whole_number_names_its_row_and_column(minutes: str) -> None:
    text = HEADER + f"c1,p1,example-council,activity,a1,2023-06-01,meeting,{minutes}\n"
    error = _refused(parse_claims_csv, text, "claims.csv")
    assert any("minutes" in p.where and "row 2" in p.where for p in error.problems)


def _cycle_data() -> dict[str, Any]:
    data = cp.to_dict(wtfc.load_cycle(str(EXAMPLES / "wtfc" / "carers-strategy.toml")))
    return {k: v for k, v in data.items() if k not in ("kind", "schema_version")}


@pytest.mark.parametrize(
    "value", [{"a": 1}, ["x"], datetime.datetime(2024, 1, 1, 9, 30), datetime.time(9, 30)]
)
def test_a_cycle_with_an_unhashable_or_date_time_value_is_refused_where_it_is(
    value: object,
) -> None:
    data = _cycle_data()
    data["step"] = value
    data["history"] = [{**data["history"][0], "on": value}, *data["history"][1:]]
    error = _refused(wtfc.load_cycle, data)
    wheres = {p.where for p in error.problems}
    assert "step" in wheres
    assert "history[0].on" in wheres


@pytest.mark.parametrize("value", [[1, 2], 3, 2.5, None])
def test_load_policy_and_load_charter_given_a_list_or_a_number_are_refused(value: Any) -> None:
    assert "expected a packaged" in str(_refused(cp.load_policy, value))
    assert "expected a packaged" in str(_refused(charters.load_charter, value))


@pytest.mark.parametrize("day", ["9999-12-31", "0001-01-01", "2200-01-01", "1899-12-31"])
def test_a_date_outside_the_sensible_range_is_refused_at_loading(day: str) -> None:
    data = {
        "id": "x",
        "title": "t",
        "activities": [
            {"id": "a1", "kind": "meeting", "date": day, "stage": "design", "participants": []}
        ],
    }
    error = _refused(cp.load_project, data)
    assert any(p.where == "activities[0].date" and "outside" in p.message for p in error.problems)


def test_a_claim_dated_near_9999_is_refused_not_an_overflow() -> None:
    text = HEADER + "c1,p1,example-council,activity,a1,9999-12-31,meeting,60\n"
    error = _refused(parse_claims_csv, text, "claims.csv")
    assert any("date" in p.where for p in error.problems)


@pytest.mark.parametrize("amount", ["1" + "0" * 26, "1000000000.00"])
def test_a_huge_amount_is_refused_with_its_location(tmp_path: Path, amount: str) -> None:
    text = (EXAMPLES / "claims" / "half-day-with-travel.toml").read_text(encoding="utf-8")
    lines = [
        f'claimed_total = "{amount}"' if line.startswith("claimed_total") else line
        for line in text.splitlines()
    ]
    path = _write(tmp_path, "claim.toml", "\n".join(lines) + "\n")
    error = _refused(cp.load_claim, path)
    assert any(p.where == "claimed_total" and "too large" in p.message for p in error.problems)


@pytest.mark.parametrize("field", ["minutes", "preparation_minutes", "follow_up_minutes"])
def test_an_activity_of_more_than_a_week_of_minutes_is_refused_not_a_decimal_error(
    field: str,
) -> None:
    # Found by scripts/fuzz: ten billion minutes ended in decimal.InvalidOperation when the
    # hours were worked out for the benefit thresholds.
    data = tomllib.loads((EXAMPLES / "claims" / "half-day-with-travel.toml").read_text())
    first = {k: v for k, v in data["activities"][0].items() if k not in ("start", "end")}
    policy = cp.load_policy("example-council")
    week = cp.load_claim({**data, "activities": [{**first, "minutes": 60, field: 10_080}]})
    assert cp.rewards.calculate(week, policy).total > 0
    huge = {**data, "activities": [{**first, "minutes": 60, field: 10**10}]}
    error = _refused(cp.load_claim, huge)
    assert [(p.where, p.message) for p in error.problems] == [
        (f"activities[0].{field}", "more than a week (10,080 minutes)")
    ]


def test_population_shares_that_do_not_add_up_say_where() -> None:
    text = "field,group,share,source\nethnicity,white,0.5,Census 2021\n"
    error = _refused(measures.parse_population_csv, text, "population.csv")
    assert [p.where for p in error.problems] == ["column share"]


def test_an_empty_key_at_the_top_level_is_located() -> None:
    error = _refused(cp.load_project, {"id": "x", "title": "t", "": 1})
    assert [str(p) for p in error.problems] == ["(top level): a field with an empty name"]


def test_an_activity_built_in_python_with_a_misspelt_stage_is_refused() -> None:
    error = _refused(
        cp.Activity, "a1", datetime.date(2024, 1, 1), "desing", cp.ActivityKind.MEETING
    )
    assert [p.where for p in error.problems] == ["stage"]
    assert "desing" not in str(error)


def test_a_record_built_in_python_with_a_date_as_text_or_out_of_range_is_refused() -> None:
    kind, stage = cp.ActivityKind.MEETING, cp.Stage.DESIGN
    _refused(cp.Activity, "a1", "2024-01-01", stage, kind)
    _refused(cp.Activity, "a1", datetime.datetime(2024, 1, 1, 9, 0), stage, kind)
    error = _refused(cp.Activity, "a1", datetime.date(9999, 12, 31), stage, kind)
    assert "outside the dates a record may hold" in str(error)


def test_money_built_in_python_as_a_float_is_refused_with_the_packages_error() -> None:
    day = datetime.date(2024, 1, 1)
    with pytest.raises(cp.CoproductionError):
        cp.Payment("a1", day, "p1", amount=6.8)  # type: ignore[arg-type]
    assert cp.Payment("a1", day, "p1", amount=Decimal("6.80")).amount == Decimal("6.80")


@pytest.mark.parametrize("value", [object(), ["x"], "A Name Typed In", True, 10**30])
def test_a_strange_kind_or_schema_version_is_refused_without_quoting_it(value: object) -> None:
    error = _refused(cp.load_project, {"kind": value, "schema_version": value, "id": "x"})
    assert {p.where for p in error.problems} >= {"kind", "schema_version"}
    assert "A Name Typed In" not in str(error)


def test_registers_budgets_policies_and_charters_built_in_python_check_their_fields() -> None:
    day = datetime.date(2024, 1, 1)
    # A register's member joining "2024-01-01" (text) and a role that is not a role.
    error = _refused(cp.measures.Member, "m1", "2024-01-01")
    assert [p.where for p in error.problems] == ["joined"]
    error = _refused(cp.measures.Role, "m1", "Jane's mentor", day)
    assert [p.where for p in error.problems] == ["role"]
    assert "Jane" not in str(error)
    # A budget's spending given as a float, or in a category that does not exist.
    from coproduction.rewards.budget import Allocation, Category, Spend  # noqa: PLC0415

    _refused(Allocation, Category.REWARDS, 1500.0)
    error = _refused(Spend, "rewards-and-fees", Decimal("10.00"), day)
    assert [p.where for p in error.problems] == ["category"]
    # A policy's session band paid as a float.
    _refused(cp.rewards.Band, 6.8, "up to an hour", 60)
    # A charter item's concern as a word not on the list.
    error = _refused(cp.charters.charter.Item, "c1", "Told first", "source", ("told-frist",))
    assert [p.where for p in error.problems] == ["concerns"]
