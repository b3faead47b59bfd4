"""Benchmark: the annual report over 1,000 projects with 100,000 participants in all.

Run with ``bash scripts/benchmark``.
"""

from __future__ import annotations

import datetime
import random

import pytest
from pytest_benchmark.fixture import BenchmarkFixture

import coproduction as cp

PROJECTS = 1_000
PER_PROJECT = 100
GROUPS = ["White", "Asian", "Black", "Mixed", "Other"]


@pytest.fixture(scope="module")
def projects() -> list[cp.Project]:
    rnd = random.Random(20261122)
    made = []
    for index in range(PROJECTS):
        people = tuple(
            cp.Participant(
                id=f"p{rnd.randint(0, 60_000)}-{n}",
                lived_experience=True,
                groups=cp.Groups({"ethnicity": rnd.choice(GROUPS)}),
            )
            for n in range(PER_PROJECT)
        )
        ids = [p.id for p in people]
        activities = tuple(
            cp.Activity(
                id=f"a{n}",
                date=datetime.date(2021, 1, 1) + datetime.timedelta(days=rnd.randint(0, 900)),
                stage=rnd.choice(list(cp.Stage)),
                kind=rnd.choice(list(cp.ActivityKind)),
                purpose=(cp.Purpose.VIEWS,),
                participants=tuple(rnd.sample(ids, 30)),
                people=rnd.choice([0, 0, 25]),
            )
            for n in range(5)
        )
        feedback = tuple(
            cp.FeedbackItem(
                id=f"f{n}",
                activity=rnd.choice(activities).id,
                said="A view",
                history=(cp.StatusChange(datetime.date(2022, 6, 1), cp.FeedbackStatus.ACCEPTED),),
            )
            for n in range(3)
        )
        made.append(
            cp.Project(
                id=f"project-{index}",
                title="P",
                organisation=f"Council {index % 20}",
                participants=people,
                activities=activities,
                feedback=feedback,
            )
        )
    return made


def test_annual_report_1000_projects_100000_participants(
    benchmark: BenchmarkFixture, projects: list[cp.Project]
) -> None:
    population = cp.measures.parse_population_csv(
        "field,group,share,source\n" + "".join(f"ethnicity,{g},0.2,C\n" for g in GROUPS)
    )
    period = cp.Period.financial_year(2022)
    report = benchmark.pedantic(  # type: ignore[no-untyped-call]
        lambda: cp.measures.annual_report(projects, period, population=population).to_dict(),
        rounds=3,
        iterations=1,
    )
    assert report["reach"]["projects"] > 0
