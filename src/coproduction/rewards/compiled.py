"""Policies compiled once into look-up tables, used for every claim.

A policy is frozen data; pricing a claim asks it the same questions again and
again (which version is in force on this day, which rule pays this kind of
activity for this role, which assumptions does a rule carry). A
:class:`CompiledPolicy` answers each from a table built on first use and kept
for as long as the policy object lives, so no claim scans the rules or hashes
the policy's tree of records.

>>> import datetime
>>> import coproduction as cp
>>> policy = cp.load_policy("national-voices")
>>> table = compiled(policy)
>>> table is compiled(policy)
True
>>> table.on(datetime.date(2025, 6, 10)).rule("meeting", None).rule.id
'nv-session'
"""

from __future__ import annotations

import datetime
import weakref

import attrs

from coproduction.errors import Problem, ValidationError
from coproduction.rewards.claims import Claim
from coproduction.rewards.policy import Policy, PolicyVersion
from coproduction.rewards.pricing import CompiledRule

__all__ = ["CompiledPolicy", "CompiledVersion", "compiled"]

_NO_RULE = object()
_Asked = tuple[datetime.date, str, str | None]
#: The most (day, kind, role) answers a compiled policy keeps (years of days, every kind).
_KEPT = 16384


@attrs.define
class CompiledVersion:
    """One policy version's look-up tables."""

    version: PolicyVersion
    #: rule ids that are capped or counted over a week, month or year (the ledger tracks them)
    limited: frozenset[str]
    #: assumptions of the version, of each reward rule (by id), of each expense rule (by line rule)
    assumptions: tuple[str, ...]
    rule_assumptions: tuple[tuple[str, tuple[str, ...]], ...]
    expense_assumptions: tuple[tuple[str, tuple[str, ...]], ...]
    _rules: dict[tuple[str, str | None], CompiledRule | None] = attrs.Factory(dict)
    _by_id: dict[str, CompiledRule] = attrs.Factory(dict)
    _assumed: dict[frozenset[str], tuple[str, ...]] = attrs.Factory(dict)
    #: whether the version or any of its rules states an assumption
    has_assumptions: bool = attrs.field(init=False)

    def __attrs_post_init__(self) -> None:
        self.has_assumptions = bool(
            self.assumptions or self.rule_assumptions or self.expense_assumptions
        )

    @classmethod
    def of(cls, version: PolicyVersion) -> CompiledVersion:
        """Build the tables for ``version``."""
        limited = frozenset(
            r.id
            for r in version.rewards
            if (r.cap_per_week, r.cap_per_month, r.cap_per_year, r.max_per_week)
            != (None, None, None, None)
        )
        return cls(
            version,
            limited,
            version.assumptions,
            tuple((r.id, r.assumptions) for r in version.rewards if r.assumptions),
            tuple(
                (f"expense:{e.kind.value}", e.assumptions)
                for e in version.expenses
                if e.assumptions
            ),
        )

    def rule(self, kind: str, role: str | None) -> CompiledRule | None:
        """The reward rule for ``kind`` and ``role`` (:meth:`PolicyVersion.rule_for`), compiled."""
        found = self._rules.get((kind, role), _NO_RULE)
        if found is _NO_RULE:
            rule = self.version.rule_for(kind, role)
            found = None
            if rule is not None:  # one compiled rule per rule, whatever kind asked for it
                found = self._by_id.get(rule.id) or self._by_id.setdefault(
                    rule.id, CompiledRule.of(rule)
                )
            self._rules[kind, role] = found
        return found  # type: ignore[return-value]

    def used_assumptions(self, used: frozenset[str]) -> tuple[str, ...]:
        """The version's assumptions, then those of each rule in ``used`` (line rule names)."""
        found = self._assumed.get(used)
        if found is None:
            found = self._assumed[used] = tuple(
                dict.fromkeys(
                    [
                        *self.assumptions,
                        *(a for rule, said in self.rule_assumptions if rule in used for a in said),
                        *(
                            a
                            for rule, said in self.expense_assumptions
                            if rule in used
                            for a in said
                        ),
                    ]
                )
            )
        return found


@attrs.define
class CompiledPolicy:
    """A policy's versions compiled, and the version in force on each day asked about."""

    # Weak, so that the table (kept in a module-level cache) never keeps its policy alive.
    _policy: weakref.ref[Policy]
    versions: tuple[CompiledVersion, ...]
    limited: frozenset[str]
    _by_day: dict[datetime.date, CompiledVersion] = attrs.Factory(dict)
    #: (day, activity kind, role) -> the version in force that day and its rule for them
    _found: dict[_Asked, tuple[CompiledVersion, CompiledRule | None]] = attrs.Factory(dict)

    @property
    def policy(self) -> Policy:
        """The policy compiled (alive while anyone uses this table through it)."""
        policy = self._policy()
        assert policy is not None  # noqa: S101 - the table is dropped when its policy dies
        return policy

    def check(self, claim: Claim) -> tuple[list[CompiledRule], list[CompiledVersion]]:
        """Each activity's rule and version; ValidationError for kinds the policy does not pay.

        A date the policy does not cover raises :class:`PolicyNotInForceError`,
        an activity's before an expense's.
        """
        problems, rules, versions = [], [], []
        found = self._found
        for index, activity in enumerate(claim.activities):
            asked = (activity.date, activity.kind, activity.role)
            version, rule = found.get(asked) or self._find(asked)
            if rule is None:
                kinds = ", ".join(version.version.activity_kinds)
                problems.append(
                    Problem(
                        f"activities[{index}].kind",
                        f"{activity.kind!r} is not an activity kind in policy {self.policy.id} "
                        f"(version {version.version.version}: {kinds})",
                    )
                )
            else:
                rules.append(rule)
            versions.append(version)
        for expense in claim.expenses:
            versions.append(self._by_day.get(expense.date) or self.on(expense.date))
        if problems:
            raise ValidationError(problems, f"claim {claim.id}")
        return rules, versions

    def rule_on(self, day: datetime.date, kind: str, role: str | None) -> CompiledRule | None:
        """The compiled rule for ``kind`` and ``role`` in the version in force on ``day``."""
        asked = (day, kind, role)
        return (self._found.get(asked) or self._find(asked))[1]

    def _find(self, asked: _Asked) -> tuple[CompiledVersion, CompiledRule | None]:
        """The version in force on the day asked about and its rule, kept for the next ask."""
        if len(self._found) >= _KEPT:  # roles are free text: never keep without end
            self._found.clear()
        day, kind, role = asked
        version = self.on(day)
        found = self._found[asked] = (version, version.rule(kind, role))
        return found

    def on(self, day: datetime.date) -> CompiledVersion:
        """The compiled version in force on ``day`` (raises as :meth:`Policy.version_on`)."""
        found = self._by_day.get(day)
        if found is None:
            version = self.policy.version_on(day)
            found = next(c for c in self.versions if c.version is version)
            self._by_day[day] = found
        return found


_COMPILED: dict[int, CompiledPolicy] = {}


def compiled(policy: Policy) -> CompiledPolicy:
    """``policy`` compiled into look-up tables, once per policy object (kept while it lives)."""
    # Keyed by identity: hashing a policy would hash its whole tree of records.
    found = _COMPILED.get(id(policy))
    if found is not None and found.policy is policy:
        return found
    versions = tuple(CompiledVersion.of(v) for v in policy.versions)
    limited = frozenset().union(*(v.limited for v in versions))
    found = CompiledPolicy(weakref.ref(policy), versions, limited)
    _COMPILED[id(policy)] = found
    weakref.finalize(policy, _COMPILED.pop, id(policy), None)
    return found
