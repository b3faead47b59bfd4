"""The finance side of the command line: reconciliation, exports, totals, budgets, policies.

Kept apart from ``cli.py`` so the money commands read as one room; ``cli.py``
adds these options to its parsers and calls these functions.
"""

from __future__ import annotations

import argparse
import datetime
import json
import sys
from decimal import Decimal
from typing import TYPE_CHECKING, Any

import attrs

from coproduction.errors import MissingDependencyError, Problem, ValidationError

# The parsers here are built on every start; each command imports what it uses when it runs.
if TYPE_CHECKING:
    from coproduction.project import Project
    from coproduction.rewards import Benefit, Budget, Calculation, Claim, Policy, Reconciliation
    from coproduction.rewards.totals import PeriodTotal

__all__ = [
    "add_budget_parser",
    "add_charter_options",
    "add_commands",
    "add_pay_options",
    "add_policies_parser",
    "budget_command",
    "charter_reconciliation",
    "policies_command",
    "reconcile_command",
    "totals_command",
    "write_pay_files",
]

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
    pay.add_argument(
        "--skip-invalid",
        action="store_true",
        help="calculate the valid claims and list every claim or row left out with its "
        "problem (exit 1 when any was left out)",
    )
    pay.add_argument("--csv", metavar="FILE", help="also write every line to a CSV file")
    pay.add_argument(
        "--xlsx",
        metavar="FILE",
        help="also write a workbook: a lines sheet and a totals sheet (needs the "
        "'spreadsheets' extra)",
    )
    pay.add_argument("--force", action="store_true", help="replace --csv/--xlsx files")
    pay.add_argument(
        "--totals",
        action="store_true",
        help="print per-person totals per week, month and tax year with threshold flags",
    )


def _report(lines: list[str]) -> None:
    for line in lines:
        print(line, file=sys.stderr)


def reconcile_command(
    args: argparse.Namespace, claims: list[Claim], policies: dict[str, Policy]
) -> int:
    """``pay --project PROJECT CLAIMS...``: print the reconciliation."""
    from coproduction.loading import load_project, read_data, record_kind
    from coproduction.rewards import PolicyNotInForceError, reconcile

    try:
        unused = [o for o, given in (("--csv", args.csv), ("--xlsx", args.xlsx)) if given]
        unused += ["--totals"] if args.totals else []
        if unused:
            raise ValidationError(
                [Problem(o, "is not used with --project (a reconciliation)") for o in unused]
            )
        if record_kind(read_data(args.project), "project record") == "claim":
            message = "this looks like a claim: give it as a CLAIM argument, not --project"
            raise ValidationError([Problem("--project", message)], args.project)
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
        if args.claims:  # the same claims reconciled show a project's payments: say why not here
            print(
                "  note: the claims count as committed, not paid; paid is what the budget's own "
                "entries mark as paid (a project's recorded payments are compared with its "
                "claims by `coproduction pay --project`)"
            )
    return EXIT_OK


def _benefits(claims: list[Claim]) -> dict[str, set[Benefit]]:
    declared: dict[str, set[Benefit]] = {}
    for claim in claims:
        declared.setdefault(claim.participant.id, set()).update(claim.participant.benefits)
    return declared


def write_pay_files(
    args: argparse.Namespace,
    claims: list[Claim],
    calculations: list[Calculation],
    *,
    failed: bool = False,
) -> int | None:
    """Write ``--csv`` and ``--xlsx`` (all or none); EXIT_INVALID on a problem, else None.

    When some claims could not be calculated (``failed``) nothing is written.
    """
    from coproduction._files import target_problems, write_bytes_atomic
    from coproduction.rewards.exports import lines_csv, workbook

    wanted = [
        (o, p, s) for o, p, s in (("--csv", args.csv, ".csv"), ("--xlsx", args.xlsx, ".xlsx")) if p
    ]
    problems = [
        Problem(option, f"the file is written as {suffix}")
        for option, path, suffix in wanted
        if not path.lower().endswith(suffix)
    ]
    for option, path, _ in wanted:
        problems += target_problems(path, force=args.force, option=option)
    if failed:
        problems += [
            Problem(option, f"{path} not written: some claims could not be calculated")
            for option, path, _ in wanted
        ]
    if problems:
        _report(ValidationError(problems).lines())
        return EXIT_INVALID
    contents = []
    for option, path, _ in wanted:
        try:
            data = (
                lines_csv(calculations).encode("utf-8")
                if option == "--csv"
                else workbook(calculations, _benefits(claims))
            )
        except MissingDependencyError as error:
            _report([f"{option}: {error}"])
            return EXIT_INVALID
        contents.append((option, path, data))
    lines = sum(len(c.lines) for c in calculations)
    for option, path, data in contents:
        try:
            write_bytes_atomic(path, data, force=args.force, option=option)
        except ValidationError as error:  # changed since the check: report, keep going
            _report(error.lines())
            return EXIT_INVALID
        print(
            f"wrote {path}: {lines} line{'' if lines == 1 else 's'}",
            file=sys.stderr if args.json else sys.stdout,
        )
    return None


def _totals_text(rows: list[PeriodTotal]) -> str:
    from coproduction.money import format_pounds

    text: list[str] = []
    for row in rows:
        hours = "" if row.hours is None else f"{row.hours:.1f}"
        text.append(
            f"{row.participant:<8} {row.period_kind:<9} {row.period.label:<34} "
            f"{format_pounds(row.earnings):>10} {hours:>6}".rstrip()
        )
        text += [f"{'':<8}   ! {flag}" for flag in row.flags]
    return "\n".join(text)


def totals_command(
    args: argparse.Namespace, claims: list[Claim], calculations: list[Calculation]
) -> None:
    """``pay --totals``: print each person's income per week, month and tax year, with flags."""
    from coproduction._convert import to_dict
    from coproduction.rewards.totals import period_totals

    rows = period_totals(calculations, _benefits(claims))
    if args.json:
        print(json.dumps([to_dict(r) for r in rows], indent=2, ensure_ascii=False))
        return
    head = f"{'person':<8} {'period':<9} {'':<34} {'income':>10} {'hours':>6}"
    print(
        "\n".join(
            [
                "Reward income per person (expenses are not income; a flag is for a "
                "conversation, not advice)",
                head,
                _totals_text(rows),
            ]
        )
    )


def add_policies_parser(commands: Any) -> None:
    """The ``coproduction policies`` command's arguments."""
    policies = commands.add_parser(
        "policies",
        help="list the packaged reward and recognition policies, or show one",
        description="List the packaged policies; with an ID (or a policy file), show its "
        "versions, reward rules, rates, expense rules and citations.",
    )
    policies.add_argument("policy", nargs="?", metavar="ID_OR_PATH", help="a policy to show")
    policies.add_argument("--json", action="store_true", help="print JSON")


_LEFT_OUT = {"id", "type", "kind", "kinds", "citation", "assumptions"}


def _value(value: object) -> str:
    from coproduction.money import format_pounds

    if isinstance(value, Decimal):
        return format_pounds(value) if value == value.quantize(Decimal("0.01")) else f"£{value}"
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, tuple):
        return "; ".join(_value(v) for v in value)
    if attrs.has(type(value)):
        return _fields(value)
    return str(value)


def _fields(record: Any) -> str:
    """A rule's fields that are set (not left at their default), as ``name value`` pairs."""
    shown = []
    for field in attrs.fields(type(record)):
        value = getattr(record, field.name)
        if field.name in _LEFT_OUT or value == field.default or value in (None, (), ""):
            continue
        name = field.name.replace("_", " ")
        shown.append(name if value is True else f"{name} {_value(value)}")
    return ", ".join(shown)


def _policy_text(policy: Policy) -> str:
    lines = [
        f"{policy.id}: {policy.name}",
        f"  owner: {policy.owner}",
        f"  source: {policy.source}",
    ]
    if policy.illustrative:
        lines.append("  illustrative figures, not any body's real rates")
    if policy.ends is not None:
        lines.append(f"  ends: {policy.ends.isoformat()}")
    if policy.pay_within_days is not None:
        lines.append(f"  pays within {policy.pay_within_days} days")
    for version in policy.versions:
        review = f", review by {version.review_by.isoformat()}" if version.review_by else ""
        lines.append(
            f"  version {version.version} from {version.effective_from.isoformat()}{review}"
        )
        for rule in version.rewards:
            lines.append(f"    reward {rule.id} ({rule.type.value}) for {', '.join(rule.kinds)}")
            if _fields(rule):
                lines.append(f"      {_fields(rule)}")
            lines.append(f"      citation: {rule.citation}")
            lines += [f"      assumption: {a}" for a in rule.assumptions]
        for expense in version.expenses:
            lines.append(f"    expense {expense.kind.value}: {_fields(expense) or 'at cost'}")
            lines.append(f"      citation: {expense.citation}")
            lines += [f"      assumption: {a}" for a in expense.assumptions]
        if version.points_conversion is not None:
            lines.append(f"    points conversion: {_fields(version.points_conversion)}")
            lines.append(f"      citation: {version.points_conversion.citation}")
        lines += [f"    assumption: {a}" for a in version.assumptions]
    return "\n".join(lines)


def policies_command(args: argparse.Namespace) -> int:
    """``coproduction policies [ID_OR_PATH]``: list the packaged policies, or show one."""
    from coproduction._convert import to_dict
    from coproduction.rewards import load_policy, packaged_policies

    try:
        chosen = [load_policy(args.policy)] if args.policy else None
        shown = chosen or [load_policy(i) for i in packaged_policies()]
    except ValidationError as error:
        _report(error.lines())
        return EXIT_INVALID
    if args.json:
        data = [to_dict(p) for p in shown]
        print(json.dumps(data[0] if chosen else data, indent=2, ensure_ascii=False))
    elif chosen:
        print(_policy_text(chosen[0]))
    else:
        for policy in shown:
            first, last = policy.versions[0], policy.versions[-1]
            span = f"from {first.effective_from.isoformat()}" + (
                f" to {policy.ends.isoformat()}" if policy.ends else ""
            )
            marks = (
                " (illustrative)"
                if policy.illustrative and "illustrative" not in policy.name
                else ""
            )
            print(
                f"{policy.id:<24} {policy.name}{marks}; {len(policy.versions)} version"
                f"{'' if len(policy.versions) == 1 else 's'} {span}, latest {last.version}"
            )
    return EXIT_OK


def add_charter_options(charter: argparse.ArgumentParser) -> None:
    """The ``charter`` options that let the paid-on-time check reconcile amounts."""
    charter.add_argument(
        "--claims",
        nargs="+",
        default=[],
        metavar="CLAIM",
        help="claims to reconcile the projects' payments against (with --policy): "
        "paid-on-time then also asks whether the amounts follow the policy",
    )
    charter.add_argument("--policy", metavar="ID_OR_PATH", help="the reward policy for --claims")


def charter_reconciliation(args: argparse.Namespace, project: Project) -> Reconciliation | None:
    """The project's reconciliation for ``charter --claims ... --policy``, if asked for.

    The claims used are those naming this project, and (for a single project)
    those naming none.
    """
    from coproduction.rewards import PolicyNotInForceError, load_claims, load_policy, reconcile

    if not args.claims and not args.policy:
        return None
    if not (args.claims and args.policy):
        raise ValidationError([Problem("--claims", "give --claims CLAIM... with --policy ID")])
    policy = load_policy(args.policy)
    mine = [
        c
        for c in load_claims(*args.claims)
        if c.project == project.id or (c.project is None and len(args.projects) == 1)
    ]
    try:
        return reconcile(project, mine, policy)
    except PolicyNotInForceError as error:
        raise ValidationError([Problem("--claims", str(error))]) from None


def add_commands(commands: Any) -> None:
    """The finance subcommands of their own: ``budget`` and ``policies``."""
    add_budget_parser(commands)
    add_policies_parser(commands)
