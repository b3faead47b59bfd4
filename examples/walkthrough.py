"""A worked example of what coproduction does, on the council cases in examples/.

Run it with ``bash scripts/example``. Every figure it prints comes from the
example records, each of which cites the council document its facts come from.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

import coproduction as cp

HERE = Path(__file__).parent


def heading(text: str) -> None:
    print(f"\n{text}\n{'=' * len(text)}")


def ladder() -> None:
    heading("1. Where each project sits on the ladder of co-production")
    projects = cp.load_projects(HERE / "projects")
    results = [cp.assess_ladder(p) for p in projects]
    for result in sorted(results, key=lambda r: -(r.rung or 0)):
        rung = f"{result.rung.title} ({result.rung.band.value})" if result.rung else "not on it"
        print(f"  {result.project:<28} {rung}")
        for warning in result.warnings:
            print(f"  {'':<28} ! {warning}")

    heading("2. Why, criterion by criterion: Bedford's carers' strategy")
    bedford = next(r for r in results if r.project == "bedford-carers-strategy")
    print(bedford.explain())

    heading("3. The per-stage picture: Central Bedfordshire's virtual day offer")
    virtual = next(r for r in results if r.project == "cbc-virtual-day-2020")
    for level in virtual.stages:
        reached = level.rung.title if level.rung else "-"
        print(f"  {level.stage.value:<11} {reached}")
    print(f"  Overall: {virtual.rung.title if virtual.rung else '-'}; to climb, it needs:")
    for gap in virtual.gaps:
        print(f"    - {gap.requirement}")

    heading("4. TLAP's bands beside Arnstein's groups (the package's own band-level reading)")
    for band in cp.Band:
        rungs = ", ".join(r.title for r in cp.Rung if r.band is band)
        arnstein = ", ".join(r.label for r in cp.ArnsteinRung if r.group is band.arnstein_group)
        print(f"  {band.value:<11} {rungs:<45} ~ {band.arnstein_group.value}: {arnstein}")


def records() -> None:
    heading("5. Records travel as JSON and load back unchanged")
    project = cp.load_project(HERE / "projects" / "essex-direct-payment-support.toml")
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "essex.json"
        cp.dump_project(project, path)
        again = cp.load_project(path)
    print(f"  {project!r}")
    print(f"  Round trip through JSON gives an equal record: {again == project}")

    heading("6. Bad input: every problem at once, with where it is")
    broken = {
        "id": "broken",
        "title": "A record typed by hand",
        "participants": [{"id": "p1", "lived_experience": "yes"}],
        "activities": [
            {
                "id": "a1",
                "date": "2020-13-01",
                "stage": "desing",
                "kind": "workshop",
                "participants": ["p1", "p2"],
            },
        ],
        "feedback": [{"id": "f1", "activity": "a9", "said": "..."}],
    }
    try:
        cp.load_project(broken)
    except cp.ValidationError as error:
        print("\n".join(f"  {line}" for line in error.lines()))


if __name__ == "__main__":
    ladder()
    records()
