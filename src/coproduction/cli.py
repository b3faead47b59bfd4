"""The ``coproduction`` command (also ``python -m coproduction``).

Exit codes: 0 when every input was processed, 2 when any input is invalid (its
problems go to standard error, one per line, and nothing else is printed for
it). Bad input never shows a traceback.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence

from coproduction.errors import ValidationError
from coproduction.ladder import LadderAssessment, assess_ladder
from coproduction.loading import load_project

__all__ = ["main"]

EXIT_OK = 0
EXIT_INVALID = 2


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="coproduction",
        description="Check how councils involve people with lived experience.",
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    ladder = commands.add_parser(
        "ladder",
        help="place projects on the ladder of co-production",
        description="Place each project on the ladder of co-production from its evidence.",
    )
    ladder.add_argument("files", nargs="+", metavar="FILE", help="project records (.toml or .json)")
    output = ladder.add_mutually_exclusive_group()
    output.add_argument(
        "--json", action="store_true", help="print a JSON list, one object per valid project"
    )
    output.add_argument(
        "--explain", action="store_true", help="print every criterion with its reason"
    )
    return parser


def _summary(result: LadderAssessment) -> str:
    if result.rung is None:
        placed = "not on the ladder: nobody with lived experience took part"
    else:
        placed = f"{result.rung.title} (rung {int(result.rung)} of 7, {result.rung.band.value})"
    lines = [f"{result.project}: {placed}"]
    lines += [f"  warning: {w}" for w in result.warnings]
    if result.next_rung is not None:
        lines.append(f"  to reach {result.next_rung.title}:")
        lines += [f"    - {gap.requirement}" for gap in result.gaps]
    stages = ", ".join(
        f"{s.stage.value} {s.rung.label}" for s in result.stages if s.rung is not None
    )
    lines.append(f"  by stage: {stages or 'none'}")
    return "\n".join(lines)


def _ladder(args: argparse.Namespace) -> int:
    status = EXIT_OK
    results = []
    for file in args.files:
        try:
            results.append(assess_ladder(load_project(file)))
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


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code."""
    args = _parser().parse_args(argv)
    if args.command == "ladder":
        return _ladder(args)
    return EXIT_INVALID  # pragma: no cover - argparse rejects unknown commands
