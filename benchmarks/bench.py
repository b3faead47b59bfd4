"""Paired benchmarks: each measure timed beside its baseline in the same run, ratios printed.

Run with ``bash scripts/bench`` (``--rounds N`` for more rounds, ``--only WORD``
for the rows whose name contains WORD). Absolute times on a shared machine
are noisy; the ratio of two timings taken side by side is what to compare.
Each pair is timed in alternating rounds and the ratio is taken between the
fastest round of each; the ``spread`` column is the slowest round over the
fastest, for both sides, as a sign of the machine's noise. Rounds are timed in
CPU time (this process's and that of the processes it waited for), so work
that other programs do on a shared machine does not count against either side.

The baselines are the same work written by hand, the way a spreadsheet macro
or a short script would do it: no explanations, no checks beyond the ones
named. Nothing here is a test: no timing is ever asserted.
"""

from __future__ import annotations

import argparse
import datetime
import gc
import json
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

import attrs

import coproduction as cp

from ._hand_rungs import hand_rung, same_answers_rung

SEED = 20261122


@attrs.frozen
class Row:
    """One paired measure: the package's timing against its baseline's."""

    name: str
    measure: float
    baseline: float
    spread: float
    goal: float | None
    note: str = ""

    @property
    def ratio(self) -> float:
        return self.measure / self.baseline


def cpu_seconds() -> float:
    """CPU time used so far by this process and by the child processes it has waited for."""
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return time.process_time() + children.ru_utime + children.ru_stime


def paired(
    measure: Callable[[], object], baseline: Callable[[], object], rounds: int
) -> tuple[float, float, float]:
    """Fastest time of each over alternating rounds, and the larger slowest/fastest spread."""
    times: dict[str, list[float]] = {"m": [], "b": []}
    for _ in range(rounds):
        for key, work in (("b", baseline), ("m", measure)):
            gc.collect()
            started = cpu_seconds()
            work()
            times[key].append(cpu_seconds() - started)
    spread = max(max(t) / min(t) for t in times.values())
    return min(times["m"]), min(times["b"]), spread


# --- rewards ---------------------------------------------------------------------------------

CLAIMS = 100_000
BENEFIT_CLAIMS = 20_000


def claims(count: int, *, benefits: bool = False) -> list[cp.Claim]:
    """Blue Heart claims, two attended meetings each (named eligible in advance), a week apart."""
    rnd = random.Random(SEED)
    start = datetime.date(2025, 4, 7)
    declared = (cp.rewards.Benefit.UNIVERSAL_CREDIT,) if benefits else ()
    return [
        cp.Claim(
            id=f"c{i}",
            participant=cp.rewards.Claimant(id=f"p{i}", benefits=declared),
            activities=tuple(
                cp.rewards.ClaimActivity(
                    id=f"a{n}",
                    date=start + datetime.timedelta(days=7 * n + rnd.randint(0, 4)),
                    kind="meeting",
                    attended=True,
                    minutes=rnd.randint(30, 300),
                    preparation_minutes=rnd.choice([0, 15, 30, 60]),
                    named_eligible=True,  # Blue Heart pays only activities named in advance
                )
                for n in range(2)
            ),
        )
        for i in range(count)
    ]


def hand_loop(claims: Sequence[cp.Claim]) -> list[Decimal]:
    """Blue Heart's totals by hand: an hourly rate in 15-minute blocks, preparation paid."""
    rate, penny = Decimal("25.00"), Decimal("0.01")
    totals = []
    for claim in claims:
        total = Decimal(0)
        for activity in claim.activities:
            minutes = (activity.minutes or 0) + activity.preparation_minutes
            blocks = -(-minutes // 15)
            total += (rate * blocks * 15 / 60).quantize(penny, ROUND_HALF_UP)
        totals.append(total)
    return totals


def rewards_rows(rounds: int) -> list[Row]:
    policy = cp.load_policy("blue-heart")
    made = claims(CLAIMS)
    calcs = [cp.calculate(c, policy) for c in made]
    same = [c.total for c in calcs] == hand_loop(made)
    del calcs
    rows = [
        Row(
            f"calculate / hand Decimal loop ({CLAIMS:,} claims)",
            *paired(
                lambda: [cp.calculate(c, policy) for c in made], lambda: hand_loop(made), rounds
            ),
            goal=20,
            note="" if same else "TOTALS DIFFER",
        )
    ]
    batch: Callable[..., Sequence[Any]] | None = getattr(cp.rewards, "claim_totals", None)
    if batch is None:
        rows.append(Row("claim_totals / hand Decimal loop", 0, 1, 1, 4, "claim_totals not built"))
    else:
        same = [t.total for t in batch(made, policy)] == hand_loop(made)
        rows.append(
            Row(
                f"claim_totals / hand Decimal loop ({CLAIMS:,} claims)",
                *paired(lambda: batch(made, policy), lambda: hand_loop(made), rounds),
                goal=4,
                note="" if same else "TOTALS DIFFER",
            )
        )
    declared, none = claims(BENEFIT_CLAIMS, benefits=True), claims(BENEFIT_CLAIMS)
    rows.append(
        Row(
            f"calculate: benefits declared / none ({BENEFIT_CLAIMS:,} claims)",
            *paired(
                lambda: [cp.calculate(c, policy) for c in declared],
                lambda: [cp.calculate(c, policy) for c in none],
                rounds,
            ),
            goal=1.5,
        )
    )
    return rows


# --- projects: the ladder and loading ---------------------------------------------------------

PROJECTS = 10_000
STAGES = [s.value for s in cp.Stage]
KINDS = [k.value for k in cp.ActivityKind]
PURPOSES = [p.value for p in cp.Purpose]
SAYS = [s.value for s in cp.Say]
STATUSES = ["received", "under-consideration", "accepted", "implemented"]


def raw_project(rnd: random.Random, index: int) -> dict[str, Any]:
    """One plausible project as plain data: ~6 participants, ~5 activities, ~2 feedback items."""
    people = [
        {"id": f"p{i}", "lived_experience": rnd.random() < 0.7} for i in range(rnd.randint(0, 12))
    ]
    ids = [p["id"] for p in people]
    start = datetime.date(2020, 1, 1) + datetime.timedelta(days=rnd.randint(0, 1500))
    activities = [
        {
            "id": f"a{i}",
            "date": (start + datetime.timedelta(days=30 * i)).isoformat(),
            "stage": rnd.choice(STAGES),
            "kind": rnd.choice(KINDS),
            "purpose": rnd.sample(PURPOSES, rnd.randint(0, 2)),
            "say": rnd.choice(SAYS),
            "participants": rnd.sample(ids, min(len(ids), rnd.randint(0, 6))),
            "people": rnd.choice([0, 0, 5, 40]),
            "sessions": rnd.randint(1, 6),
        }
        for i in range(rnd.randint(1, 10))
    ]
    feedback = [
        {
            "id": f"f{i}",
            "activity": rnd.choice(activities)["id"],
            "said": "A view",
            "response": "A response",
            "history": [{"date": start.isoformat(), "status": rnd.choice(STATUSES)}],
        }
        for i in range(rnd.randint(0, 5))
    ]
    return {
        "id": f"project-{index}",
        "title": f"Project {index}",
        "reward_offered": rnd.random() < 0.5,
        "participants": people,
        "activities": activities,
        "feedback": feedback,
    }


def raw_projects() -> list[dict[str, Any]]:
    rnd = random.Random(SEED)
    return [raw_project(rnd, i) for i in range(PROJECTS)]


def ladder_rows(rounds: int, projects: list[cp.Project]) -> list[Row]:
    """The issue's row (the short hand rung), and one against a rung with the same answers."""
    today = datetime.date.today()
    rungs = [int(cp.assess_ladder(p, today).rung or 0) for p in projects]
    agree = sum(r == same_answers_rung(p, today) for r, p in zip(rungs, projects, strict=True))
    short = sum(r == hand_rung(p) for r, p in zip(rungs, projects, strict=True))
    return [
        Row(
            f"assess_ladder / hand boolean rung ({PROJECTS:,} projects)",
            *paired(
                lambda: [cp.assess_ladder(p) for p in projects],
                lambda: [hand_rung(p) for p in projects],
                rounds,
            ),
            goal=3,
            note=f"same rung on {short:,} of {PROJECTS:,}",
        ),
        Row(
            f"assess_ladder / hand rung with the same answers ({PROJECTS:,} projects)",
            *paired(
                lambda: [cp.assess_ladder(p) for p in projects],
                lambda: [same_answers_rung(p, today) for p in projects],
                rounds,
            ),
            goal=None,
            note=f"same rung on {agree:,} of {PROJECTS:,}",
        ),
    ]


def pydantic_loader() -> Callable[[str], object] | None:
    """``model_validate_json`` of pydantic models with the project loader's checks, if installed.

    The same records' fields and vocabularies, unknown keys refused, strict
    types, dates in range and in order, ids not blank, unique ids and references
    that point at listed records (see ``_pydantic_models``).
    """
    try:
        from benchmarks import _pydantic_models  # noqa: PLC0415 - optional extra
    except ImportError:
        return None
    return _pydantic_models.ProjectModel.model_validate_json


def loading_rows(rounds: int, raw: list[dict[str, Any]]) -> list[Row]:
    texts = [json.dumps(p) for p in raw]

    def ours() -> None:
        for text in texts:
            cp.load_project(json.loads(text))  # each dropped after loading

    validate = pydantic_loader()
    if validate is None:
        return [Row("load projects / pydantic", 0, 1, 1, 2, "pip install '.[bench]'")]

    def theirs() -> None:
        for text in texts:
            validate(text)

    return [
        Row(
            f"load from JSON / pydantic model_validate_json ({PROJECTS:,} projects)",
            *paired(ours, theirs, rounds),
            goal=2,
        )
    ]


# --- measures ---------------------------------------------------------------------------------

GROUPS = ["White", "Asian", "Black", "Mixed", "Other"]


def report_projects(count: int, size: int) -> list[cp.Project]:
    """``count`` projects of ``size`` participants each, five activities of 30 people."""
    rnd = random.Random(SEED)
    made = []
    for index in range(count):
        people = tuple(
            cp.Participant(
                id=f"p{n}",
                lived_experience=True,
                groups=cp.Groups({"ethnicity": rnd.choice(GROUPS)}),
            )
            for n in range(size)
        )
        ids = [p.id for p in people]
        activities = tuple(
            cp.Activity(
                id=f"a{n}",
                date=datetime.date(2021, 1, 1) + datetime.timedelta(days=rnd.randint(0, 900)),
                stage=rnd.choice(list(cp.Stage)),
                kind=rnd.choice(list(cp.ActivityKind)),
                purpose=(cp.Purpose.VIEWS,),
                participants=tuple(rnd.sample(ids, min(size, 30 * size // 100 or 1))),
                people=rnd.choice([0, 0, 25]),
            )
            for n in range(5)
        )
        made.append(
            cp.Project(
                id=f"project-{index}",
                title="P",
                organisation=f"Council {index % 20}",
                participants=people,
                activities=activities,
            )
        )
    return made


def measures_rows(rounds: int) -> list[Row]:
    population = cp.measures.parse_population_csv(
        "field,group,share,source\n" + "".join(f"ethnicity,{g},0.2,C\n" for g in GROUPS)
    )
    period = cp.Period.financial_year(2022)
    big, small = report_projects(20, 5_000), report_projects(1_000, 100)
    return [
        Row(
            "annual report: 20 projects of 5,000 / 1,000 of 100 (100,000 people)",
            *paired(
                lambda: cp.measures.annual_report(big, period, population=population).to_dict(),
                lambda: cp.measures.annual_report(small, period, population=population).to_dict(),
                rounds,
            ),
            goal=2,
        )
    ]


# --- start-up: whole processes ----------------------------------------------------------------


def _process(*args: str, env: dict[str, str] | None = None) -> Callable[[], object]:
    def run() -> object:
        return subprocess.run(args, check=True, capture_output=True, env=env)  # noqa: S603

    return run


def cached_bytecode_env(folder: str) -> dict[str, str]:
    """The environment with compiled bytecode kept (in ``folder``) for both sides.

    An installed package has its ``.pyc`` files, as its dependencies do; with
    ``PYTHONDONTWRITEBYTECODE`` set (as on a development machine) only this package
    would be compiled afresh on every start while the dependencies are read compiled.
    """
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    return env | {"PYTHONPYCACHEPREFIX": folder}


def startup_rows(rounds: int) -> list[Row]:
    with tempfile.TemporaryDirectory(prefix="coproduction-bench-") as folder:
        return _startup_rows(rounds, cached_bytecode_env(folder))


def _startup_rows(rounds: int, env: dict[str, str]) -> list[Row]:
    python = sys.executable
    example = "examples/projects/essex-direct-payment-support.toml"
    bare = _process(python, "-c", "import attrs, cattrs, dateutil.relativedelta", env=env)
    measured = [
        (
            "import coproduction / import attrs, cattrs, dateutil (process)",
            1.25,
            ["-c", "import coproduction"],
        ),
        (
            "coproduction --help / bare interpreter + deps (process)",
            2,
            ["-m", "coproduction", "--help"],
        ),
        (
            "coproduction ladder EXAMPLE / bare interpreter + deps (process)",
            2,
            ["-m", "coproduction", "ladder", example],
        ),
    ]
    runs = [(name, goal, _process(python, *args, env=env)) for name, goal, args in measured]
    for work in [bare] + [run for _, _, run in runs]:
        work()  # warm up: compile once into the cache folder
    tries = max(10, 5 * rounds)
    return [Row(name, *paired(run, bare, tries), goal=goal) for name, goal, run in runs]


# --- the table ---------------------------------------------------------------------------------


def table(rows: Sequence[Row]) -> str:
    width = max(len(r.name) for r in rows)
    lines = [
        f"{'measure':<{width}}  {'ratio':>7}  {'goal':>6}  {'met':>3}  {'spread':>6}  "
        f"{'measure s':>9}  {'baseline s':>10}  note",
    ]
    for r in rows:
        if r.measure == 0:
            lines.append(f"{r.name:<{width}}  {'-':>7}  {'-':>6}  {'-':>3}  {'-':>6}  {r.note}")
            continue
        goal = f"<={r.goal:g}" if r.goal else ""
        met = "" if r.goal is None else ("yes" if r.ratio <= r.goal else "no")
        lines.append(
            f"{r.name:<{width}}  {r.ratio:>6.2f}x  {goal:>6}  {met:>3}  {r.spread:>6.2f}  "
            f"{r.measure:>9.3f}  {r.baseline:>10.3f}  {r.note}"
        )
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=1, help="alternating rounds per pair")
    parser.add_argument("--only", default="", help="run only the groups whose name has this")
    args = parser.parse_args(argv)
    groups: list[tuple[str, Callable[[], list[Row]]]] = [
        ("startup", lambda: startup_rows(args.rounds)),
        ("measures", lambda: measures_rows(args.rounds)),
    ]

    def projects_rows() -> list[Row]:
        raw = raw_projects()
        projects = [cp.load_project(p) for p in raw]
        return ladder_rows(args.rounds, projects) + loading_rows(args.rounds, raw)

    groups += [("projects", projects_rows), ("rewards", lambda: rewards_rows(args.rounds))]
    rows: list[Row] = []
    for name, make in groups:
        if args.only in name:
            print(f"timing {name}...", file=sys.stderr, flush=True)
            rows += make()
    print(table(rows))
    return 0


if __name__ == "__main__":
    sys.exit(main())
