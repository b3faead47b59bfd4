"""No double payment, and checks that say what they checked (pay --check)."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

import attrs
import pytest

import coproduction as cp
from coproduction.cli import main
from tests.test_rewards import claim as claim_data

NV = "national-voices"


def claim(claim_id: str, person: str = "p1", **changes: Any) -> cp.Claim:
    data = claim_data(id=claim_id, **changes)
    data["participant"] = {**data["participant"], "id": person}
    return cp.load_claim(data)


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


CLAIM_TOML = """id = "{id}"
policy = "{policy}"
{extra}
[participant]
id = "{person}"

[[activities]]
id = "a1"
date = 2025-06-10
kind = "meeting"
start = 10:00:00
end = 13:00:00
attended = true
"""


def claim_file(path: Path, claim_id: str, person: str = "p1", **kw: str) -> Path:
    text = CLAIM_TOML.format(
        id=claim_id, person=person, policy=kw.get("policy", NV), extra=kw.get("extra", "")
    )
    return write(path, text)


class TestSameClaimTwice:
    def test_the_same_meeting_in_two_claims_is_paid_once_and_flagged_on_both(self) -> None:
        first, second = cp.calculate_all([claim("c1"), claim("c2")], cp.load_policy(NV))
        assert first.total == Decimal("54.80")  # half day £50 + 12 miles at 40p
        assert second.total == Decimal("0.00")
        assert any("possible duplicate of claim c1 activities[0]" in d for d in second.duplicates)
        assert any("repeated as claim c2 activities[0]" in d for d in first.duplicates)

    def test_a_duplicate_is_counted_once_in_the_threshold_flags(self) -> None:
        ten_hours = [
            {
                "id": "a1",
                "date": "2025-06-10",
                "kind": "workshop",
                "start": "08:00",
                "end": "18:00",
                "attended": True,
            }
        ]
        people = {"id": "p1", "benefits": ["esa"]}
        first = cp.load_claim({"id": "c1", "participant": people, "activities": ten_hours})
        again = cp.load_claim({"id": "c2", "participant": people, "activities": ten_hours})
        calcs = cp.calculate_all([first, again], cp.load_policy(NV))
        assert not any("16 hours" in w for c in calcs for w in c.warnings)

    def test_two_different_people_at_the_same_meeting_are_not_duplicates(self) -> None:
        calcs = cp.calculate_all([claim("c1"), claim("c2", person="p2")], cp.load_policy(NV))
        assert [c.total for c in calcs] == [Decimal("54.80")] * 2
        assert not any(c.duplicates for c in calcs)

    def test_two_activities_of_one_person_that_overlap_in_time_are_flagged(self) -> None:
        overlapping = claim(
            "c1",
            activities=[
                {"id": "a1", "date": "2025-06-10", "kind": "meeting", "start": "10:00",
                 "end": "12:00", "attended": True},
                {"id": "a2", "date": "2025-06-10", "kind": "workshop", "start": "11:00",
                 "end": "13:00", "attended": True},
            ],
        )  # fmt: skip
        calc = cp.calculate(overlapping, cp.load_policy(NV))
        assert any("overlap in time" in w for w in calc.warnings)

    def test_an_item_repeats_only_one_paid_alike_so_claim_order_never_changes_the_total(
        self,
    ) -> None:
        # The property's failing example: the same focus group, once claimed as part of a
        # paid job (no reward) and once not. Neither is a repeat of the other.
        group = [{"id": "a0", "date": "2025-04-01", "kind": "focus-group", "minutes": 1,
                  "attended": True}]  # fmt: skip
        paid = claim("c1", activities=group, expenses=[])
        at_work = claim("c2", activities=group, expenses=[])
        at_work = attrs.evolve(
            at_work, participant=attrs.evolve(at_work.participant, paid_by_employer=True)
        )
        policy = cp.load_policy(NV)
        forward = cp.calculate_all([paid, at_work], policy)
        backward = cp.calculate_all([at_work, paid], policy)
        assert sum(c.total for c in forward) == sum(c.total for c in backward) == Decimal("50.00")
        assert not any(c.duplicates for c in (*forward, *backward))

    def test_a_daily_cap_on_costs_counts_the_persons_other_claims_that_day(self) -> None:
        def food(amount: str) -> dict[str, Any]:
            return {"kind": "subsistence", "date": "2025-05-01", "amount": amount,
                    "receipt": True}  # fmt: skip

        both = claim("c1", activities=[], expenses=[food("5.00"), food("5.01")])
        one = claim("c2", activities=[], expenses=[food("5.01")])
        policy = cp.load_policy("example-council")  # £10 a day
        for order in ([both, one], [one, both]):
            assert sum(c.total for c in cp.calculate_all(order, policy)) == Decimal("10.00")

    def test_an_activity_overlapping_one_in_an_earlier_claim_is_flagged(self) -> None:
        def meeting(kind: str, start: str, end: str) -> list[dict[str, Any]]:
            return [{"id": "a1", "date": "2025-06-10", "kind": kind, "start": start,
                     "end": end, "attended": True}]  # fmt: skip

        first = claim("c1", activities=meeting("meeting", "10:00", "12:00"), expenses=[])
        second = claim("c2", activities=meeting("workshop", "11:00", "13:00"), expenses=[])
        _, later = cp.calculate_all([first, second], cp.load_policy(NV))
        assert any("overlaps in time with claim c1 activities[0]" in w for w in later.warnings)

    def test_a_claim_id_given_twice_is_invalid_naming_both_places(self, tmp_path: Path) -> None:
        one = claim_file(tmp_path / "one.toml", "c1")
        two = claim_file(tmp_path / "two.toml", "c1", person="p2")
        with pytest.raises(cp.ValidationError) as caught:
            cp.rewards.load_claims(one, two)
        assert str(one) in str(caught.value)
        assert str(two) in str(caught.value)

    def test_pay_exits_2_for_a_claim_id_given_twice(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        one = claim_file(tmp_path / "one.toml", "c1")
        two = claim_file(tmp_path / "two.toml", "c1", person="p2")
        assert main(["pay", str(one), str(two)]) == 2
        err = capsys.readouterr().err
        assert "one.toml" in err
        assert "two.toml" in err
        assert "Traceback" not in err


class TestCheckSaysWhatItChecked:
    def test_check_on_a_duplicate_exits_1_and_says_duplicate(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        one = claim_file(tmp_path / "one.toml", "c1", extra='claimed_total = "50.00"')
        two = claim_file(tmp_path / "two.toml", "c2", extra='claimed_total = "50.00"')
        assert main(["pay", str(one), str(two), "--check"]) == 1
        assert "duplicate" in capsys.readouterr().out

    def test_check_with_nothing_claimed_by_hand_is_not_checked_never_agrees(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        bare = claim_file(tmp_path / "bare.toml", "c1")
        assert main(["pay", str(bare), "--check"]) == 1
        out = capsys.readouterr().out
        assert "not checked: nothing was claimed by hand" in out
        assert "agrees" not in out

    def test_the_check_summary_counts_agreed_differ_and_not_checked(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        right = claim_file(tmp_path / "a.toml", "c1", extra='claimed_total = "50.00"')
        wrong = claim_file(tmp_path / "b.toml", "c2", "p2", extra='claimed_total = "60.00"')
        bare = claim_file(tmp_path / "c.toml", "c3", "p3")
        assert main(["pay", str(right), str(wrong), str(bare), "--check"]) == 1
        assert "3 claims: 1 agreed, 1 differ, 1 not checked" in capsys.readouterr().out


class TestPolicyNamedInAClaim:
    def test_a_policy_path_in_a_claim_is_read_from_the_claim_files_folder(
        self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        folder = tmp_path / "claims"
        folder.mkdir()
        policy = cp.rewards.loading._POLICIES
        text = policy.load(NV, cp.Policy).to_dict()
        (folder / "ours.json").write_text(cp.to_json(cp.load_policy(text)), encoding="utf-8")
        path = claim_file(folder / "c.toml", "c1", policy="ours.json")
        monkeypatch.chdir(tmp_path)  # run from elsewhere
        assert main(["pay", str(path)]) == 0

    def test_an_unknown_policy_id_names_the_claim_file_and_field_and_the_closest_id(
        self, tmp_path: Path
    ) -> None:
        path = claim_file(tmp_path / "c.toml", "c1", policy="national-voice")
        with pytest.raises(cp.ValidationError) as caught:
            cp.rewards.load_claims(path)
        message = str(caught.value)
        assert "c.toml" in message
        assert "policy" in message
        assert "did you mean 'national-voices'" in message


class TestNegativeFiguresAreInvalid:
    @pytest.mark.parametrize(
        ("where", "change"),
        [
            ("band amount", lambda v: v["rewards"][0]["bands"][0].update(amount="-1.00")),
            ("mileage rate", lambda v: v["expenses"][0]["mileage"][0].update(rate="-0.40")),
        ],
    )
    def test_a_policy_with_a_negative_rate_or_cap_is_invalid(self, where: str, change: Any) -> None:
        data = cp.load_policy(NV).to_dict()
        change(data["versions"][0])
        with pytest.raises(cp.ValidationError) as caught:
            cp.load_policy(data)
        assert "must not be negative" in str(caught.value)
