"""Charters as data: items, their concerns, and the parameters the checks use.

A charter file holds: ``id``, ``name``, ``owner``, ``year``, ``source`` (a
citation), ``kind`` (``charter``, or ``crosswalk-target`` for a framework such
as the CQC quality statements that is read against, not adopted),
``parameters``, and ``items``. Each item has an ``id``, a short ``label`` in the
package's own words, the ``citation`` of the original wording, and the
``concerns`` it maps to. An item mapped to no concern cannot be checked
automatically and is reported as such.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import attrs

from coproduction import _checks
from coproduction._records import ids_and_repeats
from coproduction._shown import Shown
from coproduction._vocab import Word
from coproduction.charters.concerns import Concern
from coproduction.errors import Problem, ValidationError

__all__ = ["Charter", "CharterKind", "Item", "Parameters"]


class CharterKind(Word):
    """A charter to check projects against, or a framework used only as a crosswalk target."""

    CHARTER = "charter"
    CROSSWALK_TARGET = "crosswalk-target"


@attrs.frozen
class Parameters:
    """The figures a charter's checks use. Defaults are the package's own, not any charter's.

    - ``notice_days``: papers and invitations at least this many days before a meeting;
    - ``report_back_days``: a "you said" item reported back within this many days;
    - ``payment_days``: reward paid within this many days of the activity (National
      Voices aims to pay within two weeks);
    - ``methods``: at least this many different formats;
    - ``threshold``: a group is under-represented when its share is under this times its
      population share.
    """

    notice_days: int = 7
    report_back_days: int = 90
    payment_days: int = 14
    methods: int = 2
    threshold: Decimal = Decimal("0.8")

    def __attrs_post_init__(self) -> None:
        problems = [
            Problem(name, "must be 1 or more")
            for name in ("notice_days", "report_back_days", "payment_days", "methods")
            if getattr(self, name) < 1
        ]
        if not Decimal(0) < self.threshold <= Decimal(1):
            problems.append(Problem("threshold", "must be more than 0 and at most 1"))
        if problems:
            raise ValidationError(problems)


@attrs.frozen
class Item:
    """One commitment of a charter."""

    id: str
    label: str
    citation: str
    concerns: tuple[Concern, ...] = ()


@attrs.frozen
class Charter(Shown):
    """A charter of commitments, or a framework to cross-walk to."""

    id: str
    name: str
    owner: str
    year: int
    source: str
    items: tuple[Item, ...]
    parameters: Parameters = Parameters()
    kind: CharterKind = CharterKind.CHARTER
    notes: tuple[str, ...] = ()

    def __attrs_post_init__(self) -> None:
        _, problems = ids_and_repeats(self, "items")
        if not self.items:
            problems.append(Problem("items", "a charter needs at least one item"))
        if problems:
            raise ValidationError(problems)

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form, the same as ``coproduction.to_dict(self)``."""
        from coproduction._convert import to_dict  # noqa: PLC0415 - the converter imports this

        return to_dict(self)


_checks.install(Parameters, Item, Charter)
