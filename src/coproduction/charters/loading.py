"""Reading charters: packaged ids, TOML and JSON files, dicts."""

from __future__ import annotations

import os
from collections.abc import Mapping
from typing import Any

from coproduction._records import ids_and_repeats
from coproduction.charters.charter import Charter
from coproduction.errors import Problem
from coproduction.loading import Shelf

__all__ = ["load_charter", "packaged_charters"]


_CHARTERS = Shelf("coproduction.charters", "data", "charter")


def packaged_charters() -> list[str]:
    """The ids of the charters and frameworks shipped with the package."""
    return _CHARTERS.ids()


def _items(data: Mapping[str, Any]) -> list[Problem]:
    return ids_and_repeats(data, "items")[1]


def load_charter(source: str | os.PathLike[str] | Mapping[str, Any]) -> Charter:
    """A charter: a packaged id (``"barnet-2022"``), a ``.toml``/``.json`` path, or a dict."""
    return _CHARTERS.load(source, Charter, _items)
