"""Helpers that read a record in either form: a structured record or its raw mapping.

Cross-record checks (unique ids, references) run on raw data while loading, so
their problems are listed alongside type problems, and on structured records
when they are built in Python. Writing them once over both forms keeps the two
in step.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from coproduction.errors import Problem

__all__ = ["ids_and_repeats", "items", "repeats", "value_of"]


def value_of(record: Any, name: str) -> Any:
    """A field of a record or of its raw mapping form (None when absent)."""
    if type(record) is dict or (
        not hasattr(type(record), "__attrs_attrs__") and isinstance(record, Mapping)
    ):  # a record is not a mapping: skip the slower abstract check for one
        return record.get(name)
    return getattr(record, name, None)


def items(record: Any, name: str) -> Iterable[tuple[int, Any]]:
    value = value_of(record, name)
    if isinstance(value, (list, tuple)):
        return enumerate(value)
    return ()


def repeats(values: Iterable[object], where: str) -> list[Problem]:
    if isinstance(values, (list, tuple)) and len(set(values)) == len(values):
        return []  # the usual case, without a look at each value
    seen: set[object] = set()
    problems = []
    for index, value in enumerate(values):
        if value in seen:
            problems.append(Problem(f"{where}[{index}]", f"{value!r} is listed twice"))
        seen.add(value)
    return problems


def ids_and_repeats(record: Any, name: str) -> tuple[set[str], list[Problem]]:
    """The string ids of a list of records, and a problem for each repeated id."""
    ids: set[str] = set()
    problems = []
    for index, item in items(record, name):
        item_id = value_of(item, "id")
        if not isinstance(item_id, str):
            continue
        if item_id in ids:
            problems.append(Problem(f"{name}[{index}].id", f"duplicate id {item_id!r}"))
        ids.add(item_id)
    return ids, problems
