"""The ``coproduction`` command (also ``python -m coproduction``).

The exit codes (also in ``coproduction --help``): 0 done; 1 only a verdict the
user asked for (``pay --check`` found differences, ``wtfc --advance`` or
``--next-cycle`` blocked, ``charter --fail-on`` found such an
item); 2 invalid input or usage (every problem goes to standard error, one per
line with where it is, and nothing else is printed for that input); 3 an
internal error: one line saying it is a bug in the package and what was being
done, with the traceback only under ``--debug`` or ``COPRODUCTION_DEBUG=1``.
Bad input never shows a traceback.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import attrs

from coproduction import __version__
from coproduction.errors import CoproductionError, Problem, ValidationError

# Each command imports what it uses when it runs (the per-file PLC0415 ignore), so
# `--help` and a single command do not load every other command's modules.
if TYPE_CHECKING:
    from decimal import Decimal
    from importlib.resources.abc import Traversable

    from coproduction import measures, wtfc
    from coproduction.ladder import LadderAssessment
    from coproduction.periods import Period
    from coproduction.project import Project
    from coproduction.rewards import Calculation, Claim, Policy

__all__ = ["main"]

EXIT_OK = 0
# pay --check: a claim differs; wtfc --advance: the cycle is blocked; charter --fail-on: an item
EXIT_DIFFERS = 1
EXIT_INVALID = 2
EXIT_INTERNAL = 3

_EXIT_CODES = """exit codes:
  0  done
  1  only a verdict you asked for: pay --check found a claim that differs, was not
     checked (nothing claimed by hand) or is a possible duplicate; pay --project
     --check found a flagged entry; pay --skip-invalid left a claim out; wtfc
     --advance or --next-cycle is blocked; charter --fail-on found such an item
  2  invalid input or usage: every problem is listed on standard error, with where it is
  3  an internal error, a bug in coproduction: give --debug (or set
     COPRODUCTION_DEBUG=1) to see the traceback, and please report it
"""

# What each command is doing, for the one line an internal error prints.
_DOING = {
    "ladder": "placing projects on the ladder",
    "pay": "working out claims",
    "budget": "working out a budget",
    "wtfc": "reading or moving on a Working Together for Change cycle",
    "measures": "measuring engagement",
    "charter": "checking projects against a charter",
    "report": "writing the board report",
    "examples": "writing the example files",
    "schema": "printing a JSON Schema",
    "plan": "listing a forward plan",
    "policies": "listing or showing reward policies",
}


def _parser() -> argparse.ArgumentParser:
    from coproduction import _finance_cli

    parser = argparse.ArgumentParser(
        prog="coproduction",
        description="Check how councils involve people with lived experience.",
        epilog=_EXIT_CODES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"coproduction {__version__}")
    parser.add_argument(
        "--debug",
        action="store_true",
        help="show the traceback of an internal error (also COPRODUCTION_DEBUG=1; may be "
        "given after the command too)",
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    ladder = commands.add_parser(
        "ladder",
        help="place projects on the ladder of co-production",
        description="Place each project on the ladder of co-production from its evidence.",
    )
    ladder.add_argument("files", nargs="+", metavar="FILE", help="project records (.toml or .json)")
    ladder.add_argument(
        "--as-of", metavar="DATE", help="read the evidence known on this date (default today)"
    )
    ladder.add_argument(
        "--cycle",
        action="append",
        default=[],
        metavar="CYCLE",
        help="a WTfC cycle whose 'project' names one of the FILEs: its work counts (repeatable)",
    )
    output = ladder.add_mutually_exclusive_group()
    output.add_argument(
        "--json", action="store_true", help="print a JSON list, one object per valid project"
    )
    output.add_argument(
        "--explain", action="store_true", help="print every criterion with its reason"
    )
    pay = commands.add_parser(
        "pay",
        help="work out what claims are owed under a reward and recognition policy",
        description="Work out each claim line by line, with the rule behind each line.",
    )
    pay.add_argument("files", nargs="+", metavar="CLAIM", help="claims (.toml, .json or .csv)")
    pay.add_argument(
        "--policy",
        metavar="ID_OR_PATH",
        help="a packaged policy id or a policy file (default: each claim's 'policy')",
    )
    pay.add_argument("--json", action="store_true", help="print a JSON list, one object per claim")
    pay.add_argument(
        "--check",
        action="store_true",
        help="compare with the amounts claimed by hand; exit 1 when any differ, were not "
        "checked (nothing claimed by hand) or may be duplicates",
    )
    _finance_cli.add_pay_options(pay)
    _finance_cli.add_commands(commands)
    cycle = commands.add_parser(
        "wtfc",
        help="see where a Working Together for Change cycle stands, or move it on",
        description="Show a cycle's step, blockers, theme ranking and actions; or advance it.",
    )
    cycle.add_argument("file", metavar="FILE", help="a cycle record (.toml or .json)")
    cycle.add_argument("--json", action="store_true", help="print JSON")
    cycle.add_argument(
        "--advance", action="store_true", help="move the cycle one step on (needs --on and --out)"
    )
    cycle.add_argument("--on", metavar="DATE", help="the date of the step change (YYYY-MM-DD)")
    cycle.add_argument(
        "--next-cycle",
        action="store_true",
        help="start the next cycle from a reviewed one (needs --on and --out)",
    )
    cycle.add_argument("--id", metavar="NEW_ID", help="the next cycle's id (with --next-cycle)")
    cycle.add_argument(
        "--out", metavar="NEWFILE", help="where to write the new record (.json or .toml)"
    )
    cycle.add_argument("--force", action="store_true", help="replace --out if it exists")
    cycle.add_argument(
        "--as-of", metavar="DATE", help="the date for overdue actions (default: today)"
    )
    measures = commands.add_parser(
        "measures",
        help="the annual report on engagement: reach, representativeness, you said we did",
        description="Measure engagement across projects for a period, safe to publish.",
    )
    measures.add_argument(
        "paths", nargs="+", metavar="PATH", help="project records, or folders of them"
    )
    measures.add_argument(
        "--period",
        required=True,
        metavar="START:END",
        help="e.g. 2022-04-01:2023-03-31, or a year such as 2022 for "
        "the financial year April 2022 to March 2023",
    )
    measures.add_argument(
        "--population", metavar="FILE", help="reference population CSV (field,group,share,source)"
    )
    measures.add_argument(
        "--register",
        action="append",
        default=[],
        metavar="FILE",
        help="a standing group's register (repeatable)",
    )
    measures.add_argument(
        "--min-count", type=int, default=5, metavar="N", help="suppress counts below N (default 5)"
    )
    measures.add_argument(
        "--threshold",
        default="0.8",
        metavar="RATIO",
        help="flag groups whose share is under RATIO times the population's",
    )
    measures.add_argument(
        "--skip-invalid",
        action="store_true",
        help="measure the valid projects when some are invalid, and say which",
    )
    _measures_output_options(measures)
    charter = commands.add_parser(
        "charter",
        help="check projects against a charter, with crosswalks to other frameworks",
        description="Check each project against a charter's commitments, item by item.",
    )
    charter.add_argument("projects", nargs="*", metavar="PROJECT", help="project records")
    charter.add_argument(
        "--charter", metavar="ID_OR_PATH", help="a packaged charter id, or a charter file"
    )
    charter.add_argument(
        "--crosswalk",
        metavar="ID_OR_PATH",
        help="also read the evidence against another charter or framework",
    )
    charter.add_argument("--as-of", metavar="DATE", help="evidence up to this date (default today)")
    charter.add_argument(
        "--population",
        metavar="FILE",
        help="reference population CSV, for the lesser-heard-voices check",
    )
    charter.add_argument("--json", action="store_true", help="print a JSON list")
    charter.add_argument("--list", action="store_true", help="list the packaged charters")
    _charter_inputs(charter)
    charter.add_argument(
        "--fail-on",
        choices=("not-met", "partly-met"),
        metavar="STATUS",
        help="exit 1 when an item is not met (not-met), or not fully met (partly-met); "
        "without it the report exits 0",
    )
    _report_parser(commands)
    _tool_parsers(commands)
    return parser


def _forward_plan(path: str) -> Any:
    from coproduction.plan import load_forward_plan

    return load_forward_plan(_source(path))


def _charter_inputs(charter: Any) -> None:
    """The charter command's optional inputs: claims and a policy, forward plans."""
    from coproduction import _finance_cli

    _finance_cli.add_charter_options(charter)
    _plan_option(charter)


def _plan_option(parser: Any) -> None:
    parser.add_argument(
        "--plan",
        action="append",
        default=[],
        metavar="FILE",
        help="a published forward plan: also check that activities were on it ahead (repeatable)",
    )


def _survey_option(parser: Any) -> None:
    parser.add_argument(
        "--survey",
        action="append",
        default=[],
        metavar="FILE",
        help="survey results (.toml or .json), counted in the period they end in (repeatable)",
    )
    parser.add_argument(
        "--figures",
        action="append",
        default=[],
        metavar="FILE",
        help="annual figures: complaints, compliments, platform use (this year's and the "
        "year before's, for the comparison; repeatable)",
    )


def _measures_output_options(measures: Any) -> None:
    _survey_option(measures)
    measures.add_argument("--json", action="store_true", help="print JSON instead of Markdown")
    measures.add_argument(
        "--portfolio",
        action="store_true",
        help="print the activities by Southwark's types of co-production (JSON) instead",
    )


def _plan_parser(commands: Any) -> None:
    plan = commands.add_parser(
        "plan",
        help="list the opportunities on a forward plan of engagement",
        description="List a forward plan's opportunities from a date, soonest first.",
    )
    plan.add_argument("file", metavar="FILE", help="a forward plan (.toml or .json)")
    plan.add_argument("--as-of", metavar="DATE", help="list from this date (default: today)")
    plan.add_argument("--json", action="store_true", help="print JSON")


def _tool_parsers(commands: Any) -> None:
    schema = commands.add_parser(
        "schema",
        help="print the JSON Schema of a record (project, claim, cycle, ...)",
        description="Print the JSON Schema (draft 2020-12) of a record, for editors and "
        "other systems to check files against.",
    )
    schema.add_argument("name", nargs="?", metavar="NAME", help="e.g. project (see --list)")
    schema.add_argument("--list", action="store_true", help="list the schemas")
    schema.add_argument("--json", action="store_true", help="with --list: a JSON list")
    examples = commands.add_parser(
        "examples",
        help="write the example files (projects, claims, cycles, measures) into a folder",
        description="Write the package's example files into FOLDER, to try the commands on.",
    )
    examples.add_argument("folder", metavar="FOLDER", help="where to write them (made if new)")
    examples.add_argument("--force", action="store_true", help="replace files already there")
    _plan_parser(commands)


def _report_parser(commands: Any) -> None:
    report = commands.add_parser(
        "report",
        help="write the board report: one accessible, self-contained HTML page",
        description="Write the year's engagement, each project's ladder and the charter "
        "summary as one HTML page for a board paper (small numbers suppressed).",
    )
    report.add_argument("paths", nargs="+", metavar="PATH", help="project records, or folders")
    report.add_argument(
        "--period", required=True, metavar="START:END", help="e.g. 2022 for April 2022-March 2023"
    )
    report.add_argument("--charter", metavar="ID_OR_PATH", help="also check against a charter")
    report.add_argument(
        "--population", metavar="FILE", help="reference population CSV (field,group,share,source)"
    )
    report.add_argument(
        "--register",
        action="append",
        default=[],
        metavar="FILE",
        help="a standing group's register (repeatable)",
    )
    _survey_option(report)
    _plan_option(report)
    report.add_argument(
        "--min-count", type=int, default=5, metavar="N", help="suppress counts below N (default 5)"
    )
    report.add_argument(
        "--threshold",
        default="0.8",
        metavar="RATIO",
        help="flag groups under RATIO times their population share",
    )
    report.add_argument("--title", help="the report's title (default: from the period)")
    report.add_argument("--out", required=True, metavar="FILE.html", help="where to write it")
    report.add_argument("--force", action="store_true", help="replace --out if it exists")


def _summary(result: LadderAssessment) -> str:
    if result.rung is None:
        placed = "not on the ladder: nobody with lived experience took part"
    else:
        placed = f"{result.rung.title} (rung {int(result.rung)} of 7, {result.rung.band.value})"
    lines = [f"{result.project}: {placed}"]
    lines += [f"  warning: {w}" for w in result.warnings]
    if result.planned:
        lines.append(f"  planned: {result.planned_note}")
    if result.next_rung is not None:
        lines.append(f"  to reach {result.next_rung.title}:")
        lines += [f"    - {gap.requirement}" for gap in result.gaps]
    stages = ", ".join(
        f"{s.stage.value} {s.rung.label}" for s in result.stages if s.rung is not None
    )
    lines.append(f"  by stage: {stages or 'none'}")
    return "\n".join(lines)


def _ladder(args: argparse.Namespace) -> int:
    from coproduction.ladder import assess_ladder
    from coproduction.loading import load_project

    try:
        as_of = _date_option("--as-of", args.as_of) or datetime.date.today()
    except ValidationError as error:
        _report(error.lines())
        return EXIT_INVALID
    status = EXIT_OK
    if args.cycle:  # the cycle modules load only when a cycle is given
        from coproduction.wtfc import load_cycle, with_cycle
    cycles = []
    for file in args.cycle:
        try:
            cycles.append(load_cycle(file))
        except ValidationError as error:
            status = EXIT_INVALID
            _report(error.lines())
    results = []
    files, empty = _record_files(args.files)
    _report(empty)
    status = EXIT_INVALID if empty else status
    for file in files:
        try:
            project = load_project(_source(file))
            for cycle in cycles:
                if cycle.project == project.id:
                    project = with_cycle(project, cycle)
            results.append(assess_ladder(project, as_of))
        except ValidationError as error:
            status = EXIT_INVALID
            for line in error.lines():
                print(line, file=sys.stderr)
    if args.json:
        print(json.dumps([r.to_dict() for r in results], indent=2, ensure_ascii=False))
    else:
        blocks = [r.explain() if args.explain else _summary(r) for r in results]
        if blocks:
            print("\n\n".join(blocks))
    return status


def _report(lines: list[str]) -> None:
    for line in lines:
        print(line, file=sys.stderr)


def _pay_inputs(args: argparse.Namespace) -> tuple[list[Claim], dict[str, Policy], list[Problem]]:
    """The claims, each claim's policy, and (``--skip-invalid``) what was left out."""
    return _claims_and_policies(args.files, args.policy, skip_invalid=args.skip_invalid)


def _claims_and_policies(
    files: list[str], chosen: str | None, *, skip_invalid: bool = False
) -> tuple[list[Claim], dict[str, Policy], list[Problem]]:
    """The claims in ``files``, each claim's policy, and (``skip_invalid``) what was left out.

    Every problem at once: each file's, then each loaded claim's against its policy
    (a date with no version in force, a kind it does not pay), placed at its file and row.
    """
    from coproduction.rewards.claims import policy_problems
    from coproduction.rewards.gathering import load_placed_claims
    from coproduction.rewards.loading import load_policy

    problems: list[str] = []
    if chosen:  # check the policy too, so both kinds of problem show at once
        try:
            load_policy(chosen)
        except ValidationError as error:
            problems += error.lines()
    policy_is_bad = bool(problems)
    claims, wrong, places = load_placed_claims(*files, skip_invalid=skip_invalid)
    skipped = wrong if skip_invalid else []
    problems += [] if skip_invalid else [str(p) for p in wrong]
    policies: dict[str, Policy] = {}
    if not policy_is_bad:
        policies, unknown = _policies_gathered(claims, chosen)
        problems += unknown
    kept = []
    for claim, place in zip(claims, places, strict=True):
        policy = policies.get(claim.id)
        found = [] if policy is None else policy_problems(claim, policy)
        found = [place.locate(p) for p in found]
        if found and skip_invalid:
            skipped += [*found, Problem(f"{place.source}: claim {claim.id}", "left out")]
            continue
        problems += [str(p) for p in found]
        kept.append(claim)
    if problems:
        raise ValidationError([Problem("", line) for line in dict.fromkeys(problems)])
    return kept, policies, skipped


def _pay(args: argparse.Namespace) -> int:
    from coproduction import _finance_cli
    from coproduction.rewards import CheckStatus, check_status

    try:
        claims, policies, skipped = _pay_inputs(args)
    except ValidationError as error:
        _report(error.lines())
        return EXIT_INVALID
    _report([str(p) for p in skipped])
    if args.project:
        status = _finance_cli.reconcile_command(args, claims, policies)
        return EXIT_DIFFERS if skipped and status == EXIT_OK else status
    calculations, failed = _calculate_each(claims, policies)
    if args.csv or args.xlsx:
        written = _finance_cli.write_pay_files(
            args, claims, calculations, failed=failed and not args.skip_invalid
        )
        if written is not None:
            return written
    if args.totals:
        _finance_cli.totals_command(args, claims, calculations)
    elif args.json:
        print(json.dumps([c.to_dict() for c in calculations], indent=2, ensure_ascii=False))
    elif calculations:
        _print_pay(calculations, check=args.check)
    if failed and not args.skip_invalid:
        return EXIT_INVALID
    if args.check and any(check_status(c) is not CheckStatus.AGREES for c in calculations):
        return EXIT_DIFFERS
    # --skip-invalid left something out: a verdict the user asked for, not a failure
    return EXIT_DIFFERS if skipped or failed else EXIT_OK


def _print_pay(calculations: list[Calculation], *, check: bool) -> None:
    print("\n\n".join(_pay_text(calc, check=check) for calc in calculations))
    if check:
        print("\n" + _check_summary(calculations))


def _check_summary(calculations: list[Calculation]) -> str:
    from collections import Counter

    from coproduction.rewards import CheckStatus, check_status

    counts = Counter(check_status(c) for c in calculations)
    duplicated = sum(1 for c in calculations if c.duplicates)
    text = (
        f"Checked {len(calculations)} claim{'s' if len(calculations) != 1 else ''}: "
        f"{counts[CheckStatus.AGREES]} agreed, {counts[CheckStatus.DIFFERS]} differ, "
        f"{counts[CheckStatus.NOT_CHECKED]} not checked"
    )
    if duplicated:
        text += f"; {duplicated} with a possible duplicate"
    return text


def _budget(args: argparse.Namespace) -> int:
    from coproduction import _finance_cli
    from coproduction.rewards import load_budget

    try:
        budget = load_budget(args.budget)
        claims, policies, _ = _claims_and_policies(args.claims, args.policy)
    except ValidationError as error:
        _report(error.lines())
        return EXIT_INVALID
    calculations, failed = _calculate_each(claims, policies)
    if failed:
        return EXIT_INVALID
    return _finance_cli.budget_command(args, budget.commit(calculations))


def _calculate_each(
    claims: list[Claim], policies: dict[str, Policy]
) -> tuple[list[Calculation], bool]:
    """Each claim's calculation, the same person's earlier claims counting; and any failure."""
    from coproduction.rewards import PolicyNotInForceError, calculate, flag_duplicates

    calculations: list[Calculation] = []
    failed = False
    for claim in claims:
        policy = policies[claim.id]
        earlier = [c for c in calculations if c.policy == policy.id]
        try:
            calculations.append(calculate(claim, policy, earlier=earlier))
        except ValidationError as error:
            _report(error.lines())
            failed = True
        except PolicyNotInForceError as error:
            _report([f"claim {claim.id}: {error}"])
            failed = True
    return flag_duplicates(calculations), failed


def _pay_text(calc: Calculation, *, check: bool) -> str:
    from coproduction.rewards import CheckStatus, check_status

    text = [
        f"Claim {calc.claim} ({calc.participant}) under {calc.policy} "
        f"{', '.join(calc.policy_versions)}",
        calc.table(),
    ]
    text += [f"  warning: {w}" for w in calc.warnings]
    text += [f"  duplicate: {d}" for d in calc.duplicates]
    if check:
        status = check_status(calc)
        if status is CheckStatus.NOT_CHECKED:
            text.append("  not checked: nothing was claimed by hand")
        elif status is CheckStatus.AGREES:
            text.append("  agrees with the claim")
        else:
            text += [f"  differs: {d}" for d in calc.differences]
    return "\n".join(text)


def _policies_gathered(
    claims: list[Claim], chosen: str | None
) -> tuple[dict[str, Policy], list[str]]:
    """The policy of each claim that has one, and each problem once (a bad policy once)."""
    from coproduction.rewards import load_policy

    loaded: dict[str, Policy | None] = {}
    problems: list[str] = []
    result = {}
    for claim in claims:
        name = chosen or claim.policy
        if name is None:
            problems.append(f"claim {claim.id}: names no policy: give --policy ID_OR_PATH")
            continue
        if name not in loaded:
            try:
                loaded[name] = load_policy(name)
            except ValidationError as error:
                loaded[name] = None
                problems += error.lines()
        policy = loaded[name]
        if policy is not None:
            result[claim.id] = policy
    return result, problems


def _date_option(name: str, value: str | None) -> datetime.date | None:
    if value is None:
        return None
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        raise ValidationError([Problem(name, f"not a date: {value!r} (use YYYY-MM-DD)")]) from None


def _wtfc(args: argparse.Namespace) -> int:
    from coproduction import wtfc

    try:
        record = wtfc.load_cycle(_source(args.file))
        on = _date_option("--on", args.on)
        as_of = _date_option("--as-of", args.as_of) or datetime.date.today()
        _check_wtfc_options(args)
    except ValidationError as error:
        _report(error.lines())
        return EXIT_INVALID
    if args.next_cycle and on is not None:
        return _next_cycle(args, record, on)
    if args.advance and on is not None:
        return _advance(args, record, on)
    blocked = wtfc.blockers(record)
    cautions = wtfc.warnings(record)
    ranks = wtfc.rank_themes(record)
    progress = wtfc.progress(record, as_of)
    following = record.step.next
    if args.json:
        summary = _head("cycle-status") | {
            "cycle": record.id,
            "title": record.title,
            "step": record.step.value,
            "next": following.value if following else None,
            "blockers": [str(b) for b in blocked],
            "warnings": list(cautions),
            "themes": [r.to_dict() for r in ranks],
            "actions": progress.to_dict(),
        }
        print(json.dumps(summary, indent=2, ensure_ascii=False))
        return EXIT_OK
    lines = [
        f"{record.id}: {record.title}",
        f"  step {record.step.number} of 8: {record.step.value}; next: "
        + (following.value if following else "none (start the next cycle)"),
    ]
    lines += [f"  blocked: {b}" for b in blocked] or ["  ready to move on"]
    lines += [f"  warning: {w}" for w in cautions]
    for rank in ranks:
        counts = ", ".join(f"{n} {c.value}" for c, n in rank.by_category if n)
        noun = "statement" if rank.statements == 1 else "statements"
        lines.append(
            f"  {rank.rank}. {rank.title}: {rank.statements} {noun}"
            + (f" ({counts})" if counts else "")
            + (" (priority)" if rank.priority else "")
        )
    if record.actions:
        statuses = ", ".join(f"{n} {s}" for s, n in progress.by_status)
        overdue = ", ".join(progress.overdue) or "none"
        lines.append(f"  actions: {progress.total} ({statuses}); overdue: {overdue}")
    print("\n".join(lines))
    return EXIT_OK


def _check_wtfc_options(args: argparse.Namespace) -> None:
    """Every option that does nothing in the chosen mode is an error, listed together."""
    problems = []
    changing = args.advance or args.next_cycle
    if args.advance and args.next_cycle:
        problems.append(Problem("--next-cycle", "give --advance or --next-cycle, not both"))
    if changing and (args.on is None or not args.out):
        mode = "--advance" if args.advance else "--next-cycle"
        problems.append(Problem(mode, "needs --on DATE and --out NEWFILE"))
    for option, value in (("--on", args.on), ("--out", args.out), ("--force", args.force)):
        if value and not changing:
            problems.append(Problem(option, "only with --advance or --next-cycle"))
    if args.id and not args.next_cycle:
        problems.append(Problem("--id", "only with --next-cycle"))
    if args.as_of and changing:
        problems.append(Problem("--as-of", "not with --advance or --next-cycle"))
    if args.out and Path(args.out).suffix.lower() not in (".json", ".toml"):
        problems.append(Problem("--out", "the new record is written as .json or .toml"))
    if problems:
        raise ValidationError(problems)


def _advance(args: argparse.Namespace, record: wtfc.Cycle, on: datetime.date) -> int:
    from coproduction import wtfc

    try:
        moved = wtfc.advance(record, on=on)
        wtfc.dump_cycle(moved, args.out, force=args.force)
    except wtfc.StepBlocked as stopped:
        _report(
            [f"{args.file}: cannot move on from {record.step.value}:"]
            + [f"  {b}" for b in stopped.blockers]
        )
        return EXIT_DIFFERS
    except ValidationError as error:
        _report(error.lines())
        return EXIT_INVALID
    if args.json:
        moved_to = {"cycle": record.id, "from": record.step.value, "to": moved.step.value}
        _print_json(
            _head("cycle-advanced") | moved_to | {"on": on.isoformat(), "written_to": args.out}
        )
    else:
        print(
            f"{record.id}: moved from {record.step.value} to {moved.step.value} on "
            f"{on.isoformat()}; written to {args.out}"
        )
    return EXIT_OK


def _next_id(old: str, on: datetime.date) -> str:
    """The next cycle's id: a trailing year moved on to the new start's, else ``-YEAR`` added."""
    stem, _, year = old.rpartition("-")
    if stem and year.isascii() and year.isdigit() and len(year) == 4:
        return f"{stem}-{on.year}" if int(year) < on.year else f"{stem}-{int(year) + 1}"
    return f"{old}-{on.year}"


def _next_cycle(args: argparse.Namespace, record: wtfc.Cycle, on: datetime.date) -> int:
    from coproduction import wtfc

    new_id = args.id or _next_id(record.id, on)
    try:
        following = wtfc.next_cycle(record, new_id, on)
        wtfc.dump_cycle(following, args.out, force=args.force)
    except wtfc.StepBlocked as stopped:
        _report(
            [f"{args.file}: cannot start the next cycle from {record.step.value}:"]
            + [f"  {b}" for b in stopped.blockers]
        )
        return EXIT_DIFFERS
    except ValidationError as error:
        _report(error.lines())
        return EXIT_INVALID
    carried = len(following.actions)
    if args.json:
        started = _head("cycle-started") | {"cycle": new_id, "from": record.id}
        started["on"] = on.isoformat()
        _print_json(started | {"actions_carried": carried, "written_to": args.out})
    else:
        noun = "action" if carried == 1 else "actions"
        print(
            f"{new_id}: started on {on.isoformat()} from {record.id}, {carried} unfinished "
            f"{noun} carried forward; written to {args.out}"
        )
    return EXIT_OK


def _head(kind: str) -> dict[str, Any]:
    """The opening of a JSON document the command line makes itself (see ``to_dict``)."""
    from coproduction._convert import SCHEMA_VERSION

    return {"kind": kind, "schema_version": SCHEMA_VERSION}


def _print_json(data: object) -> None:
    print(json.dumps(data, indent=2, ensure_ascii=False))


def _source(argument: str) -> str | dict[str, Any]:
    """A file argument, or for ``-`` the record read from standard input (TOML or JSON)."""
    from coproduction.loading import STDIN, STDIN_NAME, read_stdin, read_text

    if argument != STDIN:
        return argument
    text, suffix = read_stdin()
    if suffix == ".csv":
        message = "expected one record as TOML or JSON (CSV is read for claims and populations)"
        raise ValidationError([Problem("", message)], STDIN_NAME)
    data = read_text(text, suffix, STDIN_NAME)
    if not isinstance(data, dict):
        raise ValidationError([Problem("", "expected one record (a table or object)")], STDIN_NAME)
    return data


def _record_files(paths: Sequence[str]) -> tuple[list[str], list[str]]:
    """The record files given: each folder replaced by its .toml/.json files in name order.

    The second list says which folders hold no record at all, one line each.
    """
    from coproduction.loading import STDIN, expand_sources

    files: list[str] = []
    empty: list[str] = []
    for path in paths:
        if path == STDIN or not Path(path).is_dir():
            files.append(path)
            continue
        found = [str(f) for f in expand_sources([path])]
        files += found
        if not found:
            empty.append(f"no records found in {path} (a folder with no .toml or .json files)")
    return files, empty


def _population(argument: str | None) -> measures.Population | None:
    """``--population``: a CSV file, or ``-`` for CSV text on standard input."""
    from coproduction import measures
    from coproduction.loading import STDIN, STDIN_NAME, read_stdin

    if argument is None:
        return None
    if argument != STDIN:
        return measures.load_population(argument)
    return measures.parse_population_csv(read_stdin()[0], STDIN_NAME)


def _stdin_problems(args: argparse.Namespace) -> list[Problem]:
    """Standard input can be read once: ``-`` may stand for one input only."""
    given = [
        name
        for name, value in vars(args).items()
        for item in (value if isinstance(value, list) else [value])
        if item == "-"
    ]
    if len(given) < 2:
        return []
    names = ", ".join(
        n.upper().removesuffix("S") if n in _POSITIONAL else "--" + n.replace("_", "-")
        for n in given
    )
    message = f"standard input can be read once, but - is given {len(given)} times ({names})"
    return [Problem("-", message)]


_POSITIONAL = frozenset({"files", "paths", "projects", "file"})


def _period_option(text: str) -> Period:
    from coproduction.periods import Period

    if text.isascii() and text.isdigit() and len(text) == 4:
        return Period.financial_year(int(text))
    start, _, end = text.partition(":")
    first = _date_option("--period", start)
    last = _date_option("--period", end) if end else None
    if first is None or last is None:
        raise ValidationError([Problem("--period", "give START:END, e.g. 2022-04-01:2023-03-31")])
    if last < first:
        raise ValidationError([Problem("--period", "end before start")])
    return Period(first, last)


@attrs.frozen
class _MeasureInputs:
    period: Period
    threshold: Decimal
    population: measures.Population | None
    registers: list[measures.Register]
    projects: list[Project]
    surveys: list[measures.SurveyResults]
    figures: list[measures.AnnualFigures]
    skipped: list[str]


def _measure_inputs(args: argparse.Namespace) -> _MeasureInputs:
    """The inputs shared by ``measures`` and ``report``; raises ValidationError."""
    from decimal import Decimal, InvalidOperation

    from coproduction import measures
    from coproduction.loading import load_project

    skipped: list[str] = []
    period = _period_option(args.period)
    if args.min_count < 1:
        raise ValidationError([Problem("--min-count", "must be 1 or more")])
    try:
        threshold = Decimal(args.threshold)
    except InvalidOperation:
        raise ValidationError(
            [Problem("--threshold", f"not a number: {args.threshold!r}")]
        ) from None
    population = _population(args.population)
    registers = [measures.load_register(_source(path)) for path in args.register]
    surveys = [measures.load_survey_results(_source(path)) for path in args.survey]
    figures = [measures.load_annual_figures(_source(path)) for path in args.figures]
    projects = []
    files, problems = _record_files(args.paths)
    for path in files:
        try:
            projects.append(load_project(_source(path)))
        except ValidationError as error:
            if not getattr(args, "skip_invalid", False):
                problems += error.lines()  # every invalid file's problems, then stop
                continue
            _report(error.lines())
            skipped.append("<stdin>" if path == "-" else path)
    if problems:
        raise ValidationError([Problem("", line) for line in problems])
    return _MeasureInputs(
        period, threshold, population, registers, projects, surveys, figures, skipped
    )


def _measures(args: argparse.Namespace) -> int:
    from coproduction import measures
    from coproduction.measures.portfolio import portfolio

    try:
        inputs = _measure_inputs(args)
    except ValidationError as error:
        _report(error.lines())
        return EXIT_INVALID
    period, threshold, skipped = inputs.period, inputs.threshold, inputs.skipped
    projects, population, registers = inputs.projects, inputs.population, inputs.registers
    if args.portfolio:
        mix = portfolio(projects, period).to_dict() | {"skipped": skipped}
        print(json.dumps(mix, indent=2, ensure_ascii=False))
        return EXIT_OK
    report = measures.annual_report(
        projects,
        period,
        population=population,
        registers=registers,
        surveys=inputs.surveys,
        figures=inputs.figures,
        threshold=threshold,
    )
    if args.json:
        data = report.to_dict(args.min_count) | {"skipped": skipped}
        print(json.dumps(data, indent=2, ensure_ascii=False))
    else:
        text = report.to_markdown(args.min_count)
        if skipped:
            text += "\nSkipped as invalid: " + ", ".join(skipped) + "\n"
        print(text, end="")
    return EXIT_OK


def _charter(args: argparse.Namespace) -> int:
    from coproduction import _finance_cli, charters
    from coproduction.loading import load_project

    if args.list:
        listed = [charters.load_charter(c) for c in charters.packaged_charters()]
        if args.json:
            _print_json(
                [
                    _head("charter-listing") | {"id": c.id, "name": c.name, "items": len(c.items)}
                    for c in listed
                ]
            )
            return EXIT_OK
        for found in listed:
            print(f"{found.id:<24} {len(found.items):>2} items  {found.name}")
        return EXIT_OK
    try:
        if not args.charter or not args.projects:
            raise ValidationError(
                [Problem("charter", "give PROJECT files and --charter ID_OR_PATH (or --list)")]
            )
        chosen = charters.load_charter(_source(args.charter))
        other = charters.load_charter(_source(args.crosswalk)) if args.crosswalk else None
        as_of = _date_option("--as-of", args.as_of) or datetime.date.today()
        population = _population(args.population)
        plans = [_forward_plan(path) for path in args.plan]
    except ValidationError as error:
        _report(error.lines())
        return EXIT_INVALID
    reports = []
    paths, empty = _record_files(args.projects)
    _report(empty)
    status = EXIT_INVALID if empty else EXIT_OK
    for path in paths:
        try:
            project = load_project(_source(path))
        except ValidationError as error:
            _report(error.lines())
            status = EXIT_INVALID
            continue
        try:
            reconciled = _finance_cli.charter_reconciliation(args, project)
        except ValidationError as error:
            _report(error.lines())
            status = EXIT_INVALID
            continue
        report = charters.check_charter(project, chosen, as_of, population, reconciled, plans=plans)
        reports.append(report)
        if other is not None:
            reports.append(report.crosswalk(other))
    if args.json:
        print(json.dumps([r.to_dict() for r in reports], indent=2, ensure_ascii=False))
    elif reports:
        print("\n\n".join(r.text() for r in reports))
    failing = {"not-met": ("not-met",), "partly-met": ("not-met", "partly-met")}
    statuses = failing.get(args.fail_on or "", ())
    failed = any(r.summary[s] for r in reports if r.charter is chosen for s in statuses)
    if status == EXIT_OK and failed:
        return EXIT_DIFFERS
    return status


def _board(args: argparse.Namespace) -> int:
    from coproduction import charters, display
    from coproduction._files import write_text_atomic

    try:
        inputs = _measure_inputs(args)
        chosen = charters.load_charter(_source(args.charter)) if args.charter else None
        if Path(args.out).suffix.lower() not in (".html", ".htm"):
            raise ValidationError([Problem("--out", "the report is written as .html")])
        board = display.board_report(
            inputs.projects,
            inputs.period,
            charter=chosen,
            population=inputs.population,
            registers=inputs.registers,
            surveys=inputs.surveys,
            figures=inputs.figures,
            plans=[_forward_plan(path) for path in args.plan],
            threshold=inputs.threshold,
            min_count=args.min_count,
            title=args.title,
        )
        write_text_atomic(args.out, display.render_board_html(board), force=args.force)
    except ValidationError as error:
        _report(error.lines())
        return EXIT_INVALID
    count = len(board.assessments)
    print(f"wrote {args.out}: {count} project{'' if count == 1 else 's'}, {inputs.period.label}")
    return EXIT_OK


def _example_files() -> list[tuple[str, Traversable]]:
    """The packaged example files, each with its path under the examples folder."""
    from importlib import resources

    found = []
    pending: list[tuple[str, Traversable]] = [("", resources.files("coproduction") / "examples")]
    while pending:
        prefix, folder = pending.pop()
        for entry in folder.iterdir():
            if entry.is_dir():
                if entry.name != "__pycache__":
                    pending.append((f"{prefix}{entry.name}/", entry))
            elif entry.name.endswith((".toml", ".json", ".csv", ".py")):
                found.append((prefix + entry.name, entry))
    return sorted(found, key=lambda pair: pair[0])


def _examples(args: argparse.Namespace) -> int:
    from coproduction._files import write_text_atomic

    target = Path(args.folder)
    files = _example_files()
    problems = []
    if not target.parent.is_dir():
        problems.append(Problem(str(target), f"no such folder: {target.parent}"))
    elif target.exists() and not target.is_dir():
        problems.append(Problem(str(target), "is a file, not a folder"))
    elif not args.force:
        problems += [
            Problem(str(target / name), "already exists: give --force to replace it")
            for name, _ in files
            if (target / name).exists()
        ]
    if problems:
        _report(ValidationError(problems).lines())
        return EXIT_INVALID
    for name, entry in files:
        (target / name).parent.mkdir(parents=True, exist_ok=True)
        write_text_atomic(target / name, entry.read_text(encoding="utf-8"), force=True)
    print(f"wrote {len(files)} example files to {target}")
    return EXIT_OK


def _plan(args: argparse.Namespace) -> int:
    from coproduction._convert import to_dict
    from coproduction.plan import load_forward_plan

    try:
        plan = load_forward_plan(args.file)
        as_of = _date_option("--as-of", args.as_of) or datetime.date.today()
    except ValidationError as error:
        _report(error.lines())
        return EXIT_INVALID
    upcoming = plan.upcoming(as_of)
    if args.json:
        rows = [to_dict(o) for o in upcoming]
        data = _head("upcoming-opportunities") | {
            "organisation": plan.organisation,
            "published": plan.published.isoformat(),
        }
        print(
            json.dumps(
                data | {"as_of": as_of.isoformat(), "opportunities": rows},
                indent=2,
                ensure_ascii=False,
            )
        )
        return EXIT_OK
    print(f"{plan.organisation}: forward plan published {plan.published.isoformat()}")
    print(f"  {len(upcoming)} of {len(plan.opportunities)} opportunities from {as_of.isoformat()}")
    for o in upcoming:
        print(f"  {o.planned.isoformat()}  {o.kind.value:<22} {o.stage.value:<10} {o.title}")
    return EXIT_OK


def _schema(args: argparse.Namespace) -> int:
    from coproduction import schemas

    names = schemas.schema_names()
    if args.list == bool(args.name):
        _report(["schema: give a NAME or --list"])
        return EXIT_INVALID
    if args.list:
        if args.json:
            _print_json([_head("schema-listing") | {"name": name} for name in names])
        else:
            print("\n".join(names))
        return EXIT_OK
    if args.name not in names:
        _report([f"schema: no schema called {args.name!r}: choose from {', '.join(names)}"])
        return EXIT_INVALID
    _print_json(schemas.schema(args.name))  # a schema is JSON whether or not --json is given
    return EXIT_OK


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code (see the module's docstring)."""
    arguments = list(sys.argv[1:] if argv is None else argv)
    debug = "--debug" in arguments or os.environ.get("COPRODUCTION_DEBUG", "") not in ("", "0")
    args = _parser().parse_args([a for a in arguments if a != "--debug"])
    from coproduction import _finance_cli

    commands = {
        "ladder": _ladder,
        "wtfc": _wtfc,
        "measures": _measures,
        "charter": _charter,
        "report": _board,
        "pay": _pay,
        "budget": _budget,
        "policies": _finance_cli.policies_command,
        "examples": _examples,
        "schema": _schema,
        "plan": _plan,
    }
    stdin_twice = _stdin_problems(args)
    if stdin_twice:
        _report(ValidationError(stdin_twice).lines())
        return EXIT_INVALID
    try:
        return commands[args.command](args)
    except BrokenPipeError:  # e.g. piped into head: stop quietly
        sys.stderr.close()
        return EXIT_OK
    except ValidationError as error:  # bad input a command did not report itself
        _report(error.lines())
        return EXIT_INVALID
    except CoproductionError as error:
        _report([f"coproduction {args.command}: {error}"])
        return EXIT_INVALID
    except Exception:  # noqa: BLE001 - the last guard: a bug, said in one line
        if debug:
            import traceback

            traceback.print_exc()
        # The error's own text is not shown: it may quote a value from the input.
        _report(
            [
                f"coproduction {args.command}: internal error while "
                f"{_DOING.get(args.command, 'running')}: this is a bug in the coproduction "
                "package, please report it"
                + ("" if debug else " (give --debug to see the details)")
            ]
        )
        return EXIT_INTERNAL
