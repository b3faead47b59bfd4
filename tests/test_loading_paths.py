"""Loading reads valid data once, quickly; the detailed read that lists every problem is
only for data that fails. Both must build the same record from the same valid data.

The quick read is each record class's own function, written from its fields (``_fast``);
the converter's first try is kept for classes it cannot write out."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import coproduction as cp
from coproduction import _checks, _convert, _fast
from coproduction.loading import read_data
from tests.strategies import cycles, more_evidence, projects

SETTINGS = settings(max_examples=100, suppress_health_check=[HealthCheck.too_slow])


def _body(record: object) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(cp.to_json(record))  # as read from a file
    data.pop("kind")
    data.pop("schema_version")
    return data


@SETTINGS
@given(st.data())
def test_the_quick_and_the_detailed_read_build_the_same_project(data: st.DataObject) -> None:
    project = data.draw(more_evidence(data.draw(projects())))
    body = _body(project)
    fast = _fast.fast_structurer(cp.Project, _convert._first_try)
    assert fast is not None
    with _checks.converting():
        written = fast(body)
        quick = _convert._first_try.structure(body, cp.Project)
        detailed = _convert.converter.structure(body, cp.Project)
    assert written == quick == detailed == project


@SETTINGS
@given(cycles())
def test_the_quick_and_the_detailed_read_build_the_same_cycle(cycle: cp.wtfc.Cycle) -> None:
    body = _body(cycle)
    fast = _fast.fast_structurer(cp.wtfc.Cycle, _convert._first_try)
    assert fast is not None
    with _checks.converting():
        written = fast(body)
        quick = _convert._first_try.structure(body, cp.wtfc.Cycle)
    assert written == quick == _convert.converter.structure(body, cp.wtfc.Cycle) == cycle


def test_the_quick_read_of_each_example_project_file_is_the_detailed_read() -> None:
    # TOML gives dates as dates, JSON as text: the example files are TOML.
    fast = _fast.fast_structurer(cp.Project, _convert._first_try)
    assert fast is not None
    files = sorted(Path("examples/projects").glob("*.toml"))
    assert files
    for path in files:
        body = read_data(path)
        with _checks.converting():
            assert fast(body) == _convert.converter.structure(body, cp.Project), path


def _activity(date: str, stage: str = "plan") -> dict[str, Any]:
    return {"id": "a", "date": date, "stage": stage, "kind": "survey"}


@pytest.mark.parametrize(
    "body",
    [
        {"id": "p", "title": "T", "activities": [_activity("2024-W01-1")]},
        {"id": "p", "title": "T", "activities": [_activity("1899-12-31")]},
        {"id": "p", "title": "T", "activities": [_activity("2024-01-01", stage="desing")]},
        {"id": "p", "title": "T", "participants": [{"id": "x", "lived_experience": 1}]},
        {"id": "p", "title": "T", "participants": [["x"]]},
        {"id": "p", "title": "T", "reward_offered": "yes"},
        {"id": "p", "title": "T", "partners": "the carers' centre"},
        {"id": "p", "title": "T", "claimed_level": 7},
        {"id": "p", "title": "T", "titel": "T"},
        {"id": "p"},
    ],
)
def test_the_quick_read_refuses_what_the_detailed_read_names(body: dict[str, Any]) -> None:
    fast = _fast.fast_structurer(cp.Project, _convert._first_try)
    assert fast is not None
    with _checks.converting(), pytest.raises(Exception):  # noqa: B017, PT011 - any refusal
        fast(body)
    with pytest.raises(cp.ValidationError):
        cp.load_project(body)
