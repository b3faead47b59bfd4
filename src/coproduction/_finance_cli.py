"""The finance side of the command line: reconciliation, exports, totals, budgets, policies.

Kept apart from ``cli.py`` so the money commands read as one room; ``cli.py``
adds these options to its parsers and calls these functions.
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from coproduction.errors import Problem, ValidationError
from coproduction.loading import load_project
from coproduction.rewards import Budget, Claim, Policy, PolicyNotInForceError, reconcile

__all__ = ["add_budget_parser", "add_pay_options", "budget_command", "reconcile_command"]

EXIT_OK = 0
EXIT_DIFFERS = 1
EXIT_INVALID = 2


def add_pay_options(pay: argparse.ArgumentParser) -> None:
    """The finance options of ``coproduction pay``."""
    pay.add_argument(
        "--project",
        metavar="PROJECT",
        help="reconcile: compare the project record's payments with what the policy gives "
        "for its recorded attendance (with --check: exit 1 when any entry is flagged)",
    )


def _report(lines: list[str]) -> None:
    for line in lines:
        print(line, file=sys.stderr)


def reconcile_command(
    args: argparse.Namespace, claims: list[Claim], policies: dict[str, Policy]
) -> int:
    """``pay --project PROJECT CLAIMS...``: print the reconciliation."""
    try:
        project = load_project(args.project)
        chosen = {p.id: p for p in policies.values()}
        if len(chosen) > 1:
            raise ValidationError(
                [
                    Problem(
                        "--project",
                        f"reconciles claims under one policy; these name {', '.join(chosen)}: "
                        "give --policy",
                    )
                ]
            )
        if not chosen:
            raise ValidationError([Problem("--project", "no claims given to reconcile")])
        result = reconcile(project, claims, next(iter(chosen.values())))
    except ValidationError as error:
        _report(error.lines())
        return EXIT_INVALID
    except PolicyNotInForceError as error:
        _report([str(error)])
        return EXIT_INVALID
    if args.json:
        print(json.dumps(result.to_dict(), indent=2, ensure_ascii=False))
    else:
        print(result.table())
    if args.check and result.flagged:
        return EXIT_DIFFERS
    return EXIT_OK


def add_budget_parser(commands: Any) -> None:
    """The ``coproduction budget`` command's arguments."""
    budget = commands.add_parser(
        "budget",
        help="a financial year's budget by category: committed, paid, remaining",
        description="Show a year's budget per category and in total, with claims given "
        "counted as committed, and warn of any overspend.",
    )
    budget.add_argument("budget", metavar="BUDGET", help="a budget file (.toml or .json)")
    budget.add_argument(
        "claims",
        nargs="*",
        metavar="CLAIM",
        help="claims to count as committed (.toml, .json, .csv)",
    )
    budget.add_argument(
        "--policy",
        metavar="ID_OR_PATH",
        help="a packaged policy id or a policy file (default: each claim's 'policy')",
    )
    budget.add_argument("--json", action="store_true", help="print JSON")


def budget_command(args: argparse.Namespace, budget: Budget) -> int:
    """Print a budget (claims already committed to it)."""
    if args.json:
        print(json.dumps(budget.status().to_dict(), indent=2, ensure_ascii=False))
    else:
        print(budget.table())
    return EXIT_OK
