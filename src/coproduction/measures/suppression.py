"""Small-number suppression for figures meant for publication.

Published equality figures about small groups can identify people. Decidim
refuses demographic exports under a minimum total (5 by default); NHS and ONS
practice is to suppress or round small cells (product brief, domain/measures.md).

The package's rule, for every published row of counts:

1. **Primary**: a count from 1 to ``min_count - 1`` is suppressed. A zero is
   shown: it says nobody, and so identifies nobody.
2. **Secondary**: if exactly one cell of a row is suppressed, the smallest
   other cell (ties: the first in the row's order) is suppressed too, so the
   hidden cell cannot be worked out by subtracting the others from the total.
   If there is no other cell, the row's total is suppressed instead.
3. A row total from 1 to ``min_count - 1`` is suppressed too.
4. Every share worked out from a suppressed count is suppressed with it.

>>> row = suppress_row({"White": 40, "Asian": 3, "Black": 9, "Mixed": 12}, min_count=5)
>>> row.cells
{'White': 40, 'Asian': None, 'Black': None, 'Mixed': 12}
>>> row.total, row.suppressed
(64, ('Asian', 'Black'))
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
    if len(hidden) == 1:
        others = [k for k in counts if k not in hidden]
        if others:
            hidden.append(min(others, key=lambda k: counts[k]))
        else:
            total_hidden = True
    cells = {k: (None if k in hidden else v) for k, v in counts.items()}
    whole = sum(counts.values())
    total = None if total_hidden or 0 < whole < min_count else whole
    return SuppressedRow(cells, total, tuple(k for k in counts if k in hidden))


def shown(value: int | None) -> int | str:
    """A published count: the number, or ``"suppressed"``."""
    return SUPPRESSED if value is None else value
