"""Reconciliation: what a project paid against what the policy gives for recorded attendance."""

from __future__ import annotations

import json
import tomllib
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import coproduction as cp
from coproduction.cli import main
from tests.strategies import POLICY_IDS, claims, money

GOLDEN = Path(__file__).parent / "golden" / "reconciliation" / "cases.toml"
FINANCE = Path(__file__).parent.parent / "examples" / "finance"
PROJECT = str(FINANCE / "panel-project.toml")
CLAIMS = str(FINANCE / "panel-claims.csv")


def _golden() -> tuple[dict[str, Any], list[Any]]:
    data = tomllib.loads(GOLDEN.read_text(encoding="utf-8"))
    return data, [pytest.param(case, id=case["name"]) for case in data["cases"]]


GOLDEN_DATA, GOLDEN_CASES = _golden()


@pytest.mark.parametrize("case", GOLDEN_CASES)
def test_golden_reconciliation(case: dict[str, Any]) -> None:
    policy = cp.load_policy(GOLDEN_DATA["policy"])
    project = cp.load_project({**GOLDEN_DATA["project"], "payments": case["payments"]})
    result = cp.rewards.reconcile(project, [cp.load_claim(c) for c in case["claims"]], policy)
    got = {
        (e.participant, e.activity): (
            "not worked out" if e.owed is None else str(e.owed),
            str(e.claimed),
            str(e.paid),
            [f.value for f in e.flags],
        )
        for e in result.entries
    }
    expected = {
        (e["participant"], e["activity"]): (e["owed"], e["claimed"], e["paid"], e["flags"])
        for e in case["entries"]
    }
    assert got == expected
    assert case["source"]


def test_the_example_panel_shows_each_kind_of_flag() -> None:
    project = cp.load_project(PROJECT)
    result = cp.rewards.reconcile(
        project, cp.load_claims(CLAIMS), cp.load_policy("national-voices")
    )
    flags = {(e.participant, e.activity): {f.value for f in e.flags} for e in result.entries}
    assert flags[("r1", "a1")] == set()
    assert flags[("r3", "a1")] == {"attended-but-no-claim"}
    assert flags[("r1", "a2")] == {"paid-late"}
    assert flags[("r2", "a2")] == {"paid-not-equal-owed"}
    assert flags[("r3", "a2")] == {"claimed-but-not-recorded-as-attended", "paid-not-equal-owed"}
    # The officer paid by their job to attend is not owed a reward and is not listed.
    assert all(e.participant != "o1" for e in result.entries)
    assert result.pay_within_days == 14  # National Voices: "aiming for within two weeks"


def test_a_policy_that_states_no_payment_time_counts_late_after_30_days() -> None:
    policy = cp.load_policy({**GOLDEN_DATA["policy"], "pay_within_days": None})
    project = cp.load_project({**GOLDEN_DATA["project"], "payments": []})
    assert cp.rewards.reconcile(project, [], policy).pay_within_days == 30


def test_a_claim_for_another_project_is_refused_with_its_id() -> None:
    policy = cp.load_policy(GOLDEN_DATA["policy"])
    project = cp.load_project(GOLDEN_DATA["project"])
    claim = cp.load_claim({"id": "c9", "participant": {"id": "p1"}, "project": "elsewhere"})
    with pytest.raises(cp.ValidationError) as raised:
        cp.rewards.reconcile(project, [claim], policy)
    assert str(raised.value.problems[0]) == "claim c9: is for project 'elsewhere', not 'golden'"


def test_a_negative_payment_amount_is_refused_where_it_is() -> None:
    data = {
        **GOLDEN_DATA["project"],
        "payments": [{"activity": "a1", "paid_on": "2025-06-12", "amount": "-5.00"}],
    }
    with pytest.raises(cp.ValidationError) as raised:
        cp.load_project(data)
    assert str(raised.value.problems[0]) == "payments[0].amount: must not be negative, not -5.00"


def test_pay_project_prints_the_reconciliation_and_check_exits_1_when_flagged(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["pay", "--project", PROJECT, CLAIMS]) == 0
    out = capsys.readouterr().out
    assert "Reconciliation of carers-panel-2025 under national-voices" in out
    assert "! claimed-but-not-recorded-as-attended" in out
    assert "4 of 6 entries flagged" in out
    assert main(["pay", "--project", PROJECT, CLAIMS, "--check"]) == 1


def test_pay_project_json_gives_every_entry_with_amounts_as_text(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["pay", "--project", PROJECT, CLAIMS, "--json"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert result["kind"] == "reconciliation"
    assert result["project"] == "carers-panel-2025"
    assert result["paid"] == "304.80"
    entry = next(e for e in result["entries"] if (e["participant"], e["activity"]) == ("r2", "a2"))
    assert (entry["owed"], entry["paid"], entry["difference"]) == ("100.00", "50.00", "-50.00")
    assert entry["flags"] == ["paid-not-equal-owed"]


def test_pay_project_with_a_broken_project_exits_2_naming_the_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "project.toml"
    bad.write_text(
        'id = "x"\ntitle = "t"\n[[payments]]\nactivity = "a9"\npaid_on = 2025-06-01\n'
        'amount = "ten"\n',
        encoding="utf-8",
    )
    assert main(["pay", "--project", str(bad), CLAIMS]) == 2
    err = capsys.readouterr().err
    assert f"{bad}: payments[0].amount:" in err
    assert f"{bad}: payments[0].activity: no activity with id 'a9'" in err
    assert "Traceback" not in err


@settings(max_examples=100, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(st.data())
def test_reconcile_differences_add_up_to_overpaid_less_underpaid_over_the_entries_worked_out(
    data: st.DataObject,
) -> None:
    policy = cp.load_policy(data.draw(st.sampled_from(POLICY_IDS)))
    people = ["p0", "p1", "p2"]
    made = [data.draw(claims(policy, claim_id=f"c{i}", person=p)) for i, p in enumerate(people)]
    made = [
        c for c in made if all(a.date >= policy.versions[0].effective_from for a in c.activities)
    ]
    activity_ids = sorted({a.id for c in made for a in c.activities} | {"a0"})
    activities = [
        {
            "id": a,
            "date": "2025-04-01",
            "stage": "plan",
            "kind": "meeting",
            "participants": data.draw(st.lists(st.sampled_from(people), unique=True)),
        }
        for a in activity_ids
    ]
    payments = [
        {
            "activity": data.draw(st.sampled_from(activity_ids)),
            "participant": data.draw(st.sampled_from(people)),
            "paid_on": "2026-10-01",
            "amount": str(data.draw(money)),
        }
        for _ in range(data.draw(st.integers(0, 5)))
    ]
    project = cp.load_project(
        {
            "id": "prop",
            "title": "Property",
            "participants": [{"id": p, "lived_experience": True} for p in people],
            "activities": activities,
            "payments": payments,
        }
    )
    try:
        result = cp.rewards.reconcile(project, made, policy)
    except (cp.ValidationError, cp.rewards.PolicyNotInForceError):
        return  # a claim the policy cannot price (e.g. reduce_to above what is due)
    worked_out = [e for e in result.entries if e.owed is not None]
    assert sum((e.paid - e.owed for e in worked_out if e.owed is not None), Decimal(0)) == (
        result.difference
    )
    assert result.difference == result.overpaid - result.underpaid
    assert result.underpaid >= 0
    assert result.overpaid >= 0
    assert result.not_worked_out == len(result.entries) - len(worked_out)
    assert result.paid == sum((Decimal(p["amount"]) for p in payments), Decimal(0))


def test_a_claims_csv_reads_uk_dates_and_a_short_row_says_how_many_cells_it_has() -> None:
    text = (
        "claim,participant,row,id,date,kind,minutes,attended\n"
        "c1,p1,activity,a1,10/06/2025,meeting,60,true\n"
        "c2,p2,activity,a1,2025-06-10,meeting\n"
    )
    with pytest.raises(cp.ValidationError) as raised:
        cp.rewards.parse_claims_csv(text, "june.csv")
    assert raised.value.lines() == ["june.csv: row 3 has 6 cells, the header has 8"]
    [claim] = cp.rewards.parse_claims_csv(text.rsplit("c2", 1)[0])
    assert str(claim.activities[0].date) == "2025-06-10"


def test_a_uk_date_that_does_not_exist_is_reported_at_its_row() -> None:
    text = (
        "claim,participant,row,id,date,kind,minutes,attended\n"
        "c1,p1,activity,a1,31/02/2025,meeting,60,true\n"
    )
    with pytest.raises(cp.ValidationError) as raised:
        cp.rewards.parse_claims_csv(text, "june.csv")
    assert raised.value.lines() == [
        "june.csv: row 2, column date: not a date: '31/02/2025' (use YYYY-MM-DD or dd/mm/yyyy)"
    ]


def test_charter_with_claims_and_a_policy_checks_the_amounts_paid(
    capsys: pytest.CaptureFixture[str],
) -> None:
    args = ["charter", PROJECT, "--charter", "barnet-2022", "--as-of", "2025-12-31", "--json"]
    assert main([*args, "--claims", CLAIMS, "--policy", "national-voices"]) == 0
    [report] = json.loads(capsys.readouterr().out)
    item = next(i for i in report["results"] if i["item"] == "11")
    paid = next(c for c in item["checks"] if c["check"] == "paid-on-time")
    assert "paid differs from owed: a2:r2, a2:r3" in paid["detail"]
    assert main([*args, "--claims", CLAIMS]) == 2
    assert capsys.readouterr().err == "--claims: give --claims CLAIM... with --policy ID\n"


def test_pay_project_refuses_output_options_it_does_not_use(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    out = tmp_path / "lines.csv"
    assert main(["pay", "--project", PROJECT, CLAIMS, "--csv", str(out), "--totals"]) == 2
    assert capsys.readouterr().err.splitlines() == [
        "--csv: is not used with --project (a reconciliation)",
        "--totals: is not used with --project (a reconciliation)",
    ]
    assert not out.exists()


def test_an_amount_not_worked_out_is_shown_as_unknown_and_left_out_of_the_total_saying_so(
    capsys: pytest.CaptureFixture[str],
) -> None:
    result = cp.rewards.reconcile(
        cp.load_project(PROJECT), cp.load_claims(CLAIMS), cp.load_policy("national-voices")
    )
    entry = result.entry("r3", "a1")
    assert entry is not None
    assert (entry.owed, entry.difference) == (None, None)
    assert result.not_worked_out == 1
    assert main(["pay", "--project", PROJECT, CLAIMS]) == 0
    out = capsys.readouterr().out
    assert "r3       a1         2025-06-10 yes         unknown" in out
    assert "owed and difference leave out 1 entry not worked out" in out
    assert main(["pay", "--project", PROJECT, CLAIMS, "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    r3 = next(e for e in data["entries"] if (e["participant"], e["activity"]) == ("r3", "a1"))
    assert (r3["owed"], r3["difference"]) == (None, None)
    assert data["not_worked_out"] == 1


def test_an_underpayment_and_an_overpayment_that_cancel_are_both_shown_under_the_total(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["pay", "--project", PROJECT, CLAIMS]) == 0
    out = capsys.readouterr().out
    assert "underpaid £50.00, overpaid £50.00" in out
    result = cp.rewards.reconcile(
        cp.load_project(PROJECT), cp.load_claims(CLAIMS), cp.load_policy("national-voices")
    )
    assert (result.difference, result.underpaid, result.overpaid) == (
        Decimal("0.00"),
        Decimal("50.00"),
        Decimal("50.00"),
    )


def test_the_table_explains_each_flag_it_shows_in_a_sentence(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["pay", "--project", PROJECT, CLAIMS]) == 0
    out = capsys.readouterr().out
    key = out[out.index("Flags:") :]
    assert "  paid-late: paid more than 14 days after the activity" in key
    assert "  attended-but-no-claim: recorded as attending, with no claim for it" in key
    assert "amount-not-recorded" not in key  # only the flags the table shows
    assert "(late:" not in out.splitlines()[0]


def test_every_flag_has_a_plain_sentence_in_the_key() -> None:
    flags = tuple(cp.rewards.reconciliation.Flag)
    zero = Decimal("0.00")
    entry = cp.rewards.reconciliation.Entry("p1", "a1", None, True, zero, zero, zero, flags=flags)
    table = cp.rewards.reconciliation.Reconciliation("p", "policy", 14, (entry,)).table()
    key = table[table.index("Flags:") :].splitlines()[1:]
    assert [line.split(":")[0].strip() for line in key] == [f.value for f in flags]
    assert all(len(line.split(": ", 1)[1]) > 10 for line in key)
