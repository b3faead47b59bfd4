"""Markdown for the annual report: tables whose cells are escaped, no ``None``, plurals right.

>>> import coproduction as cp
>>> report = cp.measures.annual_report([], cp.Period.financial_year(2030))
>>> print(annual_report_markdown(report).splitlines()[2])
- 0 people took part in 0 projects; 0 joined for the first time.
"""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction
from typing import TYPE_CHECKING, Any

from coproduction.measures.core import Share, percent
from coproduction.measures.suppression import DEFAULT_MIN_COUNT, SUPPRESSED

if TYPE_CHECKING:
    from coproduction.measures.report import AnnualReport

__all__ = ["annual_report_markdown", "cell", "change", "compared", "figure", "share"]


def cell(value: object) -> str:
    r"""A value as one Markdown table cell: ``|`` and line breaks escaped, nothing for None.

    >>> cell("Carers | friends"), cell(None), cell(3)
    ('Carers \\| friends', '', '3')
    """
    if value is None:
        return ""
    text = str(value).replace("\\", "\\\\").replace("|", "\\|")
    return " ".join(text.split())


def _row(*values: object) -> str:
    return "| " + " | ".join(cell(v) for v in values) + " |"


def _or(value: object, instead: str) -> object:
    return instead if value is None else value


def figure(value: object) -> str:
    """A published count: the number, or "suppressed" for None."""
    return SUPPRESSED if value is None else f"{value:,}" if isinstance(value, int) else str(value)


def share(value: float | None, *, hidden: bool = False) -> str:
    """A published share (0 to 1) as a percentage; "suppressed" or "n/a" when there is none.

    >>> share(0.16), share(None, hidden=True), share(None)
    ('16.0%', 'suppressed', 'n/a')
    """
    if value is None:
        return SUPPRESSED if hidden else "n/a"
    # A published share keeps the fraction it came from: round that once, never the
    # already-rounded number (23 of 34 is 67.6%, not 67.7%).
    exact = value.exact if isinstance(value, Share) else Fraction(Decimal(repr(value)))
    return percent(exact)


def _flag(group: dict[str, object]) -> str:
    if group["suppressed"]:
        return SUPPRESSED
    return "under-represented" if group["under_represented"] else ""


def annual_report_markdown(report: AnnualReport, min_count: int = DEFAULT_MIN_COUNT) -> str:
    """The published annual report as Markdown, small numbers suppressed."""
    data = report.to_dict(min_count)
    period = report.period
    out = [f"# Engagement and co-production: {period.name or period.label}", ""]
    out += [f"- {line}" for line in data["headlines"]] + [""]
    reach = data["reach"]
    out += [
        "## Who took part",
        "",
        f"People: {figure(reach['people'])} ({figure(reach['listed'])} known by id, "
        f"{figure(reach['counted_without_ids'])} counted without ids). "
        f"Activities per person: {_or(reach['activities_per_person'], 'none')}.",
        "",
    ]
    for title, key in (
        ("By stage", "by_stage"),
        ("By kind of activity", "by_kind"),
        ("By format", "by_format"),
        ("New and returning", "new_and_returning"),
    ):
        out += [f"### {title}", "", "| | people |", "|---|---|"]
        out += [_row(k, figure(v)) for k, v in reach[key].items()] + [""]
    for rep in data["representativeness"]:
        out += [
            f"## How representative: {rep['field']}",
            "",
            f"Reference population: {rep['source']}. Shares are of {rep['shares_of']}. "
            f"A group is flagged when its share is under {rep['threshold']} times its "
            "population share.",
            "",
            "| group | people | share | population | ratio | flag |",
            "|---|---|---|---|---|---|",
        ]
        out += [
            _row(
                g["group"],
                figure(g["count"]),
                share(g["share"], hidden=g["suppressed"]),
                share(g["population_share"]).replace("n/a", "-"),
                SUPPRESSED if g["suppressed"] else _or(g["ratio"], "-"),
                _flag(g),
            )
            for g in rep["groups"]
        ]
        out += [_row("unknown", figure(rep["unknown"]), "", "", "", ""), ""]
    loop = data["feedback_loop"]
    out += ["## You said, we did", "", "| status | items |", "|---|---|"]
    out += [_row(k, figure(v)) for k, v in loop["by_status"].items()]
    longest = loop["longest_wait_days"]
    median = loop["median_days_to_report_back"]
    out += [
        "",
        "Changed something: "
        + share(loop["changed_something"], hidden="changed_something" in loop["suppressed"])
        + f" ({loop['changed_something_of']}). Waiting for an answer: {figure(loop['waiting'])}"
        + (f" (longest {_days(longest)})" if longest is not None else "")
        + ". Median time from the activity to telling people: "
        + (
            _days(median)
            if median is not None
            else SUPPRESSED
            if "median_days_to_report_back" in loop["suppressed"]
            else "nobody told yet"
        )
        + ".",
        "",
    ]
    if data["experience"]:
        out += [
            "## Experience of being involved",
            "",
            "| question | answers | mean (1-5) | scoring 4 or 5 |",
            "|---|---|---|---|",
        ]
        out += [
            _row(
                q["question"],
                figure(q["responses"]),
                SUPPRESSED if q["suppressed"] else f"{q['mean']:.2f}",
                share(q["satisfied"], hidden=q["suppressed"]),
            )
            for q in data["experience"]
        ] + [""]
    for register in data["registers"]:
        out += [
            f"## {register['name']}",
            "",
            f"Members at the end of the year: {figure(register['members_at_end'])}; joined: "
            f"{figure(register['joined'])}; left: {figure(register['left'])}; next election: "
            f"{register['next_election'] or 'not elected'}.",
            "",
        ]
    out += _surveys_markdown(data)
    out += _year_markdown(data)
    out += [
        "## Suppressed figures",
        "",
        f"Counts below {min_count}, and the figures that would let them be worked out "
        "(from a total, another table, a share or last year's figures), are shown as "
        "'suppressed'.",
    ]
    out += [f"- {item}" for item in data["suppressed"]] or ["- none"]
    return "\n".join(out) + "\n"


def _breakdown_markdown(shown: dict[str, Any], title: str) -> list[str]:
    out = [
        f"#### {title}",
        "",
        "| group | answers | positive | share positive |",
        "|---|---|---|---|",
    ]
    out += [
        _row(
            g["group"],
            figure(g["responses"]),
            figure(g["positive"]),
            share(g["share_positive"], hidden=g["suppressed"]),
        )
        for g in shown["groups"]
    ]
    return [*out, ""]


def _surveys_markdown(data: dict[str, Any]) -> list[str]:
    """The surveys, experience by group and the groups' composition (each only when there)."""
    out: list[str] = []
    for survey in data["surveys"]:
        out += [
            f"## Survey: {cell(survey['title'])}",
            "",
            f"{survey['start']} to {survey['end']}. "
            f"Source: {cell(survey['source']) or 'not given'}.",
            "",
        ]
        out += [f"- {cell(finding)}" for finding in survey["findings"]]
        out += [""] if survey["findings"] else []
        out += ["| statement | answers | positive | share positive |", "|---|---|---|---|"]
        out += [
            _row(
                q["statement"],
                figure(q["responses"]),
                figure(q["positive"]),
                share(q["share_positive"], hidden=q["suppressed"]),
            )
            for q in survey["questions"]
        ] + [""]
        for q in survey["questions"]:
            for shown in q["breakdowns"]:
                out += _breakdown_markdown(shown, f"{cell(q['question'])} by {cell(shown['by'])}")
    if data["experience_by_group"]:
        out += ["## Experience of being involved, by group", ""]
        for shown in data["experience_by_group"]:
            out += _breakdown_markdown(
                shown, f"{cell(shown['question'])} (scoring 4 or 5) by {cell(shown['by'])}"
            )
    for found in data["compositions"]:
        mix = found["mix"]
        out += [
            f"## Who took part in the meetings of {cell(found['name'])}",
            "",
            f"People: {figure(found['people'])} ({figure(mix['lived_experience'])} with lived "
            f"experience, {figure(mix['professionals'])} professionals, "
            f"{figure(mix['counted_without_ids'])} counted without ids). Share with lived "
            f"experience: {share(found['lived_experience_share'], hidden=found['split'] is None)}"
            + (f" ({found['split']})." if found["split"] else "."),
            "",
        ]
        for field in found["by"]:
            out += [
                f"| {cell(field['field'])} | took part | members | population |",
                "|---|---|---|---|",
            ]
            out += [
                _row(
                    g["group"],
                    figure(g["took_part"]),
                    figure(g["members"]),
                    share(g["population_share"]).replace("n/a", "-"),
                )
                for g in field["groups"]
            ] + [""]
    return out


def change(value: object) -> str:
    """A year-on-year change: signed; a change of share in percentage points."""
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value * 100:+.1f} points"
    return f"{value:+,}"


def _year_markdown(data: dict[str, Any]) -> list[str]:
    """Complaints and compliments, platform use, other counts, impact, the year before."""
    out: list[str] = []
    for key, title in (("complaints", "Complaints"), ("compliments", "Compliments")):
        tally = data[key]
        out += [
            f"## {title}",
            "",
            f"{title}: {figure(tally['count'])} (from the {tally['source']}).",
            "",
        ]
        if tally["themes"]:
            out += ["| theme | count |", "|---|---|"]
            out += [_row(theme, figure(n)) for theme, n in tally["themes"].items()] + [""]
    platform = data["platform"]
    if platform["periods"]:
        out += [
            f"## Use of the online platform: {cell(platform['name']) or 'not named'}",
            "",
            "| from | to | visits | contributions | opportunities |",
            "|---|---|---|---|---|",
        ]
        out += [
            _row(
                p["start"],
                p["end"],
                figure(p["visits"]),
                figure(p["contributions"]),
                _or(p["opportunities"], "-"),
            )
            for p in platform["periods"]
        ]
        total = platform["total"]
        out += [
            _row(
                "year",
                "",
                figure(total["visits"]),
                figure(total["contributions"]),
                _or(total["opportunities"], "-"),
            ),
            "",
        ]
    if data["counts"]["items"]:
        out += ["## Other counts", "", "| measure | people | source |", "|---|---|---|"]
        out += [_row(c["label"], figure(c["people"]), c["source"]) for c in data["counts"]["items"]]
        out += [""]
    changes = data["impact"]
    out += ["## What changed", ""]
    if changes["changed"] is None:
        out += [
            "The number of items that changed something this year is suppressed; they are "
            "not listed.",
            "",
        ]
    elif not changes["listed"]:
        out += [
            f"{changes['changed']:,} items changed something this year; they are not listed, "
            "as the list would give away a suppressed figure.",
            "",
        ]
    elif not changes["items"]:
        out += ["No item was accepted or implemented this year.", ""]
    else:
        out += ["| decided | project | status | what changed | acted by |", "|---|---|---|---|---|"]
        out += [
            _row(
                i["decided_on"],
                i["project_title"],
                i["status"],
                i["what_changed"],
                i["acted_by"] or "the council",
            )
            for i in changes["items"]
        ] + [""]
    before = data["previous_year"]
    if before is not None:
        name = (
            before["period"]["name"] or f"{before['period']['start']} to {before['period']['end']}"
        )
        out += [
            f"## Compared with {name}",
            "",
            "| measure | this year | the year before | change |",
            "|---|---|---|---|",
        ]
        out += [
            _row(
                row["measure"],
                compared(row["this_year"], row["path"]),
                compared(row["previous_year"], row["path"]),
                change(row["change"]),
            )
            for row in before["comparisons"]
        ]
        out += [
            "",
            "A figure not shown (-) was suppressed that year, or not recorded.",
            "",
        ]
    return out


def compared(value: object, path: str) -> str:
    """A figure in the comparison with the year before: "-" when not shown, shares as %."""
    if value is None:
        return "-"
    if path.endswith("share_positive") and isinstance(value, float):
        return share(value)
    return figure(value)


def _days(value: float) -> str:
    shown = int(value) if float(value).is_integer() else value
    return f"{shown} day" if shown == 1 else f"{shown} days"
