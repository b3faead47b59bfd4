"""Reading and writing cycle records (TOML, JSON, dicts); the wtfc module's I/O edge."""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from coproduction._convert import structure, to_dict
from coproduction._files import write_text_atomic
from coproduction.errors import MissingDependencyError, ValidationError
from coproduction.loading import looks_like, read_data, to_json
from coproduction.wtfc.cycle import Cycle, cycle_problems

__all__ = ["dump_cycle", "load_cycle"]


def load_cycle(source: str | os.PathLike[str] | Mapping[str, Any]) -> Cycle:
    """A cycle from a ``.toml`` or ``.json`` file, or a dict; every problem at once.

    >>> from coproduction import wtfc
    >>> wtfc.load_cycle("examples/wtfc/carers-strategy.toml").step
    <Step.THEME: 'theme'>
    """
    data = source if not isinstance(source, (str, os.PathLike)) else read_data(source)
    where = None if not isinstance(source, (str, os.PathLike)) else str(source)
    wrong = looks_like(data, "Working Together for Change cycle")
    if wrong is not None:
        raise ValidationError([wrong], where)
    return structure(data, Cycle, cycle_problems, source=where)


def dump_cycle(cycle: Cycle, path: str | os.PathLike[str], *, force: bool = True) -> None:
    """Write a cycle as JSON, or TOML for a ``.toml`` path; loading it back gives an equal record.

    TOML has no null, so empty optional fields are left out (they load back as
    their defaults). TOML needs the optional ``toml`` extra (tomli-w). The file
    is written whole or not at all; ``force=False`` refuses to replace one.
    """
    if Path(path).suffix.lower() == ".toml":
        write_text_atomic(path, cycle_toml(cycle), force=force)
    else:
        write_text_atomic(path, to_json(cycle), force=force)


def cycle_toml(cycle: Cycle) -> str:
    """A cycle as TOML text (needs tomli-w: ``pip install 'coproduction[toml]'``)."""
    try:
        import tomli_w  # noqa: PLC0415 - optional extra, imported only when TOML is written
    except ImportError:
        msg = "writing TOML needs tomli-w: pip install 'coproduction[toml]'"
        raise MissingDependencyError(msg) from None
    return str(tomli_w.dumps(_without_nulls(to_dict(cycle))))


def _without_nulls(value: Any) -> Any:
    if isinstance(value, Mapping):
        return {k: _without_nulls(v) for k, v in value.items() if v is not None}
    if isinstance(value, list):
        return [_without_nulls(v) for v in value]
    return value
