"""Calculations in the forms finance works in: a CSV of lines, and an .xlsx workbook.

This is an output edge, like :mod:`coproduction.rewards.loading` on the way in:
it turns results into file contents (text or bytes) and writes no file itself.

Money stays exact: amounts are written from their Decimal values with two
decimals (``54.80``), never through a float. In the workbook they are number
cells whose stored text is that Decimal, formatted ``0.00``.

The CSV has one row per line of a calculation, with the columns
:data:`LINE_COLUMNS`:

>>> import coproduction as cp
>>> calc = cp.calculate(cp.load_claim("examples/claims/half-day-with-travel.toml"),
...                     cp.load_policy("national-voices"))
>>> print(lines_csv([calc]))
claim,participant,date,item,rule,policy_version,quantity,unit,rate,amount,category
c1,p1,2025-06-10,activities[0],nv-session,2024,1,session,,50.00,reward
c1,p1,2025-06-10,expenses[0],expense:mileage,2024,12,mile,0.40,4.80,expense
c1,p1,2025-06-10,expenses[1],expense:public-transport,2024,1,item,,6.80,expense
<BLANKLINE>

The workbook (the optional extra ``spreadsheets``: ``pip install
'coproduction[spreadsheets]'``) has a ``lines`` sheet with the same columns and
a ``totals`` sheet: each person's reward income per week, calendar month and
tax year (and each week's hours of involvement), with the threshold flags and
their sources (:func:`~coproduction.rewards.period_totals`).
"""

from __future__ import annotations

import csv
import datetime
import io
import re
import zipfile
from collections.abc import Iterable, Mapping
from decimal import ROUND_HALF_UP, Decimal

from coproduction.errors import MissingDependencyError
from coproduction.money import PENNY
from coproduction.rewards.calculate import Calculation
from coproduction.rewards.claims import Benefit
from coproduction.rewards.totals import period_totals

__all__ = ["LINE_COLUMNS", "TOTALS_COLUMNS", "line_rows", "lines_csv", "totals_rows", "workbook"]

LINE_COLUMNS = (
    "claim",
    "participant",
    "date",
    "item",
    "rule",
    "policy_version",
    "quantity",
    "unit",
    "rate",
    "amount",
    "category",
)
"""The columns of the lines CSV and of the workbook's ``lines`` sheet."""

TOTALS_COLUMNS = (
    "participant",
    "period_kind",
    "period",
    "start",
    "end",
    "earnings",
    "hours",
    "flags",
)
"""The columns of the workbook's ``totals`` sheet (``hours``: a week's hours of involvement)."""

_TWO_PLACES = {"amount", "earnings", "hours"}  # number cells formatted 0.00
Cell = str | Decimal | datetime.date | None


def line_rows(calculations: Iterable[Calculation]) -> list[tuple[Cell, ...]]:
    """One row per line, in :data:`LINE_COLUMNS` order, money as Decimal."""
    return [
        (
            calc.claim,
            calc.participant,
            line.date,
            line.item,
            line.rule,
            line.policy_version,
            line.quantity,
            line.unit,
            line.rate,
            line.amount,
            line.category,
        )
        for calc in calculations
        for line in calc.lines
    ]


def totals_rows(
    calculations: Iterable[Calculation], benefits: Mapping[str, Iterable[Benefit]] | None = None
) -> list[tuple[Cell, ...]]:
    """One row per person and period, in :data:`TOTALS_COLUMNS` order."""
    return [
        (
            row.participant,
            row.period_kind,
            row.period.label,
            row.period.start,
            row.period.end,
            row.earnings,
            None if row.hours is None else row.hours.quantize(PENNY, ROUND_HALF_UP),
            "; ".join(row.flags),
        )
        for row in period_totals(calculations, benefits)
    ]


def _text(column: str, value: Cell) -> str:
    if value is None:
        return ""
    if isinstance(value, Decimal):
        if column in _TWO_PLACES or (column == "rate" and value == value.quantize(PENNY)):
            return f"{value:.2f}"
        return str(value)
    if isinstance(value, datetime.date):
        return value.isoformat()
    return value


def lines_csv(calculations: Iterable[Calculation]) -> str:
    """The lines as CSV text (a header row, then one row per line)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(LINE_COLUMNS)
    for row in line_rows(calculations):
        writer.writerow([_text(c, v) for c, v in zip(LINE_COLUMNS, row, strict=True)])
    return out.getvalue()


def workbook(
    calculations: Iterable[Calculation], benefits: Mapping[str, Iterable[Benefit]] | None = None
) -> bytes:
    """An .xlsx workbook with ``lines`` and ``totals`` sheets, as bytes.

    Raises :class:`~coproduction.errors.MissingDependencyError` when openpyxl
    (the ``spreadsheets`` extra) is not installed.
    """
    try:
        from openpyxl import Workbook  # noqa: PLC0415 - an optional extra, loaded when used
    except ImportError:
        msg = "writing .xlsx needs openpyxl: pip install 'coproduction[spreadsheets]'"
        raise MissingDependencyError(msg) from None
    calculations = list(calculations)
    book = Workbook()
    sheets = (
        ("lines", LINE_COLUMNS, line_rows(calculations)),
        ("totals", TOTALS_COLUMNS, totals_rows(calculations, benefits)),
    )
    exact: dict[str, dict[str, str]] = {}  # sheet file -> cell -> the Decimal's own digits
    for index, (title, columns, rows) in enumerate(sheets):
        sheet = book.active if index == 0 else book.create_sheet()
        assert sheet is not None  # noqa: S101 - a new workbook has an active sheet
        sheet.title = title
        sheet.append(columns)
        digits = exact.setdefault(f"xl/worksheets/sheet{index + 1}.xml", {})
        for row in rows:
            sheet.append(row)
            for column, cell in zip(columns, sheet[sheet.max_row], strict=True):
                if isinstance(cell.value, Decimal):
                    digits[cell.coordinate] = _text(column, cell.value)
                if column in _TWO_PLACES:
                    cell.number_format = "0.00"
                elif isinstance(cell.value, datetime.date):
                    cell.number_format = "yyyy-mm-dd"
        sheet.freeze_panes = "A2"
    out = io.BytesIO()
    book.save(out)
    return _exact_numbers(out.getvalue(), exact)


_NUMBER_CELL = re.compile(r'(<c r="([A-Z]+[0-9]+)"[^>]*><v>)([^<]*)(</v>)')


def _with_digits(xml: str, digits: dict[str, str]) -> str:
    def exact(match: re.Match[str]) -> str:
        return f"{match[1]}{digits.get(match[2], match[3])}{match[4]}"

    return _NUMBER_CELL.sub(exact, xml)


def _exact_numbers(data: bytes, exact: dict[str, dict[str, str]]) -> bytes:
    """The workbook with each Decimal cell's stored text set to the Decimal's digits.

    openpyxl writes a number through a float ("%.16g"), which turns 532721.43
    into 532721.4300000001; the sheet's XML is text, so the exact digits are
    written back into it.
    """
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            content = source.read(info.filename)
            digits = exact.get(info.filename)
            if digits:
                content = _with_digits(content.decode("utf-8"), digits).encode("utf-8")
            target.writestr(info, content)
    return out.getvalue()
