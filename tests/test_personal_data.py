"""Personal data is never echoed: a marker planted in a personal field never comes back out.

Unique marker strings go into every personal field (equality-monitoring groups,
free text, an organisation, a declared benefit) and into coded fields as free text
typed in the wrong place. Every loader, function and subcommand then runs on the
good and the broken variants, and no marker may appear in an error, a warning, a
repr, a log line or a published output.
"""

from __future__ import annotations

import copy
import io
import json
import logging
import tomllib
import warnings
from collections.abc import Iterator
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path
from typing import Any

import pytest

import coproduction as cp
from coproduction import charters, measures, wtfc
from coproduction.cli import main
from coproduction.plan import load_forward_plan

EXAMPLES = Path(__file__).parent.parent / "examples"
PROJECT = EXAMPLES / "measures" / "projects" / "carers-forum-2022.toml"
CLAIM = EXAMPLES / "claims" / "half-day-with-travel.toml"
CYCLE = EXAMPLES / "wtfc" / "carers-strategy.toml"
REGISTER = EXAMPLES / "measures" / "involvement-board-register.toml"
POPULATION = str(EXAMPLES / "measures" / "population-barnet-ethnicity-2021.csv")
PERIOD = cp.Period.financial_year(2022)


def marker(name: str) -> str:
    """A marker no message could contain by chance (upper case, a space, the field's name)."""
    return f"Mkr {name.replace('.', ' ').replace('_', ' ')} Q7"


def _read(path: Path) -> dict[str, Any]:
    return tomllib.loads(path.read_text(encoding="utf-8"))


def planted_project() -> tuple[dict[str, Any], list[str]]:
    """The example project with a marker in every personal field."""
    data = _read(PROJECT)
    planted = []
    for index, person in enumerate(data.get("participants", [])):
        for field in ("ethnicity", "age_band", "disability"):
            person.setdefault("groups", {})[field] = marker(f"p{index} {field}")
            planted.append(person["groups"][field])
        person["organisation"] = marker(f"p{index} organisation")
        planted.append(person["organisation"])
    for index, activity in enumerate(data.get("activities", [])):
        activity["description"] = marker(f"a{index} description")
        planted.append(activity["description"])
    for index, item in enumerate(data.get("feedback", [])):
        for field in ("said", "response", "acted_by"):
            item[field] = marker(f"f{index} {field}")
            planted.append(item[field])
    return data, planted


def broken_projects() -> Iterator[tuple[dict[str, Any], str]]:
    """The example project with free text typed into one coded field at a time."""
    data = _read(PROJECT)
    for field in ("stage", "kind", "date", "say", "format", "venue", "status", "until"):
        broken = copy.deepcopy(data)
        broken["activities"][0][field] = marker(f"typed into {field}")
        yield broken, broken["activities"][0][field]
    broken = copy.deepcopy(data)
    broken["participants"][0]["lived_experience"] = marker("typed into lived")
    yield broken, broken["participants"][0]["lived_experience"]
    broken = copy.deepcopy(data)
    broken["participants"][0]["groups"] = {"ethnicity": 3, "age": marker("next to a number")}
    yield broken, broken["participants"][0]["groups"]["age"]


def _outputs(run: Any) -> str:
    """Everything ``run`` printed, logged, warned or raised, as one text."""
    out, err, logged = io.StringIO(), io.StringIO(), io.StringIO()
    handler = logging.StreamHandler(logged)
    logging.getLogger().addHandler(handler)
    try:
        with redirect_stdout(out), redirect_stderr(err), warnings.catch_warnings(record=True) as w:
            warnings.simplefilter("always")
            try:
                result = run()
            except cp.CoproductionError as error:
                result = error
    finally:
        logging.getLogger().removeHandler(handler)
    texts = [out.getvalue(), err.getvalue(), logged.getvalue(), str(result), repr(result)]
    texts += [str(warning.message) for warning in w]
    return "\n".join(texts)


def _assert_no_marker(text: str, markers: list[str]) -> None:
    leaked = [m for m in markers if m in text]
    assert not leaked, f"personal values echoed: {leaked[:3]}"


def test_a_project_with_personal_fields_keeps_them_out_of_every_output(tmp_path: Path) -> None:
    data, markers = planted_project()
    path = tmp_path / "project.json"
    path.write_text(json.dumps(data, default=str), encoding="utf-8")
    project = cp.load_project(str(path))
    population = measures.load_population(POPULATION)
    barnet = charters.load_charter("barnet-2022")
    texts = [repr(project), *(repr(p) for p in project.participants)]
    texts += [repr(a) for a in project.activities] + [repr(f) for f in project.feedback]
    assessment = cp.assess_ladder(project, PERIOD.end)
    texts += [assessment.explain(), json.dumps(assessment.to_dict()), repr(assessment)]
    report = charters.check_charter(project, barnet, PERIOD.end, population)
    texts += [report.text(), json.dumps(report.to_dict()), repr(report)]
    annual = measures.annual_report([project], PERIOD, population=population)
    texts += [annual.to_markdown(5), json.dumps(annual.to_dict(5), default=str)]
    for command in (
        ["ladder", str(path), "--explain"],
        ["ladder", str(path), "--json"],
        ["charter", str(path), "--charter", "barnet-2022", "--population", POPULATION],
        ["measures", str(path), "--period", "2022", "--population", POPULATION],
        ["measures", str(path), "--period", "2022", "--population", POPULATION, "--json"],
        ["report", str(path), "--period", "2022", "--out", str(tmp_path / "r.html")],
    ):
        texts.append(_outputs(lambda command=command: main(command)))
    html = tmp_path / "r.html"
    texts.append(html.read_text(encoding="utf-8") if html.exists() else "")
    _assert_no_marker("\n".join(texts), markers)


@pytest.mark.parametrize(("data", "planted"), list(broken_projects()))
def test_free_text_typed_into_a_coded_field_is_not_quoted_back(
    tmp_path: Path, data: dict[str, Any], planted: str
) -> None:
    path = tmp_path / "broken.json"
    path.write_text(json.dumps(data, default=str), encoding="utf-8")
    text = _outputs(lambda: cp.load_project(str(path)))
    assert "problem" in text
    texts = [text, _outputs(lambda: main(["ladder", str(path)]))]
    texts.append(_outputs(lambda: main(["measures", str(path), "--period", "2022"])))
    _assert_no_marker("\n".join(texts), [planted])


@pytest.mark.parametrize(
    "benefit", ["esa-x", "Mkr benefit Q7", "universal credit", "pip", "attendance-allowance"]
)
def test_a_benefit_that_is_not_on_the_list_is_never_quoted_back(
    tmp_path: Path, benefit: str
) -> None:
    data = _read(CLAIM)
    data["participant"]["benefits"] = [benefit]
    path = tmp_path / "claim.json"
    path.write_text(json.dumps(data, default=str), encoding="utf-8")
    texts = [_outputs(lambda: cp.load_claim(str(path)))]
    texts.append(_outputs(lambda: main(["pay", str(path)])))
    assert "participant.benefits[0]" in texts[0]
    _assert_no_marker("\n".join(texts), [benefit])


def test_cycle_statements_and_register_groups_stay_out_of_messages_and_outputs(
    tmp_path: Path,
) -> None:
    cycle = _read(CYCLE)
    markers = []
    for index, statement in enumerate(cycle.get("statements", [])):
        statement["text"] = marker(f"statement {index}")
        markers.append(statement["text"])
    cycle["statements"][0]["category"] = marker("typed into category")
    markers.append(cycle["statements"][0]["category"])
    path = tmp_path / "cycle.json"
    path.write_text(json.dumps(cycle, default=str), encoding="utf-8")
    texts = [
        _outputs(lambda: wtfc.load_cycle(str(path))),
        _outputs(lambda: main(["wtfc", str(path)])),
    ]
    register = _read(REGISTER)
    for index, member in enumerate(register["members"]):
        member["groups"] = {"ethnicity": marker(f"member {index}")}
        markers.append(member["groups"]["ethnicity"])
    register_path = tmp_path / "register.json"
    register_path.write_text(json.dumps(register, default=str), encoding="utf-8")
    texts.append(repr(measures.load_register(str(register_path))))
    texts.append(
        _outputs(
            lambda: main(
                ["measures", str(PROJECT), "--period", "2022", "--register", str(register_path)]
            )
        )
    )
    _assert_no_marker("\n".join(texts), markers)


BUDGET = EXAMPLES / "finance" / "budget-2025.toml"
PANEL_CLAIMS = EXAMPLES / "finance" / "panel-claims.csv"
PLAN = EXAMPLES / "plans" / "barnet-forward-plan-2024.toml"


def test_budget_notes_and_a_claims_role_stay_out_of_messages_and_outputs(tmp_path: Path) -> None:
    budget = _read(BUDGET)
    markers = []
    for index, allocation in enumerate(budget.get("allocations", [])):
        allocation["note"] = marker(f"allocation {index} note")
        markers.append(allocation["note"])
    for index, spend in enumerate(budget.get("spending", [])):
        spend["note"] = marker(f"spend {index} note")
        markers.append(spend["note"])
    path = tmp_path / "budget.json"
    path.write_text(json.dumps(budget, default=str), encoding="utf-8")
    claim = _read(CLAIM)
    claim["activities"][0]["role"] = marker("claim role")
    markers.append(claim["activities"][0]["role"])
    claim_path = tmp_path / "claim.json"
    claim_path.write_text(json.dumps(claim, default=str), encoding="utf-8")
    texts = [repr(cp.load_claim(str(claim_path)))]
    for command in (
        ["budget", str(path)],
        ["budget", str(path), "--json"],
        ["budget", str(path), str(PANEL_CLAIMS)],
        ["pay", str(claim_path)],
        ["pay", str(claim_path), "--json"],
    ):
        texts.append(_outputs(lambda command=command: main(command)))
    _assert_no_marker("\n".join(texts), markers)


@pytest.mark.parametrize(
    ("source", "where", "field"),
    [
        (BUDGET, "allocations", "category"),
        (BUDGET, "allocations", "amount"),
        (PLAN, "opportunities", "stage"),
        (PLAN, "opportunities", "planned"),
        (CLAIM, "activities", "date"),
        (CLAIM, "activities", "start"),
        (CLAIM, "expenses", "kind"),
    ],
)
def test_free_text_typed_into_a_budget_plan_or_claim_field_is_not_quoted_back(
    tmp_path: Path, source: Path, where: str, field: str
) -> None:
    data = _read(source)
    planted = marker(f"typed into {where} {field}")
    data[where][0][field] = planted
    path = tmp_path / f"broken{source.suffix}.json"
    path.write_text(json.dumps(data, default=str), encoding="utf-8")
    command = {BUDGET: "budget", PLAN: "plan", CLAIM: "pay"}[source]
    texts = [_outputs(lambda: main([command, str(path)]))]
    texts.append(_outputs(lambda: main([command, str(path), "--json"])))
    assert f"{where}[0].{field}:" in texts[0]  # the field is named, exit 2
    _assert_no_marker("\n".join(texts), [planted])


# ---------------------------------------------------------------- more record types

POLICY = (
    Path(__file__).parent.parent
    / "src"
    / "coproduction"
    / "rewards"
    / "policies"
    / "example-council.toml"
)
CHARTER = (
    Path(__file__).parent.parent / "src" / "coproduction" / "charters" / "data" / "barnet-2022.toml"
)
SURVEY = EXAMPLES / "measures" / "case-closure-survey-2022.toml"
FIGURES = EXAMPLES / "measures" / "annual-figures-2022.toml"


def _set(data: dict[str, Any], path: str, value: Any) -> None:
    """Set the value at a dotted path (``versions.0.rewards.0.type``) of nested data."""
    *parents, last = path.split(".")
    here: Any = data
    for key in parents:
        here = here[int(key)] if isinstance(here, list) else here[key]
    if isinstance(here, list):
        here[int(last)] = value
    else:
        here[last] = value


def _written(tmp_path: Path, name: str, data: dict[str, Any]) -> str:
    path = tmp_path / f"{name}.json"
    path.write_text(json.dumps(data, default=str), encoding="utf-8")
    return str(path)


def _runs(kind: str, path: str) -> list[Any]:
    """Every loader and subcommand that reads a record of ``kind`` from ``path``."""
    project = str(PROJECT)
    period = ["--period", "2022"]
    runs: dict[str, list[Any]] = {
        "policy": [
            lambda: cp.load_policy(path),
            lambda: main(["policies", path]),
            lambda: main(["policies", path, "--json"]),
            lambda: main(["pay", str(CLAIM), "--policy", path]),
        ],
        "charter": [
            lambda: charters.load_charter(path),
            lambda: main(["charter", project, "--charter", path]),
            lambda: main(["charter", project, "--charter", path, "--json"]),
        ],
        "plan": [
            lambda: load_forward_plan(path),
            lambda: main(["plan", path, "--as-of", "2024-01-01"]),
            lambda: main(["plan", path, "--json"]),
            lambda: main(["charter", project, "--charter", "barnet-2022", "--plan", path]),
        ],
        "survey": [
            lambda: measures.load_survey_results(path),
            lambda: main(["measures", project, *period, "--survey", path, "--json"]),
            lambda: main(
                ["measures", project, *period, "--survey", path, "--population", POPULATION]
            ),
        ],
        "figures": [
            lambda: measures.load_annual_figures(path),
            lambda: main(["measures", project, *period, "--figures", path]),
        ],
        "register": [
            lambda: measures.load_register(path),
            lambda: main(["measures", project, *period, "--register", path, "--json"]),
        ],
    }
    return runs[kind]


SOURCES = {
    "policy": POLICY,
    "charter": CHARTER,
    "plan": PLAN,
    "survey": SURVEY,
    "figures": FIGURES,
    "register": REGISTER,
}

# Free text typed into a coded field (a closed word, a date, a number, a reference).
TYPED_IN = [
    ("policy", "versions.0.rewards.0.type"),
    ("policy", "versions.0.rewards.0.per"),
    ("policy", "versions.0.rewards.0.rounding"),
    ("policy", "versions.0.effective_from"),
    ("policy", "versions.0.rewards.0.rate"),
    ("charter", "items.0.concerns.0"),
    ("charter", "parameters.notice_days"),
    ("charter", "parameters.threshold"),
    ("charter", "year"),
    ("plan", "opportunities.0.kind"),
    ("plan", "opportunities.0.stage"),
    ("plan", "opportunities.0.planned"),
    ("plan", "published"),
    ("survey", "questions.0.positive.0"),
    ("survey", "start"),
    ("survey", "questions.0.groups.0.counts.agree"),
    ("figures", "complaints.count"),
    ("figures", "platform.0.start"),
    ("figures", "platform.0.visits"),
    ("register", "members.0.joined"),
    ("register", "seats"),
    ("register", "roles.0.start"),
]


@pytest.mark.parametrize(("kind", "field"), TYPED_IN)
def test_free_text_typed_into_a_coded_field_of_any_record_is_not_quoted_back(
    tmp_path: Path, kind: str, field: str
) -> None:
    data = _read(SOURCES[kind])
    planted = marker(f"typed into {kind} {field}")
    _set(data, field, planted)
    path = _written(tmp_path, kind, data)
    texts = [_outputs(run) for run in _runs(kind, path)]
    assert "problem" in texts[0], texts[0][:200]  # the loader refused it
    _assert_no_marker("\n".join(texts), [planted])


# The free text of each record that may carry people's words or details: kept out of
# reprs, and out of every message about another field of the same record. (A record's
# name, owner, organisation and source name the council's document: shown as they are.)
FREE_TEXT = {
    "policy": ["versions.0.rewards.0.citation"],
    "charter": ["items.0.label", "items.0.citation", "notes.0"],
    "plan": ["opportunities.0.title", "opportunities.0.open_to", "sources.0"],
    "survey": ["title", "questions.0.statement", "findings.0", "method", "source", "organisation"],
    "figures": ["counts.0.source"],
    "register": ["eligibility", "roles.0.responsibilities"],
}
BROKEN = {
    "policy": "versions.0.rewards.0.rate",
    "charter": "parameters.notice_days",
    "plan": "opportunities.1.planned",
    "survey": "end",
    "figures": "end",
    "register": "members.1.joined",
}


@pytest.mark.parametrize("kind", sorted(FREE_TEXT))
def test_a_records_free_text_stays_out_of_its_repr_and_of_messages_about_other_fields(
    tmp_path: Path, kind: str
) -> None:
    data = _read(SOURCES[kind])
    planted = []
    for field in FREE_TEXT[kind]:
        value = marker(f"{kind} {field}")
        _set(data, field, value)
        planted.append(value)
    good = _written(tmp_path, kind, data)
    loaded = _runs(kind, good)[0]()
    # Policies, charters and annual figures are the council's documents: their reprs
    # show their text; nothing else may.
    texts = [] if kind in ("policy", "charter", "figures") else [repr(loaded)]
    _set(data, BROKEN[kind], [marker("a list where a value goes")])
    broken = _written(tmp_path, f"{kind}-broken", data)
    errors = [_outputs(run) for run in _runs(kind, broken)]
    assert "problem" in errors[0], errors[0][:200]
    _assert_no_marker("\n".join(texts + errors), [*planted, marker("a list where a value goes")])


def test_register_members_interests_stay_out_of_reprs_and_published_outputs(tmp_path: Path) -> None:
    data = _read(REGISTER)
    planted = []
    for index, member in enumerate(data["members"]):
        member["interests"] = [marker(f"member {index} interest")]
        member["groups"] = {"ethnicity": marker(f"member {index} ethnicity")}
        planted += member["interests"] + [member["groups"]["ethnicity"]]
    path = _written(tmp_path, "register", data)
    register = measures.load_register(path)
    texts = [repr(register), *(repr(m) for m in register.members)]
    for extra in (["--json"], []):
        texts.append(
            _outputs(
                lambda extra=extra: main(
                    [
                        "measures",
                        str(EXAMPLES / "measures" / "board"),
                        "--period",
                        "2022",
                        "--register",
                        path,
                        "--population",
                        POPULATION,
                        *extra,
                    ]
                )
            )
        )
    _assert_no_marker("\n".join(texts), planted)


def test_survey_groups_outside_the_reference_population_are_published_as_other(
    tmp_path: Path,
) -> None:
    data = _read(SURVEY)
    planted = []
    for q, question in enumerate(data["questions"]):
        for g, group in enumerate(question.get("groups", [])):
            if group["by"] == "ethnicity" and group["group"] != "White":
                group["group"] = marker(f"q{q} g{g} ethnicity")
                planted.append(group["group"])
    assert planted
    path = _written(tmp_path, "survey", data)
    texts = [repr(measures.load_survey_results(path))]
    inputs = ["--period", "2022", "--survey", path, "--population", POPULATION]
    report = tmp_path / "board.html"
    for command in (
        ["measures", str(PROJECT), *inputs, "--json"],
        ["measures", str(PROJECT), *inputs],
        ["measures", str(PROJECT), *inputs, "--json", "--min-count", "1"],
        ["report", str(PROJECT), *inputs, "--out", str(report)],
    ):
        texts.append(_outputs(lambda command=command: main(command)))
    texts.append(report.read_text(encoding="utf-8") if report.exists() else "")
    _assert_no_marker("\n".join(texts), planted)
    assert "not in the reference population" in texts[1]
