"""Reading policies and claims: packaged policies, TOML and JSON files, dicts, CSV and xlsx.

This is the reward module's I/O edge; the calculation itself reads no files.

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
import zipfile
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

import attrs

from coproduction._convert import structure
from coproduction.errors import MissingDependencyError, Problem, ValidationError
from coproduction.loading import (
    STDIN,
    STDIN_NAME,
    Shelf,
    csv_rows,
    looks_like,
    read_data,
    read_file,
    read_stdin,
    read_text,
)
from coproduction.rewards.budget import Budget, budget_problems
from coproduction.rewards.calculate import repeated_claim_ids
from coproduction.rewards.claims import Claim, claim_reference_problems
from coproduction.rewards.policy import Policy

__all__ = [
    "ClaimPlace",
    "load_budget",
    "load_claim",
    "load_claims",
    "load_placed_claims",
    "load_policy",
    "load_valid_claims",
    "packaged_policies",
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


_POLICIES = Shelf("coproduction.rewards", "policies", "policy")


def packaged_policies() -> list[str]:
    """The ids of the policies shipped with the package."""
    return _POLICIES.ids()


def load_policy(source: str | os.PathLike[str] | Mapping[str, Any]) -> Policy:
    """A policy: a packaged id (``"national-voices"``), a ``.toml``/``.json`` path, or a dict.

    Policy files are checked as strictly as claims: unknown keys, dates that do
    not increase, a rate without its unit, and rule fields that do not fit the
    rule's type are all listed in one :class:`~coproduction.ValidationError`.
    """
    return _POLICIES.load(source, Policy)


def load_budget(source: str | os.PathLike[str] | Mapping[str, Any]) -> Budget:
    """A budget from a ``.toml`` or ``.json`` file, or from a dict (see ``docs/rewards.md``)."""
    if not isinstance(source, (str, os.PathLike)):
        return structure(_of_kind(source, "budget"), Budget, budget_problems)
    data = _of_kind(read_data(source), "budget", str(source))
    return structure(data, Budget, budget_problems, source=str(source))


def load_claim(source: str | os.PathLike[str] | Mapping[str, Any]) -> Claim:
    """A claim from a ``.toml`` or ``.json`` file, or from a dict.

    A policy path written in a claim file (``policy = "my-policy.toml"``) is
    read from the claim file's folder, wherever the command is run from. An
    unknown policy id is an error naming the claim's ``policy`` field, with
    the closest packaged id suggested.
    """
    if not isinstance(source, (str, os.PathLike)):
        return _checked(structure(_of_kind(source, "claim"), Claim, _claim_checks))
    data = _of_kind(read_data(source), "claim", str(source))
    claim = structure(data, Claim, _claim_checks, source=str(source))
    return _with_policy_from(_checked(claim, str(source)), Path(source).parent)


def _of_kind(data: object, expected: str, source: str | None = None) -> object:
    """``data``, unless it looks like another kind of record: then one line saying which."""
    wrong = looks_like(data, expected)
    if wrong is not None:
        raise ValidationError([wrong], source)
    return data


def _claim_checks(record: Mapping[str, Any]) -> list[Problem]:
    return claim_reference_problems(record) + _policy_name_problems(record.get("policy"))


def _checked(claim: Claim, source: str | None = None) -> Claim:
    """The claim, or a ValidationError when it names a policy id that is not packaged."""
    problems = _policy_name_problems(claim.policy)
    if problems:
        raise ValidationError(problems, source)
    return claim


def _policy_name_problems(name: object, where: str = "policy") -> list[Problem]:
    """An unknown packaged policy id (a name with no file suffix), with the closest id."""
    if not isinstance(name, str) or Path(name).suffix or name in packaged_policies():
        return []
    return [Problem(where, _POLICIES.unknown(name))]


def _with_policy_from(claim: Claim, folder: Path) -> Claim:
    """The claim with a relative policy path made relative to ``folder``."""
    if claim.policy is None or not Path(claim.policy).suffix or Path(claim.policy).is_absolute():
        return claim
    return attrs.evolve(claim, policy=str(folder / claim.policy))


@attrs.frozen
class ClaimPlace:
    """Where a claim was read from: its file, and for a sheet the row each field came from."""

    source: str
    rows: Mapping[str, int] | None = None  # field path -> row number, for a sheet

    def locate(self, problem: Problem) -> Problem:
        """``problem`` (at a field of the claim) placed in the file, at its row and column.

        >>> place = ClaimPlace("june.csv", {"": 2, "activities[0]": 3})
        >>> print(place.locate(Problem("activities[0].kind", "not paid")))
        june.csv: row 3, column kind: not paid
        >>> print(ClaimPlace("c1.toml").locate(Problem("activities[0].kind", "not paid")))
        c1.toml: activities[0].kind: not paid
        """
        if self.rows is None:
            return _under(self.source, problem)
        return _under(self.source, _locate(problem, dict(self.rows))[1])


def load_claims(*sources: str | os.PathLike[str]) -> list[Claim]:
    """Claims from files: ``.toml``/``.json`` (one claim each), ``.csv`` or ``.xlsx`` (many).

    Every problem in every file is gathered into one ValidationError; nothing
    partial is returned.
    """
    claims, problems, _ = _gather(sources, skip_invalid=False)
    if problems:
        raise ValidationError(problems)
    return claims


def load_valid_claims(*sources: str | os.PathLike[str]) -> tuple[list[Claim], list[Problem]]:
    """The valid claims in ``sources``, and every problem of what was left out.

    A claim in a spreadsheet with a problem in any of its rows is left out whole
    (paying part of a claim would underpay it), and the problems say which rows;
    a file that cannot be read at all is left out with its problems.
    """
    claims, problems, _ = _gather(sources, skip_invalid=True)
    return claims, problems


def load_placed_claims(
    *sources: str | os.PathLike[str], skip_invalid: bool = False
) -> tuple[list[Claim], list[Problem], list[ClaimPlace]]:
    """The valid claims, every problem, and where each claim came from (file, rows).

    So later checks (against a claim's policy) can say which file and row. Without
    ``skip_invalid`` a caller refuses every claim when there is any problem.
    """
    return _gather(sources, skip_invalid=skip_invalid)


def _gather(
    sources: Iterable[str | os.PathLike[str]], *, skip_invalid: bool
) -> tuple[list[Claim], list[Problem], list[ClaimPlace]]:
    claims: list[Claim] = []
    places: list[str] = []
    located: list[ClaimPlace] = []
    problems: list[Problem] = []
    for source in sources:
        rows: dict[str, dict[str, int]] = {}
        try:
            if str(source) == STDIN:
                found, wrong = _stdin_claims(skip_invalid=skip_invalid, rows_out=rows)
                claims += found
                places += [STDIN_NAME] * len(found)
                located += [ClaimPlace(STDIN_NAME, rows.get(c.id)) for c in found]
                problems += [_under(STDIN_NAME, p) for p in wrong]
                continue
            suffix = Path(source).suffix.lower()
            if suffix in (".csv", ".xlsx"):
                cells = (
                    csv_rows(read_file(source), str(source))
                    if suffix == ".csv"
                    else _xlsx_rows(source)
                )
                found, wrong = _claims_from_rows(
                    cells, str(source), skip_invalid=skip_invalid, rows_out=rows
                )
                claims += [_with_policy_from(c, Path(source).parent) for c in found]
                places += [str(source)] * len(found)
                located += [ClaimPlace(str(source), rows[c.id]) for c in found]
                problems += [_under(str(source), p) for p in wrong]
            elif suffix in (".toml", ".json"):
                claims.append(load_claim(source))
                places.append(str(source))
                located.append(ClaimPlace(str(source)))
            else:
                message = (
                    "is a folder: give the claim files in it"
                    if Path(source).is_dir()
                    else f"unsupported file type {suffix or '(none)'!r}"
                )
                problems.append(Problem(str(source), f"{message} (.toml, .json, .csv or .xlsx)"))
        except ValidationError as error:
            name = error.source or (STDIN_NAME if str(source) == STDIN else str(source))
            problems += [_under(name, p) for p in error.problems]
        except MissingDependencyError as error:
            problems.append(Problem(str(source), str(error)))
    repeated = repeated_claim_ids([claim.id for claim in claims], places)
    if repeated and skip_invalid:  # keep each id's first claim: none is paid twice
        firsts = {claim.id: index for index, claim in reversed(list(enumerate(claims)))}
        kept = [index for index, claim in enumerate(claims) if firsts[claim.id] == index]
        claims, located = [claims[i] for i in kept], [located[i] for i in kept]
    return claims, problems + repeated, located


def _stdin_claims(
    *, skip_invalid: bool, rows_out: dict[str, dict[str, int]] | None = None
) -> tuple[list[Claim], list[Problem]]:
    """Claims piped in (``-``): CSV rows with a header, or one claim as TOML or JSON.

    A policy path in a piped claim is read from the current folder.
    """
    text, suffix = read_stdin()
    if suffix == ".csv":
        rows = csv_rows(text, STDIN_NAME)
        return _claims_from_rows(rows, STDIN_NAME, skip_invalid=skip_invalid, rows_out=rows_out)
    data = read_text(text, suffix, STDIN_NAME)
    if not isinstance(data, dict):
        message = "expected one claim (a table or object), or CSV rows with a header"
        raise ValidationError([Problem("", message)], STDIN_NAME)
    return [load_claim(data)], []


def _under(name: str, problem: Problem) -> Problem:
    return Problem(f"{name}: {problem.where}".rstrip(": "), problem.message)


def read_claims_xlsx(path: str | os.PathLike[str]) -> list[Claim]:
    """Claims from the first sheet of an .xlsx workbook (the same columns as the CSV).

    Needs the optional extra ``spreadsheets`` (openpyxl). Number cells are read
    back as the digits the spreadsheet shows (4.8 as ``4.8``), date cells as dates.
    """
    claims, problems = _claims_from_rows(_xlsx_rows(path), str(path))
    if problems:
        raise ValidationError(problems, str(path))
    return claims


def _xlsx_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        # The shortest text that reads back as this float: what the cell shows.
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, datetime.datetime):
        return value.date().isoformat() if value.time() == datetime.time() else value.isoformat()
    if isinstance(value, (datetime.date, datetime.time)):
        return value.isoformat()[:5] if isinstance(value, datetime.time) else value.isoformat()
    return str(value)


def _xlsx_rows(path: str | os.PathLike[str]) -> list[list[str]]:
    """The first sheet's rows as text cells (trailing empty cells dropped)."""
    try:
        from openpyxl import load_workbook  # noqa: PLC0415 - an optional extra, loaded when used
    except ImportError:
        msg = "reading .xlsx needs openpyxl: pip install 'coproduction[spreadsheets]'"
        raise MissingDependencyError(msg) from None
    where = str(path)
    if not Path(path).is_file():
        raise ValidationError([Problem("", "file not found")], where)
    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except (OSError, KeyError, ValueError, zipfile.BadZipFile):
        raise ValidationError([Problem("", "cannot be read as an .xlsx workbook")], where) from None
    try:
        sheet = book.worksheets[0]
        rows = []
        for values in sheet.iter_rows(values_only=True):
            cells = [_xlsx_text(v) for v in values]
            while cells and not cells[-1]:
                cells.pop()
            rows.append(cells)
    finally:
        book.close()
    width = len(rows[0]) if rows else 0
    # A sheet has no ragged rows: pad each data row to the header's width.
    return [rows[0], *(r + [""] * (width - len(r)) for r in rows[1:])] if rows else []


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
    return [_with_policy_from(claim, Path(path).parent) for claim in claims]


def parse_claims_csv(text: str, source: str = "claims.csv") -> list[Claim]:
    """Claims from CSV text; problems name the row number and column."""
    claims, problems = _claims_from_rows(csv_rows(text, source), source)
    if problems:
        raise ValidationError(problems, source)
    return claims


def _claims_from_rows(
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
            claims.append(_checked(structure(data, Claim, _claim_checks)))
        except ValidationError as error:
            for problem in error.problems:
                number, located = _locate(problem, sheet.rows[claim_id])
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


def _locate(problem: Problem, rows: dict[str, int]) -> tuple[int, Problem]:
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
