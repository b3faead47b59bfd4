"""Reading charters: packaged ids, TOML and JSON files, dicts."""

from __future__ import annotations

import os
from collections.abc import Mapping
from importlib import resources
from pathlib import Path
from typing import Any

from coproduction._convert import structure
from coproduction._records import ids_and_repeats
from coproduction.charters.charter import Charter
from coproduction.errors import Problem, ValidationError
from coproduction.loading import read_data, read_text

__all__ = ["load_charter", "packaged_charters"]


def packaged_charters() -> list[str]:
    """The ids of the charters and frameworks shipped with the package."""
    folder = resources.files("coproduction.charters").joinpath("data")
    return sorted(
        f.name.removesuffix(".toml") for f in folder.iterdir() if f.name.endswith(".toml")
    )


def _items(data: Mapping[str, Any]) -> list[Problem]:
    return ids_and_repeats(data, "items")[1]


def load_charter(source: str | os.PathLike[str] | Mapping[str, Any]) -> Charter:
    """A charter: a packaged id (``"barnet-2022"``), a ``.toml``/``.json`` path, or a dict."""
    if isinstance(source, Mapping):
        return structure(source, Charter, _items)
    if isinstance(source, str) and source in packaged_charters():
        folder = resources.files("coproduction.charters").joinpath("data")
        text = folder.joinpath(f"{source}.toml").read_text("utf-8")
        return structure(read_text(text, ".toml", source), Charter, _items, source=source)
    if isinstance(source, str) and not Path(source).suffix:
        known = ", ".join(packaged_charters())
        raise ValidationError(
            [
                Problem(
                    "",
                    f"no packaged charter {source!r} (packaged: "
                    f"{known}); or give the path to a charter file",
                )
            ]
        )
    return structure(read_data(source), Charter, _items, source=str(source))
