"""Benchmarks: assessing and loading 10,000 generated projects.

Run with ``bash scripts/benchmark``. The projects are made
deterministically (a seeded random generator), so runs compare like with like.
"""

from __future__ import annotations

import datetime
import json
import random
from typing import Any

import pytest
from pytest_benchmark.fixture import BenchmarkFixture

import coproduction as cp

COUNT = 10_000
STAGES = [s.value for s in cp.Stage]
KINDS = [k.value for k in cp.ActivityKind]
PURPOSES = [p.value for p in cp.Purpose]
SAYS = [s.value for s in cp.Say]
STATUSES = ["received", "under-consideration", "accepted", "implemented"]


def raw_project(rnd: random.Random, index: int) -> dict[str, Any]:
    """One plausible project as plain data: ~8 participants, ~6 activities, ~3 items."""
    people = [
        {"id": f"p{i}", "lived_experience": rnd.random() < 0.7} for i in range(rnd.randint(0, 12))
    ]
    ids = [p["id"] for p in people]
    start = datetime.date(2020, 1, 1) + datetime.timedelta(days=rnd.randint(0, 1500))
    activities = [
        {
            "id": f"a{i}",
            "date": (start + datetime.timedelta(days=30 * i)).isoformat(),
            "stage": rnd.choice(STAGES),
            "kind": rnd.choice(KINDS),
            "purpose": rnd.sample(PURPOSES, rnd.randint(0, 2)),
            "say": rnd.choice(SAYS),
            "participants": rnd.sample(ids, min(len(ids), rnd.randint(0, 6))),
            "people": rnd.choice([0, 0, 5, 40]),
            "sessions": rnd.randint(1, 6),
        }
        for i in range(rnd.randint(1, 10))
    ]
    feedback = [
        {
            "id": f"f{i}",
            "activity": rnd.choice(activities)["id"],
            "said": "A view",
            "response": "A response",
            "history": [{"date": start.isoformat(), "status": rnd.choice(STATUSES)}],
        }
        for i in range(rnd.randint(0, 5))
    ]
    return {
        "id": f"project-{index}",
        "title": f"Project {index}",
        "reward_offered": rnd.random() < 0.5,
        "participants": people,
        "activities": activities,
        "feedback": feedback,
    }


@pytest.fixture(scope="module")
def raw_projects() -> list[dict[str, Any]]:
    rnd = random.Random(20261122)
    return [raw_project(rnd, i) for i in range(COUNT)]


@pytest.fixture(scope="module")
def json_texts(raw_projects: list[dict[str, Any]]) -> list[str]:
    return [json.dumps(p) for p in raw_projects]


@pytest.fixture(scope="module")
def projects(raw_projects: list[dict[str, Any]]) -> list[cp.Project]:
    return [cp.load_project(p) for p in raw_projects]


def test_assess_10000_projects(benchmark: BenchmarkFixture, projects: list[cp.Project]) -> None:
    results = benchmark.pedantic(  # type: ignore[no-untyped-call]
        lambda: [cp.assess_ladder(p) for p in projects], rounds=3, iterations=1
    )
    assert len(results) == COUNT


def test_load_10000_projects_from_json(benchmark: BenchmarkFixture, json_texts: list[str]) -> None:
    loaded = benchmark.pedantic(  # type: ignore[no-untyped-call]
        lambda: [cp.load_project(json.loads(t)) for t in json_texts], rounds=3, iterations=1
    )
    assert len(loaded) == COUNT
