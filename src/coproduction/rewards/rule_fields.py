"""Each reward rule type's required and optional fields: one table, read by validation and docs.

:data:`RULE_FIELDS` is what :class:`~coproduction.rewards.RewardRule` checks a
rule against, so a new rule type is one entry here and one pricing function
(``coproduction.rewards.pricing.PRICERS``); :func:`rule_fields_table` prints it
as the table in ``docs/rewards.md``.
"""

from __future__ import annotations

from coproduction.rewards.words import RuleType

__all__ = ["RULE_FIELDS", "rule_fields_table"]

_LIMITS = frozenset({"cap_per_week", "cap_per_month", "cap_per_year", "max_per_week"})
_ANY = frozenset({"roles", "named_in_advance"})

#: Each rule type's (required, optional) fields; every other field must be left out.
#: Validation reads this table, so a new rule type is one entry here and one pricing function.
RULE_FIELDS: dict[RuleType, tuple[frozenset[str], frozenset[str]]] = {
    RuleType.HOURLY: (
        frozenset({"rate", "per", "increment_minutes", "rounding"}),
        frozenset({"minimum_minutes", "daily_cap", "preparation", "preparation_cap_minutes"})
        | _LIMITS
        | _ANY,
    ),
    RuleType.SESSION_BANDS: (
        frozenset({"bands"}),
        frozenset({"per", "preparation", "preparation_cap_minutes"}) | _LIMITS | _ANY,
    ),
    RuleType.FIXED: (frozenset({"amount", "per"}), frozenset({"daily_cap"}) | _LIMITS | _ANY),
    RuleType.POINTS: (frozenset({"points"}), _ANY),
    RuleType.NO_REWARD: (frozenset(), _ANY),
}

_FIELD_HINTS = {
    "rounding": "`rounding` (up, down, nearest)",
    "preparation": "`preparation` (paid, capped, covered)",
    "bands": "`bands` (shortest first)",
    "points": "`points` bands (and a `points_conversion` on the version)",
}


_PER_HINTS = {
    RuleType.HOURLY: '`per = "hour"`',
    RuleType.FIXED: '`per = "activity"`',
    RuleType.SESSION_BANDS: '`per` ("day", the default, or "activity")',
}


def rule_fields_table() -> str:
    """Each rule type's required and optional fields as a Markdown table, from RULE_FIELDS.

    ``roles`` and ``named_in_advance``, which any rule may have, are left out.

    >>> print(rule_fields_table().splitlines()[2])
    | `hourly` | `increment_minutes`, `per = "hour"`, `rate`, `rounding` (up, down, nearest) | ...
    """

    def names(kind: RuleType, fields: frozenset[str]) -> str:
        hints = {**_FIELD_HINTS, "per": _PER_HINTS.get(kind, "`per`")}
        return ", ".join(hints.get(f, f"`{f}`") for f in sorted(fields - _ANY))

    rows = ["| rule `type` | needs | may have |", "|---|---|---|"]
    rows += [
        f"| `{kind.value}` | {names(kind, wanted) or 'nothing'} | {names(kind, optional)} |"
        for kind, (wanted, optional) in RULE_FIELDS.items()
    ]
    return "\n".join(rows)
