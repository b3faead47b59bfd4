"""Reading policies, budgets and claims: packaged policies, TOML and JSON files, dicts.

This is the reward module's I/O edge; the calculation itself reads no files.
Claims in spreadsheets are read by :mod:`~coproduction.rewards.sheets`; many
claim files at once (any of these kinds, or piped in) by
:mod:`~coproduction.rewards.gathering`.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import attrs

from coproduction._convert import structure
from coproduction.errors import Problem, ValidationError
from coproduction.loading import Shelf, looks_like, read_data
from coproduction.rewards.budget import Budget, budget_problems
from coproduction.rewards.claims import Claim, claim_reference_problems
from coproduction.rewards.policy import Policy

__all__ = ["load_budget", "load_claim", "load_policy", "packaged_policies"]

_POLICIES = Shelf("coproduction.rewards", "policies", "policy")


def packaged_policies() -> list[str]:
    """The ids of the policies shipped with the package."""
    return _POLICIES.ids()


def load_policy(source: str | os.PathLike[str] | Mapping[str, Any]) -> Policy:
    """A policy: a packaged id (``"national-voices"``), a ``.toml``/``.json`` path, or a dict.

    Policy files are checked as strictly as claims: unknown keys, dates that do
    not increase, a rate without its unit, and rule fields that do not fit the
    rule's type are all listed in one :class:`~coproduction.ValidationError`.
    """
    return _POLICIES.load(source, Policy)


def load_budget(source: str | os.PathLike[str] | Mapping[str, Any]) -> Budget:
    """A budget from a ``.toml`` or ``.json`` file, or from a dict (see ``docs/rewards.md``)."""
    if not isinstance(source, (str, os.PathLike)):
        return structure(_of_kind(source, "budget"), Budget, budget_problems)
    data = _of_kind(read_data(source), "budget", str(source))
    return structure(data, Budget, budget_problems, source=str(source))


def load_claim(source: str | os.PathLike[str] | Mapping[str, Any]) -> Claim:
    """A claim from a ``.toml`` or ``.json`` file, or from a dict.

    A policy path written in a claim file (``policy = "my-policy.toml"``) is
    read from the claim file's folder, wherever the command is run from. An
    unknown policy id is an error naming the claim's ``policy`` field, with
    the closest packaged id suggested.
    """
    if not isinstance(source, (str, os.PathLike)):
        return checked_claim(structure(_of_kind(source, "claim"), Claim, claim_checks))
    data = _of_kind(read_data(source), "claim", str(source))
    claim = structure(data, Claim, claim_checks, source=str(source))
    return with_policy_from(checked_claim(claim, str(source)), Path(source).parent)


def _of_kind(data: object, expected: str, source: str | None = None) -> object:
    """``data``, unless it looks like another kind of record: then one line saying which."""
    wrong = looks_like(data, expected)
    if wrong is not None:
        raise ValidationError([wrong], source)
    return data


def claim_checks(record: Mapping[str, Any]) -> list[Problem]:
    """A claim record's checks beyond its fields: its references, and a packaged policy id."""
    return claim_reference_problems(record) + _policy_name_problems(record.get("policy"))


def checked_claim(claim: Claim, source: str | None = None) -> Claim:
    """The claim, or a ValidationError when it names a policy id that is not packaged."""
    problems = _policy_name_problems(claim.policy)
    if problems:
        raise ValidationError(problems, source)
    return claim


def _policy_name_problems(name: object, where: str = "policy") -> list[Problem]:
    """An unknown packaged policy id (a name with no file suffix), with the closest id."""
    if not isinstance(name, str) or Path(name).suffix or name in packaged_policies():
        return []
    return [Problem(where, _POLICIES.unknown(name))]


def with_policy_from(claim: Claim, folder: Path) -> Claim:
    """The claim with a relative policy path made relative to ``folder``."""
    if claim.policy is None or not Path(claim.policy).suffix or Path(claim.policy).is_absolute():
        return claim
    return attrs.evolve(claim, policy=str(folder / claim.policy))
