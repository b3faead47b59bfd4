"""Loading reads valid data once, quickly; the detailed read that lists every problem is
only for data that fails. Both must build the same record from the same valid data."""

from __future__ import annotations

import json
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import coproduction as cp
from coproduction import _checks, _convert
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
    with _checks.converting():
        quick = _convert._first_try.structure(body, cp.Project)
        detailed = _convert.converter.structure(body, cp.Project)
    assert quick == detailed == project


@SETTINGS
@given(cycles())
def test_the_quick_and_the_detailed_read_build_the_same_cycle(cycle: cp.wtfc.Cycle) -> None:
    body = _body(cycle)
    with _checks.converting():
        quick = _convert._first_try.structure(body, cp.wtfc.Cycle)
    assert quick == _convert.converter.structure(body, cp.wtfc.Cycle) == cycle
