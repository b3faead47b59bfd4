"""Reading and writing cycle records (TOML, JSON, dicts); the wtfc module's I/O edge."""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from coproduction._convert import structure
from coproduction.loading import read_data, to_json
from coproduction.wtfc.cycle import Cycle, cycle_problems

__all__ = ["dump_cycle", "load_cycle"]


def load_cycle(source: str | os.PathLike[str] | Mapping[str, Any]) -> Cycle:
    """A cycle from a ``.toml`` or ``.json`` file, or a dict; every problem at once.

    >>> from coproduction import wtfc
    >>> wtfc.load_cycle("examples/wtfc/carers-strategy.toml").step
    <Step.THEME: 'theme'>
    """
    if not isinstance(source, (str, os.PathLike)):
        return structure(source, Cycle, cycle_problems)
    return structure(read_data(source), Cycle, cycle_problems, source=str(source))


def dump_cycle(cycle: Cycle, path: str | os.PathLike[str]) -> None:
    """Write a cycle as JSON; loading it back gives an equal record."""
    Path(path).write_text(to_json(cycle), encoding="utf-8")
