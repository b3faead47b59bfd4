"""Fuzzing the public loaders and the command line: mutated example files, generated CSVs.

Each case takes an example file, mutates it (its structure, its types, its text,
its encoding, its size), and feeds it to the loader for its kind and then to the
functions and the subcommand that read that kind. The only outcomes allowed are
success and a :class:`~coproduction.ValidationError` (exit 0, 1 or 2 on the command
line); anything else is an *unexpected* outcome, a bug.

The suite runs a bounded, derandomised number of cases (``tests/test_fuzz.py``);
``scripts/fuzz`` runs 100,000 on request and prints the counts by outcome::

    bash scripts/fuzz            # 100,000 cases
    bash scripts/fuzz 2000 7     # 2,000 cases, seed 7
"""

from __future__ import annotations

import contextlib
import copy
import datetime
import io
import json
import random
import sys
import tempfile
import traceback
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

import coproduction as cp
from coproduction import charters, measures, wtfc
from coproduction.cli import main
from coproduction.plan import load_forward_plan
from coproduction.rewards import load_budget, parse_claims_csv

ROOT = Path(__file__).parent.parent
EXAMPLES = ROOT / "examples"
PACKAGE = ROOT / "src" / "coproduction"
ON = datetime.date(2023, 3, 31)
PERIOD = cp.Period(datetime.date(2022, 4, 1), datetime.date(2023, 3, 31))

# Values that have broken parsers and hooks before, or that sit on a rule's edge.
NASTY: tuple[Any, ...] = (
    None,
    True,
    0,
    -1,
    10**30,
    2**63,
    1.5,
    float("nan"),
    "",
    " ",
    "²",
    "--5",
    "9999-12-31",
    "0001-01-01",
    "2024-02-30",
    "2023-06-01",
    "x" * 5000,
    "desing",
    "1e999",
    "-0.001",
    "6.80",
    [],
    {},
    [[[[]]]],
    {"": 1},
    ["a", {"b": None}],
)
# Values only a caller in Python can give (not representable in a file).
PYTHON_ONLY: tuple[Any, ...] = (
    datetime.datetime(2024, 1, 1, 9, 30),
    datetime.date(9999, 12, 31),
    datetime.time(9, 30),
    Decimal("1E+30"),
    Decimal("NaN"),
    (1, 2),
    frozenset({"a"}),
    object(),
    b"bytes",
)
SPLICES = ("\r", "\x00", '"', "[", "{", "]]", "\n\n", "²", "=", ",", "\ufeff", "é", "'''")


def _run_project(project: cp.Project) -> None:
    cp.assess_ladder(project, ON)
    charters.check_charter(project, charters.load_charter("barnet-2022"), ON)
    report = measures.annual_report([project], PERIOD)
    report.to_markdown(5)
    report.to_dict(5)


def _run_claim(claim: Any) -> None:
    try:
        policy = cp.load_policy(claim.policy or "example-council")
    except cp.ValidationError:
        policy = cp.load_policy("example-council")
    with contextlib.suppress(cp.rewards.PolicyNotInForceError):
        cp.rewards.calculate(claim, policy)


def _run_claims(claims: list[Any]) -> None:
    for claim in claims:
        _run_claim(claim)


def _run_cycle(cycle: wtfc.Cycle) -> None:
    wtfc.blockers(cycle)
    wtfc.warnings(cycle)
    wtfc.rank_themes(cycle)
    wtfc.progress(cycle, ON)


def _nothing(_: object) -> None:
    return None


@dataclass(frozen=True)
class Target:
    """One kind of input: an example of it, its loader, what reads it, and its subcommand."""

    name: str
    example: Path
    load: Callable[[Any], Any]
    then: Callable[[Any], None]
    command: Callable[[str], list[str]] | None = None
    csv: bool = False


def _policy_path() -> Path:
    return PACKAGE / "rewards" / "policies" / "example-council.toml"


TARGETS: tuple[Target, ...] = (
    *(
        Target(
            "project",
            path,
            cp.load_project,
            _run_project,
            lambda f: ["ladder", f, "--as-of", "2023-03-31"],
        )
        for path in sorted((EXAMPLES / "projects").glob("*.toml"))
    ),
    Target(
        "project (charter)",
        EXAMPLES / "projects" / "barnet-strategy-steering-group.toml",
        cp.load_project,
        _nothing,
        lambda f: ["charter", f, "--charter", "barnet-2022", "--as-of", "2023-03-31"],
    ),
    Target(
        "project (measures)",
        EXAMPLES / "measures" / "projects" / "carers-forum-2022.toml",
        cp.load_project,
        _nothing,
        lambda f: ["measures", f, "--period", "2022"],
    ),
    Target(
        "claim",
        EXAMPLES / "claims" / "half-day-with-travel.toml",
        cp.load_claim,
        _run_claim,
        lambda f: ["pay", f, "--check"],
    ),
    Target(
        "claims csv",
        EXAMPLES / "claims" / "june-claims.csv",
        lambda text: parse_claims_csv(text, "claims.csv"),
        _run_claims,
        lambda f: ["pay", f],
        csv=True,
    ),
    *(
        Target("cycle", path, wtfc.load_cycle, _run_cycle, lambda f: ["wtfc", f])
        for path in sorted((EXAMPLES / "wtfc").glob("*.toml"))
    ),
    Target(
        "register",
        EXAMPLES / "measures" / "involvement-board-register.toml",
        measures.load_register,
        _nothing,
    ),
    Target(
        "population csv",
        EXAMPLES / "measures" / "population-barnet-ethnicity-2021.csv",
        lambda text: measures.parse_population_csv(text, "population.csv"),
        _nothing,
        csv=True,
    ),
    Target("budget", EXAMPLES / "finance" / "budget-2025.toml", load_budget, _nothing),
    Target(
        "forward plan",
        EXAMPLES / "plans" / "barnet-forward-plan-2024.toml",
        load_forward_plan,
        _nothing,
        lambda f: ["plan", f, "--as-of", "2024-01-01"],
    ),
    Target("policy", _policy_path(), cp.load_policy, _nothing),
    Target(
        "charter", PACKAGE / "charters" / "data" / "barnet-2022.toml", cp.load_charter, _nothing
    ),
)


def _paths(data: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Every path to a node in nested dicts and lists."""
    found = [prefix]
    if len(prefix) > 30:
        return found
    if isinstance(data, dict):
        for key, value in data.items():
            found += _paths(value, (*prefix, key))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            found += _paths(value, (*prefix, index))
    return found


def _get(data: Any, path: tuple[Any, ...]) -> Any:
    for step in path:
        data = data[step]
    return data


def _set(data: Any, path: tuple[Any, ...], value: Any) -> Any:
    if not path:
        return value
    _get(data, path[:-1])[path[-1]] = value
    return data


def mutate_data(data: Any, rng: random.Random, *, python: bool = False) -> Any:
    """Data with one to three structural or type mutations."""
    values = NASTY + (PYTHON_ONLY if python else ())
    for _ in range(rng.randint(1, 3)):
        path = rng.choice(_paths(data))
        node = _get(data, path)
        choice = rng.randrange(6)
        if choice == 0:
            data = _set(data, path, rng.choice(values))
        elif choice == 1 and isinstance(node, dict) and node:
            del node[rng.choice(list(node))]
        elif choice == 2 and isinstance(node, dict):
            node[rng.choice(["", "id", "x", "date", "kind", "peple", "é"])] = rng.choice(values)
        elif choice == 3 and isinstance(node, list) and node:
            with contextlib.suppress(RecursionError):  # too deep to copy: left as it is
                node.append(copy.deepcopy(rng.choice(node)))
        elif choice == 4:
            data = _set(data, path, [node] if rng.random() < 0.5 else {"x": node})
        else:
            nested: Any = node
            for _ in range(rng.choice([10, 100, 500])):
                nested = [nested]
            data = _set(data, path, nested)
    return data


def mutate_text(text: str, rng: random.Random) -> str:
    """Text with one to three edits: cut, spliced, repeated, digits made huge."""
    for _ in range(rng.randint(1, 3)):
        at = rng.randint(0, len(text))
        choice = rng.randrange(6)
        if choice == 0:
            text = text[:at]
        elif choice == 5:
            text = text[:at] + "[" * 50_000 + text[at:]
        elif choice == 1:
            text = text[:at] + rng.choice(SPLICES) + text[at:]
        elif choice == 2:
            text = text[:at] + text[at + rng.randint(1, 40) :]
        elif choice == 3:
            text = text[:at] + "9" * rng.choice([20, 5000]) + text[at:]
        else:
            text = text[:at] + text[at : at + 200] * rng.choice([2, 50]) + text[at:]
    return text


def mutate_csv(text: str, rng: random.Random) -> str:
    """A CSV with a cell replaced by a nasty value, a row cut or doubled, or text edits."""
    rows = [line.split(",") for line in text.splitlines()]
    choice = rng.randrange(4)
    if choice == 0 and rows:
        row = rng.choice(rows)
        row[rng.randrange(len(row))] = str(rng.choice(NASTY[8:21]))
    elif choice == 1 and rows:
        rows.insert(rng.randrange(len(rows)), rng.choice(rows)[: rng.randint(0, 5)])
    elif choice == 2:
        rows.append(["x" * 200_000])
    else:
        return mutate_text(text, rng)
    return "\n".join(",".join(row) for row in rows) + "\n"


def _load_data(path: Path) -> Any:
    import tomllib  # noqa: PLC0415 - only here

    return tomllib.loads(path.read_text(encoding="utf-8"))


@dataclass(frozen=True)
class Case:
    """One fuzzed input: the target, how it is given, and the text or data."""

    target: Target
    how: str  # "text", "bytes", "data" (given in Python) or "cli"
    payload: Any
    suffix: str


def make_case(rng: random.Random) -> Case:
    """A random fuzzed input."""
    target = rng.choice(TARGETS)
    text = target.example.read_text(encoding="utf-8")
    if target.csv:
        return Case(target, rng.choice(["text", "cli"]), mutate_csv(text, rng), ".csv")
    how = rng.choice(["text", "json", "data", "bytes", "cli"])
    if how == "text" or (how == "cli" and rng.random() < 0.5):
        return Case(target, "text" if how == "text" else "cli", mutate_text(text, rng), ".toml")
    data = mutate_data(_load_data(target.example), rng, python=how == "data")
    if how == "data":
        return Case(target, "data", data, "")
    try:
        encoded = json.dumps(data, default=str)
    except (RecursionError, ValueError):  # too deep (or circular) for json: nest in the text
        encoded = "[" * 50_000
    if how == "bytes":
        return Case(target, "bytes", encoded.encode(rng.choice(["utf-16", "latin-1"])), ".json")
    return Case(target, "cli" if how == "cli" else "text", encoded, ".json")


def run_case(case: Case, folder: Path) -> str:
    """``ok``, ``invalid`` (a ValidationError or exit 2), ``verdict`` (exit 1), or unexpected."""
    target = case.target
    if case.how == "cli" and target.command is None:
        case = Case(target, "text", case.payload, case.suffix)
    path = folder / f"input{case.suffix}"
    if case.how in ("text", "cli"):
        path.write_text(case.payload, encoding="utf-8", errors="surrogatepass")
    elif case.how == "bytes":
        path.write_bytes(case.payload)
    if case.how == "cli" and target.command is not None:
        return _run_cli(target.command(str(path)))
    source: Any = case.payload if case.how == "data" else str(path)
    if target.csv and case.how != "data":
        source = case.payload
    try:
        loaded = target.load(source)
    except cp.ValidationError as error:
        _check_message(error)
        return "invalid"
    try:
        target.then(loaded)
    except cp.ValidationError as error:
        _check_message(error)
        return "invalid after loading"
    return "ok"


def _check_message(error: cp.ValidationError) -> None:
    for line in error.lines():
        for python_word in ("NoneType", "Traceback", "object at 0x"):
            if python_word in line:
                msg = f"a Python word in a message: {line[:200]!r}"
                raise AssertionError(msg)


def _run_cli(arguments: list[str]) -> str:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code = main(arguments)
        except SystemExit as stopped:
            code = stopped.code if isinstance(stopped.code, int) else 2
    if "Traceback" in err.getvalue():
        return "unexpected: traceback printed"
    return {0: "ok (cli)", 1: "verdict (cli)", 2: "invalid (cli)"}.get(
        code, f"unexpected: exit {code}"
    )


def outcome(case: Case, folder: Path) -> str:
    """The case's outcome, with any exception not the package's named as unexpected."""
    try:
        return run_case(case, folder)
    except RecursionError:
        return "unexpected: RecursionError"
    except Exception as error:  # noqa: BLE001 - counted, and shown by the caller
        return f"unexpected: {type(error).__name__}"


def fuzz(cases: int, seed: int) -> Counter[str]:
    """Run ``cases`` random cases from ``seed``; the counts by outcome (first failures shown)."""
    rng = random.Random(seed)
    counts: Counter[str] = Counter()
    shown = 0
    with tempfile.TemporaryDirectory() as folder:
        for _ in range(cases):
            case = make_case(rng)
            result = outcome(case, Path(folder))
            counts[result] += 1
            if result.startswith("unexpected") and shown < 5:
                shown += 1
                print(f"{result}: {case.target.name} ({case.how})", file=sys.stderr)
                try:
                    run_case(case, Path(folder))
                except Exception:  # noqa: BLE001 - shown
                    traceback.print_exc()
    return counts


def _main() -> int:
    cases = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    seed = int(sys.argv[2]) if len(sys.argv) > 2 else 0
    counts = fuzz(cases, seed)
    width = max(len(k) for k in counts)
    for name, count in sorted(counts.items()):
        print(f"{name:<{width}}  {count:>7,}")
    unexpected = sum(n for k, n in counts.items() if k.startswith("unexpected"))
    print(f"{'cases':<{width}}  {cases:>7,}  (seed {seed}; unexpected: {unexpected:,})")
    return 1 if unexpected else 0


if __name__ == "__main__":
    sys.exit(_main())
