"""Charter compliance: charters as data, shared concerns with evidence checks, crosswalks.

See ``docs/charters.md`` for how to read a report and write your own charter.
"""

from coproduction.charters.charter import Charter, CharterKind, Item, Parameters
from coproduction.charters.check import CharterReport, ItemResult, Status, check_charter
from coproduction.charters.checks import CHECKS, Check, CheckResult, Context, Found
from coproduction.charters.concerns import Concern, Outcome
from coproduction.charters.loading import load_charter, packaged_charters

__all__ = [
    "CHECKS",
    "Charter",
    "CharterKind",
    "CharterReport",
    "Check",
    "CheckResult",
    "Concern",
    "Context",
    "Found",
    "Item",
    "ItemResult",
    "Outcome",
    "Parameters",
    "Status",
    "check_charter",
    "load_charter",
    "packaged_charters",
]
