"""Invariants that must hold for every valid record, checked with hypothesis."""

from __future__ import annotations

import json
import random
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import coproduction as cp
from tests.strategies import json_values, more_evidence, projects

SETTINGS = settings(max_examples=150, suppress_health_check=[HealthCheck.too_slow])


def _rank(rung: cp.Rung | None) -> int:
    return 0 if rung is None else int(rung)


@SETTINGS
@given(st.data())
def test_adding_evidence_never_lowers_the_rung(data: st.DataObject) -> None:
    project = data.draw(projects())
    richer = data.draw(more_evidence(project))
    assert _rank(cp.assess_ladder(richer).rung) >= _rank(cp.assess_ladder(project).rung)


@SETTINGS
@given(st.data())
def test_adding_evidence_never_lowers_any_stage(data: st.DataObject) -> None:
    project = data.draw(projects())
    before = cp.assess_ladder(project)
    after = cp.assess_ladder(data.draw(more_evidence(project)))
    for stage in cp.Stage:
        assert _rank(after.stage(stage)) >= _rank(before.stage(stage))


@SETTINGS
@given(projects())
def test_the_rung_is_the_highest_whose_criteria_all_hold(project: cp.Project) -> None:
    result = cp.assess_ladder(project)
    reached = [r for r in cp.Rung if all(c.holds for c in result.criteria_for(r))]
    took_part = next(c for c in result.criteria if c.id == "took-part").holds
    assert result.rung == (max(reached) if took_part else None)
    # The gaps are exactly the next rung's unmet criteria.
    if result.next_rung is not None:
        unmet = [c for c in result.criteria_for(result.next_rung) if not c.holds]
        assert list(result.gaps) == unmet
        assert result.gaps


@SETTINGS
@given(projects())
def test_no_stage_reaches_a_rung_without_people_at_that_stage(project: cp.Project) -> None:
    result = cp.assess_ladder(project)
    for level in result.stages:
        assert (level.rung is None) == (not level.activities)


@SETTINGS
@given(projects())
def test_a_claim_above_the_evidence_always_warns_and_one_at_or_below_never_does(
    project: cp.Project,
) -> None:
    result = cp.assess_ladder(project)
    overclaims = project.claimed_level is not None and _rank(result.rung) < project.claimed_level
    assert bool(result.warnings) == overclaims


@SETTINGS
@given(projects())
def test_dumping_and_loading_gives_back_the_same_record(project: cp.Project) -> None:
    assert cp.load_project(cp.to_dict(project)) == project
    assert cp.load_project(json.loads(cp.to_json(project))) == project


@SETTINGS
@given(json_values)
def test_any_json_value_either_loads_or_gives_a_validation_error(value: Any) -> None:
    try:
        cp.load_project(value)
    except cp.ValidationError as error:
        assert error.problems


def _paths(data: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [prefix] if prefix else []
    if isinstance(data, dict):
        for key, value in data.items():
            found += _paths(value, (*prefix, key))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            found += _paths(value, (*prefix, index))
    return found


@SETTINGS
@given(
    projects(),
    st.randoms(use_true_random=False),
    json_values,
    st.sampled_from(["set", "del", "add"]),
)
def test_a_damaged_record_gives_a_validation_error_never_another_exception(
    project: cp.Project, rnd: random.Random, junk: Any, how: str
) -> None:
    data = cp.to_dict(project)
    paths = _paths(data)
    path = rnd.choice(paths)
    parent = data
    for step in path[:-1]:
        parent = parent[step]
    if how == "set":
        parent[path[-1]] = junk
    elif how == "del":
        del parent[path[-1]]
    elif isinstance(parent, dict):
        parent["not_a_field"] = junk
    try:
        cp.load_project(data)
    except cp.ValidationError as error:
        assert error.problems
        assert all(isinstance(p, cp.Problem) for p in error.problems)
