"""Standing groups as councils run them: seats, eligibility, roles, interests, meetings.

Each rule quotes the passage it follows: Barnet Engagement and Co-production Strategy 2022
(L.126), Barnet co-production case study 2023 (L.42), Barnet CQC self-assessment 2024 (L.974),
ADASS East of England 2023 (L.749).
"""

from __future__ import annotations

import datetime
import json
from pathlib import Path
from typing import Any

import pytest

import coproduction as cp
from coproduction.cli import main
from coproduction.measures.portfolio import CoproductionType, portfolio, types_of

D = datetime.date
BOARD = Path(__file__).parent.parent / "examples" / "measures" / "involvement-board-register.toml"


def register(**changes: Any) -> cp.measures.Register:
    base: dict[str, Any] = {
        "id": "ib",
        "name": "Involvement Board",
        "seats": 12,
        "members": [
            {"id": f"m{i}", "joined": "2022-11-07", "lived_experience": True} for i in range(3)
        ],
    }
    return cp.measures.load_register(base | changes)


def test_twelve_seats_with_three_members_leave_nine_vacancies() -> None:
    """The Involvement Board is "made up of 12 resident representatives" (Barnet strategy,
    L.126)."""
    assert register().vacancies_on(D(2023, 1, 1)) == 9
    assert register(seats=None).vacancies_on(D(2023, 1, 1)) is None


def test_more_members_than_seats_is_a_warning_not_an_error() -> None:
    crowded = register(seats=2)
    assert crowded.vacancies_on(D(2023, 1, 1)) == 0
    assert crowded.warnings_on(D(2023, 1, 1)) == (
        "Involvement Board has 3 members on 2023-01-01 but 2 seats",
    )


def test_a_group_open_to_people_with_experience_flags_members_recorded_without_it() -> None:
    """The Board is "open to anyone with experiences of Health and Social Care" (L.126)."""
    members = [
        {"id": "m1", "joined": "2022-11-07", "lived_experience": True},
        {"id": "m2", "joined": "2022-11-07", "lived_experience": False},
        {"id": "m3", "joined": "2022-11-07"},  # not recorded: not flagged
    ]
    board = register(members=members, lived_experience_required=True)
    assert board.warnings_on(D(2023, 1, 1)) == (
        "Involvement Board is for people with lived experience, but 1 member on 2023-01-01 is "
        "recorded without it",
    )
    assert register(members=members).warnings_on(D(2023, 1, 1)) == ()


def test_a_community_co_chair_holds_the_role_from_its_start_date() -> None:
    """A community co-chair "with responsibility for planning and agenda setting" (Barnet case
    study 2023, L.42)."""
    board = cp.measures.load_register(BOARD)
    co_chair = cp.measures.RoleKind.CO_CHAIR
    assert board.holders(co_chair, D(2023, 3, 31)) == ()
    assert board.holders(co_chair, D(2023, 4, 1)) == ("b05",)
    assert board.roles[0].responsibilities == "planning and agenda setting"


def test_roles_must_name_a_member_and_end_after_they_start() -> None:
    roles = [{"member": "m9", "role": "chair", "start": "2023-01-01", "end": "2022-01-01"}]
    with pytest.raises(cp.ValidationError) as caught:
        register(roles=roles)
    assert [str(p) for p in caught.value.problems] == [
        "roles[0].member: no member 'm9'",
        "roles[0].end: before start",
    ]


def test_members_interests_find_who_to_ask_about_a_topic() -> None:
    """People's Voice members "suggest areas for co-production" (Barnet CQC self-assessment,
    L.974); the Essex Residents Panel is "a database of residents who are interested in specific
    topics" (ADASS, L.749)."""
    members = [
        {"id": "m1", "joined": "2022-11-07", "interests": ["Carers", "transport"]},
        {"id": "m2", "joined": "2022-11-07", "interests": ["day services"]},
        {"id": "m3", "joined": "2022-11-07", "left": "2022-12-01", "interests": ["carers"]},
    ]
    board = register(members=members)
    assert board.interested_in("carers", D(2023, 1, 1)) == ("m1",)


def test_the_groups_meetings_are_the_activities_that_name_it() -> None:
    project = cp.load_project(
        {
            "id": "pv",
            "title": "People's Voice events",
            "activities": [
                {
                    "id": "a1",
                    "date": "2023-01-10",
                    "stage": "plan",
                    "kind": "forum",
                    "people": 20,
                    "group": "ib",
                },
                {"id": "a2", "date": "2023-02-10", "stage": "plan", "kind": "forum", "people": 9},
            ],
        }
    )
    assert [(p, a.id) for p, a in cp.measures.meetings_of(register(), [project])] == [("pv", "a1")]


def test_the_annual_report_publishes_seats_and_vacancies(
    capsys: pytest.CaptureFixture[str],
) -> None:
    projects = Path(__file__).parent.parent / "examples" / "measures" / "projects"
    args = ["measures", str(projects), "--period", "2022", "--register", str(BOARD), "--json"]
    assert main(args) == 0
    board = json.loads(capsys.readouterr().out)["registers"][0]
    assert (board["seats"], board["vacancies_at_end"]) == (12, 0)  # all 12 seats filled


class TestPortfolio:
    """Southwark's types (co-production report 2014, sections 2.11-2.15)."""

    YEARS = cp.Period(D(2020, 4, 1), D(2024, 3, 31))

    def test_the_adass_cases_by_type_counted_by_hand(self) -> None:
        """Eleven co-design activities (Bedford a2, Cambridgeshire a1 and a2, incLOOsive a2,
        Essex a2, Milton Keynes a2, Norfolk a1 twice, Peterborough a1, Suffolk a1, Thurrock a1);
        four co-decision (Cambridgeshire a1, Milton Keynes a2, Suffolk a1, Thurrock a2; Norfolk's
        interview panel is only planned); two co-delivery; four co-evaluation."""
        projects = cp.load_projects(Path(__file__).parent.parent / "examples/projects/adass")
        mix = portfolio(projects, self.YEARS).to_dict()
        assert mix["activities_by_type"] == {
            "co-design": 11,
            "co-decision": 4,
            "co-delivery": 2,
            "co-evaluation": 4,
        }
        assert (mix["additive"], mix["substitutive"]) == (17, 0)

    def test_participatory_budgeting_is_substitutive_co_decision(self) -> None:
        """Substitutive co-production, "where part of the service is transferred from the
        professional to the public", e.g. participatory budgeting (section 2.15)."""
        grants = cp.load_project(
            Path(__file__).parent.parent
            / "examples/participatory-budgeting/community-grants-panel.toml"
        )
        mix = portfolio([grants], cp.Period(D(2024, 4, 1), D(2025, 3, 31)))
        assert dict(mix.activities_by_type)[CoproductionType.CO_DECISION] == 1
        assert (mix.additive, mix.substitutive) == (0, 1)

    def test_an_advisory_say_is_not_co_production(self) -> None:
        activity = cp.Activity(
            id="a",
            date=D(2023, 1, 1),
            stage=cp.Stage.DESIGN,
            kind=cp.ActivityKind.WORKSHOP,
            purpose=(cp.Purpose.DESIGN,),
            say=cp.Say.ADVISORY,
        )
        assert types_of(activity) == ()


def test_the_measures_command_prints_the_portfolio(capsys: pytest.CaptureFixture[str]) -> None:
    folder = Path(__file__).parent.parent / "examples" / "projects" / "adass"
    assert main(["measures", str(folder), "--period", "2022", "--portfolio"]) == 0
    mix = json.loads(capsys.readouterr().out)
    assert set(mix["activities_by_type"]) == {
        "co-design",
        "co-decision",
        "co-delivery",
        "co-evaluation",
    }
