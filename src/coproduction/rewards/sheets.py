"""Claims from spreadsheets: CSV text and the first sheet of an .xlsx workbook.

Claims in a spreadsheet (CSV, UTF-8, a header row; or an .xlsx workbook's first
sheet) have one row per activity or expense. The columns, also listed in
``docs/rewards.md`` (any order; empty cells mean "not given"):

==================  ====================================================================
column              meaning
==================  ====================================================================
claim               the claim id (rows with the same id make one claim), required
participant         the person's pseudonymous id, required
paid_by_employer    true/false
benefits            benefits declared, separated by ``;`` (e.g. ``carers-allowance;esa``)
choice              accept, reduce, decline, donate or voucher
reduce_to           with choice reduce: the amount to take
spread_weeks        pay the reward in equal parts over this many weeks (benefits)
paid_to             ``person`` (the default) or ``organisation``
claimed_total       the total worked out by hand, for checking
policy              the policy id the claim is made under
project             the project record the claim is for (for reconciliation)
row                 ``activity`` or ``expense``, required
id                  activity id (activity rows)
date                YYYY-MM-DD, or dd/mm/yyyy as UK spreadsheets write it; required
kind                activity kind, or expense kind
start, end          HH:MM (activity rows), or ``minutes``
preparation_minutes, follow_up_minutes
attended            true/false (activity rows)
role                the person's role in the activity, for policies that pay by role
named_eligible      true/false: the activity was named eligible for payment in advance
amount, miles, vehicle, engine_cc, hours, receipt, approved, activity
                    expense details (``activity``: the activity id it was for)
claimed             the amount worked out by hand for this row, for checking
==================  ====================================================================

Claim-level columns may be filled on every row of a claim or only on one;
where filled more than once they must agree.
"""

from __future__ import annotations

import datetime
import os
import re
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

import attrs

from coproduction._convert import structure
from coproduction.errors import Problem, ValidationError
from coproduction.loading import csv_rows, read_file
from coproduction.rewards.claims import Claim
from coproduction.rewards.loading import checked_claim, claim_checks, with_policy_from
from coproduction.rewards.workbook import xlsx_rows

__all__ = [
    "claims_from_rows",
    "parse_claims_csv",
    "place_on_sheet",
    "read_claims_csv",
    "read_claims_xlsx",
]

_CLAIM_COLUMNS = (
    "participant",
    "paid_by_employer",
    "benefits",
    "choice",
    "reduce_to",
    "spread_weeks",
    "paid_to",
    "claimed_total",
    "policy",
    "project",
)
_ACTIVITY_COLUMNS = (
    "id",
    "date",
    "kind",
    "start",
    "end",
    "minutes",
    "preparation_minutes",
    "follow_up_minutes",
    "attended",
    "role",
    "named_eligible",
    "claimed",
)
_EXPENSE_COLUMNS = (
    "kind",
    "date",
    "amount",
    "miles",
    "vehicle",
    "engine_cc",
    "hours",
    "receipt",
    "approved",
    "activity",
    "claimed",
)
_KNOWN = {"claim", "row", *_CLAIM_COLUMNS, *_ACTIVITY_COLUMNS, *_EXPENSE_COLUMNS}
_WHOLE = re.compile(r"-?[0-9]{1,9}")
# dd/mm/yyyy, as UK spreadsheets write dates
_UK_DATE = re.compile(r"[0-9]{1,2}/[0-9]{1,2}/[0-9]{4}")
_ITEM = re.compile(r"(activities|expenses)\[\d+\]")
_INTEGERS = {"minutes", "preparation_minutes", "follow_up_minutes", "engine_cc", "spread_weeks"}
_FLAGS = {"paid_by_employer", "attended", "named_eligible", "receipt", "approved"}
# The converter's date hint names only ISO; a spreadsheet may also use dd/mm/yyyy.
_ISO_ONLY = "(use YYYY-MM-DD)"
_BOTH_FORMS = "(use YYYY-MM-DD or dd/mm/yyyy)"


def read_claims_xlsx(path: str | os.PathLike[str]) -> list[Claim]:
    """Claims from the first sheet of an .xlsx workbook (the same columns as the CSV).

    Needs the optional extra ``spreadsheets`` (openpyxl). Number cells are read
    back as the digits the spreadsheet shows (4.8 as ``4.8``), date cells as dates.
    """
    claims, problems = claims_from_rows(xlsx_rows(path), str(path))
    if problems:
        raise ValidationError(problems, str(path))
    return claims


def _cell(column: str, text: str) -> object:
    """A CSV cell as the value a TOML file would hold."""
    value = text.strip()
    if column in _FLAGS:
        lowered = value.lower()
        if lowered in ("true", "yes", "y", "1"):
            return True
        if lowered in ("false", "no", "n", "0"):
            return False
        return value
    if column in _INTEGERS:
        return int(value) if _WHOLE.fullmatch(value) else value
    if column == "benefits":
        return [b.strip() for b in value.split(";") if b.strip()]
    return value


def _date_cell(value: str) -> object:
    """An ISO date as written, or a dd/mm/yyyy date turned into a date."""
    if _UK_DATE.fullmatch(value):
        day, month, year = (int(part) for part in value.split("/"))
        try:
            return datetime.date(year, month, day)
        except ValueError:
            pass  # left as written: reported as "not a date"
    return value


def _header_problems(header: list[str]) -> list[Problem]:
    if not any(header):
        return [Problem("", "no header row")]
    problems = []
    unknown = [c for c in header if c not in _KNOWN]
    if unknown:
        problems.append(Problem("header", f"unknown column(s): {', '.join(unknown)}"))
    problems += [
        Problem("header", f"missing column {needed!r}")
        for needed in ("claim", "participant", "row", "date")
        if needed not in header
    ]
    return problems


def read_claims_csv(path: str | os.PathLike[str]) -> list[Claim]:
    """Claims from a CSV file (see the module docstring for the columns).

    Policy paths in the ``policy`` column are read from the CSV file's folder.
    """
    claims = parse_claims_csv(read_file(path), str(path))
    return [with_policy_from(claim, Path(path).parent) for claim in claims]


def parse_claims_csv(text: str, source: str = "claims.csv") -> list[Claim]:
    """Claims from CSV text; problems name the row number and column."""
    claims, problems = claims_from_rows(csv_rows(text, source), source)
    if problems:
        raise ValidationError(problems, source)
    return claims


def claims_from_rows(
    rows: Iterable[Sequence[str]],
    source: str,
    *,
    skip_invalid: bool = False,
    rows_out: dict[str, dict[str, int]] | None = None,
) -> tuple[list[Claim], list[Problem]]:
    """Claims from a header row and data rows of text cells, and every problem found.

    A header problem rejects the whole sheet (:class:`ValidationError`). A claim
    with a problem in any of its rows is left out and the others are returned;
    ``skip_invalid`` adds a line per claim left out, saying which rows.
    """
    table = iter(rows)
    header = [cell.strip() for cell in next(table, [])]
    problems = _header_problems(header)
    if problems:
        raise ValidationError(problems, source)
    sheet = _Sheet()
    found: list[tuple[int, str | None, Problem]] = []  # row, claim id, problem
    for number, row in enumerate(table, start=2):
        if not any(cell.strip() for cell in row):
            continue  # a blank line between claims
        if len(row) != len(header):
            short_id = (
                row[header.index("claim")].strip() if len(row) > header.index("claim") else None
            )
            message = f"row {number} has {len(row)} cells, the header has {len(header)}"
            found.append((number, short_id or None, Problem("", message)))
            continue
        cells = {
            k: _date_cell(v.strip()) if k == "date" else _cell(k, v)
            for k, v in zip(header, row, strict=True)
            if k and v.strip()
        }
        named = cells.get("claim")
        named_id = named if isinstance(named, str) else None
        found += [(number, named_id, p) for p in sheet.add(number, cells)]
    claims = []
    for claim_id, data in sheet.claims.items():
        try:
            claims.append(checked_claim(structure(data, Claim, claim_checks)))
        except ValidationError as error:
            for problem in error.problems:
                number, located = place_on_sheet(problem, sheet.rows[claim_id])
                found.append((number, claim_id, located))
    # Every problem in row order, as a person fixing the sheet reads it (the sort is
    # stable: one row's problems stay in the order they were found).
    found.sort(key=lambda entry: entry[0])
    bad = {claim_id for _, claim_id, _ in found}
    problems = [problem for _, _, problem in found]
    if rows_out is not None:  # which row each field of each claim came from
        rows_out.update(sheet.rows)
    if skip_invalid:
        rows_of = {
            claim_id: sorted(
                set(sheet.rows.get(claim_id, {}).values())
                | {n for n, c, _ in found if c == claim_id}
            )
            for claim_id in bad
            if claim_id is not None
        }
        for bad_id, numbers in sorted(rows_of.items(), key=lambda entry: entry[1][0]):
            listed = f"row{'s' if len(numbers) > 1 else ''} {', '.join(map(str, numbers))}"
            problems.append(Problem(f"claim {bad_id}", f"left out ({listed})"))
    # The valid claims come back beside the problems either way, so they can still be
    # checked against their policies; callers without skip_invalid refuse them all.
    return [claim for claim in claims if claim.id not in bad], problems


@attrs.define
class _Sheet:
    """Claims being gathered from rows, and which row each field came from."""

    claims: dict[str, dict[str, Any]] = attrs.Factory(dict)
    rows: dict[str, dict[str, int]] = attrs.Factory(dict)  # claim -> field path -> row

    def add(self, number: int, cells: dict[str, object]) -> list[Problem]:
        claim_id, kind = cells.pop("claim", None), cells.pop("row", None)
        if not isinstance(claim_id, str):
            return [Problem(f"row {number}, column claim", "required")]
        claim = self.claims.setdefault(claim_id, {"id": claim_id, "activities": [], "expenses": []})
        where = self.rows.setdefault(claim_id, {"": number})
        problems = []
        for column in [c for c in _CLAIM_COLUMNS if c in cells]:
            value = cells.pop(column)
            if column in ("claimed_total", "policy", "project"):
                target, key, path = claim, column, column
            else:
                target = claim.setdefault("participant", {})
                key = "id" if column == "participant" else column
                path = f"participant.{key}"
            if key in target and target[key] != value:
                problems.append(
                    Problem(
                        f"row {number}, column {column}",
                        "differs from an earlier row of the same claim",
                    )
                )
            target[key] = value
            where.setdefault(path, number)
        sections = {
            "activity": ("activities", _ACTIVITY_COLUMNS),
            "expense": ("expenses", _EXPENSE_COLUMNS),
        }
        if kind not in sections:
            return [
                *problems,
                Problem(f"row {number}, column row", f"{kind!r} is not one of activity, expense"),
            ]
        section, allowed = sections[str(kind)]
        problems += [
            Problem(f"row {number}, column {column}", f"not used on an {kind} row")
            for column in cells
            if column not in allowed
        ]
        where[f"{section}[{len(claim[section])}]"] = number
        claim[section].append({k: v for k, v in cells.items() if k in allowed})
        return problems


def place_on_sheet(problem: Problem, rows: dict[str, int]) -> tuple[int, Problem]:
    """The row of the sheet a claim field's problem came from, and the problem placed there."""
    path = problem.where
    item = _ITEM.match(path)
    if path in rows and path:
        row = rows[path]
        column = "participant" if path == "participant.id" else path.split(".")[-1]
    elif item and item.group(0) in rows:
        row = rows[item.group(0)]
        rest = path[item.end() :].lstrip(".")
        column = rest.split(".")[0].split("[")[0] or "row"
    else:
        row = rows[""]
        column = "participant" if path.startswith("participant") else path.split(".")[0]
    message = problem.message
    if column == "date":
        message = message.replace(_ISO_ONLY, _BOTH_FORMS)
    return row, Problem(f"row {row}" + (f", column {column}" if column else ""), message)
