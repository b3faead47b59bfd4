"""Fuzzed inputs through every loader and subcommand: success or a located error, nothing else.

The cases are the mutated example files and generated CSVs of ``tests/fuzzing.py``
(structure, types, text, encodings, sizes). This bounded run is derandomised, so a
commit always tries the same cases; ``bash scripts/fuzz`` runs 100,000.
"""

from __future__ import annotations

import random
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.fuzzing import TARGETS, make_case, outcome


@settings(
    max_examples=1000,
    derandomize=True,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(st.randoms(use_true_random=False))
def test_a_fuzzed_input_is_read_or_refused_with_a_located_error_never_a_crash(
    tmp_path: Path, rng: random.Random
) -> None:
    case = make_case(rng)
    result = outcome(case, tmp_path)
    assert not result.startswith("unexpected"), f"{result}: {case.target.name} ({case.how})"


def test_every_kind_of_input_is_fuzzed() -> None:
    kinds = {t.name.split(" (")[0] for t in TARGETS}
    assert kinds >= {"project", "claim", "claims csv", "cycle", "register", "population csv"}
    assert kinds >= {"budget", "forward plan", "policy", "charter"}
    commands = {t.command("f")[0] for t in TARGETS if t.command is not None}
    assert commands >= {"ladder", "charter", "measures", "pay", "wtfc", "plan"}
