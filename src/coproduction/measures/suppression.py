"""Small-number suppression for figures meant for publication.

Published equality figures about small groups can identify people. Decidim
refuses demographic exports under a minimum total (5 by default); NHS and ONS
practice is to suppress or round small cells (sources below).

The package's rule, for every published row of counts:

1. **Primary**: a count from 1 to ``min_count - 1`` is suppressed. A zero is
   shown: it says nobody, and so identifies nobody.
2. **Secondary**: if exactly one cell of a row is suppressed, or the
   suppressed cells add up to less than ``min_count`` or to one per cell (two
   cells of 1 add up to 2, which gives both away), the smallest other
   *non-zero* cell (ties: the first in the row's order) is suppressed too, so
   no hidden cell can be worked out by subtracting the others from the total.
   A zero is never the secondary cell: a group with nobody in it is often
   known to be empty (the adversary would take it as 0 and subtract). This
   repeats until the suppressed cells are safe; if there is no other non-zero
   cell, the row's total is suppressed instead.
3. A row total from 1 to ``min_count - 1`` is suppressed too.
4. Every share worked out from a suppressed count is suppressed with it.
5. Figures that add up to another published figure form one row with it as
   the total (people listed by id and counted without ids add up to the people
   reached), so the same rules protect them.

This follows the practice of the UK statistical offices: the ONS statistical
disclosure control policy (https://www.ons.gov.uk/aboutus/transparencyandgovernance/
datastrategy/datapolicies/statisticaldisclosurecontrol) asks that published
outputs not let a person be identified, and NHS Digital's disclosure control for
Hospital Episode Statistics (https://digital.nhs.uk/data-and-information/
data-tools-and-services/data-services/hospital-episode-statistics/
change-to-disclosure-control-methodology-for-hes-and-ecds-from-september-2018)
describes the method used here: small values replaced, then secondary
suppression checked so that the other values cannot be used to recalculate them.

>>> row = suppress_row({"White": 40, "Asian": 3, "Black": 9, "Mixed": 12}, min_count=5)
>>> row.cells
{'White': 40, 'Asian': None, 'Black': None, 'Mixed': 12}
>>> row.total, row.suppressed
(64, ('Asian', 'Black'))
>>> suppress_row({"White": 40, "Asian": 3, "Mixed": 0}).cells  # never a zero as the secondary
{'White': None, 'Asian': None, 'Mixed': 0}
"""

from __future__ import annotations

from collections.abc import Mapping

import attrs

__all__ = ["DEFAULT_MIN_COUNT", "SUPPRESSED", "SuppressedRow", "shown", "suppress_row"]

DEFAULT_MIN_COUNT = 5
SUPPRESSED = "suppressed"  # how a suppressed figure is written in published output


@attrs.frozen
class SuppressedRow:
    """A row of counts ready to publish: ``None`` marks a suppressed cell or total."""

    cells: dict[str, int | None]
    total: int | None
    suppressed: tuple[str, ...]


def suppress_row(counts: Mapping[str, int], min_count: int = DEFAULT_MIN_COUNT) -> SuppressedRow:
    """Apply primary and secondary suppression to one row of counts (see the module)."""
    primary = [k for k, v in counts.items() if 0 < v < min_count]
    hidden = list(primary)
    total_hidden = False
    # One hidden cell, or hidden cells adding up to a small number (two 1s make 2, which
    # says both are 1), can be worked out from the total: hide more until they cannot.
    while hidden and (len(hidden) == 1 or _guessable(counts, hidden, min_count)):
        others = [k for k in counts if k not in hidden and counts[k] > 0]
        if not others:
            total_hidden = True
            break
        hidden.append(min(others, key=lambda k: counts[k]))
    cells = {k: (None if k in hidden else v) for k, v in counts.items()}
    whole = sum(counts.values())
    total = None if total_hidden or 0 < whole < min_count else whole
    return SuppressedRow(cells, total, tuple(k for k in counts if k in hidden))


def _guessable(counts: Mapping[str, int], hidden: list[str], min_count: int) -> bool:
    """Whether hidden cells' sum gives them away: small, or one per cell (all 1s)."""
    added = sum(counts[k] for k in hidden)
    return added < min_count or added == len(hidden)


def shown(value: int | None) -> int | str:
    """A published count: the number, or ``"suppressed"``."""
    return SUPPRESSED if value is None else value
