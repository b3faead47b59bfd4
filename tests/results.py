"""One of each result and record the display edge draws, built from the examples."""

from __future__ import annotations

import datetime
import functools
from pathlib import Path
from typing import Any

import coproduction as cp
from coproduction import wtfc
from coproduction.measures.portfolio import portfolio
from coproduction.plan import load_forward_plan

EXAMPLES = Path(__file__).parent.parent / "examples"
YEAR = cp.Period.financial_year(2022)


def board_page(generated: datetime.date = datetime.date(2026, 12, 2)) -> str:
    """The board report on the measures examples, with a charter, population and registers."""
    from coproduction.display import board_report, render_board_html  # noqa: PLC0415

    measures = EXAMPLES / "measures"
    board = board_report(
        cp.load_projects(measures / "projects"),
        YEAR,
        charter=cp.load_charter("barnet-2022"),
        population=cp.measures.load_population(measures / "population-barnet-ethnicity-2021.csv"),
        registers=[
            cp.measures.load_register(measures / name)
            for name in ("peoples-voice-register.toml", "involvement-board-register.toml")
        ],
    )
    return render_board_html(board, generated=generated)


@functools.cache
def one_of_each() -> dict[str, Any]:
    """A result of every kind, by a name for the test ids."""
    bedford = cp.load_project(EXAMPLES / "projects" / "bedford-carers-strategy.toml")
    measured = cp.load_projects(EXAMPLES / "measures" / "projects")
    population = cp.measures.load_population(
        EXAMPLES / "measures" / "population-barnet-ethnicity-2021.csv"
    )
    registers = [
        cp.measures.load_register(path) for path in sorted(EXAMPLES.glob("measures/*register*"))
    ]
    surveys = [
        cp.measures.load_survey_results(path)
        for path in sorted(EXAMPLES.glob("measures/*survey*.toml"))
    ]
    report = cp.measures.annual_report(
        measured, YEAR, population=population, registers=registers, surveys=surveys
    )
    policy = cp.load_policy("national-voices")
    calc = cp.calculate(cp.load_claim(EXAMPLES / "claims" / "half-day-with-travel.toml"), policy)
    panel = cp.load_project(EXAMPLES / "finance" / "panel-project.toml")
    panel_claims = cp.load_claims(EXAMPLES / "finance" / "panel-claims.csv")
    budget = cp.rewards.load_budget(EXAMPLES / "finance" / "budget-2025.toml")
    return {
        "assessment": cp.assess_ladder(bedford, datetime.date(2024, 3, 31)),
        "charter-report": cp.check_charter(
            bedford, cp.load_charter("barnet-2022"), datetime.date(2024, 3, 31)
        ),
        "annual-report": report,
        "reach": report.reach,
        "representativeness": report.representativeness[0],
        "feedback-loop": report.feedback_loop,
        "experience": report.experience,
        "calculation": calc,
        "reconciliation": cp.rewards.reconcile(panel, panel_claims, policy),
        "budget": budget,
        "budget-status": budget.status(),
        "portfolio": portfolio(measured, YEAR),
        "forward-plan": load_forward_plan(EXAMPLES / "plans" / "barnet-forward-plan-2024.toml"),
        "project": bedford,
        "cycle": wtfc.load_cycle(EXAMPLES / "wtfc" / "carers-strategy-reviewed.toml"),
        "charter": cp.load_charter("barnet-2022"),
        "register": cp.measures.load_register(
            EXAMPLES / "measures" / "peoples-voice-register.toml"
        ),
        "policy": policy,
        "claim": cp.load_claim(EXAMPLES / "claims" / "half-day-with-travel.toml"),
        "population": population,
    }
