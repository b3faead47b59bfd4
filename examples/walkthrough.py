"""A worked example of what coproduction does, on the council cases in examples/.

Run it with ``bash scripts/example``. Every figure it prints comes from the
example records, each of which cites the council document its facts come from.
"""

from __future__ import annotations

import datetime
import tempfile
from decimal import Decimal
from pathlib import Path

import coproduction as cp
from coproduction.measures.portfolio import portfolio
from coproduction.money import format_pounds as pounds
from coproduction.plan import load_forward_plan
from coproduction.rewards import exports

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
    print(
        f"  {project.id}: {project.title} ({len(project.participants)} people, "
        f"{len(project.activities)} activities)"
    )
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


def rewards() -> None:
    heading("7. What a person is owed, line by line (National Voices policy)")
    policy = cp.load_policy("national-voices")
    calc = cp.calculate(cp.load_claim(HERE / "claims" / "half-day-with-travel.toml"), policy)
    print(calc.table())
    print(f"  Checked against the hand calculation: {calc.differences or 'no differences'}")

    heading("8. A month of claims from a spreadsheet, checked (illustrative council policy)")
    claims = cp.load_claims(HERE / "claims" / "june-claims.csv")
    calcs = cp.calculate_all(claims, cp.load_policy("example-council"))
    for calc in calcs:
        verdict = "agrees" if not calc.differences else "; ".join(map(str, calc.differences))
        print(
            f"  {calc.claim}: reward {pounds(calc.reward)}, expenses {pounds(calc.expenses)}, "
            f"total {pounds(calc.total)} - {verdict}"
        )
    for person in cp.rewards.person_totals(calcs):
        for period, amount in person.weeks:
            kept_apart = f" (expenses of {pounds(person.expenses)} kept apart)"
            print(
                f"  {person.participant} earned {pounds(amount)} in {period.label}"
                + (kept_apart if person.expenses else "")
            )

    heading("9. Benefit thresholds: a flag for a conversation, not advice")
    carer = cp.load_claim(
        {
            "id": "carer",
            "participant": {"id": "p9", "benefits": ["carers-allowance"]},
            "activities": [
                {
                    "id": "a1",
                    "date": "2025-06-10",
                    "kind": "workshop",
                    "minutes": 360,
                    "attended": True,
                },
                {
                    "id": "a2",
                    "date": "2025-06-12",
                    "kind": "workshop",
                    "minutes": 360,
                    "attended": True,
                },
            ],
        }
    )
    print("  p9, who gets Carer's Allowance, claims two 6-hour workshops in one week:")
    for warning in cp.calculate(carer, policy).warnings:
        print(f"  ! {warning}")

    heading("10. The year's budget, by category")
    budget = cp.rewards.load_budget(HERE / "finance" / "budget-2025.toml").commit(calcs)
    print(budget.table())
    more = cp.calculate(carer, policy)
    for warning in budget.warnings([more]):
        print(f"  ! if the carer's claim were added: {warning}")

    heading("10a. Reconciliation: what a panel paid against what the policy gives")
    panel = cp.load_project(HERE / "finance" / "panel-project.toml")
    panel_claims = cp.load_claims(HERE / "finance" / "panel-claims.csv")
    print(cp.rewards.reconcile(panel, panel_claims, policy).table())

    heading("10b. The month's lines and totals as finance's spreadsheets")
    csv_text = exports.lines_csv(calcs)
    print("\n".join(f"  {row}" for row in csv_text.splitlines()[:4]))
    print(f"  ... {len(csv_text.splitlines()) - 1} lines in all")
    benefits = {c.participant.id: c.participant.benefits for c in claims}
    for row in exports.totals_rows(calcs, benefits):
        if row[1] == "week":
            earned = row[5] if isinstance(row[5], Decimal) else Decimal(0)
            print(
                f"  totals sheet: {row[0]} {row[2]} {pounds(earned)} ({row[6]} hours)"
                + (f" ! {row[7]}" if row[7] else "")
            )
    try:
        workbook = exports.workbook(calcs, benefits)
    except cp.errors.MissingDependencyError as missing:
        print(f"  (no workbook: {missing})")
    else:
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / "june.xlsx"
            path.write_bytes(workbook)
            print(f"  wrote a workbook with lines and totals sheets: {path.stat().st_size} bytes")


def working_together_for_change() -> None:
    heading("11. Working Together for Change: where each cycle stands")
    for path in sorted((HERE / "wtfc").glob("*.toml")):
        cycle = cp.wtfc.load_cycle(path)
        stops = cp.wtfc.blockers(cycle)
        state = "ready to move on" if not stops else f"blocked: {stops[0]}"
        print(f"  {cycle.id:<28} step {cycle.step.number} {cycle.step.value:<17} {state}")

    heading("12. The carers' strategy: themes ranked, then moved on to Understand")
    cycle = cp.wtfc.load_cycle(HERE / "wtfc" / "carers-strategy.toml")
    for rank in cp.wtfc.rank_themes(cycle):
        print(
            f"  {rank.rank}. {rank.title} ({rank.statements})"
            + (" - priority" if rank.priority else "")
        )
    moved = cp.wtfc.advance(cycle, on=datetime.date(2022, 5, 3))
    print(
        f"  Now at {moved.step.value}; history: "
        + ", ".join(f"{c.step.value} {c.on}" for c in moved.history)
    )
    reviewed = cp.wtfc.load_cycle(HERE / "wtfc" / "carers-strategy-reviewed.toml")
    following = cp.wtfc.next_cycle(reviewed, "cbc-carers-2024", on=datetime.date(2024, 1, 8))
    print(
        f"  After the review, {following.id} starts with actions "
        f"{', '.join(a.id for a in following.actions)} carried forward"
    )


def measures() -> None:
    heading("13. The annual report on engagement (illustrative data), safe to publish")
    # The board's meetings are in their own folder: load both, or its table shows nobody.
    projects = cp.load_projects(HERE / "measures" / "projects", HERE / "measures" / "board")
    population = cp.measures.load_population(
        HERE / "measures" / "population-barnet-ethnicity-2021.csv"
    )
    board = cp.measures.load_register(HERE / "measures" / "involvement-board-register.toml")
    # Barnet's other annual inputs: its case-closure survey and the year's complaints,
    # compliments and platform use, each year's file so every count sits beside last year's.
    surveys = [
        cp.measures.load_survey_results(HERE / "measures" / f"case-closure-survey-{year}.toml")
        for year in (2021, 2022)
    ]
    figures = [
        cp.measures.load_annual_figures(HERE / "measures" / f"annual-figures-{year}.toml")
        for year in (2021, 2022)
    ]
    year = cp.Period.financial_year(2022)
    report = cp.measures.annual_report(
        projects,
        year,
        population=population,
        registers=[board],
        surveys=surveys,
        figures=figures,
    )
    print(report.to_markdown())

    heading("13a. The year's work by Southwark's types of co-production")
    mix = portfolio(projects, year)
    for kind, count in mix.activities_by_type:
        print(f"  {kind.value:<14} {count} activities")
    print(f"  not co-produced: {mix.not_coproduced} activities")


def charters() -> None:
    heading("14. Barnet's charter: which commitments each project kept")
    charter = cp.load_charter("barnet-2022")
    for name in ("barnet-strategy-steering-group", "bedford-carers-strategy"):
        project = cp.load_project(HERE / "projects" / f"{name}.toml")
        report = cp.check_charter(project, charter, as_of=datetime.date(2023, 3, 31))
        print(report.text())
        print()
    heading("14a. Early involvement: was each activity on the published forward plan?")
    plan = load_forward_plan(HERE / "plans" / "barnet-forward-plan-2022.toml")
    for name in ("carers-forum-2022", "peoples-voice-events-2022"):
        project = cp.load_project(HERE / "measures" / "projects" / f"{name}.toml")
        checked = cp.check_charter(project, charter, as_of=datetime.date(2023, 3, 31), plans=[plan])
        for item in checked.results:
            for check in item.checks:
                if check.check == "on-the-forward-plan":
                    print(f"  {project.id:<18} commitment {item.item}: {check.outcome}")
                    print(f"  {'':<18} {check.detail}")
    heading("15. The same evidence read against the CQC quality statements")
    print(report.crosswalk("cqc-2023").text())


def adass_cases() -> None:
    heading("16. The ADASS East of England cases (2023), each placed on the ladder")
    projects = cp.load_projects(HERE / "projects" / "adass")
    for project in projects:
        result = cp.assess_ladder(project)
        rung = result.rung.title if result.rung else "not on it"
        gaps = ", ".join(g.id for g in result.gaps) or "-"
        print(f"  {project.organisation[:26]:<27} {project.id:<30} {rung:<14} gaps: {gaps}")

    heading("17. Bedfordshire Autism Voice: one meeting offered three ways, acted on by others")
    bav = next(p for p in projects if p.id == "cbc-autism-voice")
    groups = bav.activity("a4")
    if groups is not None:
        ways = ", ".join(f.value for f in groups.formats)
        print(f"  The Local Groups ({groups.sessions} meetings) are offered: {ways}")
    for item in bav.feedback:
        if item.acted_by:
            print(f"  {item.id}: acted on by {item.acted_by} ({item.status})")

    heading("18. Milton Keynes carers, month by month (the best-dated case)")
    mk = next(p for p in projects if p.id == "mk-carers-2021")
    for day in (datetime.date(2022, 1, 31), datetime.date(2022, 11, 1), datetime.date(2023, 3, 31)):
        result = cp.assess_ladder(mk, as_of=day)
        print(f"  as of {day}: {result.rung.title if result.rung else 'not on it'}")


if __name__ == "__main__":
    ladder()
    records()
    rewards()
    working_together_for_change()
    measures()
    charters()
    adass_cases()
