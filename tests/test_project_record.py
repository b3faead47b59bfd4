"""Loading, validating and dumping project records."""

from __future__ import annotations

import datetime
import json
from pathlib import Path
from typing import Any

import pytest

import coproduction as cp

EXAMPLES = Path(__file__).parent.parent / "examples" / "projects"
EXAMPLE = EXAMPLES / "essex-direct-payment-support.toml"


def minimal(**changes: Any) -> dict[str, Any]:
    record: dict[str, Any] = {
        "id": "p-1",
        "title": "A project",
        "participants": [{"id": "p1", "lived_experience": True}],
        "activities": [
            {
                "id": "a1",
                "date": "2024-04-01",
                "stage": "understand",
                "kind": "survey",
                "purpose": ["views"],
                "participants": ["p1"],
            }
        ],
        "feedback": [
            {
                "id": "f1",
                "activity": "a1",
                "said": "More evening sessions",
                "history": [{"date": "2024-05-01", "status": "accepted"}],
            }
        ],
    }
    record.update(changes)
    return record


def problems(data: object) -> list[str]:
    with pytest.raises(cp.ValidationError) as caught:
        cp.load_project(data)  # type: ignore[arg-type]
    return [str(p) for p in caught.value.problems]


class TestLoading:
    def test_a_toml_file_loads_with_dates_and_words_as_types(self) -> None:
        project = cp.load_project(EXAMPLE)
        assert project.id == "essex-dpss-2020"
        assert project.claimed_level is cp.Rung.CO_PRODUCTION
        first = project.activities[0]
        assert first.date == datetime.date(2020, 2, 10)
        assert first.stage is cp.Stage.UNDERSTAND
        assert first.purpose == (cp.Purpose.VIEWS,)

    def test_a_json_file_and_a_dict_load_the_same_record(self, tmp_path: Path) -> None:
        path = tmp_path / "p.json"
        path.write_text(json.dumps(minimal()), encoding="utf-8")
        assert cp.load_project(path) == cp.load_project(minimal())

    def test_a_dumped_record_loads_back_equal(self, tmp_path: Path) -> None:
        project = cp.load_project(EXAMPLE)
        cp.dump_project(project, tmp_path / "out.json")
        assert cp.load_project(tmp_path / "out.json") == project

    def test_dumped_json_uses_the_file_vocabulary(self) -> None:
        data = json.loads(cp.to_json(cp.load_project(EXAMPLE)))
        assert data["claimed_level"] == "co-production"
        assert data["activities"][0]["date"] == "2020-02-10"
        assert data["activities"][0]["stage"] == "understand"

    def test_the_current_status_is_the_last_in_the_history(self) -> None:
        item = cp.load_project(EXAMPLE).feedback[0]
        assert item.status is cp.FeedbackStatus.IMPLEMENTED
        assert [c.status.value for c in item.history] == ["accepted", "implemented"]

    def test_adding_a_status_appends_and_keeps_the_old_history(self) -> None:
        item = cp.load_project(EXAMPLE).feedback[0]
        later = item.with_status(
            cp.FeedbackStatus.NOT_POSSIBLE, datetime.date(2024, 1, 1), reason="Contract ended"
        )
        assert later.history[:-1] == item.history
        assert later.status is cp.FeedbackStatus.NOT_POSSIBLE
        assert item.status is cp.FeedbackStatus.IMPLEMENTED

    def test_a_folder_loads_every_record_in_name_order(self) -> None:
        projects = cp.load_projects(EXAMPLE.parent)
        assert len(projects) >= 5
        assert projects[0].id == "barnet-strategy-2022"


class TestBadInput:
    def test_every_problem_is_listed_at_once_with_its_location(self) -> None:
        record = minimal()
        record["activities"].append(
            {
                "id": "a1",
                "date": "2020-13-01",
                "stage": "desing",
                "kind": "workshop",
                "participants": ["p9"],
            }
        )
        record["feedback"][0]["activity"] = "a9"
        found = problems(record)
        assert "activities[1].date: not a date: '2020-13-01' (use YYYY-MM-DD)" in found
        assert any(
            p.startswith("activities[1].stage: 'desing' is not one of understand, plan")
            and "did you mean 'design'" in p
            for p in found
        )
        assert "activities[1].id: duplicate id 'a1'" in found
        assert "activities[1].participants[0]: no participant with id 'p9'" in found
        assert "feedback[0].activity: no activity with id 'a9'" in found

    def test_a_file_that_fails_at_its_first_field_still_lists_every_problem(
        self, tmp_path: Path
    ) -> None:
        # Valid data is read once by a converter that stops at the first problem;
        # a file that fails is read again, so nothing after that problem is lost.
        record = minimal(summary="an unknown key")
        record["participants"].insert(0, {"id": 7, "lived_experience": "yes"})
        record["activities"].append(
            {
                "id": "a2",
                "date": "2024-05-01",
                "stage": "desing",
                "kind": "workshop",
                "participants": ["p1", "p9"],
            }
        )
        record["feedback"][0]["activity"] = "a9"
        path = tmp_path / "broken.json"
        path.write_text(json.dumps(record), encoding="utf-8")
        with pytest.raises(cp.ValidationError) as caught:
            cp.load_project(path)
        assert caught.value.lines() == [
            f"{path}: participants[0].id: expected text, got a number",
            f"{path}: participants[0].lived_experience: expected true or false, got text",
            f"{path}: activities[1].stage: 'desing' is not one of understand, plan, design, "
            "decide, deliver, review (did you mean 'design'?)",
            f"{path}: summary: unknown field",
            f"{path}: activities[1].participants[1]: no participant with id 'p9'",
            f"{path}: feedback[0].activity: no activity with id 'a9'",
        ]

    def test_a_misspelt_key_is_an_error_not_silently_ignored(self) -> None:
        record = minimal()
        record["activities"][0]["stge"] = "plan"
        assert "activities[0].stge: unknown field (did you mean 'stage'?)" in problems(record)

    def test_a_missing_required_field_is_named(self) -> None:
        record = minimal()
        del record["activities"][0]["date"]
        assert problems(record) == ["activities[0].date: required field missing"]

    @pytest.mark.parametrize(
        ("field", "value", "message"),
        [
            ("people", -1, "activities[0].people: must be 0 or more, not -1"),
            ("people", True, "activities[0].people: expected a whole number, got true"),
            ("people", 2.5, "activities[0].people: expected a whole number, got the number 2.5"),
            ("sessions", 0, "activities[0].sessions: must be 1 or more, not 0"),
            ("until", "2024-01-01", "activities[0].until: 2024-01-01 is before date 2024-04-01"),
            ("participants", "p1", "activities[0].participants: expected a list, got text"),
            ("date", "01/04/2024", "activities[0].date: not a date: '01/04/2024' (use YYYY-MM-DD)"),
            ("date", "20240401", "activities[0].date: not a date: '20240401' (use YYYY-MM-DD)"),
            (
                "say",
                "total",
                "activities[0].say: 'total' is not one of none, advisory, equal, lead",
            ),
        ],
    )
    def test_wrong_values_in_an_activity(self, field: str, value: object, message: str) -> None:
        record = minimal()
        record["activities"][0][field] = value
        assert message in problems(record)

    def test_a_date_with_a_time_is_not_a_date(self) -> None:
        record = minimal()
        record["activities"][0]["date"] = datetime.datetime(2024, 4, 1, 10, 0)
        assert problems(record) == [
            "activities[0].date: expected a date (YYYY-MM-DD), got a date with a time"
        ]

    def test_a_flag_must_be_true_or_false_not_text(self) -> None:
        record = minimal(reward_offered="yes")
        assert problems(record) == ["reward_offered: expected true or false, got text"]

    def test_a_history_out_of_date_order_is_refused(self) -> None:
        record = minimal()
        record["feedback"][0]["history"] = [
            {"date": "2024-05-01", "status": "received"},
            {"date": "2024-04-01", "status": "accepted"},
        ]
        found = problems(record)
        assert len(found) == 1
        assert found[0].startswith("feedback[0].history[1].date: 2024-04-01 is earlier")

    def test_not_possible_needs_a_reason(self) -> None:
        record = minimal()
        record["feedback"][0]["history"] = [{"date": "2024-05-01", "status": "not-possible"}]
        assert problems(record) == [
            "feedback[0].history[0].reason: a not-possible status needs a reason"
        ]

    def test_an_unknown_claimed_level_suggests_the_rung(self) -> None:
        found = problems(minimal(claimed_level="coproduction"))
        assert found == [
            "claimed_level: 'coproduction' is not one of coercion, educating, informing, "
            "consultation, engagement, co-design, co-production (did you mean 'co-production'?)"
        ]

    def test_messages_never_quote_free_text(self) -> None:
        record = minimal()
        record["feedback"][0]["said"] = 7700900123
        record["feedback"][0]["response"] = ["My neighbour Mrs Smith"]
        found = problems(record)
        assert "Smith" not in " ".join(found)
        assert "7700900123" not in " ".join(found)
        assert "feedback[0].response: expected text, got a list" in found

    def test_a_list_where_a_record_was_expected(self) -> None:
        assert problems([minimal()]) == ["expected a table of fields at the top level, got a list"]

    def test_a_record_that_is_not_a_table(self) -> None:
        record = minimal(participants=["p1"])
        assert "participants[0]: expected a table of fields, got text" in problems(record)

    def test_building_a_record_in_python_checks_it_too(self) -> None:
        with pytest.raises(cp.ValidationError, match="no activity with id 'a9'"):
            cp.Project(
                id="x", title="t", feedback=(cp.FeedbackItem(id="f1", activity="a9", said=""),)
            )
        with pytest.raises(cp.ValidationError, match="id: must not be empty"):
            cp.Participant(id=" ", lived_experience=True)

    def test_the_error_is_a_value_error_and_a_coproduction_error(self) -> None:
        with pytest.raises(ValueError, match="title: required field missing"):
            cp.load_project({"id": "x"})
        assert issubclass(cp.ValidationError, cp.CoproductionError)


class TestBadFiles:
    @pytest.mark.parametrize(
        ("name", "content", "message"),
        [
            ("empty.toml", "", "file is empty"),
            ("blank.json", "  \n", "file is empty"),
            ("notes.txt", "id = 'x'", "unsupported file type '.txt': use .toml or .json"),
            ("broken.toml", "id = \n", "TOML syntax error"),
            ("broken.json", '{"id": ', "JSON syntax error at line 1"),
            (
                "list.json",
                '[{"id": "x"}]',
                "expected a table of fields at the top level, got a list",
            ),
        ],
    )
    def test_bad_files_get_a_validation_error_naming_the_file(
        self, tmp_path: Path, name: str, content: str, message: str
    ) -> None:
        path = tmp_path / name
        path.write_text(content, encoding="utf-8")
        with pytest.raises(cp.ValidationError) as caught:
            cp.load_project(path)
        assert caught.value.source == str(path)
        assert message in str(caught.value)

    def test_a_missing_file(self, tmp_path: Path) -> None:
        with pytest.raises(cp.ValidationError, match="file not found"):
            cp.load_project(tmp_path / "nope.toml")

    def test_a_binary_file(self, tmp_path: Path) -> None:
        path = tmp_path / "x.json"
        path.write_bytes(b"\xff\xfe\x00garbage")
        with pytest.raises(cp.ValidationError, match="not UTF-8"):
            cp.load_project(path)

    def test_problems_across_several_files_name_each_file(self, tmp_path: Path) -> None:
        (tmp_path / "a.json").write_text("[]", encoding="utf-8")
        (tmp_path / "b.json").write_text(json.dumps(minimal(title=3)), encoding="utf-8")
        with pytest.raises(cp.ValidationError) as caught:
            cp.load_projects(tmp_path)
        lines = [str(p) for p in caught.value.problems]
        assert lines == [
            f"{tmp_path / 'a.json'}: expected a table of fields at the top level, got a list",
            f"{tmp_path / 'b.json'}: title: expected text, got a number",
        ]


class TestPrivacy:
    def test_reprs_hold_no_free_text_or_equality_data(self) -> None:
        person = cp.Participant(
            id="p1", lived_experience=True, groups=cp.Groups({"ethnicity": "Somali"})
        )
        item = cp.FeedbackItem(id="f1", activity="a1", said="I live at 3 High Street")
        assert "Somali" not in repr(person)
        assert "ethnicity" in repr(person.groups)
        assert "High Street" not in repr(item)

    def test_a_project_repr_counts_its_records_rather_than_listing_them(self) -> None:
        text = repr(cp.load_project(EXAMPLE))
        assert "participants=<11>" in text
        assert "said=" not in text

    def test_records_are_hashable_and_frozen(self) -> None:
        project = cp.load_project(EXAMPLE)
        assert hash(project) == hash(cp.load_project(EXAMPLE))
        with pytest.raises(AttributeError):
            project.title = "changed"  # type: ignore[misc]
